package io.flowmqtt.demo;

import io.flowmqtt.operator.api.PasswordTool;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * The demo's operator page: the runtime's HTTP server on a free port (8181 may be taken on this machine),
 * written into the demo copy's {@code etc/config.properties}, and a login with a fresh random password whose
 * hash goes into {@code conf/flow.operator.cfg}. The page's address is then the real one, and the demo checks
 * that it answers.
 */
final class DemoOperator {
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    static final String USERNAME = "admin";

    final int port;
    final String password;

    private DemoOperator(int port, String password) {
        this.port = port;
        this.password = password;
    }

    /** Picks the port and the password and writes both into the demo runtime at {@code home}. */
    static DemoOperator configure(Path home) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        Path properties = home.resolve("etc/config.properties");
        String text = Files.readString(properties, StandardCharsets.ISO_8859_1);
        String changed = text.replaceAll("(?m)^org\\.osgi\\.service\\.http\\.port=.*$", "org.osgi.service.http.port=" + port);
        if (changed.equals(text)) {
            throw new IOException("no org.osgi.service.http.port line in " + properties);
        }
        Files.writeString(properties, changed, StandardCharsets.ISO_8859_1);

        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        Files.writeString(home.resolve("conf/flow.operator.cfg"), "# The demo's operator login (a fresh password at every start).\n"
                + "username = " + USERNAME + "\n" + PasswordTool.configurationLine(password.toString().toCharArray()) + "\n",
                StandardCharsets.ISO_8859_1);
        return new DemoOperator(port, password.toString());
    }

    String pageUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** Whether the operator API answers (401 without a session) within {@code timeout}. */
    boolean awaitAnswer(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(pageUrl() + "api/v1/session")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 401) {
                    return true;
                }
            } catch (ConnectException notYet) {
                // the runtime is still starting
            } catch (IOException e) {
                // a half-started server: try again
            }
            Thread.sleep(250);
        }
        return false;
    }
}
