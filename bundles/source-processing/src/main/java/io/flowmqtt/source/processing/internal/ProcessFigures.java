package io.flowmqtt.source.processing.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * The block process's own figures at one moment.
 *
 * @param uptimeMillis how long the JVM has been running
 * @param heapUsed     heap bytes in use
 * @param heapMax      the heap limit in bytes, or -1 when there is none
 * @param rssBytes     resident set size in bytes, or {@code null} when it cannot be read
 * @param threads      live threads
 */
record ProcessFigures(long uptimeMillis, long heapUsed, long heapMax, Long rssBytes, int threads) {

    /** Reads this JVM's figures. */
    static ProcessFigures ofThisJvm(ResidentSetSize rss) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new ProcessFigures(ManagementFactory.getRuntimeMXBean().getUptime(), heap.getUsed(), heap.getMax(),
                rss.read(), ManagementFactory.getThreadMXBean().getThreadCount());
    }
}
