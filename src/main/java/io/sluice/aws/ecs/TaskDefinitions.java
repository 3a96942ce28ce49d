package io.sluice.aws.ecs;

import io.sluice.aws.AwsClients;
import io.sluice.aws.AwsFailures;
import io.sluice.model.Rollout;
import io.sluice.traffic.Observed;
import io.sluice.traffic.Urgency;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.ClientException;

/**
 * Whether a task definition revision is registered, asked of ECS once: a registered revision stays
 * describable (deregistering only marks it INACTIVE), so a yes is kept, while a no is asked again
 * on the next pass, as the revision may be registered by then.
 */
final class TaskDefinitions {
    /** Enough for every revision a fleet names at once; past it, the cache starts over. */
    private static final int MAX_KNOWN = 10_000;

    private record Key(Rollout.AwsScope scope, String taskDefinition) {
    }

    private final AwsClients clients;
    private final Map<Key, Boolean> registered = new ConcurrentHashMap<>();

    TaskDefinitions(AwsClients clients) {
        this.clients = clients;
    }

    Observed.Readiness readiness(Rollout.AwsScope scope, String taskDefinition, Urgency urgency) {
        Key key = new Key(scope, taskDefinition);
        if (registered.containsKey(key)) {
            return Observed.READY;
        }
        try {
            clients.ecs(scope, urgency).describeTaskDefinition(q -> q.taskDefinition(taskDefinition));
        } catch (ClientException e) {
            return new Observed.NotReady("task definition " + taskDefinition + " does not exist");
        } catch (SdkException e) {
            throw AwsFailures.of(e, "DescribeTaskDefinition " + taskDefinition);
        }
        if (registered.size() >= MAX_KNOWN) {
            registered.clear();
        }
        registered.put(key, Boolean.TRUE);
        return Observed.READY;
    }
}
