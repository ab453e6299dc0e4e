package io.flowmqtt.api.spi;

import com.google.gson.JsonObject;
import io.flowmqtt.api.DataSource;
import io.flowmqtt.api.EventSink;
import io.flowmqtt.api.EventState;
import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.api.Subscription;
import io.flowmqtt.api.SubscriptionRequest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Base for diagnostics sources that sample something on each subscriber's interval.
 *
 * <p>Each subscription is one <em>run</em>: one event, created with the first sample, updated with
 * every later sample, and closed with a last sample when the source shuts down orderly
 * ({@link #shutdown()}, called from the component's deactivate). A subscriber that closes its
 * subscription wants nothing more: its run just stops, without a last sample. A subclass only implements
 * {@link #sample()}. A sample that throws is skipped and counted; the run goes on.
 */
public abstract class SampledDataSource implements DataSource {
    private final String type;
    private final LongSupplier clock;
    private final ScheduledExecutorService scheduler;
    private final Set<Run> runs = ConcurrentHashMap.newKeySet();
    private final AtomicLong runCounter = new AtomicLong();
    private final AtomicLong failedSamples = new AtomicLong();
    private volatile String lastSampleError;

    protected SampledDataSource(String type) {
        this(type, System::currentTimeMillis);
    }

    protected SampledDataSource(String type, LongSupplier clock) {
        this.type = type;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "flow-source-" + type);
            thread.setDaemon(true);
            return thread;
        });
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

    /** Closes every open run with a last sample, then stops sampling. Call from deactivate. */
    public void shutdown() {
        try {
            scheduler.submit(() -> runs.forEach(Run::close)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing is best effort: a source that is going away must not hang the framework.
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** Samples that threw since the source started. */
    public long failedSamples() {
        return failedSamples.get();
    }

    /** The last sampling error, or {@code null}. */
    public String lastSampleError() {
        return lastSampleError;
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
                failedSamples.incrementAndGet();
                lastSampleError = e.toString();
                return;
            }
            revision++;
            sink.accept(FlowEvent.of(type, id, "", state, revision, clock.getAsLong(), body));
        }
    }
}
