package io.sluice.reconcile;

import io.sluice.model.status.Reason;
import io.sluice.plan.Decision;
import io.sluice.traffic.TargetFailure;

/** What went wrong with one rollout in a pass, outside the planner's decision: a typed reason and the details. */
record Trouble(Reason reason, String message) {

    static Trouble cannotObserve(TargetFailure f) {
        return new Trouble(reasonOf(f, Reason.CannotObserve), "cannot observe (" + f.kind() + (f.awsCode().isEmpty()
                ? "" : " " + f.awsCode()) + "): " + f.getMessage() + "; retrying next pass");
    }

    static Trouble ofAction(Decision d, TargetFailure f) {
        String what = d instanceof Decision.RollBack rb ? "could not roll back to " + rb.split()
                : d instanceof Decision.DeployRevision dr ? "could not deploy " + dr.revision() + " to " + dr.side()
                : "could not shift to " + ((Decision.ShiftWeights) d).split();
        return new Trouble(reasonOf(f, Reason.ActionFailed), what + ": " + f.kind() + (f.awsCode().isEmpty() ? ""
                : " " + f.awsCode()) + ": " + f.getMessage() + "; retrying next pass");
    }

    private static Reason reasonOf(TargetFailure f, Reason otherwise) {
        return switch (f.kind()) {
            case NOT_FOUND -> Reason.TargetNotFound;
            case INVALID -> Reason.TargetRefused;
            default -> otherwise;
        };
    }
}
