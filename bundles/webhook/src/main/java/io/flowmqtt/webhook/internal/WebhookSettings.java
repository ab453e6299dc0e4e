package io.flowmqtt.webhook.internal;

import io.flowmqtt.api.widgets.WidgetType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The validated configuration of the webhook input. Never throws: an invalid configuration is a
 * value too, with {@link #problem()} naming every bad property, so that the input can answer 503
 * and show why in its status. Only a SHA-256 digest of the token is kept, so the token cannot end
 * up in a log or a status by accident.
 */
final class WebhookSettings {
    static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    static final int MIN_BODY_BYTES = 1024;
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    static final int MIN_TOKEN_LENGTH = 16;
    static final int MAX_TOKEN_LENGTH = 1024;
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~!$&'()+,;=:@%-]+)+");

    private final boolean enabled;
    private final String path;
    private final byte[] tokenDigest;
    private final int maxBodyBytes;
    private final WidgetType defaultWidgetType;
    private final String problem;

    private WebhookSettings(boolean enabled, String path, byte[] tokenDigest, int maxBodyBytes,
                            WidgetType defaultWidgetType, String problem) {
        this.enabled = enabled;
        this.path = path;
        this.tokenDigest = tokenDigest;
        this.maxBodyBytes = maxBodyBytes;
        this.defaultWidgetType = defaultWidgetType;
        this.problem = problem;
    }

    static WebhookSettings from(WebhookConfig config) {
        return of(config.enabled(), config.path(), config.token(), config.maxBodyBytes(), config.defaultWidgetType());
    }

    static WebhookSettings of(boolean enabled, String path, String token, int maxBodyBytes, String defaultWidgetType) {
        List<String> problems = new ArrayList<>();
        String cleanPath = path == null ? "" : path.strip();
        if (!PATH.matcher(cleanPath).matches()) {
            problems.add("path: '" + cleanPath + "' is not usable; it must start with '/' and contain no '*', '?', '#', "
                    + "spaces or empty segments, like /flow/webhook");
            cleanPath = null;
        }
        byte[] digest = null;
        if (token == null || token.isEmpty()) {
            problems.add("token: required; every request must carry it (Authorization: Bearer <token> or ?token=<token>)");
        } else if (token.length() < MIN_TOKEN_LENGTH || token.length() > MAX_TOKEN_LENGTH) {
            problems.add("token: must have " + MIN_TOKEN_LENGTH + " to " + MAX_TOKEN_LENGTH + " characters");
        } else if (token.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            problems.add("token: must not contain spaces or control characters");
        } else {
            digest = sha256(token);
        }
        if (maxBodyBytes < MIN_BODY_BYTES || maxBodyBytes > MAX_BODY_BYTES) {
            problems.add("maxBodyBytes: must be " + MIN_BODY_BYTES + " to " + MAX_BODY_BYTES + ", is " + maxBodyBytes);
        }
        WidgetType type = null;
        String typeId = defaultWidgetType == null ? "" : defaultWidgetType.strip();
        if (!typeId.isEmpty()) {
            type = WidgetType.fromJsonId(typeId);
            if (type == null) {
                problems.add("defaultWidgetType: '" + typeId + "' is unknown; use value, statistical_value, distribution, "
                        + "events, or leave it empty");
            }
        }
        return new WebhookSettings(enabled, cleanPath, digest, maxBodyBytes, type,
                problems.isEmpty() ? null : String.join("; ", problems));
    }

    boolean enabled() { return enabled; }

    /** The servlet path, or {@code null} when the configured one is unusable. */
    String path() { return path; }

    int maxBodyBytes() { return maxBodyBytes; }

    /** The type of a body without {@code widget_type}, or {@code null}: then it is required. */
    WidgetType defaultWidgetType() { return defaultWidgetType; }

    /** What is wrong with the configuration, naming each property, or {@code null} when it is valid. */
    String problem() { return problem; }

    /** Whether {@code candidate} is the token, in time that does not depend on where they differ. */
    boolean tokenMatches(String candidate) {
        // comparing digests also hides the token's length
        return tokenDigest != null && candidate != null && MessageDigest.isEqual(sha256(candidate), tokenDigest);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSettings[enabled=" + enabled + ", path=" + path + ", token=" + (tokenDigest == null ? "(none)" : "***")
                + ", maxBodyBytes=" + maxBodyBytes + ", defaultWidgetType="
                + (defaultWidgetType == null ? "(none)" : defaultWidgetType.jsonId())
                + (problem == null ? "" : ", problem=" + problem) + "]";
    }
}
