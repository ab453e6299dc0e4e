package io.flowmqtt.operator.api.internal;

import io.flowmqtt.api.DataSource;
import io.flowmqtt.api.login.OperatorLogin;
import jakarta.servlet.Servlet;
import java.io.File;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.servlet.whiteboard.annotations.RequireHttpWhiteboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator API on the Servlet Whiteboard at {@value #PATTERN}. Runs also without its configuration
 * ({@value #PID}), answering 503 until a password hash is set, so that an operator who opens the page is
 * told what to do. The servlet is registered by hand rather than by DS, so that the login configuration (the
 * password hash) never becomes a service property.
 */
@Component(configurationPid = OperatorComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {},
        immediate = true)
@Designate(ocd = OperatorConfig.class)
@RequireHttpWhiteboard
public final class OperatorComponent {
    static final String PID = "flow.operator";
    static final String PATTERN = "/api/v1/*";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorComponent.class);

    private final Sessions sessions = new Sessions(new SecureRandom(), System::currentTimeMillis);
    private final ServiceRegistration<Servlet> servlet;
    private final ServiceRegistration<OperatorLogin> login;
    private volatile LoginSettings settings;
    /** The services the API reports on; its own objects, not DS components, so that nothing internal is registered. */
    private final Services services;
    private final Sources sources = new Sources();
    private final ServiceWatch<DataSource> sourceWatch;

    @Activate
    public OperatorComponent(BundleContext context, OperatorConfig config, @Reference ConfigurationAdmin admin,
                             @Reference MetaTypeService metatype) {
        apply(config);
        this.services = new Services(context);
        this.sourceWatch = sources.watch(context);
        ConfFiles files = new ConfFiles(directory(context, "felix.fileinstall.dir", null));
        Metatypes metatypes = new Metatypes(context, metatype);
        DataResources data = new DataResources(sources, services::widgetCatalog);
        Map<String, Resource> resources = Map.of(
                "interfaces", Wiring.interfaces(admin, files, metatypes, services),
                "outputs", Wiring.outputs(admin, files, metatypes, services),
                "sources", data.sources(),
                "widgets", data.widgets(),
                "diagnostics", data.diagnostics(),
                "files", new FilesResource(directory(context, "flow.data.dir", context.getDataFile("")).resolve("certs"),
                        System::currentTimeMillis));
        OperatorApi api = new OperatorApi(() -> settings, sessions,
                new SessionResource(sessions, new LoginThrottle(System::currentTimeMillis)), resources);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, PATTERN);
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "flow-operator-api");
        props.put(Constants.SERVICE_DESCRIPTION, "FLOW operator API (" + PID + ")");
        servlet = context.registerService(Servlet.class, new ApiServlet(api), props);
        // other bundles' endpoints (metrics, health) ask this whether a request's cookie is a live session
        Hashtable<String, Object> loginProps = new Hashtable<>();
        loginProps.put(Constants.SERVICE_DESCRIPTION, "FLOW operator login (" + PID + ")");
        login = context.registerService(OperatorLogin.class, id -> sessions.find(id).map(Sessions.Session::username), loginProps);
    }

    @Modified
    void modified(OperatorConfig config) {
        apply(config);
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> registration : List.of(login, servlet)) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping
            }
        }
        sessions.reset(settings.idle());
        sourceWatch.close();
        sources.deactivate();
        services.close();
    }

    /** New login settings end every session: whoever knew the old password is out. */
    private void apply(OperatorConfig config) {
        LoginSettings next = LoginSettings.from(config);
        settings = next;
        sessions.reset(next.idle());
        if (next.problem() != null) {
            LOG.warn("Operator API closed (every call is answered with 503): {}", next.problem());
        } else {
            LOG.info("Operator API open at {} for the user {}", PATTERN, next.username());
        }
    }

    private static Path directory(BundleContext context, String property, File fallback) {
        String value = context.getProperty(property);
        if (value != null && !value.isBlank()) {
            return Path.of(value.strip());
        }
        return fallback == null ? null : fallback.toPath();
    }
}
