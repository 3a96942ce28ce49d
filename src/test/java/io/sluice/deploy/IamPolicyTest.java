package io.sluice.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/iam/policy.json} allows exactly the AWS actions sluice's code calls: a new call
 * without its permission fails here, and so does a permission nothing uses any more.
 */
class IamPolicyTest {
    private static final Path POLICY = Path.of("deploy/iam/policy.json");

    @Test
    void policyAllowsExactlyTheActionsTheCodeCalls() throws IOException {
        Set<String> called = AwsCallsInCode.actions(Path.of("src/main/java"));
        Set<String> allowed = allowedActions(new ObjectMapper().readTree(POLICY.toFile()));
        Set<String> missing = new TreeSet<>(called);
        missing.removeAll(allowed);
        Set<String> unused = new TreeSet<>(allowed);
        unused.removeAll(called);
        assertEquals(Set.of(), missing, "actions the code calls that " + POLICY + " does not allow (called: " + called + ")");
        assertEquals(Set.of(), unused, "actions " + POLICY + " allows that the code never calls (called: " + called + ")");
    }

    @Test
    void everyRollbackWriteIsAllowed() throws IOException {
        // the writes README "Guarantees" names as what a rollback needs
        Set<String> allowed = allowedActions(new ObjectMapper().readTree(POLICY.toFile()));
        for (String write : List.of("elasticloadbalancing:ModifyListener", "elasticloadbalancing:ModifyRule",
                "lambda:UpdateAlias", "route53:ChangeResourceRecordSets", "ecs:UpdateService")) {
            assertTrue(allowed.contains(write), write + " missing from " + POLICY);
        }
    }

    @Test
    void noWildcardActionsAndOnlyAllowStatements() throws IOException {
        JsonNode policy = new ObjectMapper().readTree(POLICY.toFile());
        assertEquals("2012-10-17", policy.path("Version").asText());
        for (JsonNode statement : policy.path("Statement")) {
            assertEquals("Allow", statement.path("Effect").asText(), statement.toString());
            assertFalse(statement.has("NotAction"), statement.toString());
            for (String action : strings(statement.path("Action"))) {
                assertFalse(action.contains("*") || action.contains("?"), "wildcard action " + action);
            }
        }
    }

    @Test
    void theCallScanFindsSdkCallsAndReferencesButNotOtherMethods() {
        String source = """
                import software.amazon.awssdk.services.lambda.LambdaClient;
                class X {
                    void f(LambdaClient lambda) {
                        lambda.updateAlias(q -> q.name("live"));  // lambda.deleteFunction(x) in a comment
                        calls.run(LambdaClient::getAlias);
                        map.get(key).getValue();
                    }
                }
                """;
        assertEquals(Set.of("lambda:UpdateAlias", "lambda:GetAlias"), AwsCallsInCode.actionsOf(source));
    }

    static Set<String> allowedActions(JsonNode policy) {
        Set<String> actions = new TreeSet<>();
        for (JsonNode statement : policy.path("Statement")) {
            actions.addAll(strings(statement.path("Action")));
        }
        return actions;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
