package io.flowmqtt.source.system.internal;

import com.google.gson.JsonObject;
import io.flowmqtt.api.DataSource;
import io.flowmqtt.api.spi.SampledDataSource;
import oshi.SystemInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * System diagnostics ({@code flow.source.type=system}): host, OS, CPU, memory, swap, disks,
 * temperatures and JVM heap, with FLOW's low-memory and low-storage levels. One run (event) per
 * subscription, sampled on the subscriber's interval.
 *
 * <p>Immediate, so that the CPU usage meter starts counting at bundle start and the first sample a
 * subscriber gets already carries a usage figure.
 */
@Component(service = DataSource.class, property = DataSource.TYPE + "=" + SystemDataSource.TYPE, immediate = true)
public final class SystemDataSource extends SampledDataSource {
    static final String TYPE = "system";

    private final SystemSampler sampler;

    @Activate
    public SystemDataSource() {
        this(new SystemSampler(new SystemInfo()));
    }

    SystemDataSource(SystemSampler sampler) {
        super(TYPE);
        this.sampler = sampler;
    }

    @Override
    protected JsonObject sample() {
        return sampler.sample();
    }

    /** Closes open runs with a last sample, so subscribers see a {@code closed} event. */
    @Deactivate
    void deactivate() {
        shutdown();
    }
}
