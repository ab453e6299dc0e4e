package io.flowmqtt.webhook.internal;

import io.flowmqtt.api.spi.OrderlyScheduler;
import io.flowmqtt.api.widgets.WidgetReporter;
import jakarta.servlet.Servlet;
import java.time.Duration;
import java.util.Collections;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
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
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.servlet.whiteboard.annotations.RequireHttpWhiteboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook input, present only while {@value #PID} is configured. It registers two services
 * itself rather than through DS, because their properties are computed:
 * <ul>
 * <li>the servlet, on the Servlet Whiteboard at the configured path (re-registered only when the
 * path changes; an unusable path registers none);</li>
 * <li>its status, as service properties on a {@code java.util.function.Supplier} with
 * {@code flow.status=webhook} whose {@code get()} returns the same map live. Properties are
 * republished at most once a second and only when something changed, so a flood of requests does
 * not become a flood of service events.</li>
 * </ul>
 * The widgets source is optional and dynamic: without it requests get 503, and it may come and go
 * (it is a plugin) without re-creating this component.
 */
@Component(configurationPid = WebhookComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {},
        immediate = true)
@Designate(ocd = WebhookConfig.class)
@RequireHttpWhiteboard
public final class WebhookComponent {
    static final String PID = "flow.webhook";
    /** Service property that marks the status service; its value is {@code webhook}. */
    static final String STATUS_PROPERTY = "flow.status";
    static final String STATUS_VALUE = "webhook";
    static final String SERVLET_NAME = "flow-webhook";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookComponent.class);
    private static final Duration STOP_BOUND = Duration.ofSeconds(5);

    private final BundleContext context;
    private final WebhookStats stats = new WebhookStats();
    private final ServiceRegistration<?> status;
    private final OrderlyScheduler statusTimer;
    private volatile WebhookSettings settings;
    private volatile WidgetReporter reporter;
    private ServiceRegistration<Servlet> servlet; // guarded by this
    private Map<String, Object> published; // guarded by this

    @Activate
    public WebhookComponent(BundleContext context, WebhookConfig config) {
        this.context = context;
        this.settings = WebhookSettings.from(config);
        describe(settings, null);
        synchronized (this) {
            registerServlet(settings.path());
            published = status();
        }
        Supplier<Map<String, Object>> live = this::status;
        this.status = context.registerService(Supplier.class.getName(), live, statusProperties(published));
        this.statusTimer = new OrderlyScheduler("flow-webhook-status");
        statusTimer.scheduleWithFixedDelay(this::publishStatus, 1, 1, TimeUnit.SECONDS);
    }

    @Modified
    void modified(WebhookConfig config) {
        WebhookSettings next = WebhookSettings.from(config);
        synchronized (this) {
            WebhookSettings previous = settings;
            settings = next;
            describe(next, previous);
            if (!Objects.equals(previous.path(), next.path())) {
                unregisterServlet();
                registerServlet(next.path());
            }
        }
        publishStatus();
    }

    /**
     * Stops the status timer without interrupting it: a republish under way is delivering service
     * events to other bundles' listeners, whose I/O an interrupt would break (as it breaks an
     * interface's queue write). Then the servlet and the status go.
     */
    @Deactivate
    void deactivate() {
        statusTimer.stop(STOP_BOUND);
        synchronized (this) {
            unregisterServlet();
        }
        try {
            status.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindReporter(WidgetReporter widgetReporter) {
        reporter = widgetReporter;
        publishStatus();
    }

    void unbindReporter(WidgetReporter widgetReporter) {
        if (reporter == widgetReporter) {
            reporter = null;
        }
        publishStatus();
    }

    /** State, detail, the settings that can be shown, and the counters. */
    Map<String, Object> status() {
        WebhookSettings s = settings;
        Map<String, Object> out = new LinkedHashMap<>();
        if (s.problem() != null) {
            out.put("state", "INVALID_CONFIGURATION");
            out.put("detail", s.problem());
        } else if (!s.enabled()) {
            out.put("state", "DISABLED");
            out.put("detail", "enabled=false: requests are answered with 503");
        } else if (reporter == null) {
            out.put("state", "NO_REPORTER");
            out.put("detail", "the widgets source is not running: requests are answered with 503");
        } else {
            out.put("state", "ACTIVE");
            out.put("detail", "accepting POST " + s.path());
        }
        if (s.path() != null) {
            out.put("path", s.path());
        }
        out.put("enabled", s.enabled());
        out.put("maxBodyBytes", s.maxBodyBytes());
        out.putAll(stats.snapshot());
        return Collections.unmodifiableMap(out);
    }

    private synchronized void publishStatus() {
        if (status == null) {
            return; // still activating: the registration will carry the first status
        }
        Map<String, Object> now = status();
        if (now.equals(published)) {
            return;
        }
        try {
            status.setProperties(statusProperties(now));
            published = now;
        } catch (IllegalStateException unregistered) {
            // deactivating
        }
    }

    private static Hashtable<String, Object> statusProperties(Map<String, Object> values) {
        Hashtable<String, Object> props = new Hashtable<>(values);
        props.put(STATUS_PROPERTY, STATUS_VALUE);
        props.put(Constants.SERVICE_DESCRIPTION, "FLOW webhook input status (" + PID + ")");
        return props;
    }

    private void registerServlet(String path) {
        if (path == null) {
            return;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, path);
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, SERVLET_NAME);
        props.put(Constants.SERVICE_DESCRIPTION, "FLOW webhook input (" + PID + ")");
        WebhookHandler handler = new WebhookHandler(() -> settings, () -> reporter, stats, System::currentTimeMillis);
        servlet = context.registerService(Servlet.class, new WebhookServlet(handler), props);
    }

    private void unregisterServlet() {
        if (servlet != null) {
            try {
                servlet.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping
            }
            servlet = null;
        }
    }

    private static void describe(WebhookSettings next, WebhookSettings previous) {
        if (next.problem() != null) {
            LOG.error("Webhook input: invalid configuration ({}): {}", PID, next.problem());
        } else if (!next.enabled()) {
            LOG.info("Webhook input at {} is disabled", next.path());
        } else if (previous == null || !Objects.equals(previous.toString(), next.toString())) {
            LOG.info("Webhook input accepting POST {} (maxBodyBytes {}, defaultWidgetType {})", next.path(), next.maxBodyBytes(),
                    next.defaultWidgetType() == null ? "none" : next.defaultWidgetType().jsonId());
        }
    }
}
