package io.flowmqtt.api.spi;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a configuration map through its component property type (the annotation interface a component
 * takes as its typed configuration) the way Declarative Services does: a property's name derives from its
 * method's name ({@code interface$} is {@code interface}, {@code a_b} is {@code a.b}), an absent or
 * {@code null} value takes the method's default, and strings are converted to numbers and booleans.
 *
 * <p>Lets a bundle run its own validation of an instance (what the component would do with these
 * properties) on a map that no component has received yet, such as a configuration an operator is about
 * to write. Unlike DS it refuses a value it cannot convert instead of guessing ({@code "yes"} for a
 * boolean): {@link #problem} says why, and the proxy throws {@link IllegalArgumentException} when such a
 * value is read.
 */
public final class AnnotationConfiguration {
    private AnnotationConfiguration() {
    }

    /** A proxy of {@code type} over {@code properties}; the map is copied. */
    public static <A> A of(Class<A> type, Map<String, ?> properties) {
        Map<String, Object> values = new LinkedHashMap<>(properties);
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "annotationType": return type;
                case "toString": return type.getSimpleName() + values.keySet(); // names only: values may be secrets
                case "hashCode": return System.identityHashCode(self);
                case "equals": return self == args[0];
                default: break;
            }
            Object value = values.get(propertyName(method.getName()));
            if (value == null) {
                return method.getDefaultValue();
            }
            String problem = problem(value, method.getReturnType());
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            return convert(scalar(value), method.getReturnType());
        });
        return type.cast(proxy);
    }

    /** The properties of the annotation {@code type}: property name to accessor. */
    public static Map<String, Method> accessors(Class<?> type) {
        Map<String, Method> accessors = new LinkedHashMap<>();
        for (Method method : type.getDeclaredMethods()) {
            if (method.getParameterCount() == 0 && !method.isSynthetic()) {
                accessors.put(propertyName(method.getName()), method);
            }
        }
        return Collections.unmodifiableMap(accessors);
    }

    /**
     * The property name of an accessor, by the rules of Declarative Services: {@code $_$} is {@code -},
     * {@code $$} is {@code $}, another {@code $} is left out, {@code __} is {@code _} and {@code _} is {@code .}.
     */
    public static String propertyName(String method) {
        StringBuilder name = new StringBuilder(method.length());
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c == '$') {
                if (method.startsWith("$_$", i)) {
                    name.append('-');
                    i += 2;
                } else if (method.startsWith("$$", i)) {
                    name.append('$');
                    i++;
                }
            } else if (c == '_') {
                if (method.startsWith("__", i)) {
                    name.append('_');
                    i++;
                } else {
                    name.append('.');
                }
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    /**
     * Why {@code value} cannot be read as {@code type} ({@code "'two' is not a whole number"}), or
     * {@code null} when it can. Names the value only for numbers and booleans, never for strings (which
     * may be secrets).
     */
    public static String problem(Object value, Class<?> type) {
        Object v = scalar(value);
        if (v == null || type == String.class || type.isInstance(v)) {
            return null;
        }
        try {
            convert(v, type);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static Object scalar(Object value) {
        if (value != null && value.getClass().isArray()) {
            return Array.getLength(value) == 0 ? null : Array.get(value, 0);
        }
        if (value instanceof Collection<?> collection) {
            return collection.isEmpty() ? null : collection.iterator().next();
        }
        return value;
    }

    private static Object convert(Object value, Class<?> type) {
        if (type == String.class) {
            return value.toString();
        }
        if (type == int.class || type == Integer.class) {
            long n = wholeNumber(value);
            if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("'" + value + "' is too large");
            }
            return (int) n;
        }
        if (type == long.class || type == Long.class) {
            return wholeNumber(value);
        }
        if (type == boolean.class || type == Boolean.class) {
            if (value instanceof Boolean b) {
                return b;
            }
            String text = value.toString().strip().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.valueOf(text);
            }
            throw new IllegalArgumentException("'" + value + "' is not true or false");
        }
        if (type.isInstance(value)) {
            return value;
        }
        throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " cannot be read as " + type.getSimpleName());
    }

    private static long wholeNumber(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                return (long) d;
            }
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
        String text = value.toString().strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }
}
