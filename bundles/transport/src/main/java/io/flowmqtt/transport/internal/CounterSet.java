package io.flowmqtt.transport.internal;

import io.flowmqtt.api.Counters;
import java.util.concurrent.atomic.AtomicLong;

/** The live counters of one interface. */
final class CounterSet {
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong connects = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();

    Counters snapshot(long queued, long queuedBytes, long deadLettered) {
        return new Counters(queued, queuedBytes, accepted.get(), published.get(), delivered.get(), dropped.get(),
                rejected.get(), failed.get(), connects.get(), reconnects.get(), deadLettered);
    }
}
