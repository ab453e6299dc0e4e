package io.flowmqtt.source.processing.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.flowmqtt.api.EventState;
import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.SubscriptionRequest;
import io.flowmqtt.api.processing.ProcessingUnit;
import io.flowmqtt.api.processing.RunState;
import io.flowmqtt.api.spi.SampledSourceContract;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.Counters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class ProcessingDataSourceTest extends SampledSourceContract<ProcessingDataSource> {
    @Override
    protected ProcessingDataSource createSource() {
        return new ProcessingDataSource(() -> "RCE Block");
    }

    @Test
    public void tracksUnitsAndInterfacesAsTheyComeAndGoAndSkipsOneThatFails() {
        ProcessingUnit south = Fakes.unit("3/0", "Crossing south", RunState.RUNNING, 25, 1000, 0, null);
        source.addUnit(south, Fakes.serviceId(10));
        source.addUnit(Fakes.unit("3/1", "Crossing north", RunState.STOPPED, 0, 0, 0, null), Fakes.serviceId(11));
        source.addUnit(Fakes.failingUnit(), Fakes.serviceId(12));
        MqttInterface plant = Fakes.mqttInterface(Fakes.status("plant", ConnectionState.CONNECTED, "tcp://127.0.0.1:1883",
                null, Counters.builder().accepted(1).published(1).delivered(1).connects(1).build(), null));
        source.addInterface(plant, Fakes.serviceId(20));
        source.addInterface(Fakes.mqttInterface(null), Fakes.serviceId(21)); // status() throws

        JsonObject body = source.sample();
        assertEquals("RCE Block", body.get("block_name").getAsString());
        assertEquals(List.of("3/0", "3/1"), ids(body.getAsJsonArray("units"), "id"));
        assertEquals("stopped", body.getAsJsonArray("units").get(1).getAsJsonObject().get("state").getAsString());
        assertEquals(List.of("plant"), ids(body.getAsJsonArray("interfaces"), "name"));

        source.removeUnit(south, Fakes.serviceId(10));
        source.removeInterface(plant, Fakes.serviceId(20));
        body = source.sample();
        assertEquals(List.of("3/1"), ids(body.getAsJsonArray("units"), "id"));
        assertTrue(body.getAsJsonArray("interfaces").isEmpty());
    }

    @Test
    public void realJvmFiguresWithFakeUnitsAndInterfaces() throws Exception {
        source.addUnit(Fakes.unit("3/0", "Crossing south", RunState.RUNNING, 24.9, 90_210, 3, null), Fakes.serviceId(10));
        source.addUnit(Fakes.unit("3/1", "Crossing north", RunState.ERROR, 0, 1_204, 0,
                "camera stream rtsp://10.0.0.21/stream1: timeout"), Fakes.serviceId(11));
        source.addInterface(Fakes.mqttInterface(Fakes.status("plant", ConnectionState.CONNECTED, "ssl://mqtt.plant.example:8883",
                "connected", Counters.builder().accepted(361).published(361).delivered(361).connects(1).build(), null)),
                        Fakes.serviceId(20));
        source.addInterface(Fakes.mqttInterface(Fakes.status("backup", ConnectionState.DISCONNECTED, "tcp://10.0.0.5:1883",
                "connection refused; next attempt in 8 s",
                        Counters.builder().queued(42).queuedBytes(51_200).accepted(42).failed(3).reconnects(3).build(),
                "Unable to connect to server (32103) - java.net.ConnectException: Connection refused")), Fakes.serviceId(21));
        source.subscribe(new SubscriptionRequest("test", Duration.ofMillis(200)), events::add);
        next();
        FlowEvent event = next();
        JsonObject body = event.body();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/example-processing.json"),
                new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(body), StandardCharsets.UTF_8);

        assertEquals(List.of("block_name", "uptime_s", "timestamp", "memory", "threads", "units", "interfaces"),
                new ArrayList<>(body.keySet()));
        long sampledAt = body.get("timestamp").getAsLong();
        assertTrue("sampled just before the event was stamped", sampledAt <= event.timestamp() && sampledAt > event.timestamp() - 5_000);
        assertTrue(body.get("uptime_s").getAsLong() >= 0);
        JsonObject memory = body.getAsJsonObject("memory");
        assertTrue(memory.get("heap_used").getAsLong() > 0);
        assertTrue(memory.get("heap_max").getAsLong() >= memory.get("heap_used").getAsLong());
        assertTrue(memory.get("rss_bytes").getAsLong() > memory.get("heap_used").getAsLong() / 2);
        assertTrue(body.get("threads").getAsInt() > 1);
        assertEquals(List.of("backup", "plant"), ids(body.getAsJsonArray("interfaces"), "name"));
        assertEquals(List.of("id", "name", "state", "fps", "frames_processed", "frames_dropped", "last_error"),
                new ArrayList<>(body.getAsJsonArray("units").get(0).getAsJsonObject().keySet()));
        assertEquals(List.of("name", "state", "broker", "detail", "queued", "published", "delivered", "dropped", "failed",
                "reconnects", "dead_letters", "last_error"), new ArrayList<>(body.getAsJsonArray("interfaces").get(0).getAsJsonObject().keySet()));
    }

    private static List<String> ids(JsonArray array, String field) {
        List<String> ids = new ArrayList<>();
        array.forEach(element -> ids.add(element.getAsJsonObject().get(field).getAsString()));
        return ids;
    }
}
