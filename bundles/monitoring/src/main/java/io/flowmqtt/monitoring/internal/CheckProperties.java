package io.flowmqtt.monitoring.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.felix.hc.api.HealthCheck;
import org.osgi.framework.Constants;

/**
 * The service properties of one health check: {@code hc.name} and {@code hc.tags}. Every check here is tagged
 * {@value #TAG}, its kind and its names, so that {@code /system/health?tags=plant1} shows interface
 * {@code plant1} together with the outputs that publish through it.
 */
record CheckProperties(String name, List<String> tags) {
    static final String TAG = "flow";
    static final String INTERFACE_TAG = "mqtt-interface";
    static final String OUTPUT_TAG = "mqtt-output";

    CheckProperties {
        tags = List.copyOf(new LinkedHashSet<>(tags)); // an output named like its interface: one tag
    }

    static CheckProperties forInterface(String name) {
        return new CheckProperties("MQTT interface " + name, List.of(TAG, INTERFACE_TAG, name));
    }

    static CheckProperties forOutput(String name, String interfaceName) {
        return interfaceName == null || interfaceName.isBlank()
                ? new CheckProperties("MQTT output " + name, List.of(TAG, OUTPUT_TAG, name))
                : new CheckProperties("MQTT output " + name, List.of(TAG, OUTPUT_TAG, name, interfaceName));
    }

    Dictionary<String, Object> toDictionary() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(HealthCheck.NAME, name);
        properties.put(HealthCheck.TAGS, tags.toArray(new String[0]));
        properties.put(Constants.SERVICE_DESCRIPTION, "FLOW health check: " + name);
        return properties;
    }
}
