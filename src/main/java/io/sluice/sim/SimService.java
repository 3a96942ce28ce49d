package io.sluice.sim;

import java.util.Map;

/**
 * One simulated AWS service. The server picks the service by the SigV4 signing name of the
 * request ({@code elasticloadbalancing}, {@code lambda}, {@code route53}, {@code ecs},
 * {@code monitoring}, {@code sts}); an unsigned request is offered to {@link #recognises} so
 * that it can be refused in the right protocol's error shape.
 */
public interface SimService {

    /** The SigV4 signing name that routes requests here. */
    String signingName();

    /** True when an unsigned request looks like one of this service's operations. */
    boolean recognises(SimRequest request);

    /** Answers a request; throws {@link AwsError.Raised} for an AWS error. */
    SimResponse handle(SimRequest request);

    /** Renders an error in this service's protocol error shape (codes, status, headers). */
    SimResponse error(SimRequest request, AwsError error);

    /** The operation name of a request, for fault matching and counters (e.g. "ModifyListener"). */
    String operationName(SimRequest request);

    /** Replaces all state with the scenario's section for this service (absent: empty state). */
    void load(Map<String, Object> scenarioSection);

    /** The whole state, as plain maps and lists, for the admin API. */
    Map<String, Object> snapshot();
}
