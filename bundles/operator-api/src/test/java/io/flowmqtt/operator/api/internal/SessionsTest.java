package io.flowmqtt.operator.api.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.operator.api.internal.Sessions.Session;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class SessionsTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final Sessions sessions = new Sessions(new SecureRandom(), clock::get);

    @Test
    public void aSessionIsFoundByItsIdOnly() {
        Map.Entry<String, Session> opened = sessions.open("admin");
        assertEquals("admin", sessions.find(opened.getKey()).orElseThrow().username());
        assertTrue(sessions.find(opened.getKey() + "x").isEmpty());
        assertTrue(sessions.find("").isEmpty());
        assertTrue(sessions.find(null).isEmpty());
        assertTrue(sessions.find("x".repeat(1000)).isEmpty());
    }

    @Test
    public void idsAndTokensAre256RandomBitsAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Map.Entry<String, Session> opened = sessions.open("admin");
            assertEquals(43, opened.getKey().length()); // 32 bytes, base64url without padding
            assertEquals(43, opened.getValue().csrfToken().length());
            assertTrue(seen.add(opened.getKey()));
            assertTrue(seen.add(opened.getValue().csrfToken()));
            assertNotEquals(opened.getKey(), opened.getValue().csrfToken());
        }
    }

    @Test
    public void theCsrfTokenMatchesOnlyItself() {
        Session session = sessions.open("admin").getValue();
        assertTrue(session.csrfMatches(session.csrfToken()));
        assertFalse(session.csrfMatches(null));
        assertFalse(session.csrfMatches(""));
        assertFalse(session.csrfMatches(session.csrfToken().substring(1)));
        assertFalse(session.csrfMatches(sessions.open("admin").getValue().csrfToken()));
    }

    @Test
    public void aSessionEndsAfterTheIdleTimeAndUseKeepsItAlive() {
        sessions.reset(Duration.ofMinutes(10));
        String id = sessions.open("admin").getKey();
        clock.addAndGet(Duration.ofMinutes(9).toMillis());
        assertTrue(sessions.find(id).isPresent()); // used: the idle time starts again
        clock.addAndGet(Duration.ofMinutes(9).toMillis());
        assertTrue(sessions.find(id).isPresent());
        clock.addAndGet(Duration.ofMinutes(10).toMillis() + 1);
        assertTrue(sessions.find(id).isEmpty());
        assertEquals(0, sessions.size());
    }

    @Test
    public void logoutAndNewCredentialsEndSessions() {
        String first = sessions.open("admin").getKey();
        String second = sessions.open("admin").getKey();
        sessions.close(first);
        assertTrue(sessions.find(first).isEmpty());
        assertTrue(sessions.find(second).isPresent());
        sessions.reset(Duration.ofMinutes(60));
        assertTrue(sessions.find(second).isEmpty());
    }

    @Test
    public void beyondTheBoundTheLeastRecentlyUsedSessionEnds() {
        String oldest = sessions.open("admin").getKey();
        String used = sessions.open("admin").getKey();
        for (int i = 2; i < Sessions.MAX_SESSIONS; i++) {
            sessions.open("admin");
        }
        assertTrue(sessions.find(used).isPresent());
        sessions.open("admin");
        assertEquals(Sessions.MAX_SESSIONS, sessions.size());
        assertTrue(sessions.find(oldest).isEmpty());
        assertTrue(sessions.find(used).isPresent());
    }
}
