package io.flowmqtt.monitoring.internal;

import io.flowmqtt.api.MqttInterface;
import org.apache.felix.hc.api.HealthCheck;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * One {@link HealthCheck} service per {@link MqttInterface} service, from the moment the interface is registered
 * (its configuration exists, valid or not) until it goes. A check reads the interface's status when it runs.
 */
@Component(configurationPid = MonitoringSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {},
        immediate = true)
public final class InterfaceHealthChecks {
    private final HealthRegistrations<ServiceReference<MqttInterface>> checks;
    private volatile MonitoringSettings settings;

    @Activate
    public InterfaceHealthChecks(BundleContext context, MonitoringConfig config) {
        this.checks = new HealthRegistrations<>(context);
        this.settings = MonitoringSettings.from(config);
    }

    @Modified
    void modified(MonitoringConfig config) {
        settings = MonitoringSettings.from(config);
    }

    @Deactivate
    void deactivate() {
        checks.clear();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "unbindInterface",
            updated = "updatedInterface")
    void bindInterface(MqttInterface iface, ServiceReference<MqttInterface> reference) {
        checks.put(reference, () -> check(iface), CheckProperties.forInterface(name(iface, reference)));
    }

    /** A renamed interface keeps its service: its check keeps its registration and gets the new name and tags. */
    void updatedInterface(MqttInterface iface, ServiceReference<MqttInterface> reference) {
        bindInterface(iface, reference);
    }

    void unbindInterface(ServiceReference<MqttInterface> reference) {
        checks.remove(reference);
    }

    private HealthCheck check(MqttInterface iface) {
        return () -> InterfaceHealth.of(iface.status(), settings.certificateWarning(), System.currentTimeMillis());
    }

    private static String name(MqttInterface iface, ServiceReference<MqttInterface> reference) {
        Object name = reference.getProperty(MqttInterface.NAME);
        return name instanceof String text && !text.isBlank() ? text : iface.name();
    }
}
