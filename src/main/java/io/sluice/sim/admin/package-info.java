/**
 * The simulator's unsigned admin API under {@code /_sim/}: state, scenario loading, clock, faults,
 * events and call counts. It drives the simulator core only and speaks no AWS protocol.
 */
package io.sluice.sim.admin;
