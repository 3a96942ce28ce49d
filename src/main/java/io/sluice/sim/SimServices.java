package io.sluice.sim;

import io.sluice.sim.cloudwatch.CloudWatchService;
import io.sluice.sim.dynamodb.DynamoDbService;
import io.sluice.sim.ecs.EcsService;
import io.sluice.sim.elbv2.Elbv2Service;
import io.sluice.sim.lambda.LambdaService;
import io.sluice.sim.route53.Route53Service;
import io.sluice.sim.sts.StsService;
import java.util.List;

/** Every simulated service, wired to one clock. */
public final class SimServices {
    private SimServices() {
    }

    public static List<SimService> all(SimClock clock) {
        return List.of(
                new Elbv2Service(clock),
                new StsService(clock),
                new LambdaService(clock),
                new Route53Service(clock),
                new CloudWatchService(clock),
                new EcsService(clock),
                new DynamoDbService(clock));
    }
}
