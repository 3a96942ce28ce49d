package io.sluice.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run sluice against the embedded AWS simulator and the example config repo.")
public final class SimulateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("sluice simulate: not built yet");
        return 3;
    }
}
