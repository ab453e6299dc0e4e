package io.flowmqtt.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.CertificateInfo;
import io.flowmqtt.api.ConnectionState;
import io.flowmqtt.api.Counters;
import io.flowmqtt.api.InterfaceStatus;
import io.flowmqtt.api.LogEntry;
import io.flowmqtt.api.OutputState;
import io.flowmqtt.api.OutputStatus;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class StatusTextTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void interfacesShowStateCountersErrorsAndCertificates() {
        InterfaceStatus status = new InterfaceStatus("plant1", ConnectionState.DISCONNECTED, "ssl://broker:8883",
                "connect failed: TLS: the broker's certificate is not trusted; next attempt in 800 ms", 0,
                new Counters(12, 3400, 40, 30, 28, 1, 0, 2, 3, 5), "TLS: the broker's certificate is not trusted",
                List.of(new CertificateInfo("client", "CN=device-17", 1_798_761_600_000L)));
        String text = StatusText.interfaces(List.of(status));
        assertTrue(text, text.startsWith("plant1: disconnected - connect failed"));
        assertTrue(text, text.contains("queued 12 (3400 bytes), accepted 40, published 30, delivered 28, dropped 1"));
        assertTrue(text, text.contains("reconnects 5"));
        assertTrue(text, text.contains("last error: TLS: the broker's certificate is not trusted"));
        assertTrue(text, text.contains("client certificate CN=device-17 expires 2027-01-01 00:00:00.000Z"));
        assertTrue(StatusText.interfaces(List.of()).contains("No MQTT interface is configured"));
    }

    @Test
    public void outputsAndTheLog() {
        String outputs = StatusText.outputs(List.of(new OutputStatus("counts", "plant1", "widgets",
                OutputState.WAITING_FOR_SOURCE, "waiting for source widgets", 0, 0, 0, 0, 0)));
        assertTrue(outputs, outputs.startsWith("counts: waiting_for_source - waiting for source widgets"));
        List<LogEntry> log = List.of(new LogEntry(0, LogEntry.Kind.CONNECT, "one"), new LogEntry(1, LogEntry.Kind.STATE, "two"),
                new LogEntry(2, LogEntry.Kind.ERROR, "three"));
        String last2 = StatusText.log(log, 2);
        assertEquals(2, last2.lines().count());
        assertTrue(last2, last2.contains("state      two") && last2.contains("error      three"));
    }

    @Test
    public void aConnectionCheckShowsEveryStepAndTheFailure() {
        String text = StatusText.checks(List.of(new io.flowmqtt.api.ConnectionCheck("ssl://10.0.0.5:8883", List.of(
                new io.flowmqtt.api.ConnectionCheck.Step("dns", true, 0, "10.0.0.5 is 10.0.0.5"),
                new io.flowmqtt.api.ConnectionCheck.Step("tcp", true, 3, "connected to 10.0.0.5:8883"),
                new io.flowmqtt.api.ConnectionCheck.Step("tls", false, 12, "TLS: the broker's certificate does not match the host name")))));
        assertTrue(text, text.startsWith("ssl://10.0.0.5:8883: FAILED\n"));
        assertTrue(text, text.contains("  tls      FAIL    12 ms  TLS: the broker's certificate does not match the host name"));
        assertTrue(text, text.contains("  dns      ok       0 ms"));
    }
}
