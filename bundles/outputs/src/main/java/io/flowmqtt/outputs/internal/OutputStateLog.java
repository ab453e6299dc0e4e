package io.flowmqtt.outputs.internal;

import io.flowmqtt.api.status.OutputState;
import io.flowmqtt.api.status.OutputStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The flow.log lines about one output: one when its state changes, and a last one when it stops. */
final class OutputStateLog {
    /** Under the name of {@link Output}, as these lines always were: a log configuration may select them by it. */
    private static final Logger LOG = LoggerFactory.getLogger(Output.class);

    /** The state last written; null before the first. */
    private OutputState reported;
    /** Stopped: a rebind on another thread that comes late writes no line about it. */
    private boolean stopped;

    /**
     * One line when the state differs from the one last reported, naming the output, the state and why.
     * An invalid configuration is not said twice: OutputComponent has logged it with its reason.
     */
    synchronized void report(OutputStatus now) {
        if (stopped || now.state() == reported) {
            return;
        }
        OutputState was = reported;
        reported = now.state();
        if (now.state() != OutputState.INVALID_CONFIGURATION) {
            LOG.info("MQTT output {}: {}{}: {}", now.name(), was == null ? "" : was + " -> ", now.state(), now.detail());
        }
    }

    /** The output is deleted or its bundle stops. */
    synchronized void stopped(String name) {
        if (reported != null && !stopped) {
            LOG.info("MQTT output {}: {} -> stopped (configuration deleted, or the outputs bundle stopping)", name, reported);
        }
        stopped = true;
    }
}
