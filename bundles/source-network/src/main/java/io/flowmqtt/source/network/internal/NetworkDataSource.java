package io.flowmqtt.source.network.internal;

import com.google.gson.JsonObject;
import io.flowmqtt.api.DataSource;
import io.flowmqtt.api.EventSink;
import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.api.Subscription;
import io.flowmqtt.api.SubscriptionRequest;
import io.flowmqtt.api.spi.SampledDataSource;
import java.nio.file.Path;
import oshi.SystemInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Network diagnostics ({@code flow.source.type=network}): interfaces with addresses, state,
 * counters and rates, plus host name, default gateways and DNS servers. One run (event) per
 * subscription; rates are computed against the previous sample of the same run.
 */
@Component(service = DataSource.class, property = DataSource.TYPE + "=" + NetworkDataSource.TYPE)
public final class NetworkDataSource extends SampledDataSource {
    static final String TYPE = "network";
    private static final Logger LOG = LoggerFactory.getLogger(NetworkDataSource.class);

    private final NetworkSampler sampler;

    @Activate
    public NetworkDataSource() {
        this(new NetworkSampler(new SystemInfo(), Path.of("/proc/net")));
    }

    NetworkDataSource(NetworkSampler sampler) {
        super(TYPE);
        this.sampler = sampler;
    }

    @Override
    protected JsonObject sample() {
        return sampler.sample();
    }

    /**
     * Each subscription is one run with its own rate state. The base class calls the sink right
     * after the run's sample, on the run's thread, so the sink is where that state is applied.
     */
    @Override
    public Subscription subscribe(SubscriptionRequest request, EventSink sink) {
        RunRates rates = new RunRates();
        return super.subscribe(request, event -> sink.accept(withRates(event, rates)));
    }

    static FlowEvent withRates(FlowEvent event, RunRates rates) {
        try {
            JsonObject body = rates.apply(event.body(), event.timestamp());
            return FlowEvent.of(event.source(), event.id(), event.subject(), event.state(), event.revision(),
                    event.timestamp(), body);
        } catch (RuntimeException e) {
            // Never let rate bookkeeping stop a run: deliver the sample without rates.
            LOG.warn("Network diagnostics: cannot compute rates: {}", e.toString());
            return event;
        }
    }

    /** Closes open runs with a last sample, so subscribers see a {@code closed} event. */
    @Deactivate
    void deactivate() {
        shutdown();
    }
}
