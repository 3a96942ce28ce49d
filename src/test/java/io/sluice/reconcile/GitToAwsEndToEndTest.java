package io.sluice.reconcile;

import io.sluice.model.DesiredState;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.git.Credentials;
import io.sluice.git.DesiredSnapshot;
import io.sluice.git.GitSource;
import io.sluice.git.LocalClone;
import io.sluice.git.PollResult;
import io.sluice.git.Remote;
import io.sluice.git.StatusWriter;
import io.sluice.git.servers.GitCli;
import io.sluice.git.servers.GitDaemonServer;
import io.sluice.git.servers.UserClone;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * A person's git push moves traffic step by step, sluice's status commits appear on the Git server
 * beside the person's commits, and a git revert of the version commit rolls back. Real git daemon,
 * real git CLI, the AWS simulator.
 */
class GitToAwsEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void aPushedVersionRollsOutStepByStepAndARevertRollsItBack() throws Exception {
        String example = Files.readString(Path.of("config-repo-example/rollouts/nodeapp-alb.yaml"));
        Path served = Files.createDirectories(tmp.resolve("served"));
        GitCli.seededBareRepo(served, "config.git", Map.of("rollouts/nodeapp-alb.yaml",
                example.replace("active: green", "active: blue")));
        try (GitDaemonServer daemon = new GitDaemonServer(served).start();
             ScenarioHarness h = new ScenarioHarness(s -> s);
             LocalClone clone = new LocalClone(tmp.resolve("daemon-clone"), new Remote(daemon.url("config.git"),
                     new Credentials.Anonymous(), Duration.ofSeconds(10)))) {
            GitSource source = new GitSource(clone, "main", "rollouts", h.clock);
            StatusWriter writer = new StatusWriter(clone, new StatusWriter.Settings("main", "status", "sluice",
                    "sluice@localhost", 5, Duration.ofMillis(50)), h.clock);
            UserClone user = new UserClone(tmp, daemon.url("config.git"));

            RolloutStatus healthy = pass(h, source, writer);
            assertEquals(Phase.Healthy, healthy.phase(), h.timeline());

            user.pull(); // sluice committed the first status meanwhile
            user.write("rollouts/nodeapp-alb.yaml", example);
            String version = user.commit("Release green");
            user.push();

            List<Integer> weightsSeen = new ArrayList<>();
            RolloutStatus s = healthy;
            for (int i = 0; i < 40 && (weightsSeen.isEmpty() || weightsSeen.get(weightsSeen.size() - 1) < 50); i++) {
                s = pass(h, source, writer);
                int w = s.canary().map(c -> (int) c.weight()).orElse(0);
                if (weightsSeen.isEmpty() || weightsSeen.get(weightsSeen.size() - 1) != w) {
                    weightsSeen.add(w);
                }
                h.clock.advance(Duration.ofSeconds(30));
            }
            assertEquals(List.of(10, 50), weightsSeen, h.timeline());
            assertEquals(version, s.observedCommit().orElseThrow());

            user.pull();
            String statusOnServer = Files.readString(user.dir().resolve("status/nodeapp-alb.yaml"));
            assertTrue(statusOnServer.contains("phase: Progressing"), statusOnServer);
            assertTrue(user.git("log", "--format=%s").contains("sluice: nodeapp-alb Progressing"), user.git("log", "--format=%s"));
            assertTrue(user.git("log", "-1", "--format=%s", "--", "status").endsWith("[skip ci]"));

            user.git("revert", "--no-edit", version);
            user.push();
            assertEquals(Map.of("nodeapp-blue", 499, "nodeapp-green", 500), albWeights(h));
            RolloutStatus rolledBack = s;
            for (int i = 0; i < 10 && rolledBack.phase() != Phase.RolledBack; i++) {
                rolledBack = pass(h, source, writer);
                h.clock.advance(Duration.ofSeconds(5));
            }
            assertEquals(Phase.RolledBack, rolledBack.phase(), h.timeline());
            assertEquals("desired version reverted to the stable blue (2026.11.20) in Git", rolledBack.history().get(0).reason().orElseThrow());
            assertEquals(Map.of("nodeapp-blue", 999, "nodeapp-green", 0), albWeights(h));

            user.pull();
            assertTrue(user.git("log", "--format=%s").contains("Revert \"Release green\""), "the person's revert is kept");
            assertTrue(Files.readString(user.dir().resolve("status/nodeapp-alb.yaml")).contains("phase: RolledBack"));
        }
    }

    private static RolloutStatus pass(ScenarioHarness h, GitSource source, StatusWriter writer) {
        PollResult poll = source.poll();
        assertTrue(poll.ok(), () -> poll.trouble().toString());
        DesiredSnapshot d = poll.snapshot().orElseThrow();
        PassReport report = h.reconciler.pass(new DesiredState(d.commitId(), d.rollouts(), d.problems()));
        if (!report.changedStatuses().isEmpty()) {
            writer.write(report.changedStatuses().stream().map(n -> report.statuses().get(n)).toList(),
                    ReconcileLoop.summary(report));
        }
        RolloutStatus s = report.statuses().get("nodeapp-alb");
        h.timeline.add(h.clock.now() + " " + s.phase() + " " + s.canary() + " " + s.message());
        return s;
    }

    private static Map<String, Integer> albWeights(ScenarioHarness h) {
        ElasticLoadBalancingV2Client elb = ElasticLoadBalancingV2Client.builder().endpointOverride(h.sim.endpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPERSON", "x"))).build();
        String lb = elb.describeLoadBalancers(d -> d.names("nodeapp")).loadBalancers().get(0).loadBalancerArn();
        return elb.describeListeners(d -> d.loadBalancerArn(lb)).listeners().get(0).defaultActions().get(0).forwardConfig()
                .targetGroups().stream().collect(java.util.stream.Collectors.toMap(
                        t -> t.targetGroupArn().replaceAll(".*:targetgroup/([^/]+)/.*", "$1"), t -> t.weight()));
    }
}
