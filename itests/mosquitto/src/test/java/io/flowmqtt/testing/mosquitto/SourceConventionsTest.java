package io.flowmqtt.testing.mosquitto;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * The project's conventions for the whole source tree, checked in the ordinary build: every test class has a
 * timeout (a hung test fails with its name instead of holding the build until the fork timeout), and no class
 * in {@code src/main/java} exceeds 300 lines. It lives here because this module is built before every module
 * whose tests it checks and depends on none of them.
 */
public class SourceConventionsTest {
    static final int MAX_MAIN_LINES = 300;

    /**
     * Classes still over {@value #MAX_MAIN_LINES} lines, being split. Keep this list empty: an entry whose file
     * is back under the limit (or gone) fails the test, so it cannot outlive the split.
     */
    static final Set<String> TOO_LONG_FOR_NOW = Set.of();

    private static final Pattern TIMEOUT_RULE = Pattern.compile("\\bTimeout\\.(seconds|millis)\\(|new Timeout\\(");
    private static final Pattern TEST = Pattern.compile("@Test\\b(\\((?<args>[^)]*)\\))?");
    private static final Pattern EXTENDS = Pattern.compile("\\bclass\\s+\\w+(<[^>]*>)?\\s+extends\\s+(\\w+)");

    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private final Path root = projectRoot();

    @Test
    public void everyTestClassHasATimeout() throws IOException {
        Map<String, String> tests = new HashMap<>();
        Map<String, Path> where = new HashMap<>();
        for (Path file : javaFiles("src/test/java")) {
            String name = file.getFileName().toString().replace(".java", "");
            tests.put(name, Files.readString(file));
            where.put(name, file);
        }
        List<String> missing = new ArrayList<>();
        tests.forEach((name, text) -> {
            if (TEST.matcher(text).find() && !hasTimeout(name, tests, 0)) {
                missing.add(root.relativize(where.get(name)).toString());
            }
        });
        missing.sort(null);
        assertEquals("test classes without a timeout (add `@Rule public final Timeout timeout = Timeout.seconds(120);`, "
                + "600 for broker and process tests)", List.of(), missing);
    }

    @Test
    public void noMainClassIsLongerThan300Lines() throws IOException {
        Set<String> tooLong = new TreeSet<>();
        Set<String> stillListed = new TreeSet<>(TOO_LONG_FOR_NOW);
        for (Path file : javaFiles("src/main/java")) {
            String relative = root.relativize(file).toString();
            long lines = Files.readAllLines(file).size();
            if (lines > MAX_MAIN_LINES && !stillListed.remove(relative)) {
                tooLong.add(relative + " (" + lines + " lines)");
            } else if (lines <= MAX_MAIN_LINES && stillListed.remove(relative)) {
                tooLong.add(relative + " is back to " + lines + " lines: remove it from TOO_LONG_FOR_NOW");
            }
        }
        stillListed.forEach(gone -> tooLong.add(gone + " no longer exists: remove it from TOO_LONG_FOR_NOW"));
        assertEquals("classes in src/main over " + MAX_MAIN_LINES + " lines: split them by job", Set.of(), tooLong);
    }

    @Test
    public void theScanSeesTheWholeTree() throws IOException {
        // guards the two checks above against passing because they looked in the wrong place
        assertTrue(javaFiles("src/test/java").size() > 50);
        assertFalse(javaFiles("src/main/java").stream().anyMatch(p -> p.endsWith("SourceConventionsTest.java")));
        assertTrue(javaFiles("src/test/java").stream().anyMatch(p -> p.endsWith("SourceConventionsTest.java")));
    }

    /** A rule or class rule in the class itself, every @Test with its own timeout, or a superclass with one. */
    private static boolean hasTimeout(String name, Map<String, String> tests, int depth) {
        String text = tests.get(name);
        if (text == null || depth > 10) {
            return false;
        }
        if (TIMEOUT_RULE.matcher(text).find()) {
            return true;
        }
        Matcher test = TEST.matcher(text);
        boolean any = false;
        boolean all = true;
        while (test.find()) {
            any = true;
            all &= test.group("args") != null && test.group("args").contains("timeout");
        }
        if (any && all) {
            return true;
        }
        Matcher parent = EXTENDS.matcher(text);
        return parent.find() && hasTimeout(parent.group(2), tests, depth + 1);
    }

    private List<Path> javaFiles(String sourceFolder) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> root.relativize(p).toString().contains(sourceFolder + "/"))
                    .filter(p -> !skipped(root.relativize(p)))
                    .sorted().collect(Collectors.toList());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            String s = part.toString();
            if (s.equals("target") || s.startsWith(".") || s.equals("node_modules")) {
                return true;
            }
        }
        return false;
    }

    /** The folder of the root pom: the one above this module that has a {@code bundles} folder. */
    static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("bundles")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no project root (a folder with bundles/ and pom.xml) above " + Path.of("").toAbsolutePath());
    }
}
