package io.flowmqtt.operator.api.internal;

import static org.junit.Assert.assertEquals;

import io.flowmqtt.api.status.CertificateInfo;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.Counters;
import io.flowmqtt.api.status.InterfaceStatus;
import java.util.List;
import org.junit.Test;

/**
 * The operator API's JSON of an interface status is a contract (the operator page and scripts read it). The
 * expected text is what the API wrote when {@code InterfaceStatus} was still a record in {@code io.flowmqtt.api}:
 * moving the status types and building them with builders must not change a byte of it.
 */
public class StatusJsonTest {
    @Test(timeout = 10_000)
    public void anInterfaceStatusIsWrittenAsBeforeTheStatusTypesMoved() {
        InterfaceStatus status = InterfaceStatus.builder().name("plant1").state(ConnectionState.DISCONNECTED)
                .broker("ssl://broker.example:8883").detail("connection lost; next attempt in 4 s").since(1796100000000L)
                .counters(Counters.builder().queued(12).queuedBytes(3400).accepted(40).published(30).delivered(28)
                        .dropped(1).failed(2).connects(3).reconnects(5).deadLettered(7).build())
                .certificates(List.of(CertificateInfo.builder().role("client").subject("CN=device-17")
                        .notAfter(1830000000000L).build()))
                .maxQos(1).warnings(List.of("topic root has a space")).build();

        assertEquals("{\"state\":\"disconnected\",\"broker\":\"ssl://broker.example:8883\","
                + "\"detail\":\"connection lost; next attempt in 4 s\",\"since\":1796100000000,"
                + "\"counters\":{\"queued\":12,\"queuedBytes\":3400,\"accepted\":40,\"published\":30,\"delivered\":28,"
                + "\"dropped\":1,\"rejected\":0,\"failed\":2,\"connects\":3,\"reconnects\":5,\"deadLettered\":7},"
                + "\"lastError\":null,\"maxQos\":1,\"warnings\":[\"topic root has a space\"],"
                + "\"certificates\":[{\"role\":\"client\",\"subject\":\"CN\\u003ddevice-17\",\"notAfter\":1830000000000}]}",
                Json.GSON.toJson(StatusJson.of(status)));
    }
}
