package io.flowmqtt.api.spi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class PartReaderTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void aFailingPartIsLeftOutAndReportedOnceUntilItWorksAgain() {
        List<String> reports = new ArrayList<>();
        PartReader parts = new PartReader((part, cause) -> reports.add(part + (cause == null ? " ok" : " failing: " + cause.getMessage())));
        boolean[] broken = {true};
        for (int i = 0; i < 3; i++) {
            assertNull(parts.read("disk /data", () -> {
                if (broken[0]) {
                    throw new IllegalStateException("I/O error");
                }
                return 1;
            }));
        }
        broken[0] = false;
        assertEquals(Integer.valueOf(1), parts.read("disk /data", () -> broken[0] ? null : 1));
        assertEquals(Integer.valueOf(2), parts.read("disk /data", () -> 2));
        assertEquals(List.of("disk /data failing: I/O error", "disk /data ok"), reports);
    }
}
