package io.sluice.sim.quota;

import io.sluice.sim.AwsError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which quota buckets an operation draws from, their published sizes, and the error each service
 * answers with when one is empty (codes as the services send them; the SDK classifies each as
 * throttling).
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

    /** A bucket's size: at most {@code burst} tokens, refilled at {@code perSecond}. */
    public record Rate(double burst, double perSecond) {
        public Rate {
            if (!(burst >= 1) || !(perSecond > 0)) {
                throw new IllegalArgumentException("a quota needs burst >= 1 and perSecond > 0, got burst "
                        + burst + ", perSecond " + perSecond);
            }
        }
    }

    /** The published figures (design section 7, reference sections 1.6, 2.7, 3.7, 4.3, 5.4). */
    public static Map<String, Rate> defaults() {
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
        return m;
    }

    private PublishedQuotas() {
    }

    /** The buckets one call draws a token from, by signing name and operation (empty: unmetered). */
    public static List<String> bucketsFor(String signingName, String operation) {
        switch (signingName) {
            case "elasticloadbalancing":
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
            case "monitoring":
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

    /**
     * The throttling error of a service: Lambda's modeled {@code TooManyRequestsException} (429, its
     * renderer adds {@code Retry-After} and {@code Reason}); ECS {@code ThrottlingException}; ELBv2,
     * Route 53 and CloudWatch {@code Throttling} 400 (none of the three models the general one).
     */
    public static AwsError throttleError(String signingName) {
        switch (signingName) {
            case "lambda":
                return AwsError.client(429, "TooManyRequestsException", "Rate exceeded");
            case "ecs":
                return AwsError.client(400, "ThrottlingException", "Rate exceeded");
            default:
                return AwsError.client(400, "Throttling", "Rate exceeded");
        }
    }
}
