package io.flowmqtt.monitoring.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.status.CertificateInfo;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.Counters;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.OutputState;
import io.flowmqtt.api.status.OutputStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/** Interface and output status to health check result: the status, and the reason in words in the log. */
public class HealthMappingTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final long NOW = 1_800_000_000_000L;
    private static final Duration MONTH = Duration.ofDays(30);
    private static final Counters NONE = Counters.builder().build();

    private static InterfaceStatus iface(ConnectionState state, String detail, String lastError, Counters counters,
                                         CertificateInfo... certificates) {
        return InterfaceStatus.builder().name("plant1").state(state).broker("tcp://10.0.0.5:1883").detail(detail)
                .since(NOW).counters(counters).lastError(lastError).certificates(List.of(certificates)).maxQos(1)
                .build();
    }

    private static List<String> messages(Result result) {
        List<String> messages = new ArrayList<>();
        for (ResultLog.Entry entry : result) {
            messages.add(entry.getStatus() + " " + entry.getMessage());
        }
        return messages;
    }

    @Test
    public void connectedIsOkAndSaysWhere() {
        Result result = InterfaceHealth.of(iface(ConnectionState.CONNECTED, "", null, NONE), MONTH, NOW);
        assertEquals(Result.Status.OK, result.getStatus());
        assertTrue(messages(result).toString(), messages(result).contains("OK connected to tcp://10.0.0.5:1883"));
    }

    @Test
    public void disconnectedWarnsWithTheReasonAndTheLastError() {
        Result result = InterfaceHealth.of(iface(ConnectionState.DISCONNECTED, "connection refused; next attempt in 4 s",
                "connect to tcp://10.0.0.5:1883 failed: connection refused", NONE), MONTH, NOW);
        assertEquals(Result.Status.WARN, result.getStatus());
        List<String> messages = messages(result);
        assertTrue(messages.toString(), messages.contains("WARN disconnected: connection refused; next attempt in 4 s"));
        assertTrue(messages.toString(), messages.contains("OK last error: connect to tcp://10.0.0.5:1883 failed: connection refused"));
        assertEquals(Result.Status.WARN, InterfaceHealth.of(iface(ConnectionState.CONNECTING, "attempt 3", null, NONE), MONTH, NOW).getStatus());
    }

    @Test
    public void invalidConfigurationAndAFailedQueueAreCritical() {
        Result invalid = InterfaceHealth.of(iface(ConnectionState.INVALID_CONFIGURATION,
                "address: 'foo://x' has the unknown scheme 'foo'", null, NONE), MONTH, NOW);
        assertEquals(Result.Status.CRITICAL, invalid.getStatus());
        assertTrue(messages(invalid).toString(),
                messages(invalid).contains("CRITICAL invalid configuration: address: 'foo://x' has the unknown scheme 'foo'"));
        Result queue = InterfaceHealth.of(iface(ConnectionState.QUEUE_FAILED, "data/queues/plant1: No space left on device", null, NONE),
                MONTH, NOW);
        assertEquals(Result.Status.CRITICAL, queue.getStatus());
        assertTrue(messages(queue).toString(), messages(queue).contains("CRITICAL queue failed: data/queues/plant1: No space left on device"));
    }

    @Test
    public void disabledIsOk() {
        assertEquals(Result.Status.OK, InterfaceHealth.of(iface(ConnectionState.DISABLED, "", null, NONE), MONTH, NOW).getStatus());
    }

    @Test
    public void deadLettersAndACertificateNearItsExpiryWarnAnExpiredOneIsCritical() {
        Counters dead = Counters.builder().deadLettered(2).build();
        assertEquals(Result.Status.WARN, InterfaceHealth.of(iface(ConnectionState.CONNECTED, "", null, dead), MONTH, NOW).getStatus());
        CertificateInfo soon = CertificateInfo.builder().role("client").subject("CN=device")
                .notAfter(NOW + Duration.ofDays(10).toMillis()).build();
        Result warn = InterfaceHealth.of(iface(ConnectionState.CONNECTED, "", null, NONE, soon), MONTH, NOW);
        assertEquals(Result.Status.WARN, warn.getStatus());
        assertTrue(messages(warn).toString(), messages(warn).stream().anyMatch(m -> m.startsWith("WARN client certificate CN=device expires at")
                && m.endsWith("(in 10 days)")));
        assertEquals("beyond the warning time", Result.Status.OK,
                InterfaceHealth.of(iface(ConnectionState.CONNECTED, "", null, NONE, soon), Duration.ofDays(5), NOW).getStatus());
        CertificateInfo expired = CertificateInfo.builder().role("ca").subject("CN=Old CA").notAfter(NOW - 1).build();
        assertEquals(Result.Status.CRITICAL,
                InterfaceHealth.of(iface(ConnectionState.CONNECTED, "", null, NONE, expired), MONTH, NOW).getStatus());
    }

    @Test
    public void outputsAreOkWhileActiveWarnWhileWaitingAndCriticalWhenInvalid() {
        assertEquals(Result.Status.OK, OutputHealth.of("o", output(OutputState.ACTIVE, "publishing widgets to plant1")).getStatus());
        assertEquals(Result.Status.OK, OutputHealth.of("o", output(OutputState.DISABLED, "")).getStatus());
        Result waiting = OutputHealth.of("o", output(OutputState.WAITING_FOR_SOURCE, "waiting for source network"));
        assertEquals(Result.Status.WARN, waiting.getStatus());
        assertTrue(messages(waiting).toString(), messages(waiting).contains("WARN waiting for its source: waiting for source network"));
        assertEquals(Result.Status.WARN, OutputHealth.of("o", output(OutputState.WAITING_FOR_INTERFACE, "waiting for interface x")).getStatus());
        Result invalid = OutputHealth.of("o", output(OutputState.INVALID_CONFIGURATION, "policy: 'creat' is not one of create, update, close"));
        assertEquals(Result.Status.CRITICAL, invalid.getStatus());
        assertTrue(messages(invalid).toString(),
                messages(invalid).contains("CRITICAL invalid configuration: policy: 'creat' is not one of create, update, close"));
        assertEquals(Result.Status.WARN, OutputHealth.of("gone", null).getStatus());
    }

    @Test
    public void checksAreTaggedWithTheirKindAndNames() {
        assertEquals(List.of("flow", "mqtt-interface", "plant1"), CheckProperties.forInterface("plant1").tags());
        assertEquals("MQTT interface plant1", CheckProperties.forInterface("plant1").name());
        assertEquals(List.of("flow", "mqtt-output", "counts", "plant1"), CheckProperties.forOutput("counts", "plant1").tags());
        assertEquals(List.of("flow", "mqtt-output", "same"), CheckProperties.forOutput("same", "same").tags());
        assertEquals(List.of("flow", "mqtt-output", "o"), CheckProperties.forOutput("o", null).tags());
    }

    private static OutputStatus output(OutputState state, String detail) {
        return OutputStatus.builder().name("o").interfaceName("plant1").source("widgets").state(state).detail(detail)
                .received(1).published(1).lastPublishedAt(NOW).build();
    }
}
