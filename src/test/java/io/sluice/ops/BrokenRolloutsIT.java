package io.sluice.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.git.servers.GitCli;
import io.sluice.git.servers.GitDaemonServer;
import io.sluice.git.servers.UserClone;
import io.sluice.model.Check;
import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import io.sluice.sim.apps.AppStandIns;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.yaml.snakeyaml.Yaml;

/**
 * The packaged daemon ({@code sluice run}) on a config repo served by {@code git daemon}: the example
 * rollouts plus four that a new user gets wrong or that AWS never finishes, against the AWS simulator
 * (real clock) in its own process, with sluice's default region left at us-east-1:
 *
 * <ul>
 *   <li>{@code shop}: its listener ARN names a listener the load balancer does not have;</li>
 *   <li>{@code typo-web}: a misspelt field ({@code stratgy});</li>
 *   <li>{@code web-seoul}: an ALB in ap-northeast-2, waiting for approval after its first step;</li>
 *   <li>{@code worker}: an ECS deployment that never completes (a revision whose tasks never start, no
 *       circuit breaker), with a 30 s progress deadline.</li>
 * </ul>
 *
 * Each shows with its reason in {@code /api/rollouts}, on the dashboard in headless Chromium, in its
 * status file on the status branch and in one log line; none moves traffic it should not (web-seoul
 * moves it in its own region only), and the example rollouts go on. Then one commit fixes each file,
 * and each clears within a pass: the reason gone from the API and from Git, one log line saying so.
 */
class BrokenRolloutsIT {
    private static final Path EXAMPLE = Path.of("config-repo-example");
    private static final Path SCENARIO = Path.of("src/main/resources/sim/example-scenario.yaml");
    private static final Path ADDITIONS = Path.of("src/test/resources/sim/broken-rollouts.yaml");
    private static final Path BROKEN = Path.of("src/test/resources/broken-rollouts");
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private static final Duration WITHIN = Duration.ofSeconds(60);
    /** The poll (1 s) that sees a push and the pass (1 s) that acts on it. */
    private static final Duration ONE_PASS = Duration.ofSeconds(2);
    /** Room on a loaded 2-core machine: a poll, a pass or a status push may be late. */
    private static final Duration SLACK = Duration.ofSeconds(12);
    /** worker's spec.progressDeadline, and room for the pass after it. */
    private static final Duration STALL_DEADLINE = Duration.ofSeconds(30);

    private static final String SHOP = "shop";
    private static final String TYPO = "typo-web";
    private static final String SEOUL = "web-seoul";
    private static final String WORKER = "worker";
    private static final List<String> BROKEN_NAMES = List.of(SHOP, TYPO, SEOUL, WORKER);

    private static final String SHOP_LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/"
            + "8b933e2275173859/9df0ea586e188836";
    private static final String SHOP_MISSING_LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/"
            + "shop/8b933e2275173859/5390b5fb16a23d28";
    private static final String SEOUL_LISTENER = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener/app/"
            + "web/9d771287a5c941bb/90c07130ba84d8f7";
    private static final String US_WEB_LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/"
            + "web/441d4ee09983df35/a5a10dc159d9d1bb";
    private static final String TYPO_LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/"
            + "typo/c291f4df269eadc4/6b6a7915137c16ca";
    private static final String ISSHONI_LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/"
            + "isshoni/72e1a50b904a1bd6/78dc0a0da64c4d3d";
    /** What validate says of the misspelt field: the mistake itself, where it is, and the name meant. */
    private static final String TYPO_PROBLEM = "rollouts/typo-web.yaml:14:3: spec.stratgy: unknown field (did you mean 'strategy'?)";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private URI simBase;
    private URI apiBase;
    private Path bare;
    private SluiceProcess daemon;
    /** What must never happen while the files are broken, as seen by polling the simulator. */
    private final Set<String> trafficMoved = Collections.synchronizedSet(new LinkedHashSet<>());

    @Test
    @Timeout(300)
    void everyBrokenRolloutIsVisibleMovesNoTrafficAndClearsOnceItsFileIsFixed() throws Exception {
        long started = System.nanoTime();
        Map<String, String> files = configRepo();
        Path repos = Files.createDirectories(tmp.resolve("git").resolve("repos"));
        bare = GitCli.seededBareRepo(repos, "config.git", files);
        Path scenario = Files.writeString(tmp.resolve("scenario.json"), scenario());
        int awsPort = GitCli.freePort();
        int httpPort = GitCli.freePort();
        simBase = URI.create("http://127.0.0.1:" + awsPort);
        apiBase = URI.create("http://127.0.0.1:" + httpPort);
        List<Rollout> examples = exampleRollouts();
        try (GitDaemonServer git = new GitDaemonServer(repos).start();
             AppStandIns apps = new AppStandIns(Check.hostsOf(examples, Check.Kind.HTTP),
                     Check.hostsOf(examples, Check.Kind.PROMETHEUS));
             SluiceProcess aws = SluiceProcess.start("sluice-aws-sim", List.of(), List.of("simulate", "--aws-only",
                     "--real-clock", "--port", Integer.toString(awsPort), "--scenario", scenario.toString()), Map.of(), tmp)) {
            aws.awaitHttp(simBase.resolve("/_sim/state"), WITHIN);
            Map<String, Integer> before = readings(simState());
            assertEquals(Map.of("shop", 0, "typo", 0, "web ap-northeast-2", 0, "web us-east-1", 0, "isshoni", 0),
                    greenPercents(before), "the scenario starts with every listener on blue: " + before);
            assertEquals(Map.of("worker:1", 2), workerTasks(simState()), "worker runs two tasks of revision 1");

            Map<String, String> env = new LinkedHashMap<>();
            env.put("SLUICE_GIT_URL", git.url("config.git"));
            env.put("SLUICE_GIT_WORK_DIR", tmp.resolve("daemon-clone").toString());
            env.put("SLUICE_GIT_POLL_INTERVAL", "1s");
            env.put("SLUICE_GIT_TIMEOUT", "5s");
            env.put("SLUICE_RECONCILE_INTERVAL", "1s");
            env.put("SLUICE_AWS_ENDPOINT_OVERRIDE", simBase.toString());
            env.put("SLUICE_AWS_ACCESS_KEY_ID", "AKIDBROKENROLLOUTS");
            env.put("SLUICE_AWS_SECRET_ACCESS_KEY", "broken-rollouts");
            env.put("SLUICE_ANALYSIS_RESOLVE", String.join(",", apps.resolveEntries()));
            env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
            TrafficWatch watch = new TrafficWatch();
            try (SluiceProcess run = SluiceProcess.start("sluice-run", List.of(), List.of("run"), env, tmp)) {
                daemon = run;
                watch.start();
                run.awaitHttp(apiBase.resolve("/q/health/live"), WITHIN);

                // --- each broken rollout shows with its reason ---------------------------------------
                JsonNode shop = awaitRollout(SHOP, "Degraded with TargetNotFound",
                        r -> phase(r, "Degraded") && reason(r, "TargetNotFound"), WITHIN);
                expect(shop.path("message").asText().contains("ListenerNotFound"), "shop's message has the AWS code: " + shop);
                expect(shop.path("message").asText().contains(SHOP_MISSING_LISTENER), "shop's message names the listener: " + shop);
                expectDegradedCondition(shop, "TargetNotFound");

                JsonNode typo = awaitRollout(TYPO, "Degraded with InvalidFile",
                        r -> phase(r, "Degraded") && reason(r, "InvalidFile"), WITHIN);
                expectEquals("rollouts/typo-web.yaml", typo.path("source").asText(), "typo-web's source");
                expectEquals("unknown", typo.path("targetKind").asText(), "typo-web's target kind");
                expect(typo.path("desiredProblem").asText().contains(TYPO_PROBLEM),
                        "the API names the misspelt field at its file:line:col (" + TYPO_PROBLEM + "): " + typo);
                expect(typo.path("message").asText().contains(TYPO_PROBLEM), "typo-web's message names the misspelt field: " + typo);
                expectDegradedCondition(typo, "InvalidFile");

                JsonNode seoul = awaitRollout(SEOUL, "Paused for approval after its first step in ap-northeast-2",
                        r -> phase(r, "Paused") && reason(r, "WaitingForApproval"), WITHIN);
                expectEquals(20.0, seoul.path("canary").path("weight").asDouble(), "web-seoul's canary weight: " + seoul);
                expectEquals("web-7", seoul.path("stable").path("version").asText(), "web-seoul's stable version, read in Seoul");
                expectEquals("web-8", seoul.path("canary").path("version").asText(), "web-seoul's canary version, read in Seoul");

                JsonNode deploying = awaitRollout(WORKER, "Progressing with DeploymentInProgress",
                        r -> phase(r, "Progressing") && reason(r, "DeploymentInProgress"), WITHIN);
                long deployingSeen = System.nanoTime();
                expectEquals(Map.of("worker:1", 2), workerTasks(simState()), "worker's running tasks while worker:2 deploys");
                expect(serving(deploying.path("canary")) == 0 && serving(deploying.path("stable")) == 100
                                && deploying.path("canary").path("weight").asDouble(-1) == 100,
                        "while no task of worker:2 runs, the API reports worker:1 serving 100% and worker:2 0%"
                                + " (worker:2 set): " + deploying);
                String deployingStatus = awaitStatusFile(WORKER, "Progressing", true, "DeploymentInProgress", WITHIN);
                expect(deployingStatus.contains("canary: { name: worker:2, version: worker:2, weight: 100, live: 0 }"),
                        "while no task of worker:2 runs, status/worker.yaml records it set but serving 0%:\n"
                                + deployingStatus);

                JsonNode stalled = awaitRollout(WORKER, "rolled back past its progress deadline",
                        r -> phase(r, "RolledBack") && reason(r, "ProgressDeadlineExceeded"), STALL_DEADLINE.plus(WITHIN));
                System.out.printf("BrokenRolloutsIT: worker rolled back %d s after DeploymentInProgress was first seen%n",
                        Duration.ofNanos(System.nanoTime() - deployingSeen).toSeconds());
                expectEquals("worker:1", stalled.path("stable").path("version").asText(), "worker's stable after the deadline");
                expectEquals(100.0, stalled.path("stable").path("weight").asDouble(), "worker's stable weight after the deadline");
                expect(stalled.path("message").asText().contains("30s"), "the deadline is named: " + stalled);
                JsonNode rollback = stalled.path("recentHistory").get(0);
                expect(rollback != null && "rollback".equals(rollback.path("event").asText())
                                && !"0/100".equals(rollback.path("from").asText()),
                        "the rollback entry does not say worker:2 had all the traffic (no task of it ever ran): " + rollback);

                for (String name : BROKEN_NAMES) {
                    Http.Response one = Http.get(apiBase.resolve("/api/rollouts/" + name));
                    expect(one.status() == 200 && name.equals(one.json().path("name").asText()),
                            "GET /api/rollouts/" + name + " answers it: " + one);
                }

                // --- the region is honoured: Seoul moved, the us-east-1 ALB of the same name did not ----
                Map<String, Integer> now = greenPercents(readings(simState()));
                expectEquals(20, now.get("web ap-northeast-2"), "web-seoul's first step in ap-northeast-2's listener");
                expectEquals(0, now.get("web us-east-1"), "the us-east-1 ALB of the same name");

                // --- none moves traffic; the example rollouts go on -----------------------------------
                expectEquals(Map.of("worker:1", 2), workerTasks(simState()), "worker's running tasks after the rollback");
                JsonNode service = workerService(simState());
                expectEquals("worker:1", revision(service.path("taskDefinition").asText()),
                        "the worker service's task definition after the rollback (no task of worker:2 may start later)");
                expect(trafficMoved.isEmpty(), "broken rollouts moved traffic: " + trafficMoved);
                assertExamplesGoOn(examples);

                // --- the status files in Git ----------------------------------------------------------
                expectStatusFile(SHOP, "Degraded", "Degraded", true, "TargetNotFound", "ListenerNotFound");
                expectStatusFile(TYPO, "Degraded", "Degraded", true, "InvalidFile", TYPO_PROBLEM);
                expectStatusFile(SEOUL, "Paused", "Progressing", true, "WaitingForApproval", "80/20");
                expectStatusFile(WORKER, "RolledBack", "Degraded", false, "ProgressDeadlineExceeded", null);

                // --- the dashboard --------------------------------------------------------------------
                try (Browser browser = new Browser(apiBase)) {
                    browser.awaitReason(SHOP, "TargetNotFound");
                    expect(browser.text(SHOP, ".message").contains("ListenerNotFound"), "shop's card: " + browser.text(SHOP, ".message"));
                    browser.awaitReason(TYPO, "InvalidFile");
                    expect(browser.text(TYPO, ".desired-problem").contains(TYPO_PROBLEM),
                            "typo-web's card names the misspelt field: " + browser.text(TYPO, ".desired-problem"));
                    browser.awaitReason(SEOUL, "WaitingForApproval");
                    expectEquals("80/20", browser.split(SEOUL), "web-seoul's card, weights read in ap-northeast-2");
                    browser.awaitReason(WORKER, "ProgressDeadlineExceeded");
                    expectEquals("RolledBack", browser.text(WORKER, ".phase"), "worker's card");
                    expectEquals("100/0", browser.split(WORKER), "worker's card: traffic on worker:1");
                    expect(browser.text(WORKER, ".reason").startsWith("Rolled back: "), "worker's card: " + browser.text(WORKER, ".reason"));
                    for (Rollout r : examples) {
                        String phase = browser.text(r.name(), ".phase");
                        expect(!phase.equals("Degraded") && !phase.equals("RolledBack"), r.name() + " on the dashboard: " + phase);
                    }
                }

                // --- one log line each when it started, not one per pass ------------------------------
                Thread.sleep(ONE_PASS.toMillis() * 2); // passes after the first must not repeat it
                expectOneLogLine("rollout=shop phase=Degraded reason=TargetNotFound: ", "ListenerNotFound");
                expectOneLogLine("rollout=typo-web phase=Degraded reason=InvalidFile: ", TYPO_PROBLEM);
                expectOneLogLine("rollout=web-seoul event=approval ", "80/20");
                expectOneLogLine("rollout=worker event=start ", "worker:2");
                expectOneLogLine("rollout=worker event=rollback reason=ProgressDeadlineExceeded ", "30s");

                // --- one commit fixes each file -------------------------------------------------------
                watch.halt();
                expect(trafficMoved.isEmpty(), "broken rollouts moved traffic: " + trafficMoved);
                UserClone user = new UserClone(tmp, git.url("config.git"));
                Path dir = user.dir();
                edit(dir, "rollouts/shop.yaml", SHOP_MISSING_LISTENER, SHOP_LISTENER);
                edit(dir, "rollouts/typo-web.yaml", "  stratgy:\n", "  strategy:\n");
                edit(dir, "rollouts/web-seoul.yaml", "  active: green\n", "  active: green\n  approvedStep: 2\n");
                edit(dir, "rollouts/worker.yaml", "taskDefinition: worker:2", "taskDefinition: worker:3");
                user.commit("Fix the listener ARN, the misspelt field and the task definition; approve web-seoul");
                user.push();
                long pushed = System.nanoTime();
                Duration clear = ONE_PASS.plus(SLACK);

                JsonNode shopFixed = awaitRollout(SHOP, "TargetNotFound cleared",
                        r -> !reason(r, "TargetNotFound") && !phase(r, "Degraded"), clear);
                System.out.printf("BrokenRolloutsIT: shop cleared %d ms after the push%n", ms(pushed));
                JsonNode typoFixed = awaitRollout(TYPO, "InvalidFile cleared",
                        r -> !reason(r, "InvalidFile") && !phase(r, "Degraded"), clear);
                System.out.printf("BrokenRolloutsIT: typo-web cleared %d ms after the push%n", ms(pushed));
                JsonNode seoulFixed = awaitRollout(SEOUL, "approved: all traffic on green",
                        r -> phase(r, "Healthy") && reason(r, "Completed"), clear);
                System.out.printf("BrokenRolloutsIT: web-seoul completed %d ms after the push%n", ms(pushed));
                JsonNode workerFixed = awaitRollout(WORKER, "a new start on worker:3",
                        r -> !phase(r, "RolledBack") && !reason(r, "ProgressDeadlineExceeded"), clear);
                System.out.printf("BrokenRolloutsIT: worker started again %d ms after the push%n", ms(pushed));
                expectEquals("worker:3", workerFixed.path("desiredVersion").asText(), "worker's desired version after the fix");
                for (JsonNode fixed : List.of(shopFixed, typoFixed, seoulFixed, workerFixed)) {
                    expectEquals("false", degraded(fixed).path("status").asText(), fixed.path("name").asText()
                            + "'s Degraded condition after the fix");
                }

                Await.until(clear, "shop's and typo-web's first step (10%) on their listeners",
                        () -> greenPercents(readings(simState())), p -> p.get("shop") == 10 && p.get("typo") == 10, run::tail);
                Map<String, Integer> after = greenPercents(readings(simState()));
                expectEquals(100, after.get("web ap-northeast-2"), "web-seoul's last step in ap-northeast-2's listener");
                expectEquals(0, after.get("web us-east-1"), "the us-east-1 ALB of the same name after web-seoul completed");
                awaitRollout(WORKER, "worker:3 deployed and healthy", r -> phase(r, "Healthy") && reason(r, "Completed"), WITHIN);
                expectEquals(Map.of("worker:3", 2), workerTasks(simState()), "worker's running tasks after the fix");

                // --- cleared in Git, and one log line each ---------------------------------------------
                awaitStatusFile(SHOP, "Degraded", false, "", clear);
                awaitStatusFile(TYPO, "Degraded", false, "", clear);
                awaitStatusFile(SEOUL, "Degraded", false, "Completed", clear);
                awaitStatusFile(WORKER, "Degraded", false, "Completed", WITHIN);
                Thread.sleep(ONE_PASS.toMillis() * 2);
                expectOneLogLine("rollout=shop phase=Progressing reason=TargetNotFound cleared: ", "");
                expectOneLogLine("rollout=typo-web phase=Progressing reason=InvalidFile cleared: ", "");
                expectOneLogLine("rollout=web-seoul event=completed ", "web-8");
                expectOneLogLine("rollout=worker event=completed ", "worker:3");
                expectOneLogLine("rollout=shop phase=Degraded reason=TargetNotFound: ", "");
                expectOneLogLine("rollout=typo-web phase=Degraded reason=InvalidFile: ", "");
                expectOneLogLine("rollout=worker event=rollback reason=ProgressDeadlineExceeded ", "");
                assertExamplesGoOn(examples);
                assertTrue(failures.isEmpty(), failures.size() + " thing(s) a user would see go wrong:\n  - "
                        + String.join("\n  - ", failures) + "\n(daemon log: target/broken-rollouts/sluice-run.log)");
            } finally {
                watch.halt();
                keepLogs();
            }
        }
        System.out.printf("BrokenRolloutsIT: took %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    // --- the config repo and the scenario -----------------------------------------------------------

    /** The example repo with the four rollout files of this test added. */
    private static Map<String, String> configRepo() throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (Path root : List.of(EXAMPLE, BROKEN)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    files.put(root.relativize(p).toString(), Files.readString(p));
                }
            }
        }
        for (String name : BROKEN_NAMES) {
            assertTrue(files.containsKey("rollouts/" + name + ".yaml"), name + " is in " + BROKEN);
        }
        return files;
    }

    /** The example scenario with the lists of {@code broken-rollouts.yaml} appended, as JSON (which the simulator reads too). */
    @SuppressWarnings("unchecked")
    private static String scenario() throws IOException {
        Map<String, Object> base = (Map<String, Object>) plain(new Yaml().load(Files.readString(SCENARIO)));
        Map<String, Object> more = (Map<String, Object>) plain(new Yaml().load(Files.readString(ADDITIONS)));
        more.forEach((section, value) -> {
            Map<String, Object> into = (Map<String, Object>) base.get(section);
            ((Map<String, Object>) value).forEach((key, list) -> {
                List<Object> existing = (List<Object>) into.get(key);
                if (existing == null) {
                    throw new IllegalStateException(SCENARIO + " has no " + section + "." + key + " to add to");
                }
                existing.addAll((List<Object>) list);
            });
        });
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(base);
    }

    /** The YAML tree with timestamps back in the ISO form the scenario wrote them in. */
    @SuppressWarnings("unchecked")
    private static Object plain(Object node) {
        if (node instanceof Date d) {
            return d.toInstant().toString();
        }
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<Object, Object>) m).forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(plain(v)));
            return out;
        }
        return node;
    }

    private List<Rollout> exampleRollouts() throws IOException {
        RolloutFiles.Result result = RolloutFiles.readFolder(EXAMPLE.resolve("rollouts"), "rollouts");
        assertTrue(result.valid(), "the example repo must be valid: " + result.problems());
        assertEquals(7, result.rollouts().size());
        return result.rollouts();
    }


    private static void edit(Path clone, String path, String from, String to) throws IOException {
        Path file = clone.resolve(path);
        String text = Files.readString(file);
        assertTrue(text.contains(from), path + " contains '" + from + "'");
        Files.writeString(file, text.replace(from, to));
    }

    // --- the API --------------------------------------------------------------------------------

    private JsonNode awaitRollout(String name, String what, java.util.function.Predicate<JsonNode> done, Duration atMost) {
        return Await.until(atMost, name + " " + what + " in /api/rollouts", () -> rollout(name).orElse(null),
                r -> r != null && done.test(r), daemon::tail);
    }

    private Optional<JsonNode> rollout(String name) {
        Http.Response r = Http.get(apiBase.resolve("/api/rollouts"));
        if (r.status() != 200) {
            return Optional.empty();
        }
        for (JsonNode n : r.json()) {
            if (name.equals(n.path("name").asText())) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    private static boolean phase(JsonNode r, String phase) {
        return phase.equals(r.path("phase").asText());
    }

    private static boolean reason(JsonNode r, String reason) {
        return reason.equals(r.path("reason").asText());
    }

    private static JsonNode degraded(JsonNode r) {
        for (JsonNode c : r.path("conditions")) {
            if ("Degraded".equals(c.path("type").asText())) {
                return c;
            }
        }
        throw new AssertionError("no Degraded condition in " + r);
    }

    private void expectDegradedCondition(JsonNode r, String reason) {
        JsonNode c = degraded(r);
        expect("true".equals(c.path("status").asText()) && reason.equals(c.path("reason").asText()) && c.hasNonNull("since"),
                r.path("name").asText() + "'s Degraded condition is true with " + reason + ": " + c);
    }

    /** The example rollouts are neither held nor failed by the broken ones, and at least one moved traffic. */
    private void assertExamplesGoOn(List<Rollout> examples) {
        for (Rollout example : examples) {
            JsonNode r = awaitRollout(example.name(), "listed", x -> true, WITHIN);
            expect(Set.of("Progressing", "Paused", "Healthy").contains(r.path("phase").asText())
                    && "false".equals(degraded(r).path("status").asText()), example.name() + " goes on: " + r);
        }
        Await.until(WITHIN, "isshoni-web's first step (10%) on its listener", () -> greenPercents(readings(simState())),
                p -> p.get("isshoni") == 10 || p.get("isshoni") == 50, daemon::tail);
    }

    // --- the status files in Git ------------------------------------------------------------------

    private Optional<String> statusFile(String name) {
        try {
            return Optional.of(GitCli.run(bare, "show", "main:status/" + name + ".yaml"));
        } catch (IllegalStateException missing) {
            return Optional.empty();
        }
    }

    /** A condition line of a status file: {@code - { type: T, status: S, reason: R, message: "...", since: ... }}. */
    private static Optional<String> conditionLine(String text, String type) {
        return text.lines().filter(l -> l.trim().startsWith("- { type: " + type + ",")).findFirst();
    }

    private void expectStatusFile(String name, String phase, String type, boolean status, String reason, String inMessage) {
        String text = awaitStatusFile(name, type, status, reason, WITHIN);
        expect(text.contains("\nphase: " + phase + "\n"), "status/" + name + ".yaml has phase " + phase + ":\n" + text);
        if (inMessage != null) {
            expect(conditionLine(text, type).orElseThrow().contains(inMessage),
                    "status/" + name + ".yaml's " + type + " condition says '" + inMessage + "':\n" + text);
        }
    }

    /** Waits for the status file's condition {@code type} to have {@code status} (and {@code reason}, unless empty). */
    private String awaitStatusFile(String name, String type, boolean status, String reason, Duration atMost) {
        String want = "status: " + status + (reason.isEmpty() ? "," : ", reason: " + reason + ",");
        return Await.until(atMost, "status/" + name + ".yaml on main with the condition " + type + " " + want,
                () -> statusFile(name).orElse(""), t -> conditionLine(t, type).map(l -> l.contains(want)).orElse(false),
                daemon::tail);
    }

    // --- the log ----------------------------------------------------------------------------------

    private List<String> logLines(String marker) throws IOException {
        return Files.readAllLines(daemon.log(), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("[io.sl.rollout]") || l.contains("io.sluice.rollout"))
                .filter(l -> l.contains(marker)).toList();
    }

    /** Exactly one line of the logger io.sluice.rollout starts the condition or event {@code marker}, and it says {@code text}. */
    private void expectOneLogLine(String marker, String text) throws IOException {
        List<String> lines = logLines(marker);
        expect(lines.size() == 1 && lines.get(0).contains(text), "one log line '" + marker + "...' saying '" + text
                + "', found " + lines.size() + (lines.isEmpty() ? "" : ":\n      " + String.join("\n      ", lines)));
    }

    // --- what a user would see go wrong, gathered so that one run reports all of it ------------------

    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    private void expect(boolean holds, String what) {
        if (!holds) {
            failures.add(what);
            System.out.println("BrokenRolloutsIT: NOT AS EXPECTED: " + what);
        }
    }

    private void expectEquals(Object expected, Object actual, String what) {
        expect(java.util.Objects.equals(expected, actual), what + ": expected " + expected + ", was " + actual);
    }

    private void keepLogs() {
        try {
            Path out = Files.createDirectories(Path.of("target", "broken-rollouts"));
            for (String log : List.of("sluice-run.log", "sluice-aws-sim.log")) {
                if (Files.exists(tmp.resolve(log))) {
                    Files.copy(tmp.resolve(log), out.resolve(log), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            System.out.println("BrokenRolloutsIT: could not keep the logs: " + e);
        }
    }

    // --- the simulator -----------------------------------------------------------------------------

    private JsonNode simState() {
        Http.Response r = Http.get(simBase.resolve("/_sim/state"));
        if (r.status() != 200) {
            throw new IllegalStateException("simulator state: " + r);
        }
        return r.json();
    }

    /** What a side serves: its live weight where the API gives one, else the weight set. */
    static double serving(JsonNode side) {
        JsonNode live = side.path("live");
        return live.isNumber() ? live.asDouble() : side.path("weight").asDouble(-1);
    }

    /** By "load balancer" (and region where it repeats): target group name to weight of the listener's default action. */
    private static Map<String, Integer> readings(JsonNode state) {
        Map<String, Integer> out = new TreeMap<>();
        JsonNode regions = state.path("services").path("elasticloadbalancing").path("regions");
        Map<String, String> listeners = Map.of("shop", SHOP_LISTENER, "typo", TYPO_LISTENER, "web ap-northeast-2", SEOUL_LISTENER,
                "web us-east-1", US_WEB_LISTENER, "isshoni", ISSHONI_LISTENER);
        listeners.forEach((key, arn) -> {
            String region = arn.split(":")[3];
            JsonNode listener = null;
            for (JsonNode lb : regions.path(region).path("loadBalancers")) {
                for (JsonNode l : lb.path("listeners")) {
                    if (arn.equals(l.path("arn").asText())) {
                        listener = l;
                    }
                }
            }
            if (listener == null) {
                throw new IllegalStateException("no listener " + arn + " in the simulator");
            }
            for (JsonNode rule : listener.path("rules")) {
                if ("default".equals(rule.path("priority").asText())) {
                    for (JsonNode action : rule.path("actions")) {
                        for (JsonNode tg : action.path("ForwardConfig").path("TargetGroups")) {
                            String group = tg.path("TargetGroupArn").asText().split("/")[1];
                            out.put(key + " " + group.substring(group.lastIndexOf('-') + 1), tg.path("Weight").asInt());
                        }
                    }
                }
            }
        });
        return out;
    }

    /** Percent of each listener's traffic on its green target group. */
    private static Map<String, Integer> greenPercents(Map<String, Integer> readings) {
        Map<String, Integer> out = new TreeMap<>();
        for (String key : List.of("shop", "typo", "web ap-northeast-2", "web us-east-1", "isshoni")) {
            int blue = readings.getOrDefault(key + " blue", 0);
            int green = readings.getOrDefault(key + " green", 0);
            out.put(key, blue + green == 0 ? 0 : Math.round(100f * green / (blue + green)));
        }
        return out;
    }

    private static JsonNode workerService(JsonNode state) {
        JsonNode service = state.path("services").path("ecs").path("us-east-1").path("clusters").path("batch").path(WORKER);
        if (service.isMissingNode()) {
            throw new IllegalStateException("no ECS service batch/worker in " + state.path("services").path("ecs"));
        }
        return service;
    }

    /** Running tasks of the worker service by revision ({@code worker:N}). */
    private static Map<String, Integer> workerTasks(JsonNode state) {
        Map<String, Integer> out = new TreeMap<>();
        for (JsonNode d : workerService(state).path("deployments")) {
            int running = d.path("runningCount").asInt();
            if (running > 0) {
                out.merge(revision(d.path("taskDefinition").asText()), running, Integer::sum);
            }
        }
        return out;
    }

    private static String revision(String taskDefinitionArn) {
        return taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
    }

    private static long ms(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toMillis();
    }

    /**
     * Polls the simulator while the files are broken: shop's, typo-web's and the us-east-1 web listener
     * stay on blue, web-seoul's moves only to its first step, and worker runs revision 1 only.
     */
    private final class TrafficWatch extends Thread {
        private volatile boolean halted;

        TrafficWatch() {
            super("broken-rollouts-traffic-watch");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!halted) {
                try {
                    JsonNode state = simState();
                    Map<String, Integer> green = greenPercents(readings(state));
                    for (String key : List.of("shop", "typo", "web us-east-1")) {
                        if (green.get(key) != 0) {
                            trafficMoved.add(key + " at " + green.get(key) + "% green at " + Instant.now());
                        }
                    }
                    if (green.get("web ap-northeast-2") != 0 && green.get("web ap-northeast-2") != 20) {
                        trafficMoved.add("web ap-northeast-2 at " + green.get("web ap-northeast-2") + "% green before approval");
                    }
                    Map<String, Integer> tasks = workerTasks(state);
                    if (!tasks.keySet().equals(Set.of("worker:1"))) {
                        trafficMoved.add("worker runs " + tasks + " at " + Instant.now());
                    }
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    trafficMoved.add("the simulator could not be read: " + e);
                    return;
                }
            }
        }

        void halt() throws InterruptedException {
            halted = true;
            join(5000);
        }
    }

    // --- the dashboard ------------------------------------------------------------------------------

    /** Headless Chromium on the daemon's own dashboard. */
    private static final class Browser implements AutoCloseable {
        private final Path profile;
        private final ChromeDriver driver;
        private final WebDriverWait wait;

        Browser(URI base) throws IOException {
            assertTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                    "headless Chromium is missing: install the Debian packages chromium and chromium-driver (scripts/setup does)");
            profile = Files.createTempDirectory("sluice-chromium");
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
            driver = new ChromeDriver(service, options);
            wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            wait.ignoring(StaleElementReferenceException.class);
            driver.get(base.resolve("/").toString());
        }

        private static String card(String name) {
            return "[data-rollout='" + name + "']";
        }

        void awaitReason(String name, String reason) {
            wait.withMessage(() -> "the card of " + name + " with reason " + reason)
                    .until(d -> d.findElements(By.cssSelector(card(name) + " .reason-code[data-reason='" + reason + "']")).size() == 1);
            assertEquals(reason, text(name, ".reason-code"));
        }

        String text(String name, String selector) {
            return wait.until(d -> d.findElement(By.cssSelector(card(name) + " " + selector)).getText());
        }

        String split(String name) {
            return wait.until(d -> d.findElement(By.cssSelector(card(name) + " .weights")).getAttribute("data-split"));
        }

        @Override
        public void close() throws IOException {
            driver.quit();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
