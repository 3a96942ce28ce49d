package io.sluice.sim.ecs;

import io.sluice.sim.AwsError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One region's clusters, services and task definitions. */
final class EcsRegion {
    final String region;
    /** cluster name -> service name -> service */
    final Map<String, Map<String, ServiceState>> clusters = new LinkedHashMap<>();
    /** family -> revision -> task definition */
    final Map<String, TreeMap<Integer, TaskDefinition>> taskDefinitions = new LinkedHashMap<>();

    EcsRegion(String region) {
        this.region = region;
    }

    /** "web", "web:7" or a task definition ARN; a bare family means its latest revision. */
    Optional<TaskDefinition> taskDefinition(String reference) {
        String ref = reference;
        int slash = ref.indexOf(":task-definition/");
        if (ref.startsWith("arn:")) {
            if (slash < 0) {
                return Optional.empty();
            }
            ref = ref.substring(slash + ":task-definition/".length());
        }
        int colon = ref.lastIndexOf(':');
        String family = colon < 0 ? ref : ref.substring(0, colon);
        TreeMap<Integer, TaskDefinition> revisions = taskDefinitions.get(family);
        if (revisions == null || revisions.isEmpty()) {
            return Optional.empty();
        }
        if (colon < 0) {
            return Optional.of(revisions.lastEntry().getValue());
        }
        try {
            return Optional.ofNullable(revisions.get(Integer.parseInt(ref.substring(colon + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The cluster's services, by short name or cluster ARN; default cluster "default". */
    Map<String, ServiceState> cluster(Optional<String> reference) {
        String name = clusterName(reference);
        Map<String, ServiceState> services = clusters.get(name);
        if (services == null) {
            throw AwsError.client(400, "ClusterNotFoundException", "Cluster not found.").raise();
        }
        return services;
    }

    static String clusterName(Optional<String> reference) {
        String ref = reference.filter(s -> !s.isEmpty()).orElse("default");
        int slash = ref.indexOf(":cluster/");
        return ref.startsWith("arn:") && slash >= 0 ? ref.substring(slash + ":cluster/".length()) : ref;
    }

    /** A service name from a short name or service ARN (old or new ARN format). */
    static String serviceName(String reference) {
        if (reference.startsWith("arn:")) {
            return reference.substring(reference.lastIndexOf('/') + 1);
        }
        return reference;
    }

    String clusterArn(String cluster) {
        return "arn:aws:ecs:" + region + ":" + EcsService.ACCOUNT + ":cluster/" + cluster;
    }
}
