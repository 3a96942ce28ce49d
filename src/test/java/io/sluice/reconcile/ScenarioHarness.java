package io.sluice.reconcile;

import io.sluice.analysis.AddressOverrides;
import io.sluice.analysis.DefaultAnalyzer;
import io.sluice.aws.AwsCallStats;
import io.sluice.aws.AwsClients;
import io.sluice.aws.AwsProducers;
import io.sluice.aws.AwsSettings;
import io.sluice.aws.DefaultTrafficTargets;
import io.sluice.model.DesiredState;
import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import io.sluice.sim.Scenario;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimServices;
import io.sluice.sim.apps.AppStandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The whole loop against the AWS simulator on a manual clock: the real SDK targets and analyzer,
 * the example repo's rollout files, and the example scenario (varied per test).
 */
final class ScenarioHarness implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final Path EXAMPLE_SCENARIO = Path.of("src/main/resources/sim/example-scenario.yaml");

    final SimClock clock = SimClock.manual(T0);
    final SimServer sim;
    final AwsClients aws;
    final DefaultAnalyzer analyzer;
    final AppStandIns standIns;
    final RolloutBoard board = new RolloutBoard();
    final Reconciler reconciler;
    final List<String> timeline = new ArrayList<>();

    /** @param scenarioEdit changes to the example scenario's text for this test */
    ScenarioHarness(UnaryOperator<String> scenarioEdit) throws Exception {
        sim = SimServer.start(0, clock, SimServices.all(clock));
        Scenario.parse(scenarioEdit.apply(Files.readString(EXAMPLE_SCENARIO))).applyTo(sim);
        aws = new AwsClients(new AwsSettings("us-east-1", Optional.of(sim.endpoint()),
                Optional.of(new AwsSettings.StaticKeys("AKIDEXAMPLE", "secret")), AwsSettings.RetryBudget.defaults(),
                Duration.ofSeconds(10)), new AwsCallStats(Optional.empty()));
        standIns = new AppStandIns(List.of("nodeapp-green.internal.example.com", "app-alb.internal.example.com",
                "model-api-green.staging.internal", "rag-backend.internal.example.com"), List.of("prometheus.staging.internal"));
        analyzer = new DefaultAnalyzer(AwsProducers.analysisClientsOf(aws), new DefaultAnalyzer.Settings(8,
                Duration.ofSeconds(5), Duration.ofSeconds(10), AddressOverrides.parse(standIns.resolveEntries())),
                Optional.empty());
        reconciler = new Reconciler(new DefaultTrafficTargets(aws), analyzer, clock, 4, board);
    }

    static Rollout example(String name, UnaryOperator<String> edit) throws Exception {
        String shown = "rollouts/" + name + ".yaml";
        String text = edit.apply(Files.readString(Path.of("config-repo-example", shown)));
        RolloutFiles.FileResult r = RolloutFiles.read(text, shown);
        return r.rollout().orElseThrow(() -> new IllegalArgumentException(r.problems().toString()));
    }

    PassReport pass(Rollout rollout) {
        PassReport report = reconciler.pass(new DesiredState("c0ffee1", List.of(rollout), List.of()));
        RolloutStatus s = report.statuses().get(rollout.name());
        if (s != null) {
            timeline.add(clock.now() + " " + s.phase() + " " + s.step().map(Object::toString).orElse("-") + " "
                    + s.canary().map(c -> c.name() + "=" + c.weight()).orElse("") + " " + s.message());
        }
        return report;
    }

    /** Passes every {@code tick} of simulated time until the rollout is Healthy after moving, or RolledBack. */
    RolloutStatus runUntilSettled(Rollout rollout, Duration tick, Duration limit) {
        Instant deadline = clock.now().plus(limit);
        boolean moved = false;
        while (clock.now().isBefore(deadline)) {
            RolloutStatus s = pass(rollout).statuses().get(rollout.name());
            if (s != null) {
                moved |= s.phase() == Phase.Progressing;
                if (s.phase() == Phase.RolledBack || (moved && s.phase() == Phase.Healthy)) {
                    return s;
                }
            }
            clock.advance(tick);
        }
        throw new AssertionError("not settled within " + limit + ":\n" + String.join("\n", timeline));
    }

    String timeline() {
        return String.join("\n", timeline);
    }

    @Override
    public void close() {
        reconciler.close();
        analyzer.close();
        aws.close();
        standIns.close();
        sim.close();
    }
}
