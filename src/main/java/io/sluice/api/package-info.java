/**
 * HTTP endpoints: the read-only JSON views of the rollout board under {@code /api/rollouts}, the
 * dashboard at {@code /} (static resources) and the Git webhook. Thin: they verify and translate, then
 * hand over to beans of other packages; no Git, AWS or planning work happens in a request.
 */
package io.sluice.api;
