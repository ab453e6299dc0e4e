package io.flowmqtt.transport.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Metatype of one MQTT interface (factory PID {@code flow.mqtt.interface}). */
@ObjectClassDefinition(id = MqttInterfaceComponent.FACTORY_PID,
        name = "FLOW MQTT interface",
        description = "One connection to an MQTT broker (or a cluster of them) through which outputs publish.")
public @interface InterfaceConfig {
    String webconsole_configurationFactory_nameHint() default "{name} ({address})";

    @AttributeDefinition(name = "Name", required = false,
            description = "Unique name, used in logs, status and by outputs. Defaults to the configuration's "
                    + "factory instance name (plant1 for conf/flow.mqtt.interface-plant1.cfg). Letters, digits, "
                    + "space, '.', '_' and '-', at most 64.")
    String name() default "";

    @AttributeDefinition(name = "Enabled", description = "Off: no connection, publishes are rejected.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Address",
            description = "mqtt://host:port, tcp://host:port, ws://host:port[/path], unix:///path/to.sock, "
                    + "wss://host:port[/path], mqtts://host:port or ssl://host:port. Default ports 1883 / 8883 / 80 / "
                    + "443. Several addresses separated by commas are the nodes of a cluster, tried in order.")
    String address() default "mqtt://localhost:1883";

    @AttributeDefinition(name = "QoS", description = "Default quality of service of published messages.",
            options = {@Option(label = "0 (at most once)", value = "0"), @Option(label = "1 (at least once)", value = "1"),
                    @Option(label = "2 (exactly once)", value = "2")})
    int qos() default 1;

    @AttributeDefinition(name = "Username", required = false, description = "Optional user name.")
    String username() default "";

    @AttributeDefinition(name = "Password", required = false, type = AttributeType.PASSWORD,
            description = "Optional password. Never logged or shown.")
    String password() default "";

    @AttributeDefinition(name = "Use client certificate", description = "Authenticate with a client certificate (mutual TLS).")
    boolean useClientCertificate() default false;

    @AttributeDefinition(name = "Client certificate", required = false,
            description = "PEM certificate chain (file path or inline), or a PKCS#12 file (.p12/.pfx) holding certificate and key.")
    String clientCertificate() default "";

    @AttributeDefinition(name = "Client key", required = false,
            description = "PEM private key (file path or inline): PKCS#1, PKCS#8, EC, or encrypted. Not needed with PKCS#12.")
    String clientKey() default "";

    @AttributeDefinition(name = "Client key password", required = false, type = AttributeType.PASSWORD,
            description = "Password of an encrypted key or of the PKCS#12 file.")
    String clientKeyPassword() default "";

    @AttributeDefinition(name = "Use CA certificate",
            description = "Trust only the given CA certificate(s) instead of the JVM's trust store.")
    boolean useCaCertificate() default false;

    @AttributeDefinition(name = "CA certificate", required = false,
            description = "One or more PEM certificates, file path or inline.")
    String caCertificate() default "";

    @AttributeDefinition(name = "Verify server certificate",
            description = "Off accepts any server certificate (and says so in the log at every connect).")
    boolean verifyServerCertificate() default true;

    @AttributeDefinition(name = "Disable hostname verification",
            description = "On still verifies the certificate chain, only not the host name (brokers reached by IP).")
    boolean disableHostnameVerification() default false;

    @AttributeDefinition(name = "Topic prefix", required = false,
            description = "Prepended to every topic; the device ID follows: <topicPrefix>/<deviceId>/... . "
                    + "Levels separated by '/', none empty, no '+', '#' or control characters.")
    String topicPrefix() default "flow";

    @AttributeDefinition(name = "Device ID type", description = "Which device ID follows the prefix.",
            options = {@Option(label = "Block name (flow.device)", value = "BLOCK_NAME"), @Option(label = "Custom", value = "CUSTOM")})
    String deviceIdType() default "BLOCK_NAME";

    @AttributeDefinition(name = "Custom device ID", required = false, description = "Required with deviceIdType=CUSTOM; one topic level.")
    String customDeviceId() default "";

    @AttributeDefinition(name = "Show logs",
            description = "Keep the full communication log (every publish and delivery); off keeps only state changes and errors.")
    boolean showLogs() default false;

    @AttributeDefinition(name = "Timestamp format", description = "How payload timestamps are written.",
            options = {@Option(label = "Epoch milliseconds", value = "EPOCH_MILLIS"), @Option(label = "ISO-8601 UTC", value = "ISO_8601")})
    String timestampFormat() default "EPOCH_MILLIS";

    @AttributeDefinition(name = "Client ID", required = false,
            description = "MQTT client id. Default: flow-<deviceId>-<name>, stable across restarts.")
    String clientId() default "";

    @AttributeDefinition(name = "Keep-alive (s)", description = "MQTT keep-alive interval in seconds, 0 to disable.", min = "0", max = "65535")
    int keepAliveSeconds() default 30;

    @AttributeDefinition(name = "Connect timeout (s)", description = "Bound on one connect attempt, up to CONNACK.", min = "1")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Delivery timeout (s)", description = "While messages are in flight and none of them "
            + "completes for this long, the client is taken for stuck: it is discarded and the messages are sent again "
            + "from the queue over a new connection.", min = "5", max = "3600")
    int deliveryTimeoutSeconds() default 60;

    @AttributeDefinition(name = "Clean session", description = "Ask the broker for a clean session on every connect.")
    boolean cleanSession() default true;

    @AttributeDefinition(name = "Reconnect delay min (ms)", description = "First retry delay; doubles per failed round, with jitter.", min = "10")
    long reconnectMinMillis() default 1000;

    // 15 s, not 60: with equal jitter a delay at the cap is between half of it and all of it, so after a broker
    // came back the interface waited up to a minute (47 s in DrainBenchmark after a 60 s outage) while its queue grew
    @AttributeDefinition(name = "Reconnect delay max (ms)", description = "Upper bound of the retry delay: once the broker is back, "
            + "the interface reconnects within this time.", min = "10")
    long reconnectMaxMillis() default 15000;

    @AttributeDefinition(name = "Queue capacity (messages)", description = "Undelivered messages kept; beyond it the drop policy applies.", min = "1", max = "10000000")
    int queueMaxMessages() default 100000;

    @AttributeDefinition(name = "Queue capacity (bytes)", description = "Undelivered payload bytes kept; beyond it the drop policy applies.", min = "1024", max = "1073741824")
    long queueMaxBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(name = "Drop policy", description = "Which message goes when the queue is full.",
            options = {@Option(label = "Drop the oldest queued message", value = "OLDEST"), @Option(label = "Drop the new message", value = "NEWEST")})
    String dropPolicy() default "OLDEST";

    @AttributeDefinition(name = "Messages in flight", description = "Unacknowledged messages on the wire at once.", min = "1", max = "65535")
    int maxInflight() default 64;

    @AttributeDefinition(name = "Max payload (bytes)", description = "Larger messages are refused with a clear error.", min = "1")
    int maxPayloadBytes() default 256 * 1024;

    @AttributeDefinition(name = "Communication log size", description = "Lines kept in the communication log.", min = "10")
    int logSize() default 1000;
}
