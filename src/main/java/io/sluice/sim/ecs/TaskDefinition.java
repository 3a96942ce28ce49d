package io.sluice.sim.ecs;

import io.sluice.sim.Scope;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One registered task definition revision; {@code bad} revisions never get a healthy task. */
record TaskDefinition(String family, int revision, boolean bad, String image, String cpu, String memory,
        Instant registeredAt) {

    String arn(Scope scope) {
        return "arn:aws:ecs:" + scope.region() + ":" + scope.account() + ":task-definition/" + family + ":" + revision;
    }

    Map<String, Object> describe(Scope scope) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", family);
        container.put("image", image);
        container.put("cpu", 0);
        container.put("essential", Boolean.TRUE);
        container.put("portMappings", List.of(Map.of("containerPort", 8080, "hostPort", 8080, "protocol", "tcp")));
        container.put("environment", List.of());
        container.put("mountPoints", List.of());
        container.put("volumesFrom", List.of());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("taskDefinitionArn", arn(scope));
        out.put("containerDefinitions", List.of(container));
        out.put("family", family);
        out.put("networkMode", "awsvpc");
        out.put("revision", revision);
        out.put("volumes", List.of());
        out.put("status", "ACTIVE");
        out.put("compatibilities", List.of("EC2", "FARGATE"));
        out.put("requiresCompatibilities", List.of("FARGATE"));
        out.put("cpu", cpu);
        out.put("memory", memory);
        out.put("registeredAt", registeredAt);
        return out;
    }
}
