package io.flowmqtt.outputs.internal;

import io.flowmqtt.api.DataSource;
import io.flowmqtt.api.DeviceIdentity;
import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.OutputRegistry;
import io.flowmqtt.api.internal.NameClaims;
import io.flowmqtt.api.spi.OrderlyScheduler;
import io.flowmqtt.api.status.OutputStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Tracks the data sources and MQTT interfaces that come and go, and binds every output to the
 * source of its type (the highest-ranked, if several) and the interface of its name. Registered only as
 * the {@link OutputRegistry} API; {@link OutputComponent} reaches it by its component name.
 */
@Component(service = OutputRegistry.class, immediate = true)
public final class OutputHub implements OutputRegistry {
    private static final Duration STOP_BOUND = Duration.ofSeconds(5);
    private final DeviceIdentity device;
    /** Runs the held updates of outputs with {@code minUpdateInterval}; they end in an interface's publish. */
    private final OrderlyScheduler timers;
    private final Map<String, TreeMap<ServiceReference<DataSource>, DataSource>> sources = new HashMap<>();
    private final Map<MqttInterface, String> interfaces = new HashMap<>();
    private final Set<Output> outputs = ConcurrentHashMap.newKeySet();
    /** Output names are unique; one that waits for a taken name gets it when its holder lets go. */
    private final NameClaims names = new NameClaims();
    /** Serialises the state lines of rebinds on different threads (taken before this and an output's lock). */
    private final Object stateLog = new Object();

    @Activate
    public OutputHub(@Reference DeviceIdentity device) {
        this.device = device;
        this.timers = new OrderlyScheduler("flow-outputs");
    }

    /**
     * Closes the outputs, then stops the timer thread without interrupting it: a held update it may
     * be publishing right now goes into an interface's queue file, which an interrupt would close.
     */
    @Deactivate
    void deactivate() {
        outputs.forEach(Output::close);
        timers.stop(STOP_BOUND);
    }

    Output newOutput(String fallbackName) {
        return new Output(fallbackName, this::schedule, System::currentTimeMillis, device::blockName);
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            timers.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // the registry is stopping and its outputs are closed: what they held goes with them
        }
    }

    // ---- outputs --------------------------------------------------------------------------------

    void register(Output output) {
        outputs.add(output);
        rebind(output, true);
    }

    void reconfigured(Output output) {
        rebind(output, true);
    }

    void unregister(Output output) {
        outputs.remove(output);
        output.close();
        synchronized (stateLog) {
            output.reportStopped();
        }
        names.release(output); // an output waiting for its name takes it over now
    }

    /**
     * Claims {@code name} for {@code output} (see {@link NameClaims}); empty when granted, otherwise the label of
     * the output that holds it. {@code takeOver} runs when the name is handed over after a wait.
     */
    Optional<String> claimName(String name, Output output, String label, Runnable takeOver) {
        return names.claim(name, output, label, takeOver);
    }

    /** The output's configuration is invalid: it holds no name, and waits for none. */
    void releaseName(Output output) {
        names.release(output);
    }

    private void rebind(Output output, boolean settingsChanged) {
        OutputSettings s = output.settings();
        DataSource source = null;
        MqttInterface target = null;
        if (s != null) {
            synchronized (this) {
                source = bestSource(s.source());
                target = interfaceNamed(s.interfaceName());
            }
        }
        output.bind(source, target, settingsChanged);
        // every change of an output's state comes through here (configuration, source or interface came or went)
        synchronized (stateLog) {
            output.reportState(statusOf(output)); // computed afresh, so the last line written is the current state
        }
    }

    private void rebindAll() {
        for (Output output : outputs) {
            rebind(output, false);
        }
    }

    private DataSource bestSource(String type) {
        TreeMap<ServiceReference<DataSource>, DataSource> ofType = sources.get(type);
        return ofType == null || ofType.isEmpty() ? null : ofType.lastEntry().getValue(); // highest ranking last
    }

    private MqttInterface interfaceNamed(String name) {
        for (Map.Entry<MqttInterface, String> entry : interfaces.entrySet()) {
            if (entry.getValue().equals(name)) {
                return entry.getKey();
            }
        }
        return null;
    }

    // ---- sources and interfaces -------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(ServiceReference<DataSource> reference, DataSource source) {
        String type = String.valueOf(reference.getProperty(DataSource.TYPE));
        synchronized (this) {
            sources.computeIfAbsent(type, t -> new TreeMap<>()).put(reference, source);
        }
        rebindAll();
    }

    void removeSource(ServiceReference<DataSource> reference, DataSource source) {
        // DS calls this while the source's service is unregistering, before the source's deactivate
        // closes its open events: the outputs bound to it keep listening for those closes
        for (Output output : outputs) {
            output.sourceDeparting(source);
        }
        synchronized (this) {
            sources.values().forEach(m -> m.remove(reference));
        }
        rebindAll();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addInterface(MqttInterface iface, Map<String, Object> properties) {
        synchronized (this) {
            interfaces.put(iface, String.valueOf(properties.get(MqttInterface.NAME)));
        }
        rebindAll();
    }

    void updatedInterface(MqttInterface iface, Map<String, Object> properties) {
        addInterface(iface, properties);
    }

    void removeInterface(MqttInterface iface) {
        synchronized (this) {
            interfaces.remove(iface);
        }
        rebindAll();
    }

    // ---- status ---------------------------------------------------------------------------------

    @Override
    public List<OutputStatus> outputs() {
        List<OutputStatus> all = new ArrayList<>();
        for (Output output : outputs) {
            all.add(statusOf(output));
        }
        all.sort(Comparator.comparing(OutputStatus::name));
        return all;
    }

    private OutputStatus statusOf(Output output) {
        OutputSettings s = output.settings();
        boolean sourcePresent;
        boolean interfacePresent;
        synchronized (this) {
            sourcePresent = s != null && bestSource(s.source()) != null;
            interfacePresent = s != null && interfaceNamed(s.interfaceName()) != null;
        }
        return output.status(sourcePresent, interfacePresent);
    }
}
