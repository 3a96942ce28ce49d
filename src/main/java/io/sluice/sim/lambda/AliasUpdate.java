package io.sluice.sim.lambda;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An UpdateAlias request and the rules Lambda applies to it. {@code routing} is empty when the request
 * left {@code RoutingConfig} out: the alias then keeps its weights, because UpdateAlias only changes the
 * fields it is given; an explicit empty map clears them (the documented way to promote or roll back).
 */
record AliasUpdate(Optional<String> functionVersion, Optional<String> description,
        Optional<Map<String, Double>> routing, Optional<String> revisionId) {

    private static final Pattern VERSION = Pattern.compile("\\$LATEST(\\.PUBLISHED)?|[0-9]+");
    private static final Pattern ADDITIONAL_VERSION = Pattern.compile("[0-9]+");

    /** The model's constraints, checked before anything is looked up, as Lambda's front end does. */
    void checkConstraints() {
        functionVersion.ifPresent(v -> {
            if (v.isEmpty() || v.length() > 1024 || !VERSION.matcher(v).matches()) {
                throw LambdaErrors.validation("Value '" + v + "' at 'functionVersion' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: " + VERSION.pattern()).raise();
            }
        });
        description.ifPresent(d -> {
            if (d.length() > 256) {
                throw LambdaErrors.validation("Value '" + d + "' at 'description' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 256").raise();
            }
        });
        routing.ifPresent(weights -> weights.forEach((version, weight) -> {
            String entry = "Value '{" + version + "=" + weight + "}' at 'routingConfig.additionalVersionWeights' "
                    + "failed to satisfy constraint: ";
            if (version.isEmpty() || version.length() > 1024 || !ADDITIONAL_VERSION.matcher(version).matches()) {
                throw LambdaErrors.validation(entry + "Map keys must satisfy constraint: [Member must have length "
                        + "less than or equal to 1024, Member must have length greater than or equal to 1, Member "
                        + "must satisfy regular expression pattern: [0-9]+, Member must not be null]").raise();
            }
            if (weight == null || weight.isNaN() || weight < 0.0 || weight > 1.0) {
                throw LambdaErrors.validation(entry + "Map value must satisfy constraint: [Member must have value "
                        + "less than or equal to 1.0, Member must have value greater than or equal to 0.0, "
                        + "Member must not be null]").raise();
            }
        }));
    }

    /** Applies the request to the alias, or raises the error Lambda answers. */
    FunctionAlias applyTo(LambdaFunction function, FunctionAlias alias, String newRevisionId) {
        if (revisionId.isPresent() && !revisionId.get().equals(alias.revisionId())) {
            throw LambdaErrors.staleRevision().raise();
        }
        String primary = functionVersion.orElse(alias.functionVersion());
        Map<String, Double> weights = routing.orElse(alias.additionalVersionWeights());
        FunctionVersion primaryVersion = function.version(primary)
                .orElseThrow(() -> LambdaErrors.functionNotFound(function.arn(primary)).raise());
        if (weights.size() > 1) {
            throw LambdaErrors.invalidParameter(
                    "Number of items in AdditionalVersionWeights cannot be greater than 1").raise();
        }
        for (String additional : weights.keySet()) {
            if (additional.equals(primary)) {
                throw LambdaErrors.invalidParameter("Invalid function version " + primary + ". Function version "
                        + primary + " is already included in routing configuration.").raise();
            }
            if (!primaryVersion.isPublished()) {
                throw LambdaErrors.invalidParameter(
                        "$LATEST is not supported for an alias pointing to more than 1 version").raise();
            }
            FunctionVersion additionalVersion = function.version(additional)
                    .orElseThrow(() -> LambdaErrors.functionNotFound(function.arn(additional)).raise());
            if (!additionalVersion.role().equals(primaryVersion.role())) {
                throw LambdaErrors.invalidParameter(
                        "Specified versions must be associated with the same execution role").raise();
            }
            if (!additionalVersion.deadLetterTargetArn().equals(primaryVersion.deadLetterTargetArn())) {
                throw LambdaErrors.invalidParameter(
                        "Specified versions must be associated with the same dead letter queue configuration").raise();
            }
        }
        return new FunctionAlias(alias.name(), primary, description.orElse(alias.description()), weights,
                newRevisionId);
    }
}
