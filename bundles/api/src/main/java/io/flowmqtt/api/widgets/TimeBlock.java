package io.flowmqtt.api.widgets;

/**
 * A time block of a widget in time-block mode, epoch milliseconds, start inclusive, end exclusive.
 */
public record TimeBlock(long start, long end) {
    public TimeBlock {
        if (end <= start) {
            throw new IllegalArgumentException("time block end must be after its start");
        }
    }
}
