package io.sluice.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Run sluice against the embedded AWS simulator and the example config repo.",
                "With --aws-only, run just the AWS simulator on a port, e.g. for the aws CLI:",
                "  sluice simulate --aws-only --port 4566 --scenario src/test/cli/elbv2-scenario.yaml",
                "  aws --endpoint-url http://127.0.0.1:4566 --region us-east-1 elbv2 describe-load-balancers",
                "Any credentials are accepted, but requests must be SigV4-signed. The admin API is under /_sim/",
                "(state, scenario, clock/advance, faults, calls, events); the scenario format is in",
                "src/main/resources/sim/SCENARIO.md."})
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--aws-only", description = "run only the AWS simulator, not the daemon")
    boolean awsOnly;

    @Option(names = "--port", defaultValue = "4566", description = "simulator port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--scenario", description = "scenario file (YAML) to load at start")
    Path scenario;

    @Option(names = "--real-clock", description = "follow the system clock instead of a manual one")
    boolean realClock;

    @Override
    public Integer call() throws Exception {
        if (!awsOnly) {
            System.err.println("sluice simulate: the daemon is not built yet; use --aws-only to run the AWS simulator");
            return 3;
        }
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--host", host));
        if (scenario != null) {
            args.addAll(List.of("--scenario", scenario.toString()));
        }
        if (realClock) {
            args.add("--real-clock");
        }
        io.sluice.sim.SimMain.main(args.toArray(String[]::new));
        return 0;
    }
}
