package io.sluice.analysis;

import io.sluice.model.Rollout;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The SDK clients the providers call, per region and role of a rollout. Implementations cache and
 * share clients; the providers never build or close them.
 */
public interface AnalysisClients {

    CloudWatchClient cloudWatch(Rollout.AwsScope scope);

    ElasticLoadBalancingV2Client elasticLoadBalancing(Rollout.AwsScope scope);

    EcsClient ecs(Rollout.AwsScope scope);
}
