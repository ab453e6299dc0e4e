package io.flowmqtt.shell.internal;

import io.flowmqtt.api.DataSource;
import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.OutputRegistry;
import io.flowmqtt.api.status.InterfaceStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Gogo commands ({@code flow:status} and friends) over the services the bundles register. Gogo finds commands
 * by their service properties alone, so the service is a plain {@code Object}: no internal type is registered.
 */
@Component(service = Object.class, property = {
        "osgi.command.scope=flow",
        "osgi.command.function=status",
        "osgi.command.function=interfaces",
        "osgi.command.function=outputs",
        "osgi.command.function=sources",
        "osgi.command.function=log",
        "osgi.command.function=test"})
public final class FlowCommands {
    private final List<MqttInterface> interfaces = new CopyOnWriteArrayList<>();
    private final List<OutputRegistry> registries = new CopyOnWriteArrayList<>();
    private final Map<ServiceReference<DataSource>, String> sources = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addInterface(MqttInterface iface) {
        interfaces.add(iface);
    }

    void removeInterface(MqttInterface iface) {
        interfaces.remove(iface);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRegistry(OutputRegistry registry) {
        registries.add(registry);
    }

    void removeRegistry(OutputRegistry registry) {
        registries.remove(registry);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(ServiceReference<DataSource> reference) {
        sources.put(reference, String.valueOf(reference.getProperty(DataSource.TYPE)) + " (bundle "
                + reference.getBundle().getSymbolicName() + " " + reference.getBundle().getVersion() + ")");
    }

    void removeSource(ServiceReference<DataSource> reference) {
        sources.remove(reference);
    }

    /** flow:status - interfaces, outputs and sources. */
    public String status() {
        return "Interfaces\n" + interfaces() + "\nOutputs\n" + outputs() + "\nSources\n" + sources();
    }

    /** flow:interfaces - state and counters of every MQTT interface. */
    public String interfaces() {
        List<InterfaceStatus> statuses = new ArrayList<>();
        for (MqttInterface iface : interfaces) {
            statuses.add(iface.status());
        }
        statuses.sort(Comparator.comparing(InterfaceStatus::name));
        return StatusText.interfaces(statuses);
    }

    /** flow:outputs - state and counters of every output. */
    public String outputs() {
        StringBuilder text = new StringBuilder();
        for (OutputRegistry registry : registries) {
            text.append(StatusText.outputs(registry.outputs()));
        }
        return text.length() == 0 ? "The output registry is not running.\n" : text.toString();
    }

    /** flow:sources - the registered data sources. */
    public String sources() {
        if (sources.isEmpty()) {
            return "No data source is registered (install one through plugins/).\n";
        }
        StringBuilder text = new StringBuilder();
        sources.values().stream().sorted().forEach(s -> text.append(s).append('\n'));
        return text.toString();
    }

    /** flow:test NAME - the staged connection test (DNS, TCP, TLS, CONNACK, PUBACK) of every address of an interface. */
    public String test(String name) {
        for (MqttInterface iface : interfaces) {
            if (iface.name().equals(name)) {
                return StatusText.checks(iface.testConnection());
            }
        }
        return "No MQTT interface named '" + name + "'.\n";
    }

    /** flow:log NAME - the last 50 lines of an interface's communication log. */
    public String log(String name) {
        return log(name, 50);
    }

    /** flow:log NAME COUNT - the last COUNT lines of an interface's communication log. */
    public String log(String name, int count) {
        for (MqttInterface iface : interfaces) {
            if (iface.name().equals(name)) {
                return StatusText.log(iface.communicationLog(), count);
            }
        }
        return "No MQTT interface named '" + name + "'.\n";
    }
}
