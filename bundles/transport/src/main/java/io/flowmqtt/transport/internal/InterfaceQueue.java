package io.flowmqtt.transport.internal;

import io.flowmqtt.api.OutboundMessage;
import io.flowmqtt.api.PublishResult;
import io.flowmqtt.api.TopicRules;
import io.flowmqtt.api.status.LogEntry.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An interface's side of its queue: the journal and the dead letters in {@code <root>/<name>}, accepting
 * messages, parking the ones a broker will not take, and the queue's health. A queue that cannot be
 * written is a state of its own ({@link #failure}), said once in the log when it begins and once when
 * it ends, never a silent refusal.
 *
 * <p>{@link #open} and {@link #close} run on the engine's loop; {@link #offer} on any publishing thread.
 */
final class InterfaceQueue {
    private static final Logger LOG = LoggerFactory.getLogger(InterfaceQueue.class);
    /** MQTT's own bound on a topic (UTF-8 bytes). */
    static final int MAX_TOPIC_BYTES = 65535;

    private final Path root;
    private final CounterSet counters;
    private final CommunicationLog log;
    private final LongSupplier clock;
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile MessageJournal journal;
    private volatile DeadLetters deadLetters;
    private volatile String interfaceName = "";
    private String openName; // the name whose folder the open journal is in (loop thread only)

    InterfaceQueue(Path root, CounterSet counters, CommunicationLog log, LongSupplier clock) {
        this.root = root;
        this.counters = counters;
        this.log = log;
        this.clock = clock;
    }

    Path dir(String name) {
        return root.resolve(name);
    }

    MessageJournal journal() {
        return journal;
    }

    /** A sentence while the queue cannot be written, else {@code null}. */
    String failure() {
        return failure.get();
    }

    long deadLettered() {
        DeadLetters d = deadLetters;
        return d == null ? 0 : d.count();
    }

    /**
     * Opens the queue of interface {@code name}; after a rename, its folder moves along. A folder of the new
     * name that already exists is not overwritten: that is a configuration error naming both.
     */
    void open(String name, QueueLimits limits) throws IOException, InvalidSettingException {
        interfaceName = name;
        MessageJournal current = journal;
        if (current != null && !openName.equals(name)) {
            Path from = dir(openName);
            Path to = dir(name);
            if (Files.exists(to)) {
                throw new InvalidSettingException("name", "cannot rename the interface '" + openName + "' to '" + name
                        + "': a queue folder " + to + " already exists (left by an earlier interface of that name); "
                        + "move it away or choose another name");
            }
            current.close();
            journal = null;
            deadLetters = null;
            if (Files.exists(from)) {
                Files.move(from, to);
            }
            current = null;
        }
        if (current != null) {
            current.setLimits(limits);
            return;
        }
        Path dir = dir(name);
        MessageJournal opened = MessageJournal.open(dir, limits);
        deadLetters = DeadLetters.open(dir);
        journal = opened;
        openName = name;
        failure.set(null);
        for (String warning : opened.replayWarnings()) {
            log.add(Kind.ERROR, warning);
            LOG.warn("MQTT interface {}: {}", name, warning);
        }
        int replayed = opened.size();
        if (replayed > 0) {
            log.add(Kind.STATE, replayed + " undelivered message(s) recovered from the queue");
            LOG.info("MQTT interface {}: {} undelivered message(s) recovered from {}", name, replayed, dir);
        }
    }

    /** Accepts a message below the topic root; topic and QoS are resolved when it is sent. */
    PublishResult offer(InterfaceSettings s, OutboundMessage message) {
        MessageJournal j = journal;
        String problem = TopicRules.pathProblem(message.subTopic());
        if (problem == null && (s.connection().topicRoot() + "/" + message.subTopic())
                .getBytes(StandardCharsets.UTF_8).length > MAX_TOPIC_BYTES) {
            problem = "makes the topic longer than MQTT's " + MAX_TOPIC_BYTES + " bytes";
        }
        if (problem != null) {
            counters.rejected.incrementAndGet();
            log.add(Kind.ERROR, "message refused: sub-topic '" + message.subTopic() + "' " + problem);
            return PublishResult.REJECTED;
        }
        int qos = message.qos() < 0 ? s.qos() : message.qos();
        MessageJournal.Offer offer;
        try {
            offer = j.offer(message.subTopic(), message.qos(), qos > 0, message.retain(), message.payload(),
                    s.maxPayloadBytes(), clock.getAsLong());
        } catch (IOException e) {
            counters.rejected.incrementAndGet();
            writeFailed(e.getMessage());
            log.add(Kind.ERROR, "message to " + message.subTopic() + " refused: queue write failed: " + e.getMessage());
            return PublishResult.REJECTED;
        }
        writeWorked();
        String topic = s.connection().topicRoot() + "/" + message.subTopic();
        switch (offer.result()) {
            case DROPPED -> {
                counters.dropped.incrementAndGet();
                log.add(Kind.DROP, "queue full (" + j.size() + " messages, " + j.bytes() + " bytes): dropped new message seq "
                        + offer.seq() + " to " + topic);
            }
            case REJECTED -> {
                counters.rejected.incrementAndGet();
                log.add(Kind.ERROR, "message to " + topic + " refused: payload larger than maxPayloadBytes=" + s.maxPayloadBytes());
            }
            default -> {
                counters.accepted.incrementAndGet();
                if (offer.dropped() != null) {
                    counters.dropped.incrementAndGet();
                    log.add(Kind.DROP, "queue full: dropped oldest message seq " + offer.dropped().seq() + " to "
                            + offer.dropped().topic());
                }
                if (log.verbose()) {
                    log.add(Kind.PUBLISH, "queued seq " + offer.seq() + " to " + topic + " qos " + qos);
                }
            }
        }
        return offer.result();
    }

    /**
     * Takes message {@code seq} out of the queue for good and keeps it in the dead-letter file, with the topic
     * and QoS it was sent with (resolved as the sender does) and why it was given up. Returns a sentence for the log, or {@code null} when
     * it is no longer queued.
     */
    String park(long seq, String topicRoot, int interfaceQos, int brokerMaxQos, String reason) {
        MessageJournal j = journal;
        DeadLetters d = deadLetters;
        if (j == null || d == null) {
            return null;
        }
        MessageJournal.Entry entry = j.find(seq);
        if (entry == null) {
            return null;
        }
        String topic = SendPlan.topic(entry, topicRoot);
        int qos = SendPlan.qos(entry, interfaceQos, brokerMaxQos);
        try {
            d.park(entry, topic, qos, reason, clock.getAsLong()); // first: a crash in between duplicates, never loses
            j.remove(seq);
        } catch (IOException e) {
            writeFailed(e.getMessage());
            return "could not park seq " + seq + " to " + topic + " as a dead letter: " + e.getMessage()
                    + "; it stays queued";
        }
        return "seq " + seq + " to " + topic + " (QoS " + qos + ") given up: " + reason + "; kept in " + d.file();
    }

    /** A queue write failed: the interface reports it until a write works again. */
    void writeFailed(String why) {
        String sentence = "the queue under " + dir(interfaceName) + " cannot be written: " + why
                + "; new messages are refused, queued ones are kept";
        if (failure.getAndSet(sentence) == null) {
            log.add(Kind.ERROR, sentence);
            LOG.error("MQTT interface {}: {}", interfaceName, sentence);
        }
    }

    /** Called after a write worked; ends a failure. */
    void writeWorked() {
        if (failure.get() != null && failure.getAndSet(null) != null) {
            log.add(Kind.STATE, "the queue can be written again");
            LOG.info("MQTT interface {}: the queue under {} can be written again", interfaceName, dir(interfaceName));
        }
    }

    void close() {
        MessageJournal j = journal;
        journal = null;
        deadLetters = null;
        if (j != null) {
            try {
                j.close();
            } catch (IOException e) {
                LOG.warn("MQTT interface {}: closing the queue failed: {}", interfaceName, e.toString());
            }
        }
    }
}
