package io.flowmqtt.transport.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds references that Config Admin's interpolation plugin left in a delivered configuration. The plugin
 * replaces {@code $[secret:name]} by the content of the file {@code name} in its secrets folder and
 * {@code $[env:NAME]} by an environment variable; one it cannot resolve stays as it is. Sent to the broker
 * as the password, it would come back as "not authorized", which points at the wrong thing.
 *
 * <p>Only the interface's own path checks this, not {@link InterfaceValidator}: a management client
 * validates the stored configuration, which holds the reference by design.
 */
final class SecretReferences {
    /** The plugin's syntax: {@code $[type:name]} or {@code $[type:name;directive=value...]}. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\[(secret|env|prop):([^;\\]]*)[^\\]]*\\]");

    private SecretReferences() {
    }

    /** Throws for the first property (by name) whose value still holds a reference. */
    static void requireResolved(Map<String, Object> properties) throws InvalidSettingException {
        for (Map.Entry<String, Object> entry : new TreeMap<>(properties).entrySet()) {
            if (entry.getValue() instanceof String value) {
                Matcher reference = REFERENCE.matcher(value);
                if (reference.find()) {
                    throw new InvalidSettingException(entry.getKey(), reason(reference));
                }
            }
        }
    }

    private static String reason(Matcher reference) {
        String name = reference.group(2);
        String missing = switch (reference.group(1)) {
            case "secret" -> "no readable file '" + name + "' in the secrets folder (secrets/ of the runtime)";
            case "env" -> "the runtime's process has no environment variable " + name;
            default -> "no framework or system property " + name;
        };
        return reference.group() + " was not replaced: " + missing
                + " (or Config Admin's interpolation plugin is not running)";
    }
}
