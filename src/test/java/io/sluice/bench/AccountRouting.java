package io.sluice.bench;

import io.sluice.model.Rollout;
import io.sluice.traffic.Observation;
import io.sluice.traffic.Split;
import io.sluice.traffic.TrafficTargets;
import io.sluice.traffic.Urgency;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToIntFunction;

/**
 * One reconcile loop over several AWS accounts, each reached with its own credentials: every account
 * has its own {@link TrafficTargets} (its own SDK clients and client-side quota buckets), and a
 * rollout goes to the account {@code accountOf} names. Accounts are observed side by side, as their
 * quotas are independent. This stands in for {@code spec.aws.roleArn} per account, without an
 * AssumeRole session per account to set up.
 */
final class AccountRouting implements TrafficTargets, AutoCloseable {
    private final List<? extends TrafficTargets> accounts;
    private final ToIntFunction<String> accountOf;
    private final ExecutorService observers;

    AccountRouting(List<? extends TrafficTargets> accounts, ToIntFunction<String> accountOf) {
        this.accounts = List.copyOf(accounts);
        this.accountOf = accountOf;
        this.observers = Executors.newFixedThreadPool(accounts.size(), r -> {
            Thread t = new Thread(r, "observe-account");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Map<String, Observation> observe(Collection<Rollout> rollouts, Urgency urgency) {
        Map<Integer, List<Rollout>> byAccount = new LinkedHashMap<>();
        rollouts.forEach(r -> byAccount.computeIfAbsent(accountOf.applyAsInt(r.name()), a -> new ArrayList<>()).add(r));
        Map<String, Observation> out = new ConcurrentHashMap<>();
        List<Future<?>> running = new ArrayList<>();
        byAccount.forEach((account, group) -> running.add(observers.submit(
                () -> out.putAll(accounts.get(account).observe(group, urgency)))));
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException("observing an account failed", e);
            }
        }
        return out;
    }

    @Override
    public void apply(Rollout rollout, Split split, Urgency urgency) {
        accounts.get(accountOf.applyAsInt(rollout.name())).apply(rollout, split, urgency);
    }

    @Override
    public void deploy(Rollout rollout, String side, String revision) {
        accounts.get(accountOf.applyAsInt(rollout.name())).deploy(rollout, side, revision);
    }

    @Override
    public void close() {
        observers.shutdownNow();
    }
}
