package io.flowmqtt.outputs.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class SubjectSelectionTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void starAndEmptyTakeEverything() throws Exception {
        for (String text : new String[] {"*", " * ", "", null, "3/0/1, *"}) {
            assertSelects(text, true, List.of("3/0/12", "0/0/0", ""), List.of());
        }
    }

    @Test
    public void wildcardPerLevel() throws Exception {
        assertSelects("3/0/*", true, List.of("3/0/12", "3/0/0"), List.of("3/1/12", "4/0/12", "30/0/12"));
        assertSelects("*/2/*", true, List.of("1/2/3", "9/2/0"), List.of("1/3/2"));
        assertSelects("*/*/*", true, List.of("1/2/3"), List.of());
    }

    @Test
    public void bareIdIsThatWidgetInAnyCubeAndAnalytic() throws Exception {
        assertSelects("12", true, List.of("3/0/12", "1/7/12"), List.of("3/0/1", "3/0/121", "12/0/1"));
    }

    @Test
    public void severalEntriesAreAlternatives() throws Exception {
        assertSelects("3/0/*, 12 ,1/*/5", true, List.of("3/0/1", "9/9/12", "1/4/5"),
                List.of("3/1/1", "2/4/5", "9/9/13"));
    }

    @Test
    public void exactTriple() throws Exception {
        assertSelects("1/0/4", true, List.of("1/0/4"), List.of("1/0/40", "1/0"));
    }

    @Test
    public void malformedWidgetEntriesAreRejectedNamingWidgets() {
        for (String text : new String[] {"abc", "1/2", "1/x/3", "1/2/3/4", "1//3", "3/0/*,abc", "-1", "1/2/+", "#"}) {
            try {
                SubjectSelection.parse(text, true);
                fail("'" + text + "' was accepted");
            } catch (InvalidOutputException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("widgets: "));
            }
        }
    }

    @Test
    public void messagesSayWhatIsWrong() {
        assertMessage("abc", "'abc'");
        assertMessage("1/2", "'1/2' is not a widget id or cube/analytic/widget");
        assertMessage("1/x/3", "'x'");
    }

    @Test
    public void otherSourcesTakeAnyPathWithoutWildcards() throws Exception {
        assertSelects("eth0, disks/*", false, List.of("eth0", "disks/sda"), List.of("wlan0", ""));
        for (String text : new String[] {"a/+", "a/#", "a//b"}) {
            try {
                SubjectSelection.parse(text, false);
                fail("'" + text + "' was accepted");
            } catch (InvalidOutputException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("widgets: "));
            }
        }
    }

    /** Parses {@code text} and checks that it takes each subject of {@code taken} and none of {@code left}. */
    private static void assertSelects(String text, boolean widgets, List<String> taken, List<String> left)
            throws Exception {
        SubjectSelection s = SubjectSelection.parse(text, widgets);
        for (String subject : taken) {
            assertTrue("'" + text + "' takes '" + subject + "'", s.matches(subject));
        }
        for (String subject : left) {
            assertFalse("'" + text + "' leaves out '" + subject + "'", s.matches(subject));
        }
    }

    private static void assertMessage(String text, String part) {
        try {
            SubjectSelection.parse(text, true);
            fail("'" + text + "' was accepted");
        } catch (InvalidOutputException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(part));
        }
    }
}
