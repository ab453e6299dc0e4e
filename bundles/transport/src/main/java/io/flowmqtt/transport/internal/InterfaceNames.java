package io.flowmqtt.transport.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Keeps interface names unique across the configured interfaces of this runtime. A service of its
 * own (not a static map) so that its state lives and dies with the bundle. An interface refused
 * for a taken name is retried when a name becomes free (the holder deleted or renamed), so that
 * deleting the first of two interfaces with the same name brings the second up.
 */
@Component(service = InterfaceNames.class)
public final class InterfaceNames {
    private final Map<String, Object> owners = new HashMap<>();
    private final Map<Object, Runnable> waiting = new LinkedHashMap<>();

    /**
     * Claims {@code name} for {@code owner}, releasing what the owner held before. False if another
     * holds it; then {@code retry} runs once a name becomes free.
     */
    public boolean claim(String name, Object owner, Runnable retry) {
        boolean freedOne;
        synchronized (this) {
            Object holder = owners.get(name);
            if (holder != null && holder != owner) {
                waiting.put(owner, retry);
                return false;
            }
            waiting.remove(owner);
            freedOne = owners.entrySet().removeIf(e -> e.getValue() == owner && !e.getKey().equals(name));
            owners.put(name, owner);
        }
        if (freedOne) {
            retryWaiting(); // a rename may free the old name
        }
        return true;
    }

    public void release(Object owner) {
        synchronized (this) {
            owners.values().removeIf(o -> o == owner);
            waiting.remove(owner);
        }
        retryWaiting();
    }

    private void retryWaiting() {
        List<Runnable> retries;
        synchronized (this) {
            retries = new ArrayList<>(waiting.values());
        }
        retries.forEach(Runnable::run); // outside the lock: a retry claims again
    }
}
