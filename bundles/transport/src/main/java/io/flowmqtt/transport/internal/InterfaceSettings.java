package io.flowmqtt.transport.internal;

import io.flowmqtt.api.TimestampFormat;
import io.flowmqtt.api.TopicRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An interface's configuration, validated once into an immutable value. {@link #from} throws an
 * {@link InvalidSettingException} naming the first unusable property.
 */
public record InterfaceSettings(String name, boolean enabled, ConnectionSettings connection, String deviceId, int qos,
                                boolean showLogs, int logSize, TimestampFormat timestampFormat, QueueLimits queue,
                                int maxPayloadBytes, long reconnectMinMillis, long reconnectMaxMillis, int deliveryTimeoutSeconds,
                                TlsMaterial tls) {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_.\\- ]{1,64}");

    /**
     * @param config       the configuration
     * @param fallbackName the name to use when {@code name} is empty (the factory instance name)
     * @param blockName    the device's block name (flow.device)
     */
    public static InterfaceSettings from(InterfaceConfig config, String fallbackName, String blockName)
            throws InvalidSettingException {
        String name = config.name().isBlank() ? fallbackName : config.name().strip();
        if (name == null || !NAME.matcher(name).matches() || name.startsWith(".") || !name.strip().equals(name)) {
            throw new InvalidSettingException("name", "'" + name + "' is not usable: 1 to 64 letters, digits, space, "
                    + "'.', '_' or '-', not starting with '.' or a space");
        }
        List<BrokerAddress> addresses = BrokerAddress.parseList(config.address());
        if (config.qos() < 0 || config.qos() > 2) {
            throw new InvalidSettingException("qos", "must be 0, 1 or 2, was " + config.qos());
        }
        String deviceId = deviceId(config, blockName);
        String prefix = config.topicPrefix() == null ? "" : config.topicPrefix();
        if (!prefix.isEmpty()) {
            String problem = TopicRules.pathProblem(prefix);
            if (problem != null) {
                throw new InvalidSettingException("topicPrefix", "'" + prefix + "' " + problem);
            }
        }
        String topicRoot = TopicRules.join(prefix, deviceId);
        if (topicRoot.startsWith("$")) {
            throw new InvalidSettingException(prefix.isEmpty() ? "deviceIdType" : "topicPrefix",
                    "topics must not start with '$' (reserved for the broker)");
        }
        String clientId = config.clientId().isBlank() ? "flow-" + deviceId + "-" + name : config.clientId().strip();
        if (clientId.length() > 65535 || clientId.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidSettingException("clientId", "must be printable and at most 65535 characters");
        }
        boolean anySecure = addresses.stream().anyMatch(BrokerAddress::isSecure);
        TlsOptions tlsOptions = new TlsOptions(config.useClientCertificate(), nz(config.clientCertificate()),
                nz(config.clientKey()), nz(config.clientKeyPassword()), config.useCaCertificate(),
                nz(config.caCertificate()), config.verifyServerCertificate(), config.disableHostnameVerification());
        if (config.useCaCertificate() && tlsOptions.caCertificate().isBlank()) {
            throw new InvalidSettingException("caCertificate", "is required when useCaCertificate=true");
        }
        TlsMaterial tls = anySecure || config.useClientCertificate() || config.useCaCertificate()
                ? TlsFactory.build(tlsOptions) : null;
        requireRange("keepAliveSeconds", config.keepAliveSeconds(), 0, 65535);
        requireRange("connectTimeoutSeconds", config.connectTimeoutSeconds(), 1, 3600);
        requireRange("deliveryTimeoutSeconds", config.deliveryTimeoutSeconds(), 5, 3600);
        requireRange("maxInflight", config.maxInflight(), 1, 65535);
        requireRange("queueMaxMessages", config.queueMaxMessages(), 1, QueueLimits.MAX_MESSAGES);
        requireRange("logSize", config.logSize(), 10, 1_000_000);
        requireRange("maxPayloadBytes", config.maxPayloadBytes(), 1, 256 * 1024 * 1024);
        requireRange("queueMaxBytes", config.queueMaxBytes(), 1024, QueueLimits.MAX_BYTES);
        if (config.reconnectMinMillis() < 10) {
            throw new InvalidSettingException("reconnectMinMillis", "must be at least 10, was " + config.reconnectMinMillis());
        }
        if (config.reconnectMaxMillis() < config.reconnectMinMillis()) {
            throw new InvalidSettingException("reconnectMaxMillis", "must not be below reconnectMinMillis");
        }
        ConnectionSettings connection = new ConnectionSettings(addresses, clientId, nz(config.username()),
                nz(config.password()), tlsOptions, topicRoot, config.keepAliveSeconds(), config.connectTimeoutSeconds(),
                config.cleanSession(), config.maxInflight());
        QueueLimits queue = new QueueLimits(config.queueMaxMessages(), config.queueMaxBytes(),
                parseEnum(QueueLimits.DropPolicy.class, "dropPolicy", config.dropPolicy()));
        return new InterfaceSettings(name, config.enabled(), connection, deviceId, config.qos(), config.showLogs(),
                config.logSize(), parseEnum(TimestampFormat.class, "timestampFormat", config.timestampFormat()), queue,
                config.maxPayloadBytes(), config.reconnectMinMillis(), config.reconnectMaxMillis(),
                config.deliveryTimeoutSeconds(), tls);
    }

    private static String deviceId(InterfaceConfig config, String blockName) throws InvalidSettingException {
        String type = config.deviceIdType() == null ? "" : config.deviceIdType().strip().toUpperCase(Locale.ROOT);
        switch (type) {
            case "BLOCK_NAME" -> {
                String problem = TopicRules.levelProblem(blockName);
                if (problem != null) {
                    throw new InvalidSettingException("deviceIdType", "the block name '" + blockName
                            + "' (flow.device blockName) " + problem + "; fix it or use deviceIdType=CUSTOM");
                }
                return blockName;
            }
            case "CUSTOM" -> {
                String id = nz(config.customDeviceId());
                if (id.isEmpty()) {
                    throw new InvalidSettingException("customDeviceId", "is required when deviceIdType=CUSTOM");
                }
                String problem = TopicRules.levelProblem(id);
                if (problem != null) {
                    throw new InvalidSettingException("customDeviceId", "'" + id + "' " + problem);
                }
                return id;
            }
            default -> throw new InvalidSettingException("deviceIdType", "'" + config.deviceIdType()
                    + "' is not BLOCK_NAME or CUSTOM");
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String property, String value) throws InvalidSettingException {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name());
            }
            throw new InvalidSettingException(property, "'" + value + "' is not one of " + allowed);
        }
    }

    private static void requireRange(String property, long value, long min, long max) throws InvalidSettingException {
        if (value < min || value > max) {
            throw new InvalidSettingException(property, "must be between " + min + " and " + max + ", was " + value);
        }
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    /** Characters of the topic root that common brokers refuse, one sentence each (see {@link TopicWarnings}). */
    public List<String> topicWarnings() {
        return TopicWarnings.of(connection.topicRoot());
    }

    /**
     * What is valid but likely to hurt, one sentence each: topics that common brokers refuse
     * ({@link TopicWarnings}), a queue that cannot fit in the heap ({@link HeapRoom}).
     */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>(topicWarnings());
        HeapRoom.check(queue, Runtime.getRuntime().maxMemory()).ifPresent(warnings::add);
        return List.copyOf(warnings);
    }

    @Override
    public String toString() {
        return "InterfaceSettings[name=" + name + ", enabled=" + enabled + ", connection=" + connection + ", qos=" + qos + "]";
    }
}
