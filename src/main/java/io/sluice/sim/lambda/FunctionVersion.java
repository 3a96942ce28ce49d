package io.sluice.sim.lambda;

import java.time.Instant;
import java.util.Optional;

/**
 * One version of a function: {@code $LATEST} or a published number. Role and dead-letter target are
 * per version because Lambda refuses to route one alias across versions that differ in them.
 */
record FunctionVersion(
        String version,
        String description,
        String runtime,
        String handler,
        String role,
        Optional<String> deadLetterTargetArn,
        int memorySize,
        int timeout,
        String codeSha256,
        long codeSize,
        Instant lastModified,
        String revisionId) {

    static final String LATEST = "$LATEST";

    boolean isPublished() {
        return !LATEST.equals(version);
    }
}
