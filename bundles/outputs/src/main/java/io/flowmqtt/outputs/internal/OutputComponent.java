package io.flowmqtt.outputs.internal;

import io.flowmqtt.api.OutputRegistry;
import io.flowmqtt.api.internal.FactoryInstances;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Constants;
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
    /** How this output is named in the status of another that wants its name. */
    private final String label;
    private OutputConfig config;             // the latest, for revalidate()
    private Map<String, Object> properties;  // guarded by this

    /**
     * @param registry the {@link OutputHub} of this bundle: the reference is narrowed to it by its component
     *                 name, since the hub is registered only as the API it offers
     */
    @Activate
    public OutputComponent(OutputConfig config, Map<String, Object> properties,
                           @Reference(target = "(component.name=io.flowmqtt.outputs.internal.OutputHub)") OutputRegistry registry) {
        if (!(registry instanceof OutputHub outputHub)) {
            throw new IllegalStateException("the output registry is not this bundle's OutputHub: " + registry);
        }
        this.hub = outputHub;
        this.label = "configuration " + properties.get(Constants.SERVICE_PID);
        this.output = hub.newOutput(FactoryInstances.instanceName(properties));
        configure(config, properties);
        hub.register(output);
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

    /** The same configuration again: the name it waited for is its own now. */
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
            OutputSettings settings = OutputSettings.from(config, FactoryInstances.instanceName(properties), properties);
            if (properties.containsKey(OutputSettings.DEPRECATED_MIN_UPDATE_MILLIS)) {
                LOG.warn("MQTT output {}: {} is deprecated; write minUpdateInterval = {}ms instead", settings.name(),
                        OutputSettings.DEPRECATED_MIN_UPDATE_MILLIS, settings.minUpdateIntervalMillis());
            }
            Optional<String> holder = hub.claimName(settings.name(), output, label, this::revalidate);
            if (holder.isPresent()) {
                output.invalid("name: '" + settings.name() + "' is already used by another output (" + holder.get()
                        + "); this one takes it over when that one is deleted or renamed");
                LOG.warn("MQTT output {}: invalid configuration: name '{}' is already used by another output ({})",
                        FactoryInstances.instanceName(properties), settings.name(), holder.get());
                return;
            }
            output.configure(settings);
            LOG.info("MQTT output {}: configuration applied", settings.name());
        } catch (InvalidOutputException e) {
            LOG.warn("MQTT output {}: invalid configuration: {}", FactoryInstances.instanceName(properties), e.getMessage());
            hub.releaseName(output);
            output.invalid(e.getMessage());
        } catch (RuntimeException e) {
            // a fault of ours, not of the values: still never an output that silently keeps its old
            // settings (modified) or is missing from the status altogether (activate)
            String problem = "cannot be applied: " + e;
            LOG.error("MQTT output {}: the configuration {}", output.name(), problem, e);
            hub.releaseName(output);
            output.invalid(problem);
        }
    }
}
