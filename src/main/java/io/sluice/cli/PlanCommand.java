package io.sluice.cli;

import io.sluice.aws.AwsCallStats;
import io.sluice.aws.AwsClients;
import io.sluice.aws.AwsSettings;
import io.sluice.aws.DefaultTrafficTargets;
import io.sluice.model.Problem;
import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.StatusYamlReader;
import io.sluice.plan.Decision;
import io.sluice.plan.PlanInput;
import io.sluice.plan.Planner;
import io.sluice.traffic.Observation;
import io.sluice.traffic.Urgency;
import io.sluice.traffic.Observed;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Print, for every rollout of a config repository working copy, what is live in AWS, what is"
                + " desired and the exact next action (or what it waits for). Changes nothing.",
                "Checks are not measured: the next action assumes they pass.",
                "AWS credentials come from the default chain (environment, profile, container or instance role);"
                + " each rollout is read in the region its ARNs name.",
                "Exit status: 0 nothing would change, 2 something would change, 1 invalid files or AWS errors."})
public final class PlanCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "DIR",
            description = "working copy of the config repository (rollouts/ and status/); default: current folder")
    Path dir;

    @Option(names = "--region", description = "AWS region of rollouts whose target has no ARN and no spec.aws.region (default: AWS_REGION or us-east-1)")
    String region;

    @Option(names = "--endpoint-url", description = "one endpoint for every AWS service, e.g. the simulator")
    URI endpoint;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path rollouts = dir.resolve("rollouts");
        if (!Files.isDirectory(rollouts)) {
            spec.commandLine().getErr().println("sluice plan: " + rollouts + " is not a folder");
            return 1;
        }
        RolloutFiles.Result desired = RolloutFiles.readFolder(rollouts, "rollouts");
        for (Problem p : desired.problems()) {
            out.println(p);
        }
        Map<String, RolloutStatus> statuses = statuses(dir.resolve("status"), out);
        String defaultRegion = region != null ? region : Optional.ofNullable(System.getenv("AWS_REGION")).orElse("us-east-1");
        boolean changes = false;
        boolean errors = !desired.problems().isEmpty();
        try (AwsClients clients = new AwsClients(new AwsSettings(defaultRegion, Optional.ofNullable(endpoint), Optional.empty(),
                AwsSettings.RetryBudget.defaults(), Duration.ofSeconds(20)), new AwsCallStats(Optional.empty()))) {
            Map<String, Observation> observed = new DefaultTrafficTargets(clients).observe(desired.rollouts(), Urgency.MOVING);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (Rollout r : desired.rollouts().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
                out.println(r.name() + " (" + r.target().kind() + ", " + r.source() + ")");
                Observation o = observed.get(r.name());
                if (o instanceof Observation.Failed f) {
                    out.println("  live:    cannot observe: " + f.failure().kind() + " " + f.failure().awsCode() + " "
                            + f.failure().getMessage());
                    errors = true;
                    continue;
                }
                Observed live = ((Observation.Seen) o).observed();
                Optional<RolloutStatus> last = Optional.ofNullable(statuses.get(r.name()));
                Decision d = Planner.plan(new PlanInput(r, Optional.empty(), "working-copy", live, last, List.of(), now));
                out.println("  live:    " + describe(live));
                out.println("  desired: " + r.desiredVersion() + " in " + r.strategy().steps().size() + " steps; status: "
                        + last.map(s -> s.phase() + s.step().map(p -> " " + p).orElse("")).orElse("none yet"));
                out.println("  next:    " + next(d));
                changes |= d instanceof Decision.ShiftWeights || d instanceof Decision.RollBack
                        || d instanceof Decision.DeployRevision;
            }
        }
        out.flush();
        return errors ? 1 : changes ? 2 : 0;
    }

    static String describe(Observed o) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(o.weights()).forEach((id, w) -> {
            String version = o.versions().getOrDefault(id, id);
            b.append(b.length() == 0 ? "" : ", ").append(id).append(version.equals(id) ? "" : " (" + version + ")")
                    .append(' ').append(w).append('%');
        });
        if (o.settlement() instanceof Observed.InProgress p) {
            b.append("; in progress: ").append(p.what());
        }
        if (o.canaryReadiness() instanceof Observed.NotReady n) {
            b.append("; new version not ready: ").append(n.reason());
        }
        if (o.canaryReadiness() instanceof Observed.NotDeployed n) {
            b.append("; new version not deployed: ").append(n.reason());
        }
        return b.toString();
    }

    static String next(Decision d) {
        if (d instanceof Decision.ShiftWeights s) {
            return "shift to " + s.split() + " (" + s.split().stable() + "/" + s.split().canary() + "): " + d.status().message();
        }
        if (d instanceof Decision.RollBack rb) {
            return "roll back to " + rb.split() + ": " + rb.reason();
        }
        if (d instanceof Decision.DeployRevision dr) {
            return "deploy " + dr.revision() + " to the " + dr.side() + " service: " + d.status().message();
        }
        return "no change: " + d.status().message();
    }

    private static Map<String, RolloutStatus> statuses(Path folder, PrintWriter out) throws IOException {
        Map<String, RolloutStatus> byName = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return byName;
        }
        try (var files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                try {
                    RolloutStatus s = StatusYamlReader.read(Files.readString(f), "status/" + f.getFileName());
                    byName.put(s.rollout(), s);
                } catch (StatusYamlReader.StatusFormatException e) {
                    out.println("ignoring " + e.getMessage());
                }
            }
        }
        return byName;
    }
}
