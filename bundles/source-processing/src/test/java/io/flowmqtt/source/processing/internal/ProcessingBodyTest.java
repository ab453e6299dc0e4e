package io.flowmqtt.source.processing.internal;

import static org.junit.Assert.assertEquals;

import com.google.gson.GsonBuilder;
import io.flowmqtt.api.processing.RunState;
import io.flowmqtt.api.processing.UnitState;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.Counters;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class ProcessingBodyTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void bodyFromFixedFigures() {
        String json = new GsonBuilder().serializeNulls().create().toJson(ProcessingBody.build("RCE Block",
                1_764_079_307_123L,
                new ProcessFigures(3_723_999, 52_428_800, 268_435_456, 183_500_800L, 41),
                List.of(new UnitState("3/1", "Crossing north", RunState.ERROR, Double.NaN, 10, 2, "camera timeout"),
                        new UnitState("3/0", "Crossing south", RunState.RUNNING, 24.96, 90_210, 3, null)),
                List.of(Fakes.status("plant", ConnectionState.DISCONNECTED, "ssl://broker.example:8883",
                                "connection lost; next attempt in 4 s", Counters.builder().queued(12).queuedBytes(3_400)
                                        .accepted(120).published(110).delivered(108).failed(2).connects(1).reconnects(3)
                                        .build(),
                                "Connection lost (32109)"),
                        Fakes.status("cloud", ConnectionState.CONNECTED, "tcp://10.0.0.5:1883", "",
                                Counters.builder().accepted(5).published(5).delivered(5).connects(1).build(), null))));
        assertEquals("{\"block_name\":\"RCE Block\",\"uptime_s\":3723,\"timestamp\":1764079307123,"
                + "\"memory\":{\"heap_used\":52428800,\"heap_max\":268435456,\"rss_bytes\":183500800},\"threads\":41,"
                + "\"units\":["
                + "{\"id\":\"3/0\",\"name\":\"Crossing south\",\"state\":\"running\",\"fps\":25.0,\"frames_processed\":90210,"
                + "\"frames_dropped\":3,\"last_error\":null},"
                + "{\"id\":\"3/1\",\"name\":\"Crossing north\",\"state\":\"error\",\"fps\":null,\"frames_processed\":10,"
                + "\"frames_dropped\":2,\"last_error\":\"camera timeout\"}],"
                + "\"interfaces\":["
                + "{\"name\":\"cloud\",\"state\":\"connected\",\"broker\":\"tcp://10.0.0.5:1883\",\"detail\":null,\"queued\":0,"
                + "\"published\":5,\"delivered\":5,\"dropped\":0,\"failed\":0,\"reconnects\":0,\"dead_letters\":0,\"last_error\":null},"
                + "{\"name\":\"plant\",\"state\":\"disconnected\",\"broker\":\"ssl://broker.example:8883\","
                + "\"detail\":\"connection lost; next attempt in 4 s\",\"queued\":12,\"published\":110,\"delivered\":108,"
                + "\"dropped\":0,\"failed\":2,\"reconnects\":3,\"dead_letters\":0,\"last_error\":\"Connection lost (32109)\"}]}", json);
    }

    @Test
    public void noHeapLimitNoRssAndNothingTracked() {
        String json = new GsonBuilder().serializeNulls().create().toJson(ProcessingBody.build("b", 5,
                new ProcessFigures(999, 1, -1, null, 1), List.of(), List.of()));
        assertEquals("{\"block_name\":\"b\",\"uptime_s\":0,\"timestamp\":5,"
                + "\"memory\":{\"heap_used\":1,\"heap_max\":null,\"rss_bytes\":null},\"threads\":1,"
                + "\"units\":[],\"interfaces\":[]}", json);
    }

    @Test
    public void invalidConfigurationStateIsLowerCaseWithUnderscore() {
        String json = new GsonBuilder().create().toJson(ProcessingBody.build("b", 0, new ProcessFigures(0, 0, 0, 0L, 0),
                List.of(), List.of(Fakes.status("x", ConnectionState.INVALID_CONFIGURATION, null,
                        "address: unsupported scheme 'http'", null, null))));
        assertEquals(true, json.contains("\"state\":\"invalid_configuration\""));
        assertEquals(true, json.contains("\"queued\":0"));
    }
}
