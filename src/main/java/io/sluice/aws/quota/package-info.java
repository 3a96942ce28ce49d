/**
 * Staying inside AWS API quotas: a client-side token bucket per account, region and quota bucket,
 * set below the published rates and shared by every rollout, whose waiting calls are served by
 * {@link io.sluice.traffic.Urgency} (a rollback's calls first) and then in arrival order.
 */
package io.sluice.aws.quota;
