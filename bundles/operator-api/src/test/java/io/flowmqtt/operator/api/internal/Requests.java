package io.flowmqtt.operator.api.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds API calls for the tests. */
final class Requests {
    private String sessionId;
    private String csrf;
    private String remote = "192.0.2.1";
    private String contentType = "application/json";
    private Map<String, String> query = Map.of();

    Requests session(String id, String token) {
        this.sessionId = id;
        this.csrf = token;
        return this;
    }

    Requests from(String address) {
        this.remote = address;
        return this;
    }

    Requests query(Map<String, String> parameters) {
        this.query = parameters;
        return this;
    }

    Requests contentType(String type) {
        this.contentType = type;
        return this;
    }

    ApiRequest call(String method, String path, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return new ApiRequest(method, ApiServlet.segments(path), query, contentType, sessionId, csrf, remote,
                () -> new ByteArrayInputStream(bytes));
    }

    ApiRequest call(String method, String path, byte[] body) {
        return new ApiRequest(method, ApiServlet.segments(path), query, contentType, sessionId, csrf, remote,
                () -> new ByteArrayInputStream(body));
    }

    static JsonObject object(ApiResponse response) {
        return response.body().getAsJsonObject();
    }

    static String error(ApiResponse response) {
        JsonElement error = object(response).get("error");
        return error == null ? null : error.getAsString();
    }
}
