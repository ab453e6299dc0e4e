package io.flowmqtt.transport.internal;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The only place that creates and discards Paho clients. Paho keeps nothing on disk here: the
 * interface's own journal is the store, and a client lives until the connection settings change.
 */
final class PahoClients {
    static final byte[] ONLINE = "online".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OFFLINE = "offline".getBytes(StandardCharsets.US_ASCII);

    private PahoClients() {
    }

    static MqttAsyncClient create(ConnectionSettings connection) throws MqttException {
        // The URI given here is only a default: every connect names its address in the options.
        return new MqttAsyncClient(connection.addresses().get(0).pahoUri(), connection.clientId(), new MemoryPersistence());
    }

    static MqttConnectOptions options(ConnectionSettings connection, BrokerAddress address, TlsMaterial tls) {
        MqttConnectOptions options = optionsWithoutWill(connection, address, tls);
        options.setWill(connection.statusTopic(), OFFLINE, 1, true);
        return options;
    }

    /** The same options without the last will: for a test client, whose death must not say "offline". */
    static MqttConnectOptions optionsWithoutWill(ConnectionSettings connection, BrokerAddress address, TlsMaterial tls) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setServerURIs(new String[] {address.pahoUri()});
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(connection.cleanSession());
        options.setKeepAliveInterval(connection.keepAliveSeconds());
        options.setConnectionTimeout(connection.connectTimeoutSeconds());
        options.setAutomaticReconnect(false); // we reconnect ourselves: Paho's delay is shared JVM-wide
        options.setMaxInflight(connection.maxInflight() + 8); // room for status, outage and owner messages beside the window
        if (!connection.username().isEmpty()) {
            options.setUserName(connection.username());
        }
        if (!connection.password().isEmpty()) {
            options.setPassword(connection.password().toCharArray());
        }
        if (address.isUnix()) {
            options.setSocketFactory(new UnixSocketFactory(address.path()));
        } else if (address.isSecure() && tls != null) {
            options.setSocketFactory(tls.socketFactory());
            options.setHttpsHostnameVerificationEnabled(tls.hostnameVerification());
        }
        return options;
    }

    /** Frees a client's threads and sockets whatever state it is in. */
    static void discard(MqttAsyncClient client) {
        if (client == null) {
            return;
        }
        client.setCallback(null);
        try {
            client.disconnectForcibly(0, 100, false);
        } catch (MqttException | RuntimeException e) {
            // not connected, or connecting: close(true) below still frees it
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            // nothing more can be done; the client is unreachable from now on
        }
    }
}
