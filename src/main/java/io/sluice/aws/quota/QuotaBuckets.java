package io.sluice.aws.quota;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published AWS quota buckets sluice's calls draw from (design section 7), by the service keys
 * of {@code AwsClients} ({@code elbv2}, {@code lambda}, {@code route53}, {@code ecs},
 * {@code cloudwatch}, {@code sts}) and the SDK operation name.
 */
public final class QuotaBuckets {
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

    /** At most {@code burst} calls at once, {@code perSecond} sustained. */
    public record Rate(double burst, double perSecond) {
        public Rate {
            if (!(burst >= 1) || !(perSecond > 0)) {
                throw new IllegalArgumentException("a quota needs burst >= 1 and perSecond > 0, got "
                        + burst + "/" + perSecond);
            }
        }
    }

    private static final Map<String, Rate> PUBLISHED = published();

    private QuotaBuckets() {
    }

    private static Map<String, Rate> published() {
        Map<String, Rate> m = new LinkedHashMap<>();
        m.put(ELBV2_DESCRIBE, new Rate(40, 10));
        m.put(ELBV2_MUTATE, new Rate(20, 3));
        m.put(ELB_ACCOUNT, new Rate(40, 10));
        m.put(LAMBDA_CONTROL, new Rate(15, 15));
        m.put(LAMBDA_GET_FUNCTION, new Rate(100, 100));
        m.put(ROUTE53, new Rate(50, 10));
        m.put(CLOUDWATCH_GET_METRIC_DATA, new Rate(50, 50));
        m.put(CLOUDWATCH_DESCRIBE_ALARMS, new Rate(9, 9));
        m.put(ECS_UPDATE_SERVICE, new Rate(50, 5));
        m.put(ECS_DESCRIBE_SERVICES, new Rate(100, 20));
        return Map.copyOf(m);
    }

    public static Rate published(String bucket) {
        requireKnown(bucket);
        return PUBLISHED.get(bucket);
    }

    static void requireKnown(String bucket) {
        if (!PUBLISHED.containsKey(bucket)) {
            throw new IllegalArgumentException("unknown quota bucket '" + bucket + "' (known: "
                    + String.join(", ", new java.util.TreeSet<>(PUBLISHED.keySet())) + ")");
        }
    }

    /** The buckets one call draws a token from (empty: not limited). */
    public static List<String> bucketsFor(String service, String operation) {
        switch (service) {
            case "elbv2":
                if (operation.startsWith("Describe")) {
                    return List.of(ELBV2_DESCRIBE, ELB_ACCOUNT);
                }
                if (operation.startsWith("Modify") || operation.startsWith("Register")
                        || operation.startsWith("Deregister")) {
                    return List.of(ELBV2_MUTATE, ELB_ACCOUNT);
                }
                return List.of(ELB_ACCOUNT);
            case "lambda":
                if (operation.equals("Invoke") || operation.equals("GetPolicy")) {
                    return List.of();
                }
                return List.of(operation.equals("GetFunction") ? LAMBDA_GET_FUNCTION : LAMBDA_CONTROL);
            case "route53":
                return List.of(ROUTE53);
            case "cloudwatch":
                if (operation.equals("GetMetricData")) {
                    return List.of(CLOUDWATCH_GET_METRIC_DATA);
                }
                return operation.equals("DescribeAlarms") ? List.of(CLOUDWATCH_DESCRIBE_ALARMS) : List.of();
            case "ecs":
                if (operation.equals("UpdateService")) {
                    return List.of(ECS_UPDATE_SERVICE);
                }
                return operation.equals("DescribeServices") ? List.of(ECS_DESCRIBE_SERVICES) : List.of();
            default:
                return List.of();
        }
    }
}
