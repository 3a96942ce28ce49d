package io.sluice.aws.quota;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.traffic.Urgency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * it is sent, at the {@link Urgency} of the client that sends it.
 *
 * <p>It also counts, per bucket, the attempts AWS throttled anyway (the account's other users drained
 * it): the retry strategy of a client reports each failed attempt on the thread that sent it, and
 * {@link #throttledOnThisThread()} charges it to the buckets of the operation sent last on that thread
 * (every client is synchronous, so attempt and retry decision share a thread). Each bucket is published
 * as counters tagged account, region and bucket when a registry is given.
 */
public final class QuotaLimiter {
    /** Seconds sluice's calls waited for a token of its own client-side quota bucket. */
    public static final String QUOTA_WAIT = "sluice.aws.quota.wait.seconds";
    /** Calls that had to wait for such a token. */
    public static final String QUOTA_DELAYED = "sluice.aws.quota.delayed.calls";
    /** Rollback calls that went ahead on a token the bucket did not have yet. */
    public static final String QUOTA_BORROWED = "sluice.aws.quota.borrowed.calls";
    /** Attempts AWS still answered with throttling (another client drained the account's bucket). */
    public static final String AWS_THROTTLED = "sluice.aws.throttled";
    public static final String TAG_ACCOUNT = "account";
    public static final String TAG_REGION = "region";
    public static final String TAG_BUCKET = "bucket";

    private record Key(String account, String region, String bucket) {
    }

    private record Attempt(String account, String region, String service, String operation) {
    }

    private final QuotaLimits limits;
    private final Optional<MeterRegistry> registry;
    private final Map<Key, PriorityTokenBucket> buckets = new ConcurrentHashMap<>();
    private final ThreadLocal<Attempt> lastAttempt = new ThreadLocal<>();

    public QuotaLimiter(QuotaLimits limits) {
        this(limits, Optional.empty());
    }

    public QuotaLimiter(QuotaLimits limits, Optional<MeterRegistry> registry) {
        this.limits = limits;
        this.registry = registry;
    }

    public QuotaLimits limits() {
        return limits;
    }

    /** Takes the tokens of one call; returns at once when limits are off or the call is unmetered. */
    public void acquire(String account, String region, String service, String operation, Urgency urgency)
            throws InterruptedException {
        if (!limits.enabled()) {
            return;
        }
        List<String> names = QuotaBuckets.bucketsFor(service, operation);
        for (String name : names) {
            bucket(account, region, name).acquire(urgency);
        }
    }

    /** The bucket of an account, region and quota name (created full on first use). */
    public PriorityTokenBucket bucket(String account, String region, String bucket) {
        return buckets.computeIfAbsent(new Key(account, region, bucket), k -> {
            PriorityTokenBucket b = new PriorityTokenBucket(limits.rateOf(bucket), limits.rollbackCreditOf(bucket));
            registry.ifPresent(r -> publish(r, k, b));
            return b;
        });
    }

    private static void publish(MeterRegistry r, Key k, PriorityTokenBucket b) {
        String[] tags = {TAG_ACCOUNT, k.account(), TAG_REGION, k.region(), TAG_BUCKET, k.bucket()};
        FunctionCounter.builder(QUOTA_WAIT, b, x -> x.waitedNanos() / 1e9)
                .description("Seconds AWS calls waited for sluice's own quota bucket").tags(tags).register(r);
        FunctionCounter.builder(QUOTA_DELAYED, b, PriorityTokenBucket::delayed)
                .description("AWS calls that waited for sluice's own quota bucket").tags(tags).register(r);
        FunctionCounter.builder(QUOTA_BORROWED, b, PriorityTokenBucket::borrowed)
                .description("Rollback calls sent ahead of sluice's own quota bucket").tags(tags).register(r);
        FunctionCounter.builder(AWS_THROTTLED, b, PriorityTokenBucket::throttled)
                .description("Attempts AWS answered with throttling, by the quota bucket the call draws on")
                .tags(tags).register(r);
    }

    /** Charges a throttling answer to the buckets of the call this thread sent last. */
    public void throttledOnThisThread() {
        Attempt a = lastAttempt.get();
        if (a == null) {
            return;
        }
        for (String name : QuotaBuckets.bucketsFor(a.service(), a.operation())) {
            bucket(a.account(), a.region(), name).throttledByAws();
        }
    }

    /**
     * The interceptor of one SDK client: {@code account} names the credentials (a role's account,
     * or {@code default}), {@code service} is the {@code AwsClients} key of the client, {@code urgency}
     * that of every call the client makes.
     */
    public ExecutionInterceptor interceptor(String account, String region, String service, Urgency urgency) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                lastAttempt.set(new Attempt(account, region, service, operation == null ? "" : operation));
                try {
                    acquire(account, region, service, operation == null ? "" : operation, urgency);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw AbortedException.builder().message("interrupted waiting for an AWS quota token").cause(e)
                            .build();
                }
            }
        };
    }

    /**
     * Per account, region and bucket: {@code {granted, delayed, waitedMillis, waiting, borrowed,
     * throttled, lastThrottledAt}} (the last only once AWS throttled a call of it).
     */
    public Map<String, Object> snapshot() {
        Map<String, Object> out = new TreeMap<>();
        buckets.forEach((k, b) -> {
            Map<String, Object> usage = new LinkedHashMap<>();
            usage.put("granted", b.granted());
            usage.put("delayed", b.delayed());
            usage.put("waitedMillis", b.waitedNanos() / 1_000_000);
            usage.put("waiting", b.waiting());
            usage.put("borrowed", b.borrowed());
            usage.put("throttled", b.throttled());
            b.lastThrottledAt().ifPresent(t -> usage.put("lastThrottledAt", t.toString()));
            out.put(k.account() + " " + k.region() + " " + k.bucket(), usage);
        });
        return out;
    }
}
