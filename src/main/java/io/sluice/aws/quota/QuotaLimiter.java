package io.sluice.aws.quota;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * sluice's own side of the AWS quotas: one {@link PriorityTokenBucket} per account, region and
 * quota bucket, shared by every client (and so every rollout) of that account and region. Every
 * HTTP attempt, retries included, takes a token from each bucket its operation draws from before
 * it is sent, at the {@link CallPriority} of the calling thread.
 */
public final class QuotaLimiter {
    private record Key(String account, String region, String bucket) {
    }

    private final QuotaLimits limits;
    private final Map<Key, PriorityTokenBucket> buckets = new ConcurrentHashMap<>();

    public QuotaLimiter(QuotaLimits limits) {
        this.limits = limits;
    }

    public QuotaLimits limits() {
        return limits;
    }

    /** Takes the tokens of one call; returns at once when limits are off or the call is unmetered. */
    public void acquire(String account, String region, String service, String operation) throws InterruptedException {
        if (!limits.enabled()) {
            return;
        }
        List<String> names = QuotaBuckets.bucketsFor(service, operation);
        CallPriority.Level level = CallPriority.current();
        for (String name : names) {
            bucket(account, region, name).acquire(level);
        }
    }

    /** The bucket of an account, region and quota name (created full on first use). */
    public PriorityTokenBucket bucket(String account, String region, String bucket) {
        return buckets.computeIfAbsent(new Key(account, region, bucket), k -> new PriorityTokenBucket(limits.rateOf(bucket)));
    }

    /**
     * The interceptor of one SDK client: {@code account} names the credentials (a role's account,
     * or {@code default}), {@code service} is the {@code AwsClients} key of the client.
     */
    public ExecutionInterceptor interceptor(String account, String region, String service) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                try {
                    acquire(account, region, service, operation == null ? "" : operation);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw AbortedException.builder().message("interrupted waiting for an AWS quota token").cause(e)
                            .build();
                }
            }
        };
    }

    /** Per account, region and bucket: {@code {granted, delayed, waitedMillis, waiting}}. */
    public Map<String, Object> snapshot() {
        Map<String, Object> out = new TreeMap<>();
        buckets.forEach((k, b) -> {
            Map<String, Object> usage = new LinkedHashMap<>();
            usage.put("granted", b.granted());
            usage.put("delayed", b.delayed());
            usage.put("waitedMillis", b.waitedNanos() / 1_000_000);
            usage.put("waiting", b.waiting());
            out.put(k.account() + " " + k.region() + " " + k.bucket(), usage);
        });
        return out;
    }
}
