package io.sluice.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Print what is live, what is desired and the next action of every rollout; change nothing.")
public final class PlanCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("sluice plan: not built yet");
        return 3;
    }
}
