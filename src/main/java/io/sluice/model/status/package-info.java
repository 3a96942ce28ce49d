/**
 * The status of a rollout as written back to Git, and its stable YAML form.
 */
package io.sluice.model.status;
