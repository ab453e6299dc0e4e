package io.flowmqtt.outputs.internal;

/** Runs a task later. An interface so that the coalescing logic can be tested without real time. */
@FunctionalInterface
interface Scheduler {
    void schedule(Runnable task, long delayMillis);
}
