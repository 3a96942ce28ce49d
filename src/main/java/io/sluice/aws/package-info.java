/**
 * The AWS side: one thin adapter per target kind behind {@link io.sluice.traffic.TrafficTargets}, the SDK
 * client factory and call accounting. Adapters translate and count; they decide nothing.
 */
package io.sluice.aws;
