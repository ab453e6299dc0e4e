package io.flowmqtt.webhook.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Metatype of the webhook input (singleton PID {@code flow.webhook}). */
@ObjectClassDefinition(id = WebhookComponent.PID, name = "FLOW webhook input",
        description = "Accepts FLOW webhook POSTs over HTTP and reports the widgets they carry to the widgets source, "
                + "so that a FLOW block's webhook feeds the MQTT outputs. Off unless this configuration exists. The "
                + "HTTP port and bind address are the HTTP service's (org.osgi.service.http.port, org.apache.felix.http.host).")
public @interface WebhookConfig {
    @AttributeDefinition(name = "Enabled", description = "Off: requests are answered with 503.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Path",
            description = "The URL path the webhook is POSTed to, like /flow/webhook: starts with '/', no '*', '?', '#', "
                    + "spaces or empty segments.")
    String path() default "/flow/webhook";

    @AttributeDefinition(name = "Token", type = AttributeType.PASSWORD,
            description = "Shared secret, 16 to 1024 characters without spaces. Every request must carry it as "
                    + "'Authorization: Bearer <token>' or as the query parameter ?token=<token>. Never logged or shown.")
    String token();

    @AttributeDefinition(name = "Maximum body size",
            description = "Largest accepted body in bytes (1024 to 16777216); larger bodies are refused with 413 "
                    + "without reading past the limit.")
    int maxBodyBytes() default WebhookSettings.DEFAULT_MAX_BODY_BYTES;

    @AttributeDefinition(name = "Default widget type", required = false,
            description = "The widget type of a body without widget_type. Empty: widget_type is required.",
            options = {@Option(label = "(none: widget_type is required)", value = ""), @Option(label = "Value", value = "value"),
                    @Option(label = "Statistical value", value = "statistical_value"),
                    @Option(label = "Distribution", value = "distribution"), @Option(label = "Events", value = "events")})
    String defaultWidgetType() default "";
}
