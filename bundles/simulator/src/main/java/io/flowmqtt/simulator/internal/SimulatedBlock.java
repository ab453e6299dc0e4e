package io.flowmqtt.simulator.internal;

import io.flowmqtt.api.processing.ProcessingUnit;
import io.flowmqtt.api.processing.RunState;
import io.flowmqtt.api.processing.UnitState;
import io.flowmqtt.api.spi.OrderlyScheduler;
import io.flowmqtt.api.widgets.WidgetEventReport;
import io.flowmqtt.api.widgets.WidgetReporter;
import io.flowmqtt.api.widgets.WidgetSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated FLOW block: some analytics in one cube, each reporting traffic widgets through the
 * {@link WidgetReporter} and registering a {@link ProcessingUnit}. Runs only when configured
 * ({@code flow.simulator}), so a real device never publishes simulated data by accident.
 */
@Component(configurationPid = SimulatedBlock.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = SimulatedBlock.Config.class)
public final class SimulatedBlock {
    static final String PID = "flow.simulator";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedBlock.class);
    private static final Duration STOP_BOUND = Duration.ofSeconds(5);

    @ObjectClassDefinition(id = PID, name = "FLOW simulated block",
            description = "Produces believable, seeded traffic for the demo and the tests.")
    public @interface Config {
        @AttributeDefinition(name = "Seed", description = "Same seed, same traffic.")
        long seed() default 42;

        @AttributeDefinition(name = "Cube", description = "Cube id of the simulated analytics.", min = "0")
        int cube() default 1;

        @AttributeDefinition(name = "Analytics", description = "How many analytics (camera views).", min = "1", max = "64")
        int analytics() default 2;

        @AttributeDefinition(name = "Tick (ms)", description = "How often the analytics report.", min = "10")
        long tickMillis() default 1000;

        @AttributeDefinition(name = "Time block (s)", description = "Length of the counting time blocks.", min = "1")
        int timeBlockSeconds() default 60;
    }

    private final WidgetReporter reporter;
    private final List<Traffic> analytics = new ArrayList<>();
    private final List<ServiceRegistration<ProcessingUnit>> units = new ArrayList<>();
    /** Reports on this thread: each tick ends in the interfaces' publish, so it is stopped, never interrupted. */
    private final OrderlyScheduler ticker;
    private final long tickMillis;
    private final long startedAt = System.currentTimeMillis();

    @Activate
    public SimulatedBlock(BundleContext context, Config config, @Reference WidgetReporter reporter) {
        this.reporter = reporter;
        this.tickMillis = config.tickMillis();
        for (int a = 0; a < config.analytics(); a++) {
            Traffic traffic = new Traffic(config.cube(), a, config.seed(), config.timeBlockSeconds() * 1000L);
            analytics.add(traffic);
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("flow.unit.id", config.cube() + "/" + a);
            units.add(context.registerService(ProcessingUnit.class, () -> state(traffic, config.cube()), props));
        }
        ticker = new OrderlyScheduler("flow-simulator");
        ticker.scheduleAtFixedRate(this::tick, 0, tickMillis, TimeUnit.MILLISECONDS);
        LOG.info("Simulated FLOW block started: {} analytics in cube {}, seed {}", config.analytics(), config.cube(), config.seed());
    }

    private UnitState state(Traffic traffic, int cube) {
        synchronized (traffic) {
            double seconds = Math.max(0.001, (System.currentTimeMillis() - startedAt) / 1000.0);
            return new UnitState(cube + "/" + traffic.counts.analyticId(), traffic.counts.widgetName().replace(" vehicle count", ""),
                    RunState.RUNNING, Math.round(traffic.framesProcessed / seconds * 10) / 10.0, traffic.framesProcessed,
                    traffic.framesDropped, null);
        }
    }

    private void tick() {
        long now = System.currentTimeMillis();
        try {
            for (Traffic traffic : analytics) {
                List<Object> reports;
                synchronized (traffic) {
                    reports = traffic.tick(now, tickMillis);
                }
                for (Object report : reports) {
                    if (report instanceof WidgetSnapshot snapshot) {
                        reporter.report(snapshot);
                    } else if (report instanceof WidgetEventReport event) {
                        reporter.report(event);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Simulator tick failed", e); // keep ticking: a scheduled task that throws stops for good
        }
    }

    /**
     * Lets the tick that is running finish (it may be writing into an interface's queue, which an
     * interrupt would close), drops the next ones, and only then takes the processing units away.
     */
    @Deactivate
    void deactivate() {
        ticker.stop(STOP_BOUND);
        for (ServiceRegistration<ProcessingUnit> unit : units) {
            try {
                unit.unregister();
            } catch (IllegalStateException alreadyGone) {
                // framework stopping
            }
        }
    }
}
