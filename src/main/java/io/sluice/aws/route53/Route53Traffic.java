package io.sluice.aws.route53;

import io.sluice.aws.AwsClients;
import io.sluice.aws.AwsFailures;
import io.sluice.aws.Percentages;
import io.sluice.aws.TargetAdapter;
import io.sluice.model.Rollout;
import io.sluice.model.Target;
import io.sluice.traffic.Observation;
import io.sluice.traffic.Observed;
import io.sluice.traffic.Split;
import io.sluice.traffic.TargetFailure;
import io.sluice.traffic.Urgency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Route 53: two weighted record sets of one name and type. A shift UPSERTs both in one atomic batch
 * with their TTL and values as read; the change id is kept until GetChange says INSYNC, and until
 * then the rollout reads as in progress. A change id lives in memory only: after a restart the next
 * change is the first one waited for.
 */
public final class Route53Traffic implements TargetAdapter {
    public static final int MAX_WEIGHT = 255;

    private final AwsClients clients;
    private final Map<String, String> pendingChanges = new ConcurrentHashMap<>();
    /** The two record sets of each rollout as last read or written: a rollback writes from them, reading nothing. */
    private final Map<String, Map<String, ResourceRecordSet>> lastSets = new ConcurrentHashMap<>();

    public Route53Traffic(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public Map<String, Observation> observe(List<Rollout> rollouts, Urgency urgency) {
        return TargetAdapter.eachAlone(rollouts, r -> observe(r, urgency));
    }

    private Observed observe(Rollout r, Urgency urgency) {
        Target.Route53 target = (Target.Route53) r.target();
        Route53Client route53 = clients.route53(r.aws(), urgency);
        Map<String, ResourceRecordSet> sets = weightedSets(route53, r, target);
        lastSets.put(r.name(), sets);
        Map<String, Long> amounts = new LinkedHashMap<>();
        Map<String, String> versions = new LinkedHashMap<>();
        Target.Sides sides = target.setIdentifiers();
        for (String side : List.of(sides.first(), sides.second())) {
            amounts.put(side, sets.get(sides.valueOf(side).orElseThrow()).weight());
            versions.put(side, side);
        }
        Map<String, Integer> weights = amounts.values().stream().allMatch(w -> w == 0)
                // Route 53 answers all-zero weighted sets equally
                ? Percentages.byRatio(Map.of(sides.first(), 1L, sides.second(), 1L))
                : Percentages.byRatio(amounts);
        return new Observed(weights, versions, settlement(route53, r), Observed.READY);
    }

    private Observed.Settlement settlement(Route53Client route53, Rollout r) {
        String changeId = pendingChanges.get(r.name());
        if (changeId == null) {
            return Observed.SETTLED;
        }
        ChangeInfo change;
        try {
            change = route53.getChange(q -> q.id(changeId)).changeInfo();
        } catch (SdkException e) {
            throw AwsFailures.of(e, r.name() + ": GetChange " + changeId);
        }
        if (change.status() == ChangeStatus.INSYNC) {
            pendingChanges.remove(r.name(), changeId);
            return Observed.SETTLED;
        }
        return new Observed.InProgress("change " + shortId(changeId) + " " + change.statusAsString());
    }

    @Override
    public void apply(Rollout rollout, Split split, Urgency urgency) {
        Target.Route53 target = (Target.Route53) rollout.target();
        Target.Sides sides = target.setIdentifiers();
        String stableId = sides.valueOf(split.stable()).orElseThrow(() -> notASide(rollout, split.stable()));
        String canaryId = sides.valueOf(split.canary()).orElseThrow(() -> notASide(rollout, split.canary()));
        if (stableId.equals(canaryId)) {
            throw AwsFailures.invalid(rollout.name() + ": stable and canary are both " + split.stable());
        }
        for (String id : List.of(stableId, canaryId)) {
            if (id.contains("/")) {
                // the SDK would rewrite it as a resource path and Route 53 would get another name
                throw AwsFailures.invalid(rollout.name() + ": set identifier '" + id + "' contains '/'");
            }
        }
        Route53Client route53 = clients.route53(rollout.aws(), urgency);
        Map<String, ResourceRecordSet> seen = lastSets.get(rollout.name());
        Map<String, ResourceRecordSet> sets = split.canaryPercent() == 0 && seen != null
                && seen.containsKey(stableId) && seen.containsKey(canaryId) ? seen : weightedSets(route53, rollout, target);
        long canaryWeight = Percentages.toWeight(split.canaryPercent(), MAX_WEIGHT);
        ResourceRecordSet stable = sets.get(stableId).toBuilder().weight(MAX_WEIGHT - canaryWeight).build();
        ResourceRecordSet canary = sets.get(canaryId).toBuilder().weight(canaryWeight).build();
        if (stable.equals(sets.get(stableId)) && canary.equals(sets.get(canaryId))) {
            return;
        }
        try {
            ChangeInfo change = route53.changeResourceRecordSets(c -> c.hostedZoneId(target.hostedZoneId())
                    .changeBatch(b -> b.comment("sluice " + rollout.name() + " " + split).changes(
                            Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(stable).build(),
                            Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(canary).build())))
                    .changeInfo();
            if (change.status() != ChangeStatus.INSYNC) {
                pendingChanges.put(rollout.name(), change.id());
            }
            Map<String, ResourceRecordSet> written = new LinkedHashMap<>(sets);
            written.put(stableId, stable);
            written.put(canaryId, canary);
            lastSets.put(rollout.name(), written);
        } catch (SdkException e) {
            throw AwsFailures.of(e, rollout.name() + ": ChangeResourceRecordSets " + target.recordName() + " to "
                    + split);
        }
    }

    /** The two sets of the rollout by set identifier; a missing one is NOT_FOUND. */
    private static Map<String, ResourceRecordSet> weightedSets(Route53Client route53, Rollout r, Target.Route53 target) {
        String name = normalise(target.recordName());
        Map<String, ResourceRecordSet> found = new LinkedHashMap<>();
        try {
            // sets are listed in name and type order, so the rollout's are the first ones from here
            for (ResourceRecordSet s : route53.listResourceRecordSets(q -> q.hostedZoneId(target.hostedZoneId())
                    .startRecordName(name).startRecordType(target.recordType()).maxItems("100")).resourceRecordSets()) {
                if (!normalise(s.name()).equals(name) || !s.typeAsString().equals(target.recordType())) {
                    break;
                }
                if (s.setIdentifier() != null) {
                    found.put(s.setIdentifier(), s);
                }
            }
        } catch (SdkException e) {
            throw AwsFailures.of(e, r.name() + ": ListResourceRecordSets " + name + " " + target.recordType());
        }
        Target.Sides sides = target.setIdentifiers();
        for (String id : List.of(sides.firstValue(), sides.secondValue())) {
            ResourceRecordSet set = found.get(id);
            if (set == null) {
                throw AwsFailures.notFound(r.name() + ": no weighted record set '" + id + "' of " + name + " "
                        + target.recordType() + " in zone " + target.hostedZoneId());
            }
            if (set.weight() == null) {
                throw AwsFailures.invalid(r.name() + ": record set '" + id + "' of " + name + " is not weighted");
            }
        }
        return found;
    }

    private static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    private static String shortId(String changeId) {
        return changeId.substring(changeId.lastIndexOf('/') + 1);
    }

    private static TargetFailure notASide(Rollout r, String side) {
        Target.Sides s = ((Target.Route53) r.target()).setIdentifiers();
        return AwsFailures.invalid(r.name() + ": '" + side + "' is neither " + s.first() + " nor " + s.second());
    }
}
