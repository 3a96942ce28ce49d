/**
 * The simulated Elastic Load Balancing v2 service (awsQuery XML): ALB listeners, rules with weighted
 * forward actions, target groups, target health and attributes, with AWS's validation and error codes.
 * Nothing here knows about sluice; only the wire protocol and the simulator core are imported.
 */
package io.sluice.sim.elbv2;
