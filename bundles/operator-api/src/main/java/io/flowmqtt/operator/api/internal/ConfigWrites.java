package io.flowmqtt.operator.api.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.flowmqtt.api.ConfigurationValidator;
import io.flowmqtt.api.ConfigurationValidator.Problem;
import io.flowmqtt.operator.api.internal.ConfigurationStore.Stored;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Creates, replaces and deletes configurations of one kind: the body's properties checked against the
 * metatype and by the owning bundle's {@link ConfigurationValidator}, every bad property answered at once
 * (400), a name another configuration has refused (409). Values are stored as the text a {@code .cfg} file
 * holds, so that FileInstall writes them back as plain {@code key = value} lines.
 */
final class ConfigWrites {
    private final Kind kind;
    private final ConfigurationStore store;
    private final Supplier<Optional<PropertyTypes>> types;
    private final Function<String, Optional<ConfigurationValidator>> validators;
    private final boolean files;

    ConfigWrites(Kind kind, ConfigurationStore store, Supplier<Optional<PropertyTypes>> types,
                 Function<String, Optional<ConfigurationValidator>> validators, boolean files) {
        this.kind = kind;
        this.store = store;
        this.types = types;
        this.validators = validators;
        this.files = files;
    }

    Stored create(JsonObject body) throws ApiException, IOException {
        JsonObject properties = properties(body, false);
        List<Problem> problems = new ArrayList<>();
        Map<String, String> values = values(properties, problems);
        String name = text(body.get("name")).orElse(values.getOrDefault("name", "")).strip();
        if (name.isEmpty()) {
            problems.add(new Problem("name", "is required"));
        }
        values.put("name", name);
        kind.kept().forEach(key -> values.remove(key, ""));
        check(values, problems);
        synchronized (store) {
            if (store.named(name).isPresent()) {
                throw taken(name);
            }
            return store.create(name, values);
        }
    }

    /** Replaces the properties; a secret left out or {@code null} keeps its value, {@code ""} clears it. */
    Stored update(Stored existing, JsonObject body) throws ApiException, IOException {
        JsonObject properties = properties(body, true);
        List<Problem> problems = new ArrayList<>();
        Map<String, String> values = values(properties, problems);
        String name = values.getOrDefault("name", "").strip();
        name = name.isEmpty() ? existing.name() : name;
        values.put("name", name);
        for (String key : kind.kept()) {
            JsonElement given = properties.get(key);
            Object old = existing.properties().get(key);
            if ((given == null || given.isJsonNull()) && old != null) {
                values.put(key, old.toString());
            } else {
                values.remove(key, "");
            }
        }
        check(values, problems);
        synchronized (store) {
            String newName = name;
            if (!name.equals(existing.name()) && store.all().stream().anyMatch(s -> s.name().equals(newName)
                    && !s.pid().equals(existing.pid()))) {
                throw taken(name);
            }
            return store.update(existing, values);
        }
    }

    void delete(Stored existing) throws IOException {
        synchronized (store) {
            store.delete(existing);
        }
    }

    private JsonObject properties(JsonObject body, boolean required) throws ApiException {
        JsonElement properties = body.get("properties");
        if (properties == null && !required) {
            return new JsonObject();
        }
        if (properties == null || !properties.isJsonObject()) {
            throw new ApiException(400, "the body must hold \"properties\": {...}");
        }
        return properties.getAsJsonObject();
    }

    /** The body's properties as text; unknown keys and values that are not scalars become problems. */
    private Map<String, String> values(JsonObject properties, List<Problem> problems) throws ApiException {
        PropertyTypes known = types.get().orElseThrow(() -> new ApiException(503, "the " + kind.noun()
                + " properties are not known now: the bundle that describes " + kind.factoryPid() + " is not running"));
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : properties.entrySet()) {
            String key = entry.getKey();
            JsonElement value = entry.getValue();
            if (!known.writable(key)) {
                problems.add(new Problem(key, "is not a property of " + kind.factoryPid()));
            } else if (value.isJsonNull()) {
                continue; // left out: the default, or for a secret the value it has
            } else if (!value.isJsonPrimitive()) {
                problems.add(new Problem(key, "must be a string, a number or true/false"));
            } else {
                String text = Json.text(value.getAsJsonPrimitive());
                if (files && text.contains("${")) {
                    problems.add(new Problem(key, "must not contain '${': FileInstall would replace it by a property's value"));
                } else {
                    values.put(key, text);
                }
            }
        }
        return values;
    }

    private void check(Map<String, String> values, List<Problem> problems) throws ApiException {
        ConfigurationValidator validator = validators.apply(kind.factoryPid()).orElseThrow(() -> new ApiException(503,
                "the " + kind.noun() + " configurations cannot be checked now: no validator for " + kind.factoryPid()
                        + " is registered (is its bundle running?)"));
        List<String> named = problems.stream().map(Problem::property).toList();
        for (Problem p : validator.validate(new LinkedHashMap<>(values))) {
            if (!named.contains(p.property())) {
                problems.add(p);
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(400, "the " + kind.noun() + " configuration is not valid: " + problems.size()
                    + (problems.size() == 1 ? " property needs" : " properties need") + " a change", problems, Map.of());
        }
    }

    private ApiException taken(String name) {
        return new ApiException(409, "an " + kind.noun() + " named '" + name + "' exists already");
    }

    private static Optional<String> text(JsonElement value) {
        return value != null && value.isJsonPrimitive() ? Optional.of(Json.text(value.getAsJsonPrimitive())) : Optional.empty();
    }
}
