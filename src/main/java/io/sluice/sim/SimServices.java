package io.sluice.sim;

import java.util.List;

/** Every simulated service, wired to one clock. */
public final class SimServices {
    private SimServices() {
    }

    public static List<SimService> all(SimClock clock) {
        return List.of(
                new io.sluice.sim.elbv2.Elbv2Service(clock),
                new io.sluice.sim.sts.StsService(clock),
                new io.sluice.sim.lambda.LambdaService(clock),
                new io.sluice.sim.route53.Route53Service(clock),
                new io.sluice.sim.cloudwatch.CloudWatchService(clock),
                new io.sluice.sim.ecs.EcsService(clock));
    }
}
