package io.flowmqtt.operator.api.internal;

import io.flowmqtt.api.ConfigurationValidator;
import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.OutputRegistry;
import io.flowmqtt.api.widgets.WidgetCatalog;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The services the API reports on and validates with, as they come and go: the MQTT interfaces, the
 * configuration validators, the output registry and the widget catalog. All optional and dynamic, so that
 * the API keeps answering (with what is missing said) while a bundle is stopped or updated.
 */
@Component(service = Services.class)
public final class Services {
    private record Registered(String pid, String name, MqttInterface service) {
    }

    private final Map<MqttInterface, Registered> interfaces = new ConcurrentHashMap<>();
    private final Map<ConfigurationValidator, String> validators = new ConcurrentHashMap<>();
    private volatile OutputRegistry outputs;
    private volatile WidgetCatalog catalog;

    /** The interface of a configuration: by its PID, or by name when the transport did not say its PID. */
    Optional<MqttInterface> interfaceOf(String configurationPid, String name) {
        Optional<MqttInterface> byPid = interfaces.values().stream().filter(r -> configurationPid.equals(r.pid()))
                .map(Registered::service).findFirst();
        return byPid.isPresent() ? byPid : interfaces.values().stream().filter(r -> r.pid() == null && name.equals(r.name()))
                .map(Registered::service).findFirst();
    }

    Optional<ConfigurationValidator> validator(String pid) {
        return validators.entrySet().stream().filter(e -> e.getValue().equals(pid)).map(Map.Entry::getKey).findFirst();
    }

    Optional<OutputRegistry> outputRegistry() {
        return Optional.ofNullable(outputs);
    }

    Optional<WidgetCatalog> widgetCatalog() {
        return Optional.ofNullable(catalog);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addInterface(MqttInterface service, Map<String, Object> properties) {
        Object pid = properties.get(Constants.SERVICE_PID);
        interfaces.put(service, new Registered(pid == null ? null : pid.toString(),
                String.valueOf(properties.get(MqttInterface.NAME)), service));
    }

    void updatedInterface(MqttInterface service, Map<String, Object> properties) {
        addInterface(service, properties);
    }

    void removeInterface(MqttInterface service) {
        interfaces.remove(service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addValidator(ConfigurationValidator validator, Map<String, Object> properties) {
        validators.put(validator, String.valueOf(properties.get(ConfigurationValidator.PID)));
    }

    void removeValidator(ConfigurationValidator validator) {
        validators.remove(validator);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setOutputs(OutputRegistry registry) {
        outputs = registry;
    }

    void unsetOutputs(OutputRegistry registry) {
        if (outputs == registry) {
            outputs = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setCatalog(WidgetCatalog widgetCatalog) {
        catalog = widgetCatalog;
    }

    void unsetCatalog(WidgetCatalog widgetCatalog) {
        if (catalog == widgetCatalog) {
            catalog = null;
        }
    }
}
