package io.flowmqtt.outputs.internal;

import io.flowmqtt.api.ConfigurationValidator;
import io.flowmqtt.api.internal.FactoryInstances;
import io.flowmqtt.api.spi.ConfigurationProblems;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Checks a {@value OutputComponent#FACTORY_PID} configuration with the validation an output applies when
 * the configuration arrives ({@link OutputSettings#from}). Whether another output has the same name, and
 * whether the named interface and source exist, is left to the caller: an output may well be configured
 * before them and wait.
 */
@Component(service = ConfigurationValidator.class, property = ConfigurationValidator.PID + "=" + OutputComponent.FACTORY_PID)
public final class OutputValidator implements ConfigurationValidator {
    /** Required properties (their default fails too): stand-ins that let the check go on; never reported. */
    private static final Map<String, Map<String, Object>> STAND_INS = Map.of(
            "name", Map.of("name", "stand-in"),
            "interface", Map.of("interface", "stand-in"),
            "source", Map.of("source", "widgets"));

    @Override
    public List<Problem> validate(Map<String, Object> properties) {
        String fallbackName = properties.containsKey("service.pid") || properties.containsKey("felix.fileinstall.filename")
                ? FactoryInstances.instanceName(properties) : null;
        // the old name of minUpdateInterval is no accessor of OutputConfig any more, but still accepted
        Map<String, Object> current = new HashMap<>(properties);
        current.remove(OutputSettings.DEPRECATED_MIN_UPDATE_MILLIS);
        return ConfigurationProblems.collect(OutputConfig.class, current, config -> {
            try {
                OutputSettings.from(config, fallbackName, properties);
                return null;
            } catch (InvalidOutputException e) {
                return new Problem(e.property(), e.reason());
            }
        }, STAND_INS);
    }
}
