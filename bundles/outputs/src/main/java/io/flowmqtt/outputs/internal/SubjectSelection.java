package io.flowmqtt.outputs.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Which event subjects an output takes. For widgets a subject is {@code cube/analytic/widget};
 * patterns are comma-separated: {@code *} (everything), a path with {@code *} for any one level
 * ({@code 3/0/*}), or a bare widget id ({@code 12}, short for {@code * / * /12}).
 */
final class SubjectSelection {
    private final List<String[]> patterns;
    private final boolean all;

    private SubjectSelection(List<String[]> patterns, boolean all) {
        this.patterns = patterns;
        this.all = all;
    }

    static SubjectSelection parse(String text, boolean widgets) throws InvalidOutputException {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty() || value.equals("*")) {
            return new SubjectSelection(List.of(), true);
        }
        List<String[]> patterns = new ArrayList<>();
        for (String entry : value.split(",")) {
            String pattern = entry.strip();
            if (pattern.equals("*")) {
                return new SubjectSelection(List.of(), true);
            }
            String[] levels = pattern.split("/", -1);
            if (widgets) {
                if (levels.length == 1) {
                    levels = new String[] {"*", "*", levels[0]};
                }
                if (levels.length != 3) {
                    throw new InvalidOutputException("widgets", "'" + pattern
                            + "' is not a widget id or cube/analytic/widget (use * for any)");
                }
                for (String level : levels) {
                    if (!level.equals("*") && !level.matches("\\d{1,9}")) {
                        throw new InvalidOutputException("widgets", "'" + pattern + "' has '" + level
                                + "' where a number or * belongs");
                    }
                }
            } else {
                for (String level : levels) {
                    if (level.isEmpty() || level.contains("+") || level.contains("#")) {
                        throw new InvalidOutputException("widgets", "'" + pattern + "' has an empty level or an MQTT wildcard");
                    }
                }
            }
            patterns.add(levels);
        }
        return new SubjectSelection(List.copyOf(patterns), false);
    }

    boolean matches(String subject) {
        if (all) {
            return true;
        }
        String[] levels = subject.split("/", -1);
        for (String[] pattern : patterns) {
            if (matches(pattern, levels)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String[] pattern, String[] levels) {
        if (pattern.length != levels.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (!pattern[i].equals("*") && !pattern[i].equals(levels[i])) {
                return false;
            }
        }
        return true;
    }
}
