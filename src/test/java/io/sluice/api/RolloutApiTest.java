package io.sluice.api;

import static io.restassured.RestAssured.given;
import static io.sluice.reconcile.BoardFixtures.example;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.sluice.metrics.RolloutMetrics;
import io.sluice.reconcile.BoardFixtures;
import io.sluice.reconcile.BoardFixtures.Published;
import io.sluice.reconcile.RolloutBoard;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RolloutApiTest {
    @Inject
    RolloutBoard board;
    @Inject
    RolloutMetrics metrics;

    Instant at;

    @BeforeEach
    void publish() {
        at = Instant.now().plusSeconds(1);
        BoardFixtures.publish(board, at, Duration.ofMillis(420),
                new Published(example("isshoni-web"), BoardFixtures.isshoniProgressing(at), Optional.empty(),
                        Optional.of("ModifyListener throttled: retrying")),
                new Published(example("makenaide-orchestrator"), BoardFixtures.makenaideHealthy(at),
                        Optional.of("rollouts/makenaide-orchestrator.yaml:12:7: spec.version: required"), Optional.empty()));
        metrics.updateFrom(board.picture());
    }

    @Test
    void listsEveryRolloutWithStepSidesChecksAndThresholds() {
        given().get("/api/rollouts").then().statusCode(200)
                .body("name", contains("isshoni-web", "makenaide-orchestrator"))
                .body("[0].targetKind", equalTo("alb"))
                .body("[0].phase", equalTo("Progressing"))
                .body("[0].step.index", equalTo(2)).body("[0].step.count", equalTo(5))
                .body("[0].stable.name", equalTo("blue")).body("[0].stable.weight", equalTo(90.0f))
                .body("[0].canary.name", equalTo("green")).body("[0].canary.weight", equalTo(10.0f))
                .body("[0].message", equalTo("step 2/5: pause 10m at 10% on green"))
                .body("[0].commit", equalTo(BoardFixtures.COMMIT))
                .body("[0].actionFailure", equalTo("ModifyListener throttled: retrying"))
                .body("[0].checks.name", contains("green-healthy", "five-xx-rate", "websocket-and-redis"))
                .body("[0].checks[1].value", equalTo(0.002f))
                .body("[0].checks[1].result", equalTo("pass"))
                .body("[0].checks[1].failIf.above", equalTo(0.01f))
                .body("[0].checks[1].failuresToAbort", equalTo(2))
                .body("[0].checks[1].rule", equalTo("fails above 0.01, 2 in a row"))
                .body("[0].checks[2].result", nullValue())
                .body("[0].recentHistory.event", contains("setWeight", "start"))
                .body("[0].history", nullValue())
                .body("[1].desiredProblem", containsString("spec.version: required"))
                .body("[1].checks.find { it.name == 'duration-vs-stable' }.maxRatioToStable", equalTo(1.5f));
    }

    @Test
    void oneRolloutAddsTheWholeHistoryAndTheSteps() {
        given().get("/api/rollouts/isshoni-web").then().statusCode(200)
                .body("name", equalTo("isshoni-web"))
                .body("phase", equalTo("Progressing"))
                .body("history", hasSize(2))
                .body("history[0].at", equalTo(at.minusSeconds(30).toString()))
                .body("steps.description", contains("setWeight 10", "pause 10m", "setWeight 50", "pause 10m", "setWeight 100"))
                .body("steps.current", contains(false, true, false, false, false));
    }

    @Test
    void unknownRolloutIs404WithAJsonReason() {
        given().get("/api/rollouts/no-such-rollout").then().statusCode(404)
                .contentType("application/json")
                .body("rollout", equalTo("no-such-rollout"))
                .body("error", equalTo("no rollout named 'no-such-rollout' on the board"));
    }

    @Test
    void metricsShowTheRolloutsInPrometheusFormat() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sluice_rollout_phase{phase=\"Progressing\",rollout=\"isshoni-web\"} 1"))
                .body(containsString("sluice_rollout_phase{phase=\"Healthy\",rollout=\"isshoni-web\"} 0"))
                .body(containsString("sluice_rollout_canary_weight_percent{rollout=\"isshoni-web\"} 10"))
                .body(containsString("sluice_rollout_step{rollout=\"isshoni-web\"} 2"))
                .body(containsString("sluice_rollout_steps{rollout=\"isshoni-web\"} 5"))
                .body(containsString("sluice_rollout_last_transition_timestamp_seconds{rollout=\"isshoni-web\"}"))
                .body(containsString("sluice_check_value{check=\"five-xx-rate\",rollout=\"isshoni-web\"} 0.002"))
                .body(containsString("sluice_check_result{check=\"five-xx-rate\",result=\"pass\",rollout=\"isshoni-web\"} 1"))
                .body(containsString("sluice_rollout_aborts_total{reason=\"CheckFailed\",rollout=\"isshoni-web\"}"))
                .body(containsString("sluice_rollout_drift{rollout=\"isshoni-web\"} 0"))
                .body(containsString("sluice_reconcile_pass_seconds_bucket{le="))
                .body(not(containsString(BoardFixtures.COMMIT)));
    }

    @Test
    void showsADryRunJudgeWithItsRuleAndLastStatisticsAndAThinWindowsCount() {
        BoardFixtures.publish(board, at, Duration.ofMillis(420), BoardFixtures.isshoniWithADryRunJudge(at));
        given().get("/api/rollouts/isshoni-web").then().statusCode(200)
                .body("phase", equalTo("Progressing"))
                .body("checks.name", contains("latency-judge", "green-healthy", "five-xx-rate", "websocket-and-redis"))
                .body("checks[0].dryRun", equalTo(true))
                .body("checks[0].result", equalTo("fail"))
                .body("checks[0].rule", containsString("dry run"))
                .body("checks[0].judge.direction", equalTo("increase"))
                .body("checks[0].judge.mode", equalTo("sequential"))
                .body("checks[0].judge.last.test", equalTo("mann-whitney"))
                .body("checks[0].judge.last.pValue", equalTo(0.0003f))
                .body("checks[0].judge.last.eValue", equalTo(410.0f))
                .body("checks[0].judge.last.varianceRise", equalTo(true))
                .body("checks[0].samples", equalTo(24))
                .body("checks[2].result", equalTo("inconclusive"))
                .body("checks[2].dryRun", equalTo(false))
                .body("checks[2].count", equalTo(3))
                .body("checks[2].detail", equalTo("3 requests in the measured 1m period, 30 needed"));
    }
}
