package io.flowmqtt.operator.api.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adapts the servlet API to {@link OperatorApi}, for every method. Every answer is JSON with
 * {@code Cache-Control: no-store} (nothing an operator saw stays in a cache) and
 * {@code X-Content-Type-Options: nosniff} (a browser never takes it for HTML).
 */
final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final long DRAIN_LIMIT = 64 * 1024;

    private final transient OperatorApi api;

    ApiServlet(OperatorApi api) {
        this.api = api;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ApiResponse reply = api.handle(new ApiRequest(request.getMethod(), segments(request.getPathInfo()), query(request),
                request.getContentType(), sessionId(request), request.getHeader("X-CSRF-Token"), request.getRemoteAddr(),
                request::getInputStream));
        finishBody(request, response);
        response.setStatus(reply.status());
        reply.headers().forEach(response::setHeader);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (reply.body() == null) {
            return;
        }
        byte[] body = Json.GSON.toJson(reply.body()).getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Reads what the handler left of the request body (a refused call does not read it), up to
     * {@value #DRAIN_LIMIT} bytes: a connection whose request was not read to its end cannot carry the next
     * request, and a client that reuses it would find it closed under that request. More than that, and
     * the answer says {@code Connection: close} instead.
     */
    private static void finishBody(HttpServletRequest request, HttpServletResponse response) {
        if (request.getHeader("Content-Length") == null && request.getHeader("Transfer-Encoding") == null) {
            return;
        }
        try {
            InputStream in = request.getInputStream();
            byte[] buffer = new byte[8192];
            long read = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                read += n;
                if (read > DRAIN_LIMIT) {
                    response.setHeader("Connection", "close");
                    return;
                }
            }
        } catch (IOException | IllegalStateException unreadable) {
            response.setHeader("Connection", "close");
        }
    }

    /** {@code /interfaces/plant%201/log} (decoded by the container) as {@code [interfaces, plant 1, log]}. */
    static List<String> segments(String pathInfo) {
        List<String> segments = new ArrayList<>();
        if (pathInfo != null) {
            for (String segment : pathInfo.split("/")) {
                if (!segment.isEmpty()) {
                    segments.add(segment);
                }
            }
        }
        return segments;
    }

    private static Map<String, String> query(HttpServletRequest request) {
        Map<String, String> query = new HashMap<>();
        // only the query string: getParameter would read a form body the handlers want as it is
        String text = request.getQueryString();
        if (text != null) {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                query.putIfAbsent(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    private static String sessionId(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (SessionResource.COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
