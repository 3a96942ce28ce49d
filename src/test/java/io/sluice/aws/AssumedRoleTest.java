package io.sluice.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.model.Rollout;
import io.sluice.traffic.Split;
import io.sluice.traffic.TargetFailure;
import io.sluice.traffic.Urgency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** spec.aws.roleArn: the rollout's calls are made as a session of that role, assumed once and reused. */
class AssumedRoleTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/sluice-deployer";
    static final String SCENARIO = """
            sts:
              roles: [%s]
            ecs:
              taskStartTime: 10s
              taskDefinitions:
                - {family: web, revisions: [5, 6]}
              clusters:
                - name: prod
                  services:
                    - {name: web, taskDefinition: "web:5", desiredCount: 2}
            """.formatted(ROLE);

    SimAws sim;

    @BeforeEach
    void start() throws Exception {
        sim = new SimAws(SCENARIO);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    static Rollout web(String role) {
        return SimAws.rollout("web", "ecs: {cluster: prod, service: web}", "taskDefinition: web:6\naws:\n  roleArn: " + role
                + "\n", List.of(100));
    }

    @Test
    void callsAreMadeAsTheRolesSessionWhichIsAssumedOnce() {
        Rollout web = web(ROLE);
        assertEquals(Map.of("web:5", 100), sim.seen(web).observed().weights());
        sim.targets.apply(web, new Split("web:5", "web:6", 100), Urgency.MOVING);
        sim.seen(web);
        assertEquals("arn:aws:sts::123456789012:assumed-role/sluice-deployer/sluice",
                sim.clients.sts(web.aws()).getCallerIdentity().arn());
        assertEquals(1, sim.simCalls("sts", "AssumeRole", "ok"), "credentials reused until they expire");
        assertEquals(1, sim.simCalls("ecs", "UpdateService", "ok"));
    }

    @Test
    void aRoleThatCannotBeAssumedFailsThatRolloutAndSaysWhy() {
        TargetFailure f = sim.failure(web("arn:aws:iam::123456789012:role/someone-else"));
        assertTrue(f.getMessage().contains("AccessDenied") && f.getMessage().contains("sts:AssumeRole"), f.getMessage());
        assertEquals(0, sim.simCalls("ecs", "DescribeServices", "ok"), "nothing asked without credentials");
    }
}
