package io.flowmqtt.outputs.internal;

import io.flowmqtt.api.internal.FactoryInstances;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One instance per factory configuration of {@value #FACTORY_PID}. Changes apply live. */
@Component(configurationPid = OutputComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = OutputConfig.class, factory = true)
public final class OutputComponent {
    static final String FACTORY_PID = "flow.mqtt.output";
    private static final Logger LOG = LoggerFactory.getLogger(OutputComponent.class);

    private final OutputHub hub;
    private final Output output;
    private OutputConfig config;             // the latest, for revalidate()
    private Map<String, Object> properties;  // guarded by this

    @Activate
    public OutputComponent(OutputConfig config, Map<String, Object> properties, @Reference OutputHub hub) {
        this.hub = hub;
        this.output = hub.newOutput(FactoryInstances.instanceName(properties));
        configure(config, properties);
        hub.register(output, this::revalidate);
    }

    @Modified
    void modified(OutputConfig config, Map<String, Object> properties) {
        configure(config, properties);
        hub.reconfigured(output);
    }

    @Deactivate
    void deactivate() {
        hub.unregister(output);
    }

    /** The same configuration again: a name it clashed with may have become free. */
    private void revalidate() {
        OutputConfig latest;
        Map<String, Object> latestProperties;
        synchronized (this) {
            latest = config;
            latestProperties = properties;
        }
        configure(latest, latestProperties);
        if (output.settings() != null) {
            hub.reconfigured(output);
        }
    }

    private synchronized void configure(OutputConfig config, Map<String, Object> properties) {
        this.config = config;
        this.properties = properties;
        try {
            OutputSettings settings = OutputSettings.from(config, FactoryInstances.instanceName(properties));
            if (hub.nameTaken(settings.name(), output)) {
                throw new InvalidOutputException("name", "'" + settings.name() + "' is already used by another output");
            }
            output.configure(settings);
            LOG.info("MQTT output {}: configuration applied", settings.name());
        } catch (InvalidOutputException e) {
            LOG.warn("MQTT output {}: invalid configuration: {}", FactoryInstances.instanceName(properties), e.getMessage());
            output.invalid(e.getMessage());
        } catch (RuntimeException e) {
            // a fault of ours, not of the values: still never an output that silently keeps its old
            // settings (modified) or is missing from the status altogether (activate)
            String problem = "cannot be applied: " + e;
            LOG.error("MQTT output {}: the configuration {}", output.name(), problem, e);
            output.invalid(problem);
        }
    }
}
