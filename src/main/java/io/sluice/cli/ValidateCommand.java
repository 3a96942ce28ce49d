package io.sluice.cli;

import io.sluice.model.Problem;
import io.sluice.model.RolloutFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validate every rollout file of a config repository (its rollouts/ folder) or of DIR itself.",
                "Prints one line per problem (file:line:col: field: message).",
                "Exit status: 0 all valid, 1 problems found, 2 DIR unreadable."})
public final class ValidateCommand implements Callable<Integer> {
    static final String ROLLOUTS_FOLDER = "rollouts";

    @Parameters(index = "0", paramLabel = "DIR", description = "config repository, or a folder of rollout files")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(dir) || !Files.isReadable(dir)) {
            err.println("sluice validate: " + dir + " is not a readable directory");
            return 2;
        }
        Path folder = Files.isDirectory(dir.resolve(ROLLOUTS_FOLDER)) ? dir.resolve(ROLLOUTS_FOLDER) : dir;
        RolloutFiles.Result result;
        try {
            result = RolloutFiles.readFolder(folder, folder.toString());
        } catch (IOException e) {
            err.println("sluice validate: cannot read " + folder + ": " + e.getMessage());
            return 2;
        }
        for (Problem p : result.problems()) {
            out.println(p);
        }
        if (result.valid()) {
            out.printf("%d rollouts, %d checks: valid%n", result.rollouts().size(), result.checks());
        } else {
            out.printf("%d problems in %d of %d files%n", result.problems().size(),
                    result.problems().stream().map(Problem::file).distinct().count(), result.files());
        }
        out.flush();
        return result.valid() ? 0 : 1;
    }
}
