package io.sluice.aws;

import io.sluice.aws.quota.QuotaLimiter;
import io.sluice.model.Rollout;
import io.sluice.traffic.Urgency;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The SDK clients, one per service, region, role and {@link Urgency}, built once and shared: one URL-connection HTTP
 * client, the configured credentials (or the role a rollout names, assumed through STS), the explicit
 * retry budget, the call counter and the shared quota limiter on every client.
 */
public final class AwsClients implements AutoCloseable {
    private final AwsSettings settings;
    private final AwsCallStats stats;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final AwsCredentialsProvider baseCredentials;
    private final Map<Object, AutoCloseable> clients = new ConcurrentHashMap<>();
    private final QuotaLimiter limiter;

    private record Key(String service, String region, Optional<String> roleArn, Urgency urgency) {
    }

    /** One assumed-role session per region and role, shared by the clients of every service. */
    private record RoleKey(String region, String roleArn) {
    }

    public AwsClients(AwsSettings settings, AwsCallStats stats) {
        this.settings = settings;
        this.stats = stats;
        this.limiter = new QuotaLimiter(settings.quota(), stats.registry());
        this.baseCredentials = settings.staticKeys()
                .<AwsCredentialsProvider>map(k -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(k.accessKeyId(), k.secretAccessKey())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    public AwsCallStats stats() {
        return stats;
    }

    public AwsSettings settings() {
        return settings;
    }

    /** The client-side quota buckets every client of this set shares. */
    public QuotaLimiter limiter() {
        return limiter;
    }

    /** The region a rollout's calls go to. */
    public String regionOf(Rollout.AwsScope scope) {
        return scope.region().orElse(settings.defaultRegion());
    }

    /** The ELBv2 client of a scope whose calls are made at {@link Urgency#MOVING}. */
    public ElasticLoadBalancingV2Client elb(Rollout.AwsScope scope) {
        return elb(scope, Urgency.MOVING);
    }

    public ElasticLoadBalancingV2Client elb(Rollout.AwsScope scope, Urgency urgency) {
        return client("elbv2", scope, urgency, ElasticLoadBalancingV2Client.builder());
    }

    public LambdaClient lambda(Rollout.AwsScope scope, Urgency urgency) {
        return client("lambda", scope, urgency, LambdaClient.builder());
    }

    /** Route 53 is global: signed for us-east-1 whatever the rollout's region. */
    public Route53Client route53(Rollout.AwsScope scope, Urgency urgency) {
        Rollout.AwsScope global = new Rollout.AwsScope(Optional.of(Region.AWS_GLOBAL.id()), scope.roleArn());
        return client("route53", global, urgency, Route53Client.builder());
    }

    /** The ECS client of a scope whose calls are made at {@link Urgency#MOVING}. */
    public EcsClient ecs(Rollout.AwsScope scope) {
        return ecs(scope, Urgency.MOVING);
    }

    public EcsClient ecs(Rollout.AwsScope scope, Urgency urgency) {
        return client("ecs", scope, urgency, EcsClient.builder());
    }

    public CloudWatchClient cloudWatch(Rollout.AwsScope scope) {
        return client("cloudwatch", scope, Urgency.MOVING, CloudWatchClient.builder());
    }

    public StsClient sts(Rollout.AwsScope scope) {
        return client("sts", scope, Urgency.MOVING, StsClient.builder());
    }

    @SuppressWarnings("unchecked")
    private <C extends AutoCloseable, B extends AwsClientBuilder<B, C>> C client(String service, Rollout.AwsScope scope,
            Urgency urgency, B builder) {
        String region = regionOf(scope);
        Key key = new Key(service, region, scope.roleArn(), urgency);
        AutoCloseable built = clients.get(key);
        if (built == null) {
            // outside computeIfAbsent: assuming a role builds the STS client through this same map
            AwsCredentialsProvider credentials = credentials(region, scope.roleArn());
            String account = scope.roleArn().map(AwsClients::accountOfRole).orElse("default");
            built = clients.computeIfAbsent(key, k -> (AutoCloseable) configure(builder, region, credentials, urgency,
                    limiter.interceptor(account, region, service, urgency)));
        }
        return (C) built;
    }

    private <C, B extends AwsClientBuilder<B, C>> C configure(B builder, String region,
            AwsCredentialsProvider credentials, Urgency urgency, ExecutionInterceptor quota) {
        builder.region(Region.of(region)).credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetries.strategy(settings.retry(), urgency, limiter::throttledOnThisThread))
                        .apiCallTimeout(settings.callTimeout())
                        .addExecutionInterceptor(stats)
                        .addExecutionInterceptor(quota)
                        .build());
        settings.endpointOverride().ifPresent(builder::endpointOverride);
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(http);
        }
        return builder.build();
    }

    /** The account of {@code arn:aws:iam::123456789012:role/x}; the whole ARN if it has none. */
    static String accountOfRole(String roleArn) {
        String[] parts = roleArn.split(":");
        return parts.length > 4 && !parts[4].isEmpty() ? parts[4] : roleArn;
    }

    private AwsCredentialsProvider credentials(String region, Optional<String> roleArn) {
        if (roleArn.isEmpty()) {
            return baseCredentials;
        }
        RoleKey key = new RoleKey(region, roleArn.get());
        AutoCloseable session = clients.get(key);
        if (session == null) {
            StsClient sts = sts(new Rollout.AwsScope(Optional.of(region), Optional.empty()));
            session = clients.computeIfAbsent(key, k -> StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                    .refreshRequest(r -> r.roleArn(key.roleArn()).roleSessionName("sluice")).build());
        }
        return (AwsCredentialsProvider) session;
    }

    @Override
    public void close() {
        clients.values().forEach(c -> {
            try {
                c.close();
            } catch (Exception e) {
                // closing is best effort; nothing is left to report to
            }
        });
        clients.clear();
        http.close();
    }
}
