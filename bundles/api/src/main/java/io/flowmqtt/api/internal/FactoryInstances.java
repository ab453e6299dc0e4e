package io.flowmqtt.api.internal;

import java.util.Map;

/**
 * The instance name of a factory configuration created by FileInstall, the web console or Config Admin clients.
 * Shared by the bundles that own factory PIDs (transport, outputs) and the operator API, which must agree on it.
 */
public final class FactoryInstances {
    private FactoryInstances() {
    }

    /**
     * The factory instance name of a configuration: {@code plant1} for the file
     * {@code flow.mqtt.interface-plant1.cfg} (FileInstall splits the file name at its first '-') or for
     * the PID {@code flow.mqtt.interface~plant1}; otherwise the last part of the generated PID.
     */
    public static String instanceName(Map<String, ?> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String f = file.toString();
            String base = f.substring(f.lastIndexOf('/') + 1);
            int dash = base.indexOf('-');
            int dot = base.lastIndexOf('.');
            if (dash >= 0 && dot > dash) {
                return base.substring(dash + 1, dot);
            }
        }
        String pid = String.valueOf(properties.get("service.pid"));
        int tilde = pid.indexOf('~');
        return tilde >= 0 ? pid.substring(tilde + 1) : pid.substring(pid.lastIndexOf('.') + 1);
    }
}
