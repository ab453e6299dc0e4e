package io.flowmqtt.monitoring.internal;

import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.OutputRegistry;
import io.flowmqtt.api.login.OperatorLogin;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.OutputStatus;
import jakarta.servlet.Servlet;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.servlet.whiteboard.annotations.RequireHttpWhiteboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servlet context {@value MonitoringContext#NAME} with its login check, and {@value #METRICS_PATH} in it.
 * Runs also without {@code flow.monitoring}. Both services are registered by hand rather than by DS, so that
 * the token hash never becomes a service property. The interfaces, the output registry and the operator login
 * may come and go without re-creating anything: a scrape reads what is there.
 */
@Component(configurationPid = MonitoringSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {},
        immediate = true)
@Designate(ocd = MonitoringConfig.class)
@RequireHttpWhiteboard
public final class MonitoringComponent {
    static final String METRICS_PATH = "/metrics";
    private static final Logger LOG = LoggerFactory.getLogger(MonitoringComponent.class);

    private final Map<ServiceReference<MqttInterface>, MqttInterface> interfaces = new ConcurrentHashMap<>();
    private final ServiceRegistration<ServletContextHelper> contextHelper;
    private final ServiceRegistration<Servlet> servlet;
    private volatile MonitoringSettings settings;
    private volatile OutputRegistry outputs;
    private volatile OperatorLogin login;
    private String describedAccess; // guarded by this

    @Activate
    public MonitoringComponent(BundleContext context, MonitoringConfig config) {
        // not described yet: the operator login is bound only after construction; an open endpoint is logged when used
        settings = read(config);
        ScrapeAccess access = new ScrapeAccess(() -> settings, () -> login);
        Hashtable<String, Object> contextProps = new Hashtable<>();
        contextProps.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME, MonitoringContext.NAME);
        // path "/": /metrics and /system/health keep their plain URLs; a request no servlet of this context matches
        // goes on to the default context (the operator API and page), as the whiteboard tries contexts in turn
        contextProps.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH, "/");
        contextProps.put(Constants.SERVICE_DESCRIPTION, "FLOW monitoring: operator login or metrics token");
        contextHelper = context.registerService(ServletContextHelper.class,
                new MonitoringContext(context.getBundle(), access, System::currentTimeMillis), contextProps);
        Hashtable<String, Object> servletProps = new Hashtable<>();
        servletProps.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, METRICS_PATH);
        servletProps.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "flow-metrics");
        servletProps.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT,
                "(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + MonitoringContext.NAME + ")");
        servletProps.put(Constants.SERVICE_DESCRIPTION, "FLOW metrics, Prometheus text format");
        servlet = context.registerService(Servlet.class, new MetricsServlet(this::interfaceStatuses, this::outputStatuses,
                System::currentTimeMillis), servletProps);
    }

    @Modified
    void modified(MonitoringConfig config) {
        settings = read(config);
        describeAccess();
    }

    private static MonitoringSettings read(MonitoringConfig config) {
        MonitoringSettings read = MonitoringSettings.from(config);
        if (read.problem() != null) {
            LOG.warn("Monitoring: {}", read.problem());
        }
        return read;
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> registration : List.of(servlet, contextHelper)) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeInterface")
    void addInterface(MqttInterface iface, ServiceReference<MqttInterface> reference) {
        interfaces.put(reference, iface);
    }

    void removeInterface(ServiceReference<MqttInterface> reference) {
        interfaces.remove(reference);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetOutputs")
    void setOutputs(OutputRegistry registry) {
        outputs = registry;
    }

    void unsetOutputs(OutputRegistry registry) {
        if (outputs == registry) {
            outputs = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetLogin")
    void setLogin(OperatorLogin operatorLogin) {
        login = operatorLogin;
        describeAccess();
    }

    void unsetLogin(OperatorLogin operatorLogin) {
        if (login == operatorLogin) {
            login = null;
        }
        describeAccess();
    }

    /** One line whenever who may read the metrics changes (the open case is also logged when it serves, see MonitoringContext). */
    private synchronized void describeAccess() {
        boolean operator = login != null;
        boolean token = settings.tokenDigest() != null;
        String description;
        if (operator || token) {
            description = "behind " + (operator && token ? "the operator login and the metrics token"
                    : operator ? "the operator login" : "the metrics token");
        } else if (settings.tokenConfigured()) {
            description = "closed: there is no operator login and no usable metrics token";
        } else {
            description = "open to whoever reaches the HTTP server: there is no operator login and no metrics token";
        }
        if (!description.equals(describedAccess)) {
            describedAccess = description;
            if (operator || token) {
                LOG.info("Monitoring: {} and /system/health are {}", METRICS_PATH, description);
            } else {
                LOG.warn("Monitoring: {} and /system/health are {}", METRICS_PATH, description);
            }
        }
    }

    private List<InterfaceStatus> interfaceStatuses() {
        List<InterfaceStatus> statuses = new ArrayList<>();
        for (MqttInterface iface : interfaces.values()) {
            try {
                statuses.add(iface.status());
            } catch (RuntimeException goingAway) {
                // an interface unregistered during this scrape: it is simply not in it
            }
        }
        return statuses;
    }

    private List<OutputStatus> outputStatuses() {
        OutputRegistry registry = outputs;
        return registry == null ? List.of() : registry.outputs();
    }
}
