/**
 * Simulated AWS Lambda control plane (REST-JSON under {@code /2015-03-31}): functions, published
 * versions and weighted aliases with RevisionId fencing. Nothing here invokes code or imports sluice.
 */
package io.sluice.sim.lambda;
