package io.flowmqtt.operator.api.internal;

import com.google.gson.JsonObject;
import io.flowmqtt.api.DataSource;
import io.flowmqtt.api.EventState;
import io.flowmqtt.api.Subscription;
import io.flowmqtt.api.SubscriptionRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data sources present, and the latest sample of each diagnostics source: the API subscribes to every
 * {@code system}, {@code network} and {@code processing} source while it is registered (sampled every
 * {@value #INTERVAL_SECONDS} s) and keeps only the newest body. A source that goes away takes its sample
 * with it. The subscription is made and closed outside any lock of this class: a source delivers under
 * its own lock, and calls into it must never wait for ours. A plain object of {@link OperatorComponent}, which
 * feeds it the sources as they come and go ({@link #watch}).
 */
final class Sources {
    static final List<String> DIAGNOSTICS = List.of("system", "network", "processing");
    static final long INTERVAL_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(Sources.class);

    private record Tracked(String type, Subscription subscription) {
    }

    private final Map<DataSource, Tracked> sources = new ConcurrentHashMap<>();
    private final Map<DataSource, JsonObject> latest = new ConcurrentHashMap<>();

    void addSource(DataSource source, Map<String, Object> properties) {
        String type = String.valueOf(properties.get(DataSource.TYPE));
        sources.put(source, new Tracked(type, null)); // before subscribing: the first sample may come at once
        if (!DIAGNOSTICS.contains(type)) {
            return;
        }
        Subscription subscription;
        try {
            subscription = source.subscribe(new SubscriptionRequest("operator-api", Duration.ofSeconds(INTERVAL_SECONDS)),
                    event -> {
                        if (event.state() != EventState.CLOSED && sources.containsKey(source)) {
                            latest.put(source, event.body());
                            if (!sources.containsKey(source)) {
                                latest.remove(source); // it went away meanwhile
                            }
                        }
                    });
        } catch (RuntimeException e) {
            LOG.warn("Operator API: cannot subscribe to the diagnostics source {}: {}", type, e.toString());
            return;
        }
        if (sources.computeIfPresent(source, (s, t) -> new Tracked(type, subscription)) == null) {
            close(type, subscription); // removed while subscribing
        }
    }

    void removeSource(DataSource source) {
        Tracked gone = sources.remove(source);
        latest.remove(source);
        if (gone != null && gone.subscription() != null) {
            close(gone.type(), gone.subscription());
        }
    }

    private static void close(String type, Subscription subscription) {
        try {
            subscription.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing the subscription to {} failed", type, e);
        }
    }

    /** Closes every subscription; called when the API stops. */
    void deactivate() {
        Set.copyOf(sources.keySet()).forEach(this::removeSource);
    }

    /** Follows the data sources from now until the returned watch is closed (then call {@link #deactivate()}). */
    ServiceWatch<DataSource> watch(BundleContext context) {
        // a source's changed properties change nothing here: its type is read once, as DS did without an updated method
        return new ServiceWatch<>(context, DataSource.class, this::addSource, null, this::removeSource).open();
    }

    /** The types of the sources registered now, sorted, each once. */
    List<String> types() {
        return sources.values().stream().map(Tracked::type).distinct().sorted().toList();
    }

    /** The latest sample of the diagnostics source of {@code type}; empty when it is not there or has not sampled yet. */
    Optional<JsonObject> latest(String type) {
        return sources.entrySet().stream().filter(e -> e.getValue().type().equals(type))
                .map(e -> latest.get(e.getKey())).filter(Objects::nonNull).findFirst().map(JsonObject::deepCopy);
    }
}
