/**
 * The AWS side: one sub-package per target kind ({@code alb}, {@code lambda}, {@code route53},
 * {@code ecs}), each an adapter behind {@link io.sluice.traffic.TrafficTargets}, registered by
 * {@code Target.Kind} in {@link io.sluice.aws.DefaultTrafficTargets}; the SDK client factory, retries,
 * call accounting and the client-side quota buckets. Adapters translate and count; they decide
 * nothing. Never imports the planner, the loop or the commands.
 */
package io.sluice.aws;
