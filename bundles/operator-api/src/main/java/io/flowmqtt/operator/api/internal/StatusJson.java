package io.flowmqtt.operator.api.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.flowmqtt.api.status.CertificateInfo;
import io.flowmqtt.api.status.ConnectionCheck;
import io.flowmqtt.api.status.Counters;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.LogEntry;
import io.flowmqtt.api.status.OutputStatus;
import java.util.List;
import java.util.Locale;

/**
 * The API's records as the contract's JSON. States and kinds are the enum names in lower case
 * ({@code connected}, {@code invalid_configuration}, {@code publish}). The records carry no secret
 * (the interfaces promise it), so nothing is left out here.
 */
final class StatusJson {
    private StatusJson() {
    }

    static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    static JsonObject of(InterfaceStatus s) {
        JsonObject o = new JsonObject();
        o.addProperty("state", lower(s.state()));
        o.addProperty("broker", s.broker());
        o.addProperty("detail", s.detail());
        o.addProperty("since", s.since());
        o.add("counters", of(s.counters()));
        o.addProperty("lastError", s.lastError());
        o.addProperty("maxQos", s.maxQos());
        JsonArray warnings = new JsonArray();
        s.warnings().forEach(warnings::add);
        o.add("warnings", warnings);
        JsonArray certificates = new JsonArray();
        for (CertificateInfo c : s.certificates()) {
            JsonObject cert = new JsonObject();
            cert.addProperty("role", c.role());
            cert.addProperty("subject", c.subject());
            cert.addProperty("notAfter", c.notAfter());
            certificates.add(cert);
        }
        o.add("certificates", certificates);
        return o;
    }

    private static JsonObject of(Counters c) {
        JsonObject o = new JsonObject();
        o.addProperty("queued", c.queued());
        o.addProperty("queuedBytes", c.queuedBytes());
        o.addProperty("accepted", c.accepted());
        o.addProperty("published", c.published());
        o.addProperty("delivered", c.delivered());
        o.addProperty("dropped", c.dropped());
        o.addProperty("rejected", c.rejected());
        o.addProperty("failed", c.failed());
        o.addProperty("connects", c.connects());
        o.addProperty("reconnects", c.reconnects());
        o.addProperty("deadLettered", c.deadLettered());
        return o;
    }

    static JsonObject of(OutputStatus s) {
        JsonObject o = new JsonObject();
        o.addProperty("state", lower(s.state()));
        o.addProperty("detail", s.detail());
        o.addProperty("interface", s.interfaceName());
        o.addProperty("source", s.source());
        o.addProperty("received", s.received());
        o.addProperty("published", s.published());
        o.addProperty("filtered", s.filtered());
        o.addProperty("coalesced", s.coalesced());
        o.addProperty("rejected", s.rejected());
        o.addProperty("lastPublishedAt", s.lastPublishedAt());
        return o;
    }

    static JsonArray checks(List<ConnectionCheck> checks) {
        JsonArray all = new JsonArray();
        for (ConnectionCheck check : checks) {
            JsonObject o = new JsonObject();
            o.addProperty("address", check.address());
            o.addProperty("ok", check.ok());
            JsonArray steps = new JsonArray();
            for (ConnectionCheck.Step step : check.steps()) {
                JsonObject s = new JsonObject();
                s.addProperty("name", step.name());
                s.addProperty("ok", step.ok());
                s.addProperty("millis", step.millis());
                s.addProperty("detail", step.detail());
                steps.add(s);
            }
            o.add("steps", steps);
            all.add(o);
        }
        return all;
    }

    static JsonObject of(LogEntry e) {
        JsonObject o = new JsonObject();
        o.addProperty("position", e.position());
        o.addProperty("timestamp", e.timestamp());
        o.addProperty("kind", lower(e.kind()));
        o.addProperty("message", e.message());
        return o;
    }
}
