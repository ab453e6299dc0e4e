package io.flowmqtt.monitoring.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of the monitoring (singleton PID {@code flow.monitoring}; optional). */
@ObjectClassDefinition(id = MonitoringSettings.PID, name = "FLOW monitoring",
        description = "Health checks per MQTT interface and output, and the Prometheus endpoint /metrics. Both answer a "
                + "logged-in operator (the operator API's session cookie) or a scraper that sends the metrics token.")
public @interface MonitoringConfig {
    @AttributeDefinition(name = "Metrics token hash", type = AttributeType.PASSWORD, required = false,
            description = "sha256:<64 hex digits>, the SHA-256 of the token a scraper sends as 'Authorization: Bearer "
                    + "<token>'. Make the token with 'openssl rand -hex 32'. Empty: only a logged-in operator.")
    String metricsTokenHash() default "";

    @AttributeDefinition(name = "Certificate warning (days)", min = "0", max = "3650",
            description = "An interface's health check warns when one of its certificates expires within this many days "
                    + "(0 to 3650; 0: only an expired certificate counts).")
    int certificateWarningDays() default 30;
}
