package io.sluice.sim.quota;

import io.sluice.sim.AwsError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published AWS API rate limits as one table: each quota bucket, the calls that draw a token
 * from it, and its size (design section 7, reference sections 1.6, 2.7, 3.7, 4.3, 5.4); and the
 * error each service answers with when one is empty (codes as the services send them; the SDK
 * classifies each as throttling).
 */
public final class PublishedQuotas {
    public static final String ELBV2_DESCRIBE = "elbv2-describe";
    public static final String ELBV2_MUTATE = "elbv2-mutate";
    public static final String ELB_ACCOUNT = "elb-account";
    public static final String LAMBDA_CONTROL = "lambda-control";
    public static final String LAMBDA_GET_FUNCTION = "lambda-getfunction";
    public static final String ROUTE53 = "route53";
    public static final String CLOUDWATCH_GET_METRIC_DATA = "cloudwatch-getmetricdata";
    public static final String CLOUDWATCH_DESCRIBE_ALARMS = "cloudwatch-describealarms";
    public static final String ECS_UPDATE_SERVICE = "ecs-updateservice";
    public static final String ECS_DESCRIBE_SERVICES = "ecs-describeservices";

    /** GetMetricData takes at most this many queries in one call. */
    public static final int GET_METRIC_DATA_QUERIES_PER_CALL = 500;

    /** A bucket's size: at most {@code burst} tokens, refilled at {@code perSecond}. */
    public record Rate(double burst, double perSecond) {
        public Rate {
            if (!(burst >= 1) || !(perSecond > 0)) {
                throw new IllegalArgumentException("a quota needs burst >= 1 and perSecond > 0, got burst "
                        + burst + ", perSecond " + perSecond);
            }
        }
    }

    /**
     * One quota bucket of a service (by signing name). A call draws on it when its operation matches
     * one of {@code operations} ({@code Describe*} is a prefix, {@code *} any operation) and none of
     * {@code except}.
     */
    public record Bucket(String name, String service, List<String> operations, List<String> except, Rate rate) {
        Bucket(String name, String service, List<String> operations, double burst, double perSecond) {
            this(name, service, operations, List.of(), new Rate(burst, perSecond));
        }

        boolean drawnBy(String signingName, String operation) {
            return service.equals(signingName) && operations.stream().anyMatch(p -> matches(p, operation))
                    && except.stream().noneMatch(p -> matches(p, operation));
        }

        private static boolean matches(String pattern, String operation) {
            return pattern.endsWith("*") ? operation.startsWith(pattern.substring(0, pattern.length() - 1))
                    : pattern.equals(operation);
        }
    }

    /** Every bucket; a call draws on the buckets it matches in this order. */
    public static final List<Bucket> TABLE = List.of(
            new Bucket(ELBV2_DESCRIBE, "elasticloadbalancing", List.of("Describe*"), 40, 10),
            new Bucket(ELBV2_MUTATE, "elasticloadbalancing", List.of("Modify*", "Register*", "Deregister*"), 20, 3),
            new Bucket(ELB_ACCOUNT, "elasticloadbalancing", List.of("*"), 40, 10),
            new Bucket(LAMBDA_CONTROL, "lambda", List.of("*"), List.of("GetFunction", "Invoke", "GetPolicy"),
                    new Rate(15, 15)),
            new Bucket(LAMBDA_GET_FUNCTION, "lambda", List.of("GetFunction"), 100, 100),
            new Bucket(ROUTE53, "route53", List.of("*"), 50, 10),
            new Bucket(CLOUDWATCH_GET_METRIC_DATA, "monitoring", List.of("GetMetricData"), 50, 50),
            new Bucket(CLOUDWATCH_DESCRIBE_ALARMS, "monitoring", List.of("DescribeAlarms"), 9, 9),
            new Bucket(ECS_UPDATE_SERVICE, "ecs", List.of("UpdateService"), 50, 5),
            new Bucket(ECS_DESCRIBE_SERVICES, "ecs", List.of("DescribeServices"), 100, 20));

    /**
     * The throttling error by signing name: Lambda's modeled {@code TooManyRequestsException} (429, its
     * renderer adds {@code Retry-After} and {@code Reason}) and ECS {@code ThrottlingException}.
     */
    private static final Map<String, AwsError> THROTTLING = Map.of(
            "lambda", AwsError.client(429, "TooManyRequestsException", "Rate exceeded"),
            "ecs", AwsError.client(400, "ThrottlingException", "Rate exceeded"));
    /** ELBv2, Route 53 and CloudWatch answer {@code Throttling} 400 (none of the three models the general one). */
    private static final AwsError THROTTLING_OTHERS = AwsError.client(400, "Throttling", "Rate exceeded");
    private static final AwsError DYNAMODB_ITEMS = AwsError.client(400, "ProvisionedThroughputExceededException",
            "The level of configured provisioned throughput for the table was exceeded."
                    + " Consider increasing your provisioning level with the UpdateTable API.");
    private static final AwsError DYNAMODB_TABLES = AwsError.client(400, "ThrottlingException",
            "Rate of requests exceeds the allowed throughput.");

    private PublishedQuotas() {
    }

    /** Every bucket's published size, by name, in table order. */
    public static Map<String, Rate> defaults() {
        Map<String, Rate> m = new LinkedHashMap<>();
        TABLE.forEach(b -> m.put(b.name(), b.rate()));
        return m;
    }

    /** The buckets one call draws a token from, by signing name and operation (empty: unmetered). */
    public static List<String> bucketsFor(String signingName, String operation) {
        return TABLE.stream().filter(b -> b.drawnBy(signingName, operation)).map(Bucket::name).toList();
    }

    /** The error a service answers a throttled call with. */
    public static AwsError throttleError(String signingName) {
        return THROTTLING.getOrDefault(signingName, THROTTLING_OTHERS);
    }

    /**
     * The error a service answers a throttled call of one operation with. DynamoDB throttles reads and
     * writes of items with {@code ProvisionedThroughputExceededException} and its table operations with
     * {@code ThrottlingException} (both 400, both retried by the SDKs as throttling).
     */
    public static AwsError throttleError(String signingName, String operation) {
        if (signingName.equals("dynamodb")) {
            return operation.endsWith("Item") ? DYNAMODB_ITEMS : DYNAMODB_TABLES;
        }
        return throttleError(signingName);
    }
}
