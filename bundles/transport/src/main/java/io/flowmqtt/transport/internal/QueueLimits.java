package io.flowmqtt.transport.internal;

/** Capacity of an interface's queue, counting only undelivered messages, and what to drop when it is full. */
public record QueueLimits(int maxMessages, long maxBytes, DropPolicy dropPolicy) {
    public enum DropPolicy { OLDEST, NEWEST }
}
