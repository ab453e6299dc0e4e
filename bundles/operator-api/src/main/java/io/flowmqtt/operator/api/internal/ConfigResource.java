package io.flowmqtt.operator.api.internal;

import com.google.gson.JsonArray;
import io.flowmqtt.operator.api.internal.ConfigurationStore.Stored;
import io.flowmqtt.operator.api.internal.Sessions.Session;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/interfaces} or {@code /api/v1/outputs}: list and create; one by name: read, replace,
 * delete; and per configuration the kind's own actions ({@code log}, {@code test}). What an operator changes
 * is logged with the operator's name, never with the values.
 */
final class ConfigResource implements Resource {
    /** Something an operator can do with one configuration, like reading an interface's log. */
    @FunctionalInterface
    interface Action {
        ApiResponse handle(ApiRequest request, Stored configuration) throws ApiException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConfigResource.class);
    private static final int MAX_BODY = 1024 * 1024;

    private final Kind kind;
    private final String path;
    private final ConfigurationStore store;
    private final ConfigView view;
    private final ConfigWrites writes;
    private final Supplier<Optional<PropertyTypes>> types;
    private final Map<String, Action> actions;

    ConfigResource(Kind kind, String path, ConfigurationStore store, ConfigView view, ConfigWrites writes,
                   Supplier<Optional<PropertyTypes>> types, Map<String, Action> actions) {
        this.kind = kind;
        this.path = path;
        this.store = store;
        this.view = view;
        this.writes = writes;
        this.types = types;
        this.actions = Map.copyOf(actions);
    }

    @Override
    public ApiResponse handle(ApiRequest request, List<String> rest, Session session) throws ApiException {
        try {
            if (rest.isEmpty()) {
                return collection(request, session);
            }
            Stored stored = store.named(rest.get(0)).orElseThrow(() -> ApiException.notFound(kind.noun() + " '" + rest.get(0) + "'"));
            if (rest.size() == 1) {
                return one(request, stored, session);
            }
            Action action = rest.size() == 2 ? actions.get(rest.get(1)) : null;
            if (action == null) {
                throw new ApiException(404, "no such API: /api/v1/" + path + "/" + String.join("/", rest));
            }
            return action.handle(request, stored);
        } catch (IOException e) {
            LOG.error("Operator API: {} {} failed", request.method(), String.join("/", rest), e);
            throw new ApiException(500, "the configuration could not be read or stored: " + e);
        }
    }

    private ApiResponse collection(ApiRequest request, Session session) throws ApiException, IOException {
        switch (request.method()) {
            case "GET": {
                Optional<PropertyTypes> known = types.get();
                JsonArray all = new JsonArray();
                for (Stored stored : store.all()) {
                    all.add(view.of(stored, known));
                }
                return ApiResponse.ok(all);
            }
            case "POST": {
                Stored created = writes.create(Json.object(request.bodyBytes(MAX_BODY), "{\"name\": ..., \"properties\": {...}}"));
                LOG.info("Operator {} created the {} {} ({})", session.username(), kind.noun(), created.name(), created.pid());
                return ApiResponse.created(view.of(created, types.get()))
                        .withHeader("Location", "/api/v1/" + path + "/" + URLEncoder.encode(created.name(), StandardCharsets.UTF_8)
                                .replace("+", "%20"));
            }
            default:
                throw ApiException.methodNotAllowed("GET, POST");
        }
    }

    private ApiResponse one(ApiRequest request, Stored stored, Session session) throws ApiException, IOException {
        switch (request.method()) {
            case "GET":
                return ApiResponse.ok(view.of(stored, types.get()));
            case "PUT": {
                Stored updated = writes.update(stored, Json.object(request.bodyBytes(MAX_BODY), "{\"properties\": {...}}"));
                LOG.info("Operator {} changed the {} {}{} ({})", session.username(), kind.noun(), stored.name(),
                        updated.name().equals(stored.name()) ? "" : ", now named " + updated.name(), stored.pid());
                return ApiResponse.ok(view.of(updated, types.get()));
            }
            case "DELETE":
                writes.delete(stored);
                LOG.info("Operator {} deleted the {} {} ({})", session.username(), kind.noun(), stored.name(), stored.pid());
                return ApiResponse.noContent();
            default:
                throw ApiException.methodNotAllowed("GET, PUT, DELETE");
        }
    }
}
