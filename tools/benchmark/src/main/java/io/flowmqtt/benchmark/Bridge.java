package io.flowmqtt.benchmark;

import java.io.IOException;

/** A webhook-to-MQTT bridge under test, started as its own process: the runtime or Node-RED. */
public interface Bridge {
    /** {@code runtime} or {@code node-red}: the name in messages and results. */
    String name();

    int httpPort();

    String webhookPath();

    String token();

    /** The topic prefix its widget messages have now, up to the device ID: {@code flow/bench-block/}. */
    String topicRoot();

    /** Launches the process (without waiting for it to serve). */
    void launch() throws IOException;

    /** The process id, for /proc; the bridge's own process, not a shell around it. */
    long pid();

    boolean isAlive();

    /** SIGTERM, and waits (bounded) until it is gone; SIGKILL after that. */
    void stop() throws InterruptedException;

    /** Where to look when it fails: its log files, for a message ("see ..."). */
    String logs();

    /** Why it is not running, for a message: " (it exited with code 1)", or "" while it runs. */
    String exited();
}
