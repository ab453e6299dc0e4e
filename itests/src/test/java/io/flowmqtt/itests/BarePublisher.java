package io.flowmqtt.itests;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The baseline of the benchmarks: one bare Paho client with a bounded in-flight window (the same window the
 * interface under test is given), publishing as fast as the window allows or at a fixed rate. No queue, no
 * journal, no retry: what a user would write by hand.
 */
final class BarePublisher implements AutoCloseable {
    private final MqttAsyncClient client;
    private final int window;

    BarePublisher(String url, int window) throws MqttException {
        this.window = window;
        client = new MqttAsyncClient(url, "bench-bare-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(window + 4);
        client.connect(options).waitForCompletion(10_000);
    }

    /** Publishes {@code count} messages as fast as the window allows; messages per second until the last confirmation. */
    double publish(int count, int qos, IntFunction<String> topic, IntFunction<byte[]> payload) throws Exception {
        return publish(count, qos, topic, payload, 0);
    }

    /**
     * Publishes {@code count} messages, paced at {@code perSecond} (0: unpaced), and waits for the broker's
     * confirmation of every one (for QoS 0: until Paho has written it). Returns messages per second from the
     * first publish to the last confirmation. The payload is rendered just before its publish, so a timestamp
     * in it is the moment of sending.
     */
    double publish(int count, int qos, IntFunction<String> topic, IntFunction<byte[]> payload, int perSecond) throws Exception {
        Semaphore inflight = new Semaphore(window);
        CountDownLatch done = new CountDownLatch(count);
        AtomicLong failed = new AtomicLong();
        IMqttActionListener listener = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                inflight.release();
                done.countDown();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                failed.incrementAndGet();
                inflight.release();
                done.countDown();
            }
        };
        long start = System.nanoTime();
        long interval = perSecond > 0 ? 1_000_000_000L / perSecond : 0;
        for (int i = 0; i < count; i++) {
            if (interval > 0) {
                pace(start + i * interval);
            }
            inflight.acquire();
            MqttMessage message = new MqttMessage(payload.apply(i));
            message.setQos(qos);
            client.publish(topic.apply(i), message, null, listener);
        }
        if (!done.await(120, TimeUnit.SECONDS) || failed.get() > 0) {
            throw new AssertionError("bare client: " + (count - done.getCount()) + " of " + count + " confirmed, "
                    + failed.get() + " failed");
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Waits until the scheduled moment of the next message: pacing a load, not synchronising with anything. */
    static void pace(long dueNanos) {
        long wait;
        while ((wait = dueNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(5000);
        client.close();
    }
}
