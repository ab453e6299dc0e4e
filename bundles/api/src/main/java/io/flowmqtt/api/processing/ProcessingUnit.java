package io.flowmqtt.api.processing;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One analytic's processing unit. The real analytics, or the simulated block, registers one
 * service per unit; the processing-state source reports all of them.
 */
@ConsumerType
public interface ProcessingUnit {
    /** The unit's state now. Must be cheap and must not block. */
    UnitState state();
}
