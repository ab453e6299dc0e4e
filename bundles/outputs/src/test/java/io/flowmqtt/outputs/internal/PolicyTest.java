package io.flowmqtt.outputs.internal;

import static io.flowmqtt.api.EventState.CLOSED;
import static io.flowmqtt.api.EventState.CREATED;
import static io.flowmqtt.api.EventState.UPDATED;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.flowmqtt.api.EventState;
import java.util.EnumSet;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class PolicyTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);


    @Test
    public void everyWordOfEachState() throws Exception {
        for (String word : new String[] {"create", "created", "on_create", "CREATE", "Created"}) {
            assertEquals(word, Set.of(CREATED), Policy.parse(word).states());
        }
        for (String word : new String[] {"update", "updated", "on_update", "UPDATE"}) {
            assertEquals(word, Set.of(UPDATED), Policy.parse(word).states());
        }
        for (String word : new String[] {"close", "closed", "closing", "on_close", "Closing"}) {
            assertEquals(word, Set.of(CLOSED), Policy.parse(word).states());
        }
    }

    @Test
    public void combinationsWithCommasAndOrWhiteSpace() throws Exception {
        assertEquals(EnumSet.allOf(EventState.class), Policy.parse("create,update,close").states());
        assertEquals(EnumSet.allOf(EventState.class), Policy.parse(" close , create  update ").states());
        assertEquals(Set.of(CREATED, CLOSED), Policy.parse("create, close").states());
        assertEquals(Set.of(CREATED, CLOSED), Policy.parse("on_create on_close").states());
        assertEquals(Set.of(UPDATED, CLOSED), Policy.parse("update,,closed,").states());
        assertEquals(Set.of(CREATED), Policy.parse("create,created,CREATE").states());
    }

    @Test
    public void allowsOnlyItsStates() throws Exception {
        Policy policy = Policy.parse("create,close");
        assertTrue(policy.allows(CREATED));
        assertFalse(policy.allows(UPDATED));
        assertTrue(policy.allows(CLOSED));
    }

    @Test
    public void emptyPolicyIsRejectedNamingTheProperty() {
        for (String text : new String[] {"", "   ", ",", " , ,", null}) {
            String message = failure(text);
            assertTrue(message, message.startsWith("policy: "));
            assertTrue(message, message.contains("empty"));
        }
    }

    @Test
    public void unknownWordIsRejectedNamingTheWordAndTheProperty() {
        String message = failure("create,creat");
        assertTrue(message, message.startsWith("policy: "));
        assertTrue(message, message.contains("'creat'"));
        assertTrue(message, message.contains("create, update, close"));

        message = failure("on_delete");
        assertTrue(message, message.startsWith("policy: ") && message.contains("'on_delete'"));
        message = failure("create;update");
        assertTrue(message, message.contains("'create;update'"));
    }

    private static String failure(String text) {
        try {
            Policy.parse(text);
        } catch (InvalidOutputException e) {
            return e.getMessage();
        }
        fail("'" + text + "' was accepted");
        return null;
    }
}
