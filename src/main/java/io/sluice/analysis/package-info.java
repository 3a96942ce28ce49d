/**
 * Analysis: check providers (CloudWatch, alarms, health, HTTP, Prometheus) that measure, and the pure
 * {@link io.sluice.analysis.Assessment} that turns a measurement into pass, fail, inconclusive or error.
 */
package io.sluice.analysis;
