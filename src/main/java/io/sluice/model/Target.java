package io.sluice.model;

import java.time.Duration;
import java.util.Optional;

/** Where traffic is shifted: exactly one of the four kinds. */
public sealed interface Target {

    String kind();

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
        public String kind() {
            return "alb";
        }
    }

    /** A Lambda alias whose routing config splits invocations between two published versions. */
    record Lambda(String functionName, String alias) implements Target {
        @Override
        public String kind() {
            return "lambda";
        }
    }

    /** Two weighted record sets of one name (set identifiers per side). */
    record Route53(String hostedZoneId, String recordName, String recordType, Sides setIdentifiers)
            implements Target {
        @Override
        public String kind() {
            return "route53";
        }
    }

    /**
     * An ECS service moved to a new task definition revision; or, blue/green, two services of which
     * the idle one gets the revision and an ALB shifts the traffic.
     */
    record Ecs(String cluster, Optional<String> service, Optional<Sides> services, Optional<Alb> alb)
            implements Target {
        @Override
        public String kind() {
            return "ecs";
        }

        public boolean blueGreen() {
            return services.isPresent();
        }
    }
}
