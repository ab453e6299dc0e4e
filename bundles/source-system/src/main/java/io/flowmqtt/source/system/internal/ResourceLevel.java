package io.flowmqtt.source.system.internal;

import java.util.Locale;

/**
 * How short a resource is, with FLOW's own notification thresholds: a warning below 15 % free and
 * an error ("critical") below 5 % free. Exactly 15 % free is still ok, exactly 5 % is a warning.
 */
enum ResourceLevel {
    OK, WARNING, CRITICAL;

    static final double WARNING_BELOW_PERCENT = 15.0;
    static final double CRITICAL_BELOW_PERCENT = 5.0;

    /** The word in payloads: {@code ok}, {@code warning}, {@code critical}. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ResourceLevel ofFreePercent(double freePercent) {
        if (freePercent < CRITICAL_BELOW_PERCENT) {
            return CRITICAL;
        }
        return freePercent < WARNING_BELOW_PERCENT ? WARNING : OK;
    }

    /** Level for {@code free} of {@code total} bytes; a resource of unknown size ({@code total <= 0}) is ok. */
    static ResourceLevel ofFree(long free, long total) {
        return total <= 0 ? OK : ofFreePercent(percent(free, total));
    }

    ResourceLevel worse(ResourceLevel other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** {@code part} as a percentage of {@code total}, unrounded; {@code total} must be positive. */
    static double percent(long part, long total) {
        return 100.0 * part / total;
    }
}
