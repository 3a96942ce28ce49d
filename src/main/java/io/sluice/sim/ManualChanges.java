package io.sluice.sim;

import java.util.Map;

/**
 * A service that can take a change "made by hand" (a person in the console, another tool): the
 * change goes through the same rules as the API call it stands for, but is neither signed nor
 * counted as a call. Used by scheduled scenario {@code events} and by {@code POST /_sim/events}.
 */
public interface ManualChanges {

    /**
     * Applies one change, e.g. {@code {modifyListener: {listener: ..., defaultActions: [...]}}}.
     * Throws {@link IllegalArgumentException} naming the field for a malformed change, and
     * {@link AwsError.Raised} when the service refuses it.
     */
    void applyManualChange(Map<String, Object> change);
}
