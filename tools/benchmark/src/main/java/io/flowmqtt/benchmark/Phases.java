package io.flowmqtt.benchmark;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The measurements, each against one bridge: sustained throughput (closed loop) with CPU per 1,000 messages,
 * latency at a fixed rate (open loop) followed by the RSS, launch to first widget message, and a configuration
 * change to the first message under the new setting.
 */
public final class Phases {
    private static final long DELIVERY_TIMEOUT_MILLIS = 60_000;
    private static final long LAUNCH_TIMEOUT_MILLIS = 120_000;
    private static final long RECONFIGURE_TIMEOUT_MILLIS = 30_000;
    /** How often the latency phase samples the bridge's RSS: a long phase (--seconds 300) shows growth or none. */
    static final int RSS_SAMPLE_SECONDS = 15;

    private final Options options;
    private final Subscriber subscriber;

    public Phases(Options options, Subscriber subscriber) {
        this.options = options;
        this.subscriber = subscriber;
    }

    /** Closed-loop load for the warm-up and then {@code --seconds}: messages per second at the subscriber, CPU per 1,000. */
    public void throughput(Bridge bridge, Measured into) throws InterruptedException, IOException {
        alive(bridge, "the throughput phase");
        Round round = new Round();
        subscriber.sink(round);
        long start = System.nanoTime();
        long windowStart = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        long end = windowStart + TimeUnit.SECONDS.toNanos(options.seconds());
        round.window(windowStart, end);
        LoadGenerator load = new LoadGenerator(bridge, options.connections());
        LoadGenerator.Sent[] sent = new LoadGenerator.Sent[1];
        Thread driver = new Thread(() -> {
            try {
                sent[0] = load.closedLoop(round.id(), end);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "closed-loop");
        driver.start();
        sleepUntil(windowStart); // the measuring window's edges: timing, not synchronisation
        double cpuBefore = ProcStats.cpuSeconds(bridge.pid());
        sleepUntil(end);
        double cpuAfter = ProcStats.cpuSeconds(bridge.pid());
        driver.join();
        checkSent(bridge, "the throughput phase", sent[0]);
        awaitDelivery(bridge, "the throughput phase", round, sent[0]);
        into.throughput = round.inWindow() / (double) options.seconds();
        into.cpuSecondsPer1000 = round.inWindow() == 0 ? Double.NaN : (cpuAfter - cpuBefore) * 1000 / round.inWindow();
        into.rssMegabytes = megabytes(ProcStats.rssBytes(bridge.pid())); // the latency phase, when it runs, reads it again
        subscriber.check();
    }

    /** Open-loop load at {@code --rate} for the warm-up and then {@code --seconds}; latency of the measured part; RSS. */
    public void latency(Bridge bridge, Measured into) throws InterruptedException, IOException {
        alive(bridge, "the latency phase");
        Round round = new Round();
        subscriber.sink(round);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        round.timeFrom(start + TimeUnit.SECONDS.toNanos(options.warmupSeconds()));
        OpenLoopSchedule schedule = new OpenLoopSchedule(start, options.rate(), options.warmupSeconds() + options.seconds());
        Thread rss = rssSampler(bridge, into);
        LoadGenerator.Sent sent;
        try {
            sent = new LoadGenerator(bridge, options.connections()).openLoop(round.id(), schedule);
        } finally {
            rss.interrupt();
            rss.join();
        }
        checkSent(bridge, "the latency phase", sent);
        long measured = (long) options.rate() * options.seconds();
        round.awaitTotal(sent.accepted(), DELIVERY_TIMEOUT_MILLIS);
        into.latency = round.latencies().summary();
        into.latencySent = measured;
        into.latencyDelivered = round.latencies().size();
        into.rssMegabytes = megabytes(ProcStats.rssBytes(bridge.pid()));
        subscriber.check();
    }

    /** Samples the bridge's RSS now and every {@link #RSS_SAMPLE_SECONDS} until interrupted. */
    private static Thread rssSampler(Bridge bridge, Measured into) {
        Thread sampler = new Thread(() -> {
            try {
                while (true) {
                    into.rssDuringLatency.add(megabytes(ProcStats.rssBytes(bridge.pid())));
                    TimeUnit.SECONDS.sleep(RSS_SAMPLE_SECONDS); // the sampling period, not synchronisation
                }
            } catch (InterruptedException | IOException done) {
                // interrupted at the phase's end; a bridge that exited shows in the phase's own checks
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return sampler;
    }

    /** Stops the bridge and launches it again, {@code --restarts} times: seconds from launch to the first widget message. */
    public void launches(Bridge bridge, Measured into) throws InterruptedException, IOException {
        for (int i = 0; i < options.restarts(); i++) {
            bridge.stop();
            into.launchSeconds.add(launch(bridge));
        }
    }

    /** Launches the bridge if it is not running and waits for its first widget message; the seconds that took. */
    public double launch(Bridge bridge) throws InterruptedException, IOException {
        long[] launched = new long[1];
        long arrived = firstWhileProbing(bridge, bridge.topicRoot() + "widgets/", LAUNCH_TIMEOUT_MILLIS, () -> {
            launched[0] = System.nanoTime();
            bridge.launch();
        });
        if (arrived < 0) {
            throw new BenchmarkFailure(bridge.name() + " delivered no widget message within " + LAUNCH_TIMEOUT_MILLIS / 1000
                    + " s of its launch" + bridge.exited() + "; see " + bridge.logs());
        }
        return (arrived - launched[0]) / 1e9;
    }

    /**
     * Rewrites the interface's configuration file with another topic prefix while webhook POSTs keep coming,
     * {@code max(1, --restarts)} times: seconds from the file write to the first message under the new prefix.
     */
    public void reconfigures(RuntimeBridge runtime, Measured into) throws InterruptedException, IOException {
        alive(runtime, "the configuration change phase");
        for (int i = 0; i < Math.max(1, options.restarts()); i++) {
            String prefix = runtime.topicRoot().startsWith("flow/") ? "flow2" : "flow";
            long[] written = new long[1];
            long arrived = firstWhileProbing(runtime, prefix + "/" + Payloads.BLOCK + "/widgets/", RECONFIGURE_TIMEOUT_MILLIS, () -> {
                written[0] = System.nanoTime();
                runtime.changeTopicPrefix(prefix);
            });
            if (arrived < 0) {
                throw new BenchmarkFailure("the runtime published nothing under the new topic prefix '" + prefix + "' within "
                        + RECONFIGURE_TIMEOUT_MILLIS / 1000 + " s of the configuration change; see " + runtime.logs());
            }
            into.reconfigureSeconds.add((arrived - written[0]) / 1e9);
        }
    }

    /** An action the timing starts with: a launch, a configuration change. */
    private interface Action {
        void run() throws IOException;
    }

    /**
     * Runs {@code action} while a probe posts every 20 ms, and returns when the first probe message under
     * {@code topicPrefix} arrived (nanoTime), or -1 when none did in time or the bridge exited.
     */
    private long firstWhileProbing(Bridge bridge, String topicPrefix, long timeoutMillis, Action action)
            throws InterruptedException, IOException {
        Round probeRound = new Round();
        FirstArrival first = new FirstArrival(probeRound.id(), topicPrefix);
        subscriber.sink(first);
        AtomicBoolean done = new AtomicBoolean();
        Thread probe = null;
        try {
            action.run();
            probe = LoadGenerator.probe(bridge, probeRound.id(), done::get);
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (System.currentTimeMillis() < deadline && bridge.isAlive()) {
                long arrived = first.await(200);
                if (arrived >= 0) {
                    return arrived;
                }
            }
            return -1;
        } finally {
            done.set(true);
            if (probe != null) {
                probe.join();
            }
        }
    }

    private static void alive(Bridge bridge, String phase) {
        if (!bridge.isAlive()) {
            throw new BenchmarkFailure(bridge.name() + " is not running at the start of " + phase + bridge.exited() + "; see " + bridge.logs());
        }
    }

    private static void checkSent(Bridge bridge, String phase, LoadGenerator.Sent sent) {
        if (sent == null) {
            throw new BenchmarkFailure("the load generator was interrupted in " + phase + " of " + bridge.name());
        }
        if (sent.failed() > 0) {
            throw new BenchmarkFailure(bridge.name() + " refused " + sent.failed() + " of " + sent.posts() + " webhook POSTs in "
                    + phase + " (first: " + sent.firstFailure() + ")" + bridge.exited() + "; see " + bridge.logs());
        }
    }

    private static void awaitDelivery(Bridge bridge, String phase, Round round, LoadGenerator.Sent sent) throws InterruptedException {
        if (!round.awaitTotal(sent.accepted(), DELIVERY_TIMEOUT_MILLIS)) {
            throw new BenchmarkFailure(bridge.name() + " accepted " + sent.accepted() + " webhook POSTs in " + phase + " but only "
                    + round.total() + " messages reached the subscriber within " + DELIVERY_TIMEOUT_MILLIS / 1000 + " s");
        }
    }

    private static double megabytes(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
