package io.sluice.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.sluice.aws.AwsClients;
import io.sluice.aws.quota.QuotaBuckets;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The daemon's endpoints show a throttled quota bucket (the throttle itself comes from AWS, see
 * {@link QuotaReportTest}): counted in {@code /q/metrics}, listed by the quota check, which stays up.
 */
@QuarkusTest
class QuotaEndpointsTest {
    @Inject
    AwsClients clients;

    @Test
    void aThrottledBucketIsInTheMetricsAndInTheQuotaCheckWhichStaysUp() {
        clients.limiter().bucket("default", "eu-west-1", QuotaBuckets.ELBV2_MUTATE).throttledByAws();
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sluice_aws_throttled_total{account=\"default\",bucket=\"elbv2-mutate\","
                        + "region=\"eu-west-1\"} 1.0"))
                .body(containsString("sluice_aws_quota_wait_seconds_total{account=\"default\",bucket=\"elbv2-mutate\","
                        + "region=\"eu-west-1\"} 0.0"));
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'sluice-aws-quotas' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'sluice-aws-quotas' }.data.'default eu-west-1 elbv2-mutate'",
                        startsWith("throttled by AWS 1 (last "))
                .body("checks.find { it.name == 'sluice-aws-quotas' }.data.reason",
                        containsString("default eu-west-1 elbv2-mutate"));
    }
}
