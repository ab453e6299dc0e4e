package io.flowmqtt.monitoring.internal;

import io.flowmqtt.api.status.CertificateInfo;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.Counters;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.OutputState;
import io.flowmqtt.api.status.OutputStatus;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The interfaces' and outputs' status as Prometheus metric families, built fresh for each scrape from
 * {@code MqttInterface.status()} and {@code OutputRegistry.outputs()}: nothing is counted twice, and a metric
 * can never disagree with the status the operator page shows. Counter families are named without
 * {@code _total}; the text writer appends it.
 */
final class FlowMetrics {
    private static final String IFACE = "flow_mqtt_interface_";
    private static final String OUTPUT = "flow_mqtt_output_";

    private record Counter<T>(String name, String help, ToLongFunction<T> value) {
    }

    private static final List<Counter<Counters>> INTERFACE_COUNTERS = List.of(
            new Counter<>("accepted", "Messages accepted into the interface's queue.", Counters::accepted),
            new Counter<>("published", "PUBLISH packets handed to the MQTT client, retransmissions after a reconnect included.",
                    Counters::published),
            new Counter<>("delivered", "Messages whose delivery completed (QoS 0 written, QoS 1 PUBACK, QoS 2 PUBCOMP).",
                    Counters::delivered),
            new Counter<>("dropped", "Messages dropped by the queue's drop policy.", Counters::dropped),
            new Counter<>("rejected", "Messages refused (interface disabled or invalid, queue failed, message unusable).",
                    Counters::rejected),
            new Counter<>("failed", "Publish attempts that failed and were left in the queue for a retry.", Counters::failed),
            new Counter<>("connects", "Successful connections to the broker.", Counters::connects),
            new Counter<>("reconnects", "Connection attempts after the first, successful or not.", Counters::reconnects));

    private static final List<Counter<OutputStatus>> OUTPUT_COUNTERS = List.of(
            new Counter<>("received", "Events received from the output's data source.", OutputStatus::received),
            new Counter<>("published", "Messages handed to the interface and queued there.", OutputStatus::published),
            new Counter<>("filtered", "Events left out by the policy or the widget selection.", OutputStatus::filtered),
            new Counter<>("coalesced", "Updates replaced by a newer update of the same event (minUpdateInterval).",
                    OutputStatus::coalesced),
            new Counter<>("rejected", "Messages the interface did not queue.", OutputStatus::rejected));

    private FlowMetrics() {
    }

    /**
     * @param interfaces the status of every interface; of two with the same name only the first counts, so that
     *                   a rename caught half-way never fails a scrape
     * @param outputs    the status of every output
     * @param nowMillis  now, for the certificates' time to expiry
     */
    static MetricSnapshots snapshot(Collection<InterfaceStatus> interfaces, Collection<OutputStatus> outputs, long nowMillis) {
        List<InterfaceStatus> ifaces = unique(interfaces, InterfaceStatus::name);
        List<OutputStatus> outs = unique(outputs, OutputStatus::name);
        List<MetricSnapshot> families = new ArrayList<>();
        for (Counter<Counters> c : INTERFACE_COUNTERS) {
            families.add(counter(IFACE + c.name(), c.help(), ifaces, s -> c.value().applyAsLong(s.counters()), FlowMetrics::interfaceLabels));
        }
        families.add(gauge(IFACE + "queued_messages", "Messages in the queue now, not yet delivered (in flight included).",
                ifaces, s -> s.counters().queued(), FlowMetrics::interfaceLabels));
        families.add(gauge(IFACE + "queued_bytes", "Payload bytes of the messages in the queue.",
                ifaces, s -> s.counters().queuedBytes(), FlowMetrics::interfaceLabels));
        families.add(gauge(IFACE + "dead_letters", "Messages in the interface's dead-letter file.",
                ifaces, s -> s.counters().deadLettered(), FlowMetrics::interfaceLabels));
        families.add(interfaceStates(ifaces));
        families.add(certificates(ifaces, nowMillis));
        for (Counter<OutputStatus> c : OUTPUT_COUNTERS) {
            families.add(counter(OUTPUT + c.name(), c.help(), outs, c.value(), FlowMetrics::outputLabels));
        }
        families.add(outputStates(outs));
        families.add(gauge(OUTPUT + "last_published_timestamp_seconds",
                "When the output last handed a message to its interface (Unix time); absent while it has not since start.",
                outs.stream().filter(o -> o.lastPublishedAt() > 0).toList(), o -> o.lastPublishedAt() / 1000.0,
                FlowMetrics::outputLabels));
        return new MetricSnapshots(families);
    }

    private static <T> MetricSnapshot counter(String name, String help, List<T> items, ToLongFunction<T> value,
                                              Function<T, Labels> labels) {
        CounterSnapshot.Builder family = CounterSnapshot.builder().name(name).help(help);
        for (T item : items) {
            family.dataPoint(CounterDataPointSnapshot.builder().value(value.applyAsLong(item)).labels(labels.apply(item)).build());
        }
        return family.build();
    }

    private static <T> MetricSnapshot gauge(String name, String help, List<T> items, ToDoubleFunction<T> value,
                                            Function<T, Labels> labels) {
        GaugeSnapshot.Builder family = GaugeSnapshot.builder().name(name).help(help);
        for (T item : items) {
            family.dataPoint(GaugeDataPointSnapshot.builder().value(value.applyAsDouble(item)).labels(labels.apply(item)).build());
        }
        return family.build();
    }

    /** One series per state and interface, 1 for the state it is in: {@code max by (state)} and alerts need no regex. */
    private static MetricSnapshot interfaceStates(List<InterfaceStatus> ifaces) {
        GaugeSnapshot.Builder family = GaugeSnapshot.builder().name(IFACE + "state")
                .help("1 for the state the interface is in, 0 for the others.");
        for (InterfaceStatus s : ifaces) {
            for (ConnectionState state : ConnectionState.values()) {
                family.dataPoint(GaugeDataPointSnapshot.builder().value(state == s.state() ? 1 : 0)
                        .labels(Labels.of("interface", s.name(), "state", lower(state))).build());
            }
        }
        return family.build();
    }

    private static MetricSnapshot outputStates(List<OutputStatus> outs) {
        GaugeSnapshot.Builder family = GaugeSnapshot.builder().name(OUTPUT + "state")
                .help("1 for the state the output is in, 0 for the others.");
        for (OutputStatus o : outs) {
            for (OutputState state : OutputState.values()) {
                family.dataPoint(GaugeDataPointSnapshot.builder().value(state == o.state() ? 1 : 0)
                        .labels(outputLabels(o).add("state", lower(state))).build());
            }
        }
        return family.build();
    }

    /**
     * Seconds until each configured certificate expires, negative once it has. A chain may hold the same
     * subject twice (an old and a renewed CA); the one that expires first is the one to act on.
     */
    private static MetricSnapshot certificates(List<InterfaceStatus> ifaces, long nowMillis) {
        GaugeSnapshot.Builder family = GaugeSnapshot.builder().name(IFACE + "certificate_expiry_seconds")
                .help("Seconds until the certificate expires (negative: expired), per interface, role (client, ca) and subject.");
        for (InterfaceStatus s : ifaces) {
            Map<List<String>, Long> earliest = new LinkedHashMap<>();
            for (CertificateInfo c : s.certificates()) {
                earliest.merge(List.of(text(c.role()), text(c.subject())), c.notAfter(), Math::min);
            }
            earliest.forEach((key, notAfter) -> family.dataPoint(GaugeDataPointSnapshot.builder()
                    .value((notAfter - nowMillis) / 1000.0)
                    .labels(Labels.of("interface", s.name(), "role", key.get(0), "subject", key.get(1))).build()));
        }
        return family.build();
    }

    private static Labels interfaceLabels(InterfaceStatus s) {
        return Labels.of("interface", s.name());
    }

    private static Labels outputLabels(OutputStatus o) {
        return Labels.of("output", o.name(), "interface", text(o.interfaceName()), "source", text(o.source()));
    }

    private static <T> List<T> unique(Collection<T> items, Function<T, String> name) {
        Map<String, T> byName = new LinkedHashMap<>();
        items.stream().filter(Objects::nonNull).sorted(Comparator.comparing(i -> text(name.apply(i))))
                .forEach(i -> byName.putIfAbsent(text(name.apply(i)), i));
        return List.copyOf(byName.values());
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
