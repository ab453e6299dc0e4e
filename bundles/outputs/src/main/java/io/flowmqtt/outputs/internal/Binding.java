package io.flowmqtt.outputs.internal;

import io.flowmqtt.api.DataSource;
import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.Subscription;
import java.util.ArrayList;
import java.util.List;

/**
 * What an output is bound to: the source, its subscription and the interface, numbered by generation so
 * that events of an older subscription are told apart. Not thread-safe: the output's lock guards it, and
 * the output subscribes and closes subscriptions outside that lock (see {@link Output}).
 */
final class Binding {
    /**
     * A departed source's subscription. DS unregisters a source's service before it calls its deactivate
     * method, which is where a source closes its open events (see {@link DataSource}): those CLOSED
     * states are still published, with the settings and to the interface of that binding.
     */
    record Drain(long generation, Subscription subscription, OutputSettings settings, MqttInterface target) {
    }

    /** A bind to carry out outside the lock: close {@code stale}, then subscribe if {@code settings} is not null. */
    record Plan(long generation, List<Subscription> stale, OutputSettings settings, DataSource source) {
    }

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

    /** Null when already bound so; otherwise what to close and subscribe (settings null: bind to nothing). */
    Plan rebind(OutputSettings settings, DataSource newSource, MqttInterface newTarget, boolean settingsChanged) {
        boolean wanted = settings != null && settings.enabled() && newSource != null && newTarget != null;
        if (wanted && !settingsChanged && newSource == source && newTarget == target && subscription != null) {
            return null;
        }
        long mine = ++generation;
        List<Subscription> stale = new ArrayList<>(2);
        if (subscription != null && source != null && source == departing && boundSettings != null && target != null) {
            // the source is going away: keep listening for the closes it sends from its deactivation
            addDrain(stale);
            drain = new Drain(boundGeneration, subscription, boundSettings, target);
        } else {
            if (subscription != null) {
                stale.add(subscription);
            }
            if (wanted) {
                takeDrain(stale); // bound anew: the departed source has long said its last
            }
        }
        departing = null;
        subscription = null;
        boundSettings = null;
        source = wanted ? newSource : null;
        target = wanted ? newTarget : null;
        return new Plan(mine, stale, wanted ? settings : null, newSource);
    }

    /**
     * The subscription of {@code plan} is made. False when a later bind (on another thread) superseded
     * it: then its subscription is not the one to keep.
     */
    boolean subscribed(Plan plan, Subscription fresh) {
        if (generation != plan.generation()) {
            return false;
        }
        subscription = fresh;
        boundGeneration = plan.generation();
        boundSettings = plan.settings();
        return true;
    }

    /** The source refused the subscription of {@code plan}; false when a later bind superseded it. */
    boolean refused(Plan plan) {
        if (generation != plan.generation()) {
            return false;
        }
        source = null;
        target = null;
        return true;
    }

    /** {@code gone} is being unregistered; if it is the bound source, its subscription will be drained. */
    void sourceDeparting(DataSource gone) {
        if (gone != null && gone == source) {
            departing = gone;
        }
    }

    /** Adds the departed source's subscription to {@code toClose} and forgets it. */
    void takeDrain(List<Subscription> toClose) {
        addDrain(toClose);
        drain = null;
    }

    private void addDrain(List<Subscription> toClose) {
        if (drain != null) {
            toClose.add(drain.subscription());
        }
    }

    boolean isCurrent(long fromGeneration) {
        return fromGeneration == generation;
    }

    /** The drain of a departed source's subscription of {@code fromGeneration}; null if there is none. */
    Drain drainOf(long fromGeneration) {
        return drain != null && drain.generation() == fromGeneration ? drain : null;
    }

    long generation() {
        return generation;
    }

    MqttInterface target() {
        return target;
    }

    DataSource source() {
        return source;
    }

    /** Whether a subscription made with exactly {@code settings} is in place. */
    boolean boundWith(OutputSettings settings) {
        return subscription != null && boundSettings == settings;
    }
}
