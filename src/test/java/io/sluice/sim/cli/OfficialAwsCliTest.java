package io.sluice.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sluice.sim.Scenario;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A second, independent client: the official aws CLI (the one on the PATH, botocore-based v1, and
 * Debian's awscli 2) runs the checks in src/test/cli against the simulator. If the CLI cannot talk
 * to it, neither can users' scripts.
 */
class OfficialAwsCliTest {
    static final Path CHECKS = Path.of("src/test/cli");

    @TestFactory
    Stream<DynamicTest> everyCliCheckPassesWithEveryInstalledCli() throws IOException {
        List<String> clis = installedClis();
        assertFalse(clis.isEmpty(), "no aws CLI found: install it with scripts/setup (Debian package awscli)");
        List<Path> scripts;
        try (Stream<Path> s = Files.list(CHECKS)) {
            scripts = s.filter(p -> p.toString().endsWith(".sh")).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path script : scripts) {
            for (String cli : clis) {
                tests.add(DynamicTest.dynamicTest(script.getFileName() + " with " + cli, () -> run(script, cli)));
            }
        }
        return tests.stream();
    }

    private static void run(Path script, String cli) throws Exception {
        Path scenarioFile = scenarioOf(script);
        Scenario scenario = Scenario.parse(Files.readString(scenarioFile, StandardCharsets.UTF_8));
        SimClock clock = SimClock.manual(scenario.clockStart().orElseGet(Instant::now));
        try (SimServer server = SimServer.start(0, clock, SimServices.all(clock))) {
            scenario.applyTo(server);
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), server.endpoint().toString());
            pb.environment().put("AWS", cli);
            pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
            pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(script + " timed out:\n" + output);
            }
            assertEquals(0, p.exitValue(), script + " with " + cli + " failed:\n" + output);
        }
    }

    /**
     * The scenario a check runs on: the one its {@code # scenario: PATH} line names (relative to the
     * project), else {@code NAME-scenario.yaml} beside {@code NAME.sh}.
     */
    static Path scenarioOf(Path script) throws IOException {
        try (Stream<String> lines = Files.lines(script, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith("# scenario: ")).findFirst()
                    .map(l -> Path.of(l.substring("# scenario: ".length()).trim()))
                    .orElse(Path.of(script.toString().replace(".sh", "-scenario.yaml")));
        }
    }

    /** The CLI on the PATH and Debian's /usr/bin/aws, each once. */
    static List<String> installedClis() throws IOException {
        Set<String> found = new LinkedHashSet<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "aws");
            if (Files.isExecutable(candidate)) {
                found.add(candidate.toString());
                break;
            }
        }
        if (Files.isExecutable(Path.of("/usr/bin/aws"))) {
            found.add("/usr/bin/aws");
        }
        return new ArrayList<>(found);
    }
}
