package io.flowmqtt.source.network.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Default gateways from Linux's routing tables, {@code /proc/net/route} and
 * {@code /proc/net/ipv6_route}: the default route with a gateway and the lowest metric. Reading
 * the tables needs no external command (OSHI runs {@code route}, which many images lack).
 */
final class DefaultGateways {
    private static final int RTF_GATEWAY = 0x2;
    private static final int RTF_REJECT = 0x200;

    private DefaultGateways() {
    }

    /** The IPv4 default gateway in {@code /proc/net/route} lines (header included), or {@code null}. */
    static String ipv4(List<String> routeLines) {
        String best = null;
        long bestMetric = Long.MAX_VALUE;
        for (String line : routeLines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || !isHex(f[1]) || !isHex(f[2])) {
                continue; // header or malformed
            }
            int flags = Integer.parseInt(f[3], 16);
            long metric = Long.parseLong(f[6]);
            if (Long.parseLong(f[1], 16) != 0 || Long.parseLong(f[7], 16) != 0 || (flags & RTF_GATEWAY) == 0
                    || (flags & RTF_REJECT) != 0 || metric >= bestMetric) {
                continue;
            }
            long gateway = Long.parseLong(f[2], 16); // little-endian
            best = (gateway & 0xff) + "." + ((gateway >> 8) & 0xff) + "." + ((gateway >> 16) & 0xff) + "."
                    + ((gateway >> 24) & 0xff);
            bestMetric = metric;
        }
        return best;
    }

    /** The IPv6 default gateway in {@code /proc/net/ipv6_route} lines, in RFC 5952 text, or {@code null}. */
    static String ipv6(List<String> routeLines) {
        String best = null;
        long bestMetric = Long.MAX_VALUE;
        for (String line : routeLines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || f[0].length() != 32 || f[4].length() != 32) {
                continue;
            }
            long metric = Long.parseLong(f[5], 16);
            long flags = Long.parseLong(f[8], 16);
            if (!isZero(f[0]) || !"00".equals(f[1]) || isZero(f[4]) || (flags & RTF_REJECT) != 0
                    || metric >= bestMetric) {
                continue;
            }
            best = Ipv6Text.canonical(parseHexAddress(f[4]));
            bestMetric = metric;
        }
        return best;
    }

    private static String parseHexAddress(String hex) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 16; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(hex, e); // cannot happen for 16 bytes
        }
    }

    private static boolean isZero(String hex) {
        return hex.chars().allMatch(c -> c == '0');
    }

    private static boolean isHex(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
