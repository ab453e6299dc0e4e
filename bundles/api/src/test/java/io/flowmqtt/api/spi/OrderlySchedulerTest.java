package io.flowmqtt.api.spi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/** A plugin's thread stops without being interrupted: the task it runs finishes, nothing more starts. */
public class OrderlySchedulerTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final Duration BOUND = Duration.ofSeconds(5);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private final OrderlyScheduler scheduler = new OrderlyScheduler("flow-test");
    private final CountDownLatch release = new CountDownLatch(1);

    @After
    public void releaseAndStop() {
        release.countDown();
        scheduler.stop(BOUND);
    }

    /**
     * The bug this class exists for: a task appending to a file channel (as an interface's publish
     * does with its queue) while its plugin stops. shutdownNow() would interrupt the write and Java
     * would close the channel; stop() lets the task finish and the channel stays open.
     */
    @Test
    public void aTaskWritingToAFileChannelFinishesAndTheChannelStaysOpen() throws Exception {
        try (FileChannel channel = FileChannel.open(tmp.getRoot().toPath().resolve("journal"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            CountDownLatch writing = new CountDownLatch(1);
            AtomicBoolean stopAsked = new AtomicBoolean();
            AtomicInteger written = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            scheduler.scheduleAtFixedRate(() -> {
                try {
                    // one long task, like a tick that publishes many messages: it goes on past the stop request
                    for (int i = 0; i < 2_000 || !stopAsked.get(); i++) {
                        channel.write(ByteBuffer.wrap(("message " + i + "\n").getBytes()));
                        written.incrementAndGet();
                        writing.countDown();
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
            assertTrue(writing.await(5, TimeUnit.SECONDS));
            stopAsked.set(true);

            assertTrue("stopped within the bound", scheduler.stop(BOUND));
            assertEquals(null, failure.get());
            assertTrue("the channel other threads share is still open", channel.isOpen());
            int before = written.get();
            channel.write(ByteBuffer.wrap("after the stop\n".getBytes()));
            assertEquals("nothing runs after stop returned", before, written.get());
        }
    }

    @Test
    public void stopWaitsForTheRunningTaskWithoutInterruptingIt() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        scheduler.execute(() -> {
            running.countDown();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < until) {
                interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
                Thread.onSpinWait();
            }
            finished.set(true);
        });
        assertTrue(running.await(5, TimeUnit.SECONDS));
        assertTrue(scheduler.stop(BOUND));
        assertTrue("stop returned only after the task", finished.get());
        assertFalse(interrupted.get());
        assertTrue(scheduler.isTerminated());
    }

    @Test
    public void scheduledAndPeriodicTasksAreDroppedAtStop() throws Exception {
        AtomicInteger ticks = new AtomicInteger();
        AtomicBoolean delayedRan = new AtomicBoolean();
        scheduler.scheduleAtFixedRate(ticks::incrementAndGet, 0, 10, TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> delayedRan.set(true), 1, TimeUnit.HOURS);
        long deadline = System.currentTimeMillis() + 5_000;
        while (ticks.get() < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5); // polling a condition
        }
        long started = System.nanoTime();
        assertTrue(scheduler.stop(BOUND));
        assertTrue("did not wait for the delayed task", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 1_000);
        int after = ticks.get();
        assertFalse(delayedRan.get());
        assertEquals(after, ticks.get());
    }

    @Test
    public void aTaskThatOutlivesTheBoundIsLeftRunningNotInterrupted() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        scheduler.execute(() -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            done.countDown();
        });
        assertTrue(running.await(5, TimeUnit.SECONDS));
        assertFalse("still running after the bound", scheduler.stop(Duration.ofMillis(100)));
        assertFalse(scheduler.isTerminated());
        release.countDown();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertFalse(interrupted.get());
        assertTrue(scheduler.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    public void aTaskStoppingItsOwnSchedulerDoesNotWaitForItself() throws Exception {
        AtomicReference<Boolean> result = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        scheduler.execute(() -> {
            result.set(scheduler.stop(BOUND));
            done.countDown();
        });
        assertTrue(done.await(2, TimeUnit.SECONDS));
        assertEquals(Boolean.FALSE, result.get());
        assertTrue(scheduler.awaitTermination(5, TimeUnit.SECONDS));
        assertEquals("flow-test", scheduler.threadName());
    }

    @Test
    public void theThreadIsANamedDaemon() throws Exception {
        AtomicReference<Thread> thread = new AtomicReference<>();
        scheduler.submit(() -> thread.set(Thread.currentThread())).get(5, TimeUnit.SECONDS);
        assertEquals("flow-test", thread.get().getName());
        assertTrue(thread.get().isDaemon());
    }
}
