package io.flowmqtt.operator.api.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The operator sessions, in memory only (a restart ends them). A session id and its CSRF token are 256
 * random bits each, from {@link SecureRandom}. Sessions are kept under the SHA-256 of their id, so that
 * the ids themselves are not held, and a lookup costs the same for every id. A session not used for the
 * idle time ends; beyond {@link #MAX_SESSIONS} the least recently used one ends.
 */
final class Sessions {
    static final int MAX_SESSIONS = 64;
    private static final Base64.Encoder TOKEN = Base64.getUrlEncoder().withoutPadding();

    /** One logged-in operator. */
    record Session(String username, String csrfToken) {
        /** Whether {@code header} is this session's CSRF token; compared in constant time. */
        boolean csrfMatches(String header) {
            return PasswordHash.sameText(csrfToken, header);
        }
    }

    private record Entry(Session session, long lastUsed) {
    }

    private final SecureRandom random;
    private final LongSupplier clock;
    private final Map<String, Entry> byDigest = new LinkedHashMap<>(16, 0.75f, true); // access order: eldest = least recently used
    private Duration idle = Duration.ofMinutes(60);

    Sessions(SecureRandom random, LongSupplier clock) {
        this.random = random;
        this.clock = clock;
    }

    /** New credentials or idle time: every session ends, so that a changed password locks out whoever had the old one. */
    synchronized void reset(Duration idleTime) {
        this.idle = idleTime;
        byDigest.clear();
    }

    /** Opens a session; returns its id (for the cookie) and the session. */
    synchronized Map.Entry<String, Session> open(String username) {
        expire();
        while (byDigest.size() >= MAX_SESSIONS) {
            Iterator<String> eldest = byDigest.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        String id = token();
        Session session = new Session(username, token());
        byDigest.put(digest(id), new Entry(session, clock.getAsLong()));
        return Map.entry(id, session);
    }

    /** The live session of {@code id}, marked as used now; empty when there is none or it has expired. */
    synchronized Optional<Session> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        expire();
        String key = digest(id);
        Entry entry = byDigest.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        byDigest.put(key, new Entry(entry.session(), clock.getAsLong()));
        return Optional.of(entry.session());
    }

    /** Ends the session of {@code id}, if any. */
    synchronized void close(String id) {
        if (id != null) {
            byDigest.remove(digest(id));
        }
    }

    synchronized int size() {
        expire();
        return byDigest.size();
    }

    private void expire() {
        long oldest = clock.getAsLong() - idle.toMillis();
        byDigest.values().removeIf(e -> e.lastUsed() < oldest);
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return TOKEN.encodeToString(bytes);
    }

    private static String digest(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
