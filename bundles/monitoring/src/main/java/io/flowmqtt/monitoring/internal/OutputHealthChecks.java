package io.flowmqtt.monitoring.internal;

import io.flowmqtt.api.OutputRegistry;
import io.flowmqtt.api.spi.OrderlyScheduler;
import io.flowmqtt.api.status.OutputStatus;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.felix.hc.api.HealthCheck;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One health check service per configured output. Outputs are not services (the {@link OutputRegistry} lists
 * them), so the list is read every {@value #SCAN_MILLIS} ms and the checks follow it; a check itself reads the
 * output's status from the registry when it runs, so its result is never older than the run.
 */
@Component(service = {}, immediate = true)
public final class OutputHealthChecks {
    static final long SCAN_MILLIS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(OutputHealthChecks.class);

    private final OutputRegistry registry;
    private final HealthRegistrations<String> checks;
    private final OrderlyScheduler scanner = new OrderlyScheduler("flow-monitoring-outputs");
    private volatile boolean failing;

    @Activate
    public OutputHealthChecks(BundleContext context, @Reference OutputRegistry registry) {
        this.registry = registry;
        this.checks = new HealthRegistrations<>(context);
        scanner.scheduleWithFixedDelay(this::scan, 0, SCAN_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        scanner.stop(Duration.ofSeconds(5));
        checks.clear();
    }

    private void scan() {
        try {
            List<OutputStatus> outputs = registry.outputs();
            Set<String> names = new HashSet<>();
            for (OutputStatus output : outputs) {
                String name = output.name();
                if (names.add(name)) {
                    checks.put(name, () -> check(name), CheckProperties.forOutput(name, output.interfaceName()));
                }
            }
            checks.retain(names);
            if (failing) {
                failing = false;
                LOG.info("Monitoring: the outputs are read again");
            }
        } catch (RuntimeException e) {
            // caught, or the scheduler would never run the scan again; logged once per series
            if (!failing) {
                failing = true;
                LOG.warn("Monitoring: cannot read the outputs for their health checks; trying every {} ms", SCAN_MILLIS, e);
            }
        }
    }

    private HealthCheck check(String name) {
        return () -> OutputHealth.of(name, find(name));
    }

    private OutputStatus find(String name) {
        return registry.outputs().stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
    }
}
