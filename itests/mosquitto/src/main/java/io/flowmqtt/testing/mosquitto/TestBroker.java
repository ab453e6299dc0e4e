package io.flowmqtt.testing.mosquitto;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A private broker process other than Mosquitto ({@link NatsServer}, {@link RabbitMq}) with an MQTT
 * listener on 127.0.0.1 and a free port, so that a test can treat them alike: start, stop and start
 * again on the same ports with the same data, kill, close.
 */
public interface TestBroker extends AutoCloseable {
    /** Starts the broker (again, on the same ports and data) and returns once it answers an MQTT CONNECT. */
    TestBroker start() throws IOException, InterruptedException;

    /** SIGTERM: an orderly shutdown (the broker saves what it keeps), and waits until it is gone. */
    void stop() throws InterruptedException;

    /** SIGKILL: the broker dies without a word to anybody. */
    void kill() throws InterruptedException;

    boolean isRunning();

    /** {@code tcp://127.0.0.1:<port>} of the MQTT listener. */
    String mqttUrl();

    int mqttPort();

    /** The folder with the broker's configuration, data and logs. */
    Path dir();

    /** The broker's log (as far as it was written), for failure messages. */
    String log() throws IOException;

    /**
     * Stops the broker for good, leaving no process of it behind. Interrupted while it waits, it kills what is
     * left without waiting and keeps the thread's interrupt flag set (a try-with-resources must not lose it).
     */
    @Override
    void close();
}
