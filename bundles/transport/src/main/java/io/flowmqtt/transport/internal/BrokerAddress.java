package io.flowmqtt.transport.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One broker address as the operator writes it, and what Paho needs to reach it.
 *
 * <p>Paho knows only {@code tcp}, {@code ssl}, {@code ws} and {@code wss}: {@code mqtt} and
 * {@code mqtts} are mapped onto {@code tcp} and {@code ssl}, and {@code unix} onto a dummy TCP URI
 * whose socket factory connects to the socket file instead (see {@link UnixSocketFactory}).
 *
 * @param scheme   the scheme as written, lower case
 * @param host     host name or IP literal (empty for unix)
 * @param port     port (0 for unix)
 * @param path     websocket path, or the socket file for unix
 * @param pahoUri  the URI handed to Paho
 */
public record BrokerAddress(String scheme, String host, int port, String path, String pahoUri) {

    public boolean isSecure() {
        return scheme.equals("ssl") || scheme.equals("mqtts") || scheme.equals("wss");
    }

    public boolean isUnix() {
        return scheme.equals("unix");
    }

    /** The address without credentials, for logs and status. */
    public String display() {
        if (isUnix()) {
            return "unix://" + path;
        }
        String h = host.contains(":") ? "[" + host + "]" : host;
        return scheme + "://" + h + ":" + port + (path.isEmpty() ? "" : path);
    }

    @Override
    public String toString() {
        return display();
    }

    /** Parses a comma-separated list of addresses (the nodes of a cluster, tried in order). */
    public static List<BrokerAddress> parseList(String text) throws InvalidSettingException {
        if (text == null || text.isBlank()) {
            throw new InvalidSettingException("address", "is empty; give e.g. mqtt://broker.example:1883");
        }
        List<BrokerAddress> addresses = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (part.isBlank()) {
                throw new InvalidSettingException("address", "has an empty entry in the comma-separated list");
            }
            addresses.add(parse(part.strip()));
        }
        return List.copyOf(addresses);
    }

    static BrokerAddress parse(String text) throws InvalidSettingException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidSettingException("address", "'" + redact(text) + "' is not a valid URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        // With an '@' inside the password java.net.URI sees a registry authority and no user info at all.
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new InvalidSettingException("address", "must not contain credentials; use username and password");
        }
        if (scheme.equals("unix")) {
            String path = uri.getPath();
            if (path == null || path.isEmpty() || !path.startsWith("/")) {
                throw new InvalidSettingException("address", "unix address needs an absolute socket path, e.g. unix:///run/mosquitto/mqtt.sock");
            }
            return new BrokerAddress(scheme, "", 0, path, "tcp://localhost:1");
        }
        int defaultPort;
        String pahoScheme;
        switch (scheme) {
            case "mqtt", "tcp" -> { defaultPort = 1883; pahoScheme = "tcp"; }
            case "mqtts", "ssl" -> { defaultPort = 8883; pahoScheme = "ssl"; }
            case "ws" -> { defaultPort = 80; pahoScheme = "ws"; }
            case "wss" -> { defaultPort = 443; pahoScheme = "wss"; }
            default -> throw new InvalidSettingException("address", "'" + redact(text) + "' has "
                    + (scheme.isEmpty() ? "no scheme" : "the unknown scheme '" + scheme + "'")
                    + "; use mqtt, tcp, ws, unix, wss, mqtts or ssl");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new InvalidSettingException("address", "'" + redact(text) + "' has no host (or a malformed port)");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new InvalidSettingException("address", "port " + port + " is out of range 1..65535");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        boolean websocket = pahoScheme.startsWith("ws");
        if (!websocket && !path.isEmpty() && !path.equals("/")) {
            throw new InvalidSettingException("address", "'" + redact(text) + "' has a path, which only ws and wss addresses take");
        }
        if (!websocket) {
            path = "";
        } else if (path.isEmpty()) {
            path = "/mqtt"; // the usual default; Mosquitto accepts any path
        }
        String literal = host.contains(":") ? "[" + host + "]" : host;
        return new BrokerAddress(scheme, host, port, path, pahoScheme + "://" + literal + ":" + port + path);
    }

    private static String redact(String text) {
        int at = text.lastIndexOf('@'); // the password itself may contain an at sign
        int schemeEnd = text.indexOf("://");
        return at > 0 && schemeEnd >= 0 && at > schemeEnd ? text.substring(0, schemeEnd + 3) + "***" + text.substring(at) : text;
    }
}
