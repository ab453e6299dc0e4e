package io.flowmqtt.outputs.internal;

import io.flowmqtt.api.EventState;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** An output's sending policy: which lifecycle states it publishes. */
record Policy(Set<EventState> states) {
    static Policy parse(String text) throws InvalidOutputException {
        EnumSet<EventState> states = EnumSet.noneOf(EventState.class);
        for (String word : (text == null ? "" : text).split("[,\\s]+")) {
            if (word.isEmpty()) {
                continue;
            }
            switch (word.toLowerCase(Locale.ROOT)) {
                case "create", "created", "on_create" -> states.add(EventState.CREATED);
                case "update", "updated", "on_update" -> states.add(EventState.UPDATED);
                case "close", "closed", "closing", "on_close" -> states.add(EventState.CLOSED);
                default -> throw new InvalidOutputException("policy", "'" + word + "' is not one of create, update, close");
            }
        }
        if (states.isEmpty()) {
            throw new InvalidOutputException("policy", "is empty; give any of create, update, close");
        }
        return new Policy(Set.copyOf(states));
    }

    boolean allows(EventState state) {
        return states.contains(state);
    }
}
