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
import java.io.IOException;
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
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT interface at work: the queue, the Paho client, reconnects and the send window.
 *
 * <p>All connection state changes run on the interface's own single thread ({@code loop}), so they
 * need no locks and a slow broker on one interface never holds up another. {@link #publish} only
 * appends to the journal and nudges the sender; it never blocks on the network.
 *
 * <p>Nothing here fails silently: a broker that grants a lower QoS is sent that QoS and said so; a
 * message the broker closes the connection on is found and parked ({@link PoisonWatch}); a client that
 * stops completing deliveries is rebuilt; a queue that cannot be written is a state of its own.
 */
final class InterfaceEngine implements MqttInterface {
    private static final Logger LOG = LoggerFactory.getLogger(InterfaceEngine.class);
    /** A connection that has lasted this long without trouble holds, even when nothing was sent on it. */
    static final long HOLDS_AFTER_MILLIS = 10_000;
    /** How soon a queue that could not be opened is tried again. */
    static final long QUEUE_RETRY_MILLIS = 10_000;

    private final LongSupplier clock;
    private final ScheduledExecutorService loop;
    private final CommunicationLog log;
    private final CounterSet counters = new CounterSet();
    private final InterfaceQueue queue;
    private final PoisonWatch poison;
    private final Sender sender;
    private final Announcements announcements;

    // Read from any thread, written on the loop.
    private volatile InterfaceSettings settings;
    private volatile String displayName;
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile String broker;
    private volatile String detail = "starting";
    private volatile long since;
    private volatile String lastError;
    private volatile int brokerMaxQos = -1;
    private volatile boolean holds; // the current connection delivered something, or lasted HOLDS_AFTER_MILLIS
    private volatile boolean deliveredOnConnection;

    // Loop thread only.
    private volatile MqttAsyncClient client; // written on the loop; read by whichever thread sends
    private Backoff backoff;
    private int addressIndex;
    private long attempt;
    private long connectAttempts;
    private String connectedStatusTopic;
    private ScheduledFuture<?> pending;
    private ScheduledFuture<?> watchdog;
    private IMqttToken connecting;
    private volatile List<String> warnings = List.of(); // of the settings applied; written on the loop
    private boolean cleanStartOnce; // the broker's session refers to a discarded client's message ids

    InterfaceEngine(String initialName, Path queueRoot, LongSupplier clock) {
        this.displayName = initialName;
        this.clock = clock;
        this.since = clock.getAsLong();
        this.log = new CommunicationLog(1000, false, clock);
        this.queue = new InterfaceQueue(queueRoot, counters, log, clock);
        this.poison = new PoisonWatch(clock);
        this.announcements = new Announcements(counters, log, clock);
        this.sender = new Sender(counters, log, () -> state == ConnectionState.CONNECTED ? client : null,
                queue::journal, () -> settings, () -> brokerMaxQos, poison, clock, new SenderEvents());
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "flow-mqtt-" + initialName);
            thread.setDaemon(true);
            return thread;
        });
    }

    // ---- configuration ------------------------------------------------------------------------

    /** Applies a valid configuration: reconnects only when connection settings changed. */
    Future<?> apply(InterfaceSettings next) {
        return loop.submit(() -> {
            try {
                applyOnLoop(next);
            } catch (RuntimeException e) {
                // a bug, or a library failing in a way nobody foresaw: say so instead of staying "starting"
                applyFailed(next.name(), "applying the configuration failed: " + ErrorText.describe(e), e);
            }
        });
    }

    /** The configuration became unusable: disconnect, keep the queue, and say why. */
    Future<?> invalid(String name, InvalidSettingException problem) {
        return loop.submit(() -> applyFailed(name, problem.getMessage(), null));
    }

    private void applyFailed(String name, String why, Throwable e) {
        displayName = name;
        settings = null;
        closeClient(true);
        lastError = why;
        setState(ConnectionState.INVALID_CONFIGURATION, "invalid configuration: " + why, true); // logged below
        log.add(Kind.CONFIG, "invalid configuration: " + why);
        if (e == null) {
            LOG.warn("MQTT interface {}: invalid configuration: {}", name, why);
        } else {
            LOG.error("MQTT interface {}: {}", name, why, e);
        }
    }

    private void applyOnLoop(InterfaceSettings next) {
        InterfaceSettings previous = settings;
        log.configure(next.logSize(), next.showLogs());
        try {
            queue.open(next.name(), next.queue());
        } catch (InvalidSettingException e) {
            applyFailed(next.name(), e.getMessage(), null);
            return;
        } catch (IOException | RuntimeException e) {
            settings = null;
            closeClient(true);
            displayName = next.name();
            queue.writeFailed("cannot open it: " + ErrorText.describe(e));
            lastError = queue.failure();
            setState(ConnectionState.DISCONNECTED, "waiting for the queue; tried again in " + QUEUE_RETRY_MILLIS + " ms");
            pending = loop.schedule(() -> apply(next), QUEUE_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        displayName = next.name();
        settings = next;
        reportWarnings(next);
        boolean reconnect = previous == null || previous.enabled() != next.enabled()
                || !previous.connection().equals(next.connection());
        log.add(Kind.CONFIG, "configuration applied" + (reconnect ? "" : " (connection unchanged)"));
        LOG.info("MQTT interface {}: configuration applied{}", next.name(), reconnect ? "" : " (connection unchanged)");
        if (!reconnect) {
            if (state == ConnectionState.INVALID_CONFIGURATION) {
                setState(ConnectionState.DISCONNECTED, "configuration fixed");
            }
            sender.request();
            return;
        }
        closeClient(true);
        poison.reset(); // a new topic root or broker: what failed before may well work now
        backoff = new Backoff(next.reconnectMinMillis(), next.reconnectMaxMillis(), ThreadLocalRandom.current()::nextDouble);
        addressIndex = 0;
        brokerMaxQos = -1;
        if (!next.enabled()) {
            setState(ConnectionState.DISABLED, "enabled=false");
            return;
        }
        if (next.tls() != null && next.tls().trustAll()) {
            LOG.warn("MQTT interface {}: verifyServerCertificate=false: any server certificate will be accepted", next.name());
        }
        connect();
    }

    private void reportWarnings(InterfaceSettings next) {
        List<String> now = next.warnings();
        if (!now.equals(warnings)) {
            for (String warning : now) {
                log.add(Kind.CONFIG, "warning: " + warning);
                LOG.warn("MQTT interface {}: {}", next.name(), warning);
            }
        }
        warnings = now;
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
            MqttConnectOptions options = PahoClients.options(s.connection(), address, s.tls());
            if (cleanStartOnce) {
                options.setCleanSession(true);
            }
            connecting = client.connect(options, null,
                    new OnLoop((token, e) -> {
                        if (e == null) {
                            onConnected(thisAttempt, address);
                        } else {
                            onConnectFailed(thisAttempt, address, e);
                        }
                    }));
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
        holds = false;
        deliveredOnConnection = false;
        cleanStartOnce = false;
        counters.connects.incrementAndGet();
        log.add(Kind.CONNECT, "connected to " + address.display() + " (CONNACK accepted)");
        LOG.info("MQTT interface {}: connected to {}", s.name(), address.display());
        connectedStatusTopic = s.connection().statusTopic();
        MessageJournal j = queue.journal();
        try {
            // before the state says CONNECTED: no queued message may overtake online and the outage report
            announcements.connected(client, s, address, j == null ? 0 : j.size());
            // The subscription of the collision watch asks for QoS 2: what the broker grants is the most it takes.
            client.subscribe(CollisionWatch.topic(s.connection().topicRoot()), 2, null,
                    new OnLoop((token, e) -> onSubscribed(thisAttempt, address, e == null ? token.getGrantedQos() : null, e)));
            pending = loop.schedule(() -> onSubscribed(thisAttempt, address, null,
                    new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT)), s.connection().connectTimeoutSeconds(), TimeUnit.SECONDS);
        } catch (MqttException e) {
            log.add(Kind.ERROR, "could not announce the connection: " + ErrorText.describe(e));
            onSubscribed(thisAttempt, address, null, e);
        }
    }

    /** The broker's answer to the QoS 2 subscription (or none): from now on messages go out. */
    private void onSubscribed(long thisAttempt, BrokerAddress address, int[] granted, Throwable e) {
        if (thisAttempt != attempt || client == null || state == ConnectionState.CONNECTED) {
            return;
        }
        cancelPending();
        InterfaceSettings s = settings;
        int max = granted != null && granted.length == 1 && granted[0] >= 0 && granted[0] <= 2 ? granted[0] : -1;
        brokerMaxQos = max;
        String qosWords = BrokerQos.describe(max, s.qos(), e);
        log.add(max >= 0 && max < 2 ? Kind.STATE : Kind.CONNECT, qosWords);
        if (max >= 0 && max < s.qos()) {
            LOG.warn("MQTT interface {}: {}", s.name(), qosWords);
        } else {
            LOG.info("MQTT interface {}: {}", s.name(), qosWords);
        }
        try {
            announcements.announceOwner(client, s);
        } catch (MqttException ex) {
            log.add(Kind.ERROR, "could not announce the client id: " + ErrorText.describe(ex));
        }
        setState(ConnectionState.CONNECTED, "connected to " + address.display()
                + (max >= 0 && max < s.qos() ? "; the broker grants at most QoS " + max : ""), true); // "connected to" logged
        pending = loop.schedule(() -> connectionHolds(thisAttempt), HOLDS_AFTER_MILLIS, TimeUnit.MILLISECONDS);
        long every = Math.max(1000, s.deliveryTimeoutSeconds() * 1000L / 4);
        watchdog = loop.scheduleWithFixedDelay(() -> checkProgress(thisAttempt), every, every, TimeUnit.MILLISECONDS);
        sender.request();
    }

    /** The connection delivered something or lasted: the outage is over and the backoff starts afresh. */
    private void connectionHolds(long thisAttempt) {
        if (thisAttempt != attempt || client == null || holds || state != ConnectionState.CONNECTED) {
            return;
        }
        holds = true;
        backoff.reset();
        announcements.held(client, settings);
    }

    /** Messages in flight and no delivery for deliveryTimeoutSeconds: the client is stuck; start over. */
    private void checkProgress(long thisAttempt) {
        MessageJournal j = queue.journal();
        InterfaceSettings s = settings;
        if (thisAttempt != attempt || client == null || s == null || j == null || state != ConnectionState.CONNECTED) {
            return;
        }
        if (!client.isConnected()) {
            rebuild("the client lost its connection without reporting it");
            return;
        }
        if (j.inflightCount() == 0) {
            return;
        }
        long quiet = clock.getAsLong() - sender.lastProgressAt();
        if (quiet > s.deliveryTimeoutSeconds() * 1000L) {
            rebuild("no delivery completed for " + quiet / 1000 + " s while " + j.inflightCount()
                    + " message(s) were in flight (deliveryTimeoutSeconds=" + s.deliveryTimeoutSeconds() + ")");
        }
    }

    /** The client is alive but does not work: discard it and send what it held again from the queue. */
    private void rebuild(String why) {
        lastError = why;
        log.add(Kind.ERROR, why + "; the client is discarded and the queue is sent again over a new connection");
        LOG.error("MQTT interface {}: {}; the client is discarded and the queue is sent again over a new connection",
                displayName, why);
        announcements.connectionLost(why, holds);
        closeClient(false);
        addressIndex = 0;
        scheduleReconnect(why, false);
    }

    private void onConnectFailed(long thisAttempt, BrokerAddress address, Throwable e) {
        if (thisAttempt != attempt || settings == null) {
            return;
        }
        cancelPending();
        attempt++; // late answers to this attempt are ignored from now on
        String why = ErrorText.describe(e);
        if (!warnings.isEmpty() && !ErrorText.isTimeout(e)) {
            // NATS closes the connection before CONNACK when the will topic has a character it refuses
            why += "; perhaps because " + warnings.get(0);
        }
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
        InterfaceSettings s = settings;
        if (lost != client || s == null) {
            return;
        }
        String why = cause == null ? "connection closed" : ErrorText.describe(cause);
        lastError = why;
        // Paho can report the loss before the success of the connect that preceded it: that late success
        // must not cancel the reconnect scheduled here and leave the interface "connected" to nothing.
        attempt++;
        MessageJournal j = queue.journal();
        int back = 0;
        if (j != null) {
            List<Long> inflight = j.inflightSeqs();
            long poisoned = poison.connectionLost(inflight, sender.lastSentAt());
            if (poisoned >= 0) {
                park(s, poisoned, why);
            }
            if (!s.connection().cleanSession() && !inflight.isEmpty()) {
                // Paho would send what it holds again by itself, all at once and ahead of the careful window, and
                // a broker like RabbitMQ that answers QoS 2 with PUBACK leaves it holding them for ever. The queue
                // is the only source instead: a new client, and once a clean session, since the broker's session
                // refers to the old client's message ids.
                back = inflight.size() - (poisoned >= 0 ? 1 : 0);
                closeClient(false);
                cleanStartOnce = true;
            } else if (s.connection().cleanSession()) {
                // With a clean session the broker forgets what was in flight, so it is sent again from the queue.
                back = j.requeueInflight();
            }
        }
        log.add(Kind.DISCONNECT, "connection to " + broker + " lost: " + why
                + (back > 0 ? "; " + back + " message(s) in flight will be sent again" : "")
                + (poison.careful() ? "; sending one message at a time until they are through" : ""));
        announcements.connectionLost(why, holds);
        LOG.warn("MQTT interface {}: connection to {} lost: {}", s.name(), broker, why);
        addressIndex = 0;
        scheduleReconnect("connection to " + broker + " lost: " + why, false);
    }

    private void park(InterfaceSettings s, long seq, String why) {
        String sentence = queue.park(seq, s.connection().topicRoot(), s.qos(), brokerMaxQos, "the broker closed the connection "
                + PoisonWatch.STRIKES + " times right after it was sent (last: " + why + ")");
        if (sentence != null) {
            lastError = sentence;
            log.add(Kind.ERROR, sentence);
            LOG.error("MQTT interface {}: {}", s.name(), sentence);
        }
    }

    /** Next address of the cluster at once; after a whole round, wait with backoff. */
    private void scheduleReconnect(String reason, boolean advance) {
        cancelPending();
        int count = settings.connection().addresses().size();
        long delay;
        if (advance && addressIndex + 1 < count) {
            addressIndex++;
            delay = 0;
        } else {
            addressIndex = 0;
            delay = backoff.nextDelayMillis();
        }
        // every caller has logged why (connect failed, connection lost, client stuck): no second line
        setState(ConnectionState.DISCONNECTED, reason + "; next attempt in " + delay + " ms", true);
        pending = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        if (watchdog != null) {
            watchdog.cancel(false);
            watchdog = null;
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
        MessageJournal j = queue.journal();
        if (j != null) {
            j.requeueInflight();
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
        if (s == null || queue.journal() == null || !s.enabled()) {
            counters.rejected.incrementAndGet();
            return PublishResult.REJECTED;
        }
        PublishResult result = queue.offer(s, message);
        if (result == PublishResult.QUEUED || result == PublishResult.QUEUED_DROPPED_OLDEST) {
            sender.request();
        }
        return result;
    }

    /** Paho's answers, handled on the loop. */
    private final class OnLoop implements IMqttActionListener {
        private final java.util.function.BiConsumer<IMqttToken, Throwable> then;

        OnLoop(java.util.function.BiConsumer<IMqttToken, Throwable> then) {
            this.then = then;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            loop.execute(() -> then.accept(token, null));
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
            loop.execute(() -> then.accept(token, e == null ? new MqttException(MqttException.REASON_CODE_UNEXPECTED_ERROR) : e));
        }
    }

    private final class SenderEvents implements Sender.Events {
        @Override
        public void delivered() {
            if (!deliveredOnConnection) {
                deliveredOnConnection = true; // once per connection; the loop does the rest
                loop.execute(() -> connectionHolds(attempt));
            }
        }

        @Override
        public void publishFailed(MqttAsyncClient stuck, String why) {
            loop.execute(() -> {
                if (stuck == client && state == ConnectionState.CONNECTED) {
                    rebuild(why);
                }
            });
        }

        @Override
        public void queueWrite(String failure) {
            if (failure == null) {
                queue.writeWorked();
            } else {
                queue.writeFailed(failure);
            }
        }
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
            // handled per message by the sender
        }
    }

    // ---- status and shutdown ----------------------------------------------------------------------

    private void setState(ConnectionState next, String why) {
        setState(next, why, false);
    }

    /**
     * Every change of state is one line in flow.log: here, or, with {@code logged}, the caller's own line
     * that says more (a refused configuration, a failed connect, a lost connection, "connected to").
     */
    private void setState(ConnectionState next, String why, boolean logged) {
        if (next != state) {
            since = clock.getAsLong();
            log.add(Kind.STATE, state.name().toLowerCase() + " -> " + next.name().toLowerCase() + ": " + why);
            if (!logged && (next == ConnectionState.INVALID_CONFIGURATION || queue.failure() != null)) {
                LOG.warn("MQTT interface {}: {} -> {}: {}", displayName, state, next, why);
            } else if (!logged) {
                LOG.info("MQTT interface {}: {} -> {}: {}", displayName, state, next, why);
            }
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
        MessageJournal j = queue.journal();
        InterfaceSettings s = settings;
        String queueFailure = queue.failure();
        return new InterfaceStatus(displayName, queueFailure != null ? ConnectionState.QUEUE_FAILED : state, broker,
                queueFailure != null ? queueFailure : detail, since,
                counters.snapshot(j == null ? 0 : j.size(), j == null ? 0 : j.bytes(), queue.deadLettered()),
                lastError, s == null || s.tls() == null ? List.of() : s.tls().certificates(), brokerMaxQos,
                s == null ? List.of() : warnings);
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

    @Override
    public List<LogEntry> communicationLog(long position) {
        return log.since(position);
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
            // Our own loop thread: it is idle now (or stuck in Paho), never inside the journal.
            loop.shutdownNow();
            try {
                loop.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            queue.close();
        }
    }
}
