package io.sluice.ops;

import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The example repository and scenario made fast for end-to-end runs: seconds instead of minutes
 * for every pause and analysis, checks every second, and each rollout's desired version for a
 * numbered round, so that a run can start rollout after rollout.
 */
final class FastExample {
    static final Path EXAMPLE = Path.of("config-repo-example");
    static final Path SCENARIO = Path.of("src/main/resources/sim/example-scenario.yaml");
    /** isshoni-web's green fails its 5xx rule from the start; checks start after this weight, so it rolls back there. */
    static final int ISSHONI_ROLLBACK_AT = 50;

    private FastExample() {
    }

    /** The example repo with fast steps, and each rollout's desired version for {@code round}. */
    static Map<String, String> roundFiles(int round) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(EXAMPLE)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(EXAMPLE.relativize(p).toString(), Files.readString(p));
            }
        }
        boolean odd = round % 2 == 1;
        edit(files, "isshoni-web", "pause: 10m", "pause: 4s",
                "    interval: 30s\n    startAfter: setWeight 10",
                "    interval: 1s\n    settle: 1s\n    startAfter: setWeight " + ISSHONI_ROLLBACK_AT,
                "  active: green\n", "  active: green\n" + (round > 1 ? "  retry: " + (round - 1) + "\n" : ""));
        edit(files, "makenaide-orchestrator", "pause: 4h", "pause: 4s",
                "    interval: 30s", "    interval: 1s\n    settle: 1s",
                "version: \"2\"", "version: \"" + (odd ? "2" : "1") + "\"");
        edit(files, "model-platform", "analysis: 5m", "analysis: 4s",
                "    interval: 1m", "    interval: 1s\n    settle: 1s",
                "  active: green\n", "  active: " + (odd ? "green" : "blue") + "\n  approvedStep: 4\n");
        edit(files, "nodeapp-alb", "analysis: 2m", "analysis: 4s",
                "    interval: 30s", "    interval: 1s\n    settle: 1s",
                "  active: green\n", "  active: " + (odd ? "green" : "blue") + "\n");
        edit(files, "nodeapp-dns", "pause: 5m", "pause: 4s",
                "    interval: 30s", "    interval: 1s\n    settle: 1s",
                "  active: alb\n", "  active: " + (odd ? "alb" : "single-host") + "\n");
        edit(files, "rag-backend", "analysis: 10m", "analysis: 4s",
                "    interval: 1m", "    interval: 1s\n    settle: 1s",
                "taskDefinition: rag-backend:42", "taskDefinition: " + ragRevision(round));
        edit(files, "rag-backend-bluegreen", "analysis: 5m", "analysis: 4s",
                "    interval: 1m", "    interval: 1s\n    settle: 1s",
                "taskDefinition: rag-backend:43", "taskDefinition: " + blueGreenRevision(round));
        return files;
    }

    /** Replaces every occurrence of each pair's first text by its second; a text not found is a broken fixture. */
    static void edit(Map<String, String> files, String rollout, String... pairs) {
        String path = "rollouts/" + rollout + ".yaml";
        String text = files.get(path);
        if (text == null) {
            throw new IllegalStateException("no " + path + " in " + EXAMPLE);
        }
        for (int i = 0; i < pairs.length; i += 2) {
            if (!text.contains(pairs[i])) {
                throw new IllegalStateException(path + " no longer contains '" + pairs[i] + "': update FastExample");
            }
            text = text.replace(pairs[i], pairs[i + 1]);
        }
        files.put(path, text);
    }

    static String ragRevision(int round) {
        return List.of("rag-backend:42", "rag-backend:43", "rag-backend:41").get((round - 1) % 3);
    }

    static String blueGreenRevision(int round) {
        return List.of("rag-backend:43", "rag-backend:41", "rag-backend:42").get((round - 1) % 3);
    }

    /**
     * The example scenario with targets healthy from the start, ECS tasks starting every 2 s, Route 53
     * changes in sync after 2 s, isshoni's green 5xx rate at 4% from the start, and the metrics the
     * later rounds measure (nodeapp's blue colour, the RAG revisions 41 and 42) as good as the first's.
     */
    static String scenario() throws IOException {
        String text = Files.readString(SCENARIO);
        String nodeappGreen = "    - {namespace: AWS/ApplicationELB, metric: TargetResponseTime, unit: Seconds, value: 0.18, valueStat: p95,"
                + " spread: 0.5,\n       samplesPerMinute: 300, dimensions: {LoadBalancer: app/nodeapp/53d6018c81c73b2c,"
                + " TargetGroup: targetgroup/nodeapp-green/0c25620e28142e2e}}\n";
        String ragErrors = "    - {namespace: RAG/Backend, metric: Errors, kind: count, unit: Count, value: 3,\n"
                + "       dimensions: {Service: rag-backend, TaskDefinition: \"rag-backend:43\"}}\n";
        if (!text.contains(nodeappGreen) || !text.contains(ragErrors)) {
            throw new IllegalStateException(SCENARIO + " no longer has nodeapp's green latency or revision 43's errors as"
                    + " the crash suite copies them");
        }
        text = text.replace(nodeappGreen, nodeappGreen + nodeappGreen.replace("nodeapp-green/0c25620e28142e2e",
                "nodeapp-blue/1f10bf550e7b580a"));
        text = text.replace(ragErrors, ragErrors + ragErrors.replace("rag-backend:43", "rag-backend:41")
                + ragErrors.replace("rag-backend:43", "rag-backend:42"));
        String[][] pairs = {
                {"healthCheckDelaySeconds: 20", "healthCheckDelaySeconds: 0"},
                {"taskStartTime: 10s", "taskStartTime: 2s"},
                {"changeSyncDelaySeconds: 5", "changeSyncDelaySeconds: 2"},
                {"schedule: [{until: 12m, value: 0.0005}, {value: 0.04}]", "schedule: [{value: 0.04}]"}};
        for (String[] p : pairs) {
            if (!text.contains(p[0])) {
                throw new IllegalStateException(SCENARIO + " no longer contains '" + p[0] + "': update FastExample");
            }
            text = text.replace(p[0], p[1]);
        }
        return text;
    }

    /**
     * Reads the rollout files among {@code files} (written under {@code dir}) as sluice would, refusing a
     * broken fixture: what the runs check against.
     */
    static List<Rollout> read(Map<String, String> files, Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("rollouts"));
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (f.getKey().startsWith("rollouts/")) {
                Files.writeString(folder.resolve(f.getKey().substring("rollouts/".length())), f.getValue());
            }
        }
        RolloutFiles.Result result = RolloutFiles.readFolder(folder, "rollouts");
        if (!result.valid()) {
            throw new IllegalStateException("the fast fixture must be valid: " + result.problems());
        }
        return result.rollouts();
    }
}
