package io.flowmqtt.api.spi;

import com.google.gson.JsonObject;
import io.flowmqtt.api.DataSource;
import io.flowmqtt.api.EventSink;
import io.flowmqtt.api.EventState;
import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.api.Subscription;
import io.flowmqtt.api.SubscriptionRequest;
import io.flowmqtt.api.status.SamplingStatus;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base for diagnostics sources that sample something on each subscriber's interval.
 *
 * <p>Each subscription is one <em>run</em>: one event, created with the first sample, updated with
 * every later sample, and closed with a last sample when the source shuts down orderly
 * ({@link #shutdown()}, called from the component's deactivate). A subscriber that closes its
 * subscription wants nothing more: its run just stops, without a last sample. A subclass only implements
 * {@link #sample()}. A sample that throws is skipped and counted; the run goes on. A series of
 * failing samples is logged twice (a warning when it begins, naming the source and the error, and a
 * line when sampling works again, saying how many samples failed) and shows in {@link #samplingStatus()}.
 *
 * <p>{@link #shutdown()} stops the sampling thread without interrupting it: samples end in an
 * interface's publish, and an interrupt there would close that interface's queue file (see
 * {@link OrderlyScheduler}).
 */
public abstract class SampledDataSource implements DataSource {
    private static final Logger LOG = LoggerFactory.getLogger(SampledDataSource.class);
    /** How long {@link #shutdown()} waits for the last samples and then for the thread, in all. */
    private static final Duration SHUTDOWN_BOUND = Duration.ofSeconds(5);

    private final String type;
    private final LongSupplier clock;
    private final OrderlyScheduler scheduler;
    private final FailureSeries failures;
    private final Set<Run> runs = ConcurrentHashMap.newKeySet();
    private final AtomicLong runCounter = new AtomicLong();

    protected SampledDataSource(String type) {
        this(type, System::currentTimeMillis);
    }

    protected SampledDataSource(String type, LongSupplier clock) {
        this(type, clock, FailureSeries.SLF4J);
    }

    /** With the log of failure series given (tests). */
    SampledDataSource(String type, LongSupplier clock, FailureSeries.Log failureLog) {
        this.type = type;
        this.clock = clock;
        this.scheduler = new OrderlyScheduler("flow-source-" + type);
        this.failures = new FailureSeries(type, clock, failureLog);
    }

    /** Takes one sample. Runs on the source's own thread, never concurrently with itself. */
    protected abstract JsonObject sample() throws Exception;

    @Override
    public Subscription subscribe(SubscriptionRequest request, EventSink sink) {
        String id = type + "-" + Long.toString(clock.getAsLong(), 36) + "-" + runCounter.incrementAndGet();
        Run run = new Run(id, sink);
        runs.add(run);
        long periodMillis = Math.max(1, request.interval().toMillis());
        run.future = scheduler.scheduleAtFixedRate(run::emitSample, 0, periodMillis, TimeUnit.MILLISECONDS);
        return run::cancel;
    }

    /**
     * Closes every open run with a last sample, then stops sampling; returns once the sampling
     * thread has ended, or after 5 s at most (a sample that hangs is then left to finish by itself,
     * with a warning). Call from deactivate: when it returns, this source publishes nothing more.
     */
    public void shutdown() {
        long deadline = System.nanoTime() + SHUTDOWN_BOUND.toNanos();
        try {
            // on the sampling thread, after the sample that may be running: the closes come last
            scheduler.submit(() -> runs.forEach(Run::close)).get(SHUTDOWN_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException alreadyStopped) {
            // shut down before: nothing left to close
        } catch (TimeoutException e) {
            LOG.warn("Data source {}: its open runs were not closed within {} s (a sample hangs); subscribers get no closed event",
                    type, SHUTDOWN_BOUND.toSeconds());
        } catch (ExecutionException e) {
            LOG.warn("Data source {}: closing its open runs failed: {}", type, e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the deactivating thread's own interrupt: keep it
        } finally {
            scheduler.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    /** Samples that threw since the source started. */
    public long failedSamples() {
        return failures.status().failedSamples();
    }

    /** The last sampling error, or {@code null}; stays after sampling works again (see {@link #samplingStatus()}). */
    public String lastSampleError() {
        return failures.status().lastError();
    }

    /** Whether sampling is failing now, since when and why. */
    public SamplingStatus samplingStatus() {
        return failures.status();
    }

    public String type() {
        return type;
    }

    private final class Run {
        final String id;
        final EventSink sink;
        volatile ScheduledFuture<?> future;
        long revision; // touched only on the scheduler thread

        Run(String id, EventSink sink) {
            this.id = id;
            this.sink = sink;
        }

        void emitSample() {
            emit(revision == 0 ? EventState.CREATED : EventState.UPDATED);
        }

        void close() {
            if (revision > 0) {
                emit(EventState.CLOSED);
            }
            cancel();
        }

        void cancel() {
            runs.remove(this);
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
        }

        private void emit(EventState state) {
            JsonObject body;
            try {
                body = sample();
            } catch (Exception | LinkageError e) {
                failures.failed(e);
                return;
            }
            failures.succeeded();
            revision++;
            sink.accept(FlowEvent.of(type, id, "", state, revision, clock.getAsLong(), body));
        }
    }
}
