package io.flowmqtt.transport.internal;

import io.flowmqtt.api.status.LogEntry.Kind;
import java.util.List;

/**
 * What becomes of the messages in flight when a connection is lost: the {@link PoisonWatch} hears of
 * them (and a message it gives up is parked as a dead letter), and the queue sends them again. Used on
 * the engine's loop only.
 */
final class LossRecovery {
    /** How many messages in flight are sent again, and whether the client must be discarded for that. */
    record Outcome(int resent, boolean discardClient) {
    }

    private final InterfaceQueue queue;
    private final PoisonWatch poison;
    private final EngineState state;
    private final CommunicationLog log;
    private boolean cleanStartOnce; // the broker's session refers to a discarded client's message ids

    LossRecovery(InterfaceQueue queue, PoisonWatch poison, EngineState state, CommunicationLog log) {
        this.queue = queue;
        this.poison = poison;
        this.state = state;
        this.log = log;
    }

    /** The connection was lost for {@code why}; the last message was handed to the client at {@code lastSentAt}. */
    Outcome connectionLost(InterfaceSettings s, String why, long lastSentAt) {
        MessageJournal j = queue.journal();
        if (j == null) {
            return new Outcome(0, false);
        }
        List<Long> inflight = j.inflightSeqs();
        long poisoned = poison.connectionLost(inflight, lastSentAt);
        if (poisoned >= 0) {
            park(s, poisoned, why);
        }
        if (!s.connection().cleanSession() && !inflight.isEmpty()) {
            // Paho would send what it holds again by itself, all at once and ahead of the careful window, and
            // a broker like RabbitMQ that answers QoS 2 with PUBACK leaves it holding them for ever. The queue
            // is the only source instead: a new client, and once a clean session, since the broker's session
            // refers to the old client's message ids.
            cleanStartOnce = true;
            return new Outcome(inflight.size() - (poisoned >= 0 ? 1 : 0), true);
        }
        if (s.connection().cleanSession()) {
            // With a clean session the broker forgets what was in flight, so it is sent again from the queue.
            return new Outcome(j.requeueInflight(), false);
        }
        return new Outcome(0, false);
    }

    /** Whether the next connect must ask for a clean session, whatever the settings say. */
    boolean cleanStartOnce() {
        return cleanStartOnce;
    }

    /** A connect succeeded: the broker's session is one this client knows. */
    void connected() {
        cleanStartOnce = false;
    }

    private void park(InterfaceSettings s, long seq, String why) {
        String sentence = queue.park(seq, s.connection().topicRoot(), s.qos(), state.brokerMaxQos(),
                "the broker closed the connection " + PoisonWatch.STRIKES + " times right after it was sent (last: " + why + ")");
        if (sentence != null) {
            state.setLastError(sentence);
            log.add(Kind.ERROR, sentence);
            InterfaceEngine.LOG.error("MQTT interface {}: {}", s.name(), sentence);
        }
    }
}
