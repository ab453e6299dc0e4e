package io.flowmqtt.operator.api;

import io.flowmqtt.operator.api.internal.PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Prints the {@code passwordHash = ...} line for {@code conf/flow.operator.cfg}. Runs with the JDK alone,
 * from the bundle's jar: {@code java -cp io.flowmqtt.operator.api-<version>.jar io.flowmqtt.operator.api.PasswordTool}
 * (what {@code bin/flow-passwd} does).
 *
 * <p>The password comes from the terminal (asked twice, not echoed), from standard input (its first line:
 * {@code printf '%s\n' "$PW" | bin/flow-passwd}), or as the only argument (which other users of the machine may
 * see in the process list: prefer standard input).
 */
public final class PasswordTool {
    private static final int MIN_LENGTH = 8;

    private PasswordTool() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 1 || args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.err.println("usage: flow-passwd [password]   (without it: asked on the terminal, or the first line of standard input)");
            System.exit(2);
        }
        char[] password = args.length == 1 ? args[0].toCharArray() : read();
        if (password == null) {
            System.exit(1);
        }
        if (password.length < MIN_LENGTH) {
            System.err.println("The password must have at least " + MIN_LENGTH + " characters.");
            System.exit(1);
        }
        String line = configurationLine(password);
        Arrays.fill(password, '\0');
        System.out.println(line);
        System.err.println("Put this line into conf/flow.operator.cfg (it applies within a second; sessions are ended).");
    }

    /**
     * {@code passwordHash = pbkdf2-sha256:...} for {@code password}, with a fresh salt: the line for
     * {@code conf/flow.operator.cfg} (also for tools that set up a runtime, like the demo).
     */
    public static String configurationLine(char[] password) {
        return "passwordHash = " + PasswordHash.create(password, PasswordHash.DEFAULT_ITERATIONS, new SecureRandom());
    }

    private static char[] read() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Operator password: ");
            char[] second = console.readPassword("Again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                System.err.println("The passwords differ.");
                return null;
            }
            Arrays.fill(second, '\0');
            return first;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null) {
            System.err.println("No password on standard input.");
            return null;
        }
        return line.toCharArray();
    }
}
