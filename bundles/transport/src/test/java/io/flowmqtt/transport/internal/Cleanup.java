package io.flowmqtt.transport.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.rules.ExternalResource;

/** Closes what a test opened, last first, even when the test fails. */
final class Cleanup extends ExternalResource {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    <T extends AutoCloseable> T add(T resource) {
        resources.push(resource);
        return resource;
    }

    InterfaceEngine add(InterfaceEngine engine) {
        resources.push(engine::close);
        return engine;
    }

    @Override
    protected void after() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                // teardown: keep closing the rest
            }
        }
    }
}
