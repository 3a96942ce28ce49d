/**
 * The planner: a pure state machine from (desired, observed, last status, now) to one {@link io.sluice.plan.Decision}.
 * Imports only {@code io.sluice.model} and the traffic port's values in {@code io.sluice.traffic}; no AWS,
 * Git, Quarkus, clock or randomness. {@code ArchitectureTest} holds it to that.
 */
package io.sluice.plan;
