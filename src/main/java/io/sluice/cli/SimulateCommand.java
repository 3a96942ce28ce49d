package io.sluice.cli;

import io.quarkus.runtime.Quarkus;
import io.sluice.metrics.RolloutMetrics;
import io.sluice.reconcile.ReconcileLoop;
import io.sluice.reconcile.RolloutBoard;
import io.sluice.sim.SimMain;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Run sluice against the embedded AWS simulator and the example config repo, with time running"
                + " faster than real time, and print each rollout's progress.",
                "With --aws-only, run just the AWS simulator on a port, e.g. for the aws CLI:",
                "  sluice simulate --aws-only --port 4566 --scenario src/test/cli/elbv2-scenario.yaml",
                "  aws --endpoint-url http://127.0.0.1:4566 --region us-east-1 elbv2 describe-load-balancers",
                "Requests must be SigV4-signed; any credentials are accepted.",
                "The admin API is under /_sim/ (state, scenario, clock/advance, faults, calls, events); the scenario"
                + " format is in src/main/resources/sim/SCENARIO.md."})
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--aws-only", description = "run only the AWS simulator, not the daemon")
    boolean awsOnly;

    @Option(names = "--port", defaultValue = "4566",
            description = "AWS simulator port (default ${DEFAULT-VALUE} with --aws-only, any free port otherwise)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--scenario", description = "with --aws-only: scenario file (YAML) to load at start")
    Path scenario;

    @Option(names = "--real-clock", description = "with --aws-only: follow the system clock instead of a manual one")
    boolean realClock;

    @Option(names = "--speed", defaultValue = "60",
            description = "how much faster than real time the simulated AWS and the rollouts run (default ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--repo", defaultValue = "config-repo-example",
            description = "the desired-state repository to start from (default ${DEFAULT-VALUE})")
    Path repo;

    @Option(names = "--work-dir", description = "where the local Git server and your clone go (default: a temporary folder)")
    Path workDir;

    @Inject
    ReconcileLoop loop;

    @Inject
    RolloutMetrics metrics;

    @Inject
    RolloutBoard board;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int httpPort;

    @Override
    public Integer call() throws Exception {
        if (!awsOnly) {
            return runDaemon();
        }
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--host", host));
        if (scenario != null) {
            args.addAll(List.of("--scenario", scenario.toString()));
        }
        if (realClock) {
            args.add("--real-clock");
        }
        SimMain.main(args.toArray(String[]::new));
        return 0;
    }

    Path workDirOrDefault() {
        return workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "sluice-simulate");
    }

    private Integer runDaemon() {
        SimulateEnvironment env = SimulateEnvironment.current();
        ProgressView view = new ProgressView();
        String base = "http://localhost:" + httpPort;
        String aws = env.aws.endpoint().toString();
        System.out.println("sluice simulate: the example repo rolling out on a simulated AWS, time running "
                + trim(env.speed) + "x faster than real time");
        System.out.println("  AWS simulator  " + aws + "  (aws --endpoint-url " + aws + " ...; state at " + aws + "/_sim/state)");
        System.out.println("  dashboard      " + base + "/   JSON " + base + "/api/rollouts   metrics " + base
                + "/q/metrics   health " + base + "/q/health");
        System.out.println("  config repo    " + env.userClone + "  (your clone of " + env.remote + "; sluice commits status/ there)");
        System.out.println("  start a rollout:  cd " + env.userClone + " && sed -i 's/active: green/active: blue/'"
                + " rollouts/nodeapp-alb.yaml && git commit -qam 'nodeapp back to blue' && git push");
        System.out.println("  approve model-platform's go/no-go:  add '  approvedStep: 4' under spec: in"
                + " rollouts/model-platform.yaml, commit and push");
        System.out.println("  Ctrl-C stops. Times below are simulated.");
        System.out.println();
        loop.start(env.clock, report -> {
            metrics.updateFrom(board.picture());
            view.update(board.picture(), env.clock.instant()).forEach(System.out::println);
            System.out.flush();
        });
        Quarkus.waitForExit();
        env.close();
        return 0;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
