/**
 * Analysis: check providers (CloudWatch metrics batched across rollouts, CloudWatch alarms, target
 * health / ECS steady state, HTTP probe, Prometheus) that measure, {@link io.sluice.analysis.DefaultAnalyzer}
 * that runs them concurrently per pass, and the pure {@link io.sluice.analysis.Assessment} that turns a
 * measurement into pass, fail, inconclusive or error. Providers measure and never decide; nothing here
 * acts on traffic or imports the simulator.
 */
package io.sluice.analysis;
