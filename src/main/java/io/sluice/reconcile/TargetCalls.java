package io.sluice.reconcile;

import io.sluice.analysis.AnalysisRequest;
import io.sluice.analysis.Analyzer;
import io.sluice.model.Rollout;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.plan.Decision;
import io.sluice.traffic.Observation;
import io.sluice.traffic.TargetFailure;
import io.sluice.traffic.TrafficTargets;
import io.sluice.traffic.Urgency;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * The calls one pass makes to targets and check providers, each kept to its own rollout: a batch
 * that fails is retried one rollout at a time, and an action that fails is that rollout's trouble.
 */
final class TargetCalls implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private final TrafficTargets targets;
    private final Analyzer analyzer;
    private final ExecutorService actors;
    /**
     * Rollbacks have a thread each: they never queue behind shifts, nor behind one another (a rollback
     * waiting for one service's quota must not hold up another service's); the quota limiter orders
     * their calls.
     */
    private final ExecutorService rollbacks;

    TargetCalls(TrafficTargets targets, Analyzer analyzer, int concurrency) {
        this.targets = targets;
        this.analyzer = analyzer;
        this.rollbacks = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sluice-rollback");
            t.setDaemon(true);
            return t;
        });
        this.actors = Executors.newFixedThreadPool(Math.max(1, concurrency), r -> {
            Thread t = new Thread(r, "sluice-act");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Observes as one batch; when the batch itself fails, each rollout alone, so that one target's
     * unexpected answer is that rollout's failure and never the pass's.
     */
    Map<String, Observation> observe(List<Rollout> all, Urgency urgency) {
        if (all.isEmpty()) {
            return Map.of();
        }
        try {
            return targets.observe(all, urgency);
        } catch (RuntimeException batch) {
            LOG.warnf("observing %d targets as one batch failed (%s); observing each alone", all.size(), batch);
            Map<String, Observation> out = new LinkedHashMap<>();
            for (Rollout r : all) {
                try {
                    out.putAll(targets.observe(List.of(r), urgency));
                } catch (RuntimeException one) {
                    TargetFailure f = one instanceof TargetFailure tf ? tf
                            : new TargetFailure(TargetFailure.Kind.UNAVAILABLE, "", "observing failed: " + one, one);
                    out.put(r.name(), new Observation.Failed(f));
                }
            }
            return out;
        }
    }

    /** Measures as one batch; when the batch fails, each rollout alone; a rollout that still fails keeps its last checks. */
    Map<String, List<CheckStatus>> measure(List<AnalysisRequest> due, Instant now) {
        try {
            return analyzer.measure(due, now);
        } catch (RuntimeException batch) {
            LOG.warnf("measuring the checks of %d rollouts as one batch failed (%s); measuring each alone", due.size(), batch);
            Map<String, List<CheckStatus>> out = new LinkedHashMap<>();
            for (AnalysisRequest r : due) {
                try {
                    out.putAll(analyzer.measure(List.of(r), now));
                } catch (RuntimeException one) {
                    LOG.errorf(one, "rollout=%s reason=ProviderError measuring its checks failed", r.rollout().name());
                }
            }
            return out;
        }
    }

    /** Rollbacks go first and are not queued behind other rollouts' actions. */
    void act(Map<String, Decision> decisions, Map<String, LastGoodDesired.Entry> rollouts,
                     Map<String, Trouble> failures, Ownership own) {
        List<Map.Entry<String, Decision>> actions = new ArrayList<>(decisions.entrySet().stream()
                .filter(e -> e.getValue() instanceof Decision.RollBack || e.getValue() instanceof Decision.ShiftWeights
                        || e.getValue() instanceof Decision.DeployRevision)
                .toList());
        actions.sort(Comparator.comparingInt(e -> e.getValue() instanceof Decision.RollBack ? 0 : 1));
        List<Future<?>> running = new ArrayList<>();
        for (Map.Entry<String, Decision> a : actions) {
            Rollout rollout = rollouts.get(a.getKey()).rollout();
            Runnable call = () -> {
                try {
                    if (!own.mayWrite(rollout)) {
                        // fenced: the lease lapsed since the pass began; the instance that takes it over carries on
                        failures.put(a.getKey(), new Trouble(Reason.ActionFailed, "not written: this instance's lease"
                                + " for the rollout's account and region lapsed before the write; the instance that"
                                + " takes it over carries on"));
                        return;
                    }
                    if (a.getValue() instanceof Decision.RollBack rb) {
                        // ahead of every routine call waiting for the account's API quota
                        targets.apply(rollout, rb.split(), Urgency.ROLLBACK);
                    } else if (a.getValue() instanceof Decision.ShiftWeights sw) {
                        targets.apply(rollout, sw.split(), Urgency.MOVING);
                    } else if (a.getValue() instanceof Decision.DeployRevision dr) {
                        targets.deploy(rollout, dr.side(), dr.revision());
                    }
                } catch (TargetFailure f) {
                    failures.put(a.getKey(), Trouble.ofAction(a.getValue(), f));
                } catch (RuntimeException | StackOverflowError e) {
                    failures.put(a.getKey(), Trouble.ofAction(a.getValue(), new TargetFailure(TargetFailure.Kind.UNAVAILABLE, "",
                            e.toString(), e)));
                }
            };
            running.add((a.getValue() instanceof Decision.RollBack ? rollbacks : actors).submit(call));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.errorf(e, "an action worker failed");
            }
        }
    }

    @Override
    public void close() {
        actors.shutdownNow();
        rollbacks.shutdownNow();
    }
}
