package io.flowmqtt.shell.internal;

import io.flowmqtt.api.status.CertificateInfo;
import io.flowmqtt.api.status.ConnectionCheck;
import io.flowmqtt.api.status.Counters;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.LogEntry;
import io.flowmqtt.api.status.OutputStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;

/** Renders statuses as text for the console. Pure, so it is tested without a framework. */
final class StatusText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private StatusText() {
    }

    static String interfaces(Collection<InterfaceStatus> statuses) {
        if (statuses.isEmpty()) {
            return "No MQTT interface is configured (add conf/flow.mqtt.interface-<name>.cfg).\n";
        }
        StringBuilder text = new StringBuilder();
        for (InterfaceStatus s : statuses) {
            Counters c = s.counters();
            text.append(s.name()).append(": ").append(s.state().name().toLowerCase()).append(" - ").append(s.detail())
                    .append("\n  queued ").append(c.queued()).append(" (").append(c.queuedBytes()).append(" bytes)")
                    .append(", accepted ").append(c.accepted()).append(", published ").append(c.published())
                    .append(", delivered ").append(c.delivered()).append(", dropped ").append(c.dropped())
                    .append(", rejected ").append(c.rejected()).append(", failed ").append(c.failed())
                    .append(", connects ").append(c.connects()).append(", reconnects ").append(c.reconnects())
                    .append(c.deadLettered() > 0 ? ", dead letters " + c.deadLettered() : "").append('\n');
            if (s.maxQos() >= 0 && s.maxQos() < 2) {
                text.append("  the broker grants at most QoS ").append(s.maxQos()).append('\n');
            }
            for (String warning : s.warnings()) {
                text.append("  warning: ").append(warning).append('\n');
            }
            if (s.lastError() != null) {
                text.append("  last error: ").append(s.lastError()).append('\n');
            }
            for (CertificateInfo cert : s.certificates()) {
                text.append("  ").append(cert.role()).append(" certificate ").append(cert.subject())
                        .append(" expires ").append(TIME.format(Instant.ofEpochMilli(cert.notAfter()))).append('\n');
            }
        }
        return text.toString();
    }

    static String outputs(List<OutputStatus> outputs) {
        if (outputs.isEmpty()) {
            return "No output is configured (add conf/flow.mqtt.output-<name>.cfg).\n";
        }
        StringBuilder text = new StringBuilder();
        for (OutputStatus o : outputs) {
            text.append(o.name()).append(": ").append(o.state().name().toLowerCase()).append(" - ").append(o.detail())
                    .append("\n  received ").append(o.received()).append(", published ").append(o.published())
                    .append(", filtered ").append(o.filtered()).append(", coalesced ").append(o.coalesced())
                    .append(", rejected ").append(o.rejected()).append('\n');
        }
        return text.toString();
    }

    static String checks(List<ConnectionCheck> checks) {
        StringBuilder text = new StringBuilder();
        for (ConnectionCheck check : checks) {
            text.append(check.address()).append(": ").append(check.ok() ? "OK" : "FAILED").append('\n');
            for (ConnectionCheck.Step step : check.steps()) {
                text.append(String.format("  %-8s %-4s %5d ms  %s%n", step.name(), step.ok() ? "ok" : "FAIL", step.millis(), step.detail()));
            }
        }
        return text.toString();
    }

    static String log(List<LogEntry> entries, int last) {
        StringBuilder text = new StringBuilder();
        for (int i = Math.max(0, entries.size() - last); i < entries.size(); i++) {
            LogEntry e = entries.get(i);
            text.append(TIME.format(Instant.ofEpochMilli(e.timestamp()))).append(' ')
                    .append(String.format("%-10s", e.kind().name().toLowerCase())).append(' ').append(e.message()).append('\n');
        }
        return text.toString();
    }
}
