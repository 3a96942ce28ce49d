/**
 * Stand-ins for the applications behind the simulated load balancers (health endpoints, a Prometheus
 * query API), so that demos and scenario tests can probe something local.
 */
package io.sluice.sim.apps;
