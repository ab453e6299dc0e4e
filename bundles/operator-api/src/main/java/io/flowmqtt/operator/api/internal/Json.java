package io.flowmqtt.operator.api.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;

/**
 * JSON in and out. Out: {@code null} members are written (the contract shows {@code "lastError": null}),
 * and Gson's HTML escaping stays on ({@code <} is written as {@code \\u003c}): a response shown by mistake as
 * HTML still holds no markup.
 */
final class Json {
    static final Gson GSON = new GsonBuilder().serializeNulls().create();

    private Json() {
    }

    /** The body as a JSON object; 400 when it is not one. */
    static JsonObject object(byte[] body, String expected) throws ApiException {
        try {
            JsonElement json = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            if (json.isJsonObject()) {
                return json.getAsJsonObject();
            }
        } catch (JsonParseException notJson) {
            // answered below
        }
        throw new ApiException(400, "the body must be a JSON object: " + expected);
    }

    /** A JSON scalar as the text a {@code .cfg} file would hold: {@code 1} not {@code 1.0}, {@code true}, the string itself. */
    static String text(JsonPrimitive value) {
        if (value.isNumber()) {
            return value.getAsBigDecimal().stripTrailingZeros().toPlainString();
        }
        return value.getAsString();
    }
}
