package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class SecretReferencesTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void resolvedValuesAndOtherDollarsPass() throws Exception {
        SecretReferences.requireResolved(Map.of("password", "s3cret", "address", "mqtt://h:1883", "qos", 1,
                "topicPrefix", "a$[b", "clientId", "$[unknown:x]"));
    }

    @Test
    public void anUnresolvedSecretNamesThePropertyTheFileAndNoValue() {
        InvalidSettingException e = refused(Map.of("address", "mqtt://h:1883", "password", "$[secret:plant1-password]"));
        assertEquals("password", e.property());
        assertTrue(e.reason(), e.reason().startsWith("$[secret:plant1-password] was not replaced: no readable file 'plant1-password'"));
    }

    @Test
    public void anUnsetVariableWithDirectivesIsNamed() {
        InvalidSettingException e = refused(Map.of("clientKeyPassword", "x-$[env:KEY_PW;type=String]-y"));
        assertEquals("clientKeyPassword", e.property());
        assertTrue(e.reason(), e.reason().contains("$[env:KEY_PW;type=String] was not replaced: the runtime's process has no"
                + " environment variable KEY_PW"));
        assertFalse(e.reason().contains("x-"));
    }

    private static InvalidSettingException refused(Map<String, Object> properties) {
        try {
            SecretReferences.requireResolved(properties);
            fail("accepted " + properties);
            return null;
        } catch (InvalidSettingException e) {
            return e;
        }
    }
}
