package io.sluice.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where traffic is shifted: exactly one of the four kinds. */
public sealed interface Target {

    /**
     * The target kinds, by the key a rollout file names them with. Code that differs by kind
     * switches over this enum without a default, so the compiler names every place a new kind must
     * be handled.
     */
    enum Kind implements Keyed {
        ALB("alb"), LAMBDA("lambda"), ROUTE53("route53"), ECS("ecs");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** The key under {@code spec.target}. */
        @Override
        public String key() {
            return key;
        }

        public static Optional<Kind> ofKey(String key) {
            return Keyed.ofKey(values(), key);
        }

        @Override
        public String toString() {
            return key;
        }
    }

    Kind kind();

    /** The ARNs the file gives for this target (names that are not ARNs left out). */
    List<String> arns();

    private static List<String> onlyArns(List<String> values) {
        return values.stream().filter(v -> v.startsWith("arn:")).toList();
    }

    /** The two sides traffic is split between when they are named in the file (ALB, Route 53). */
    default Optional<Sides> namedSides() {
        return Optional.empty();
    }

    /** The two sides of a traffic split (names such as {@code blue} and {@code green}). */
    record Sides(String first, String firstValue, String second, String secondValue) {
        public Optional<String> valueOf(String side) {
            if (side.equals(first)) {
                return Optional.of(firstValue);
            }
            return side.equals(second) ? Optional.of(secondValue) : Optional.empty();
        }

        public Optional<String> other(String side) {
            if (side.equals(first)) {
                return Optional.of(second);
            }
            return side.equals(second) ? Optional.of(first) : Optional.empty();
        }
    }

    /** A weighted forward between two target groups on a listener's default action or one rule. */
    record Alb(String listenerArn, Optional<String> ruleArn, Sides targetGroups,
               Optional<Duration> stickiness, Optional<Integer> drainSeconds) implements Target {
        @Override
        public Kind kind() {
            return Kind.ALB;
        }

        @Override
        public Optional<Sides> namedSides() {
            return Optional.of(targetGroups);
        }

        @Override
        public List<String> arns() {
            List<String> out = new ArrayList<>(List.of(listenerArn));
            ruleArn.ifPresent(out::add);
            out.add(targetGroups.firstValue());
            out.add(targetGroups.secondValue());
            return onlyArns(out);
        }
    }

    /** A Lambda alias whose routing config splits invocations between two published versions. */
    record Lambda(String functionName, String alias) implements Target {
        @Override
        public Kind kind() {
            return Kind.LAMBDA;
        }

        @Override
        public List<String> arns() {
            return onlyArns(List.of(functionName));
        }
    }

    /** Two weighted record sets of one name (set identifiers per side). */
    record Route53(String hostedZoneId, String recordName, String recordType, Sides setIdentifiers)
            implements Target {
        @Override
        public Kind kind() {
            return Kind.ROUTE53;
        }

        @Override
        public Optional<Sides> namedSides() {
            return Optional.of(setIdentifiers);
        }

        @Override
        public List<String> arns() {
            return List.of();
        }
    }

    /**
     * An ECS service moved to a new task definition revision; or, blue/green, two services of which
     * the idle one gets the revision and an ALB shifts the traffic.
     */
    record Ecs(String cluster, Optional<String> service, Optional<Sides> services, Optional<Alb> alb)
            implements Target {
        @Override
        public Kind kind() {
            return Kind.ECS;
        }

        @Override
        public List<String> arns() {
            List<String> out = new ArrayList<>(List.of(cluster));
            service.ifPresent(out::add);
            services.ifPresent(s -> {
                out.add(s.firstValue());
                out.add(s.secondValue());
            });
            alb.ifPresent(a -> out.addAll(a.arns()));
            return onlyArns(out);
        }

        public boolean blueGreen() {
            return services.isPresent();
        }
    }
}
