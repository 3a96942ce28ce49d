/**
 * The traffic port: what the planner reads about a target ({@link io.sluice.traffic.Observed}), the
 * split it asks for ({@link io.sluice.traffic.Split}), the port the AWS adapters implement
 * ({@link io.sluice.traffic.TrafficTargets}) with the urgency of each call, and how a call fails.
 * Imports only {@code io.sluice.model}.
 */
package io.sluice.traffic;
