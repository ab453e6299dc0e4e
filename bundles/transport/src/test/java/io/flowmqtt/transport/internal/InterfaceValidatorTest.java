package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.flowmqtt.api.ConfigurationValidator.Problem;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class InterfaceValidatorTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private final InterfaceValidator validator = new InterfaceValidator(() -> "block-1");

    private List<Problem> validate(Object... keyValues) {
        return validator.validate(Configs.map(keyValues));
    }

    private static List<String> properties(List<Problem> problems) {
        return problems.stream().map(Problem::property).toList();
    }

    @Test
    public void aUsableConfigurationHasNoProblems() {
        assertEquals(List.of(), validate("name", "plant1", "address", "mqtt://broker:1883", "qos", "2", "keepAliveSeconds", "30",
                "cleanSession", "false"));
        assertEquals(List.of(), validate("service.pid", "flow.mqtt.interface~plant1"));
    }

    @Test
    public void everyBadPropertyIsNamedWithTheInterfacesOwnMessage() throws Exception {
        List<Problem> problems = validate("name", "plant1", "address", "foo://x", "qos", "7", "maxInflight", 0);
        assertEquals(List.of("address", "qos", "maxInflight"), properties(problems));
        try {
            InterfaceSettings.from(Configs.of("address", "foo://x"), "plant1", "block-1");
            fail();
        } catch (InvalidSettingException e) {
            assertEquals(e.reason(), problems.get(0).message()); // what the status detail would say
        }
        assertEquals("must be 0, 1 or 2, was 7", problems.get(1).message());
    }

    @Test
    public void unreadableAndUnknownValuesAreProblemsToo() {
        List<Problem> problems = validate("name", "plant1", "qos", "two", "verifyServerCertificate", "yes", "adress", "mqtt://x");
        assertEquals(List.of("adress", "qos", "verifyServerCertificate"), properties(problems));
        assertEquals("'two' is not a whole number", problems.get(1).message());
    }

    @Test
    public void aMissingCaCertificateDoesNotHideTheProblemsAfterIt() {
        List<Problem> problems = validate("name", "plant1", "useCaCertificate", true, "logSize", 1);
        assertEquals(List.of("caCertificate", "logSize"), properties(problems));
        problems = validate("name", "plant1", "deviceIdType", "CUSTOM", "queueMaxBytes", 10);
        assertEquals(List.of("customDeviceId", "queueMaxBytes"), properties(problems));
        problems = validate("name", "plant1", "useClientCertificate", "true", "clientCertificate", "/no/such/file.pem", "logSize", 1);
        assertEquals(List.of("clientCertificate", "logSize"), properties(problems));
        assertTrue(problems.get(0).message(), problems.get(0).message().contains("/no/such/file.pem does not exist"));
    }

    @Test
    public void markupInANameIsRefusedAndQuotedAsText() {
        List<Problem> problems = validate("name", "<img src=x onerror=alert(1)>");
        assertEquals(List.of("name"), properties(problems));
        assertTrue(problems.get(0).message().startsWith("'<img src=x onerror=alert(1)>' is not usable"));
    }

    @Test
    public void aPasswordIsNeverQuoted() {
        List<Problem> problems = validate("name", "plant1", "password", "s3cret-Pa55", "address", "mqtt://user:s3cret-Pa55@host");
        assertEquals(List.of("address"), properties(problems));
        assertTrue(problems.stream().noneMatch(p -> p.message().contains("s3cret-Pa55")));
    }
}
