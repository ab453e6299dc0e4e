package io.flowmqtt.source.network.internal;

import io.flowmqtt.api.spi.PartReader;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import oshi.SystemInfo;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.hardware.NetworkIF.IfOperStatus;
import oshi.software.os.NetworkParams;
import oshi.software.os.OperatingSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the network through OSHI and builds the body of a {@code network} event, with the rate
 * fields present but empty ({@link RunRates} fills them per run). An interface that cannot be read
 * is left out of this sample (and logged once); the others are still reported.
 */
final class NetworkSampler {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkSampler.class);

    private final OperatingSystem os;
    private final HardwareAbstractionLayer hardware;
    private final Path procNet;
    private final PartReader parts = new PartReader((part, cause) -> {
        if (cause == null) {
            LOG.info("Network diagnostics: {} readable again", part);
        } else {
            LOG.warn("Network diagnostics: cannot read {}, leaving it out: {}", part, cause.toString());
        }
    });

    /** @param procNet Linux's {@code /proc/net}, read for the default gateways when it exists */
    NetworkSampler(SystemInfo info, Path procNet) {
        this.os = info.getOperatingSystem();
        this.hardware = info.getHardware();
        this.procNet = procNet;
    }

    JsonObject sample() {
        JsonObject body = new JsonObject();
        NetworkParams params = parts.read("network parameters", os::getNetworkParams);
        body.add("host_name", params == null ? JsonNull.INSTANCE : text(parts.read("host name", params::getHostName)));
        String[] gateways = parts.read("default gateways", () -> gateways(params));
        body.add("default_gateway_ipv4", text(gateways == null ? null : gateways[0]));
        body.add("default_gateway_ipv6", text(gateways == null ? null : gateways[1]));
        String[] dns = params == null ? null : parts.read("dns servers", params::getDnsServers);
        body.add("dns_servers", dns == null ? JsonNull.INSTANCE : strings(dns, false));

        List<NetworkIF> nifs = parts.read("interfaces", () -> hardware.getNetworkIFs(true));
        body.add("interfaces", nifs == null ? new JsonArray() : interfaces(nifs));
        return body;
    }

    /** The interfaces sorted by name; one that cannot be read is skipped. */
    JsonArray interfaces(List<NetworkIF> nifs) {
        List<NetworkIF> sorted = new ArrayList<>(nifs);
        sorted.sort(Comparator.comparing(NetworkIF::getName));
        JsonArray interfaces = new JsonArray();
        for (NetworkIF nif : sorted) {
            JsonObject json = parts.read("interface " + nif.getName(), () -> networkInterface(nif));
            if (json != null) {
                interfaces.add(json);
            }
        }
        return interfaces;
    }

    private String[] gateways(NetworkParams params) {
        Path route = procNet.resolve("route");
        if (Files.isReadable(route)) {
            Path route6 = procNet.resolve("ipv6_route");
            return new String[] {DefaultGateways.ipv4(readLines(route)),
                    Files.isReadable(route6) ? DefaultGateways.ipv6(readLines(route6)) : null};
        }
        if (params == null) {
            return null;
        }
        String ipv6 = params.getIpv6DefaultGateway();
        return new String[] {params.getIpv4DefaultGateway(),
                ipv6 == null || ipv6.isBlank() ? null : Ipv6Text.canonical(ipv6)};
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static JsonObject networkInterface(NetworkIF nif) {
        JsonObject json = new JsonObject();
        json.addProperty("name", nif.getName());
        String mac = nif.getMacaddr();
        boolean noMac = mac == null || mac.isBlank() || "unknown".equalsIgnoreCase(mac);
        json.add("mac", noMac ? JsonNull.INSTANCE : new JsonPrimitive(mac));
        json.add("ipv4", strings(nif.getIPv4addr(), false));
        json.add("ipv6", strings(nif.getIPv6addr(), true));
        json.addProperty("up", isUp(nif.getIfOperStatus(), () -> javaIsUp(nif)));
        long speed = nif.getSpeed();
        json.add("speed_bps", speed > 0 ? new JsonPrimitive(speed) : JsonNull.INSTANCE);
        json.addProperty("bytes_in", nif.getBytesRecv());
        json.addProperty("bytes_out", nif.getBytesSent());
        json.addProperty("packets_in", nif.getPacketsRecv());
        json.addProperty("packets_out", nif.getPacketsSent());
        // placeholders, so that the rates sit next to their counters; RunRates fills them
        json.add("bytes_in_per_s", JsonNull.INSTANCE);
        json.add("bytes_out_per_s", JsonNull.INSTANCE);
        json.add("packets_in_per_s", JsonNull.INSTANCE);
        json.add("packets_out_per_s", JsonNull.INSTANCE);
        json.addProperty("errors_in", nif.getInErrors());
        json.addProperty("errors_out", nif.getOutErrors());
        json.addProperty("drops_in", nif.getInDrops());
        return json;
    }

    /**
     * An interface is up when its operational state says so. Linux reports loopback and some
     * virtual interfaces as "unknown"; for those the kernel's UP and RUNNING flags decide.
     */
    static boolean isUp(IfOperStatus status, Supplier<Boolean> flagsUp) {
        if (status == IfOperStatus.UP) {
            return true;
        }
        return status == IfOperStatus.UNKNOWN && Boolean.TRUE.equals(flagsUp.get());
    }

    private static Boolean javaIsUp(NetworkIF nif) {
        try {
            NetworkInterface java = nif.queryNetworkInterface();
            return java != null && java.isUp();
        } catch (SocketException | RuntimeException e) {
            return false;
        }
    }

    private static JsonArray strings(String[] values, boolean ipv6) {
        JsonArray array = new JsonArray();
        if (values != null) {
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    array.add(ipv6 ? Ipv6Text.canonical(value) : value);
                }
            }
        }
        return array;
    }

    private static JsonElement text(String value) {
        return value == null || value.isBlank() ? JsonNull.INSTANCE : new JsonPrimitive(value.trim());
    }
}
