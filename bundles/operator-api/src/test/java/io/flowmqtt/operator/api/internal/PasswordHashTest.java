package io.flowmqtt.operator.api.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.flowmqtt.operator.api.PasswordTool;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class PasswordHashTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    public void aHashMatchesItsPasswordAndNoOther() {
        PasswordHash hash = PasswordHash.create("correct horse".toCharArray(), PasswordHash.MIN_ITERATIONS, RANDOM);
        PasswordHash read = PasswordHash.parse(hash.toString());
        assertTrue(read.matches("correct horse".toCharArray()));
        assertFalse(read.matches("correct horse ".toCharArray()));
        assertFalse(read.matches("".toCharArray()));
    }

    @Test
    public void theTextFormIsTheContractsAndEverySaltIsNew() {
        String text = PasswordHash.create("pw-12345".toCharArray(), 100_000, RANDOM).toString();
        String[] parts = text.split(":");
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals("100000", parts[1]);
        assertEquals(16, Base64.getDecoder().decode(parts[2]).length);
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length);
        assertNotEquals(text, PasswordHash.create("pw-12345".toCharArray(), 100_000, RANDOM).toString());
    }

    /** A known vector: PBKDF2-HMAC-SHA256("password", "salt", 100000 iterations), as Python's hashlib computes it. */
    @Test
    public void itIsPbkdf2WithHmacSha256() {
        String salt = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes());
        String hash = "pbkdf2-sha256:100000:" + salt + ":p1GQp5LNWdbZyMOmOxHCdq1EmXK3iG4cLYGcKGBTNm8=";
        assertTrue(PasswordHash.parse(hash).matches("password".toCharArray()));
    }

    @Test
    public void unusableTextIsRefusedWithoutBeingRepeated() {
        String good = PasswordHash.create("pw-12345".toCharArray(), 100_000, RANDOM).toString();
        String[] bad = {"", "secret", "pbkdf2-sha1:100000:a:b", good.replace(":100000:", ":99999:"),
            good.replace(":100000:", ":many:"), good.substring(0, good.lastIndexOf(':')) + ":not*base64", good + ":extra",
            "pbkdf2-sha256:100000:" + Base64.getEncoder().encodeToString(new byte[8]) + ":" + good.split(":")[3]};
        for (String text : bad) {
            try {
                PasswordHash.parse(text);
                fail("accepted " + text);
            } catch (IllegalArgumentException e) {
                assertFalse(e.getMessage(), !text.isEmpty() && e.getMessage().contains(text));
            }
        }
    }

    @Test
    public void thePasswordToolPrintsTheConfigurationLine() {
        String line = PasswordTool.configurationLine("a long password".toCharArray());
        assertTrue(line, line.startsWith("passwordHash = pbkdf2-sha256:" + PasswordHash.DEFAULT_ITERATIONS + ":"));
        assertTrue(PasswordHash.parse(line.substring("passwordHash = ".length())).matches("a long password".toCharArray()));
    }

    @Test
    public void textsAreComparedWholly() {
        assertTrue(PasswordHash.sameText("admin", "admin"));
        assertFalse(PasswordHash.sameText("admin", "admin2"));
        assertFalse(PasswordHash.sameText("admin", null));
        assertFalse(PasswordHash.sameText(null, null));
    }
}
