package io.sluice.bench;

import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A fleet of rollouts of all four target kinds in the proportions of an account with 1,000 of them
 * (600 ALB, 200 Lambda alias, 100 Route 53, 100 ECS), and the simulator scenario that holds their
 * targets, every one of them at rest on its stable side. ALB rollouts are {@code rN} (the targets of
 * {@link QuotaSteadyBench#scenario}), Lambda {@code lN} (function {@code fnN}, alias {@code live},
 * versions 1 and 2), Route 53 {@code dN} (two weighted sets in one of the zones, ten records a zone),
 * ECS {@code eN} (service {@code eN} on {@code app:1}, ten services a cluster).
 */
final class MixedFleet {
    enum Kind { ALB, LAMBDA, ROUTE53, ECS }

    /** How a rollout file asks for its target. */
    enum Desire {
        /** the side that already takes all traffic */
        REST,
        /** the other version, through setWeight 50, pause 10m, setWeight 100 (ECS: 100, pause) */
        STEP,
        /** as STEP, with a CloudWatch check that fails from its first measurement */
        FAIL
    }

    final int alb;
    final int lambda;
    final int route53;
    final int ecs;

    MixedFleet(int total) {
        alb = total * 6 / 10;
        lambda = total * 2 / 10;
        route53 = total / 10;
        ecs = Math.max(0, total - alb - lambda - route53);
    }

    int total() {
        return alb + lambda + route53 + ecs;
    }

    int count(Kind kind) {
        return switch (kind) {
            case ALB -> alb;
            case LAMBDA -> lambda;
            case ROUTE53 -> route53;
            case ECS -> ecs;
        };
    }

    static String name(Kind kind, int i) {
        return switch (kind) {
            case ALB -> "r";
            case LAMBDA -> "l";
            case ROUTE53 -> "d";
            case ECS -> "e";
        } + i;
    }

    /** Every rollout name of the fleet, kind by kind. */
    List<String> names() {
        List<String> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (int i = 0; i < count(k); i++) {
                out.add(name(k, i));
            }
        }
        return out;
    }

    /** The rollouts of each kind from {@code share * from} to {@code share * to} of that kind (shares of 1). */
    List<String> slice(double from, double to) {
        List<String> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (int i = (int) Math.round(count(k) * from); i < (int) Math.round(count(k) * to); i++) {
                out.add(name(k, i));
            }
        }
        return out;
    }

    private int zones() {
        return Math.max(1, (route53 + 9) / 10);
    }

    static String zoneId(int z) {
        return String.format("ZBENCH%014d", z);
    }

    /**
     * The simulator scenario; {@code failing} rollouts get a CloudWatch metric ({@code Bench/App Errors},
     * 50 a minute) that their FAIL check refuses. Quotas are left to the caller, who sets them after
     * reading the ARNs.
     */
    String scenario(Set<String> failing) {
        StringBuilder s = new StringBuilder(QuotaSteadyBench.scenario(alb));
        s.append("lambda:\n  functions:\n");
        for (int i = 0; i < lambda; i++) {
            s.append("    - {name: fn").append(i).append(", versions: 2, aliases: [{name: live, functionVersion: 1}]}\n");
        }
        if (route53 > 0) {
            s.append("route53:\n  changeSyncDelaySeconds: 5\n  hostedZones:\n");
            for (int z = 0; z < zones(); z++) {
                s.append("    - id: ").append(zoneId(z)).append("\n      name: zone").append(z)
                        .append(".example.com\n      records:\n");
                for (int i = z; i < route53; i += zones()) {
                    String record = "d" + i + ".zone" + z + ".example.com";
                    s.append("        - {name: ").append(record)
                            .append(", ttl: 60, values: [192.0.2.1], setIdentifier: blue, weight: 255}\n");
                    s.append("        - {name: ").append(record)
                            .append(", ttl: 60, values: [192.0.2.2], setIdentifier: green, weight: 0}\n");
                }
            }
        }
        if (ecs > 0) {
            s.append("ecs:\n  taskStartTime: 10s\n  taskDefinitions:\n    - {family: app, revisions: [1, 2]}\n")
                    .append("  clusters:\n");
            for (int i = 0; i < ecs; i++) {
                if (i % 10 == 0) {
                    s.append("    - name: c").append(i / 10).append("\n      services:\n");
                }
                s.append("        - {name: e").append(i).append(", taskDefinition: \"app:1\", desiredCount: 1}\n");
            }
        }
        if (!failing.isEmpty()) {
            s.append("monitoring:\n  metrics:\n");
            failing.forEach(name -> s.append("    - {namespace: Bench/App, metric: Errors, kind: count, value: 50, ")
                    .append("dimensions: {Rollout: ").append(name).append("}}\n"));
        }
        return s.toString();
    }

    /** The rollout file of one rollout of the fleet, read and validated as sluice reads Git. */
    static Rollout rollout(String name, QuotaSteadyBench.Arns arns, Desire desire, int zones) {
        int i = Integer.parseInt(name.substring(1));
        boolean moves = desire != Desire.REST;
        String steps = "  strategy:\n    steps:\n      - setWeight: 50\n      - pause: 10m\n      - setWeight: 100\n";
        String target = switch (name.charAt(0)) {
            case 'r' -> "  target:\n    alb:\n      listenerArn: " + arns.listeners().get(name) + "\n      targetGroups:\n"
                    + "        blue: " + arns.groups().get(name + "-blue") + "\n        green: "
                    + arns.groups().get(name + "-green") + "\n  active: " + (moves ? "green" : "blue") + "\n";
            case 'l' -> "  target:\n    lambda:\n      functionName: fn" + i + "\n      alias: live\n"
                    + "  version: \"" + (moves ? 2 : 1) + "\"\n";
            case 'd' -> "  target:\n    route53:\n      hostedZoneId: " + zoneId(i % zones) + "\n      recordName: d" + i
                    + ".zone" + (i % zones) + ".example.com.\n      recordType: A\n"
                    + "      setIdentifiers: {blue: blue, green: green}\n  active: " + (moves ? "green" : "blue") + "\n";
            case 'e' -> "  target:\n    ecs:\n      cluster: c" + i / 10 + "\n      service: e" + i + "\n"
                    + "  taskDefinition: app:" + (moves ? 2 : 1) + "\n";
            default -> throw new IllegalArgumentException("not a fleet rollout: " + name);
        };
        if (name.charAt(0) == 'e') {
            steps = "  strategy:\n    steps:\n      - setWeight: 100\n      - pause: 10m\n";
        }
        String analysis = desire != Desire.FAIL ? "" : "  analysis:\n    interval: 30s\n    settle: 60s\n    checks:\n"
                + "      - name: errors\n        cloudwatch: {namespace: Bench/App, metric: Errors, stat: Sum,"
                + " dimensions: {Rollout: " + name + "}}\n        failIf: {above: 10}\n";
        String text = "apiVersion: sluice.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: " + name + "\nspec:\n"
                + target + steps + analysis;
        RolloutFiles.FileResult read = RolloutFiles.read(text, "rollouts/" + name + ".yaml");
        return read.rollout().orElseThrow(() -> new IllegalArgumentException(read.problems() + "\n" + text));
    }

    int zoneCount() {
        return zones();
    }
}
