package io.flowmqtt.operator.api.internal;

import io.flowmqtt.api.ConfigurationValidator;
import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.OutputRegistry;
import io.flowmqtt.api.widgets.WidgetCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * The services the API reports on and validates with, as they come and go: the MQTT interfaces, the
 * configuration validators, the output registry and the widget catalog. All optional and dynamic, so that
 * the API keeps answering (with what is missing said) while a bundle is stopped or updated. A plain object of
 * {@link OperatorComponent}, following the services with {@link ServiceWatch}.
 */
final class Services {
    private record Registered(String pid, String name, MqttInterface service) {
    }

    private final Map<MqttInterface, Registered> interfaces = new ConcurrentHashMap<>();
    private final Map<ConfigurationValidator, String> validators = new ConcurrentHashMap<>();
    private final ServiceWatch<OutputRegistry> outputs;
    private final ServiceWatch<WidgetCatalog> catalog;
    private final List<ServiceWatch<?>> watches;

    /** Follows the services from now until {@link #close()}. */
    Services(BundleContext context) {
        outputs = new ServiceWatch<>(context, OutputRegistry.class, (s, p) -> { }, null, s -> { }).open();
        catalog = new ServiceWatch<>(context, WidgetCatalog.class, (s, p) -> { }, null, s -> { }).open();
        watches = List.of(outputs, catalog,
                new ServiceWatch<>(context, MqttInterface.class, this::addInterface, this::addInterface, this::removeInterface).open(),
                new ServiceWatch<>(context, ConfigurationValidator.class, this::addValidator, this::addValidator,
                        this::removeValidator).open());
    }

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
        return Optional.ofNullable(outputs.best()); // the highest-ranked, as a greedy reference would have it
    }

    Optional<WidgetCatalog> widgetCatalog() {
        return Optional.ofNullable(catalog.best());
    }

    void addInterface(MqttInterface service, Map<String, Object> properties) {
        Object pid = properties.get(Constants.SERVICE_PID);
        interfaces.put(service, new Registered(pid == null ? null : pid.toString(),
                String.valueOf(properties.get(MqttInterface.NAME)), service));
    }

    void removeInterface(MqttInterface service) {
        interfaces.remove(service);
    }

    void addValidator(ConfigurationValidator validator, Map<String, Object> properties) {
        validators.put(validator, String.valueOf(properties.get(ConfigurationValidator.PID)));
    }

    void removeValidator(ConfigurationValidator validator) {
        validators.remove(validator);
    }

    void close() {
        watches.forEach(ServiceWatch::close);
    }
}
