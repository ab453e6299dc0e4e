package io.flowmqtt.monitoring.internal;

import io.flowmqtt.api.login.OperatorLogin;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Who may read the metrics and the health: a scraper with the metrics token ({@code Authorization: Bearer}),
 * or an operator logged in to the operator API (its session cookie). With neither a token configured nor an
 * operator login present there is no login to be behind, and the endpoints are open to whoever reaches the
 * HTTP server (the runtime binds it to 127.0.0.1).
 */
final class ScrapeAccess {
    /** The answer for one request. */
    record Decision(boolean allowed, String reason) {
        static Decision allow(String who) {
            return new Decision(true, who);
        }

        static Decision refuse(String why) {
            return new Decision(false, why);
        }
    }

    static final String OPEN = "no login configured";
    static final String WRONG_TOKEN = "wrong metrics token";
    static final String LOGIN_REQUIRED = "login required: log in to the operator API (cookie " + OperatorLogin.SESSION_COOKIE
            + ") or send 'Authorization: Bearer <metrics token>' (flow.monitoring: metricsTokenHash)";

    private final Supplier<MonitoringSettings> settings;
    private final Supplier<OperatorLogin> login;

    /** @param login the operator login, or a supplier of {@code null} while there is none */
    ScrapeAccess(Supplier<MonitoringSettings> settings, Supplier<OperatorLogin> login) {
        this.settings = settings;
        this.login = login;
    }

    Decision decide(String authorization, String sessionId) {
        MonitoringSettings current = settings.get();
        String token = bearer(authorization);
        if (token != null) {
            // a token that is sent must be right: it never falls back to the cookie or to an open endpoint
            if (current.tokenDigest() != null && MessageDigest.isEqual(current.tokenDigest(), sha256(token))) {
                return Decision.allow("metrics token");
            }
            return Decision.refuse(WRONG_TOKEN);
        }
        OperatorLogin operator = login.get();
        if (operator != null && sessionId != null) {
            var user = operator.sessionUser(sessionId);
            if (user.isPresent()) {
                return Decision.allow("operator " + user.get());
            }
        }
        if (operator == null && !current.tokenConfigured()) {
            return Decision.allow(OPEN);
        }
        return Decision.refuse(LOGIN_REQUIRED);
    }

    /** The token of {@code Bearer <token>} (the scheme in any case, RFC 7235), or {@code null}. */
    static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        if (value.length() < 7 || !value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        return value.substring(7).strip();
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
