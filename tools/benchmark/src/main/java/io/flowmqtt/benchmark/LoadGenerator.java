package io.flowmqtt.benchmark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The one load generator for both bridges: {@code connections} threads, each with its own keep-alive connection
 * and its own widget (so each widget's reports stay in order), posting webhook bodies marked with the round.
 * Closed loop for throughput (each connection posts again as soon as it is answered), open loop for latency
 * (each message waits for its due time from an {@link OpenLoopSchedule}, never for the one before it).
 */
public final class LoadGenerator {
    /** What was sent: POSTs made, answered 200, and the first failure (or null). */
    public record Sent(long posts, long accepted, String firstFailure) {
        public long failed() {
            return posts - accepted;
        }
    }

    private final Bridge bridge;
    private final int connections;

    public LoadGenerator(Bridge bridge, int connections) {
        this.bridge = bridge;
        this.connections = connections;
    }

    /** Posts as fast as the bridge answers until {@code endNanos}. */
    public Sent closedLoop(long round, long endNanos) throws InterruptedException {
        AtomicLong seq = new AtomicLong();
        return run((connection, widget, counters) -> {
            while (System.nanoTime() < endNanos) {
                counters.post(connection, Payloads.body(widget, round, seq.getAndIncrement(), System.nanoTime()));
            }
        });
    }

    /** Posts message i of {@code schedule} at its due time, message by message, until all were sent. */
    public Sent openLoop(long round, OpenLoopSchedule schedule) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        return run((connection, widget, counters) -> {
            for (long i = next.getAndIncrement(); i < schedule.count(); i = next.getAndIncrement()) {
                long due = schedule.dueNanos(i);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                counters.post(connection, Payloads.body(widget, round, i, due));
            }
        });
    }

    private interface Work {
        void run(HttpConnection connection, int widget, Counters counters);
    }

    /** The counts of one run, shared by its threads. */
    private static final class Counters {
        final AtomicLong posts = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicReference<String> firstFailure = new AtomicReference<>();

        void post(HttpConnection connection, byte[] body) {
            posts.incrementAndGet();
            try {
                int status = connection.post(body);
                if (status == 200) {
                    accepted.incrementAndGet();
                } else {
                    firstFailure.compareAndSet(null, "HTTP " + status);
                }
            } catch (IOException e) {
                firstFailure.compareAndSet(null, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
    }

    private Sent run(Work work) throws InterruptedException {
        Counters counters = new Counters();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int widget = c + 1;
            Thread thread = new Thread(() -> {
                try (HttpConnection connection = new HttpConnection(bridge.httpPort(), bridge.webhookPath(), bridge.token())) {
                    work.run(connection, widget, counters);
                }
            }, "load-" + widget);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        return new Sent(counters.posts.get(), counters.accepted.get(), counters.firstFailure.get());
    }

    /**
     * One POST every 20 ms on a new connection until {@code stop} says so, ignoring refusals: the probe that finds
     * out when a bridge that is starting or being reconfigured delivers its first message.
     */
    public static Thread probe(Bridge bridge, long round, java.util.function.BooleanSupplier stop) {
        Thread thread = new Thread(() -> {
            long seq = 0;
            while (!stop.getAsBoolean()) {
                try (HttpConnection connection = new HttpConnection(bridge.httpPort(), bridge.webhookPath(), bridge.token())) {
                    connection.post(Payloads.body(999, round, seq++, System.nanoTime()));
                } catch (IOException notYet) {
                    // not listening yet: try again
                }
                LockSupport.parkNanos(20_000_000L); // the probe's pace, not a synchronisation
            }
        }, "probe");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
