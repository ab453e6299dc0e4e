package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.transport.internal.QueueLimits.DropPolicy;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class HeapRoomTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final long MIB = 1024 * 1024;

    @Test
    public void theDefaultQueueFitsTheHeapCapBinFlowShips() {
        // bin/flow: -Xmx192m; InterfaceConfig: queueMaxBytes 64 MiB, queueMaxMessages 100,000
        assertFalse(HeapRoom.check(new QueueLimits(100_000, 64 * MIB, DropPolicy.OLDEST), 192 * MIB).isPresent());
    }

    @Test
    public void aQueueLargerThanHalfTheHeapIsNamedWithItsSettingsAndTheWayOut() {
        String warning = HeapRoom.check(new QueueLimits(100_000, 256 * MIB, DropPolicy.OLDEST), 192 * MIB).orElseThrow();
        assertTrue(warning, warning.contains("queueMaxBytes=" + 256 * MIB));
        assertTrue(warning, warning.contains("heap cap of 192 MiB"));
        assertTrue(warning, warning.contains("FLOW_HEAP_MAX"));
    }

    @Test
    public void manySmallMessagesCountTheirOverheadNotOnlyTheirPayloads() {
        // 10 million messages of a few bytes: ~1.9 GB of entries although the payload cap is only 1 MiB
        String warning = HeapRoom.check(new QueueLimits(10_000_000, MIB, DropPolicy.OLDEST), 1024 * MIB).orElseThrow();
        assertTrue(warning, warning.contains("some " + (MIB + 10_000_000L * HeapRoom.BYTES_PER_MESSAGE + MIB / 2) / MIB + " MiB"));
    }

    @Test
    public void anUnboundedHeapNeverWarns() {
        assertEquals(java.util.Optional.empty(),
                HeapRoom.check(new QueueLimits(10_000_000, 1024 * MIB, DropPolicy.OLDEST), Long.MAX_VALUE));
    }
}
