package io.sluice.analysis;

import io.sluice.model.Rollout;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Clients from the SDK's default chains (region and credentials), one per scope, built on first use:
 * the rollout's region if it names one, and its role assumed through STS. Used when the application
 * provides no {@link AnalysisClients} of its own (the shared AWS client factory should).
 */
final class SdkAnalysisClients implements AnalysisClients, AutoCloseable {
    private final Map<Rollout.AwsScope, CloudWatchClient> cloudWatch = new ConcurrentHashMap<>();
    private final Map<Rollout.AwsScope, ElasticLoadBalancingV2Client> elb = new ConcurrentHashMap<>();
    private final Map<Rollout.AwsScope, EcsClient> ecs = new ConcurrentHashMap<>();
    private final Map<Rollout.AwsScope, AwsCredentialsProvider> credentials = new ConcurrentHashMap<>();

    @Override
    public CloudWatchClient cloudWatch(Rollout.AwsScope scope) {
        return cloudWatch.computeIfAbsent(scope, s -> configure(CloudWatchClient.builder(), s).build());
    }

    @Override
    public ElasticLoadBalancingV2Client elasticLoadBalancing(Rollout.AwsScope scope) {
        return elb.computeIfAbsent(scope, s -> configure(ElasticLoadBalancingV2Client.builder(), s).build());
    }

    @Override
    public EcsClient ecs(Rollout.AwsScope scope) {
        return ecs.computeIfAbsent(scope, s -> configure(EcsClient.builder(), s).build());
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, Rollout.AwsScope scope) {
        scope.region().map(Region::of).ifPresent(builder::region);
        builder.credentialsProvider(credentials.computeIfAbsent(scope, this::credentialsFor));
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        return builder;
    }

    private AwsCredentialsProvider credentialsFor(Rollout.AwsScope scope) {
        if (scope.roleArn().isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        software.amazon.awssdk.services.sts.StsClientBuilder sts = StsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        scope.region().map(Region::of).ifPresent(sts::region);
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts.build())
                .refreshRequest(r -> r.roleArn(scope.roleArn().get()).roleSessionName("sluice-analysis"))
                .build();
    }

    @Override
    public void close() {
        cloudWatch.values().forEach(CloudWatchClient::close);
        elb.values().forEach(ElasticLoadBalancingV2Client::close);
        ecs.values().forEach(EcsClient::close);
    }
}
