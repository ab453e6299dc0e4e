package io.flowmqtt.operator.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.flowmqtt.operator.api.internal.StatusText;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;

/**
 * {@code bin/flow-status}: the running runtime's interfaces and outputs, each with its state, broker, counters,
 * last error, through the operator HTTP API, with the JDK and Gson alone (no framework, no curl):
 * {@code java -cp io.flowmqtt.operator.api-<version>.jar:gson-<version>.jar io.flowmqtt.operator.api.StatusTool}.
 *
 * <p>It logs in as the operator (user {@code FLOW_OPERATOR_USER} or {@code admin}; the password from
 * {@code FLOW_OPERATOR_PASSWORD}, from the first line of {@code --password-file}, asked on the terminal, or the
 * first line of standard input), reads {@code /api/v1/interfaces} and {@code /api/v1/outputs}, and logs out.
 * The address is the runtime's own ({@code etc/config.properties} and {@code conf/org.apache.felix.http.cfg} of
 * {@code -Dflow.home}) unless {@code --url} says otherwise.
 *
 * <p>Exit status: 0 when the runtime answered, 1 when it did not (not running, still starting, no operator API),
 * 2 for a wrong command line or no password, 3 when the login was refused (wrong password, no operator login
 * configured, slowed down after a wrong one).
 */
public final class StatusTool {
    static final String USAGE = "usage: flow-status [--json] [--url http://127.0.0.1:8181] [--user NAME] [--password-file FILE]\n"
            + "  password: FLOW_OPERATOR_PASSWORD, else --password-file (its first line), else asked on the terminal,\n"
            + "  else the first line of standard input; user: --user, FLOW_OPERATOR_USER, else admin";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    private StatusTool(String base) {
        this.base = base;
    }

    public static void main(String[] args) {
        String url = null;
        String user = System.getenv().getOrDefault("FLOW_OPERATOR_USER", "admin");
        Path passwordFile = null;
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            boolean hasValue = i + 1 < args.length;
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("--url") && hasValue) {
                url = args[++i].replaceAll("/+$", "");
            } else if (arg.equals("--user") && hasValue) {
                user = args[++i];
            } else if (arg.equals("--password-file") && hasValue) {
                passwordFile = Path.of(args[++i]);
            } else {
                System.err.println(USAGE);
                System.exit(arg.equals("-h") || arg.equals("--help") ? 0 : 2);
            }
        }
        try {
            String base = url != null ? url : localBase(Path.of(System.getProperty("flow.home", ".")));
            String password = password(passwordFile);
            if (password == null) {
                System.err.println("flow-status: no operator password: set FLOW_OPERATOR_PASSWORD or give --password-file");
                System.exit(2);
            }
            System.exit(new StatusTool(base).run(user, password, json));
        } catch (IOException e) {
            System.err.println("flow-status: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    private int run(String user, String password, boolean json) throws IOException, InterruptedException {
        JsonObject credentials = new JsonObject();
        credentials.addProperty("username", user);
        credentials.addProperty("password", password);
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials.toString())));
        if (login.statusCode() == 404) {
            throw new IOException("no operator API at " + base + "/api/v1 (the runtime is still starting, or its operator API"
                    + " or Config Admin is not running: see logs/flow.log, and lb in the Gogo shell)");
        }
        if (login.statusCode() != 200) {
            String why = error(login.body());
            System.err.println("flow-status: login as " + user + " refused (" + login.statusCode() + ")"
                    + (why.isEmpty() ? "" : ": " + why)
                    + (login.statusCode() == 429 ? " (retry after " + login.headers().firstValue("Retry-After").orElse("?") + " s)" : ""));
            return 3;
        }
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("FLOWSESSION="))
                .map(c -> c.split(";", 2)[0]).findFirst().orElseThrow(() -> new IOException("the login answered no session cookie"));
        String csrf = JsonParser.parseString(login.body()).getAsJsonObject().get("csrfToken").getAsString();
        try {
            JsonArray interfaces = list(cookie, "/interfaces");
            JsonArray outputs = list(cookie, "/outputs");
            if (json) {
                JsonObject all = new JsonObject();
                all.add("interfaces", interfaces);
                all.add("outputs", outputs);
                System.out.println(all);
            } else {
                System.out.print(new StatusText(ZoneId.systemDefault()).of(base, interfaces, outputs));
            }
            return 0;
        } finally {
            // sessions are few (64) and live an hour: a status every minute from cron must not use them up
            try {
                send(HttpRequest.newBuilder(uri("/session")).header("Cookie", cookie).header("X-CSRF-Token", csrf).DELETE());
            } catch (IOException stoppedMeanwhile) {
                // what was read is printed; the session ends by itself
            }
        }
    }

    private JsonArray list(String cookie, String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie).GET());
        if (answer.statusCode() != 200) {
            throw new IOException("GET " + uri(path) + " answered " + answer.statusCode() + ": " + error(answer.body()));
        }
        return JsonParser.parseString(answer.body()).getAsJsonArray();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IOException("the runtime does not answer at " + base + " (is it running? see its logs/flow.log)", e);
        } catch (HttpTimeoutException e) {
            throw new IOException("the runtime did not answer within " + TIMEOUT.toSeconds() + " s at " + base, e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + "/api/v1" + path);
    }

    private static String error(String body) {
        try {
            JsonElement error = JsonParser.parseString(body).getAsJsonObject().get("error");
            return error == null || error.isJsonNull() ? "" : error.getAsString();
        } catch (RuntimeException notJson) {
            return "";
        }
    }

    /**
     * {@code http://<host>:<port>} of the runtime in {@code home}: {@code org.osgi.service.http.port} and
     * {@code org.apache.felix.http.host} of {@code etc/config.properties}, overridden by
     * {@code conf/org.apache.felix.http.cfg} as the HTTP service does; a wildcard host is reached on the loopback.
     */
    static String localBase(Path home) throws IOException {
        Properties properties = new Properties();
        for (Path file : List.of(home.resolve("etc/config.properties"), home.resolve("conf/org.apache.felix.http.cfg"))) {
            if (Files.isRegularFile(file)) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                    properties.load(in);
                }
            }
        }
        String port = properties.getProperty("org.osgi.service.http.port", "8080").strip();
        String host = properties.getProperty("org.apache.felix.http.host", "").strip();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port;
    }

    private static String password(Path file) throws IOException {
        String fromEnvironment = System.getenv("FLOW_OPERATOR_PASSWORD");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        if (file != null) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() || lines.get(0).isEmpty() ? null : lines.get(0);
        }
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Operator password for the runtime: ");
            return typed == null ? null : new String(typed);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null || line.isEmpty() ? null : line;
    }
}
