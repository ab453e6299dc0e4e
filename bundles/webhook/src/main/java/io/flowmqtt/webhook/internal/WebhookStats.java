package io.flowmqtt.webhook.internal;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The webhook input's counters since activation: requests accepted, widget reports delivered, and
 * requests rejected per reason, plus when the last of each happened. The only state requests share.
 */
final class WebhookStats {
    private final LongAdder accepted = new LongAdder();
    private final LongAdder reports = new LongAdder();
    private final Map<Rejection, LongAdder> rejected = new EnumMap<>(Rejection.class);
    private volatile long lastAcceptedAt;
    private volatile long lastRejectedAt;
    private volatile String lastRejection;

    WebhookStats() {
        for (Rejection reason : Rejection.values()) {
            rejected.put(reason, new LongAdder());
        }
    }

    void accepted(int reportCount, long now) {
        accepted.increment();
        reports.add(reportCount);
        lastAcceptedAt = now;
    }

    /** {@code message} is what the sender was told; it never contains the token. */
    void rejected(Rejection reason, String message, long now) {
        rejected.get(reason).increment();
        lastRejection = reason.status() + " " + message;
        lastRejectedAt = now;
    }

    long accepted() {
        return accepted.sum();
    }

    long rejected(Rejection reason) {
        return rejected.get(reason).sum();
    }

    /**
     * The counters under their status keys: {@code accepted}, {@code reports}, {@code rejected}
     * (all reasons), {@code rejected.<reason>}, and {@code lastAcceptedAt}, {@code lastRejectedAt},
     * {@code lastRejection} once there is one.
     */
    Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accepted", accepted.sum());
        out.put("reports", reports.sum());
        long total = 0;
        for (Map.Entry<Rejection, LongAdder> entry : rejected.entrySet()) {
            long count = entry.getValue().sum();
            total += count;
            out.put(entry.getKey().counterKey(), count);
        }
        out.put("rejected", total);
        if (lastAcceptedAt != 0) {
            out.put("lastAcceptedAt", lastAcceptedAt);
        }
        String last = lastRejection;
        if (last != null) {
            out.put("lastRejectedAt", lastRejectedAt);
            out.put("lastRejection", last);
        }
        return out;
    }
}
