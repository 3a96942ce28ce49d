/**
 * Wire-protocol framing shared by the simulated services (awsQuery form parsing, XML writing, error documents).
 */
package io.sluice.sim.protocol;
