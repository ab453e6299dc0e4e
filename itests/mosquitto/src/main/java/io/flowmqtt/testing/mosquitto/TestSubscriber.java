package io.flowmqtt.testing.mosquitto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A plain Paho subscriber that records what arrives and lets a test wait for a condition on it. */
public final class TestSubscriber implements AutoCloseable {
    /** One received message. */
    public record Received(String topic, String payload, int qos, boolean retained, boolean duplicate) {
    }

    private final MqttClient client;
    private final List<Received> received = new ArrayList<>();

    private TestSubscriber(MqttClient client) {
        this.client = client;
    }

    /** Connects to {@code url} (tcp://...) and subscribes to {@code filter} at QoS 2. */
    public static TestSubscriber connect(String url, String filter) throws MqttException {
        return connect(url, filter, null, null, true, UUID.randomUUID().toString());
    }

    public static TestSubscriber connect(String url, String filter, String user, String password, boolean cleanSession,
                                         String clientId) throws MqttException {
        MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
        TestSubscriber subscriber = new TestSubscriber(client);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                synchronized (subscriber.received) {
                    subscriber.received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                            message.getQos(), message.isRetained(), message.isDuplicate()));
                    subscriber.received.notifyAll();
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(cleanSession);
        options.setAutomaticReconnect(false);
        options.setMaxInflight(1000);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.toCharArray());
        }
        client.connect(options);
        client.subscribe(filter, 2);
        return subscriber;
    }

    /** Everything received so far. */
    public List<Received> messages() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Messages on topics other than the interfaces' own ({@code <root>/status} and below it). */
    public List<Received> data() {
        return messages().stream().filter(m -> !isStatus(m.topic())).toList();
    }

    /** Whether a topic is an interface's own: availability, outage reports, owner announcements, tests. */
    public static boolean isStatus(String topic) {
        return topic.endsWith("/status") || topic.contains("/status/");
    }

    /** Waits until {@code condition} holds for what has arrived; fails with what did arrive otherwise. */
    public List<Received> await(String what, Predicate<List<Received>> condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (received) {
            while (!condition.test(List.copyOf(received))) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what
                            + "; received " + received.size() + ": " + summary(received));
                }
                received.wait(left);
            }
            return List.copyOf(received);
        }
    }

    /** Waits for at least {@code count} messages whose topic does not end in /status. */
    public List<Received> awaitData(int count, long timeoutMillis) throws InterruptedException {
        await(count + " data message(s)", all -> all.stream().filter(m -> !isStatus(m.topic())).count() >= count,
                timeoutMillis);
        return data();
    }

    public void clear() {
        synchronized (received) {
            received.clear();
        }
    }

    private static String summary(List<Received> all) {
        StringBuilder text = new StringBuilder();
        for (int i = Math.max(0, all.size() - 5); i < all.size(); i++) {
            Received r = all.get(i);
            text.append("\n  ").append(r.topic()).append(" = ")
                    .append(r.payload().length() > 300 ? r.payload().substring(0, 300) + "..." : r.payload());
        }
        return text.toString();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(500);
            }
            client.close(true);
        } catch (MqttException e) {
            // test teardown: nothing to do
        }
    }
}
