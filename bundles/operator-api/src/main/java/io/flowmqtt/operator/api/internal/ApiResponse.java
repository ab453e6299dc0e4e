package io.flowmqtt.operator.api.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.flowmqtt.api.ConfigurationValidator.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an API call answers: a status, a JSON body ({@code null} for 204) and extra headers. Every text in
 * a body is JSON data; the page puts it into the document as text.
 */
record ApiResponse(int status, JsonElement body, Map<String, String> headers) {

    ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse ok(JsonElement body) {
        return new ApiResponse(200, body, Map.of());
    }

    static ApiResponse created(JsonElement body) {
        return new ApiResponse(201, body, Map.of());
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, null, Map.of());
    }

    /** {@code {"error": message, "problems": [...]}}, problems only when there are some. */
    static ApiResponse error(int status, String message, List<Problem> problems, Map<String, String> headers) {
        JsonObject body = new JsonObject();
        body.addProperty("error", message);
        if (!problems.isEmpty()) {
            JsonArray list = new JsonArray();
            for (Problem p : problems) {
                JsonObject one = new JsonObject();
                one.addProperty("property", p.property());
                one.addProperty("message", p.message());
                list.add(one);
            }
            body.add("problems", list);
        }
        return new ApiResponse(status, body, headers);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, body, more);
    }
}
