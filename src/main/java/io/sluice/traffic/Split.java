package io.sluice.traffic;

/**
 * A traffic split between the stable and the new version, by their ids (target group side names,
 * Lambda versions, record set sides, task definitions). Weights are percents; adapters convert.
 */
public record Split(String stable, String canary, int canaryPercent) {
    public Split {
        if (canaryPercent < 0 || canaryPercent > 100) {
            throw new IllegalArgumentException("canary weight " + canaryPercent + " outside 0..100");
        }
    }

    public int stablePercent() {
        return 100 - canaryPercent;
    }

    /** As people read it in status and history: stable/canary. */
    @Override
    public String toString() {
        return stablePercent() + "/" + canaryPercent;
    }
}
