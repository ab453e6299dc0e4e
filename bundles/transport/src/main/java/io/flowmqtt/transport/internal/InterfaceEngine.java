package io.flowmqtt.transport.internal;

import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.OutboundMessage;
import io.flowmqtt.api.PublishResult;
import io.flowmqtt.api.TimestampFormat;
import io.flowmqtt.api.status.ConnectionCheck;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.LogEntry.Kind;
import io.flowmqtt.api.status.LogEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT interface at work, as the {@link MqttInterface} service: it answers from the interface's
 * {@link EngineState} and hands configurations ({@link SettingsApplier}) and messages (the queue and the
 * {@link ConnectionLoop}'s sender) on.
 *
 * <p>All connection state changes run on the interface's own single thread ({@link EngineLoop}), so they
 * need no locks and a slow broker on one interface never holds up another. {@link #publish} only
 * appends to the journal and nudges the sender; it never blocks on the network.
 *
 * <p>Nothing here fails silently: a broker that grants a lower QoS is sent that QoS and said so
 * ({@link LiveConnection}); a message the broker closes the connection on is found and parked
 * ({@link PoisonWatch}, {@link LossRecovery}); a client that stops completing deliveries is rebuilt; a queue
 * that cannot be written is a state of its own ({@link InterfaceQueue}).
 */
final class InterfaceEngine implements MqttInterface {
    /** One logger for every line about the interface's connection, whichever class writes it. */
    static final Logger LOG = LoggerFactory.getLogger(InterfaceEngine.class);

    private final CommunicationLog log;
    private final CounterSet counters = new CounterSet();
    private final InterfaceQueue queue;
    private final EngineState state;
    private final EngineLoop loop;
    private final ConnectionLoop connection;
    private final SettingsApplier configuration;

    InterfaceEngine(String initialName, Path queueRoot, LongSupplier clock) {
        this.log = new CommunicationLog(1000, false, clock);
        this.queue = new InterfaceQueue(queueRoot, counters, log, clock);
        this.state = new EngineState(initialName, log, queue, clock);
        this.loop = new EngineLoop(initialName);
        this.connection = new ConnectionLoop(loop, state, log, counters, queue, clock);
        this.configuration = new SettingsApplier(loop, state, log, queue, connection);
    }

    /** Applies a valid configuration: reconnects only when connection settings changed. */
    Future<?> apply(InterfaceSettings next) {
        return configuration.apply(next);
    }

    /** The configuration became unusable: disconnect, keep the queue, and say why. */
    Future<?> invalid(String name, InvalidSettingException problem) {
        return configuration.invalid(name, problem);
    }

    @Override
    public PublishResult publish(OutboundMessage message) {
        InterfaceSettings s = state.settings();
        if (s == null || queue.journal() == null || !s.enabled()) {
            counters.rejected.incrementAndGet();
            return PublishResult.REJECTED;
        }
        PublishResult result = queue.offer(s, message);
        if (result == PublishResult.QUEUED || result == PublishResult.QUEUED_DROPPED_OLDEST) {
            connection.send();
        }
        return result;
    }

    @Override
    public String name() {
        return state.name();
    }

    @Override
    public String topicRoot() {
        InterfaceSettings s = state.settings();
        return s == null ? "" : s.connection().topicRoot();
    }

    @Override
    public String deviceId() {
        InterfaceSettings s = state.settings();
        return s == null ? "" : s.deviceId();
    }

    @Override
    public TimestampFormat timestampFormat() {
        InterfaceSettings s = state.settings();
        return s == null ? TimestampFormat.EPOCH_MILLIS : s.timestampFormat();
    }

    @Override
    public InterfaceStatus status() {
        MessageJournal j = queue.journal();
        InterfaceSettings s = state.settings();
        String queueFailure = queue.failure();
        return InterfaceStatus.builder().name(state.name())
                .state(queueFailure != null ? ConnectionState.QUEUE_FAILED : state.state()).broker(state.broker())
                .detail(queueFailure != null ? queueFailure : state.detail()).since(state.since())
                .counters(counters.snapshot(j == null ? 0 : j.size(), j == null ? 0 : j.bytes(), queue.deadLettered()))
                .lastError(state.lastError())
                .certificates(s == null || s.tls() == null ? List.of() : s.tls().certificates())
                .maxQos(state.brokerMaxQos()).warnings(s == null ? List.of() : state.warnings()).build();
    }

    @Override
    public List<ConnectionCheck> testConnection() {
        InterfaceSettings s = state.settings();
        if (s == null) {
            String broker = state.broker();
            return List.of(ConnectionCheck.builder().address(broker == null ? "(no usable address)" : broker)
                    .steps(List.of(ConnectionTester.step("configuration", false, 0, state.detail()))).build());
        }
        List<ConnectionCheck> checks = ConnectionTester.test(s);
        for (ConnectionCheck check : checks) {
            ConnectionCheck.Step last = check.steps().get(check.steps().size() - 1);
            log.add(check.ok() ? Kind.CONNECT : Kind.ERROR, "connection test of " + check.address() + ": "
                    + (check.ok() ? "every step passed" : "step " + last.name() + " failed: " + last.detail()));
        }
        return checks;
    }

    @Override
    public List<LogEntry> communicationLog() {
        return log.snapshot();
    }

    @Override
    public List<LogEntry> communicationLog(long position) {
        return log.since(position);
    }

    /** Orderly shutdown: "offline", DISCONNECT, journal closed. Queued messages stay on disk. */
    void close() {
        try {
            loop.submit(() -> {
                connection.close(true);
                state.setState(ConnectionState.DISCONNECTED, "interface removed or stopped");
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("MQTT interface {}: shutdown did not finish cleanly: {}", state.name(), e.toString());
        } finally {
            loop.stop(); // our own thread: idle now (or stuck in Paho), never inside the journal
            queue.close();
        }
    }
}
