package io.flowmqtt.webhook.internal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Adapts the servlet API to {@link WebhookHandler}; handles every method, so that non-POST gets 405. */
final class WebhookServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient WebhookHandler handler;

    WebhookServlet(WebhookHandler handler) {
        this.handler = handler;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebhookHandler.Reply reply = handler.handle(new WebhookHandler.Request(request.getMethod(), request.getContentType(),
                request.getHeader("Authorization"), request.getQueryString(), request.getContentLengthLong(),
                request::getInputStream));
        byte[] body = reply.body().toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(reply.status());
        reply.headers().forEach(response::setHeader);
        response.setHeader("Cache-Control", "no-store");
        if (reply.status() >= 400) {
            // A refused body is not read (or not to its end), so this connection cannot carry another
            // request: say so, or a client reusing it finds it closed under its next request.
            response.setHeader("Connection", "close");
        }
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
