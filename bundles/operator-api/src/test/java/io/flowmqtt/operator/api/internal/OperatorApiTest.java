package io.flowmqtt.operator.api.internal;

import static io.flowmqtt.operator.api.internal.Requests.error;
import static io.flowmqtt.operator.api.internal.Requests.object;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/** The order of refusals, login, logout, CSRF and the slow-down, through {@link OperatorApi} without a server. */
public class OperatorApiTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private static final String PASSWORD = "a-good-password";
    private static final String LOGIN = "{\"username\": \"admin\", \"password\": \"" + PASSWORD + "\"}";
    private static final String WRONG = "{\"username\": \"admin\", \"password\": \"not-it\"}";

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final Sessions sessions = new Sessions(new SecureRandom(), clock::get);
    private final AtomicReference<LoginSettings> settings = new AtomicReference<>(new LoginSettings("admin",
            PasswordHash.create(PASSWORD.toCharArray(), PasswordHash.MIN_ITERATIONS, new SecureRandom()), Duration.ofMinutes(60), null));
    private final OperatorApi api = new OperatorApi(settings::get, sessions, new SessionResource(sessions, new LoginThrottle(clock::get)),
            Map.of("things", (request, rest, session) -> {
                JsonObject body = new JsonObject();
                body.addProperty("method", request.method());
                body.addProperty("by", session.username());
                return ApiResponse.ok(body);
            }));

    private Requests loggedIn() {
        ApiResponse login = api.handle(new Requests().call("POST", "/session", LOGIN));
        assertEquals(200, login.status());
        String cookie = login.headers().get("Set-Cookie");
        String id = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        return new Requests().session(id, object(login).get("csrfToken").getAsString());
    }

    @Test
    public void withoutAPasswordHashEveryCallIs503() {
        settings.set(LoginSettings.from(new TestConfig("admin", "", 60)));
        for (String path : new String[] {"/session", "/things", "/nothing"}) {
            ApiResponse response = api.handle(new Requests().call("GET", path, (String) null));
            assertEquals(503, response.status());
            assertTrue(error(response), error(response).startsWith("no operator password is set: run bin/flow-passwd"));
        }
        settings.set(LoginSettings.from(new TestConfig("admin", "pbkdf2-sha256:10:abc:def", 60)));
        assertTrue(error(api.handle(new Requests().call("POST", "/session", LOGIN))).startsWith("flow.operator: passwordHash has 10 iterations"));
    }

    @Test
    public void aLoginOpensASessionWithAnHttpOnlyStrictCookieAndACsrfToken() {
        ApiResponse login = api.handle(new Requests().call("POST", "/session", LOGIN));
        assertEquals(200, login.status());
        assertEquals("admin", object(login).get("username").getAsString());
        String cookie = login.headers().get("Set-Cookie");
        assertTrue(cookie, cookie.matches("FLOWSESSION=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict"));
        assertFalse(login.body().toString().contains(PASSWORD));

        Requests session = loggedIn();
        ApiResponse who = api.handle(session.call("GET", "/session", (String) null));
        assertEquals(200, who.status());
        assertEquals("admin", object(who).get("username").getAsString());
        assertEquals("GET", object(api.handle(session.call("GET", "/things", (String) null))).get("method").getAsString());
    }

    @Test
    public void everyOtherCallWithoutAValidSessionIs401() {
        for (Requests caller : new Requests[] {new Requests(), new Requests().session("made-up", "made-up")}) {
            for (String method : new String[] {"GET", "POST", "PUT", "DELETE"}) {
                for (String path : new String[] {"/things", "/nothing", "/"}) {
                    ApiResponse response = api.handle(caller.call(method, path, "{}"));
                    assertEquals(method + " " + path, 401, response.status());
                    assertEquals("login required", error(response));
                }
            }
            assertEquals(401, api.handle(caller.call("GET", "/session", (String) null)).status());
        }
    }

    @Test
    public void everyWriteNeedsItsSessionsCsrfToken() {
        Requests session = loggedIn();
        Requests other = loggedIn();
        String id = session.call("GET", "/", "").sessionId();
        for (String method : new String[] {"POST", "PUT", "DELETE"}) {
            for (String token : new String[] {null, "", "wrong", other.call("GET", "/", "").csrfToken()}) {
                ApiResponse response = api.handle(new Requests().session(id, token).call(method, "/things", "{}"));
                assertEquals(403, response.status());
                assertEquals("missing or wrong CSRF token", error(response));
            }
            assertEquals(200, api.handle(session.call(method, "/things", "{}")).status());
        }
        assertEquals(200, api.handle(new Requests().session(id, null).call("GET", "/things", (String) null)).status());
        assertEquals(403, api.handle(new Requests().session(id, "wrong").call("DELETE", "/session", (String) null)).status());
    }

    @Test
    public void logoutEndsTheSessionAndClearsTheCookie() {
        Requests session = loggedIn();
        ApiResponse logout = api.handle(session.call("DELETE", "/session", (String) null));
        assertEquals(204, logout.status());
        assertNull(logout.body());
        assertTrue(logout.headers().get("Set-Cookie").startsWith("FLOWSESSION=; Path=/; Max-Age=0"));
        assertEquals(401, api.handle(session.call("GET", "/things", (String) null)).status());
    }

    @Test
    public void wrongLoginsAreRefusedAndSlowedDownPerAddress() {
        ApiResponse wrong = api.handle(new Requests().from("10.1.1.1").call("POST", "/session", WRONG));
        assertEquals(401, wrong.status());
        assertEquals("wrong username or password", error(wrong));
        assertNull(wrong.headers().get("Set-Cookie"));

        ApiResponse refused = api.handle(new Requests().from("10.1.1.1").call("POST", "/session", LOGIN));
        assertEquals(429, refused.status());
        assertEquals("1", refused.headers().get("Retry-After"));
        assertEquals(200, api.handle(new Requests().from("10.1.1.2").call("POST", "/session", LOGIN)).status());

        clock.addAndGet(1_000);
        assertEquals(401, api.handle(new Requests().from("10.1.1.1").call("POST", "/session",
                "{\"username\": \"root\", \"password\": \"" + PASSWORD + "\"}")).status());
        clock.addAndGet(1_000);
        assertEquals("1", api.handle(new Requests().from("10.1.1.1").call("POST", "/session", LOGIN)).headers().get("Retry-After"));
        clock.addAndGet(1_000);
        assertEquals(200, api.handle(new Requests().from("10.1.1.1").call("POST", "/session", LOGIN)).status());
    }

    @Test
    public void aMalformedLoginIs400WithoutRepeatingTheBody() {
        for (String body : new String[] {"", "not json " + PASSWORD, "[]", "{\"username\": \"admin\"}",
            "{\"username\": \"admin\", \"password\": 5}"}) {
            ApiResponse response = api.handle(new Requests().call("POST", "/session", body));
            assertEquals(body, 400, response.status());
            assertFalse(response.body().toString().contains(PASSWORD));
        }
        assertEquals(405, api.handle(new Requests().call("PUT", "/session", LOGIN)).status());
    }

    @Test
    public void newLoginSettingsEndEverySession() {
        Requests session = loggedIn();
        sessions.reset(Duration.ofMinutes(5));
        assertEquals(401, api.handle(session.call("GET", "/things", (String) null)).status());
    }

    @Test
    public void anUnknownApiIs404AndAFaultIs500WithoutItsMessage() {
        Requests session = loggedIn();
        assertEquals(404, api.handle(session.call("GET", "/nothing", (String) null)).status());
        OperatorApi failing = new OperatorApi(settings::get, sessions, new SessionResource(sessions, new LoginThrottle(clock::get)),
                Map.of("things", (request, rest, s) -> {
                    throw new IllegalStateException("secret detail");
                }));
        ApiResponse response = failing.handle(session.call("GET", "/things", (String) null));
        assertEquals(500, response.status());
        assertFalse(response.body().toString().contains("secret detail"));
    }

    /** The typed configuration as DS would make it. */
    record TestConfig(String username, String passwordHash, int sessionMinutes) implements OperatorConfig {
        @Override
        public Class<? extends java.lang.annotation.Annotation> annotationType() {
            return OperatorConfig.class;
        }
    }
}
