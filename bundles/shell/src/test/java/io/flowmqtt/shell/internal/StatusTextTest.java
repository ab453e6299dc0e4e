package io.flowmqtt.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.status.CertificateInfo;
import io.flowmqtt.api.status.ConnectionCheck;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.Counters;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.LogEntry;
import io.flowmqtt.api.status.OutputState;
import io.flowmqtt.api.status.OutputStatus;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class StatusTextTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void interfacesShowStateCountersErrorsAndCertificates() {
        InterfaceStatus status = InterfaceStatus.builder().name("plant1").state(ConnectionState.DISCONNECTED)
                .broker("ssl://broker:8883")
                .detail("connect failed: TLS: the broker's certificate is not trusted; next attempt in 800 ms")
                .counters(Counters.builder().queued(12).queuedBytes(3400).accepted(40).published(30).delivered(28)
                        .dropped(1).failed(2).connects(3).reconnects(5).build())
                .lastError("TLS: the broker's certificate is not trusted")
                .certificates(List.of(CertificateInfo.builder().role("client").subject("CN=device-17")
                        .notAfter(1_798_761_600_000L).build()))
                .build();
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
        String outputs = StatusText.outputs(List.of(OutputStatus.builder().name("counts").interfaceName("plant1")
                .source("widgets").state(OutputState.WAITING_FOR_SOURCE).detail("waiting for source widgets").build()));
        assertTrue(outputs, outputs.startsWith("counts: waiting_for_source - waiting for source widgets"));
        List<LogEntry> log = List.of(LogEntry.builder().timestamp(0).kind(LogEntry.Kind.CONNECT).message("one").build(),
                LogEntry.builder().timestamp(1).kind(LogEntry.Kind.STATE).message("two").build(),
                LogEntry.builder().timestamp(2).kind(LogEntry.Kind.ERROR).message("three").build());
        String last2 = StatusText.log(log, 2);
        assertEquals(2, last2.lines().count());
        assertTrue(last2, last2.contains("state      two") && last2.contains("error      three"));
    }

    @Test
    public void aConnectionCheckShowsEveryStepAndTheFailure() {
        String text = StatusText.checks(List.of(ConnectionCheck.builder().address("ssl://10.0.0.5:8883").steps(List.of(
                step("dns", true, 0, "10.0.0.5 is 10.0.0.5"),
                step("tcp", true, 3, "connected to 10.0.0.5:8883"),
                step("tls", false, 12, "TLS: the broker's certificate does not match the host name"))).build()));
        assertTrue(text, text.startsWith("ssl://10.0.0.5:8883: FAILED\n"));
        assertTrue(text, text.contains("  tls      FAIL    12 ms  TLS: the broker's certificate does not match the host name"));
        assertTrue(text, text.contains("  dns      ok       0 ms"));
    }

    private static ConnectionCheck.Step step(String name, boolean ok, long millis, String detail) {
        return ConnectionCheck.Step.builder().name(name).ok(ok).millis(millis).detail(detail).build();
    }
}
