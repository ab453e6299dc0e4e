package io.flowmqtt.itests;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. Both paths are given, so Selenium
 * Manager never runs (it would try to download a driver, which this closed network refuses). The
 * flags are the ones this network needs: without the background-networking ones Chromium's own
 * connections are refused many at a time. Every wait is a condition with a deadline.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = System.getProperty("flow.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    Browser(Path work) throws IOException {
        Path profile = Files.createDirectories(work.resolve("chromium-profile")); // fresh: the work folder is new per run
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withLogFile(work.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900",
                "--force-device-scale-factor=1", "--hide-scrollbars", "--lang=en-US");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL")); // console messages, for the tests to read
        driver = new ChromeDriver(service, options);
    }

    WebDriver driver() {
        return driver;
    }

    /** Waits until {@code condition} gives a non-null, non-false value; elements replaced meanwhile are looked up again. */
    <T> T await(String what, Function<WebDriver, T> condition) {
        return await(what, WAIT, condition);
    }

    <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        wait.withMessage(what);
        return wait.until(condition);
    }

    WebElement visible(By by) {
        return await(by + " to be visible", d -> {
            List<WebElement> found = d.findElements(by);
            return found.size() == 1 && found.get(0).isDisplayed() ? found.get(0) : null;
        });
    }

    void awaitHidden(By by) {
        await(by + " to be hidden", d -> d.findElements(by).stream().noneMatch(WebElement::isDisplayed));
    }

    /** Replaces a field's value the way a person would: select all, type. */
    void type(By by, String text) {
        WebElement field = visible(by);
        field.clear();
        field.sendKeys(text);
    }

    void click(By by) {
        visible(by).click();
    }

    void check(By by, boolean checked) {
        WebElement box = visible(by);
        if (box.isSelected() != checked) {
            box.click();
        }
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The console's errors since the last call: script exceptions, policy violations, refused requests. */
    List<String> severeConsoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** Whether a native dialog (an alert from a script that should never have run) is open. */
    boolean alertOpen() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException none) {
            return false;
        }
    }

    /**
     * A PNG of {@code element} whole, also where it reaches below the window (DevTools' capture
     * with a clip, beyond the viewport), or of the window when {@code element} is null.
     */
    void screenshot(Path file, WebElement element) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] png;
        if (element == null) {
            png = driver.getScreenshotAs(OutputType.BYTES);
        } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> box = (Map<String, Object>) script("const r = arguments[0].getBoundingClientRect();"
                    + "return {x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height};", element);
            Map<String, Object> clip = Map.of("x", num(box.get("x")) - 8, "y", Math.max(0, num(box.get("y")) - 8),
                    "width", num(box.get("width")) + 16, "height", num(box.get("height")) + 16, "scale", 1);
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "clip", clip, "captureBeyondViewport", true));
            png = Base64.getDecoder().decode((String) shot.get("data"));
        }
        Files.write(file, png);
    }

    private static double num(Object value) {
        return ((Number) value).doubleValue();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
