package io.flowmqtt.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonParser;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import io.flowmqtt.testing.mosquitto.TestCertificates;
import io.flowmqtt.testing.mosquitto.TestSubscriber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.rules.Timeout;
import org.junit.runners.MethodSorters;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The operator page in a real headless Chromium, against the assembled runtime as a real process
 * and a real Mosquitto that requires a client certificate and a password. The methods run in name
 * order and build on each other as an operator would: log in, create an interface with mutual TLS
 * from uploaded files, test its connection, add an output, change the topic prefix live, follow the
 * log; then the refusals (a bad address, outside text as markup, no session, no CSRF token, secrets).
 * The screenshots of the README are taken on the way.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class OperatorPageIT {
    @ClassRule
    public static final Timeout CLASS_TIMEOUT = Timeout.seconds(240);

    static final String XSS = "<img src=x onerror=alert(1)>";
    private static final String OPERATOR = "operator";
    private static final String OPERATOR_PASSWORD = "page-test-" + UUID.randomUUID();
    private static final String BROKER_USER = "flowdevice";
    private static final String BROKER_PASSWORD = "broker-" + UUID.randomUUID();
    private static final String KEY_PASSWORD = "keypass"; // TestCertificates' encrypted client key
    private static final String BLOCK = "page-test";

    private static Path work;
    private static Path screenshots;
    private static TestCertificates certs;
    private static Mosquitto broker;
    private static OperatorRuntime runtime;
    private static Browser browser;

    @BeforeClass
    public static void start() throws Exception {
        work = Path.of(System.getProperty("flow.itest.dir"), OperatorPageIT.class.getSimpleName());
        RuntimeProcessIT.deleteTree(work);
        screenshots = Path.of(System.getProperty("flow.screenshots.dir", work.resolve("screenshots").toString()));
        certs = TestCertificates.create(work.resolve("pki"));
        broker = Mosquitto.in(work.resolve("broker")).tcp().tls(certs, "server", true).password(BROKER_USER, BROKER_PASSWORD).start();
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("flow.device.cfg", "blockName = " + BLOCK + "\n");
        // short time blocks, so that closed events (the "On closing" policy) come every 2 s
        conf.put("flow.simulator.cfg", "seed = 7\nanalytics = 1\ntickMillis = 200\ntimeBlockSeconds = 2\n");
        conf.put("flow.operator.cfg", "username = " + OPERATOR + "\npasswordHash = " + OperatorRuntime.passwordHash(OPERATOR_PASSWORD) + "\n");
        runtime = OperatorRuntime.create(work.resolve("runtime"), conf).start();
        browser = new Browser(work);
    }

    @AfterClass
    public static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (runtime != null) {
                runtime.close();
            }
            if (broker != null) {
                broker.stop();
            }
        }
    }

    @Test
    public void a_theRootLeadsToTheLoginFormAndTheLoginToTheInterfaces() throws Exception {
        browser.driver().get(runtime.base() + "/");
        browser.await("the root to redirect to the page", d -> d.getCurrentUrl().endsWith("/ui/index.html"));
        browser.visible(By.id("login-form"));
        browser.awaitHidden(By.id("app"));
        browser.screenshot(screenshots.resolve("login.png"), null);
        browser.type(By.id("login-username"), OPERATOR);
        browser.type(By.id("login-password"), OPERATOR_PASSWORD);
        browser.click(By.id("login-submit"));
        browser.visible(By.id("interfaces"));
        browser.visible(By.id("interfaces-empty"));
        assertEquals(OPERATOR, browser.visible(By.id("who-name")).getText());
    }

    @Test
    public void b_anInterfaceWithMutualTlsFromUploadedFilesConnectsAndPassesTheConnectionTest() throws Exception {
        browser.click(By.id("add-interface"));
        browser.type(By.id("if-name"), "plant");
        browser.type(By.id("if-address"), "ssl://127.0.0.1:" + broker.tlsPort());
        new Select(browser.visible(By.id("if-qos"))).selectByValue("1");
        browser.type(By.id("if-username"), BROKER_USER);
        browser.type(By.id("if-password"), BROKER_PASSWORD);
        browser.check(By.id("if-useClientCertificate"), true);
        upload("clientCertificate", certs.clientCertificate());
        upload("clientKey", certs.clientKeyEncrypted());
        browser.type(By.id("if-clientKeyPassword"), KEY_PASSWORD);
        browser.check(By.id("if-useCaCertificate"), true);
        upload("caCertificate", certs.caCertificate());
        browser.type(By.id("if-topicPrefix"), "site1");
        assertEquals("site1/" + BLOCK, previewOnceKnown());
        browser.check(By.id("if-showLogs"), true);
        browser.screenshot(screenshots.resolve("interface-settings.png"), browser.visible(By.id("settings")));
        browser.click(By.id("if-save"));

        awaitState("plant", "connected");
        // write-only: the form says "set" and the field is empty again
        browser.await("the password to show as set", d -> d.findElement(By.id("if-password-state")).getText().equals("set"));
        assertEquals("", browser.visible(By.id("if-password")).getAttribute("value"));
        assertEquals("set", browser.visible(By.id("if-clientKeyPassword-state")).getText());

        browser.click(By.id("if-test"));
        browser.await("the connection test to pass", d -> d.findElement(By.id("test-summary")).getText().equals("passed"));
        for (String step : new String[] {"dns", "tcp", "tls", "connack", "puback", "qos"}) {
            WebElement row = browser.visible(By.cssSelector("#test-addresses li.step[data-step='" + step + "']"));
            assertTrue(step + " passed: " + row.getText(), row.getAttribute("class").contains("ok"));
        }
        browser.screenshot(screenshots.resolve("test-connection.png"), browser.visible(By.id("test-result")));
        browser.click(By.id("if-cancel"));
        assertNoSecretIn(browser.driver().getPageSource());
    }

    @Test
    public void c_anOutputWithOnlyOnClosingSendsOnlyClosedEvents() throws Exception {
        try (TestSubscriber subscriber = subscribe("site1/" + BLOCK + "/widgets/#")) {
            cardButton("plant", "outputs").click();
            browser.click(By.id("add-output"));
            browser.type(By.id("out-name"), "closes");
            browser.await("the sources to be offered", d -> new Select(d.findElement(By.id("out-source"))).getOptions().size() >= 4);
            new Select(browser.visible(By.id("out-source"))).selectByValue("widgets");
            // two widgets picked from those the runtime has seen (GET /api/v1/widgets)
            browser.check(By.id("out-widgets-pick"), true);
            for (String widget : new String[] {"1/0/1", "1/0/2"}) {
                browser.check(By.cssSelector("#out-widget-picker input[value='" + widget + "']"), true);
            }
            browser.check(By.id("out-policy-create"), false);
            browser.check(By.id("out-policy-update"), false);
            browser.check(By.id("out-policy-close"), true);
            browser.click(By.id("out-save"));
            browser.await("the output to be active", d -> d.findElement(By.cssSelector("tr.output[data-name='closes'] .col-state"))
                    .getText().startsWith("active"));

            List<TestSubscriber.Received> data = subscriber.awaitData(3, 20_000);
            for (TestSubscriber.Received message : data) {
                assertTrue("only the picked widgets: " + message.topic(), message.topic().endsWith("/1/0/1") || message.topic().endsWith("/1/0/2"));
                String state = JsonParser.parseString(message.payload()).getAsJsonObject().get("event_state").getAsString();
                assertEquals("only closed events with policy close: " + message.topic(), "closed", state);
            }
            browser.await("the last publish time to show",
                    d -> !d.findElement(By.cssSelector("tr.output[data-name='closes'] .col-last")).getText().startsWith("never"));
            assertEquals("On closing", browser.visible(By.cssSelector("tr.output[data-name='closes'] .col-policy")).getText());
            assertEquals("1/0/1,1/0/2", browser.visible(By.cssSelector("tr.output[data-name='closes'] .col-selection")).getText());
            browser.screenshot(screenshots.resolve("outputs.png"), browser.visible(By.id("outputs")));
        }
    }

    @Test
    public void d_aTopicPrefixChangedOnThePageAppliesLive() throws Exception {
        try (TestSubscriber subscriber = subscribe("site2/live/" + BLOCK + "/widgets/#")) {
            cardButton("plant", "edit").click();
            browser.type(By.id("if-topicPrefix"), "site2/live");
            assertEquals("the preview follows the typing", "site2/live/" + BLOCK, browser.visible(By.id("topic-preview")).getText());
            browser.click(By.id("if-save"));
            subscriber.awaitData(1, 20_000);
            browser.click(By.id("if-cancel"));
        }
    }

    @Test
    public void e_showLogsFollowsThePublishesLive() throws Exception {
        cardButton("plant", "logs").click();
        By publishes = By.cssSelector("#log-lines li.kind-publish");
        browser.await("publish lines under the new prefix", d -> d.findElements(publishes).stream()
                .anyMatch(li -> li.getText().contains("site2/live/" + BLOCK + "/widgets/")));
        int seen = browser.driver().findElements(publishes).size();
        browser.await("more lines while it is open", d -> d.findElements(publishes).size() > seen);
        browser.screenshot(screenshots.resolve("logs.png"), browser.visible(By.id("logs")));
        browser.click(By.id("logs-close"));
        browser.await("messages to be counted", d -> !d.findElement(By.cssSelector("article.card[data-name='plant'] .counters"))
                .getText().startsWith("0 queued 0"));
        browser.screenshot(screenshots.resolve("interfaces.png"), browser.visible(By.id("interfaces")));
    }

    @Test
    public void f_diagnosticsAreShownReadably() throws Exception {
        for (String type : new String[] {"system", "network", "processing"}) {
            browser.await(type + " diagnostics", Duration.ofSeconds(30), d -> !d.findElements(
                    By.cssSelector("[data-diag='" + type + "'] .kv-row")).isEmpty());
        }
        assertTrue(browser.visible(By.cssSelector("[data-diag='processing']")).getText().contains(BLOCK));
        browser.screenshot(screenshots.resolve("diagnostics.png"), browser.visible(By.id("diagnostics")));
    }

    @Test
    public void g_anInvalidAddressShowsItsErrorNextToTheField() throws Exception {
        browser.click(By.id("add-interface"));
        browser.type(By.id("if-name"), "broken");
        browser.type(By.id("if-address"), "foo://x");
        browser.click(By.id("if-save"));
        WebElement error = browser.visible(By.cssSelector("#interface-form [data-error-for='address']"));
        assertTrue(error.getText(), error.getText().contains("foo"));
        assertEquals("true", browser.visible(By.id("if-address")).getAttribute("aria-invalid"));
        browser.click(By.id("if-cancel"));
        assertTrue(browser.driver().findElements(By.cssSelector("article.card[data-name='broken']")).isEmpty());
    }

    @Test
    public void h_outsideTextStaysTextAndDeleteAsksFirst() throws Exception {
        // a configuration file with markup where the broker's address and the prefix go: its status detail echoes it
        Files.writeString(runtime.home().resolve("conf/flow.mqtt.interface-evil.cfg"),
                "address = tcp://" + XSS + ":1883\ntopicPrefix = " + XSS + "\n");
        awaitState("evil", "invalid");
        // and markup typed as a name
        browser.click(By.id("add-interface"));
        browser.type(By.id("if-name"), XSS);
        browser.type(By.id("if-address"), "mqtt://127.0.0.1:" + Mosquitto.freePort());
        browser.type(By.id("if-topicPrefix"), XSS);
        browser.click(By.id("if-save"));
        browser.await("the name to be answered (refused or taken)", d -> d.findElement(By.id("interface-form-error")).isDisplayed()
                || !d.findElements(By.cssSelector("article.card .name")).stream().filter(n -> n.getText().equals(XSS)).toList().isEmpty());
        assertFalse("no script ran", browser.alertOpen());
        assertEquals("no element was made from the text", 0L, browser.script("return document.querySelectorAll('img').length"));
        String text = browser.visible(By.tagName("body")).getText();
        assertTrue("the text is shown as text", text.contains(XSS));
        // evidence beside the test's files, not for the README
        browser.screenshot(work.resolve("outside-text-form.png"), browser.visible(By.id("interface-form")));
        browser.screenshot(work.resolve("outside-text-card.png"), browser.visible(By.cssSelector("article.card[data-name='evil']")));
        browser.click(By.id("if-cancel"));

        cardButton("evil", "delete").click();
        WebElement dialog = browser.visible(By.id("confirm"));
        assertTrue(dialog.getText(), dialog.getText().contains("evil"));
        browser.click(By.id("confirm-cancel"));
        assertFalse(browser.driver().findElements(By.cssSelector("article.card[data-name='evil']")).isEmpty());
        cardButton("evil", "delete").click();
        browser.click(By.id("confirm-ok"));
        browser.await("the deleted interface to go", d -> d.findElements(By.cssSelector("article.card[data-name='evil']")).isEmpty());
        assertFalse(browser.alertOpen());
    }

    @Test
    public void i_aSmallScreenGetsOneColumn() throws Exception {
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.script("window.scrollTo(0, 0)");
            String columns = (String) browser.script("return getComputedStyle(document.querySelector('.diag-grid')).gridTemplateColumns");
            assertEquals("one column: " + columns, 1, columns.trim().split("\\s+").length);
            browser.screenshot(screenshots.resolve("small-screen.png"), null);
        } finally {
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    @Test
    public void j_enableAndDisableFromTheList() throws Exception {
        cardButton("plant", "disable").click();
        awaitState("plant", "disabled");
        cardButton("plant", "enable").click();
        awaitState("plant", "connected");
    }

    @Test
    public void z_noSessionNoTokenNoSecrets() throws Exception {
        for (String path : new String[] {"/api/v1/interfaces", "/api/v1/interfaces/plant", "/api/v1/interfaces/plant/log?since=0",
                "/api/v1/outputs", "/api/v1/sources", "/api/v1/widgets", "/api/v1/diagnostics", "/api/v1/session"}) {
            assertEquals("without a session: " + path, 401, runtime.call("GET", path, null, null, null).status());
        }
        assertEquals(401, runtime.call("POST", "/api/v1/interfaces", "{\"name\":\"x\",\"properties\":{}}", null, null).status());

        OperatorRuntime.Session session = runtime.login(OPERATOR, OPERATOR_PASSWORD);
        String output = "{\"name\":\"sneaky\",\"properties\":{\"interface\":\"plant\",\"source\":\"widgets\"}}";
        assertEquals("no token", 403, runtime.call("POST", "/api/v1/outputs", output, session.cookie(), null).status());
        assertEquals("a wrong token", 403, runtime.call("POST", "/api/v1/outputs", output, session.cookie(), "wrong").status());
        assertEquals(403, runtime.call("DELETE", "/api/v1/interfaces/plant", null, session.cookie(), null).status());
        assertEquals(403, runtime.call("PUT", "/api/v1/interfaces/plant", "{\"properties\":{}}", session.cookie(), null).status());
        assertEquals("still there", 200, runtime.call("GET", "/api/v1/interfaces/plant", null, session.cookie(), null).status());

        List<String> bodies = new ArrayList<>();
        for (String path : new String[] {"/api/v1/interfaces", "/api/v1/interfaces/plant", "/api/v1/interfaces/plant/log?since=0",
                "/api/v1/outputs", "/api/v1/diagnostics", "/api/v1/session"}) {
            OperatorRuntime.Answer answer = runtime.call("GET", path, null, session.cookie(), null);
            assertEquals(path, 200, answer.status());
            bodies.add(answer.body());
        }
        bodies.forEach(OperatorPageIT::assertNoSecretIn);
        assertTrue(bodies.get(1), bodies.get(1).contains("\"password\":true"));
        cardButton("plant", "edit").click();
        assertNoSecretIn(browser.driver().getPageSource());
        browser.click(By.id("if-cancel"));
        browser.click(By.id("logout"));
        browser.visible(By.id("login-form"));
        assertTrue("nothing of the session stays on the page", browser.driver().findElements(By.cssSelector("article.card")).isEmpty());
        assertEquals("a wrong password", 401, runtime.call("POST", "/api/v1/session",
                "{\"username\":\"" + OPERATOR + "\",\"password\":\"nope\"}", null, null).status());
    }

    /** No script error and no content-security-policy violation in any test (a refused request is logged too, and allowed). */
    @After
    public void noScriptErrors() {
        List<String> problems = browser.severeConsoleMessages().stream()
                .filter(m -> !m.contains("Failed to load resource")).toList();
        assertTrue("the browser console: " + problems, problems.isEmpty());
    }

    // ---------------------------------------------------------------- helpers

    private static void upload(String property, Path file) {
        browser.driver().findElement(By.id("if-" + property + "-file")).sendKeys(file.toString());
        browser.await(property + " to be uploaded", d -> d.findElement(By.cssSelector("[data-file-state='" + property + "']"))
                .getText().startsWith("Uploaded"));
    }

    /** The topic preview, once the block name has come from the diagnostics. */
    private static String previewOnceKnown() {
        return browser.await("the preview to name the block", d -> {
            String text = d.findElement(By.id("topic-preview")).getText();
            return text.contains(BLOCK) ? text : null;
        });
    }

    private static WebElement cardButton(String name, String action) {
        return browser.visible(By.cssSelector("article.card[data-name='" + name + "'] button[data-action='" + action + "']"));
    }

    private static void awaitState(String name, String state) {
        By badge = By.cssSelector("article.card[data-name='" + name + "'] .badge");
        browser.await(name + " to be " + state, Duration.ofSeconds(30), d -> d.findElements(badge).stream()
                .anyMatch(b -> b.getText().equals(state)));
    }

    private static TestSubscriber subscribe(String filter) throws Exception {
        return TestSubscriber.connect(broker.tcpUrl(), filter, BROKER_USER, BROKER_PASSWORD, true, UUID.randomUUID().toString());
    }

    private static void assertNoSecretIn(String text) {
        assertFalse("the broker password leaked", text.contains(BROKER_PASSWORD));
        assertFalse("the key password leaked", text.contains(KEY_PASSWORD));
        assertFalse("the operator password leaked", text.contains(OPERATOR_PASSWORD));
        assertFalse("a private key leaked", text.contains("PRIVATE KEY"));
    }
}
