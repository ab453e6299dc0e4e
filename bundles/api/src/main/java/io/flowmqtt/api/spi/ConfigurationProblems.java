package io.flowmqtt.api.spi;

import io.flowmqtt.api.ConfigurationValidator.Problem;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Finds every bad property of a configuration with a validation that stops at the first one (as a
 * component's does: it needs one reason to refuse a configuration, an operator's form needs all of them).
 * After each problem the property is put back to its default and the validation runs again, until it
 * passes or a bound is reached. A property whose default fails too is required (an output's
 * {@code interface}) or asked for by another one (a CA certificate that {@code useCaCertificate=true} asks
 * for): its stand-ins then take the place of the values, only to check the rest ({@code interface=x}, or
 * {@code useCaCertificate=false}), and are never reported.
 */
public final class ConfigurationProblems {
    /** Keys that Config Admin, FileInstall or DS add to a configuration: not properties of the component. */
    private static final Set<String> ADMINISTRATIVE = Set.of("service.pid", "service.factoryPid", "service.bundleLocation",
            "felix.fileinstall.filename", "component.name", "component.id");

    private ConfigurationProblems() {
    }

    /**
     * @param type       the component property type the properties are read through
     * @param properties the configuration; values may be strings (as from a {@code .cfg} file)
     * @param check      the component's own validation: the first problem, or {@code null} when it passes
     * @param standIns   for a property whose default fails too, values that let the check go on past it
     *                   ({@code caCertificate} to {@code useCaCertificate=false})
     * @return one problem per bad property, in the order found: unknown and unreadable values first
     */
    public static <A> List<Problem> collect(Class<A> type, Map<String, ?> properties, Function<A, Problem> check,
                                            Map<String, Map<String, Object>> standIns) {
        Map<String, Method> accessors = AnnotationConfiguration.accessors(type);
        Map<String, Object> values = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (String key : new TreeSet<>(properties.keySet())) {
            Object value = properties.get(key);
            if (ADMINISTRATIVE.contains(key) || key.startsWith(".")) {
                values.put(key, value);
            } else if (!accessors.containsKey(key)) {
                problems.add(new Problem(key, "is not a property of this configuration"));
            } else {
                String unreadable = AnnotationConfiguration.problem(value, accessors.get(key).getReturnType());
                if (unreadable != null) {
                    problems.add(new Problem(key, unreadable));
                } else {
                    values.put(key, value);
                }
            }
        }
        Set<String> reported = new LinkedHashSet<>();
        problems.forEach(p -> reported.add(p.property()));
        Set<String> stoodIn = new HashSet<>();
        for (int round = 0; round <= 2 * accessors.size() + 2; round++) {
            Problem problem = check.apply(AnnotationConfiguration.of(type, values));
            if (problem == null) {
                break;
            }
            if (reported.add(problem.property())) {
                problems.add(problem);
                values.remove(problem.property());
            } else if (standIns.containsKey(problem.property()) && stoodIn.add(problem.property())) {
                values.putAll(standIns.get(problem.property()));
            } else {
                break; // no way past this one: the rest cannot be checked
            }
        }
        return List.copyOf(problems);
    }
}
