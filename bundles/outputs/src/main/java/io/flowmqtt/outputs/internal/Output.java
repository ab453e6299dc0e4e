package io.flowmqtt.outputs.internal;

import io.flowmqtt.api.DataSource;
import io.flowmqtt.api.EventState;
import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.Subscription;
import io.flowmqtt.api.SubscriptionRequest;
import io.flowmqtt.api.status.OutputStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One output at work: takes events from its source, keeps those its selection and policy want
 * ({@link EventGate}), holds back updates that come faster than {@code minUpdateInterval}
 * ({@link UpdateCoalescer}: the newest wins; a create or close always goes, in order), and queues them
 * on its interface ({@link Delivery}). What it is bound to is kept by {@link Binding}.
 *
 * <p>Locking: the source delivers under its own lock and then takes this output's lock, so this
 * output never calls into a source (subscribe, close) while holding its own lock. The helpers are
 * guarded by this output's lock.
 */
final class Output {
    private static final Logger LOG = LoggerFactory.getLogger(Output.class);

    private final String fallbackName;
    private final Scheduler scheduler;
    private final LongSupplier clock;
    private final OutputCounters counters = new OutputCounters();
    private final Delivery delivery;
    private final OutputStateLog stateLog = new OutputStateLog();

    // guarded by this
    private OutputSettings settings;
    private String problem;
    private final Binding binding = new Binding();
    private final UpdateCoalescer coalescer = new UpdateCoalescer();

    Output(String fallbackName, Scheduler scheduler, LongSupplier clock, Supplier<String> blockName) {
        this.fallbackName = fallbackName;
        this.scheduler = scheduler;
        this.clock = clock;
        this.delivery = new Delivery(clock, blockName, counters);
    }

    synchronized void configure(OutputSettings next) {
        settings = next;
        problem = null;
    }

    synchronized void invalid(String why) {
        settings = null;
        problem = why;
    }

    synchronized OutputSettings settings() {
        return settings;
    }

    synchronized String name() {
        return settings == null ? fallbackName : settings.name();
    }

    /**
     * Binds to the given source and interface (either may be null: not there). Re-subscribes only
     * when the source, the interface or the settings changed. Must be called without holding this lock.
     */
    void bind(DataSource newSource, MqttInterface newTarget, boolean settingsChanged) {
        Binding.Plan plan;
        synchronized (this) {
            plan = binding.rebind(settings, newSource, newTarget, settingsChanged);
            if (plan == null) {
                return;
            }
            coalescer.clear();
        }
        plan.stale().forEach(Output::closeQuietly);
        OutputSettings s = plan.settings();
        if (s == null) {
            return;
        }
        Subscription fresh;
        try {
            fresh = plan.source().subscribe(new SubscriptionRequest(s.name(), s.interval()),
                    event -> onEvent(plan.generation(), event));
        } catch (RuntimeException e) {
            LOG.error("Output {}: source {} refused the subscription", s.name(), s.source(), e);
            synchronized (this) {
                if (binding.refused(plan)) {
                    problem = "source " + s.source() + " refused the subscription: " + e.getMessage();
                }
            }
            return;
        }
        boolean kept;
        synchronized (this) {
            kept = binding.subscribed(plan, fresh);
            if (kept) {
                problem = null; // a source refused an earlier subscription; this one is accepted
            }
        }
        if (!kept) {
            closeQuietly(fresh); // rebound meanwhile
        }
    }

    void unbind() {
        bind(null, null, false);
    }

    /** The output is deleted or the registry stops: unbinds and lets go of a departed source too. */
    void close() {
        unbind();
        List<Subscription> last = new ArrayList<>(1);
        synchronized (this) {
            binding.takeDrain(last);
        }
        last.forEach(Output::closeQuietly);
    }

    /**
     * {@code gone} is being unregistered (called before the rebind that follows). If it is this
     * output's source, its subscription is kept for the CLOSED states it sends while deactivating.
     */
    synchronized void sourceDeparting(DataSource gone) {
        binding.sourceDeparting(gone);
    }

    private static void closeQuietly(Subscription subscription) {
        try {
            subscription.close();
        } catch (RuntimeException e) {
            LOG.debug("closing a subscription failed", e);
        }
    }

    // ---- events ---------------------------------------------------------------------------------

    synchronized void onEvent(long fromGeneration, FlowEvent event) {
        if (!binding.isCurrent(fromGeneration)) {
            Binding.Drain d = binding.drainOf(fromGeneration);
            if (d != null && event.state() == EventState.CLOSED) {
                onDepartedSourceClose(d, event);
            }
            return;
        }
        OutputSettings s = settings;
        if (s == null || binding.target() == null) {
            return;
        }
        counters.received.incrementAndGet();
        switch (EventGate.judge(s, event)) {
            case NOT_SELECTED -> counters.filtered.incrementAndGet();
            case NOT_IN_POLICY -> {
                counters.filtered.incrementAndGet();
                if (event.state() == EventState.CLOSED) {
                    FlowEvent pendingUpdate = coalescer.takeHeld(UpdateCoalescer.key(event));
                    if (pendingUpdate != null) {
                        send(s, binding.target(), pendingUpdate); // the event is over: its last held update goes now
                    }
                    coalescer.closed(event);
                }
            }
            case CREATE -> send(s, binding.target(), event);
            case UPDATE -> onUpdate(s, event);
            case CLOSE -> {
                if (coalescer.closed(event) != null) {
                    counters.coalesced.incrementAndGet(); // the close carries the final values
                }
                send(s, binding.target(), event);
            }
        }
    }

    private void onDepartedSourceClose(Binding.Drain d, FlowEvent event) {
        counters.received.incrementAndGet();
        if (!EventGate.passesClose(d.settings(), event)) {
            counters.filtered.incrementAndGet();
            return;
        }
        send(d.settings(), d.target(), event);
    }

    private void onUpdate(OutputSettings s, FlowEvent event) {
        UpdateCoalescer.Decision decision = coalescer.offer(event, s.minUpdateIntervalMillis(), clock.getAsLong());
        switch (decision.outcome()) {
            case SEND -> send(s, binding.target(), event);
            case REPLACED -> counters.coalesced.incrementAndGet();
            case HELD -> {
                long scheduledIn = binding.generation();
                String id = UpdateCoalescer.key(event);
                scheduler.schedule(() -> flush(scheduledIn, id), decision.delayMillis());
            }
        }
    }

    private synchronized void flush(long scheduledIn, String id) {
        if (!binding.isCurrent(scheduledIn)) {
            return; // rebound since: what was held then was dropped with that binding
        }
        FlowEvent event = coalescer.takeHeld(id);
        OutputSettings s = settings;
        if (event != null && s != null && binding.target() != null) {
            send(s, binding.target(), event);
        }
    }

    private void send(OutputSettings s, MqttInterface iface, FlowEvent event) {
        coalescer.sent(event, s.minUpdateIntervalMillis(), clock.getAsLong());
        delivery.send(s, iface, event);
    }

    // ---- status ---------------------------------------------------------------------------------

    /** One flow.log line when the state differs from the one last reported (see {@link OutputStateLog}). */
    void reportState(OutputStatus now) {
        stateLog.report(now);
    }

    /** The output is deleted or its bundle stops: the last line about it. */
    void reportStopped() {
        stateLog.stopped(name());
    }

    synchronized OutputStatus status(boolean sourcePresent, boolean interfacePresent) {
        OutputStatusText.Snapshot now = new OutputStatusText.Snapshot(name(), settings, problem,
                settings != null && binding.boundWith(settings), binding.source());
        return OutputStatusText.status(now, sourcePresent, interfacePresent, counters);
    }
}
