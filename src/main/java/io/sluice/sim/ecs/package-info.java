/**
 * Simulated Amazon ECS (awsJson1_1): services whose rolling deployments progress over simulated time,
 * with the deployment circuit breaker and rollback, and task definitions from the scenario.
 */
package io.sluice.sim.ecs;
