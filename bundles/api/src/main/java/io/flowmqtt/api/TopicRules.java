package io.flowmqtt.api;

/**
 * The one rule for topic parts that come from configuration or data (prefix, block name, custom
 * device ID, output topics, event subjects), so that no published topic has an empty level, a
 * leading, trailing or doubled {@code /}, a wildcard ({@code +}, {@code #}) or a NUL.
 *
 * <ul>
 * <li>A <em>level</em> is non-empty, contains no {@code /}, {@code +}, {@code #}, no control
 * character (which includes NUL) and no leading or trailing white space.</li>
 * <li>A <em>path</em> is one or more levels joined by single {@code /}.</li>
 * <li>A topic must not start with {@code $} (reserved for the broker's own topics).</li>
 * </ul>
 * Methods return {@code null} when the value is usable, otherwise the reason it is not.
 */
public final class TopicRules {
    private TopicRules() {
    }

    /** Why {@code level} is not a usable single topic level, or {@code null}. */
    public static String levelProblem(String level) {
        if (level == null || level.isEmpty()) {
            return "is empty";
        }
        if (!level.strip().equals(level)) {
            return "has leading or trailing white space";
        }
        for (int i = 0; i < level.length(); i++) {
            char c = level.charAt(i);
            if (c == '/') {
                return "contains '/' (a single topic level is needed)";
            }
            if (c == '+' || c == '#') {
                return "contains the MQTT wildcard '" + c + "'";
            }
            if (Character.isISOControl(c)) {
                return c == 0 ? "contains a NUL character" : "contains a control character";
            }
        }
        return null;
    }

    /** Why {@code path} is not a usable {@code /}-separated topic path, or {@code null}. */
    public static String pathProblem(String path) {
        if (path == null || path.isEmpty()) {
            return "is empty";
        }
        if (path.startsWith("/")) {
            return "starts with '/' (that would make an empty first topic level)";
        }
        if (path.endsWith("/")) {
            return "ends with '/' (that would make an empty topic level)";
        }
        if (path.contains("//")) {
            return "contains '//' (that would make an empty topic level)";
        }
        for (String level : path.split("/")) {
            String problem = levelProblem(level);
            if (problem != null) {
                return "has a level '" + level + "' that " + problem;
            }
        }
        return null;
    }

    /** Joins non-empty parts with {@code /}; empty or null parts are left out. */
    public static String join(String... parts) {
        StringBuilder topic = new StringBuilder();
        for (String part : parts) {
            if (part == null || part.isEmpty()) {
                continue;
            }
            if (topic.length() > 0) {
                topic.append('/');
            }
            topic.append(part);
        }
        return topic.toString();
    }
}
