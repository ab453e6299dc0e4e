package io.flowmqtt.transport.internal;

import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.LogEntry.Kind;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * An interface's connection, kept up: connect to the addresses of the cluster in turn, and after a whole
 * round wait with backoff; from CONNACK on, the {@link LiveConnection}; on a lost connection, a failed connect or
 * a stuck client, start over. Runs on the engine's loop, except {@link #send} and the sender's events.
 */
final class ConnectionLoop {
    private final EngineLoop loop;
    private final EngineState state;
    private final CommunicationLog log;
    private final CounterSet counters;
    private final InterfaceQueue queue;
    private final ClientSlot slot;
    private final PoisonWatch poison;
    private final Sender sender;
    private final LossRecovery recovery;
    private final LiveConnection live;

    // Loop thread only.
    private Backoff backoff;
    private int addressIndex;
    private long connectAttempts;

    ConnectionLoop(EngineLoop loop, EngineState state, CommunicationLog log, CounterSet counters, InterfaceQueue queue,
                   LongSupplier clock) {
        this.loop = loop;
        this.state = state;
        this.log = log;
        this.counters = counters;
        this.queue = queue;
        this.slot = new ClientSlot(loop, queue, log, new ClientEvents());
        this.poison = new PoisonWatch(clock);
        this.sender = new Sender(counters, log, this::connectedClient, queue::journal, state::settings,
                state::brokerMaxQos, poison, clock, new SenderEvents());
        this.recovery = new LossRecovery(queue, poison, state, log);
        this.live = new LiveConnection(loop, slot, state, log, queue, sender, new Announcements(counters, log, clock), clock,
                new LiveEvents());
    }

    /** Sends what the window allows now, from the calling thread. */
    void send() {
        sender.request();
    }

    /** The client while the interface is connected, otherwise {@code null}: what the sender may use. */
    private MqttAsyncClient connectedClient() {
        return state.state() == ConnectionState.CONNECTED ? slot.client() : null;
    }

    /** New connection settings (or the first): the old client goes, in order, and a new one connects unless disabled. */
    void restart(InterfaceSettings next) {
        close(true);
        poison.reset(); // a new topic root or broker: what failed before may well work now
        backoff = new Backoff(next.reconnectMinMillis(), next.reconnectMaxMillis(), ThreadLocalRandom.current()::nextDouble);
        addressIndex = 0;
        state.setBrokerMaxQos(-1);
        if (!next.enabled()) {
            state.setState(ConnectionState.DISABLED, "enabled=false");
            return;
        }
        if (next.tls() != null && next.tls().trustAll()) {
            InterfaceEngine.LOG.warn("MQTT interface {}: verifyServerCertificate=false: any server certificate will be accepted",
                    next.name());
        }
        connect();
    }

    /** Drops the client and every timer; orderly means "offline" first and a DISCONNECT the broker sees. */
    void close(boolean orderly) {
        loop.cancelTimers();
        slot.close(orderly, state.broker());
    }

    private void connect() {
        InterfaceSettings s = state.settings();
        if (s == null || !s.enabled()) {
            return;
        }
        BrokerAddress address = s.connection().addresses().get(addressIndex);
        long thisAttempt = slot.nextAttempt();
        try {
            slot.open(s.connection());
            state.setBroker(address.display());
            state.setState(ConnectionState.CONNECTING, "connecting to " + address.display());
            if (connectAttempts++ > 0) { // not the attempt number: close() bumps that too, before the very first try
                counters.reconnects.incrementAndGet();
            }
            log.add(Kind.CONNECT, "connecting to " + address.display() + " as client id " + s.connection().clientId()
                    + (s.connection().username().isEmpty() ? "" : " with user " + s.connection().username()));
            if (address.isSecure() && s.tls() != null && s.tls().trustAll()) {
                log.add(Kind.CONNECT, "WARNING: verifyServerCertificate=false, the broker's certificate is not checked");
                InterfaceEngine.LOG.warn("MQTT interface {}: connecting to {} without verifying the server certificate",
                        s.name(), address.display());
            }
            MqttConnectOptions options = PahoClients.options(s.connection(), address, s.tls());
            if (recovery.cleanStartOnce()) {
                options.setCleanSession(true);
            }
            slot.connect(options, loop.answer((token, e) -> {
                if (e == null) {
                    onConnected(thisAttempt, address);
                } else {
                    onConnectFailed(thisAttempt, address, e);
                }
            }));
            // Paho's own timeout does not cover a broker that accepts TCP and never sends CONNACK.
            loop.after(s.connection().connectTimeoutSeconds(), TimeUnit.SECONDS, () -> onConnectFailed(thisAttempt, address,
                    new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT)));
        } catch (MqttException | RuntimeException e) {
            onConnectFailed(thisAttempt, address, e);
        }
    }

    private void onConnected(long thisAttempt, BrokerAddress address) {
        if (!slot.current(thisAttempt)) {
            return;
        }
        loop.cancelTimers();
        InterfaceSettings s = state.settings();
        recovery.connected();
        counters.connects.incrementAndGet();
        log.add(Kind.CONNECT, "connected to " + address.display() + " (CONNACK accepted)");
        InterfaceEngine.LOG.info("MQTT interface {}: connected to {}", s.name(), address.display());
        slot.connected(s.connection().statusTopic());
        live.connected(thisAttempt, address, s);
    }

    private void onConnectFailed(long thisAttempt, BrokerAddress address, Throwable e) {
        InterfaceSettings s = state.settings();
        if (thisAttempt != slot.attempt() || s == null) {
            return;
        }
        loop.cancelTimers();
        slot.endAttempt(); // late answers to this attempt are ignored from now on
        String why = ErrorText.describe(e);
        List<String> topicWarnings = s.topicWarnings(); // a refused will topic; not the other warnings
        if (!topicWarnings.isEmpty() && !ErrorText.isTimeout(e)) {
            // NATS closes the connection before CONNACK when the will topic has a character it refuses
            why += "; perhaps because " + topicWarnings.get(0);
        }
        state.setLastError(why);
        log.add(Kind.ERROR, "connect to " + address.display() + " failed: " + why);
        InterfaceEngine.LOG.warn("MQTT interface {}: connect to {} failed: {}", s.name(), address.display(), why);
        if (ErrorText.isTimeout(e)) {
            // a client stuck in connect cannot be reused: start over with a new one
            close(false);
        }
        scheduleReconnect("connect to " + address.display() + " failed: " + why, true);
    }

    private void onConnectionLost(MqttAsyncClient lost, Throwable cause) {
        InterfaceSettings s = state.settings();
        if (lost != slot.client() || s == null) {
            return;
        }
        String why = cause == null ? "connection closed" : ErrorText.describe(cause);
        state.setLastError(why);
        // Paho can report the loss before the success of the connect that preceded it: that late success
        // must not cancel the reconnect scheduled here and leave the interface "connected" to nothing.
        slot.endAttempt();
        LossRecovery.Outcome outcome = recovery.connectionLost(s, why, sender.lastSentAt());
        if (outcome.discardClient()) {
            close(false);
        }
        String broker = state.broker();
        log.add(Kind.DISCONNECT, "connection to " + broker + " lost: " + why
                + (outcome.resent() > 0 ? "; " + outcome.resent() + " message(s) in flight will be sent again" : "")
                + (poison.careful() ? "; sending one message at a time until they are through" : ""));
        live.ended(why);
        InterfaceEngine.LOG.warn("MQTT interface {}: connection to {} lost: {}", s.name(), broker, why);
        scheduleReconnect("connection to " + broker + " lost: " + why, false);
    }

    /** The client is alive but does not work: discard it and send what it held again from the queue. */
    private void rebuild(String why) {
        state.setLastError(why);
        log.add(Kind.ERROR, why + "; the client is discarded and the queue is sent again over a new connection");
        InterfaceEngine.LOG.error("MQTT interface {}: {}; the client is discarded and the queue is sent again over a new "
                + "connection", state.name(), why);
        live.ended(why);
        close(false);
        scheduleReconnect(why, false);
    }

    /** With {@code advance}, the next address of the cluster at once; after a whole round, or else, the first after a backoff. */
    private void scheduleReconnect(String reason, boolean advance) {
        loop.cancelTimers();
        int count = state.settings().connection().addresses().size();
        long delay;
        if (advance && addressIndex + 1 < count) {
            addressIndex++;
            delay = 0;
        } else {
            addressIndex = 0;
            delay = backoff.nextDelayMillis();
        }
        // every caller has logged why (connect failed, connection lost, client stuck): no second line
        state.setState(ConnectionState.DISCONNECTED, reason + "; next attempt in " + delay + " ms", true);
        loop.after(delay, TimeUnit.MILLISECONDS, this::connect);
    }

    private final class LiveEvents implements LiveConnection.Events {
        @Override
        public void holds() {
            backoff.reset();
        }

        @Override
        public void stuck(String why) {
            rebuild(why);
        }
    }

    private final class ClientEvents implements ClientSlot.Events {
        @Override
        public void connectionLost(MqttAsyncClient client, Throwable cause) {
            onConnectionLost(client, cause);
        }

        @Override
        public void announcement(MqttAsyncClient client, byte[] payload) {
            live.announcementArrived(client, payload);
        }
    }

    private final class SenderEvents implements Sender.Events {
        @Override
        public void delivered() {
            live.delivered();
        }

        @Override
        public void publishFailed(MqttAsyncClient stuck, String why) {
            loop.execute(() -> {
                if (stuck == slot.client() && state.state() == ConnectionState.CONNECTED) {
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
}
