package io.flowmqtt.operator.api.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.flowmqtt.api.widgets.KnownWidget;
import io.flowmqtt.api.widgets.WidgetCatalog;
import io.flowmqtt.operator.api.internal.Sessions.Session;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** What the forms need to offer choices: {@code sources}, {@code widgets} and {@code diagnostics} (read only). */
final class DataResources {
    private final Sources sources;
    private final Supplier<Optional<WidgetCatalog>> catalog;

    DataResources(Sources sources, Supplier<Optional<WidgetCatalog>> catalog) {
        this.sources = sources;
        this.catalog = catalog;
    }

    /** {@code [{"type": "network"}, ...]}: the data sources registered now, sorted. */
    Resource sources() {
        return readOnly(() -> {
            JsonArray all = new JsonArray();
            for (String type : sources.types()) {
                JsonObject o = new JsonObject();
                o.addProperty("type", type);
                all.add(o);
            }
            return all;
        });
    }

    /** The widgets reported since the widgets source started; empty without the source. */
    Resource widgets() {
        return readOnly(() -> {
            JsonArray all = new JsonArray();
            for (KnownWidget known : catalog.get().map(WidgetCatalog::widgets).orElse(List.of())) {
                JsonObject o = new JsonObject();
                o.addProperty("cube", known.widget().cubeId());
                o.addProperty("analytic", known.widget().analyticId());
                o.addProperty("widget", known.widget().widgetId());
                o.addProperty("name", known.widget().widgetName());
                o.addProperty("type", known.widget().type().jsonId());
                o.addProperty("lastReportedAt", known.lastReportedAt());
                all.add(o);
            }
            return all;
        });
    }

    /** The latest sample of each diagnostics source, {@code null} for one not present (or not sampled yet). */
    Resource diagnostics() {
        return readOnly(() -> {
            JsonObject all = new JsonObject();
            for (String type : Sources.DIAGNOSTICS) {
                all.add(type, sources.latest(type).map(s -> (JsonElement) s).orElse(JsonNull.INSTANCE));
            }
            return all;
        });
    }

    private static Resource readOnly(Supplier<JsonElement> body) {
        return (ApiRequest request, List<String> rest, Session session) -> {
            if (!rest.isEmpty()) {
                throw new ApiException(404, "no such API: /api/v1/.../" + String.join("/", rest));
            }
            if (!request.method().equals("GET")) {
                throw ApiException.methodNotAllowed("GET");
            }
            return ApiResponse.ok(body.get());
        };
    }
}
