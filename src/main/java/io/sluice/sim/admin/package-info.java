/**
 * The simulator's unsigned admin API under {@code /_sim/}: state, scenario loading, clock, faults,
 * events, call counts and API rate limits. It drives the simulator core only and speaks no AWS protocol.
 */
package io.sluice.sim.admin;
