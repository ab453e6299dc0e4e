package io.flowmqtt.operator.page.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * Static checks of the page's files, cheap enough for every build: the promises that keep outside
 * text inert (no markup sinks in the script, nothing inline that the content security policy would
 * have to allow) and that the script only looks up elements the page has.
 */
public class PageFilesTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static String file(String name) throws IOException {
        try (InputStream in = PageFilesTest.class.getResourceAsStream("/ui/" + name)) {
            assertTrue("missing /ui/" + name, in != null);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    public void theScriptHasNoMarkupSinks() throws IOException {
        String js = file("app.js");
        for (String sink : new String[] {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                "createContextualFragment", "srcdoc"}) {
            assertFalse("app.js must put outside text in as text, not through " + sink, js.contains(sink));
        }
    }

    @Test
    public void thePageHasNothingInlineToRun() throws IOException {
        String html = file("index.html");
        assertTrue(html.contains("<script src=\"app.js\" defer></script>"));
        assertTrue(html.contains("<link rel=\"stylesheet\" href=\"app.css\">"));
        assertEquals("one script, loaded from a file", 1, count(Pattern.compile("<script\\b"), html));
        assertEquals("no inline event handler", 0, count(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE), html));
        assertEquals("no inline style (the policy allows style sheets from this origin only)", 0,
                count(Pattern.compile("\\sstyle\\s*="), html));
        assertEquals("no <style> block", 0, count(Pattern.compile("<style\\b"), html));
    }

    @Test
    public void thePolicyAllowsNothingInline() {
        String csp = PageHeaders.CONTENT_SECURITY_POLICY;
        assertFalse(csp.contains("unsafe-inline"));
        assertFalse(csp.contains("unsafe-eval"));
        assertTrue(csp.contains("script-src 'self'"));
        assertTrue(csp.contains("default-src 'none'"));
    }

    @Test
    public void everyElementTheScriptLooksUpExists() throws IOException {
        String js = file("app.js");
        String html = file("index.html");
        List<String> missing = new ArrayList<>();
        Matcher ids = Pattern.compile("\\$\\('([A-Za-z0-9_-]+)'\\)").matcher(js);
        while (ids.find()) {
            if (!html.contains("id=\"" + ids.group(1) + "\"")) {
                missing.add(ids.group(1));
            }
        }
        // ids built from the names of the interface form's check boxes and secrets
        for (String name : new String[] {"useClientCertificate", "useCaCertificate", "verifyServerCertificate",
                "disableHostnameVerification", "showLogs", "password", "password-clear", "password-state", "clientKeyPassword",
                "clientKeyPassword-clear", "clientKeyPassword-state"}) {
            if (!html.contains("id=\"if-" + name + "\"")) {
                missing.add("if-" + name);
            }
        }
        for (String policy : new String[] {"create", "update", "close"}) {
            if (!html.contains("id=\"out-policy-" + policy + "\"")) {
                missing.add("out-policy-" + policy);
            }
        }
        assertTrue("app.js looks up elements index.html does not have: " + missing, missing.isEmpty());
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
