package io.flowmqtt.transport.internal;

import io.flowmqtt.api.status.Counters;
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
        return Counters.builder().queued(queued).queuedBytes(queuedBytes).accepted(accepted.get())
                .published(published.get()).delivered(delivered.get()).dropped(dropped.get()).rejected(rejected.get())
                .failed(failed.get()).connects(connects.get()).reconnects(reconnects.get()).deadLettered(deadLettered)
                .build();
    }
}
