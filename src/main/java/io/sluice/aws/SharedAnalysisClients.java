package io.sluice.aws;

import io.sluice.analysis.AnalysisClients;
import io.sluice.model.Rollout;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** The analysis providers use the same clients as the targets: one endpoint, credentials, retry budget and call count. */
final class SharedAnalysisClients implements AnalysisClients {
    private final AwsClients clients;

    SharedAnalysisClients(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public CloudWatchClient cloudWatch(Rollout.AwsScope scope) {
        return clients.cloudWatch(scope);
    }

    @Override
    public ElasticLoadBalancingV2Client elasticLoadBalancing(Rollout.AwsScope scope) {
        return clients.elb(scope);
    }

    @Override
    public EcsClient ecs(Rollout.AwsScope scope) {
        return clients.ecs(scope);
    }
}
