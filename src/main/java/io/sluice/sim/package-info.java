/**
 * The local AWS simulator: one HTTP endpoint that speaks the real wire protocols of ELBv2, Lambda,
 * ECS, Route 53, CloudWatch and STS, keeps state seeded from a scenario and advances on its own clock.
 * It never imports sluice's own code, so it stays an honest stand-in for AWS.
 */
package io.sluice.sim;
