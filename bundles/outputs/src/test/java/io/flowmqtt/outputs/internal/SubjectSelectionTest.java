package io.flowmqtt.outputs.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class SubjectSelectionTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);


    @Test
    public void starAndEmptyTakeEverything() throws Exception {
        for (String text : new String[] {"*", " * ", "", null, "3/0/1, *"}) {
            SubjectSelection all = SubjectSelection.parse(text, true);
            assertTrue(all.matches("3/0/12"));
            assertTrue(all.matches("0/0/0"));
            assertTrue(all.matches(""));
        }
    }

    @Test
    public void wildcardPerLevel() throws Exception {
        SubjectSelection s = SubjectSelection.parse("3/0/*", true);
        assertTrue(s.matches("3/0/12"));
        assertTrue(s.matches("3/0/0"));
        assertFalse(s.matches("3/1/12"));
        assertFalse(s.matches("4/0/12"));
        assertFalse(s.matches("30/0/12"));

        s = SubjectSelection.parse("*/2/*", true);
        assertTrue(s.matches("1/2/3"));
        assertTrue(s.matches("9/2/0"));
        assertFalse(s.matches("1/3/2"));

        s = SubjectSelection.parse("*/*/*", true);
        assertTrue(s.matches("1/2/3"));
    }

    @Test
    public void bareIdIsThatWidgetInAnyCubeAndAnalytic() throws Exception {
        SubjectSelection s = SubjectSelection.parse("12", true);
        assertTrue(s.matches("3/0/12"));
        assertTrue(s.matches("1/7/12"));
        assertFalse(s.matches("3/0/1"));
        assertFalse(s.matches("3/0/121"));
        assertFalse(s.matches("12/0/1"));
    }

    @Test
    public void severalEntriesAreAlternatives() throws Exception {
        SubjectSelection s = SubjectSelection.parse("3/0/*, 12 ,1/*/5", true);
        assertTrue(s.matches("3/0/1"));
        assertTrue(s.matches("9/9/12"));
        assertTrue(s.matches("1/4/5"));
        assertFalse(s.matches("3/1/1"));
        assertFalse(s.matches("2/4/5"));
        assertFalse(s.matches("9/9/13"));
    }

    @Test
    public void exactTriple() throws Exception {
        SubjectSelection s = SubjectSelection.parse("1/0/4", true);
        assertTrue(s.matches("1/0/4"));
        assertFalse(s.matches("1/0/40"));
        assertFalse(s.matches("1/0"));
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
        SubjectSelection s = SubjectSelection.parse("eth0, disks/*", false);
        assertTrue(s.matches("eth0"));
        assertTrue(s.matches("disks/sda"));
        assertFalse(s.matches("wlan0"));
        assertFalse(s.matches(""));
        for (String text : new String[] {"a/+", "a/#", "a//b"}) {
            try {
                SubjectSelection.parse(text, false);
                fail("'" + text + "' was accepted");
            } catch (InvalidOutputException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("widgets: "));
            }
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
