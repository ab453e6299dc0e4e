package io.flowmqtt.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class TopicRulesTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void acceptsOrdinaryLevelsAndPaths() {
        assertNull(TopicRules.levelProblem("RCE Block"));
        assertNull(TopicRules.pathProblem("flow/site-1/cam_3"));
        assertNull(TopicRules.pathProblem("flow"));
    }

    @Test
    public void rejectsWhatWouldBreakATopic() {
        assertTrue(TopicRules.levelProblem("").contains("empty"));
        assertTrue(TopicRules.levelProblem("a/b").contains("'/'"));
        assertTrue(TopicRules.levelProblem("a+b").contains("wildcard '+'"));
        assertTrue(TopicRules.levelProblem("#").contains("wildcard '#'"));
        assertTrue(TopicRules.levelProblem("a\u0000b").contains("NUL"));
        assertTrue(TopicRules.levelProblem(" pad").contains("white space"));
        assertTrue(TopicRules.pathProblem("/flow").contains("starts with '/'"));
        assertTrue(TopicRules.pathProblem("flow/").contains("ends with '/'"));
        assertTrue(TopicRules.pathProblem("flow//x").contains("'//'"));
        assertTrue(TopicRules.pathProblem("flow/+/x").contains("wildcard"));
    }

    @Test
    public void joinLeavesOutEmptyParts() {
        assertEquals("flow/dev/widgets", TopicRules.join("flow", "", "dev", null, "widgets"));
        assertEquals("dev", TopicRules.join("", "dev"));
    }
}
