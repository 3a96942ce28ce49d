package io.sluice.cli;

import io.sluice.analysis.AddressOverrides;
import io.sluice.analysis.Backtest;
import io.sluice.analysis.DefaultAnalyzer;
import io.sluice.aws.AwsCallStats;
import io.sluice.aws.AwsClients;
import io.sluice.aws.AwsProducers;
import io.sluice.aws.AwsSettings;
import io.sluice.model.Durations;
import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Replay one rollout's checks over past data: from --from to --to, every analysis interval, ask"
                + " CloudWatch and Prometheus for the values as of that time, judge them as the daemon does, and print"
                + " each failure and when the rollout would have been rolled back. Moves no traffic; makes no AWS write.",
                "Only cloudwatch and prometheus checks are replayed; alarms, targetHealth and http checks read live state"
                + " and are listed as not replayed. The canary is taken to have served traffic the whole window.",
                "Times: ISO-8601 instants (2026-11-24T10:00:00Z), now, or now minus a duration (-2h, -90m).",
                "Exit status: 0 no rollback, 1 rollout files with problems (as validate prints them), 2 bad arguments"
                + " (unknown rollout, window), 3 the rollout would have been rolled back, 4 no check could be measured."})
public final class BacktestCommand implements Callable<Integer> {
    static final int NO_ROLLBACK = 0;
    static final int INVALID_FILES = 1;
    static final int BAD_ARGUMENTS = 2;
    static final int ROLLED_BACK = 3;
    static final int UNMEASURABLE = 4;

    @Parameters(index = "0", paramLabel = "DIR", description = "config repository, or a folder of rollout files")
    Path dir;

    @Parameters(index = "1", paramLabel = "ROLLOUT", description = "metadata.name of the rollout to replay")
    String name;

    @Option(names = "--from", required = true, paramLabel = "TIME", description = "first measurement")
    String from;

    @Option(names = "--to", required = true, paramLabel = "TIME", description = "last measurement at or before this time")
    String to;

    @Option(names = "--endpoint-url", description = "one endpoint for every AWS service, e.g. the simulator")
    URI endpoint;

    @Option(names = "--region", description = "AWS region of a rollout with no spec.aws.region (default: AWS_REGION or us-east-1)")
    String region;

    @Option(names = "--canary", paramLabel = "ID", description = "the new version's id for {{version}} and"
            + " {{targetGroup}} (default: the file's active side, version or task definition)")
    String canary;

    @Option(names = "--stable", paramLabel = "ID", description = "the stable version's id, for compareToStable"
            + " (default: the other side of an alb or route53 target; required for lambda and ecs)")
    String stable;

    @Option(names = "--json", description = "print the replay as one JSON document")
    boolean json;

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(dir) || !Files.isReadable(dir)) {
            err.println("sluice backtest: " + dir + " is not a readable directory");
            return BAD_ARGUMENTS;
        }
        Path folder = Files.isDirectory(dir.resolve(ValidateCommand.ROLLOUTS_FOLDER)) ? dir.resolve(ValidateCommand.ROLLOUTS_FOLDER) : dir;
        RolloutFiles.Result files = RolloutFiles.readFolder(folder, folder.toString());
        Optional<Rollout> found = files.rollouts().stream().filter(r -> r.name().equals(name)).findFirst();
        if (found.isEmpty()) {
            if (!files.problems().isEmpty()) {
                files.problems().forEach(err::println);
                err.println("sluice backtest: no valid rollout named " + name + " in " + folder + "; "
                        + files.problems().size() + " problems above");
                return INVALID_FILES;
            }
            err.println("sluice backtest: no rollout named " + name + " in " + folder + " (rollouts: "
                    + String.join(", ", files.rollouts().stream().map(Rollout::name).sorted().toList()) + ")");
            return BAD_ARGUMENTS;
        }
        Rollout rollout = found.get();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant start;
        Instant end;
        try {
            start = time("--from", from, now);
            end = time("--to", to, now);
        } catch (IllegalArgumentException e) {
            err.println("sluice backtest: " + e.getMessage());
            return BAD_ARGUMENTS;
        }
        List<String> problems = new ArrayList<>();
        if (!start.isBefore(end)) {
            problems.add("--from " + start + " is not before --to " + end);
        } else if (end.isAfter(now)) {
            problems.add("--to " + end + " is in the future (now is " + now + ")");
        } else {
            problems.addAll(Backtest.problems(rollout, start, end, now));
        }
        String canaryId = canary != null ? canary : rollout.desiredVersion();
        Optional<String> stableId = Optional.ofNullable(stable)
                .or(() -> rollout.target().namedSides().flatMap(s -> s.other(canaryId)));
        rollout.analysis().map(a -> a.checks()).orElse(List.of()).stream()
                .filter(c -> Backtest.replayable(c) && c.maxRatioToStable().isPresent()).findFirst()
                .filter(c -> stableId.isEmpty())
                .ifPresent(c -> problems.add("check " + c.name() + " compares with the stable version: give its id with"
                        + " --stable (a " + rollout.target().kind() + " target does not name it)"));
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("sluice backtest: " + p));
            return BAD_ARGUMENTS;
        }
        Backtest.Outcome outcome;
        String defaultRegion = region != null ? region : Optional.ofNullable(System.getenv("AWS_REGION")).orElse("us-east-1");
        try (AwsClients aws = new AwsClients(new AwsSettings(defaultRegion, Optional.ofNullable(endpoint), Optional.empty(),
                AwsSettings.RetryBudget.defaults(), Duration.ofSeconds(20)), new AwsCallStats(Optional.empty()));
             DefaultAnalyzer analyzer = new DefaultAnalyzer(AwsProducers.analysisClientsOf(aws), new DefaultAnalyzer.Settings(4,
                     Duration.ofSeconds(10), Duration.ofSeconds(60), AddressOverrides.none(), true), Optional.empty())) {
            outcome = Backtest.replay(analyzer, List.of(new Backtest.Subject(rollout, canaryId, stableId.orElse(""))),
                    start, end).get(rollout.name());
        }
        if (json) {
            out.println(BacktestReport.json(outcome));
        } else {
            BacktestReport.text(outcome, out);
        }
        out.flush();
        if (outcome.unmeasurable().isPresent()) {
            err.println("sluice backtest: no check of " + rollout.name() + " could be measured: " + outcome.unmeasurable().get());
            err.flush();
            return UNMEASURABLE;
        }
        return outcome.rollback().isPresent() ? ROLLED_BACK : NO_ROLLBACK;
    }

    /** An instant, {@code now}, or now minus a duration ({@code -2h}). */
    static Instant time(String option, String text, Instant now) {
        if (text.equals("now")) {
            return now;
        }
        if (text.startsWith("-")) {
            Optional<Duration> ago = Durations.parse(text.substring(1));
            if (ago.isEmpty()) {
                throw new IllegalArgumentException(option + " " + text + ": not a duration before now such as -2h or -1h30m");
            }
            return now.minus(ago.get());
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " " + text + ": not an ISO-8601 instant such as"
                    + " 2026-11-24T10:00:00Z, nor now, nor a duration before now such as -2h");
        }
    }
}
