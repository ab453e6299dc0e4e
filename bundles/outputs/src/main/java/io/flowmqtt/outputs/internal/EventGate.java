package io.flowmqtt.outputs.internal;

import io.flowmqtt.api.EventState;
import io.flowmqtt.api.FlowEvent;

/** Which way an event goes through an output: its widget selection first, then its sending policy. */
final class EventGate {
    enum Verdict {
        /** Not one of the selected widgets: counted as filtered. */
        NOT_SELECTED,
        /** Its state is not in the policy: counted as filtered (a close still lets a held update go). */
        NOT_IN_POLICY,
        CREATE,
        UPDATE,
        CLOSE
    }

    private EventGate() {
    }

    static Verdict judge(OutputSettings settings, FlowEvent event) {
        if (!settings.widgets().matches(event.subject())) {
            return Verdict.NOT_SELECTED;
        }
        if (!settings.policy().allows(event.state())) {
            return Verdict.NOT_IN_POLICY;
        }
        return switch (event.state()) {
            case CREATED -> Verdict.CREATE;
            case UPDATED -> Verdict.UPDATE;
            case CLOSED -> Verdict.CLOSE;
        };
    }

    /** The closes a departed source sends while it deactivates go if its binding's settings would have sent them. */
    static boolean passesClose(OutputSettings settings, FlowEvent event) {
        return settings.widgets().matches(event.subject()) && settings.policy().allows(EventState.CLOSED);
    }
}
