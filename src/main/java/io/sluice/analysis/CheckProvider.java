package io.sluice.analysis;

import io.sluice.analysis.DueCheck.CheckRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One kind of measurement source. A provider splits the checks due in a pass into independent
 * batches (one AWS call for many rollouts, one HTTP request); the analyzer runs the batches
 * concurrently, so a batch that fails or hangs only touches its own checks.
 */
interface CheckProvider {

    List<Batch> batches(List<DueCheck> due, Instant now);

    /**
     * Checks measured together. {@code measure} answers every check it holds; one it leaves out, or
     * an exception, becomes a provider error for those checks only.
     */
    record Batch(List<DueCheck> checks, Supplier<Map<CheckRef, Measurement>> measure) {
        public Batch {
            checks = List.copyOf(checks);
        }

        /** A batch whose measurement is already known (e.g. a check that cannot be asked). */
        static Batch known(DueCheck check, Measurement m) {
            return new Batch(List.of(check), () -> Map.of(check.ref(), m));
        }
    }
}
