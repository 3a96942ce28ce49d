package io.sluice.api;

import static io.sluice.reconcile.BoardFixtures.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.reconcile.BoardFixtures.Published;
import io.sluice.reconcile.BoardFixtures;
import io.sluice.reconcile.RolloutBoard;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.Color;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard in a real headless Chromium: a rollout progresses, then turns red on rollback. */
@QuarkusTest
class DashboardBrowserTest {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String SELECTOR = "[data-rollout='isshoni-web']";

    @TestHTTPResource("/")
    URL dashboard;
    @Inject
    RolloutBoard board;

    Path profile;
    ChromeDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        assertTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                "headless Chromium is missing: install the Debian packages chromium and chromium-driver (scripts/setup does)");
        profile = Files.createTempDirectory("sluice-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    WebDriverWait wait;

    /** Reads from the page, again if the dashboard redrew the element meanwhile. */
    <T> T read(String selector, java.util.function.Function<WebElement, T> what) {
        return wait.until(d -> what.apply(d.findElement(By.cssSelector(selector))));
    }

    String text(String selector) {
        return read(selector, WebElement::getText);
    }

    String colour(String selector) {
        return read(selector, e -> Color.fromString(e.getCssValue("background-color")).asHex());
    }

    String split() {
        return read(SELECTOR + " .weights", e -> e.getAttribute("data-split"));
    }

    @Test
    void showsARolloutProgressingThenTurnsRedWithTheRollbackReason() {
        Instant at = Instant.now();
        BoardFixtures.publish(board, at, Duration.ofMillis(300),
                new Published(example("isshoni-web"), BoardFixtures.isshoniProgressing(at)),
                new Published(example("makenaide-orchestrator"), BoardFixtures.makenaideHealthy(at)));
        browser.get(dashboard.toString());
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(SELECTOR)));
        assertEquals("Progressing", text(SELECTOR + " .phase"));
        assertEquals("#0969da", colour(SELECTOR + " .phase"), "Progressing is blue");
        assertEquals("90/10", split());
        assertTrue(text(SELECTOR + " .split").contains("90/10"));
        assertEquals("step 2/5", text(SELECTOR + " .step"));
        assertTrue(text(SELECTOR + " [data-check='five-xx-rate']").contains("fails above 0.01, 2 in a row"));
        assertTrue(text(SELECTOR + " .commit").contains(BoardFixtures.COMMIT.substring(0, 12)));
        assertEquals("Healthy", text("[data-rollout='makenaide-orchestrator'] .phase"));
        assertEquals("#1a7f37", colour("[data-rollout='makenaide-orchestrator'] .phase"), "Healthy is green");

        Instant later = at.plusSeconds(60);
        BoardFixtures.publish(board, later, Duration.ofMillis(300),
                new Published(example("isshoni-web"), BoardFixtures.isshoniRolledBack(later)),
                new Published(example("makenaide-orchestrator"), BoardFixtures.makenaideHealthy(later)));

        wait.until(ExpectedConditions.attributeToBe(By.cssSelector(SELECTOR), "data-phase", "RolledBack"));
        assertEquals("RolledBack", text(SELECTOR + " .phase"));
        assertEquals("#cf222e", colour(SELECTOR + " .phase"), "RolledBack is red");
        assertEquals("Rolled back: " + BoardFixtures.FAILED_CHECK, text(SELECTOR + " .reason"));
        assertEquals("100/0", split());
        assertTrue(text(SELECTOR + " [data-check='five-xx-rate']").contains("fail"));
    }

    @Test
    void showsAFileThatWasNeverReadableWithItsReasonAndError() {
        Instant at = Instant.now();
        String problem = "rollouts/nodeapp-canary.yaml:8:3: spec.stratgy: unknown field (did you mean strategy?)";
        BoardFixtures.publish(board, at, Duration.ofMillis(300),
                List.of(new BoardFixtures.Broken("nodeapp-canary", "rollouts/nodeapp-canary.yaml", problem)),
                new Published(example("isshoni-web"), BoardFixtures.isshoniProgressing(at)));
        browser.get(dashboard.toString());
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        String card = "[data-rollout='nodeapp-canary']";
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector(card), "data-phase", "Degraded"));
        assertEquals("InvalidFile", text(card + " .reason-code"));
        assertTrue(text(card + " .desired-problem").contains(problem), text(card + " .desired-problem"));
        assertTrue(text(card + " .message").contains("spec.stratgy"), text(card + " .message"));
        assertEquals("Progressing", text(SELECTOR + " .phase"), "the other rollouts are shown as before");
    }

    @Test
    void showsADryRunJudgeWithItsStatisticsAndAThinWindowWithWhatWasMissing() {
        Instant at = Instant.now();
        BoardFixtures.publish(board, at, Duration.ofMillis(300), BoardFixtures.isshoniWithADryRunJudge(at));
        browser.get(dashboard.toString());
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(SELECTOR)));

        String row = SELECTOR + " [data-check='latency-judge']";
        assertEquals("true", read(row, e -> e.getAttribute("data-dry-run")));
        assertTrue(text(row).contains("dry run"), text(row));
        String stats = text(row + " .judge");
        assertTrue(stats.contains("mann-whitney") && stats.contains("p 0.0003") && stats.contains("e 410")
                && stats.contains("effect +102%"), stats);
        assertTrue(text(row + " .variance-rise").contains("spread rose (shown only)"), text(row));
        assertEquals("Progressing", text(SELECTOR + " .phase"), "a failing dry run neither holds nor rolls back");
        String thinRow = SELECTOR + " [data-check='five-xx-rate']";
        assertTrue(text(thinRow).contains("3 requests in the measured 1m period, 30 needed"), text(thinRow));
        assertTrue(text(thinRow + " .count").contains("3 counted"), text(thinRow));
    }
}
