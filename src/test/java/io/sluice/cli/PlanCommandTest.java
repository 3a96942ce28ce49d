package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sim.Scenario;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** plan reads a working copy and the simulated AWS, prints the next action, and changes nothing. */
class PlanCommandTest {

    @Test
    void printsTheNextActionOfEachRolloutAndExitsTwoWithoutChangingAws(@TempDir Path repo) throws Exception {
        Files.createDirectories(repo.resolve("rollouts"));
        Files.copy(Path.of("config-repo-example/rollouts/isshoni-web.yaml"), repo.resolve("rollouts/isshoni-web.yaml"));
        Files.writeString(repo.resolve("rollouts/nodeapp-alb.yaml"), Files.readString(
                Path.of("config-repo-example/rollouts/nodeapp-alb.yaml")).replace("active: green", "active: blue"));
        SimClock clock = SimClock.manual(Instant.parse("2026-11-24T10:00:00Z"));
        // the default credentials chain reads these (the simulator accepts any signed request)
        System.setProperty("aws.accessKeyId", "AKIDPLAN");
        System.setProperty("aws.secretAccessKey", "secret");
        try (SimServer sim = SimServer.start(0, clock, SimServices.all(clock))) {
            Scenario.parse(Files.readString(Path.of("src/main/resources/sim/example-scenario.yaml"))).applyTo(sim);
            String first = run(repo, sim, 2);
            assertTrue(first.contains("isshoni-web (alb, rollouts/isshoni-web.yaml)\n"
                    + "  live:    blue (v1.0) 100%, green (v1.1) 0%\n"
                    + "  desired: green in 5 steps; status: none yet\n"
                    + "  next:    shift to 90/10 (blue/green): step 1/5: shifting to 90/10\n"), first);
            assertTrue(first.contains("nodeapp-alb (alb, rollouts/nodeapp-alb.yaml)\n"
                    + "  live:    blue (2026.11.20) 100%, green (2026.11.24) 0%\n"
                    + "  desired: blue in 5 steps; status: none yet\n"
                    + "  next:    no change: all traffic on blue (2026.11.20)\n"), first);
            assertEquals(first, run(repo, sim, 2), "plan changed something");

            Files.delete(repo.resolve("rollouts/isshoni-web.yaml"));
            run(repo, sim, 0);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    private static String run(Path repo, SimServer sim, int expectedExit) {
        CommandLine cli = SluiceMain.oneShot();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int exit = cli.execute("plan", repo.toString(), "--endpoint-url", sim.endpoint().toString());
        assertEquals(expectedExit, exit, out.toString());
        return out.toString();
    }
}
