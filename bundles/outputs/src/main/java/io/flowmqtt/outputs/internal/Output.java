package io.flowmqtt.outputs.internal;

import com.google.gson.JsonObject;
import io.flowmqtt.api.DataSource;
import io.flowmqtt.api.EventState;
import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.OutboundMessage;
import io.flowmqtt.api.PublishResult;
import io.flowmqtt.api.Subscription;
import io.flowmqtt.api.SubscriptionRequest;
import io.flowmqtt.api.spi.SampledDataSource;
import io.flowmqtt.api.status.OutputState;
import io.flowmqtt.api.status.OutputStatus;
import io.flowmqtt.api.status.SamplingStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One output at work: takes events from its source, keeps those its selection and policy want,
 * holds back updates that come faster than {@code minUpdateIntervalMillis} (the newest wins; a
 * create or close always goes, in order), and queues them on its interface.
 *
 * <p>Locking: the source delivers under its own lock and then takes this output's lock, so this
 * output never calls into a source (subscribe, close) while holding its own lock.
 */
final class Output {
    private static final Logger LOG = LoggerFactory.getLogger(Output.class);

    private final String fallbackName;
    private final Scheduler scheduler;
    private final LongSupplier clock;
    private final Supplier<String> blockName;

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong filtered = new AtomicLong();
    private final AtomicLong coalesced = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong lastPublishedAt = new AtomicLong();

    // guarded by this
    private OutputSettings settings;
    private String problem;
    private DataSource source;
    private MqttInterface target;
    private Subscription subscription;
    /** The settings {@link #subscription} was made with: status says ACTIVE only once the current ones are bound. */
    private OutputSettings boundSettings;
    /** Grows with every bind; events from a subscription of an older bind are not taken. */
    private long generation;
    /** The generation {@link #subscription} belongs to. */
    private long boundGeneration;
    /** The bound source, while it is being unregistered (before its deactivation sends its last states). */
    private DataSource departing;
    /** The subscription of a source that went away, kept to publish the closes it sends on its way out. */
    private Drain drain;
    // keyed by eventKey(): event ids are unique per widget (Events widgets carry FLOW's own ids), not per source
    private final Map<String, Long> lastSent = new HashMap<>();
    private final Map<String, FlowEvent> held = new HashMap<>();
    /** The state last written to flow.log; null before the first. */
    private OutputState reported;
    /** Stopped: a rebind on another thread that comes late writes no line about it. */
    private boolean stopped;

    /**
     * A departed source's subscription. DS unregisters a source's service before it calls its deactivate
     * method, which is where a source closes its open events (see {@link DataSource}): those CLOSED
     * states are still published, with the settings and to the interface of that binding.
     */
    private record Drain(long generation, Subscription subscription, OutputSettings settings, MqttInterface target) {
    }

    Output(String fallbackName, Scheduler scheduler, LongSupplier clock, Supplier<String> blockName) {
        this.fallbackName = fallbackName;
        this.scheduler = scheduler;
        this.clock = clock;
        this.blockName = blockName;
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
        Subscription old;
        Subscription oldDrain = null;
        OutputSettings s;
        long mine;
        synchronized (this) {
            s = settings;
            boolean wanted = s != null && s.enabled() && newSource != null && newTarget != null;
            if (wanted && !settingsChanged && newSource == source && newTarget == target && subscription != null) {
                return;
            }
            mine = ++generation;
            old = subscription;
            if (old != null && source != null && source == departing && boundSettings != null && target != null) {
                // the source is going away: keep listening for the closes it sends from its deactivation
                oldDrain = drain == null ? null : drain.subscription();
                drain = new Drain(boundGeneration, old, boundSettings, target);
                old = null;
            } else if (wanted && drain != null) {
                oldDrain = drain.subscription(); // bound anew: the departed source has long said its last
                drain = null;
            }
            departing = null;
            subscription = null;
            boundSettings = null;
            source = wanted ? newSource : null;
            target = wanted ? newTarget : null;
            held.clear();
            lastSent.clear();
            if (!wanted) {
                s = null;
            }
        }
        if (old != null) {
            closeQuietly(old);
        }
        if (oldDrain != null) {
            closeQuietly(oldDrain);
        }
        if (s == null) {
            return;
        }
        Subscription fresh;
        try {
            fresh = newSource.subscribe(new SubscriptionRequest(s.name(), s.interval()), event -> onEvent(mine, event));
        } catch (RuntimeException e) {
            LOG.error("Output {}: source {} refused the subscription", s.name(), s.source(), e);
            synchronized (this) {
                if (generation == mine) {
                    problem = "source " + s.source() + " refused the subscription: " + e.getMessage();
                    source = null;
                    target = null;
                }
            }
            return;
        }
        boolean stale;
        synchronized (this) {
            // a later bind (on another thread) superseded this one: its subscription is the one to keep
            stale = generation != mine;
            if (!stale) {
                subscription = fresh;
                boundGeneration = mine;
                boundSettings = s;
                problem = null; // a source refused an earlier subscription; this one is accepted
            }
        }
        if (stale) {
            closeQuietly(fresh); // rebound meanwhile
        }
    }

    void unbind() {
        bind(null, null, false);
    }

    /** The output is deleted or the registry stops: unbinds and lets go of a departed source too. */
    void close() {
        unbind();
        Subscription last;
        synchronized (this) {
            last = drain == null ? null : drain.subscription();
            drain = null;
        }
        if (last != null) {
            closeQuietly(last);
        }
    }

    /**
     * {@code gone} is being unregistered (called before the rebind that follows). If it is this
     * output's source, its subscription is kept for the CLOSED states it sends while deactivating.
     */
    synchronized void sourceDeparting(DataSource gone) {
        if (gone != null && gone == source) {
            departing = gone;
        }
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
        if (fromGeneration != generation) {
            Drain d = drain;
            if (d != null && d.generation() == fromGeneration && event.state() == EventState.CLOSED) {
                onDepartedSourceClose(d, event);
            }
            return;
        }
        OutputSettings s = settings;
        if (s == null || target == null) {
            return;
        }
        received.incrementAndGet();
        if (!s.widgets().matches(event.subject())) {
            filtered.incrementAndGet();
            return;
        }
        String id = eventKey(event);
        if (!s.policy().allows(event.state())) {
            filtered.incrementAndGet();
            if (event.state() == EventState.CLOSED) {
                FlowEvent pendingUpdate = held.remove(id);
                if (pendingUpdate != null) {
                    send(s, pendingUpdate); // the event is over: its last held update goes now
                }
                lastSent.remove(id);
            }
            return;
        }
        switch (event.state()) {
            case CREATED -> send(s, event);
            case UPDATED -> onUpdate(s, event);
            case CLOSED -> {
                if (held.remove(id) != null) {
                    coalesced.incrementAndGet(); // the close carries the final values
                }
                lastSent.remove(id);
                send(s, event);
            }
        }
    }

    private void onDepartedSourceClose(Drain d, FlowEvent event) {
        received.incrementAndGet();
        if (!d.settings().widgets().matches(event.subject()) || !d.settings().policy().allows(EventState.CLOSED)) {
            filtered.incrementAndGet();
            return;
        }
        send(d.settings(), d.target(), event);
    }

    private void onUpdate(OutputSettings s, FlowEvent event) {
        long window = s.minUpdateIntervalMillis();
        if (window <= 0) {
            send(s, event);
            return;
        }
        String id = eventKey(event);
        if (held.put(id, event) != null) {
            coalesced.incrementAndGet();
            return;
        }
        Long last = lastSent.get(id);
        long now = clock.getAsLong();
        if (last == null || now - last >= window) {
            held.remove(id);
            send(s, event);
            return;
        }
        long scheduledIn = generation;
        scheduler.schedule(() -> flush(scheduledIn, id), last + window - now);
    }

    private synchronized void flush(long scheduledIn, String id) {
        if (scheduledIn != generation) {
            return; // rebound since: what was held then was dropped with that binding
        }
        FlowEvent event = held.remove(id);
        OutputSettings s = settings;
        if (event != null && s != null && target != null) {
            send(s, event);
        }
    }

    private static String eventKey(FlowEvent event) {
        return event.subject() + "#" + event.id();
    }

    private void send(OutputSettings s, FlowEvent event) {
        send(s, target, event);
    }

    private void send(OutputSettings s, MqttInterface iface, FlowEvent event) {
        if (event.state() != EventState.CLOSED && s.minUpdateIntervalMillis() > 0) {
            lastSent.put(eventKey(event), clock.getAsLong());
        }
        JsonObject payload = PayloadBuilder.build(event, blockName.get(), iface.deviceId(), UUID.randomUUID().toString(),
                iface.timestampFormat());
        PublishResult result = iface.publish(new OutboundMessage(s.subTopic(event.subject()), s.qos(), s.retain(),
                seq -> PayloadBuilder.render(payload, seq)));
        if (result == PublishResult.QUEUED || result == PublishResult.QUEUED_DROPPED_OLDEST) {
            published.incrementAndGet();
            lastPublishedAt.set(clock.getAsLong());
        } else {
            rejected.incrementAndGet();
        }
    }

    // ---- status ---------------------------------------------------------------------------------

    /**
     * A sampled source whose samples fail publishes nothing while the output is bound and active: the
     * output's detail says so, with the source's error, so that the status does not just say "publishing".
     */
    private static String samplingProblem(DataSource bound) {
        if (bound instanceof SampledDataSource sampled) {
            SamplingStatus sampling = sampled.samplingStatus();
            if (sampling.failing()) {
                return "; but source " + sampling.source() + ": " + sampling.describe();
            }
        }
        return "";
    }

    /**
     * One flow.log line when the state differs from the one last reported, naming the output, the state and
     * why. An invalid configuration is not said twice: OutputComponent has logged it with its reason.
     */
    synchronized void reportState(OutputStatus now) {
        if (stopped || now.state() == reported) {
            return;
        }
        OutputState was = reported;
        reported = now.state();
        if (now.state() != OutputState.INVALID_CONFIGURATION) {
            LOG.info("MQTT output {}: {}{}: {}", now.name(), was == null ? "" : was + " -> ", now.state(), now.detail());
        }
    }

    /** The output is deleted or its bundle stops: the last line about it. */
    synchronized void reportStopped() {
        if (reported != null && !stopped) {
            LOG.info("MQTT output {}: {} -> stopped (configuration deleted, or the outputs bundle stopping)", name(), reported);
        }
        stopped = true;
    }

    synchronized OutputStatus status(boolean sourcePresent, boolean interfacePresent) {
        OutputSettings s = settings;
        OutputState state;
        String detail;
        if (s == null) {
            state = OutputState.INVALID_CONFIGURATION;
            detail = "invalid configuration: " + problem;
        } else if (!s.enabled()) {
            state = OutputState.DISABLED;
            detail = "enabled=false";
        } else if (!sourcePresent) {
            state = OutputState.WAITING_FOR_SOURCE;
            detail = "waiting for source " + s.source();
        } else if (!interfacePresent) {
            state = OutputState.WAITING_FOR_INTERFACE;
            detail = "waiting for interface " + s.interfaceName();
        } else if (problem != null) {
            state = OutputState.WAITING_FOR_SOURCE;
            detail = problem;
        } else if (subscription == null || boundSettings != s) {
            // source and interface are there, the (re)binding to them is under way
            state = OutputState.WAITING_FOR_SOURCE;
            detail = "subscribing to source " + s.source();
        } else {
            state = OutputState.ACTIVE;
            detail = "publishing " + s.source() + " (" + s.policy().states().size() + " of 3 states) to " + s.interfaceName()
                    + samplingProblem(source);
        }
        return OutputStatus.builder().name(name()).interfaceName(s == null ? "" : s.interfaceName())
                .source(s == null ? "" : s.source()).state(state).detail(detail).received(received.get())
                .published(published.get()).filtered(filtered.get()).coalesced(coalesced.get()).rejected(rejected.get())
                .lastPublishedAt(lastPublishedAt.get()).build();
    }
}
