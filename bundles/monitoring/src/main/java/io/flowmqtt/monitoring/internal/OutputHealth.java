package io.flowmqtt.monitoring.internal;

import io.flowmqtt.api.status.OutputStatus;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.Result;

/**
 * An output's status as a health check result: OK while active (or deliberately disabled), WARN while it waits
 * for its source or its interface (a plugin removed, an interface renamed; it resumes by itself), CRITICAL for
 * a configuration that cannot be used. The status detail says why, in words.
 */
final class OutputHealth {
    private OutputHealth() {
    }

    /** @param status the output's status, or {@code null} when it is no longer configured */
    static Result of(String name, OutputStatus status) {
        FormattingResultLog log = new FormattingResultLog();
        if (status == null) {
            log.warn("output {} is not configured (any more)", name);
            return new Result(log);
        }
        String detail = status.detail() == null ? "" : status.detail();
        switch (status.state()) {
            case ACTIVE -> log.info("active: {}", detail);
            case DISABLED -> log.info("disabled (enabled=false)");
            case WAITING_FOR_SOURCE -> log.warn("waiting for its source: {}", detail);
            case WAITING_FOR_INTERFACE -> log.warn("waiting for its interface: {}", detail);
            case INVALID_CONFIGURATION -> log.critical("invalid configuration: {}", detail);
        }
        log.debug("interface {}, source {}: received {}, published {}, filtered {}, coalesced {}, rejected {}",
                status.interfaceName(), status.source(), status.received(), status.published(), status.filtered(),
                status.coalesced(), status.rejected());
        return new Result(log);
    }
}
