package io.flowmqtt.transport.internal;

import io.flowmqtt.api.DeviceIdentity;
import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.internal.FactoryInstances;
import io.flowmqtt.api.internal.NameClaims;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One instance per factory configuration of {@value #FACTORY_PID}. It registers the
 * {@link MqttInterface} service itself, rather than through DS, so that the service carries only
 * {@value MqttInterface#NAME} and the configuration's {@code service.pid}, never the configuration's
 * secrets as service properties.
 *
 * <p>The service stays registered while the configuration is invalid, so that status shows why.
 * A change of the device identity re-creates the component (static reference); the queue is on
 * disk and survives that.
 */
@Component(configurationPid = MqttInterfaceComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = InterfaceConfig.class, factory = true)
public final class MqttInterfaceComponent {
    static final String FACTORY_PID = "flow.mqtt.interface";
    /** Framework property: where runtime state lives; queues go to {@code <dir>/queues/<name>}. */
    static final String DATA_DIR_PROPERTY = "flow.data.dir";

    /**
     * Interface names are unique across this runtime. One per bundle class loader, which lives and dies with
     * the bundle; every instance lets go of its name in its deactivation, so a stopped bundle holds none.
     */
    private static final NameClaims NAMES = new NameClaims();

    private final DeviceIdentity device;
    private final InterfaceEngine engine;
    private final ServiceRegistration<MqttInterface> registration;
    private final String configurationPid;
    private boolean closed; // guarded by this

    @Activate
    public MqttInterfaceComponent(BundleContext context, InterfaceConfig config, Map<String, Object> properties,
                                  @Reference DeviceIdentity device) {
        this.device = device;
        String provisional = config.name().isBlank() ? FactoryInstances.instanceName(properties) : config.name().strip();
        this.engine = new InterfaceEngine(provisional, queueRoot(context), System::currentTimeMillis);
        this.configurationPid = String.valueOf(properties.get(Constants.SERVICE_PID));
        this.registration = context.registerService(MqttInterface.class, engine,
                serviceProperties(configure(config, properties)));
    }

    @Modified
    void modified(InterfaceConfig config, Map<String, Object> properties) {
        reconfigure(config, properties);
    }

    private synchronized void reconfigure(InterfaceConfig config, Map<String, Object> properties) {
        if (closed || registration == null) {
            return; // deleted, or a retry racing the constructor
        }
        registration.setProperties(serviceProperties(configure(config, properties)));
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            closed = true;
        }
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
        engine.close();
        NAMES.release(this);
    }

    /**
     * Validates and hands the result to the engine, and waits (bounded) until the engine has taken
     * it: the service is registered, or its properties updated, only once a publish through it is
     * accepted. Returns the name to register under.
     */
    private String configure(InterfaceConfig config, Map<String, Object> properties) {
        String fallback = FactoryInstances.instanceName(properties);
        String name = config.name().isBlank() ? fallback : config.name().strip();
        try {
            SecretReferences.requireResolved(properties);
            InterfaceSettings settings = InterfaceSettings.from(config, fallback, device.blockName());
            Optional<String> holder = NAMES.claim(settings.name(), this, "configuration " + configurationPid,
                    () -> reconfigure(config, properties));
            if (holder.isPresent()) {
                throw new InvalidSettingException("name", "'" + settings.name() + "' is already used by another MQTT interface ("
                        + holder.get() + "); this one takes it over when that one is deleted or renamed");
            }
            await(engine.apply(settings));
            return settings.name();
        } catch (InvalidSettingException e) {
            await(engine.invalid(name, e));
            return name;
        }
    }

    private static void await(Future<?> applied) {
        try {
            applied.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the engine reports its own failures in its status; registration must not wait forever
        }
    }

    /**
     * The name, and {@code service.pid}: the configuration's PID, as a managed service carries it, so that a
     * management client can tell which configuration an interface belongs to when two claim the same name.
     */
    private Dictionary<String, Object> serviceProperties(String name) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(MqttInterface.NAME, name);
        props.put(Constants.SERVICE_PID, configurationPid);
        return props;
    }


    /** {@code <flow.data.dir>/queues}, or the bundle's own data area when the runtime sets no data directory. */
    private static Path queueRoot(BundleContext context) {
        String dataDir = context.getProperty(DATA_DIR_PROPERTY);
        return dataDir != null && !dataDir.isBlank() ? Path.of(dataDir, "queues") : context.getDataFile("queues").toPath();
    }
}
