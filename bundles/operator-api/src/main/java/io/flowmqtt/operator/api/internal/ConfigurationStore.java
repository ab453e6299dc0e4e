package io.flowmqtt.operator.api.internal;

import io.flowmqtt.api.internal.FactoryInstances;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The configurations of one factory PID in Config Admin, found by their name: the {@code name} property,
 * or the factory instance name when it is empty (as the components do). A configuration made here is the
 * factory configuration {@code <pid>~<name>} ({@code getFactoryConfiguration(pid, name, "?")}, as FileInstall
 * makes {@code conf/<pid>-<name>.cfg}), with its file written into FileInstall's folder first.
 */
final class ConfigurationStore {
    static final String FILENAME = "felix.fileinstall.filename";
    /** Keys Config Admin and FileInstall keep in a configuration: never shown, never written by an operator. */
    private static final Set<String> ADMINISTRATIVE = Set.of(Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID,
            ConfigurationAdmin.SERVICE_BUNDLELOCATION, FILENAME);

    /**
     * One configuration.
     *
     * @param pid        its PID ({@code flow.mqtt.interface~plant1})
     * @param instance   its factory instance name ({@code plant1})
     * @param name       its name, as the component sees it
     * @param properties its properties without the administrative keys
     * @param file       its {@code felix.fileinstall.filename}, or {@code null}
     */
    record Stored(String pid, String instance, String name, Map<String, Object> properties, String file) {
    }

    private final ConfigurationAdmin admin;
    private final String factoryPid;
    private final ConfFiles files;

    ConfigurationStore(ConfigurationAdmin admin, String factoryPid, ConfFiles files) {
        this.admin = admin;
        this.factoryPid = factoryPid;
        this.files = files;
    }

    String factoryPid() {
        return factoryPid;
    }

    /** Every configuration of the factory PID, sorted by name. */
    List<Stored> all() throws IOException {
        List<Stored> all = new ArrayList<>();
        for (Configuration c : list("(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + escape(factoryPid) + ")")) {
            Dictionary<String, Object> dict = c.getProperties();
            if (dict != null) {
                all.add(stored(c.getPid(), dict));
            }
        }
        all.sort(Comparator.comparing(Stored::name).thenComparing(Stored::pid));
        return all;
    }

    Optional<Stored> named(String name) throws IOException {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Makes a new configuration named {@code name}: the instance name is the name, or {@code <name>-2}, ...
     * when a configuration or file of that instance name exists already (a renamed one).
     */
    Stored create(String name, Map<String, String> values) throws IOException {
        String instance = name;
        for (int i = 2; exists(factoryPid + "~" + instance) || files.enabled() && files.file(factoryPid, instance).toFile().exists(); i++) {
            instance = name + "-" + i;
        }
        Hashtable<String, Object> dict = new Hashtable<>(values);
        if (files.enabled()) {
            try {
                dict.put(FILENAME, files.create(factoryPid, instance, values));
            } catch (IOException e) {
                throw new IOException("cannot write " + files.file(factoryPid, instance) + " (" + e + ")", e);
            }
        }
        Configuration c = admin.getFactoryConfiguration(factoryPid, instance, "?");
        c.update(dict);
        return stored(c.getPid(), dict);
    }

    /**
     * Replaces the properties, and the file FileInstall knows the configuration by (written first, as for a new
     * configuration: FileInstall then finds the configuration equal to the file and changes nothing).
     */
    Stored update(Stored existing, Map<String, String> values) throws IOException {
        Configuration c = configuration(existing.pid());
        Hashtable<String, Object> dict = new Hashtable<>(values);
        Dictionary<String, Object> current = c.getProperties();
        Object file = current == null ? null : current.get(FILENAME);
        if (file != null) {
            dict.put(FILENAME, file);
            try {
                files.replace(file, values);
            } catch (IOException e) {
                throw new IOException("cannot write " + file + " (" + e + ")", e);
            }
        }
        c.update(dict);
        return stored(c.getPid(), dict);
    }

    /** Deletes the configuration and its file (FileInstall deletes it too; whichever comes first). */
    void delete(Stored existing) throws IOException {
        configuration(existing.pid()).delete();
        files.delete(existing.file());
    }

    private Configuration configuration(String pid) throws IOException {
        List<Configuration> found = list("(" + Constants.SERVICE_PID + "=" + escape(pid) + ")");
        if (found.isEmpty()) {
            throw new IOException("the configuration " + pid + " was deleted meanwhile");
        }
        return found.get(0);
    }

    private boolean exists(String pid) throws IOException {
        return !list("(" + Constants.SERVICE_PID + "=" + escape(pid) + ")").isEmpty();
    }

    private List<Configuration> list(String filter) throws IOException {
        try {
            Configuration[] found = admin.listConfigurations(filter);
            return found == null ? List.of() : List.of(found);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("filter " + filter, e);
        }
    }

    private static Stored stored(String pid, Dictionary<String, Object> dict) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Enumeration<String> keys = dict.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            all.put(key, dict.get(key));
        }
        Map<String, Object> naming = new LinkedHashMap<>(all);
        naming.put(Constants.SERVICE_PID, pid);
        String instance = FactoryInstances.instanceName(naming);
        Object configured = all.get("name");
        String name = configured == null || configured.toString().isBlank() ? instance : configured.toString().strip();
        Object file = all.get(FILENAME);
        all.keySet().removeAll(ADMINISTRATIVE);
        return new Stored(pid, instance, name, Collections.unmodifiableMap(all), file == null ? null : file.toString());
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
    }
}
