package io.flowmqtt.api.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Unique names among the instances of one factory configuration (MQTT interfaces, outputs): a name
 * belongs to the first instance that claims it; a later one with the same name waits, and takes the
 * name over when the holder lets it go (deleted, or renamed), the longest waiting first.
 *
 * <p>Not exported: each bundle that needs it includes its own private copy
 * ({@code -conditionalpackage: io.flowmqtt.api.internal}), so this is no API to keep compatible.
 *
 * <p>The retry of a waiting owner runs on the thread that freed the name, outside this object's lock,
 * so that it may claim again (or apply its configuration) without a deadlock.
 */
public final class NameClaims {
    private record Holder(Object owner, String label) {
    }

    private record Waiter(String name, String label, Runnable takeOver) {
    }

    private final Map<String, Holder> holders = new HashMap<>();
    /** In the order they started waiting: the first one takes a name over. */
    private final Map<Object, Waiter> waiting = new LinkedHashMap<>();

    /**
     * Claims {@code name} for {@code owner}, letting go of the name the owner held before (a rename), also
     * when {@code name} is taken: the owner goes by its new name from now on, so its old one is free.
     *
     * @param label    how the owner is named in another's status (e.g. its configuration's PID)
     * @param takeOver runs once the name has become the owner's after a wait, so it can apply its settings
     * @return empty when the name is the owner's now; otherwise the label of the one that holds it
     */
    public Optional<String> claim(String name, Object owner, String label, Runnable takeOver) {
        List<Runnable> handedOver;
        Optional<String> taken;
        synchronized (this) {
            Holder holder = holders.get(name);
            taken = holder != null && holder.owner() != owner ? Optional.of(holder.label()) : Optional.empty();
            if (taken.isPresent()) {
                waiting.put(owner, new Waiter(name, label, takeOver)); // keeps its place when it waits again
            } else {
                waiting.remove(owner);
                holders.put(name, new Holder(owner, label));
            }
            handedOver = releaseLocked(owner, name);
        }
        handedOver.forEach(Runnable::run);
        return taken;
    }

    /** The owner is gone, or no longer wants a name (its configuration became invalid): its name goes to the next. */
    public void release(Object owner) {
        List<Runnable> handedOver;
        synchronized (this) {
            waiting.remove(owner);
            handedOver = releaseLocked(owner, null);
        }
        handedOver.forEach(Runnable::run);
    }

    /** The label of the one that holds {@code name}; empty when nobody does. */
    public synchronized Optional<String> holder(String name) {
        return Optional.ofNullable(holders.get(name)).map(Holder::label);
    }

    /** Frees what {@code owner} holds (but {@code keep}) and hands each freed name to its first waiter. */
    private List<Runnable> releaseLocked(Object owner, String keep) {
        List<String> freed = new ArrayList<>();
        holders.entrySet().removeIf(e -> {
            boolean mine = e.getValue().owner() == owner && !e.getKey().equals(keep);
            if (mine) {
                freed.add(e.getKey());
            }
            return mine;
        });
        List<Runnable> handedOver = new ArrayList<>();
        for (String name : freed) {
            for (Iterator<Map.Entry<Object, Waiter>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Object, Waiter> next = it.next();
                if (next.getValue().name().equals(name)) {
                    it.remove();
                    holders.put(name, new Holder(next.getKey(), next.getValue().label()));
                    handedOver.add(next.getValue().takeOver());
                    break;
                }
            }
        }
        return handedOver;
    }
}
