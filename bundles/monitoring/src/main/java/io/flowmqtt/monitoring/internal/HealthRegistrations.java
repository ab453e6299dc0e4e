package io.flowmqtt.monitoring.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.felix.hc.api.HealthCheck;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The health check services of one kind (interfaces or outputs), one per key, registered, re-tagged and
 * unregistered as what they check comes, changes and goes. The HC executor finds them by their properties.
 *
 * @param <K> what identifies the checked thing: an interface's service reference, an output's name
 */
final class HealthRegistrations<K> {
    private record Entry(ServiceRegistration<HealthCheck> registration, CheckProperties properties) {
    }

    private final BundleContext context;
    private final Map<K, Entry> entries = new HashMap<>(); // guarded by this

    HealthRegistrations(BundleContext context) {
        this.context = context;
    }

    /**
     * Registers a check for {@code key}, or gives the existing one new properties (a renamed interface, an output
     * moved to another interface). The check itself is made only for a new key.
     */
    synchronized void put(K key, Supplier<HealthCheck> check, CheckProperties properties) {
        Entry entry = entries.get(key);
        if (entry == null) {
            entries.put(key, new Entry(context.registerService(HealthCheck.class, check.get(), properties.toDictionary()), properties));
        } else if (!entry.properties().equals(properties)) {
            entry.registration().setProperties(properties.toDictionary());
            entries.put(key, new Entry(entry.registration(), properties));
        }
    }

    synchronized void remove(K key) {
        Entry entry = entries.remove(key);
        if (entry != null) {
            unregister(entry);
        }
    }

    /** Unregisters every check whose key is not in {@code keep}. */
    synchronized void retain(Set<K> keep) {
        for (K key : new ArrayList<>(entries.keySet())) {
            if (!keep.contains(key)) {
                remove(key);
            }
        }
    }

    synchronized void clear() {
        List<Entry> all = new ArrayList<>(entries.values());
        entries.clear();
        all.forEach(HealthRegistrations::unregister);
    }

    synchronized Set<K> keys() {
        return Set.copyOf(entries.keySet());
    }

    private static void unregister(Entry entry) {
        try {
            entry.registration().unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping and the framework unregistered it first
        }
    }
}
