package io.flowmqtt.operator.api.internal;

import static org.junit.Assert.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.time.ZoneOffset;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class StatusTextTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private final StatusText text = new StatusText(ZoneOffset.UTC);

    @Test
    public void everyInterfaceAndOutputWithStateBrokerCountersAndLastError() {
        JsonArray interfaces = JsonParser.parseString("[{\"name\": \"plant1\", \"properties\": {}, \"secrets\": {\"password\": true},"
                + " \"status\": {\"state\": \"connected\", \"broker\": \"mqtt://10.0.0.5:1883\", \"detail\": \"connected\","
                + " \"since\": 1796100000000, \"counters\": {\"queued\": 0, \"queuedBytes\": 0, \"accepted\": 12, \"published\": 12,"
                + " \"delivered\": 12, \"dropped\": 0, \"rejected\": 0, \"failed\": 0, \"connects\": 1, \"reconnects\": 0,"
                + " \"deadLettered\": 0}, \"lastError\": null, \"maxQos\": 2, \"warnings\": [],"
                + " \"certificates\": [{\"role\": \"client\", \"subject\": \"CN=dev\", \"notAfter\": 1830000000000}]}},"
                + " {\"name\": \"bad\", \"properties\": {}, \"status\": {\"state\": \"invalid_configuration\", \"broker\": null,"
                + " \"detail\": \"address: 'foo://x' has the unknown scheme 'foo'\", \"since\": 0, \"counters\": {},"
                + " \"lastError\": \"a\\u001b[31mb\\nc\", \"warnings\": [\"topic root has a space\"]}},"
                + " {\"name\": \"new\", \"properties\": {}, \"status\": null}]").getAsJsonArray();
        JsonArray outputs = JsonParser.parseString("[{\"name\": \"all\", \"properties\": {}, \"status\": {\"state\": \"active\","
                + " \"detail\": \"publishing\", \"interface\": \"plant1\", \"source\": \"widgets\", \"received\": 10, \"published\": 9,"
                + " \"filtered\": 1, \"coalesced\": 0, \"rejected\": 0, \"lastPublishedAt\": 1796100001000}}]").getAsJsonArray();
        assertEquals(String.join("\n",
                "FLOW MQTT runtime at http://127.0.0.1:8181",
                "interfaces: 3",
                "  interface plant1: connected",
                "    broker: mqtt://10.0.0.5:1883",
                "    since: 2026-12-01 04:40:00",
                "    counters: queued 0, accepted 12, published 12, delivered 12, dropped 0, rejected 0, failed 0, connects 1,"
                        + " reconnects 0, dead letters 0",
                "    last error: -",
                "    detail: connected",
                "    client certificate: CN=dev, valid until 2027-12-28 13:20:00",
                "  interface bad: invalid_configuration",
                "    broker: -",
                "    since: -",
                "    counters: queued -, accepted -, published -, delivered -, dropped -, rejected -, failed -, connects -,"
                        + " reconnects -, dead letters -",
                "    last error: a?[31mb?c",
                "    detail: address: 'foo://x' has the unknown scheme 'foo'",
                "    warning: topic root has a space",
                "  interface new: no status (not running)",
                "outputs: 1",
                "  output all: active",
                "    interface: plant1",
                "    source: widgets",
                "    counters: received 10, published 9, filtered 1, coalesced 0, rejected 0",
                "    last published: 2026-12-01 04:40:01",
                "    detail: publishing",
                ""), text.of("http://127.0.0.1:8181", interfaces, outputs));
    }
}
