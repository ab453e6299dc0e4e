package io.flowmqtt.webhook.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonIOException;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A webhook body's bytes to one JSON value, or a sentence saying why not: not UTF-8, empty, a syntax
 * error (Gson's message, shortened), or data after the value. Read strictly (RFC 8259; no comments, no
 * single quotes, no trailing data) with Gson's nesting limit.
 */
final class JsonBody {
    private static final int MAX_SYNTAX_MESSAGE = 160;

    private JsonBody() {
    }

    static JsonElement read(byte[] body) throws BadRequest {
        return readJson(decode(body));
    }

    private static String decode(byte[] body) throws BadRequest {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest("the body is not valid UTF-8 text");
        }
        if (text.isBlank()) {
            throw new BadRequest("the body is empty; send a widget object or an array of them as JSON");
        }
        return text;
    }

    private static JsonElement readJson(String text) throws BadRequest {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        try {
            JsonElement root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new BadRequest("the body is not valid JSON: more data follows the JSON value at " + where(reader));
            }
            return root;
        } catch (JsonParseException | IOException e) {
            throw new BadRequest("the body is not valid JSON: " + syntaxError(e));
        } catch (StackOverflowError | NumberFormatException e) {
            throw new BadRequest("the body is not valid JSON: it is nested too deeply or has an unusable number");
        }
    }

    private static String syntaxError(Exception e) {
        Throwable cause = e;
        while ((cause instanceof JsonParseException || cause instanceof JsonIOException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        int newline = message.indexOf('\n'); // Gson appends a link to its troubleshooting guide
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        message = message.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
        if (message.length() > MAX_SYNTAX_MESSAGE) { // a deep JSON path can be long
            message = message.substring(0, MAX_SYNTAX_MESSAGE) + "...";
        }
        if (cause instanceof java.io.EOFException) {
            return "it ends early, the body may be truncated (" + message + ")";
        }
        return message;
    }

    private static String where(JsonReader reader) {
        String location = reader.toString(); // "JsonReader at line 1 column 10 path $"
        int at = location.indexOf(" at ");
        return at >= 0 ? location.substring(at + 4) : location;
    }
}
