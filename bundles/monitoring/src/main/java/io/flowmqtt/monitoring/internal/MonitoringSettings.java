package io.flowmqtt.monitoring.internal;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The monitoring configuration, validated once.
 *
 * @param tokenDigest        the SHA-256 of the metrics token, or {@code null} when none is configured or the
 *                           configured one is unusable
 * @param tokenConfigured    whether a token hash is configured at all, usable or not: a broken one must not open
 *                           the endpoints that no token would leave open
 * @param certificateWarning how long before a certificate's expiry its interface's health check warns
 * @param problem            what is wrong with the configuration (never repeating the hash), or {@code null}
 */
record MonitoringSettings(byte[] tokenDigest, boolean tokenConfigured, Duration certificateWarning, String problem) {
    static final String PID = "flow.monitoring";
    private static final String SCHEME = "sha256:";

    static MonitoringSettings from(MonitoringConfig config) {
        String problem = null;
        int days = config.certificateWarningDays();
        if (days < 0 || days > 3650) {
            problem = PID + ": certificateWarningDays must be 0 to 3650, is " + days + "; 30 is used";
            days = 30;
        }
        byte[] digest = null;
        String hash = config.metricsTokenHash() == null ? "" : config.metricsTokenHash().strip();
        if (!hash.isEmpty()) {
            try {
                digest = parse(hash);
            } catch (IllegalArgumentException e) {
                // a wrong hash locks scrapers out rather than in: the operator's session still works
                problem = PID + ": metricsTokenHash " + e.getMessage() + "; no token is accepted";
            }
        }
        return new MonitoringSettings(digest, !hash.isEmpty(), Duration.ofDays(days), problem);
    }

    private static byte[] parse(String hash) {
        if (!hash.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            throw new IllegalArgumentException("is not " + SCHEME + "<64 hex digits>");
        }
        String hex = hash.substring(SCHEME.length());
        if (hex.length() != 64) {
            throw new IllegalArgumentException("needs 64 hex digits after " + SCHEME + ", has " + hex.length());
        }
        try {
            return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has characters that are not hex digits after " + SCHEME);
        }
    }
}
