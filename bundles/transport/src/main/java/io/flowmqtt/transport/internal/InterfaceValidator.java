package io.flowmqtt.transport.internal;

import io.flowmqtt.api.ConfigurationValidator;
import io.flowmqtt.api.DeviceIdentity;
import io.flowmqtt.api.internal.FactoryInstances;
import io.flowmqtt.api.spi.ConfigurationProblems;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Checks a {@value MqttInterfaceComponent#FACTORY_PID} configuration with exactly the validation an
 * interface applies when the configuration arrives ({@link InterfaceSettings#from}), so that a management
 * client can refuse a write that the interface would report as {@code INVALID_CONFIGURATION}. Whether another
 * interface has the same name is left to the caller, which sees every configuration.
 */
@Component(service = ConfigurationValidator.class,
        property = ConfigurationValidator.PID + "=" + MqttInterfaceComponent.FACTORY_PID)
public final class InterfaceValidator implements ConfigurationValidator {
    /**
     * For properties whose default fails as well (asked for by another property, or required), values that
     * let the check go on to the remaining properties; never reported.
     */
    private static final Map<String, Map<String, Object>> STAND_INS = Map.of(
            "name", Map.of("name", "stand-in"),
            "clientCertificate", Map.of("useClientCertificate", false),
            "clientKey", Map.of("useClientCertificate", false),
            "clientKeyPassword", Map.of("useClientCertificate", false),
            "caCertificate", Map.of("useCaCertificate", false),
            "customDeviceId", Map.of("deviceIdType", "BLOCK_NAME"),
            "deviceIdType", Map.of("deviceIdType", "CUSTOM", "customDeviceId", "stand-in"),
            "reconnectMaxMillis", Map.of("reconnectMinMillis", 1000));

    private final DeviceIdentity device;

    @Activate
    public InterfaceValidator(@Reference DeviceIdentity device) {
        this.device = device;
    }

    @Override
    public List<Problem> validate(Map<String, Object> properties) {
        String fallbackName = properties.containsKey("service.pid") || properties.containsKey("felix.fileinstall.filename")
                ? FactoryInstances.instanceName(properties) : null;
        String blockName = device.blockName();
        return ConfigurationProblems.collect(InterfaceConfig.class, properties, config -> {
            try {
                InterfaceSettings.from(config, fallbackName, blockName);
                return null;
            } catch (InvalidSettingException e) {
                return new Problem(e.property(), e.reason());
            }
        }, STAND_INS);
    }
}
