package io.flowmqtt.operator.api.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.flowmqtt.operator.api.internal.ConfigurationStore.Stored;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * A configuration as the API shows it: {@code {"name", "properties", "secrets", "status"}}. The properties
 * are those of the metatype, each with its configured value or else its default; keys that the metatype does
 * not know are left out (a misspelt {@code pasword} in a hand-written file is no less secret). Secrets are
 * never in it, only whether they are set. Without the metatype (its bundle is stopped) only the name is shown.
 */
final class ConfigView {
    private final Kind kind;
    private final Function<Stored, Optional<JsonObject>> status;

    ConfigView(Kind kind, Function<Stored, Optional<JsonObject>> status) {
        this.kind = kind;
        this.status = status;
    }

    JsonObject of(Stored stored, Optional<PropertyTypes> types) {
        JsonObject properties = new JsonObject();
        JsonObject secrets = new JsonObject();
        for (String secret : kind.kept()) {
            secrets.addProperty(secret, false);
        }
        if (types.isPresent()) {
            for (PropertyTypes.Attribute attribute : types.get().attributes().values()) {
                String key = attribute.id();
                Object value = stored.properties().get(key);
                if (!types.get().writable(key)) {
                    continue;
                }
                if (kind.secret(key, attribute.password())) {
                    secrets.addProperty(key, value != null && !value.toString().isEmpty());
                } else if (kind.inlineSecrets().contains(key) && Kind.inline(value)) {
                    secrets.addProperty(key, true);
                } else {
                    properties.add(key, shown(attribute, key.equals("name") ? stored.name() : value));
                }
            }
        } else {
            properties.addProperty("name", stored.name());
            for (String secret : kind.kept()) {
                Object value = stored.properties().get(secret);
                secrets.addProperty(secret, value != null && !value.toString().isEmpty()
                        && (kind.secrets().contains(secret) || Kind.inline(value)));
            }
        }
        JsonObject o = new JsonObject();
        o.addProperty("name", stored.name());
        o.add("properties", properties);
        if (!kind.kept().isEmpty()) {
            o.add("secrets", secrets);
        }
        o.add("status", status.apply(stored).map(s -> (JsonElement) s).orElse(JsonNull.INSTANCE));
        return o;
    }

    private static JsonElement shown(PropertyTypes.Attribute attribute, Object value) {
        if (value != null) {
            return attribute.toJson(value);
        }
        if (attribute.defaultValue() != null) {
            return attribute.toJson(attribute.defaultValue());
        }
        return attribute.type() == AttributeDefinition.STRING ? new JsonPrimitive("") : JsonNull.INSTANCE;
    }
}
