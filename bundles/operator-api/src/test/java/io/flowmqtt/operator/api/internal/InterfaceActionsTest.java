package io.flowmqtt.operator.api.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.status.ConnectionCheck;
import io.flowmqtt.api.status.LogEntry;
import io.flowmqtt.operator.api.internal.ConfigurationStore.Stored;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class InterfaceActionsTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private static final Stored PLANT1 = new Stored("flow.mqtt.interface~plant1", "plant1", "plant1", Map.of(), null);
    private final List<LogEntry> log = new ArrayList<>();

    private final MqttInterface iface = (MqttInterface) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {MqttInterface.class}, (proxy, method, args) -> switch (method.getName()) {
                case "communicationLog" -> args == null ? List.copyOf(log)
                        : log.stream().filter(e -> e.position() > (long) args[0]).toList();
                case "testConnection" -> List.of(ConnectionCheck.builder().address("mqtt://b:1883").steps(List.of(
                        ConnectionCheck.Step.builder().name("dns").ok(true).millis(1).detail("b is 10.0.0.1").build(),
                        ConnectionCheck.Step.builder().name("tcp").ok(true).millis(2).detail("connected").build()))
                        .build());
                default -> throw new UnsupportedOperationException(method.getName());
            });
    private final InterfaceActions actions = new InterfaceActions((pid, name) -> pid.equals(PLANT1.pid()) ? Optional.of(iface)
            : Optional.empty());

    private JsonObject read(String since) throws ApiException {
        Requests caller = since == null ? new Requests() : new Requests().query(Map.of("since", since));
        return actions.log(caller.call("GET", "/interfaces/plant1/log", (String) null), PLANT1).body().getAsJsonObject();
    }

    @Test
    public void theLogIsReadOnFromThePositionSeen() throws Exception {
        for (int i = 1; i <= InterfaceActions.MAX_ENTRIES + 5; i++) {
            log.add(LogEntry.builder().timestamp(1000 + i).kind(LogEntry.Kind.PUBLISH).message("message " + i)
                    .position(i).build());
        }
        JsonObject first = read(null);
        assertEquals(InterfaceActions.MAX_ENTRIES, first.getAsJsonArray("entries").size());
        assertEquals(InterfaceActions.MAX_ENTRIES, first.get("next").getAsLong());
        JsonObject entry = first.getAsJsonArray("entries").get(0).getAsJsonObject();
        assertEquals("publish", entry.get("kind").getAsString());
        assertEquals(1, entry.get("position").getAsLong());
        assertEquals(1001, entry.get("timestamp").getAsLong());
        assertEquals("message 1", entry.get("message").getAsString());

        JsonObject rest = read(first.get("next").getAsString());
        assertEquals(5, rest.getAsJsonArray("entries").size());
        JsonObject nothing = read(rest.get("next").getAsString());
        assertEquals(0, nothing.getAsJsonArray("entries").size());
        assertEquals(rest.get("next"), nothing.get("next")); // nothing new: the same position again
    }

    @Test
    public void aBadPositionOrAMissingInterfaceIsSaid() {
        try {
            read("abc");
            throw new AssertionError();
        } catch (ApiException e) {
            assertEquals(400, e.response().status());
        }
        Stored other = new Stored("flow.mqtt.interface~x", "x", "x", Map.of(), null);
        try {
            actions.test(new Requests().call("POST", "/interfaces/x/test", ""), other);
            throw new AssertionError();
        } catch (ApiException e) {
            assertEquals(503, e.response().status());
        }
    }

    @Test
    public void theTestAnswersEveryStep() throws Exception {
        JsonArray checks = actions.test(new Requests().call("POST", "/interfaces/plant1/test", ""), PLANT1).body().getAsJsonArray();
        JsonObject check = checks.get(0).getAsJsonObject();
        assertEquals("mqtt://b:1883", check.get("address").getAsString());
        assertTrue(check.get("ok").getAsBoolean());
        assertEquals("tcp", check.getAsJsonArray("steps").get(1).getAsJsonObject().get("name").getAsString());
        assertEquals(405, assertThrows(() -> actions.test(new Requests().call("GET", "/x", ""), PLANT1)));
    }

    private static int assertThrows(Call call) {
        try {
            call.run();
            throw new AssertionError("no refusal");
        } catch (ApiException e) {
            return e.response().status();
        }
    }

    @FunctionalInterface
    private interface Call {
        void run() throws ApiException;
    }
}
