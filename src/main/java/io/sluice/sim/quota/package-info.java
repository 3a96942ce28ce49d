/**
 * The published AWS API rate limits, enforced by the simulator: token buckets per account, region
 * and quota bucket that refill with real elapsed time, answering over the limit with each service's
 * own throttling error. Off unless a scenario turns them on ({@code quotas: {enabled: true}}).
 */
package io.sluice.sim.quota;
