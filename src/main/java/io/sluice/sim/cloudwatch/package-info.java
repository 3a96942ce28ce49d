/**
 * Simulated Amazon CloudWatch: metrics generated from the scenario over simulated time, PutMetricData,
 * GetMetricData with statistics and metric math, and alarms evaluated from those metrics.
 * Wire formats live in {@code wire}; nothing here reads the system clock.
 */
package io.sluice.sim.cloudwatch;
