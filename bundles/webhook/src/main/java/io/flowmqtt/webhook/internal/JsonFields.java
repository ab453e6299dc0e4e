package io.flowmqtt.webhook.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads one typed field of a webhook object, or throws a {@link BadRequest} that names the field by its
 * path ({@code [2].time_block.end}) and says what it should have been and what it was.
 */
final class JsonFields {
    /** Largest epoch-millisecond value accepted: 9999-12-31T23:59:59.999Z. */
    static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;
    private static final int MAX_ECHO = 40;

    private JsonFields() {
    }

    /** Epoch milliseconds (a number) or an ISO-8601 date-time with a zone (a string). */
    static long timestamp(JsonElement e, String field) throws BadRequest {
        if (isString(e)) {
            try {
                long millis = OffsetDateTime.parse(e.getAsString()).toInstant().toEpochMilli();
                if (millis < 0 || millis > MAX_EPOCH_MILLIS) {
                    throw new BadRequest(field + ": " + describe(e) + " is outside 1970 to 9999");
                }
                return millis;
            } catch (DateTimeParseException | ArithmeticException ex) {
                throw new BadRequest(field + ": " + describe(e) + " is not an ISO-8601 date-time with a zone, "
                        + "like 2026-11-25T14:01:47.123Z");
            }
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return integer(e, field, MAX_EPOCH_MILLIS);
        }
        throw new BadRequest(field + ": must be epoch milliseconds (a number) or an ISO-8601 date-time (a string), got "
                + describe(e));
    }

    /** A whole number from 0 to {@code max}; {@code 3.0} counts as 3. */
    static long integer(JsonElement e, String field, long max) throws BadRequest {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new BadRequest(field + ": must be a non-negative integer, got " + describe(e));
        }
        try {
            BigDecimal value = e.getAsBigDecimal();
            if (value.signum() >= 0 && value.compareTo(BigDecimal.valueOf(max)) <= 0) {
                return value.longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException notWhole) {
            // falls through to the message
        }
        throw new BadRequest(field + ": must be an integer from 0 to " + max + ", got " + describe(e));
    }

    static JsonElement required(JsonObject o, String name, String at, String what) throws BadRequest {
        if (!present(o, name)) {
            throw new BadRequest(at + name + ": required, " + what);
        }
        return o.get(name);
    }

    static String optionalString(JsonObject o, String name, String at) throws BadRequest {
        if (!present(o, name)) {
            return "";
        }
        JsonElement e = o.get(name);
        if (!isString(e)) {
            throw new BadRequest(at + name + ": must be a string, got " + describe(e));
        }
        return e.getAsString();
    }

    /** JSON null counts as absent. */
    static boolean present(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && !e.isJsonNull();
    }

    static boolean isString(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    /** What a value is, for messages; quotes at most the first characters of what the sender wrote. */
    static String describe(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return "the boolean " + p.getAsBoolean();
        }
        String text = p.getAsString();
        String shown = text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "..." : text;
        return p.isNumber() ? "the number " + shown : "the string " + new JsonPrimitive(shown);
    }
}
