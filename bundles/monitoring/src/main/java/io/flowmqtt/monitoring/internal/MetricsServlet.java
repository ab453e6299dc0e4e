package io.flowmqtt.monitoring.internal;

import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.OutputStatus;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the Prometheus text format 0.0.4, written by the official writer. Who may read it is
 * decided before this servlet is called ({@link MonitoringContext}).
 */
final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Supplier<List<InterfaceStatus>> interfaces;
    private final transient Supplier<List<OutputStatus>> outputs;
    private final transient LongSupplier clock;
    private final transient PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    MetricsServlet(Supplier<List<InterfaceStatus>> interfaces, Supplier<List<OutputStatus>> outputs, LongSupplier clock) {
        this.interfaces = interfaces;
        this.outputs = outputs;
        this.clock = clock;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = render();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(PrometheusTextFormatWriter.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Rendered to memory first, so that a status that cannot be read answers 500 as a whole instead of a
     * truncated page that a scraper would take for the truth.
     */
    byte[] render() throws IOException {
        MetricSnapshots snapshots = FlowMetrics.snapshot(interfaces.get(), outputs.get(), clock.getAsLong());
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        // every name here is a classic one ([a-zA-Z_:][a-zA-Z0-9_:]*): no scheme changes it, and 0.0.4 scrapers read it
        writer.write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
        return out.toByteArray();
    }
}
