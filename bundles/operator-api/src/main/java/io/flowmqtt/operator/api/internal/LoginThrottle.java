package io.flowmqtt.operator.api.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing per remote address: after each failed login the next attempt from that
 * address is refused for 1, 2, 4, ... up to 60 seconds. A successful login, or a quarter of an hour
 * without failures, forgets the address. At most {@link #MAX_ADDRESSES} are kept (the one that failed
 * longest ago goes first), so that many addresses cannot exhaust the memory.
 */
final class LoginThrottle {
    static final int MAX_ADDRESSES = 10_000;
    static final long MAX_DELAY_MILLIS = 60_000;
    static final long FORGET_AFTER_MILLIS = 15 * 60_000;

    private record Failures(int count, long lastFailure) {
        long blockedUntil() {
            long delay = count >= 7 ? MAX_DELAY_MILLIS : Math.min(MAX_DELAY_MILLIS, 1000L << (count - 1));
            return lastFailure + delay;
        }
    }

    private final LongSupplier clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true);

    LoginThrottle(LongSupplier clock) {
        this.clock = clock;
    }

    /** Milliseconds until {@code address} may try again; 0 when it may now. */
    synchronized long waitMillis(String address) {
        Failures f = current(address);
        return f == null ? 0 : Math.max(0, f.blockedUntil() - clock.getAsLong());
    }

    synchronized void failed(String address) {
        Failures f = current(address);
        failures.put(address, new Failures(f == null ? 1 : f.count() + 1, clock.getAsLong()));
        if (failures.size() > MAX_ADDRESSES) {
            Iterator<String> eldest = failures.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    synchronized void succeeded(String address) {
        failures.remove(address);
    }

    private Failures current(String address) {
        Failures f = failures.get(address);
        if (f != null && clock.getAsLong() - f.lastFailure() > FORGET_AFTER_MILLIS) {
            failures.remove(address);
            return null;
        }
        return f;
    }
}
