package io.flowmqtt.benchmark;

import java.nio.charset.StandardCharsets;

/**
 * The FLOW webhook bodies the load generator posts, and the marks read back from the MQTT messages they become.
 * Each body is a value widget (no time block) whose data carries the round, a sequence number and the intended
 * send time; those pass through both bridges unchanged, and since every body differs from the one before, the
 * runtime's widgets source publishes each of them (an unchanged value would not be published again).
 */
public final class Payloads {
    /** The block name in the bodies and the device ID in both bridges' topics. */
    public static final String BLOCK = "bench-block";

    /** What a message carries back: which round sent it, its sequence number, and when it was due (nanoTime). */
    public record Mark(long round, long seq, long dueNanos) {
    }

    private static final String ROUND = "\"bench_round\":";
    private static final String SEQ = "\"bench_seq\":";
    private static final String DUE = "\"bench_due\":";

    private Payloads() {
    }

    /**
     * The body for message {@code seq} of {@code round}, reported as widget {@code widget} of cube 1, analytic 0.
     * One widget per connection keeps the reports of one widget in order, as the widgets source requires.
     */
    public static byte[] body(int widget, long round, long seq, long dueNanos) {
        String json = "{\"block_name\":\"" + BLOCK + "\",\"cube_id\":1,\"analytic_id\":0,\"widget_id\":" + widget
                + ",\"widget_name\":\"Benchmark widget " + widget + "\",\"widget_type\":\"value\""
                + ",\"data\":{\"data_validity\":\"ok\",\"object_count\":" + (seq % 50)
                + ",\"categories\":{\"car\":" + (seq % 40) + ",\"van\":2,\"light\":1,\"heavy\":" + (seq % 7)
                + ",\"bus\":0,\"motorcycle\":0,\"bicycle\":1,\"pedestrian\":3},"
                + ROUND + round + "," + SEQ + seq + "," + DUE + dueNanos + "}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The mark in an MQTT payload, or {@code null} when it has none (a status message, a foreign message). */
    public static Mark mark(byte[] payload) {
        String text = new String(payload, StandardCharsets.ISO_8859_1); // the marks are ASCII; no decoding cost
        long round = number(text, ROUND);
        long seq = number(text, SEQ);
        long due = number(text, DUE);
        return round < 0 || seq < 0 || due == Long.MIN_VALUE ? null : new Mark(round, seq, due);
    }

    /** The integer after {@code key}; -1 for round and seq, {@link Long#MIN_VALUE} when absent or not a number. */
    static long number(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) {
            return key.equals(DUE) ? Long.MIN_VALUE : -1;
        }
        int i = at + key.length();
        boolean negative = i < text.length() && text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        int digits = 0;
        for (; i < text.length() && Character.isDigit(text.charAt(i)) && digits < 19; i++, digits++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        if (digits == 0) {
            return key.equals(DUE) ? Long.MIN_VALUE : -1;
        }
        return negative ? -value : value;
    }
}
