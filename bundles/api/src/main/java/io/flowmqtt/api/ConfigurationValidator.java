package io.flowmqtt.api;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Validates a configuration of one PID before it is written, with the same rules its component applies when
 * the configuration arrives, so that a management client (the operator API) can refuse a bad write and name
 * every bad property instead of writing it and finding the component in {@code INVALID_CONFIGURATION}.
 * Registered by the bundle that owns the PID, with the service property {@value #PID} naming it
 * ({@code flow.mqtt.interface}, {@code flow.mqtt.output}).
 *
 * <p>Checks only what the configuration alone decides: whether another configuration already uses the same
 * name is the caller's business, as it sees all of them.
 */
@ProviderType
public interface ConfigurationValidator {
    /** Service property: the (factory) PID whose configurations this validator checks. */
    String PID = "flow.validator.pid";

    /**
     * The problems of a configuration, one per bad property; empty when the component can use it.
     *
     * @param properties the configuration's properties as Config Admin would hold them: values of the
     *                   property's type or strings (as from a {@code .cfg} file); a property left out takes its
     *                   default
     */
    List<Problem> validate(Map<String, Object> properties);

    /**
     * One unusable property.
     *
     * @param property the property's name ({@code address})
     * @param message  why, in one sentence that a form can show beside the field; never contains a secret
     */
    record Problem(String property, String message) {
    }
}
