package io.flowmqtt.itests;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The operator API over real HTTP, as a browser uses it: the session cookie and the CSRF token of the
 * last login go with every call. Every answer's body is kept, so that a test can search all of them for a secret.
 */
final class OperatorApiClient {
    /** One answer. */
    record Response(int status, String body, HttpHeaders headers) {
        JsonElement json() {
            return JsonParser.parseString(body);
        }

        JsonObject object() {
            return json().getAsJsonObject();
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    private String sessionId;
    private String csrfToken;

    OperatorApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String csrfToken() {
        return csrfToken;
    }

    /** A call with this client's session and, for a write, its CSRF token. */
    Response call(String method, String path, String body) throws Exception {
        return send(method, path, body, "application/json", true, true);
    }

    Response get(String path) throws Exception {
        return call("GET", path, null);
    }

    /** A call without the session cookie (and without the CSRF token). */
    Response anonymous(String method, String path, String body) throws Exception {
        return send(method, path, body, "application/json", false, false);
    }

    /** A call with the session cookie but without the CSRF token. */
    Response withoutCsrf(String method, String path, String body) throws Exception {
        return send(method, path, body, "application/json", true, false);
    }

    Response upload(String path, byte[] body, String contentType) throws Exception {
        HttpRequest.Builder request = request(path, true, true).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return record(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * Logs in and keeps the session. Answers that only say "not yet" are waited out until {@code deadline}:
     * no server yet, no servlet yet (404), the login configuration not applied yet (503), or a slow-down
     * of an earlier wrong login (429).
     */
    Response login(String username, String password, long deadline) throws Exception {
        String body = "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}";
        while (true) {
            try {
                Response response = send("POST", "/api/v1/session", body, "application/json", false, false);
                if (response.status() == 200) {
                    String cookie = response.header("Set-Cookie");
                    sessionId = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
                    csrfToken = response.object().get("csrfToken").getAsString();
                    return response;
                }
                if (!List.of(404, 429, 503).contains(response.status()) || System.currentTimeMillis() > deadline) {
                    return response;
                }
            } catch (ConnectException notListeningYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw notListeningYet;
                }
            }
            Thread.sleep(100); // polling a condition with a deadline
        }
    }

    private Response send(String method, String path, String body, String contentType, boolean cookie, boolean csrf)
            throws Exception {
        HttpRequest.Builder request = request(path, cookie, csrf);
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return record(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpRequest.Builder request(String path, boolean cookie, boolean csrf) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (cookie && sessionId != null) {
            request.header("Cookie", "FLOWSESSION=" + sessionId);
        }
        if (csrf && csrfToken != null) {
            request.header("X-CSRF-Token", csrfToken);
        }
        return request;
    }

    private Response record(HttpResponse<String> response) {
        bodies.add(response.body());
        return new Response(response.statusCode(), response.body(), response.headers());
    }

    /** A {@code passwordHash} for {@code flow.operator}, made here with the JDK alone, as the contract describes it. */
    static String passwordHash(String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, 100_000, 256);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        return "pbkdf2-sha256:100000:" + Base64.getEncoder().encodeToString(salt) + ":" + Base64.getEncoder().encodeToString(hash);
    }

    /** The {@code status.state} of an interface or output object; empty while it has no status. */
    static String state(JsonObject configuration) {
        JsonElement status = configuration.get("status");
        return status == null || status.isJsonNull() ? "" : status.getAsJsonObject().get("state").getAsString();
    }

    /** One member of every object of a JSON array. */
    static List<String> texts(JsonElement array, String member) {
        List<String> texts = new ArrayList<>();
        array.getAsJsonArray().forEach(e -> texts.add(e.getAsJsonObject().get(member).getAsString()));
        return texts;
    }

    /** The positions of a log answer's entries. */
    static List<Long> positions(JsonObject log) {
        List<Long> positions = new ArrayList<>();
        log.getAsJsonArray("entries").forEach(e -> positions.add(e.getAsJsonObject().get("position").getAsLong()));
        return positions;
    }
}
