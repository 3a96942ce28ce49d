package io.sluice.cli;

import io.sluice.model.Check;
import io.sluice.model.RolloutFiles;
import io.sluice.sim.Scenario;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimServices;
import io.sluice.sim.apps.AppStandIns;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * What {@code sluice simulate} sets up before the daemon starts: the AWS simulator on a clock that
 * runs faster than real time, loaded with the scenario behind the example repo; a local Git server
 * (a bare repository) holding the example repo, and a clone of it for the user; stand-ins for the
 * applications the rollouts probe. The daemon is then pointed at all of them through its normal
 * configuration keys.
 */
final class SimulateEnvironment implements AutoCloseable {
    private static volatile SimulateEnvironment current;

    final Path dir;
    final Path userClone;
    final URI remote;
    final SimClock clock;
    final SimServer aws;
    final AppStandIns apps;
    final double speed;

    private SimulateEnvironment(Path dir, Path userClone, URI remote, SimClock clock, SimServer aws, AppStandIns apps,
                                double speed) {
        this.dir = dir;
        this.userClone = userClone;
        this.remote = remote;
        this.clock = clock;
        this.aws = aws;
        this.apps = apps;
        this.speed = speed;
    }

    /** The environment prepared for this process, for the command that runs inside the application. */
    static SimulateEnvironment current() {
        if (current == null) {
            throw new IllegalStateException("simulate environment not prepared");
        }
        return current;
    }

    static SimulateEnvironment prepare(Path exampleRepo, Path workDir, double speed, int awsPort)
            throws IOException, GitAPIException {
        Path rollouts = exampleRepo.resolve("rollouts");
        if (!Files.isDirectory(rollouts)) {
            throw new IOException(exampleRepo.toAbsolutePath() + " has no rollouts/ folder: run from the sluice checkout"
                    + " or pass --repo DIR");
        }
        deleteRecursively(workDir);
        Path bare = workDir.resolve("config.git");
        Path userClone = workDir.resolve("config");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        try (Git git = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(userClone.toFile()).call()) {
            copyTree(exampleRepo, userClone);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("Example desired state").setAuthor("sluice simulate", "simulate@localhost")
                    .setCommitter("sluice simulate", "simulate@localhost").call();
            String branch = git.getRepository().getBranch();
            if (!branch.equals("main")) {
                git.branchRename().setOldName(branch).setNewName("main").call();
            }
            git.push().setRemote("origin").setRefSpecs(new org.eclipse.jgit.transport.RefSpec("main:main")).call();
            var config = git.getRepository().getConfig();
            config.setString("branch", "main", "remote", "origin");
            config.setString("branch", "main", "merge", "refs/heads/main");
            config.save();
        }
        SimClock clock = SimClock.scaled(Instant.now(), speed);
        SimServer aws = SimServer.start(awsPort, clock, SimServices.all(clock));
        try (InputStream in = SimulateEnvironment.class.getResourceAsStream("/sim/example-scenario.yaml")) {
            // the simulated AWS enforces the published API rate limits, as the real one does
            Scenario.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\nquotas: {enabled: true}\n")
                    .applyTo(aws);
        }
        RolloutFiles.Result example = RolloutFiles.readFolder(rollouts, "rollouts");
        AppStandIns apps = new AppStandIns(Check.hostsOf(example.rollouts(), Check.Kind.HTTP),
                Check.hostsOf(example.rollouts(), Check.Kind.PROMETHEUS));

        System.setProperty("sluice.git.url", bare.toUri().toString());
        System.setProperty("sluice.git.work-dir", workDir.resolve("daemon-clone").toString());
        System.setProperty("sluice.git.poll-interval", "2s");
        System.setProperty("sluice.reconcile.interval", "1s");
        System.setProperty("sluice.aws.endpoint-override", aws.endpoint().toString());
        System.setProperty("sluice.aws.access-key-id", "AKIDSIMULATE");
        System.setProperty("sluice.aws.secret-access-key", "simulate");
        System.setProperty("sluice.analysis.resolve", String.join(",", apps.resolveEntries()));
        current = new SimulateEnvironment(workDir, userClone, bare.toUri(), clock, aws, apps, speed);
        return current;
    }


    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void close() {
        apps.close();
        aws.close();
    }
}
