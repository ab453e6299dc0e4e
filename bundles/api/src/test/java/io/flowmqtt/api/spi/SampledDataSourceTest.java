package io.flowmqtt.api.spi;

import io.flowmqtt.api.status.SamplingStatus;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import io.flowmqtt.api.EventState;
import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.api.SubscriptionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.Test;

/**
 * The run lifecycle every sampled source inherits ({@link SampledSourceContract}), on a source that counts and,
 * when told to, fails its third sample; and what only the base class can show: failure series, an uninterrupted shutdown.
 */
public class SampledDataSourceTest extends SampledSourceContract<SampledDataSource> {
    private final AtomicInteger samples = new AtomicInteger();
    private final AtomicBoolean failThird = new AtomicBoolean();

    @Override
    protected SampledDataSource createSource() {
        return new SampledDataSource("counter") {
            @Override
            protected JsonObject sample() {
                int n = samples.incrementAndGet();
                if (n == 3 && failThird.get()) {
                    throw new IllegalStateException("sensor gone");
                }
                JsonObject body = new JsonObject();
                body.addProperty("n", n);
                return body;
            }
        };
    }

    private static FlowEvent next(BlockingQueue<FlowEvent> events) throws InterruptedException {
        FlowEvent event = events.poll(5, TimeUnit.SECONDS);
        assertTrue("no event within 5 s", event != null);
        return event;
    }

    @Test
    public void aRunIsCreatedUpdatedAndClosedAtShutdownAndSkipsAFailingSample() throws Exception {
        failThird.set(true);
        BlockingQueue<FlowEvent> events = new LinkedBlockingQueue<>();
        source.subscribe(new SubscriptionRequest("t", Duration.ofMillis(20)), events::add);
        FlowEvent created = next(events);
        FlowEvent updated = next(events);
        FlowEvent afterFailure = next(events);
        assertEquals(EventState.CREATED, created.state());
        assertEquals(1, created.revision());
        assertEquals(EventState.UPDATED, updated.state());
        assertEquals(2, updated.revision());
        assertEquals("the failed third sample is skipped, not counted as a revision", 4, afterFailure.body().get("n").getAsInt());
        assertEquals(3, afterFailure.revision());
        assertEquals(1, source.failedSamples());
        assertTrue(source.lastSampleError().contains("sensor gone"));

        source.shutdown();
        List<FlowEvent> rest = new ArrayList<>();
        events.drainTo(rest);
        FlowEvent last = rest.get(rest.size() - 1);
        assertEquals(EventState.CLOSED, last.state());
        assertEquals(created.id(), last.id());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (!condition.getAsBoolean()) {
            assertTrue("timed out waiting for " + what, System.currentTimeMillis() < deadline);
            Thread.sleep(5); // polling a condition
        }
    }

    @Test
    public void aSeriesOfFailingSamplesIsLoggedOnceAndShowsInTheStatusUntilSamplingWorksAgain() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicBoolean broken = new AtomicBoolean();
        SampledDataSource flaky = new SampledDataSource("flaky", System::currentTimeMillis, new FailureSeries.Log() {
            @Override
            public void warn(String message, Throwable cause) {
                log.add("WARN " + message);
            }

            @Override
            public void info(String message) {
                log.add("INFO " + message);
            }
        }) {
            @Override
            protected JsonObject sample() throws Exception {
                if (broken.get()) {
                    throw new java.io.IOException("no such file /sys/class/thermal");
                }
                return new JsonObject();
            }
        };
        try {
            BlockingQueue<FlowEvent> events = new LinkedBlockingQueue<>();
            flaky.subscribe(new SubscriptionRequest("t", Duration.ofMillis(5)), events::add);
            next(events);
            assertFalse(flaky.samplingStatus().failing());

            broken.set(true);
            await("ten failed samples", () -> flaky.samplingStatus().failingInRow() >= 10);
            SamplingStatus failing = flaky.samplingStatus();
            assertEquals("java.io.IOException: no such file /sys/class/thermal", failing.currentError());
            assertTrue(failing.describe(), failing.describe().startsWith("sampling failing since "));
            assertEquals("one warning for the whole series", 1, log.size());
            assertTrue(log.get(0), log.get(0).startsWith("WARN Data source flaky: sampling failed: java.io.IOException: no such file"));

            broken.set(false);
            await("sampling works again", () -> !flaky.samplingStatus().failing());
            await("the line saying so", () -> log.size() == 2);
            long failed = flaky.failedSamples();
            assertTrue(log.get(1), log.get(1).startsWith("INFO Data source flaky: sampling works again after " + failed + " failed sample(s)"));
            assertEquals("java.io.IOException: no such file /sys/class/thermal", flaky.lastSampleError());
            assertNull(flaky.samplingStatus().currentError());
        } finally {
            flaky.shutdown();
        }
    }

    /**
     * Shutdown lets the sample that is running finish, uninterrupted (it may be publishing into an
     * interface's queue file, which an interrupt would close), then closes the run and returns only
     * once the sampling thread is done.
     */
    @Test
    public void shutdownLetsTheRunningSampleFinishWithoutInterruptingIt() throws Exception {
        CountDownLatch sampling = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean slow = new AtomicBoolean();
        SampledDataSource slowSource = new SampledDataSource("slow") {
            @Override
            protected JsonObject sample() {
                if (slow.get()) {
                    sampling.countDown();
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                    while (System.nanoTime() < until) {
                        interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
                        Thread.onSpinWait();
                    }
                }
                return new JsonObject();
            }
        };
        List<FlowEvent> events = new CopyOnWriteArrayList<>();
        slowSource.subscribe(new SubscriptionRequest("t", Duration.ofMillis(10)), events::add);
        await("a first sample", () -> !events.isEmpty());
        slow.set(true);
        assertTrue(sampling.await(5, TimeUnit.SECONDS));
        slowSource.shutdown();
        assertFalse("the sampling thread was not interrupted", interrupted.get());
        FlowEvent last = events.get(events.size() - 1);
        assertEquals(EventState.CLOSED, last.state());
        // The executor reports itself terminated while its last worker thread is still on its way out, so the
        // thread may be alive for a moment: it must end without another task (a join, not a fixed wait).
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("flow-source-slow")) {
                t.join(5000);
                assertFalse("the sampling thread ends after shutdown: nothing samples or publishes after it", t.isAlive());
            }
        }
        assertEquals("no event after the closing one", last, events.get(events.size() - 1));
    }
}
