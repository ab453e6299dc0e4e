package io.flowmqtt.transport.internal;

import java.util.List;

/**
 * Everything that goes into the MQTT connection. A change of any of it means a new client; any
 * other change (QoS, queue limits, logging) is applied to the running connection.
 */
public record ConnectionSettings(List<BrokerAddress> addresses, String clientId, String username, String password,
                                 TlsOptions tls, String topicRoot, int keepAliveSeconds, int connectTimeoutSeconds,
                                 boolean cleanSession, int maxInflight) {

    public String statusTopic() {
        return topicRoot + "/status";
    }

    @Override
    public String toString() {
        return "ConnectionSettings[addresses=" + addresses + ", clientId=" + clientId + ", username="
                + (username.isEmpty() ? "(none)" : username) + ", password=" + (password.isEmpty() ? "(none)" : "***")
                + ", tls=" + tls + ", topicRoot=" + topicRoot + "]";
    }
}
