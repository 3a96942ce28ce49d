package io.sluice.sim.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sim.AwsError;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.SimRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Bucket arithmetic, bucket choice and error codes on a controlled time source. */
class QuotasTest {
    private final AtomicLong nanos = new AtomicLong();
    private final Quotas quotas = new Quotas(nanos::get);

    private static SimRequest signed(String region) {
        return new SimRequest("POST", "/", "", Map.of(), new byte[0], Optional.of("x"), Optional.of(region),
                Optional.of("AKIDEXAMPLE"));
    }

    private int admitted(int calls, String service, String operation) {
        int ok = 0;
        for (int i = 0; i < calls; i++) {
            if (quotas.admit(signed("us-east-1"), service, operation).isEmpty()) {
                ok++;
            }
        }
        return ok;
    }

    @Test
    void eachServiceAnswersWithItsOwnThrottlingError() {
        quotas.configure(QuotaSettings.published(1));
        assertEquals(50, admitted(50, "ecs", "UpdateService"));
        AwsError ecs = quotas.admit(signed("us-east-1"), "ecs", "UpdateService").orElseThrow();
        assertEquals("ThrottlingException 400", ecs.code() + " " + ecs.status());
        assertEquals(50, admitted(51, "route53", "ChangeResourceRecordSets"));
        assertEquals("Throttling", quotas.admit(signed("us-east-1"), "route53", "GetChange").orElseThrow().code());
        assertEquals(50, admitted(51, "monitoring", "GetMetricData"));
        assertEquals("Throttling", quotas.admit(signed("us-east-1"), "monitoring", "GetMetricData").orElseThrow().code());
        assertEquals(100, admitted(101, "ecs", "DescribeServices"));
        assertEquals(15, admitted(16, "lambda", "UpdateAlias"));
        assertEquals(429, quotas.admit(signed("us-east-1"), "lambda", "GetAlias").orElseThrow().status());
        assertEquals(10, admitted(10, "lambda", "Invoke"), "invocations are not control-plane calls");
    }

    @Test
    void refillFollowsElapsedTimeTimesScaleUpToTheBurst() {
        quotas.configure(QuotaSettings.published(2));
        assertEquals(20, admitted(25, "elasticloadbalancing", "ModifyListener"));
        nanos.addAndGet(1_000_000_000L); // 3/s x 2 = 6 tokens
        assertEquals(6, admitted(10, "elasticloadbalancing", "ModifyRule"));
        nanos.addAndGet(3_600_000_000_000L);
        assertEquals(20, admitted(25, "elasticloadbalancing", "RegisterTargets"));
    }

    @Test
    void mutatingCallsShareTheAccountWideElbBucketWithDescribes() {
        quotas.configure(QuotaSettings.published(1));
        assertEquals(20, admitted(20, "elasticloadbalancing", "ModifyListener"));
        assertEquals(20, admitted(40, "elasticloadbalancing", "DescribeRules"));
        Map<?, ?> totals = (Map<?, ?>) quotas.snapshot().get("totals");
        assertEquals(Map.of("calls", 40L, "throttled", 0L), totals.get("elbv2-describe"));
        assertEquals(Map.of("calls", 60L, "throttled", 20L), totals.get("elb-account"), "the account bucket ran out");
    }

    @Test
    void regionsHaveSeparateBucketsAndDisabledQuotasAdmitEverything() {
        quotas.configure(QuotaSettings.published(1));
        assertEquals(40, admitted(41, "elasticloadbalancing", "DescribeListeners"));
        assertTrue(quotas.admit(signed("eu-west-1"), "elasticloadbalancing", "DescribeListeners").isEmpty());
        quotas.configure(QuotaSettings.DISABLED);
        assertEquals(100, admitted(100, "elasticloadbalancing", "DescribeListeners"));
    }

    @Test
    void theScenarioSectionIsReadStrictly() {
        QuotaSettings s = QuotaSettings.parse(ScenarioFields.of("quotas", Map.of("enabled", true, "scale", 0.5,
                "buckets", Map.of("route53", Map.of("burst", 5)), "accounts", Map.of("AKID2", 210987654321L))));
        assertEquals(new PublishedQuotas.Rate(5, 10), s.buckets().get("route53"));
        assertEquals("210987654321", s.accountOf("AKID2"));
        assertEquals(QuotaSettings.DEFAULT_ACCOUNT, s.accountOf("AKIDEXAMPLE"));
        assertEquals(false, QuotaSettings.parse(ScenarioFields.of("quotas", null)).enabled());
        assertThrows(IllegalArgumentException.class, () -> QuotaSettings.parse(ScenarioFields.of("quotas",
                Map.of("buckets", Map.of("nope", Map.of("burst", 1))))));
        assertThrows(IllegalArgumentException.class, () -> QuotaSettings.parse(ScenarioFields.of("quotas",
                Map.of("enabled", "yes"))));
        assertThrows(IllegalArgumentException.class, () -> QuotaSettings.parse(ScenarioFields.of("quotas",
                Map.of("scale", 0))));
        assertEquals(List.of(), PublishedQuotas.bucketsFor("sts", "GetCallerIdentity"));
    }
}
