package io.sluice.cli;

import picocli.CommandLine.Command;

@Command(name = "sluice", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "GitOps reconciler for progressive delivery on AWS: ALB, Lambda aliases, Route 53 and ECS.",
        subcommands = {ValidateCommand.class, PlanCommand.class, BacktestCommand.class, RunCommand.class, SimulateCommand.class})
public final class SluiceCommand {
}
