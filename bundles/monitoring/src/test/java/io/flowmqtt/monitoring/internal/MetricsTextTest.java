package io.flowmqtt.monitoring.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.CertificateInfo;
import io.flowmqtt.api.ConnectionState;
import io.flowmqtt.api.Counters;
import io.flowmqtt.api.InterfaceStatus;
import io.flowmqtt.api.OutputState;
import io.flowmqtt.api.OutputStatus;
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
        return new InterfaceStatus(name, state, "tcp://127.0.0.1:1883", "detail", NOW, counters, null, List.of(certificates),
                1, List.of());
    }

    private static String render(List<InterfaceStatus> interfaces, List<OutputStatus> outputs) throws Exception {
        return new String(new MetricsServlet(() -> interfaces, () -> outputs, () -> NOW).render(), StandardCharsets.UTF_8);
    }

    @Test
    public void everyInterfaceCounterIsThereWithItsValue() throws Exception {
        Counters counters = new Counters(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
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
        OutputStatus output = new OutputStatus("counts", "plant1", "widgets", OutputState.ACTIVE, "publishing", 21, 22, 23, 24, 25,
                NOW - 5000);
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
        String text = render(List.of(iface(name, ConnectionState.DISCONNECTED, new Counters(0, 0, 0, 0, 7, 0, 0, 0, 0, 0))), List.of());
        assertTrue(text, text.contains("flow_mqtt_interface_delivered_total{interface=\"a\\\\b\\\"c\\nd é\"} 7.0\n"));
        for (String line : text.split("\n")) {
            assertFalse("a raw line break split a sample: " + line, line.startsWith("d é"));
        }
    }

    @Test
    public void certificatesShowTheSecondsUntilExpiryTheEarliestOfASubject() throws Exception {
        String text = render(List.of(iface("tls", ConnectionState.CONNECTED, new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                new CertificateInfo("client", "CN=device", NOW + 86_400_000L),
                new CertificateInfo("ca", "CN=Test CA", NOW + 10_000_000_000L),
                new CertificateInfo("ca", "CN=Test CA", NOW - 60_000L))), List.of());
        assertTrue(text, text.contains("flow_mqtt_interface_certificate_expiry_seconds{interface=\"tls\",role=\"client\",subject=\"CN=device\"} 86400.0\n"));
        assertTrue(text, text.contains("flow_mqtt_interface_certificate_expiry_seconds{interface=\"tls\",role=\"ca\",subject=\"CN=Test CA\"} -60.0\n"));
        assertEquals(text, 1, text.split("role=\"ca\"", -1).length - 1);
    }

    @Test
    public void twoInterfacesAreSortedAndADuplicateNameNeverFailsTheScrape() throws Exception {
        List<InterfaceStatus> interfaces = new ArrayList<>();
        interfaces.add(iface("zeta", ConnectionState.CONNECTED, new Counters(0, 0, 0, 0, 2, 0, 0, 0, 0, 0)));
        interfaces.add(iface("alpha", ConnectionState.DISCONNECTED, new Counters(0, 0, 0, 0, 1, 0, 0, 0, 0, 0)));
        interfaces.add(iface("alpha", ConnectionState.CONNECTING, new Counters(0, 0, 0, 0, 9, 0, 0, 0, 0, 0)));
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
