package io.flowmqtt.transport.internal;

import io.flowmqtt.testing.mosquitto.Mosquitto;
import io.flowmqtt.testing.mosquitto.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;

/**
 * The Mosquitto brokers and test certificates a transport test class needs, set up in one place. As a
 * {@code @ClassRule} it starts the brokers declared with {@link #with} before the first test and stops them
 * after the last; as a {@code @Rule} the same per test. {@link #create} and {@link #start} add brokers on
 * the spot, stopped with the rest. The certificates are made once, on first use. Each broker has its own
 * folder (configuration, log, password file, socket) below the rule's temporary folder.
 */
final class TestBrokers extends ExternalResource {
    /** Configures a broker (listeners, passwords, ...); the rule starts it. */
    interface Setup {
        Mosquitto configure(Mosquitto broker, TestBrokers brokers) throws Exception;
    }

    private final TemporaryFolder folder = new TemporaryFolder();
    private final Map<String, Setup> declared = new LinkedHashMap<>();
    private final Map<String, Mosquitto> brokers = new LinkedHashMap<>();
    private final Deque<Mosquitto> toStop = new ArrayDeque<>();
    private TestCertificates certificates;
    private Cleanup closeFirst;

    /** A broker started before the tests, as {@code setup} configures it; {@link #get} returns it. */
    TestBrokers with(String name, Setup setup) {
        declared.put(name, setup);
        return this;
    }

    /**
     * Has {@code cleanup} (the test's engines and subscribers) closed before the brokers stop, so that nothing a
     * test opened sees its broker vanish at the end; {@code cleanup} is then no rule of its own.
     */
    TestBrokers closingFirst(Cleanup cleanup) {
        this.closeFirst = cleanup;
        return this;
    }

    /** The broker {@code name}, declared with {@link #with} or made with {@link #create}/{@link #start}. */
    synchronized Mosquitto get(String name) {
        Mosquitto broker = brokers.get(name);
        if (broker == null) {
            throw new IllegalArgumentException("no broker '" + name + "'; there are " + brokers.keySet());
        }
        return broker;
    }

    /** A broker in its own folder, not configured and not started yet; stopped when the rule ends. */
    synchronized Mosquitto create(String name) throws IOException {
        if (brokers.containsKey(name)) {
            throw new IllegalArgumentException("a broker '" + name + "' exists already");
        }
        Mosquitto broker = Mosquitto.in(folder.getRoot().toPath().resolve("brokers").resolve(name));
        brokers.put(name, broker);
        toStop.push(broker);
        return broker;
    }

    /** A broker configured by {@code setup} and started now. */
    Mosquitto start(String name, Setup setup) throws Exception {
        return setup.configure(create(name), this).start();
    }

    /**
     * The CA, server and client certificates of {@link TestCertificates}, made on first use. Unchecked: a
     * test cannot go on without them, and accessors in static helpers stay plain.
     */
    synchronized TestCertificates certificates() {
        if (certificates == null) {
            try {
                certificates = TestCertificates.create(folder.getRoot().toPath().resolve("pki"));
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException("cannot make the test certificates: " + e, e);
            }
        }
        return certificates;
    }

    /** A new empty folder for the test's own files (queues, journals). */
    Path folder(String name) throws IOException {
        return Files.createDirectories(folder.getRoot().toPath().resolve("files").resolve(name));
    }

    @Override
    protected void before() throws Throwable {
        folder.create();
        try {
            for (Map.Entry<String, Setup> broker : declared.entrySet()) {
                start(broker.getKey(), broker.getValue());
            }
        } catch (Throwable e) {
            after(); // ExternalResource skips after() when before() fails: stop what did start
            throw e;
        }
    }

    @Override
    protected synchronized void after() {
        if (closeFirst != null) {
            closeFirst.after();
        }
        while (!toStop.isEmpty()) {
            try {
                toStop.pop().close();
            } catch (Exception e) {
                // teardown: keep stopping the rest
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        brokers.clear();
        certificates = null;
        folder.delete();
    }
}
