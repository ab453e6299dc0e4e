package io.flowmqtt.operator.page.internal;

import java.util.Map;

/**
 * Response headers of everything this bundle serves. The content security policy allows scripts,
 * styles and requests from this origin only and no inline script or handler, so that even a text
 * that slipped into the page as markup could not run; the page itself never puts outside text in as
 * markup (app.js uses textContent and value), this is the second line.
 */
final class PageHeaders {
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'");

    /** Name to value, in the order they are set. */
    static final Map<String, String> ALL = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            // revalidate on every load (the whiteboard answers 304 while the bundle is unchanged), so a
            // browser never runs a script of an older bundle against a newer API
            "Cache-Control", "no-cache");

    private PageHeaders() {
    }
}
