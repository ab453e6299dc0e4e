package io.flowmqtt.transport.internal;

import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Keeps interface names unique across the configured interfaces of this runtime. A service of its
 * own (not a static map) so that its state lives and dies with the bundle.
 */
@Component(service = InterfaceNames.class)
public final class InterfaceNames {
    private final Map<String, Object> owners = new HashMap<>();

    /** Claims {@code name} for {@code owner}, releasing what the owner held before. False if another holds it. */
    public synchronized boolean claim(String name, Object owner) {
        Object holder = owners.get(name);
        if (holder != null && holder != owner) {
            return false;
        }
        owners.values().removeIf(o -> o == owner);
        owners.put(name, owner);
        return true;
    }

    public synchronized void release(Object owner) {
        owners.values().removeIf(o -> o == owner);
    }
}
