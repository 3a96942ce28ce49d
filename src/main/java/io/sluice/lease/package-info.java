/**
 * Which instance may write for which AWS account and region: leases per shard, kept in a DynamoDB
 * table, with fencing by a monotonic clock and an epoch that every takeover increments. Imports
 * {@code model} and the AWS settings only.
 */
package io.sluice.lease;
