package io.sluice.sim.lambda;

import java.util.Map;

/**
 * An alias: the primary version, at most one additional version with its weight (0.0..1.0), and the
 * RevisionId that fences writers and changes on every update.
 */
record FunctionAlias(String name, String functionVersion, String description,
        Map<String, Double> additionalVersionWeights, String revisionId) {

    FunctionAlias {
        additionalVersionWeights = Map.copyOf(additionalVersionWeights);
    }
}
