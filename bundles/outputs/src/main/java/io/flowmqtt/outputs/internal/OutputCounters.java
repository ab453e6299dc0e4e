package io.flowmqtt.outputs.internal;

import java.util.concurrent.atomic.AtomicLong;

/** What an output did with the events it was given, for its status; read without the output's lock. */
final class OutputCounters {
    final AtomicLong received = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    final AtomicLong filtered = new AtomicLong();
    final AtomicLong coalesced = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong lastPublishedAt = new AtomicLong();
}
