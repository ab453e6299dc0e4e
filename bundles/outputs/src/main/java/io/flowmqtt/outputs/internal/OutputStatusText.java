package io.flowmqtt.outputs.internal;

import io.flowmqtt.api.DataSource;
import io.flowmqtt.api.spi.SampledDataSource;
import io.flowmqtt.api.status.OutputState;
import io.flowmqtt.api.status.OutputStatus;
import io.flowmqtt.api.status.SamplingStatus;

/** An output's state and the sentence that explains it, from what the output knows at one moment. */
final class OutputStatusText {
    /**
     * One moment of an output, taken under its lock.
     *
     * @param settings the valid settings; null while the configuration is invalid
     * @param problem  why the configuration is invalid, or why the source refused the subscription
     * @param bound    whether a subscription made with exactly these settings is in place
     * @param source   the bound source, for its sampling errors
     */
    record Snapshot(String name, OutputSettings settings, String problem, boolean bound, DataSource source) {
    }

    private OutputStatusText() {
    }

    static OutputStatus status(Snapshot now, boolean sourcePresent, boolean interfacePresent, OutputCounters counters) {
        OutputSettings s = now.settings();
        OutputState state;
        String detail;
        if (s == null) {
            state = OutputState.INVALID_CONFIGURATION;
            detail = "invalid configuration: " + now.problem();
        } else if (!s.enabled()) {
            state = OutputState.DISABLED;
            detail = "enabled=false";
        } else if (!sourcePresent) {
            state = OutputState.WAITING_FOR_SOURCE;
            detail = "waiting for source " + s.source();
        } else if (!interfacePresent) {
            state = OutputState.WAITING_FOR_INTERFACE;
            detail = "waiting for interface " + s.interfaceName();
        } else if (now.problem() != null) {
            state = OutputState.WAITING_FOR_SOURCE;
            detail = now.problem();
        } else if (!now.bound()) {
            // source and interface are there, the (re)binding to them is under way
            state = OutputState.WAITING_FOR_SOURCE;
            detail = "subscribing to source " + s.source();
        } else {
            state = OutputState.ACTIVE;
            detail = "publishing " + s.source() + " (" + s.policy().states().size() + " of 3 states) to " + s.interfaceName()
                    + samplingProblem(now.source());
        }
        return OutputStatus.builder().name(now.name()).interfaceName(s == null ? "" : s.interfaceName())
                .source(s == null ? "" : s.source()).state(state).detail(detail).received(counters.received.get())
                .published(counters.published.get()).filtered(counters.filtered.get()).coalesced(counters.coalesced.get())
                .rejected(counters.rejected.get()).lastPublishedAt(counters.lastPublishedAt.get()).build();
    }

    /**
     * A sampled source whose samples fail publishes nothing while the output is bound and active: the
     * output's detail says so, with the source's error, so that the status does not just say "publishing".
     */
    private static String samplingProblem(DataSource bound) {
        if (bound instanceof SampledDataSource sampled) {
            SamplingStatus sampling = sampled.samplingStatus();
            if (sampling.failing()) {
                return "; but source " + sampling.source() + ": " + sampling.describe();
            }
        }
        return "";
    }
}
