package io.sluice.bench;

import io.sluice.ops.Failover;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code bench/run failover [--smoke] [--kills N] [--seed S]}: three packaged daemons with DynamoDB
 * leases at their default timing (15 s lease, renewal every 5 s) on the example rollouts, the owner
 * killed with SIGKILL N times (20 by default; every seventh time cut off DynamoDB instead), and prints
 * the takeover time (median and max) and the number of overlapping writes. Needs the packaged jar
 * ({@code bench/run} builds it when missing). {@code --smoke}: 2 kills with a 6 s lease.
 */
public final class FailoverBench {
    private FailoverBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = List.of(args).contains("--smoke");
        int kills = smoke ? 2 : Integer.parseInt(option(args, "--kills", "20"));
        long seed = Long.parseLong(option(args, "--seed", Long.toString(System.nanoTime())));
        Duration lease = smoke ? Duration.ofSeconds(6) : Duration.ofSeconds(15);
        Duration renew = smoke ? Duration.ofSeconds(2) : Duration.ofSeconds(5);
        Path dir = Files.createTempDirectory("sluice-failover");
        System.out.printf("failover: 3 instances, lease %d s, renewal every %d s, %d takeovers, seed %d, logs in %s%n",
                lease.toSeconds(), renew.toSeconds(), kills, seed, dir);
        Failover.Result r = Failover.run(new Failover.Settings(kills, lease, renew, seed, dir, smoke ? 0 : 7, 0,
                Duration.ofSeconds(smoke ? 8 : 20)));
        List<Long> ms = new ArrayList<>(r.times().stream().map(Duration::toMillis).toList());
        Collections.sort(ms);
        r.takeovers().forEach(t -> System.out.printf("  %2d  %-16s %-8s -> %-8s %6d ms%n", t.kill(), t.how(), t.from(), t.to(),
                t.took().toMillis()));
        System.out.printf("takeover time over %d takeovers: median %d ms, max %d ms (lease %d ms)%n", ms.size(),
                ms.isEmpty() ? 0 : ms.get(ms.size() / 2), ms.isEmpty() ? 0 : ms.get(ms.size() - 1), lease.toMillis());
        System.out.printf("overlapping writes: %d (AWS writes in the simulator's call log: %d)%n", r.overlaps().size(), r.writes());
        r.overlaps().forEach(o -> System.out.println("  overlap: " + o));
        System.out.printf("rollouts: %s%n", r.ended());
        System.out.printf("other violations: %d%n", r.violations().size());
        r.violations().forEach(v -> System.out.println("  " + v));
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
