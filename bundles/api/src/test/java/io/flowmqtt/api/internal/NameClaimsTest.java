package io.flowmqtt.api.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class NameClaimsTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(10);

    private final NameClaims claims = new NameClaims();
    private final List<String> takenOver = new ArrayList<>();
    private final Object first = new Object();
    private final Object second = new Object();
    private final Object third = new Object();

    private Optional<String> claim(String name, Object owner, String label) {
        return claims.claim(name, owner, label, () -> takenOver.add(label));
    }

    @Test
    public void aFreeNameIsGrantedAndClaimingItAgainKeepsIt() {
        assertEquals(Optional.empty(), claim("plant", first, "pid-a"));
        assertEquals(Optional.empty(), claim("plant", first, "pid-a"));
        assertEquals(Optional.of("pid-a"), claims.holder("plant"));
    }

    @Test
    public void aDuplicateWaitsAndIsToldWhoHoldsTheName() {
        claim("plant", first, "pid-a");

        assertEquals(Optional.of("pid-a"), claim("plant", second, "pid-b"));
        assertEquals(Optional.of("pid-a"), claims.holder("plant"));
        assertTrue(takenOver.isEmpty());
    }

    @Test
    public void releaseHandsTheNameToTheWaitersInTheOrderTheyCame() {
        claim("plant", first, "pid-a");
        claim("plant", second, "pid-b");
        claim("plant", third, "pid-c");
        claim("plant", second, "pid-b"); // asking again keeps its place

        claims.release(first);
        assertEquals(Optional.of("pid-b"), claims.holder("plant"));
        assertEquals(List.of("pid-b"), takenOver);
        assertEquals("the third still waits, told who holds it now", Optional.of("pid-b"), claim("plant", third, "pid-c"));

        claims.release(second);
        assertEquals(Optional.of("pid-c"), claims.holder("plant"));
        assertEquals(List.of("pid-b", "pid-c"), takenOver);
    }

    @Test
    public void aRenameFreesTheOldNameForItsWaiter() {
        claim("plant", first, "pid-a");
        claim("plant", second, "pid-b");

        assertEquals(Optional.empty(), claim("hall", first, "pid-a"));

        assertEquals(Optional.of("pid-b"), claims.holder("plant"));
        assertEquals(Optional.of("pid-a"), claims.holder("hall"));
        assertEquals(List.of("pid-b"), takenOver);
    }

    @Test
    public void aRenameToATakenNameLetsGoOfTheOldOne() {
        claim("plant", first, "pid-a");
        claim("hall", second, "pid-b");

        assertEquals(Optional.of("pid-a"), claim("plant", second, "pid-b"));

        assertEquals(Optional.empty(), claims.holder("hall"));
    }

    @Test
    public void aWaiterThatIsReleasedNoLongerTakesTheNameOver() {
        claim("plant", first, "pid-a");
        claim("plant", second, "pid-b");

        claims.release(second);
        claims.release(first);

        assertEquals(Optional.empty(), claims.holder("plant"));
        assertTrue(takenOver.isEmpty());
    }

    @Test
    public void theTakeOverMayClaimAgainWithoutADeadlock() {
        claim("plant", first, "pid-a");
        List<Optional<String>> again = new ArrayList<>();
        claims.claim("plant", second, "pid-b", () -> again.add(claims.claim("plant", second, "pid-b", () -> { })));

        claims.release(first);

        assertEquals(List.of(Optional.empty()), again);
        assertEquals(Optional.of("pid-b"), claims.holder("plant"));
    }
}
