package io.flowmqtt.transport.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Makes {@link InterfaceConfig} instances the way DS does: map values where given, the annotation's defaults otherwise. */
final class Configs {
    private static final Set<String> PROPERTIES = Arrays.stream(InterfaceConfig.class.getDeclaredMethods())
            .map(Method::getName).collect(Collectors.toSet());

    private Configs() {
    }

    /** Key/value pairs, e.g. {@code map("address", "tcp://127.0.0.1:1234", "qos", 2)}. */
    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /** {@code base} with {@code more} on top. */
    static Map<String, Object> with(Map<String, Object> base, Object... more) {
        Map<String, Object> map = new LinkedHashMap<>(base);
        map.putAll(map(more));
        return map;
    }

    static InterfaceConfig of(Object... keyValues) {
        return of(map(keyValues));
    }

    static InterfaceConfig of(Map<String, ?> values) {
        for (String key : values.keySet()) {
            if (!PROPERTIES.contains(key)) {
                throw new IllegalArgumentException("InterfaceConfig has no property " + key);
            }
        }
        Map<String, Object> copy = new HashMap<>(values);
        return (InterfaceConfig) Proxy.newProxyInstance(InterfaceConfig.class.getClassLoader(),
                new Class<?>[] {InterfaceConfig.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "toString":
                            return "InterfaceConfig" + copy.keySet();
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        case "annotationType":
                            return InterfaceConfig.class;
                        default:
                            break;
                    }
                    if (copy.containsKey(method.getName())) {
                        return convert(copy.get(method.getName()), method.getReturnType());
                    }
                    return method.getDefaultValue();
                });
    }

    private static Object convert(Object value, Class<?> type) {
        if (value == null) {
            return null;
        }
        if (type == String.class) {
            return value.toString();
        }
        if (type == int.class) {
            return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().strip());
        }
        if (type == long.class) {
            return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().strip());
        }
        if (type == boolean.class) {
            return value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString().strip());
        }
        throw new IllegalArgumentException("cannot convert " + value + " to " + type);
    }
}
