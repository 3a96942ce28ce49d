/**
 * picocli commands of the one binary: validate, plan, run, simulate. The only main code that may start the simulator.
 */
package io.sluice.cli;
