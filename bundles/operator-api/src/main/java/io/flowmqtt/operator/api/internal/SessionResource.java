package io.flowmqtt.operator.api.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.flowmqtt.api.login.OperatorLogin;
import io.flowmqtt.operator.api.internal.Sessions.Session;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/session}: login (POST), who is logged in (GET), logout (DELETE). Failed logins are slowed
 * down per remote address ({@link LoginThrottle}), and at most two password checks run at once, so that a
 * flood of logins costs the device at most two cores' worth of hashing.
 */
final class SessionResource {
    static final String COOKIE = OperatorLogin.SESSION_COOKIE;
    private static final Logger LOG = LoggerFactory.getLogger(SessionResource.class);
    private static final int MAX_BODY = 4096;

    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final Semaphore checks = new Semaphore(2);

    SessionResource(Sessions sessions, LoginThrottle throttle) {
        this.sessions = sessions;
        this.throttle = throttle;
    }

    ApiResponse handle(ApiRequest request, LoginSettings settings) throws ApiException {
        switch (request.method()) {
            case "POST":
                return login(request, settings);
            case "GET":
                return ApiResponse.ok(describe(current(request)));
            case "DELETE":
                Session session = current(request);
                if (!session.csrfMatches(request.csrfToken())) {
                    throw new ApiException(403, "missing or wrong CSRF token");
                }
                sessions.close(request.sessionId());
                LOG.info("Operator {} logged out", session.username());
                return ApiResponse.noContent().withHeader("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
            default:
                throw ApiException.methodNotAllowed("GET, POST, DELETE");
        }
    }

    private Session current(ApiRequest request) throws ApiException {
        Optional<Session> session = sessions.find(request.sessionId());
        if (session.isEmpty()) {
            throw new ApiException(401, "login required");
        }
        return session.get();
    }

    private ApiResponse login(ApiRequest request, LoginSettings settings) throws ApiException {
        String address = request.remoteAddress();
        refuseWhileThrottled(address);
        String[] credentials = credentials(request.bodyBytes(MAX_BODY));
        boolean ok;
        try {
            if (!checks.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new ApiException(429, "too many logins at once; try again", List.of(), Map.of("Retry-After", "1"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "the server is stopping");
        }
        try {
            refuseWhileThrottled(address); // another attempt from this address may have failed while this one waited
            // the hash is computed even for a wrong user name, so that the answer's timing does not tell which was wrong
            boolean passwordOk = settings.hash().matches(credentials[1].toCharArray());
            ok = PasswordHash.sameText(settings.username(), credentials[0]) & passwordOk;
            if (ok) {
                throttle.succeeded(address);
            } else {
                throttle.failed(address);
            }
        } finally {
            checks.release();
        }
        if (!ok) {
            // neither the user name tried (it may be a password typed into the wrong field) nor the password
            LOG.warn("Operator login failed from {}", address);
            throw new ApiException(401, "wrong username or password");
        }
        sessions.close(request.sessionId()); // a login never continues a session it was handed (session fixation)
        Map.Entry<String, Session> opened = sessions.open(settings.username());
        LOG.info("Operator {} logged in from {}", settings.username(), address);
        return ApiResponse.ok(describe(opened.getValue()))
                .withHeader("Set-Cookie", COOKIE + "=" + opened.getKey() + "; Path=/; HttpOnly; SameSite=Strict");
    }

    private void refuseWhileThrottled(String address) throws ApiException {
        long wait = throttle.waitMillis(address);
        if (wait > 0) {
            long seconds = (wait + 999) / 1000;
            throw new ApiException(429, "too many failed logins from this address: try again in " + seconds + " s",
                    List.of(), Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    private static String[] credentials(byte[] body) throws ApiException {
        try {
            JsonElement json = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            if (json.isJsonObject()) {
                JsonObject o = json.getAsJsonObject();
                if (isText(o, "username") && isText(o, "password")) {
                    return new String[] {o.get("username").getAsString(), o.get("password").getAsString()};
                }
            }
        } catch (JsonParseException notJson) {
            // answered below, without quoting the body (it holds a password)
        }
        throw new ApiException(400, "the body must be {\"username\": \"...\", \"password\": \"...\"}");
    }

    private static boolean isText(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() && o.get(key).getAsJsonPrimitive().isString();
    }

    private static JsonObject describe(Session session) {
        JsonObject body = new JsonObject();
        body.addProperty("username", session.username());
        body.addProperty("csrfToken", session.csrfToken());
        return body;
    }
}
