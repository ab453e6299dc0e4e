package io.flowmqtt.transport.internal;

import io.flowmqtt.api.ConnectionCheck;
import io.flowmqtt.api.ConnectionState;
import io.flowmqtt.api.InterfaceStatus;
import io.flowmqtt.api.LogEntry;
import io.flowmqtt.api.LogEntry.Kind;
import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.OutboundMessage;
import io.flowmqtt.api.PublishResult;
import io.flowmqtt.api.TimestampFormat;
import io.flowmqtt.api.TopicRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT interface at work: the journal, the Paho client, reconnects and the send window.
 *
 * <p>All connection state changes run on the interface's own single thread ({@code loop}), so they
 * need no locks and a slow broker on one interface never holds up another. {@link #publish} only
 * appends to the journal and nudges the loop; it never blocks on the network.
 */
final class InterfaceEngine implements MqttInterface {
    private static final Logger LOG = LoggerFactory.getLogger(InterfaceEngine.class);

    private final Path queueRoot;
    private final LongSupplier clock;
    private final ScheduledExecutorService loop;
    private final CommunicationLog log;
    private final CounterSet counters = new CounterSet();
    private final Sender sender;
    private final Announcements announcements;

    // Read from any thread, written on the loop.
    private volatile InterfaceSettings settings;
    private volatile String displayName;
    private volatile MessageJournal journal;
    private String journalName; // the name whose directory the open journal is in (loop thread only)
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile String broker;
    private volatile String detail = "starting";
    private volatile long since;
    private volatile String lastError;

    // Loop thread only.
    private volatile MqttAsyncClient client; // written on the loop; read by whichever thread sends
    private Backoff backoff;
    private int addressIndex;
    private long attempt;
    private long connectAttempts;
    private String connectedStatusTopic;
    private ScheduledFuture<?> pending;
    private IMqttToken connecting;

    InterfaceEngine(String initialName, Path queueRoot, LongSupplier clock) {
        this.displayName = initialName;
        this.queueRoot = queueRoot;
        this.clock = clock;
        this.since = clock.getAsLong();
        this.log = new CommunicationLog(1000, false, clock);
        this.announcements = new Announcements(counters, log, clock);
        this.sender = new Sender(counters, log, () -> state == ConnectionState.CONNECTED ? client : null,
                () -> journal, () -> settings, error -> lastError = error);
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "flow-mqtt-" + initialName);
            thread.setDaemon(true);
            return thread;
        });
    }

    // ---- configuration ------------------------------------------------------------------------

    /** Applies a valid configuration: reconnects only when connection settings changed. */
    Future<?> apply(InterfaceSettings next) {
        return loop.submit(() -> applyOnLoop(next));
    }

    /** The configuration became unusable: disconnect, keep the queue, and say why. */
    Future<?> invalid(String name, InvalidSettingException problem) {
        return loop.submit(() -> {
            displayName = name;
            settings = null;
            closeClient(true);
            lastError = problem.getMessage();
            setState(ConnectionState.INVALID_CONFIGURATION, "invalid configuration: " + problem.getMessage());
            log.add(Kind.CONFIG, "invalid configuration: " + problem.getMessage());
            LOG.warn("MQTT interface {}: invalid configuration: {}", name, problem.getMessage());
        });
    }

    private void applyOnLoop(InterfaceSettings next) {
        InterfaceSettings previous = settings;
        log.configure(next.logSize(), next.showLogs());
        try {
            openJournal(next);
        } catch (IOException e) {
            settings = null;
            closeClient(true);
            lastError = "queue: " + e.getMessage();
            setState(ConnectionState.INVALID_CONFIGURATION, "cannot open the queue under " + queueRoot + ": " + e.getMessage());
            log.add(Kind.ERROR, detail);
            LOG.error("MQTT interface {}: {}", next.name(), detail, e);
            return;
        }
        displayName = next.name();
        settings = next;
        boolean reconnect = previous == null || previous.enabled() != next.enabled()
                || !previous.connection().equals(next.connection());
        log.add(Kind.CONFIG, "configuration applied" + (reconnect ? "" : " (connection unchanged)"));
        if (!reconnect) {
            if (state == ConnectionState.INVALID_CONFIGURATION) {
                setState(ConnectionState.DISCONNECTED, "configuration fixed");
            }
            sender.request();
            return;
        }
        closeClient(true);
        backoff = new Backoff(next.reconnectMinMillis(), next.reconnectMaxMillis(), ThreadLocalRandom.current()::nextDouble);
        addressIndex = 0;
        if (!next.enabled()) {
            setState(ConnectionState.DISABLED, "enabled=false");
            return;
        }
        if (next.tls() != null && next.tls().trustAll()) {
            LOG.warn("MQTT interface {}: verifyServerCertificate=false: any server certificate will be accepted", next.name());
        }
        connect();
    }

    private void openJournal(InterfaceSettings next) throws IOException {
        MessageJournal current = journal;
        // compared with the name the journal was opened under: after invalid() there are no previous settings
        if (current != null && !journalName.equals(next.name())) {
            current.close();
            journal = null;
            Path from = queueDir(journalName);
            Path to = queueDir(next.name());
            if (Files.exists(from) && !Files.exists(to)) {
                Files.move(from, to);
            }
            current = null;
        }
        if (current == null) {
            journal = MessageJournal.open(queueDir(next.name()), next.queue());
            journalName = next.name();
            int replayed = journal.size();
            if (replayed > 0) {
                log.add(Kind.STATE, replayed + " undelivered message(s) recovered from the queue");
                LOG.info("MQTT interface {}: {} undelivered message(s) recovered from {}", next.name(), replayed,
                        queueDir(next.name()));
            }
        } else {
            current.setLimits(next.queue());
        }
    }

    private Path queueDir(String name) {
        return queueRoot.resolve(name);
    }

    // ---- connecting -----------------------------------------------------------------------------

    private void connect() {
        pending = null;
        InterfaceSettings s = settings;
        if (s == null || !s.enabled()) {
            return;
        }
        BrokerAddress address = s.connection().addresses().get(addressIndex);
        long thisAttempt = ++attempt;
        try {
            if (client == null) {
                client = PahoClients.create(s.connection());
                client.setCallback(new Callback(client));
            }
            broker = address.display();
            setState(ConnectionState.CONNECTING, "connecting to " + address.display());
            if (connectAttempts++ > 0) { // not "attempt": closeClient() bumps that too, before the very first try
                counters.reconnects.incrementAndGet();
            }
            log.add(Kind.CONNECT, "connecting to " + address.display() + " as client id " + s.connection().clientId()
                    + (s.connection().username().isEmpty() ? "" : " with user " + s.connection().username()));
            if (address.isSecure() && s.tls() != null && s.tls().trustAll()) {
                log.add(Kind.CONNECT, "WARNING: verifyServerCertificate=false, the broker's certificate is not checked");
                LOG.warn("MQTT interface {}: connecting to {} without verifying the server certificate", s.name(), address.display());
            }
            connecting = client.connect(PahoClients.options(s.connection(), address, s.tls()), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    loop.execute(() -> onConnected(thisAttempt, address));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    loop.execute(() -> onConnectFailed(thisAttempt, address, e));
                }
            });
            // Paho's own timeout does not cover a broker that accepts TCP and never sends CONNACK.
            pending = loop.schedule(() -> onConnectFailed(thisAttempt, address,
                    new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT)), s.connection().connectTimeoutSeconds(), TimeUnit.SECONDS);
        } catch (MqttException | RuntimeException e) {
            onConnectFailed(thisAttempt, address, e);
        }
    }

    private void onConnected(long thisAttempt, BrokerAddress address) {
        if (thisAttempt != attempt || client == null) {
            return;
        }
        cancelPending();
        InterfaceSettings s = settings;
        backoff.reset();
        counters.connects.incrementAndGet();
        log.add(Kind.CONNECT, "connected to " + address.display() + " (CONNACK accepted)");
        LOG.info("MQTT interface {}: connected to {}", s.name(), address.display());
        connectedStatusTopic = s.connection().statusTopic();
        try {
            // before the state says CONNECTED: no queued message may overtake online and the outage report
            announcements.connected(client, s, address, journal == null ? 0 : journal.size());
        } catch (MqttException e) {
            log.add(Kind.ERROR, "could not publish online status: " + ErrorText.describe(e));
        }
        setState(ConnectionState.CONNECTED, "connected to " + address.display());
        sender.request();
    }

    private void onConnectFailed(long thisAttempt, BrokerAddress address, Throwable e) {
        if (thisAttempt != attempt || settings == null) {
            return;
        }
        cancelPending();
        attempt++; // late answers to this attempt are ignored from now on
        String why = ErrorText.describe(e);
        lastError = why;
        log.add(Kind.ERROR, "connect to " + address.display() + " failed: " + why);
        LOG.warn("MQTT interface {}: connect to {} failed: {}", settings.name(), address.display(), why);
        if (ErrorText.isTimeout(e)) {
            // a client stuck in connect cannot be reused: start over with a new one
            closeClient(false);
        }
        scheduleReconnect("connect to " + address.display() + " failed: " + why, true);
    }

    private void onConnectionLost(MqttAsyncClient lost, Throwable cause) {
        if (lost != client || settings == null) {
            return;
        }
        String why = cause == null ? "connection closed" : ErrorText.describe(cause);
        lastError = why;
        // With a clean session the broker forgets what was in flight, so it is sent again from the
        // queue. Without one, the same Paho client re-sends it itself after the reconnect.
        int back = journal == null || !settings.connection().cleanSession() ? 0 : journal.requeueInflight();
        log.add(Kind.DISCONNECT, "connection to " + broker + " lost: " + why
                + (back > 0 ? "; " + back + " message(s) in flight will be sent again" : ""));
        announcements.connectionLost(why);
        LOG.warn("MQTT interface {}: connection to {} lost: {}", settings.name(), broker, why);
        addressIndex = 0;
        scheduleReconnect("connection to " + broker + " lost: " + why, false);
    }

    /** Next address of the cluster at once; after a whole round, wait with backoff. */
    private void scheduleReconnect(String reason, boolean advance) {
        int count = settings.connection().addresses().size();
        long delay;
        if (advance && addressIndex + 1 < count) {
            addressIndex++;
            delay = 0;
        } else {
            addressIndex = 0;
            delay = backoff.nextDelayMillis();
        }
        setState(ConnectionState.DISCONNECTED, reason + "; next attempt in " + delay + " ms");
        pending = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    /** Drops the client; orderly means "offline" first and a DISCONNECT the broker sees. */
    private void closeClient(boolean orderly) {
        cancelPending();
        attempt++;
        MqttAsyncClient c = client;
        client = null;
        IMqttToken connect = connecting;
        connecting = null;
        if (c == null) {
            return;
        }
        if (orderly && connect != null && !connect.isComplete()) {
            // Paho 1.2.5 starts its comms threads with "while (!isRunning()) sleep(100)" loops: closing the client
            // in that phase leaves its "MQTT Con" thread spinning forever. Let the attempt finish first (it ends with
            // CONNACK or an error well within a second; after a connect timeout the threads are long started).
            try {
                connect.waitForCompletion(1000);
            } catch (MqttException | RuntimeException e) {
                // failed, or still waiting for CONNACK: the threads are started, it can be discarded now
            }
        }
        if (journal != null) {
            journal.requeueInflight();
        }
        if (orderly && c.isConnected()) {
            c.setCallback(null);
            try {
                c.publish(connectedStatusTopic, PahoClients.OFFLINE, 1, true).waitForCompletion(1000);
                c.disconnect(500).waitForCompletion(2000);
                log.add(Kind.DISCONNECT, "disconnected from " + broker + " (orderly, status offline)");
            } catch (MqttException | RuntimeException e) {
                log.add(Kind.DISCONNECT, "disconnect from " + broker + " was not clean: " + ErrorText.describe(e));
            }
        }
        PahoClients.discard(c);
    }

    private void onAnnouncement(MqttAsyncClient from, byte[] payload) {
        InterfaceSettings s = settings;
        if (from != client || s == null) {
            return;
        }
        String collision = announcements.announcementArrived(client, s, payload);
        if (collision != null) {
            lastError = collision;
        }
    }

    // ---- sending --------------------------------------------------------------------------------

    @Override
    public PublishResult publish(OutboundMessage message) {
        InterfaceSettings s = settings;
        MessageJournal j = journal;
        if (s == null || j == null || !s.enabled()) {
            counters.rejected.incrementAndGet();
            return PublishResult.REJECTED;
        }
        String problem = TopicRules.pathProblem(message.subTopic());
        if (problem != null) {
            counters.rejected.incrementAndGet();
            log.add(Kind.ERROR, "message refused: sub-topic '" + message.subTopic() + "' " + problem);
            return PublishResult.REJECTED;
        }
        String topic = s.connection().topicRoot() + "/" + message.subTopic();
        int qos = message.qos() < 0 ? s.qos() : message.qos();
        MessageJournal.Offer offer;
        try {
            offer = j.offer(topic, qos, message.retain(), message.payload(), s.maxPayloadBytes(), clock.getAsLong());
        } catch (IOException | RuntimeException e) {
            counters.rejected.incrementAndGet();
            lastError = "queue write failed: " + e.getMessage();
            log.add(Kind.ERROR, "message to " + topic + " refused: queue write failed: " + e.getMessage());
            return PublishResult.REJECTED;
        }
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
                    log.add(Kind.DROP, "queue full: dropped oldest message seq " + offer.dropped().seq() + " to " + offer.dropped().topic());
                }
                if (log.verbose()) {
                    log.add(Kind.PUBLISH, "queued seq " + offer.seq() + " to " + topic + " qos " + qos);
                }
                sender.request();
            }
        }
        return offer.result();
    }

    private final class Callback implements MqttCallback {
        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectionLost(Throwable cause) {
            loop.execute(() -> onConnectionLost(owner, cause));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // the only subscription: the owner announcements of the collision watch
            loop.execute(() -> onAnnouncement(owner, message.getPayload()));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // handled per message by Delivery
        }
    }

    // ---- status and shutdown ----------------------------------------------------------------------

    private void setState(ConnectionState next, String why) {
        if (next != state) {
            since = clock.getAsLong();
            log.add(Kind.STATE, state.name().toLowerCase() + " -> " + next.name().toLowerCase() + ": " + why);
        }
        state = next;
        detail = why;
    }

    @Override
    public String name() {
        return displayName;
    }

    @Override
    public String topicRoot() {
        InterfaceSettings s = settings;
        return s == null ? "" : s.connection().topicRoot();
    }

    @Override
    public String deviceId() {
        InterfaceSettings s = settings;
        return s == null ? "" : s.deviceId();
    }

    @Override
    public TimestampFormat timestampFormat() {
        InterfaceSettings s = settings;
        return s == null ? TimestampFormat.EPOCH_MILLIS : s.timestampFormat();
    }

    @Override
    public InterfaceStatus status() {
        MessageJournal j = journal;
        InterfaceSettings s = settings;
        return new InterfaceStatus(displayName, state, broker, detail, since,
                counters.snapshot(j == null ? 0 : j.size(), j == null ? 0 : j.bytes()), lastError,
                s == null || s.tls() == null ? List.of() : s.tls().certificates());
    }

    @Override
    public List<ConnectionCheck> testConnection() {
        InterfaceSettings s = settings;
        if (s == null) {
            return List.of(new ConnectionCheck(broker == null ? "(no usable address)" : broker,
                    List.of(new ConnectionCheck.Step("configuration", false, 0, detail))));
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

    /** Orderly shutdown: "offline", DISCONNECT, journal closed. Queued messages stay on disk. */
    void close() {
        try {
            loop.submit(() -> {
                closeClient(true);
                setState(ConnectionState.DISCONNECTED, "interface removed or stopped");
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("MQTT interface {}: shutdown did not finish cleanly: {}", displayName, e.toString());
        } finally {
            loop.shutdownNow();
            try {
                loop.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            MessageJournal j = journal;
            journal = null;
            if (j != null) {
                try {
                    j.close();
                } catch (IOException e) {
                    LOG.warn("MQTT interface {}: closing the queue failed: {}", displayName, e.toString());
                }
            }
        }
    }
}
