/**
 * The simulated AWS Security Token Service (awsQuery XML): GetCallerIdentity and AssumeRole.
 * Nothing here knows about sluice; only the wire protocol and the simulator core are imported.
 */
package io.sluice.sim.sts;
