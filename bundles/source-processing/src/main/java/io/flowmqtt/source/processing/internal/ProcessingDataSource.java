package io.flowmqtt.source.processing.internal;

import com.google.gson.JsonObject;
import io.flowmqtt.api.DataSource;
import io.flowmqtt.api.DeviceIdentity;
import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.processing.ProcessingUnit;
import io.flowmqtt.api.processing.UnitState;
import io.flowmqtt.api.spi.PartReader;
import io.flowmqtt.api.spi.SampledDataSource;
import io.flowmqtt.api.status.InterfaceStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Block processing diagnostics ({@code flow.source.type=processing}): uptime, memory and threads
 * of the block process, the state of every {@link ProcessingUnit} and of every
 * {@link MqttInterface}. Units and interfaces come and go without disturbing open runs. The device
 * identity is static: renaming the block closes the runs and starts new ones under the new name.
 */
@Component(service = DataSource.class, property = DataSource.TYPE + "=" + ProcessingDataSource.TYPE)
public final class ProcessingDataSource extends SampledDataSource {
    static final String TYPE = "processing";
    private static final Logger LOG = LoggerFactory.getLogger(ProcessingDataSource.class);

    private final DeviceIdentity identity;
    private final Supplier<ProcessFigures> process;
    private final LongSupplier clock;
    private final Map<Long, ProcessingUnit> units = new ConcurrentHashMap<>();
    private final Map<Long, MqttInterface> interfaces = new ConcurrentHashMap<>();
    private final PartReader parts = new PartReader((part, cause) -> {
        if (cause != null) {
            LOG.warn("Processing diagnostics: {} failed to report, leaving it out: {}", part, cause.toString());
        }
    });

    @Activate
    public ProcessingDataSource(@Reference(name = "identity") DeviceIdentity identity) {
        this(identity, jvmFigures(), System::currentTimeMillis);
    }

    ProcessingDataSource(DeviceIdentity identity, Supplier<ProcessFigures> process, LongSupplier clock) {
        super(TYPE, clock);
        this.identity = identity;
        this.process = process;
        this.clock = clock;
    }

    private static Supplier<ProcessFigures> jvmFigures() {
        ResidentSetSize rss = new ResidentSetSize(Path.of("/proc/self/status"));
        return () -> ProcessFigures.ofThisJvm(rss);
    }

    @Reference(name = "units", service = ProcessingUnit.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeUnit")
    void addUnit(ProcessingUnit unit, Map<String, Object> properties) {
        units.put(serviceId(properties), unit);
    }

    void removeUnit(ProcessingUnit unit, Map<String, Object> properties) {
        units.remove(serviceId(properties), unit);
    }

    @Reference(name = "interfaces", service = MqttInterface.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeInterface")
    void addInterface(MqttInterface mqttInterface, Map<String, Object> properties) {
        interfaces.put(serviceId(properties), mqttInterface);
    }

    void removeInterface(MqttInterface mqttInterface, Map<String, Object> properties) {
        interfaces.remove(serviceId(properties), mqttInterface);
    }

    @Override
    protected JsonObject sample() {
        List<UnitState> unitStates = new ArrayList<>();
        units.forEach((serviceId, unit) -> {
            UnitState state = parts.read("processing unit (service.id " + serviceId + ")", unit::state);
            if (state != null) {
                unitStates.add(state);
            }
        });
        List<InterfaceStatus> statuses = new ArrayList<>();
        interfaces.forEach((serviceId, mqttInterface) -> {
            InterfaceStatus status = parts.read("MQTT interface (service.id " + serviceId + ")", mqttInterface::status);
            if (status != null) {
                statuses.add(status);
            }
        });
        return ProcessingBody.build(identity.blockName(), clock.getAsLong(), process.get(), unitStates, statuses);
    }

    /** Closes open runs with a last sample, so subscribers see a {@code closed} event. */
    @Deactivate
    void deactivate() {
        shutdown();
    }

    /** Asks one service; one that fails is left out of this sample (logged once per service). */

    private static long serviceId(Map<String, Object> properties) {
        Object id = properties.get(Constants.SERVICE_ID);
        if (!(id instanceof Long)) {
            throw new IllegalArgumentException("service without " + Constants.SERVICE_ID);
        }
        return (Long) id;
    }
}
