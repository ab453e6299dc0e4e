package io.flowmqtt.webhook.internal;

import com.google.gson.JsonObject;
import io.flowmqtt.api.widgets.WidgetReporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what to answer one webhook request, independent of the servlet API so that it can be
 * tested on fixed inputs. Checks in this order: method (405), configuration and availability
 * (503), token (401), content type (415), size (413, without reading past the limit), body (400);
 * then reports every widget and answers 200 {@code {"accepted": n}}. Errors use FLOW's REST error
 * envelope. Requests share nothing but the counters.
 */
final class WebhookHandler {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
    private static final int READ_CHUNK = 8192;

    /**
     * What the handler needs of a request. {@code contentLength} is -1 when unknown (chunked). The
     * body is opened only when it is going to be read: opening it makes the server send
     * "100 Continue", and a refused request should not invite the client to send its body.
     */
    record Request(String method, String contentType, String authorization, String query, long contentLength,
                   Body body) {
    }

    /** Opens the request body. */
    @FunctionalInterface
    interface Body {
        InputStream open() throws IOException;
    }

    /** The answer: status, extra headers, and a JSON body. */
    record Reply(int status, Map<String, String> headers, JsonObject body) {
    }

    private final Supplier<WebhookSettings> settings;
    private final Supplier<WidgetReporter> reporter;
    private final WebhookStats stats;
    private final LongSupplier clock;

    WebhookHandler(Supplier<WebhookSettings> settings, Supplier<WidgetReporter> reporter, WebhookStats stats, LongSupplier clock) {
        this.settings = settings;
        this.reporter = reporter;
        this.stats = stats;
        this.clock = clock;
    }

    Reply handle(Request request) {
        WebhookSettings s = settings.get();
        if (!"POST".equals(request.method())) {
            return reject(Rejection.METHOD_NOT_ALLOWED, "only POST is accepted here, not " + request.method(), Map.of("Allow", "POST"));
        }
        if (s.problem() != null) {
            return reject(Rejection.UNAVAILABLE, "the webhook input has an invalid configuration (flow.webhook); its status names the property");
        }
        if (!s.enabled()) {
            return reject(Rejection.UNAVAILABLE, "the webhook input is disabled (flow.webhook enabled=false)");
        }
        if (!authorized(request, s)) {
            return reject(Rejection.UNAUTHORIZED, "a valid token is required: send 'Authorization: Bearer <token>' or ?token=<token>",
                    Map.of("WWW-Authenticate", "Bearer realm=\"flow-webhook\""));
        }
        WidgetReporter target = reporter.get();
        if (target == null) {
            return reject(Rejection.UNAVAILABLE, "the widgets source is not running, so nothing can be reported; try again later");
        }
        String mediaProblem = mediaTypeProblem(request.contentType());
        if (mediaProblem != null) {
            return reject(Rejection.UNSUPPORTED_MEDIA_TYPE, mediaProblem);
        }
        if (request.contentLength() > s.maxBodyBytes()) {
            return tooLarge("the body has " + request.contentLength() + " bytes; at most " + s.maxBodyBytes() + " are accepted");
        }
        byte[] body;
        try {
            body = readAtMost(request.body().open(), s.maxBodyBytes());
        } catch (TooLarge e) {
            return tooLarge("the body is larger than " + s.maxBodyBytes() + " bytes, the most accepted");
        } catch (IOException e) {
            return reject(Rejection.BAD_REQUEST, "the body could not be read to its end (" + e.getClass().getSimpleName() + ")");
        }
        long now = clock.getAsLong();
        List<Report> reports;
        try {
            reports = WebhookParser.parse(body, s.defaultWidgetType(), now);
        } catch (BadRequest e) {
            return reject(Rejection.BAD_REQUEST, e.getMessage());
        }
        for (int i = 0; i < reports.size(); i++) {
            try {
                reports.get(i).deliverTo(target);
            } catch (RuntimeException e) {
                LOG.warn("The widgets source refused report {} of {} from a webhook", i + 1, reports.size(), e);
                return reject(Rejection.FAILED, "the widgets source failed on report " + (i + 1) + " of " + reports.size()
                        + (i == 0 ? "" : " (the ones before it were reported)") + ": " + e.getClass().getSimpleName());
            }
        }
        stats.accepted(reports.size(), now);
        JsonObject ack = new JsonObject();
        ack.addProperty("accepted", reports.size());
        return new Reply(200, Map.of(), ack);
    }

    private Reply tooLarge(String message) {
        // the rest of the body is not read: the connection cannot be reused
        return reject(Rejection.PAYLOAD_TOO_LARGE, message, Map.of("Connection", "close"));
    }

    private Reply reject(Rejection reason, String message) {
        return reject(reason, message, Map.of());
    }

    private Reply reject(Rejection reason, String message, Map<String, String> headers) {
        stats.rejected(reason, message, clock.getAsLong());
        LOG.debug("Webhook request rejected: {} {}", reason.status(), message);
        return new Reply(reason.status(), headers, envelope(reason, message));
    }

    /** FLOW's REST error envelope: {@code {"error": {"code": 400, "reason": "Bad Request", "message": "..."}}}. */
    static JsonObject envelope(Rejection reason, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("code", reason.status());
        error.addProperty("reason", reason.reason());
        error.addProperty("message", message);
        JsonObject body = new JsonObject();
        body.add("error", error);
        return body;
    }

    /** The bearer token and every {@code token} query parameter are checked; any match will do. */
    static boolean authorized(Request request, WebhookSettings settings) {
        boolean ok = false;
        String header = request.authorization();
        if (header != null && header.length() > 7 && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ok = settings.tokenMatches(header.substring(7).strip());
        }
        String query = request.query();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("token=")) {
                    ok |= settings.tokenMatches(urlDecode(pair.substring(6)));
                }
            }
        }
        return ok;
    }

    private static String urlDecode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return null;
        }
    }

    /** {@code null} for JSON in UTF-8; otherwise what the sender should change. */
    static String mediaTypeProblem(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "Content-Type is missing; send application/json";
        }
        String[] parts = contentType.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            return "Content-Type must be application/json, not " + (type.length() > 60 ? type.substring(0, 60) + "..." : type);
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].strip().split("=", 2);
            if (parameter.length == 2 && parameter[0].strip().equalsIgnoreCase("charset")) {
                String charset = parameter[1].strip().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return "JSON must be sent as UTF-8, not " + (charset.length() > 30 ? charset.substring(0, 30) + "..." : charset);
                }
            }
        }
        return null;
    }

    /** Reads the body, holding at most {@code max} bytes: one byte more and it stops with {@link TooLarge}. */
    static byte[] readAtMost(InputStream in, int max) throws IOException, TooLarge {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, READ_CHUNK));
        byte[] chunk = new byte[READ_CHUNK];
        int total = 0;
        while (true) {
            int n = in.read(chunk, 0, Math.min(chunk.length, max + 1 - total));
            if (n < 0) {
                return out.toByteArray();
            }
            total += n;
            if (total > max) {
                throw new TooLarge();
            }
            out.write(chunk, 0, n);
        }
    }

    /** The body has more bytes than allowed. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }
}
