package io.flowmqtt.operator.api.internal;

import io.flowmqtt.api.OutputRegistry;
import io.flowmqtt.api.status.OutputState;
import io.flowmqtt.api.status.OutputStatus;
import io.flowmqtt.operator.api.internal.ConfigurationStore.Stored;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.service.cm.ConfigurationAdmin;

/** Puts the configuration resources together: what is the same for both kinds, and where each finds its status. */
final class Wiring {
    private Wiring() {
    }

    static Resource interfaces(ConfigurationAdmin admin, ConfFiles files, Metatypes metatypes, Services services) {
        Kind kind = Kind.INTERFACES;
        ConfigurationStore store = new ConfigurationStore(admin, kind.factoryPid(), files);
        Supplier<Optional<PropertyTypes>> types = () -> metatypes.of(kind.factoryPid());
        ConfigView view = new ConfigView(kind, s -> services.interfaceOf(s.pid(), s.name()).map(i -> StatusJson.of(i.status())));
        InterfaceActions actions = new InterfaceActions(services::interfaceOf);
        return new ConfigResource(kind, "interfaces", store, view,
                new ConfigWrites(kind, store, types, services::validator, files.enabled()), types,
                Map.of("log", actions::log, "test", actions::test));
    }

    static Resource outputs(ConfigurationAdmin admin, ConfFiles files, Metatypes metatypes, Services services) {
        Kind kind = Kind.OUTPUTS;
        ConfigurationStore store = new ConfigurationStore(admin, kind.factoryPid(), files);
        Supplier<Optional<PropertyTypes>> types = () -> metatypes.of(kind.factoryPid());
        ConfigView view = new ConfigView(kind, s -> services.outputRegistry().map(OutputRegistry::outputs)
                .flatMap(all -> statusOf(all, s)).map(StatusJson::of));
        return new ConfigResource(kind, "outputs", store, view,
                new ConfigWrites(kind, store, types, services::validator, files.enabled()), types, Map.of());
    }

    /**
     * The registry knows outputs by name: a valid one by its configured name, an invalid one by its instance
     * name. A valid output of that name comes first, so that an invalid duplicate does not hide it.
     */
    static Optional<OutputStatus> statusOf(List<OutputStatus> all, Stored stored) {
        return all.stream().filter(o -> o.name().equals(stored.name()) || o.name().equals(stored.instance()))
                .min(Comparator.comparingInt((OutputStatus o) -> o.name().equals(stored.name()) ? 0 : 1)
                        .thenComparingInt(o -> o.state() == OutputState.INVALID_CONFIGURATION ? 1 : 0));
    }
}
