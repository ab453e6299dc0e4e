package io.flowmqtt.outputs.internal;

import io.flowmqtt.api.TopicRules;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An output's configuration, validated once. */
record OutputSettings(String name, boolean enabled, String interfaceName, String source, SubjectSelection widgets,
                      Policy policy, int qos, boolean retain, Duration interval, String topicBase,
                      long minUpdateIntervalMillis) {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_.\\- ]{1,64}");
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9_\\-]{1,64}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

    /** The name {@code minUpdateInterval} had before it took a unit like {@code interval}; still read. */
    static final String DEPRECATED_MIN_UPDATE_MILLIS = "minUpdateIntervalMillis";

    static OutputSettings from(OutputConfig config, String fallbackName) throws InvalidOutputException {
        return from(config, fallbackName, Map.of());
    }

    /** @param raw the configuration's properties as they are, for {@value #DEPRECATED_MIN_UPDATE_MILLIS} */
    static OutputSettings from(OutputConfig config, String fallbackName, Map<String, ?> raw) throws InvalidOutputException {
        String configuredName = read("name", config::name);
        String name = configuredName == null || configuredName.isBlank() ? fallbackName : configuredName.strip();
        if (name == null || !NAME.matcher(name).matches() || !name.strip().equals(name)) {
            throw new InvalidOutputException("name", "'" + name + "' is not usable: 1 to 64 letters, digits, space, '.', '_' or '-'");
        }
        String configuredInterface = read("interface", config::interface$);
        String interfaceName = configuredInterface == null ? "" : configuredInterface.strip();
        if (interfaceName.isEmpty()) {
            throw new InvalidOutputException("interface", "is required: the name of an MQTT interface");
        }
        String configuredSource = read("source", config::source);
        String source = configuredSource == null ? "" : configuredSource.strip().toLowerCase(Locale.ROOT);
        if (!SOURCE.matcher(source).matches()) {
            throw new InvalidOutputException("source", "'" + configuredSource
                    + "' is not a source type (widgets, system, network, processing, or a plugin's type)");
        }
        boolean enabled = read("enabled", config::enabled);
        SubjectSelection widgets = SubjectSelection.parse(read("widgets", config::widgets), source.equals("widgets"));
        Policy policy = Policy.parse(read("policy", config::policy));
        int qos = read("qos", config::qos);
        if (qos < -1 || qos > 2) {
            throw new InvalidOutputException("qos", "must be 0, 1, 2, or -1 for the interface's QoS; was " + qos);
        }
        boolean retain = read("retain", config::retain);
        Duration interval = parseInterval(read("interval", config::interval));
        String configuredTopic = read("topic", config::topic);
        String topic = configuredTopic == null ? "" : configuredTopic.strip();
        if (!topic.isEmpty()) {
            String problem = TopicRules.pathProblem(topic);
            if (problem != null) {
                throw new InvalidOutputException("topic", "'" + topic + "' " + problem);
            }
        }
        String base = topic.isEmpty() ? source : topic;
        if (base.equals("status") || base.startsWith("status/")) {
            throw new InvalidOutputException(topic.isEmpty() ? "source" : "topic",
                    "the topic level 'status' is reserved for the interface's availability and outage reports");
        }
        long minUpdateIntervalMillis = minUpdateMillis(read("minUpdateInterval", config::minUpdateInterval),
                raw.get(DEPRECATED_MIN_UPDATE_MILLIS));
        return new OutputSettings(name, enabled, interfaceName, source, widgets, policy, qos,
                retain, interval, base, minUpdateIntervalMillis);
    }

    /**
     * One property's value. Declarative Services converts a configuration value only when its
     * accessor is called and throws there when it cannot ({@code qos = two}): that becomes an
     * invalid configuration naming the property, not an exception out of the component.
     */
    private static <T> T read(String property, Supplier<T> accessor) throws InvalidOutputException {
        try {
            return accessor.get();
        } catch (RuntimeException e) {
            throw new InvalidOutputException(property, "cannot be read: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    static Duration parseInterval(String text) throws InvalidOutputException {
        Duration interval = parseDuration("interval", text);
        if (interval.toMillis() < 100) {
            throw new InvalidOutputException("interval", "must be at least 100 ms, was " + text);
        }
        return interval;
    }

    /**
     * {@code minUpdateInterval} (a duration like {@code interval}), or the deprecated {@code minUpdateIntervalMillis}
     * (a number of milliseconds) when only that one is given.
     */
    private static long minUpdateMillis(String text, Object deprecatedMillis) throws InvalidOutputException {
        boolean given = text != null && !text.isBlank() && !text.strip().equals("0");
        if (deprecatedMillis == null) {
            return text == null || text.isBlank() ? 0 : parseDuration("minUpdateInterval", text).toMillis();
        }
        if (given) {
            throw new InvalidOutputException(DEPRECATED_MIN_UPDATE_MILLIS, "is the old name of minUpdateInterval; give only minUpdateInterval");
        }
        long millis;
        try {
            millis = deprecatedMillis instanceof Number n ? n.longValue() : Long.parseLong(deprecatedMillis.toString().strip());
        } catch (NumberFormatException e) {
            throw new InvalidOutputException(DEPRECATED_MIN_UPDATE_MILLIS, "'" + deprecatedMillis + "' is not a number of milliseconds");
        }
        if (millis < 0) {
            throw new InvalidOutputException(DEPRECATED_MIN_UPDATE_MILLIS, "must not be negative");
        }
        return millis;
    }

    /** {@code 60} (seconds), {@code 60s}, {@code 500ms}, {@code 5m} or {@code 1h}. */
    private static Duration parseDuration(String property, String text) throws InvalidOutputException {
        Matcher m = DURATION.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidOutputException(property, "'" + text + "' is not a duration like 60, 60s, 500ms, 5m or 1h");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** The sub-topic of an event with this subject: {@code <topicBase>[/<subject>]}. */
    String subTopic(String subject) {
        return TopicRules.join(topicBase, subject);
    }
}
