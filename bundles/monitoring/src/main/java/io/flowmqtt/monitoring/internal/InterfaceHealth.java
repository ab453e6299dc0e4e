package io.flowmqtt.monitoring.internal;

import io.flowmqtt.api.status.CertificateInfo;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.Counters;
import io.flowmqtt.api.status.InterfaceStatus;
import java.time.Duration;
import java.time.Instant;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.Result;

/**
 * An interface's status as a health check result. The status is the worst entry: OK while connected (or
 * deliberately disabled), WARN while it is not connected, has given messages up or has a certificate near its
 * expiry, CRITICAL when it cannot work until someone acts (an invalid configuration, a queue that cannot be
 * written, an expired certificate). The status detail and the last error are in the log, in words.
 */
final class InterfaceHealth {
    private InterfaceHealth() {
    }

    static Result of(InterfaceStatus status, Duration certificateWarning, long nowMillis) {
        FormattingResultLog log = new FormattingResultLog();
        String detail = text(status.detail());
        switch (status.state()) {
            case CONNECTED -> log.info("connected to {}", text(status.broker()));
            case DISABLED -> log.info("disabled (enabled=false): no connection, publishes are refused");
            case CONNECTING -> log.warn("connecting to {}: {}", text(status.broker()), detail);
            case DISCONNECTED -> log.warn("disconnected: {}", detail);
            case INVALID_CONFIGURATION -> log.critical("invalid configuration: {}", detail);
            case QUEUE_FAILED -> log.critical("queue failed: {}", detail);
        }
        if (!detail.isEmpty() && (status.state() == ConnectionState.CONNECTED || status.state() == ConnectionState.DISABLED)) {
            log.info("detail: {}", detail);
        }
        if (status.lastError() != null && !status.lastError().isBlank()) {
            log.info("last error: {}", status.lastError());
        }
        Counters counters = status.counters();
        if (counters.deadLettered() > 0) {
            log.warn("{} message(s) given up after the broker closed the connection on them: see dead-letters.jsonl in the "
                    + "interface's queue folder", counters.deadLettered());
        }
        certificates(status, certificateWarning, nowMillis, log);
        status.warnings().forEach(w -> log.info("warning: {}", w));
        log.debug("queued {} ({} bytes), accepted {}, published {}, delivered {}, dropped {}, rejected {}, failed {}, "
                        + "connects {}, reconnects {}", counters.queued(), counters.queuedBytes(), counters.accepted(),
                counters.published(), counters.delivered(), counters.dropped(), counters.rejected(), counters.failed(),
                counters.connects(), counters.reconnects());
        return new Result(log);
    }

    private static void certificates(InterfaceStatus status, Duration warning, long nowMillis, FormattingResultLog log) {
        for (CertificateInfo c : status.certificates()) {
            Instant expiry = Instant.ofEpochMilli(c.notAfter());
            long left = c.notAfter() - nowMillis;
            if (left <= 0) {
                log.critical("{} certificate {} expired at {}", c.role(), c.subject(), expiry);
            } else if (left <= warning.toMillis()) {
                log.warn("{} certificate {} expires at {} (in {} days)", c.role(), c.subject(), expiry, Duration.ofMillis(left).toDays());
            }
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
