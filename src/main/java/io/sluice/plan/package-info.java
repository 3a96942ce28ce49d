/**
 * The planner: a pure state machine from (desired, observed, last status, now) to one {@link io.sluice.plan.Decision}.
 * Imports only {@code io.sluice.model}; no AWS, Git, Quarkus, clock or randomness.
 */
package io.sluice.plan;
