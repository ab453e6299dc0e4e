package io.flowmqtt.operator.api.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.status.LogEntry;
import io.flowmqtt.operator.api.internal.ConfigurationStore.Stored;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** What an operator does with one interface besides configuring it: follow its log, test its connection. */
final class InterfaceActions {
    /** Entries per answer: a reader far behind catches up over a few polls instead of one huge answer. */
    static final int MAX_ENTRIES = 1000;

    private final BiFunction<String, String, Optional<MqttInterface>> interfaces;

    /** @param interfaces the running interface of a configuration PID and name */
    InterfaceActions(BiFunction<String, String, Optional<MqttInterface>> interfaces) {
        this.interfaces = interfaces;
    }

    /** {@code GET .../log?since=<position>}: the lines after that position, {@code next} the last one returned. */
    ApiResponse log(ApiRequest request, Stored stored) throws ApiException {
        if (!request.method().equals("GET")) {
            throw ApiException.methodNotAllowed("GET");
        }
        long since;
        try {
            since = Long.parseLong(request.query().getOrDefault("since", "0").strip());
        } catch (NumberFormatException e) {
            throw new ApiException(400, "since must be a log position (a whole number)");
        }
        List<LogEntry> entries = running(stored).communicationLog(since);
        JsonArray list = new JsonArray();
        long next = since;
        for (LogEntry entry : entries.subList(0, Math.min(MAX_ENTRIES, entries.size()))) {
            list.add(StatusJson.of(entry));
            next = Math.max(next, entry.position());
        }
        JsonObject body = new JsonObject();
        body.addProperty("next", next);
        body.add("entries", list);
        return ApiResponse.ok(body);
    }

    /** {@code POST .../test}: the staged connection test of every address; blocks while it runs. */
    ApiResponse test(ApiRequest request, Stored stored) throws ApiException {
        if (!request.method().equals("POST")) {
            throw ApiException.methodNotAllowed("POST");
        }
        return ApiResponse.ok(StatusJson.checks(running(stored).testConnection()));
    }

    private MqttInterface running(Stored stored) throws ApiException {
        return interfaces.apply(stored.pid(), stored.name()).orElseThrow(() -> new ApiException(503,
                "the interface '" + stored.name() + "' is not running (is the transport bundle active?)"));
    }
}
