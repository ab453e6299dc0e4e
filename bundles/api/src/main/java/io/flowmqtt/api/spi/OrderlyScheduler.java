package io.flowmqtt.api.spi;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduler on one named daemon thread that a plugin stops with {@link #stop(Duration)}, never
 * with {@code shutdownNow()}.
 *
 * <p>Why: the work of a plugin's thread usually ends in an interface's {@code publish}, which
 * appends to the interface's queue file on the caller's thread. An interrupt that arrives while
 * that thread is inside {@code FileChannel.write} makes Java close the channel, and the queue file
 * of an interface that belongs to another bundle is gone for every later message. So a plugin that
 * is going away must let the task its thread is running end by itself: {@link #stop(Duration)}
 * drops what is scheduled, lets the running task finish, and never interrupts.
 */
public final class OrderlyScheduler extends ScheduledThreadPoolExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(OrderlyScheduler.class);

    private final OneThread thread;

    /** @param threadName the name of the thread, shown in thread dumps and in the warning of {@link #stop} */
    public OrderlyScheduler(String threadName) {
        this(new OneThread(threadName));
    }

    private OrderlyScheduler(OneThread thread) {
        super(1, thread);
        this.thread = thread;
        // at shutdown(), tasks that are only scheduled are dropped: a stopping plugin starts no new work
        setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        setRemoveOnCancelPolicy(true);
    }

    /**
     * Stops orderly: accepts no new task, drops the scheduled ones (periodic and delayed; a task
     * submitted to run now still runs), and waits up to {@code bound} for the task that is running to
     * return. A task still running after that is left to finish by itself, with a warning that names
     * the thread and where it is; it is not interrupted, because an interrupt inside an interface's
     * queue write would close that interface's queue file (see the class comment). The thread is a
     * daemon and runs nothing more once that task returns.
     *
     * @return whether the thread has ended; {@code false} too when called from the thread itself
     *         (it ends when the calling task returns) or when the caller is interrupted while waiting
     */
    public boolean stop(Duration bound) {
        shutdown();
        Thread worker = thread.current;
        if (worker == Thread.currentThread()) {
            return false; // a task stopping its own scheduler cannot wait for itself
        }
        try {
            if (awaitTermination(Math.max(0, bound.toMillis()), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller's interrupt is the caller's: keep it, stop waiting
            return false;
        }
        LOG.warn("Thread {} is still running a task {} ms after it was asked to stop; it is left to finish by itself, not "
                + "interrupted (an interrupt inside an interface's queue write would close that queue). It is at: {}",
                thread.name, bound.toMillis(), where(worker));
        return false;
    }

    /** The thread's name. */
    public String threadName() {
        return thread.name;
    }

    private static String where(Thread worker) {
        if (worker == null) {
            return "(unknown)";
        }
        return Arrays.stream(worker.getStackTrace()).limit(8).map(String::valueOf).collect(Collectors.joining(" < "));
    }

    /** Makes the one worker thread (again, if a task killed it) and remembers it for {@link #stop}. */
    private static final class OneThread implements ThreadFactory {
        final String name;
        volatile Thread current;

        OneThread(String name) {
            this.name = name;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            current = t;
            return t;
        }
    }
}
