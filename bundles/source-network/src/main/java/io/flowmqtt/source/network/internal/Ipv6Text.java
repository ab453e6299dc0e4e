package io.flowmqtt.source.network.internal;

import java.util.Locale;

/**
 * IPv6 addresses in their RFC 5952 text form: {@code fe80::fc:ff:fe00:1}, not Java's
 * {@code fe80:0:0:0:fc:ff:fe00:1}.
 */
final class Ipv6Text {
    private Ipv6Text() {
    }

    /**
     * Canonical text of an IPv6 address given as eight colon-separated hex groups (Java's form,
     * optionally with a {@code %scope}); anything else, including already compressed text, is
     * returned unchanged apart from lower case and without the scope.
     */
    static String canonical(String address) {
        String plain = address.toLowerCase(Locale.ROOT);
        int scope = plain.indexOf('%');
        if (scope >= 0) {
            plain = plain.substring(0, scope);
        }
        String[] groups = plain.split(":", -1);
        if (groups.length != 8 || plain.contains("::")) {
            return plain;
        }
        int[] values = new int[8];
        for (int i = 0; i < 8; i++) {
            try {
                values[i] = Integer.parseInt(groups[i], 16);
            } catch (NumberFormatException e) {
                return plain;
            }
        }
        // The longest run of two or more zero groups (the first one on a tie) becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && values[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(values[i]));
        }
        return text.toString();
    }
}
