package io.flowmqtt.operator.api.internal;

import io.flowmqtt.api.ConfigurationValidator;
import io.flowmqtt.api.ConfigurationValidator.Problem;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.felix.fileinstall.shaded.util.properties.TypedProperties;
import org.osgi.service.metatype.AttributeDefinition;

/** An interface-like metatype, a validator like the transport's, and FileInstall's own reader of {@code .cfg} files. */
final class Fixtures {
    private Fixtures() {
    }

    static PropertyTypes interfaceTypes() {
        Map<String, PropertyTypes.Attribute> a = new LinkedHashMap<>();
        add(a, "webconsole.configurationFactory.nameHint", AttributeDefinition.STRING, "{name}");
        add(a, "name", AttributeDefinition.STRING, null);
        add(a, "enabled", AttributeDefinition.BOOLEAN, "true");
        add(a, "address", AttributeDefinition.STRING, "mqtt://localhost:1883");
        add(a, "qos", AttributeDefinition.INTEGER, "1");
        add(a, "username", AttributeDefinition.STRING, null);
        add(a, "password", AttributeDefinition.PASSWORD, null);
        add(a, "clientCertificate", AttributeDefinition.STRING, null);
        add(a, "clientKey", AttributeDefinition.STRING, null);
        add(a, "clientKeyPassword", AttributeDefinition.PASSWORD, null);
        add(a, "queueMaxBytes", AttributeDefinition.LONG, "67108864");
        add(a, "topicPrefix", AttributeDefinition.STRING, "flow");
        return new PropertyTypes("flow.mqtt.interface", a);
    }

    private static void add(Map<String, PropertyTypes.Attribute> attributes, String id, int type, String defaultValue) {
        attributes.put(id, new PropertyTypes.Attribute(id, type, defaultValue));
    }

    /** Like the transport's: the scheme and the QoS; remembers what it was given. */
    static final class Validator implements ConfigurationValidator {
        final List<Map<String, Object>> seen = new ArrayList<>();

        @Override
        public List<Problem> validate(Map<String, Object> properties) {
            seen.add(new LinkedHashMap<>(properties));
            List<Problem> problems = new ArrayList<>();
            Object address = properties.getOrDefault("address", "mqtt://localhost:1883");
            if (!address.toString().startsWith("mqtt://")) {
                problems.add(new Problem("address", "'" + address + "' has an unknown scheme"));
            }
            Object qos = properties.getOrDefault("qos", "1");
            if (!List.of("0", "1", "2").contains(qos.toString())) {
                problems.add(new Problem("qos", "must be 0, 1 or 2, was " + qos));
            }
            return problems;
        }
    }

    /** A {@code .cfg} file as FileInstall reads it into a configuration. */
    static Map<String, Object> readAsFileInstall(Path file) throws IOException {
        TypedProperties properties = new TypedProperties();
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.ISO_8859_1)) {
            properties.load(reader);
        }
        return new LinkedHashMap<>(properties);
    }
}
