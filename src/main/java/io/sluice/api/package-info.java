/**
 * Read-only HTTP views of the rollout board: the JSON API under {@code /api/rollouts} (records in
 * {@link io.sluice.api.RolloutView}) and, as static resources, the dashboard at {@code /}. Nothing here acts on AWS or Git.
 */
package io.sluice.api;
