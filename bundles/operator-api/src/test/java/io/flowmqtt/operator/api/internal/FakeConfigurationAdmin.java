package io.flowmqtt.operator.api.internal;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** An in-memory Config Admin with what the API uses: factory configurations by name, listing by filter, update, delete. */
final class FakeConfigurationAdmin {
    /** PID to properties (with service.pid and service.factoryPid, as Config Admin returns them). */
    final Map<String, Hashtable<String, Object>> stored = new LinkedHashMap<>();

    ConfigurationAdmin admin() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ConfigurationAdmin.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getFactoryConfiguration" -> configuration(args[0] + "~" + args[1], (String) args[0]);
                    case "listConfigurations" -> list((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Configuration[] list(String filterText) throws Exception {
        Filter filter = FrameworkUtil.createFilter(filterText);
        List<Configuration> found = stored.entrySet().stream().filter(e -> filter.matches(e.getValue()))
                .map(e -> configuration(e.getKey(), (String) e.getValue().get(ConfigurationAdmin.SERVICE_FACTORYPID))).toList();
        return found.isEmpty() ? null : found.toArray(new Configuration[0]);
    }

    private Configuration configuration(String pid, String factoryPid) {
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getPid" -> pid;
                    case "getFactoryPid" -> factoryPid;
                    case "getProperties" -> stored.containsKey(pid) ? new Hashtable<>(stored.get(pid)) : null;
                    case "update" -> {
                        @SuppressWarnings("unchecked")
                        Dictionary<String, Object> dict = (Dictionary<String, Object>) args[0];
                        Hashtable<String, Object> copy = new Hashtable<>();
                        for (String key : java.util.Collections.list(dict.keys())) {
                            copy.put(key, dict.get(key));
                        }
                        copy.put("service.pid", pid);
                        copy.put(ConfigurationAdmin.SERVICE_FACTORYPID, factoryPid);
                        stored.put(pid, copy);
                        yield null;
                    }
                    case "delete" -> {
                        stored.remove(pid);
                        yield null;
                    }
                    case "hashCode" -> pid.hashCode();
                    case "equals" -> proxy == args[0];
                    case "toString" -> "Configuration " + pid;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
