package io.sluice.traffic;

import java.util.Map;
import java.util.Optional;

/**
 * What a target reports right now, in the planner's terms.
 *
 * @param weights percent of traffic per version id that takes any (absent = 0)
 * @param versions the version each side runs, where the target can tell (for display)
 * @param settlement whether the last change has taken effect everywhere
 * @param canaryReadiness whether the new version may take traffic
 * @param trafficSides ECS blue/green: the side (service and target group) each version id runs on;
 *     empty where the ids are the sides themselves or there are no sides
 */
public record Observed(Map<String, Integer> weights, Map<String, String> versions, Settlement settlement,
                       Readiness canaryReadiness, Map<String, String> trafficSides) {

    public Observed {
        weights = Map.copyOf(weights);
        versions = Map.copyOf(versions);
        trafficSides = Map.copyOf(trafficSides);
    }

    public Observed(Map<String, Integer> weights, Map<String, String> versions, Settlement settlement,
                    Readiness canaryReadiness) {
        this(weights, versions, settlement, canaryReadiness, Map.of());
    }

    public int weightOf(String id) {
        return weights.getOrDefault(id, 0);
    }

    /** The id that takes all traffic, if one does. */
    public Optional<String> soleOwner() {
        return weights.entrySet().stream().filter(e -> e.getValue() == 100).map(Map.Entry::getKey).findFirst();
    }

    /** The id with the most traffic other than {@code except}. */
    public Optional<String> heaviestOtherThan(String except) {
        return weights.entrySet().stream().filter(e -> !e.getKey().equals(except) && e.getValue() > 0)
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    /** Route 53 PENDING, an ECS deployment in progress, or a failed one. */
    public sealed interface Settlement {
    }

    public record Settled() implements Settlement {
    }

    public record InProgress(String what) implements Settlement {
    }

    public record Failed(String reason) implements Settlement {
    }

    /** Target health of the new side, a published Lambda version, a runnable task definition. */
    public sealed interface Readiness {
    }

    /**
     * ECS blue/green: the new revision runs on neither service yet; {@code idleSide} names the service
     * that takes no traffic and may be given it.
     */
    public record NotDeployed(String idleSide, String reason) implements Readiness {
    }

    public record Ready() implements Readiness {
    }

    public record NotReady(String reason) implements Readiness {
    }

    public static final Settlement SETTLED = new Settled();
    public static final Readiness READY = new Ready();
}
