package io.flowmqtt.transport.internal;

import static org.junit.Assert.assertTrue;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/** A refused login says what to check; Mosquitto 2 answers a wrong password with 5, other brokers with 4. */
public class ErrorTextTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void badUserNameOrPasswordSaysToCheckThem() {
        String text = ErrorText.describe(new MqttException(MqttException.REASON_CODE_FAILED_AUTHENTICATION));
        assertTrue(text, text.contains("CONNACK return code 4 (bad user name or password)"));
        assertTrue(text, text.contains("check the interface's username and password"));
    }

    @Test
    public void notAuthorizedSaysToCheckThemAndTheAcl() {
        String text = ErrorText.describe(new MqttException(MqttException.REASON_CODE_NOT_AUTHORIZED));
        assertTrue(text, text.contains("CONNACK return code 5 (not authorized)"));
        assertTrue(text, text.contains("check the interface's username and password"));
        assertTrue(text, text.contains("ACL"));
    }
}
