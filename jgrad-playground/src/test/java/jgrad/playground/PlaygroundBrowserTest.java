package jgrad.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The playground in a real browser: Debian's chromium, headless, driven by Selenium through
 * chromium-driver (profile {@code -Pbrowser}). Screenshots of each view go to
 * {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlaygroundBrowserTest {
    private static PlaygroundServer server;
    private static ChromeDriver driver;
    private static Path userDataDir;
    private static final List<String> requested = new ArrayList<>();
    private static final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        server = PlaygroundServer.start(0);
        userDataDir = Files.createTempDirectory("jgrad-chromium-");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(System.getProperty("jgrad.chromium", "/usr/bin/chromium"));
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                "--metrics-recording-only", "--window-size=1600,1300", "--user-data-dir=" + userDataDir);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("jgrad.chromedriver", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        // what the browser did before the test opened the page (its own start page) is not the page's
        driver.manage().logs().get(LogType.BROWSER);
        driver.manage().logs().get(LogType.PERFORMANCE);
    }

    @AfterAll
    static void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.stop();
        }
        if (userDataDir != null) {
            try (var files = Files.walk(userDataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    /** Waits for a condition; on a timeout the message carries the page's console errors. */
    private static void waitFor(String what, java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        try {
            waiting().until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            collectLogs();
            throw new AssertionError("timed out waiting for " + what + "; console errors: " + consoleErrors
                    + "; error banner: " + driver.findElement(By.id("error")).getText(), e);
        }
    }

    private static void open(String hash) {
        driver.get("about:blank");
        driver.get(server.url() + hash);
        waiting().until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        collectLogs();
    }

    /** Console errors and every URL the browser asked for, from Chrome's logs. */
    private static void collectLogs() {
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(e.getMessage());
            }
        }
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            Map<?, ?> m = (Map<?, ?>) ((Map<?, ?>) jgrad.io.Json.parse(e.getMessage())).get("message");
            if ("Network.requestWillBeSent".equals(m.get("method"))) {
                requested.add((String) ((Map<?, ?>) ((Map<?, ?>) m.get("params")).get("request")).get("url"));
            }
        }
    }

    private static void screenshot(String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    private static double cell(String label, String column) {
        WebElement td = driver.findElement(By.cssSelector("#expr-table tr[data-label='" + label + "'] td." + column));
        return Double.parseDouble(td.getDomAttribute("data-value"));
    }

    private static String cellText(String label, String column) {
        return driver.findElement(By.cssSelector("#expr-table tr[data-label='" + label + "'] td." + column)).getText();
    }

    private static void stepBackwardToTheEnd() {
        for (int i = 0; i < 100 && !driver.findElement(By.id("phase")).getText().startsWith("backward done"); i++) {
            driver.findElement(By.id("bwd")).click();
        }
        assertThat(driver.findElement(By.id("phase")).getText()).startsWith("backward done");
    }

    @Test
    @Order(1)
    void thePageLoadsWithoutConsoleErrors() {
        open("");
        assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    @Order(2)
    void steppingBackwardThroughTheLecturesExpression() throws IOException {
        open("#view=expression");
        new Select(driver.findElement(By.id("preset"))).selectByValue("lecture");
        waiting().until(d -> !d.findElements(By.cssSelector("#expr-table tr[data-label='L']")).isEmpty());
        // forward one node at a time: L appears last, -8
        for (int i = 0; i < 3; i++) {
            driver.findElement(By.id("fwd")).click();
        }
        assertThat(cell("L", "data")).isEqualTo(-8.0);
        driver.findElement(By.id("bwd")).click();   // the seed, L.grad = 1
        driver.findElement(By.id("bwd")).click();   // L = d * f
        assertThat(driver.findElement(By.id("step-text")).getText()).contains("d.grad += L.grad · f = 1 · (−2)");
        stepBackwardToTheEnd();
        assertThat(cell("a", "grad")).isEqualTo(6.0);
        assertThat(cell("b", "grad")).isEqualTo(-4.0);
        assertThat(cell("c", "grad")).isEqualTo(-2.0);
        assertThat(cell("f", "grad")).isEqualTo(4.0);
        assertThat(cellText("a", "grad")).isEqualTo("6.0000");
        // the graph itself shows them too
        assertThat(driver.findElement(By.cssSelector("#expr-graph g.node[data-label='b'] text.grad")).getText()).isEqualTo("grad −4.0000");
        screenshot("expression");
        // one step of 0.01 along the gradient: the lecture's -7.286496
        driver.findElement(By.id("nudge-h")).clear();
        driver.findElement(By.id("nudge-h")).sendKeys("0.01");
        driver.findElement(By.id("gradstep")).click();
        waiting().until(d -> d.findElement(By.id("nudge-text")).getText().contains("→"));
        assertThat(Double.parseDouble(driver.findElement(By.id("nudge-text")).getDomAttribute("data-after")))
                .isCloseTo(-7.286496, within(1e-9));
        collectLogs();
    }

    @Test
    @Order(3)
    void theTanhNeuron() throws IOException {
        open("#view=expression");
        new Select(driver.findElement(By.id("preset"))).selectByValue("neuron");
        waiting().until(d -> !d.findElements(By.cssSelector("#expr-table tr[data-label='o']")).isEmpty());
        stepBackwardToTheEnd();
        assertThat(cellText("o", "data")).isEqualTo("0.7071");
        assertThat(cell("x1", "grad")).isCloseTo(-1.5, within(1e-9));
        assertThat(cell("w1", "grad")).isCloseTo(1.0, within(1e-9));
        assertThat(cellText("x1", "grad")).isEqualTo("−1.5000");
        assertThat(cellText("w1", "grad")).isEqualTo("1.0000");
        screenshot("expression-neuron");
        collectLogs();
    }

    @Test
    @Order(4)
    void aBadExpressionShowsItsError() {
        open("#view=expression");
        WebElement source = driver.findElement(By.id("source"));
        source.clear();
        source.sendKeys("a = 2\nL = a * (a + 1");
        driver.findElement(By.id("build")).click();
        WebElement error = driver.findElement(By.id("expr-error"));
        waiting().until(d -> error.isDisplayed());
        assertThat(error.getText()).contains("expected ')'").contains("line 2, column 15").contains("L = a * (a + 1\n              ^");
        collectLogs();
        // Chrome logs the deliberate 400 answer as an error; only that one is expected
        assertThat(consoleErrors.removeIf(m -> m.contains("/api/expression - Failed to load resource: the server responded with a status"
                + " of 400"))).isTrue();
    }

    @Test
    @Order(5)
    void twentyStepsOfTheDefaultGiveTheNotebooksLoss() throws IOException {
        double[] notebook = Fixture.notebookLosses();
        open("#view=train");
        waitFor("the first update", d -> "0".equals(d.findElement(By.id("t-stepcount")).getText())
                && !d.findElement(By.id("t-trainloss")).getText().isEmpty());
        assertThat(Double.parseDouble(driver.findElement(By.id("t-trainloss")).getDomAttribute("data-value")))
                .isCloseTo(notebook[0], within(1e-9));
        for (int i = 0; i < 20; i++) {
            driver.findElement(By.id("t-step")).click();
        }
        waitFor("step 20", d -> "20".equals(d.findElement(By.id("t-stepcount")).getText()));
        double shown = Double.parseDouble(driver.findElement(By.id("t-trainloss")).getDomAttribute("data-value"));
        assertThat(shown).isCloseTo(notebook[20], within(1e-9));
        assertThat(driver.findElement(By.id("t-trainloss")).getText()).isEqualTo(String.format(java.util.Locale.ROOT, "%.6f", notebook[20]));
        assertThat(driver.findElement(By.id("t-notebook")).getText()).isEqualTo(String.format(java.util.Locale.ROOT, "%.6f", notebook[20]));
        waiting().until(d -> d.findElements(By.cssSelector("#t-graph g.node")).size() > 10);
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        screenshot("train");
        assertThat(server.sessionCount()).isEqualTo(1);
        collectLogs();
        // leaving the page closes its stream, which ends the session's training thread
        driver.get("about:blank");
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> server.sessionCount() == 0);
    }

    @Test
    @Order(6)
    void thePageRequestsNothingButThisMachine() {
        collectLogs();
        assertThat(requested).isNotEmpty();
        for (String url : requested) {
            assertThat(url.startsWith(server.url()) || url.startsWith("data:") || url.equals("about:blank"))
                    .as("requested " + url).isTrue();
        }
        for (String line : server.requestLog()) {
            assertThat(line).contains(" 127.0.0.1:" + server.port() + " ");
        }
        assertThat(consoleErrors).isEmpty();
    }
}
