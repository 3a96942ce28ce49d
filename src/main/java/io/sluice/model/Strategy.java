package io.sluice.model;

import java.util.List;

/** The ordered steps that move traffic from the stable to the new version. */
public record Strategy(List<Step> steps) {
    public Strategy {
        steps = List.copyOf(steps);
    }
}
