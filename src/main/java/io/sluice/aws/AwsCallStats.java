package io.sluice.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS call sluice makes, by service, operation and outcome ({@code ok} or the AWS error
 * code of the final failure), with its duration, and every HTTP attempt (retries included, which is
 * what the service's rate limit sees). Readable in tests; published to Micrometer when a registry is given.
 */
public final class AwsCallStats implements ExecutionInterceptor {
    public static final String CALLS = "sluice.aws.calls";
    public static final String CALL_DURATION = "sluice.aws.call";
    public static final String ATTEMPTS = "sluice.aws.attempts";

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("sluice.started");

    /** One kind of call: {@code Lambda GetAlias ok}. */
    public record CallKey(String service, String operation, String outcome) {
    }

    private final Optional<MeterRegistry> registry;
    private final Map<CallKey, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();

    public AwsCallStats(Optional<MeterRegistry> registry) {
        this.registry = registry;
    }

    /** The registry the calls are published to, if any (the quota buckets publish there too). */
    public Optional<MeterRegistry> registry() {
        return registry;
    }

    public static AwsCallStats unpublished() {
        return new AwsCallStats(Optional.empty());
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String service = service(attributes);
        String operation = operation(attributes);
        attempts.computeIfAbsent(service + " " + operation, k -> new LongAdder()).increment();
        registry.ifPresent(r -> Counter.builder(ATTEMPTS).description("HTTP requests sent to AWS, retries included")
                .tag("service", service).tag("operation", operation).register(r).increment());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(attributes, "ok");
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable e = context.exception();
        String outcome = e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
                && ase.awsErrorDetails().errorCode() != null
                ? ase.awsErrorDetails().errorCode()
                : e instanceof AwsServiceException ase2 ? "http" + ase2.statusCode() : "unreachable";
        record(attributes, outcome);
    }

    private void record(ExecutionAttributes attributes, String outcome) {
        String service = service(attributes);
        String operation = operation(attributes);
        calls.computeIfAbsent(new CallKey(service, operation, outcome), k -> new LongAdder()).increment();
        Long started = attributes.getAttribute(STARTED);
        Duration took = started == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
        registry.ifPresent(r -> {
            Counter.builder(CALLS).description("AWS API calls by service, operation and outcome")
                    .tag("service", service).tag("operation", operation).tag("outcome", outcome).register(r).increment();
            Timer.builder(CALL_DURATION).description("Duration of AWS API calls, retries included")
                    .tag("service", service).tag("operation", operation).register(r).record(took);
        });
    }

    private static String service(ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        return name == null ? "unknown" : name;
    }

    private static String operation(ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return name == null ? "unknown" : name;
    }

    /** Calls of one operation that ended with this outcome. */
    public long calls(String service, String operation, String outcome) {
        LongAdder n = calls.get(new CallKey(service, operation, outcome));
        return n == null ? 0 : n.sum();
    }

    /** Calls of every operation and outcome together. */
    public long totalCalls() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** HTTP attempts of one operation, retries included. */
    public long attempts(String service, String operation) {
        LongAdder n = attempts.get(service + " " + operation);
        return n == null ? 0 : n.sum();
    }

    public long totalAttempts() {
        return attempts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** {@code "ELBv2 DescribeListeners ok" -> 2}, sorted, for reports and failing assertions. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k.service() + " " + k.operation() + " " + k.outcome(), v.sum()));
        return out;
    }

    public void reset() {
        calls.clear();
        attempts.clear();
    }
}
