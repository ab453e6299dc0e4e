package io.flowmqtt.transport.internal;

import io.flowmqtt.api.status.ConnectionCheck.Step;
import io.flowmqtt.api.status.ConnectionCheck;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The staged "test connection": DNS, TCP (or the unix socket), TLS, CONNACK, PUBACK, each timed
 * and explained, stopping at the first failure. Uses its own short-lived client (another client id,
 * no last will), so the running connection and the device's availability are not disturbed.
 */
final class ConnectionTester {
    private ConnectionTester() {
    }

    static List<ConnectionCheck> test(InterfaceSettings settings) {
        List<ConnectionCheck> checks = new ArrayList<>();
        for (BrokerAddress address : settings.connection().addresses()) {
            checks.add(check(settings, address));
        }
        return checks;
    }

    static Step step(String name, boolean ok, long millis, String detail) {
        return Step.builder().name(name).ok(ok).millis(millis).detail(detail).build();
    }

    private interface Action {
        String run() throws Exception;
    }

    private static final class Steps {
        final List<Step> done = new ArrayList<>();

        /** Runs a step; false if it failed (and the test stops there). */
        boolean run(String name, Action action) {
            long start = System.nanoTime();
            try {
                String detail = action.run();
                done.add(step(name, true, (System.nanoTime() - start) / 1_000_000, detail));
                return true;
            } catch (Exception e) {
                done.add(step(name, false, (System.nanoTime() - start) / 1_000_000, ErrorText.describe(e)));
                return false;
            }
        }
    }

    static ConnectionCheck check(InterfaceSettings settings, BrokerAddress address) {
        int timeout = settings.connection().connectTimeoutSeconds() * 1000;
        Steps steps = new Steps();
        boolean reachable;
        if (address.isUnix()) {
            reachable = steps.run("socket", () -> {
                try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    channel.connect(UnixDomainSocketAddress.of(address.path()));
                }
                return "unix socket " + address.path() + " accepts connections";
            });
        } else {
            InetAddress[][] resolved = new InetAddress[1][];
            reachable = steps.run("dns", () -> {
                resolved[0] = InetAddress.getAllByName(address.host());
                return address.host() + " is " + Arrays.stream(resolved[0]).map(InetAddress::getHostAddress)
                        .collect(Collectors.joining(", "));
            }) && steps.run("tcp", () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(resolved[0][0], address.port()), timeout);
                    return "connected to " + resolved[0][0].getHostAddress() + ":" + address.port();
                }
            }) && (!address.isSecure() || steps.run("tls", () -> handshake(settings, address, resolved[0][0], timeout)));
        }
        if (reachable) {
            mqtt(settings, address, timeout, steps);
        }
        return ConnectionCheck.builder().address(address.display()).steps(steps.done).build();
    }

    private static String handshake(InterfaceSettings settings, BrokerAddress address, InetAddress ip, int timeout) throws Exception {
        TlsMaterial tls = settings.tls();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(ip, address.port()), timeout);
            plain.setSoTimeout(timeout);
            try (SSLSocket socket = (SSLSocket) tls.socketFactory().createSocket(plain, address.host(), address.port(), false)) {
                if (tls.hostnameVerification()) {
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    socket.setSSLParameters(parameters);
                }
                socket.startHandshake();
                X509Certificate server = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                return socket.getSession().getProtocol() + ", server certificate " + server.getSubjectX500Principal().getName()
                        + " valid until " + Instant.ofEpochMilli(server.getNotAfter().getTime())
                        + (tls.trustAll() ? " (NOT verified: verifyServerCertificate=false)"
                        : tls.hostnameVerification() ? ", chain and host name verified" : ", chain verified, host name not checked");
            }
        }
    }

    private static void mqtt(InterfaceSettings settings, BrokerAddress address, int timeout, Steps steps) {
        ConnectionSettings connection = settings.connection();
        String clientId = connection.clientId() + "-test-" + UUID.randomUUID().toString().substring(0, 8);
        MqttAsyncClient client = null;
        try {
            client = new MqttAsyncClient(address.pahoUri(), clientId, new MemoryPersistence());
            MqttAsyncClient c = client;
            if (steps.run("connack", () -> {
                c.connect(PahoClients.optionsWithoutWill(connection, address, settings.tls())).waitForCompletion(timeout);
                return "CONNACK accepted for client id " + clientId
                        + (connection.username().isEmpty() ? "" : " and user " + connection.username());
            })) {
                if (steps.run("puback", () -> {
                    byte[] probe = ("{\"test\":true,\"client_id\":\"" + clientId + "\",\"at\":" + System.currentTimeMillis() + "}")
                            .getBytes(StandardCharsets.UTF_8);
                    c.publish(connection.statusTopic() + "/test", probe, 1, false).waitForCompletion(timeout);
                    return "PUBACK for a QoS 1 message to " + connection.statusTopic() + "/test"
                            + " (MQTT 3.1.1 acknowledges a publish the broker's ACL denies, too)";
                })) {
                    steps.run("qos", () -> {
                        String topic = connection.statusTopic() + "/test";
                        IMqttToken subscribed = c.subscribe(topic, 2);
                        subscribed.waitForCompletion(timeout);
                        int granted = subscribed.getGrantedQos() == null ? BrokerQos.REFUSED : subscribed.getGrantedQos()[0];
                        try {
                            c.unsubscribe(topic).waitForCompletion(timeout);
                        } catch (Exception e) {
                            // the answer is in; the test client is discarded anyway
                        }
                        if (granted == BrokerQos.REFUSED) {
                            throw new IllegalStateException("the broker refused a QoS 2 subscription to " + topic
                                    + ", so the QoS it supports is not known (check its ACL)");
                        }
                        return BrokerQos.describe(granted, settings.qos(), null);
                    });
                }
            }
        } catch (Exception e) {
            steps.done.add(step("connack", false, 0, ErrorText.describe(e)));
        } finally {
            if (client != null && client.isConnected()) {
                try {
                    client.disconnect(200).waitForCompletion(1000);
                } catch (Exception e) {
                    // discarded below either way
                }
            }
            PahoClients.discard(client);
        }
    }
}
