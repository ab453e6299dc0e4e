package io.flowmqtt.outputs.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of one output (factory PID {@code flow.mqtt.output}). */
@ObjectClassDefinition(id = OutputComponent.FACTORY_PID, name = "FLOW MQTT output",
        description = "What one MQTT interface publishes from one data source, and when.")
public @interface OutputConfig {
    String webconsole_configurationFactory_nameHint() default "{name}: {source} -> {interface}";

    @AttributeDefinition(name = "Name", required = false,
            description = "Unique name. Defaults to the factory instance name (counts for conf/flow.mqtt.output-counts.cfg).")
    String name() default "";

    @AttributeDefinition(name = "Enabled")
    boolean enabled() default true;

    @AttributeDefinition(name = "Interface", description = "The name of the MQTT interface to publish through.")
    String interface$() default "";

    @AttributeDefinition(name = "Source",
            description = "Data-source type: widgets, system, network, processing, or a plugin's own type.")
    String source() default "widgets";

    @AttributeDefinition(name = "Widgets", required = false,
            description = "Which widgets, comma-separated: * for all; cube/analytic/widget with * for any level "
                    + "(3/0/*); a bare widget id (12) for that widget in any analytic.")
    String widgets() default "*";

    @AttributeDefinition(name = "Sending policy",
            description = "When to publish, any non-empty subset of create, update, close (comma-separated).")
    String policy() default "create,update,close";

    @AttributeDefinition(name = "QoS override", description = "0, 1 or 2; -1 uses the interface's QoS.", min = "-1", max = "2")
    int qos() default -1;

    @AttributeDefinition(name = "Retain", description = "Publish retained, so that new subscribers get the last message.")
    boolean retain() default false;

    @AttributeDefinition(name = "Interval",
            description = "Sampling interval of diagnostics sources: seconds, or a number with ms, s, m or h.")
    String interval() default "60s";

    @AttributeDefinition(name = "Topic override", required = false,
            description = "Replaces the source part of the topic below <prefix>/<deviceId>/ (the widget path still follows).")
    String topic() default "";

    @AttributeDefinition(name = "Minimum update interval", required = false,
            description = "At most one update per event within this time; the newest wins. Creates and closes are never "
                    + "held back. Seconds, or a number with ms, s, m or h, like the interval; 0: off. "
                    + "(Formerly minUpdateIntervalMillis, a number of milliseconds: still read, with a warning.)")
    String minUpdateInterval() default "0";
}
