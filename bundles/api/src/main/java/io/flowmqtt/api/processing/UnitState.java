package io.flowmqtt.api.processing;

import java.util.Objects;

/**
 * What a processing unit reports about itself.
 *
 * @param id              stable id, e.g. {@code 3/0} for cube 3, analytic 0
 * @param name            human-readable name
 * @param state           running, stopped or error
 * @param framesPerSecond frames processed per second, recently
 * @param framesProcessed frames processed since the unit started
 * @param framesDropped   frames dropped since the unit started
 * @param lastError       the last error, or {@code null}
 */
public record UnitState(String id, String name, RunState state, double framesPerSecond, long framesProcessed,
                        long framesDropped, String lastError) {
    public UnitState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        name = name == null ? id : name;
    }
}
