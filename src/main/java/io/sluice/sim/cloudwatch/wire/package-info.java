/**
 * CloudWatch's three wire protocols (Smithy RPC v2 CBOR, awsJson1_0, awsQuery) translated to and from one
 * neutral shape: maps keyed by the model's member names. No operation logic lives here.
 */
package io.sluice.sim.cloudwatch.wire;
