package io.flowmqtt.operator.api.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * The properties of one PID as its metatype describes them, in the metatype's order: which keys an
 * operator may write, their types (a configuration from a {@code .cfg} file holds strings; the API shows
 * numbers and booleans as such) and defaults.
 */
record PropertyTypes(String pid, Map<String, Attribute> attributes) {

    PropertyTypes {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * One property.
     *
     * @param id           the key
     * @param type         an {@link AttributeDefinition} type constant
     * @param defaultValue the default as text, or {@code null}
     */
    record Attribute(String id, int type, String defaultValue) {
        boolean password() {
            return type == AttributeDefinition.PASSWORD;
        }

        /** A stored value as JSON of this property's type; a value that does not parse stays the text it is. */
        JsonElement toJson(Object value) {
            if (value == null) {
                return JsonNull.INSTANCE;
            }
            if (value instanceof Number n) {
                return new JsonPrimitive(n);
            }
            if (value instanceof Boolean b) {
                return new JsonPrimitive(b);
            }
            String text = value.toString();
            switch (type) {
                case AttributeDefinition.INTEGER, AttributeDefinition.LONG, AttributeDefinition.SHORT, AttributeDefinition.BYTE:
                    try {
                        return new JsonPrimitive(Long.parseLong(text.strip()));
                    } catch (NumberFormatException e) {
                        return new JsonPrimitive(text);
                    }
                case AttributeDefinition.BOOLEAN:
                    String b = text.strip();
                    return b.equalsIgnoreCase("true") || b.equalsIgnoreCase("false")
                            ? new JsonPrimitive(Boolean.parseBoolean(b)) : new JsonPrimitive(text);
                default:
                    return new JsonPrimitive(text);
            }
        }
    }

    /** Whether an operator may write {@code key}: a property of the metatype, not a web console hint. */
    boolean writable(String key) {
        return attributes.containsKey(key) && !key.startsWith("webconsole.");
    }
}
