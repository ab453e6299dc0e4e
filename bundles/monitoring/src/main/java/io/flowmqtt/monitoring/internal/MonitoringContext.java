package io.flowmqtt.monitoring.internal;

import io.flowmqtt.api.login.OperatorLogin;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.osgi.framework.Bundle;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servlet context {@value #NAME} on the Servlet Whiteboard: every servlet that selects it (this bundle's
 * {@code /metrics}, the Felix health servlet at {@code /system/health}) is answered only after
 * {@link ScrapeAccess} let the request in. Checking here rather than in each servlet means a servlet of another
 * bundle cannot forget it.
 */
final class MonitoringContext extends ServletContextHelper {
    static final String NAME = "flow-monitoring";
    private static final Logger LOG = LoggerFactory.getLogger(MonitoringContext.class);
    private static final long WARN_TOKEN_EVERY_MILLIS = 60_000;
    private static final long WARN_OPEN_EVERY_MILLIS = 3_600_000;

    private final ScrapeAccess access;
    private final LongSupplier clock;
    private final AtomicLong lastTokenWarning = new AtomicLong(Long.MIN_VALUE / 2);
    private final AtomicLong lastOpenWarning = new AtomicLong(Long.MIN_VALUE / 2);

    MonitoringContext(Bundle bundle, ScrapeAccess access, LongSupplier clock) {
        super(bundle);
        this.access = access;
        this.clock = clock;
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ScrapeAccess.Decision decision = access.decide(request.getHeader("Authorization"), sessionId(request));
        if (decision.allowed()) {
            if (decision.reason().equals(ScrapeAccess.OPEN)) {
                warnAtMost(lastOpenWarning, WARN_OPEN_EVERY_MILLIS, "Monitoring: answered {} from {} without a login: there is no "
                        + "operator login and no metrics token (flow.monitoring: metricsTokenHash); logged at most once an hour",
                        request.getRequestURI(), request.getRemoteAddr());
            }
            return true;
        }
        if (decision.reason().equals(ScrapeAccess.WRONG_TOKEN)) {
            // worth a line in the log; a scraper that keeps sending it is not worth one per scrape
            warnAtMost(lastTokenWarning, WARN_TOKEN_EVERY_MILLIS, "Monitoring: refused a request for {} with a wrong metrics "
                    + "token from {}; logged at most once a minute", request.getRequestURI(), request.getRemoteAddr());
        }
        byte[] body = (decision.reason() + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"" + NAME + "\"");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        return false;
    }

    private void warnAtMost(AtomicLong last, long everyMillis, String format, Object... arguments) {
        long now = clock.getAsLong();
        long previous = last.get();
        if (now - previous >= everyMillis && last.compareAndSet(previous, now)) {
            LOG.warn(format, arguments);
        }
    }

    private static String sessionId(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (OperatorLogin.SESSION_COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
