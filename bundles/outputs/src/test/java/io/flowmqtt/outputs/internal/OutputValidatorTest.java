package io.flowmqtt.outputs.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import io.flowmqtt.api.ConfigurationValidator.Problem;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class OutputValidatorTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private final OutputValidator validator = new OutputValidator();

    private static List<String> properties(List<Problem> problems) {
        return problems.stream().map(Problem::property).toList();
    }

    @Test
    public void aUsableConfigurationHasNoProblems() {
        assertEquals(List.of(), validator.validate(Map.of("name", "counts", "interface", "plant1", "widgets", "3/0/*",
                "policy", "close", "qos", "1", "retain", "true", "interval", "30s", "minUpdateInterval", "2s")));
        assertEquals("the old name is still accepted", List.of(), validator.validate(Map.of("name", "counts",
                "interface", "plant1", "minUpdateIntervalMillis", "2000")));
        assertEquals(List.of("minUpdateInterval"), properties(validator.validate(Map.of("name", "counts",
                "interface", "plant1", "minUpdateInterval", "soon"))));
    }

    @Test
    public void everyBadPropertyIsNamedWithTheOutputsOwnMessage() throws Exception {
        List<Problem> problems = validator.validate(Map.of("name", "counts", "interface", "", "policy", "creat", "qos", 5,
                "interval", "5d", "topic", "a//b"));
        assertEquals(List.of("interface", "policy", "qos", "interval", "topic"), properties(problems));
        try {
            OutputSettings.from(Fakes.config("interface", "plant1", "policy", "creat"), "counts");
            fail();
        } catch (InvalidOutputException e) {
            assertEquals(e.reason(), problems.get(1).message()); // what the output's status detail would say
        }
    }

    @Test
    public void unreadableAndUnknownValuesAreProblemsToo() {
        List<Problem> problems = validator.validate(Map.of("name", "counts", "interface", "plant1", "qos", "high",
                "retained", "true"));
        assertEquals(List.of("qos", "retained"), properties(problems));
        assertEquals("'high' is not a whole number", problems.get(0).message());
    }
}
