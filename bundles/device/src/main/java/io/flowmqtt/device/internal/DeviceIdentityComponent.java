package io.flowmqtt.device.internal;

import io.flowmqtt.api.DeviceIdentity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The device's identity. A change of {@code flow.device} re-creates the component (no
 * {@code @Modified}), so every consumer re-binds and picks up the new block name.
 */
@Component(configurationPid = DeviceIdentityComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DeviceIdentityComponent.Config.class)
public final class DeviceIdentityComponent implements DeviceIdentity {
    static final String PID = "flow.device";

    @ObjectClassDefinition(id = PID, name = "FLOW device",
            description = "Identity of this FLOW device, used in MQTT topics and payloads.")
    public @interface Config {
        @AttributeDefinition(name = "Block name",
                description = "The FLOW block's name (block_name in payloads). With deviceIdType=BLOCK_NAME it is "
                        + "the device ID in topics, so it must be a valid single topic level: no '/', '+', '#', "
                        + "control characters, or leading/trailing spaces.")
        String blockName() default "flow-block";
    }

    private final String blockName;

    @Activate
    public DeviceIdentityComponent(Config config) {
        this.blockName = config.blockName() == null ? "" : config.blockName();
    }

    @Override
    public String blockName() {
        return blockName;
    }

    @Override
    public String toString() {
        return "DeviceIdentity[" + blockName + "]";
    }
}
