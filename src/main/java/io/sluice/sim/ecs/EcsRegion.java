package io.sluice.sim.ecs;

import io.sluice.sim.Arn;
import io.sluice.sim.AwsError;
import io.sluice.sim.Scope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One account's clusters, services and task definitions in one region. */
final class EcsRegion {
    final Scope scope;
    /** cluster name -> service name -> service */
    final Map<String, Map<String, ServiceState>> clusters = new LinkedHashMap<>();
    /** family -> revision -> task definition */
    final Map<String, TreeMap<Integer, TaskDefinition>> taskDefinitions = new LinkedHashMap<>();

    EcsRegion(Scope scope) {
        this.scope = scope;
    }

    /**
     * "web", "web:7" or a task definition ARN; a bare family means its latest revision. An ARN is
     * taken to be of this scope (callers check that first).
     */
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

    /** False for an ARN of another region or account; true for one of this scope and for a name. */
    boolean owns(String reference) {
        return Arn.parse(reference).map(a -> a.in(scope)).orElse(true);
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

    /** The cluster a new-format service ARN ({@code service/CLUSTER/NAME}) names; empty for other references. */
    static Optional<String> clusterOfService(String reference) {
        int at = reference.indexOf(":service/");
        if (!reference.startsWith("arn:") || at < 0) {
            return Optional.empty();
        }
        String path = reference.substring(at + ":service/".length());
        int slash = path.indexOf('/');
        return slash < 0 ? Optional.empty() : Optional.of(path.substring(0, slash));
    }

    String clusterArn(String cluster) {
        return "arn:aws:ecs:" + scope.region() + ":" + scope.account() + ":cluster/" + cluster;
    }
}
