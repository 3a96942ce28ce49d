/**
 * Simulated Amazon Route 53 (REST-XML, global): hosted zones, simple and weighted record sets changed in
 * atomic batches, and changes that turn INSYNC on the simulator clock. Nothing here imports sluice.
 */
package io.sluice.sim.route53;
