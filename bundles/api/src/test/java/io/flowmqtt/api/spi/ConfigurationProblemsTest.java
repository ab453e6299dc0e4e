package io.flowmqtt.api.spi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.ConfigurationValidator.Problem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class ConfigurationProblemsTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    /** A component property type like the bundles' own, with a validation that stops at the first problem. */
    @interface Sample {
        String name() default "";

        String address() default "mqtt://localhost";

        int qos() default 1;

        boolean useCa() default false;

        String ca() default "";

        String interface$() default "";

        String webconsole_configurationFactory_nameHint() default "{name}";

        long max__size() default 10;
    }

    private static Problem firstProblem(Sample s) {
        if (!s.address().startsWith("mqtt://")) {
            return new Problem("address", "'" + s.address() + "' has an unknown scheme");
        }
        if (s.qos() < 0 || s.qos() > 2) {
            return new Problem("qos", "must be 0, 1 or 2, was " + s.qos());
        }
        if (s.useCa() && s.ca().isEmpty()) {
            return new Problem("ca", "is required when useCa=true");
        }
        if (s.useCa() && !s.ca().startsWith("/")) {
            return new Problem("ca", "is not a path");
        }
        if (s.name().equals("bad")) {
            return new Problem("name", "is bad");
        }
        return null;
    }

    private static List<Problem> collect(Map<String, ?> properties) {
        return ConfigurationProblems.collect(Sample.class, properties, ConfigurationProblemsTest::firstProblem,
                Map.of("ca", Map.of("useCa", false)));
    }

    @Test
    public void aUsableConfigurationHasNoProblems() {
        assertEquals(List.of(), collect(Map.of("address", "mqtt://b", "qos", "2", "service.pid", "sample~a",
                "felix.fileinstall.filename", "file:/x/sample-a.cfg")));
        assertEquals(List.of(), collect(Map.of()));
    }

    @Test
    public void everyBadPropertyIsNamedNotOnlyTheFirst() {
        List<Problem> problems = collect(Map.of("address", "foo://x", "qos", 7));
        assertEquals(List.of(new Problem("address", "'foo://x' has an unknown scheme"), new Problem("qos", "must be 0, 1 or 2, was 7")),
                problems);
    }

    @Test
    public void unreadableValuesAndUnknownKeysComeFirstAndTheRestIsStillChecked() {
        List<Problem> problems = collect(Map.of("qos", "two", "adress", "mqtt://b", "useCa", "yes", "address", "ws://x"));
        assertEquals(List.of(new Problem("adress", "is not a property of this configuration"),
                new Problem("qos", "'two' is not a whole number"), new Problem("useCa", "'yes' is not true or false"),
                new Problem("address", "'ws://x' has an unknown scheme")), problems);
    }

    @Test
    public void aPropertyWhoseDefaultFailsTooIsReportedOnceAndTheOneAskingForItIsPutBack() {
        // ca is bad, and its default "" fails as well while useCa=true: useCa=false stands in (not reported), and
        // the check goes on past ca to name
        List<Problem> problems = collect(Map.of("useCa", true, "ca", "relative", "qos", 9, "name", "bad"));
        assertEquals(List.of(new Problem("qos", "must be 0, 1 or 2, was 9"), new Problem("ca", "is not a path"),
                new Problem("name", "is bad")), problems);
    }

    @Test
    public void aValidationThatNeverPassesEndsAtTheBound() {
        int[] calls = {0};
        List<Problem> problems = ConfigurationProblems.collect(Sample.class, Map.of(), s -> {
            calls[0]++;
            return new Problem("p" + calls[0], "always wrong");
        }, Map.of());
        assertTrue(calls[0] <= 2 * AnnotationConfiguration.accessors(Sample.class).size() + 3);
        assertEquals(calls[0], problems.size());
    }

    @Test
    public void valuesAreReadTheWayDeclarativeServicesReadsThem() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("qos", " 2 ");
        properties.put("useCa", "TRUE");
        properties.put("interface", "plant1");
        properties.put("max_size", 12.0);
        properties.put("name", new String[] {"first", "second"});
        properties.put("address", null);
        Sample s = AnnotationConfiguration.of(Sample.class, properties);
        assertEquals(2, s.qos());
        assertTrue(s.useCa());
        assertEquals("plant1", s.interface$());
        assertEquals(12, s.max__size());
        assertEquals("first", s.name());
        assertEquals("mqtt://localhost", s.address());
        assertEquals("{name}", s.webconsole_configurationFactory_nameHint());
        assertEquals(Sample.class, s.annotationType());
    }

    @Test
    public void propertyNamesFollowTheDeclarativeServicesRules() {
        assertEquals("interface", AnnotationConfiguration.propertyName("interface$"));
        assertEquals("webconsole.configurationFactory.nameHint",
                AnnotationConfiguration.propertyName("webconsole_configurationFactory_nameHint"));
        assertEquals("max_size", AnnotationConfiguration.propertyName("max__size"));
        assertEquals("a-b", AnnotationConfiguration.propertyName("a$_$b"));
        assertEquals("a$b", AnnotationConfiguration.propertyName("a$$b"));
        assertTrue(AnnotationConfiguration.accessors(Sample.class).containsKey("webconsole.configurationFactory.nameHint"));
    }

    @Test
    public void problemsOfValuesNameNumbersAndBooleansButNeverAString() {
        assertEquals("'1.5' is not a whole number", AnnotationConfiguration.problem(1.5, int.class));
        assertEquals("'99999999999' is too large", AnnotationConfiguration.problem(99_999_999_999L, int.class));
        assertEquals(null, AnnotationConfiguration.problem("anything at all", String.class));
        assertEquals(null, AnnotationConfiguration.problem(7, long.class));
    }
}
