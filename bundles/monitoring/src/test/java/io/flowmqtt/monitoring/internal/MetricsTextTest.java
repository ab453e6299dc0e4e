package io.flowmqtt.monitoring.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.status.CertificateInfo;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.Counters;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.OutputState;
import io.flowmqtt.api.status.OutputStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/** What a scraper reads: the text the servlet renders from the statuses, line by line. */
public class MetricsTextTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final long NOW = 1_800_000_000_000L;

    private static InterfaceStatus iface(String name, ConnectionState state, Counters counters, CertificateInfo... certificates) {
        return InterfaceStatus.builder().name(name).state(state).broker("tcp://127.0.0.1:1883").detail("detail")
                .since(NOW).counters(counters).certificates(List.of(certificates)).maxQos(1).build();
    }

    private static String render(List<InterfaceStatus> interfaces, List<OutputStatus> outputs) throws Exception {
        return new String(new MetricsServlet(() -> interfaces, () -> outputs, () -> NOW).render(), StandardCharsets.UTF_8);
    }

    @Test
    public void everyInterfaceCounterIsThereWithItsValue() throws Exception {
        Counters counters = Counters.builder().queued(1).queuedBytes(2).accepted(3).published(4).delivered(5).dropped(6)
                .rejected(7).failed(8).connects(9).reconnects(10).deadLettered(11).build();
        String text = render(List.of(iface("plant1", ConnectionState.CONNECTED, counters)), List.of());
        List<String> expected = List.of(
                "flow_mqtt_interface_queued_messages{interface=\"plant1\"} 1.0",
                "flow_mqtt_interface_queued_bytes{interface=\"plant1\"} 2.0",
                "flow_mqtt_interface_accepted_total{interface=\"plant1\"} 3.0",
                "flow_mqtt_interface_published_total{interface=\"plant1\"} 4.0",
                "flow_mqtt_interface_delivered_total{interface=\"plant1\"} 5.0",
                "flow_mqtt_interface_dropped_total{interface=\"plant1\"} 6.0",
                "flow_mqtt_interface_rejected_total{interface=\"plant1\"} 7.0",
                "flow_mqtt_interface_failed_total{interface=\"plant1\"} 8.0",
                "flow_mqtt_interface_connects_total{interface=\"plant1\"} 9.0",
                "flow_mqtt_interface_reconnects_total{interface=\"plant1\"} 10.0",
                "flow_mqtt_interface_dead_letters{interface=\"plant1\"} 11.0",
                "flow_mqtt_interface_state{interface=\"plant1\",state=\"connected\"} 1.0",
                "flow_mqtt_interface_state{interface=\"plant1\",state=\"disconnected\"} 0.0",
                "# TYPE flow_mqtt_interface_delivered_total counter",
                "# TYPE flow_mqtt_interface_queued_messages gauge");
        List<String> lines = List.of(text.split("\n"));
        for (String line : expected) {
            assertTrue(line + " in\n" + text, lines.contains(line));
        }
        for (ConnectionState state : ConnectionState.values()) {
            assertTrue(state + " in\n" + text, text.contains("state=\"" + state.name().toLowerCase() + "\""));
        }
    }

    @Test
    public void everyOutputCounterIsThereWithItsLabels() throws Exception {
        OutputStatus output = OutputStatus.builder().name("counts").interfaceName("plant1").source("widgets")
                .state(OutputState.ACTIVE).detail("publishing").received(21).published(22).filtered(23).coalesced(24)
                .rejected(25).lastPublishedAt(NOW - 5000).build();
        List<String> lines = List.of(render(List.of(), List.of(output)).split("\n"));
        // the model sorts label names, so the series read the same whichever order they were built in
        String labels = "{interface=\"plant1\",output=\"counts\",source=\"widgets\"}";
        for (String line : List.of("flow_mqtt_output_received_total" + labels + " 21.0", "flow_mqtt_output_published_total" + labels + " 22.0",
                "flow_mqtt_output_filtered_total" + labels + " 23.0", "flow_mqtt_output_coalesced_total" + labels + " 24.0",
                "flow_mqtt_output_rejected_total" + labels + " 25.0",
                "flow_mqtt_output_state{interface=\"plant1\",output=\"counts\",source=\"widgets\",state=\"active\"} 1.0",
                "flow_mqtt_output_last_published_timestamp_seconds" + labels + " 1.799999995E9")) {
            assertTrue(line + " in\n" + lines, lines.contains(line));
        }
    }

    @Test
    public void labelValuesAreEscapedAsTheFormatSays() throws Exception {
        // the text format escapes backslash, double quote and line feed in label values, and nothing else
        String name = "a\\b\"c\nd é";
        String text = render(List.of(iface(name, ConnectionState.DISCONNECTED,
                Counters.builder().delivered(7).build())), List.of());
        assertTrue(text, text.contains("flow_mqtt_interface_delivered_total{interface=\"a\\\\b\\\"c\\nd é\"} 7.0\n"));
        for (String line : text.split("\n")) {
            assertFalse("a raw line break split a sample: " + line, line.startsWith("d é"));
        }
    }

    @Test
    public void certificatesShowTheSecondsUntilExpiryTheEarliestOfASubject() throws Exception {
        String text = render(List.of(iface("tls", ConnectionState.CONNECTED, Counters.builder().build(),
                CertificateInfo.builder().role("client").subject("CN=device").notAfter(NOW + 86_400_000L).build(),
                CertificateInfo.builder().role("ca").subject("CN=Test CA").notAfter(NOW + 10_000_000_000L).build(),
                CertificateInfo.builder().role("ca").subject("CN=Test CA").notAfter(NOW - 60_000L).build())),
                        List.of());
        assertTrue(text, text.contains("flow_mqtt_interface_certificate_expiry_seconds{interface=\"tls\",role=\"client\",subject=\"CN=device\"} 86400.0\n"));
        assertTrue(text, text.contains("flow_mqtt_interface_certificate_expiry_seconds{interface=\"tls\",role=\"ca\",subject=\"CN=Test CA\"} -60.0\n"));
        assertEquals(text, 1, text.split("role=\"ca\"", -1).length - 1);
    }

    @Test
    public void twoInterfacesAreSortedAndADuplicateNameNeverFailsTheScrape() throws Exception {
        List<InterfaceStatus> interfaces = new ArrayList<>();
        interfaces.add(iface("zeta", ConnectionState.CONNECTED, Counters.builder().delivered(2).build()));
        interfaces.add(iface("alpha", ConnectionState.DISCONNECTED, Counters.builder().delivered(1).build()));
        interfaces.add(iface("alpha", ConnectionState.CONNECTING, Counters.builder().delivered(9).build()));
        String text = render(interfaces, List.of());
        int alpha = text.indexOf("flow_mqtt_interface_delivered_total{interface=\"alpha\"} 1.0");
        int zeta = text.indexOf("flow_mqtt_interface_delivered_total{interface=\"zeta\"} 2.0");
        assertTrue(text, alpha >= 0 && zeta > alpha);
        assertFalse(text, text.contains("} 9.0"));
    }

    @Test
    public void withNothingConfiguredTheAnswerIsStillValidText() throws Exception {
        String text = render(List.of(), List.of());
        for (String line : text.split("\n")) {
            assertTrue(line, line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE "));
        }
    }
}
