package io.flowmqtt.itests;

import io.flowmqtt.testing.mosquitto.Mosquitto;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A copy of the assembled runtime (runtime-config/target/runtime) started as a real process on a
 * free HTTP port, with an operator login configured, and a plain HTTP client for the operator API,
 * for what a test checks beside the browser (status codes, response bodies).
 */
final class OperatorRuntime implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** One HTTP answer. */
    record Answer(int status, String body, HttpResponse<String> response) {
    }

    /** A logged-in API session: the cookie and the CSRF token. */
    record Session(String cookie, String csrfToken) {
    }

    private final Path home;
    private final int port;
    private Process process;

    private OperatorRuntime(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** Copies the runtime to {@code home}, moves its HTTP server to a free port and writes {@code conf} files into conf/. */
    static OperatorRuntime create(Path home, Map<String, String> conf) throws IOException {
        RuntimeProcessIT.copyTree(Path.of(System.getProperty("flow.runtime.dir")), home);
        int port = Mosquitto.freePort();
        // framework properties win over system properties, so the port is changed in the copy's own file
        Path properties = home.resolve("etc/config.properties");
        String text = Files.readString(properties);
        if (!text.contains("org.osgi.service.http.port=8181")) {
            throw new IllegalStateException("etc/config.properties no longer sets org.osgi.service.http.port=8181");
        }
        Files.writeString(properties, text.replace("org.osgi.service.http.port=8181", "org.osgi.service.http.port=" + port));
        for (Map.Entry<String, String> file : conf.entrySet()) {
            Files.writeString(home.resolve("conf").resolve(file.getKey()), file.getValue());
        }
        return new OperatorRuntime(home, port);
    }

    /** Starts the runtime and waits until the page and the API answer. */
    OperatorRuntime start() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.createDirectories(home.resolve("logs"));
        Files.createDirectories(home.resolve("data"));
        process = new ProcessBuilder(java, "-Xmx256m", "-Dflow.home=" + home, "-Dflow.gosh.args=--nointeractive",
                "-Dorg.ops4j.pax.logging.DefaultServiceLog.level=WARN",
                "-Dfelix.config.properties=" + home.resolve("etc/config.properties").toUri(),
                "-jar", home.resolve("bin/org.apache.felix.main.jar").toString())
                .directory(home.resolve("data").toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("logs/console.log").toFile()))
                .start();
        return awaitServing();
    }

    /**
     * Starts the runtime as an operator does on a device, {@code bin/flow --background-safe}, with {@code environment}
     * added to the process's, and waits until the page and the API answer. Its console goes to {@link #console()},
     * outside the runtime folder, so that everything in that folder was made by bin/flow and the runtime.
     */
    OperatorRuntime startWithBinFlow(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = command(List.of(home.resolve("bin/flow").toString(), "--background-safe"), environment)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console().toFile()));
        process = builder.start();
        return awaitServing();
    }

    /** Where {@link #startWithBinFlow} writes the runtime's console. */
    Path console() {
        return home.resolveSibling(home.getFileName() + "-console.out");
    }

    /**
     * A command of this runtime ({@code bin/...}) as a process builder: the test's JDK first on the PATH (bin/flow and
     * bin/flow-status run {@code java}), {@code environment} added, the working directory the runtime's folder.
     */
    ProcessBuilder command(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = builder.environment();
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator + env.getOrDefault("PATH", ""));
        env.putAll(environment);
        return builder;
    }

    Process process() {
        return process;
    }

    private OperatorRuntime awaitServing() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!(answers("/ui/index.html", 200) && answers("/api/v1/session", 401))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the runtime did not serve the page and the API within " + START_TIMEOUT
                        + " (alive: " + process.isAlive() + "); see " + home.resolve("logs"));
            }
            Thread.sleep(100); // polling a condition
        }
        return this;
    }

    private boolean answers(String path, int status) {
        try {
            return call("GET", path, null, null, null).status() == status;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    Path home() {
        return home;
    }

    /** One request; {@code cookie} and {@code csrf} are sent when not null. */
    Answer call(String method, String path, String json, String cookie, String csrf) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        // A client per request, so a connection is never reused: the API refuses a write (401, 403) without
        // reading its body and without "Connection: close", and a reused connection then fails now and then
        // ("header parser received no bytes"); that is the API's to fix, this test checks status codes.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response);
    }

    Session login(String username, String password) throws IOException, InterruptedException {
        Answer answer = call("POST", "/api/v1/session",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", null, null);
        if (answer.status() != 200) {
            throw new IllegalStateException("login answered " + answer.status() + ": " + answer.body());
        }
        String cookie = answer.response().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("FLOWSESSION=")).map(c -> c.split(";", 2)[0]).findFirst()
                .orElseThrow(() -> new IllegalStateException("no FLOWSESSION cookie: " + answer.response().headers()));
        String token = com.google.gson.JsonParser.parseString(answer.body()).getAsJsonObject().get("csrfToken").getAsString();
        return new Session(cookie, token);
    }

    /** The line for conf/flow.operator.cfg, as bin/flow-passwd makes it (PBKDF2WithHmacSHA256, 16-byte salt, 32-byte hash). */
    static String passwordHash(String password) {
        try {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            int iterations = 100_000; // the least the API accepts: keeps the test's logins fast
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            return "pbkdf2-sha256:" + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                    + Base64.getEncoder().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, and waits; interrupted, SIGKILL without waiting, and the interrupt flag stays set. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
