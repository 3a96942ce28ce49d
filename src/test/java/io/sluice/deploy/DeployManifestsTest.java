package io.sluice.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes, ECS, compose and systemd examples and the Dockerfiles set only settings sluice reads, and
 * the ECS task definition is one ECS accepts.
 */
class DeployManifestsTest {
    /** Every file under deploy/ that configures a sluice process. */
    static final List<Path> MANIFESTS = List.of(Path.of("deploy/kubernetes/sluice-sidecar.yaml"),
            Path.of("deploy/ecs/task-definition.json"), Path.of("deploy/compose.yaml"),
            Path.of("deploy/docker/Dockerfile.jvm"), Path.of("deploy/docker/Dockerfile.native"),
            Path.of("deploy/systemd/sluice.service"));
    private static final Pattern SETTING = Pattern.compile("\\b((?:SLUICE|QUARKUS)_[A-Z0-9_]+)\\b");
    /** Quarkus's own keys the README's configuration table documents for sluice. */
    private static final Pattern README_QUARKUS_KEY = Pattern.compile("^\\| `(quarkus\\.[a-z0-9.-]+)` \\|", Pattern.MULTILINE);

    @Test
    void everySettingTheManifestsUseIsAKeySluiceReads() throws IOException {
        Set<String> known = new TreeSet<>();
        ConfigKeysInCode.keys(Path.of("target/classes")).forEach(k -> known.add(ConfigKeysInCode.envVar(k)));
        assertTrue(known.contains("SLUICE_GIT_URL") && known.contains("SLUICE_AWS_ENDPOINT_OVERRIDE"), known.toString());
        Matcher q = README_QUARKUS_KEY.matcher(Files.readString(Path.of("README.md")));
        while (q.find()) {
            known.add(ConfigKeysInCode.envVar(q.group(1)));
        }
        Map<String, List<String>> unknown = new TreeMap<>();
        int used = 0;
        for (Path manifest : MANIFESTS) {
            Matcher m = SETTING.matcher(Files.readString(manifest));
            while (m.find()) {
                used++;
                if (!known.contains(m.group(1))) {
                    unknown.computeIfAbsent(manifest.toString(), k -> new ArrayList<>()).add(m.group(1));
                }
            }
        }
        assertTrue(used > 20, "found only " + used + " settings in " + MANIFESTS);
        assertEquals(Map.of(), unknown, "settings no @ConfigMapping of sluice (nor the README's Quarkus keys) has: " + known);
    }

    @Test
    void ecsTaskDefinitionIsValidRegisterTaskDefinitionInput() throws Exception {
        Process p = new ProcessBuilder("python3", "deploy/ecs/validate_task_definition.py", "deploy/ecs/task-definition.json")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "validation did not finish: " + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("valid ECS RegisterTaskDefinition input"), out);
    }

    @Test
    void theValidatorRejectsATaskDefinitionEcsWouldRefuse(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String broken = Files.readString(Path.of("deploy/ecs/task-definition.json"))
                .replace("\"readonlyRootFilesystem\": true", "\"readOnlyRootFilesystem\": true");
        assertFalse(broken.equals(Files.readString(Path.of("deploy/ecs/task-definition.json"))));
        Path file = tmp.resolve("task.json");
        Files.writeString(file, broken);
        Process p = new ProcessBuilder("python3", "deploy/ecs/validate_task_definition.py", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("readOnlyRootFilesystem"), out);
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubernetesSidecarRunsReadOnlyNonRootWithProbesLimitsAndScrapeAnnotations() throws IOException {
        Map<String, Object> deployment = null;
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (Object doc : yaml.loadAll(Files.readString(Path.of("deploy/kubernetes/sluice-sidecar.yaml")))) {
            if (doc instanceof Map<?, ?> m && "Deployment".equals(m.get("kind"))) {
                deployment = (Map<String, Object>) m;
            }
        }
        assertTrue(deployment != null, "no Deployment");
        Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) deployment.get("spec")).get("template");
        Map<String, Object> annotations = (Map<String, Object>) ((Map<String, Object>) template.get("metadata")).get("annotations");
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"));
        List<Map<String, Object>> containers = (List<Map<String, Object>>) ((Map<String, Object>) template.get("spec")).get("containers");
        Map<String, Object> sluice = containers.stream().filter(c -> "sluice".equals(c.get("name"))).findFirst().orElseThrow();
        assertEquals("/q/health/live", path(sluice, "livenessProbe"));
        assertEquals("/q/health/ready", path(sluice, "readinessProbe"));
        Map<String, Object> security = (Map<String, Object>) sluice.get("securityContext");
        assertEquals(true, security.get("readOnlyRootFilesystem"));
        assertEquals(true, security.get("runAsNonRoot"));
        assertEquals(false, security.get("allowPrivilegeEscalation"));
        Map<String, Object> limits = (Map<String, Object>) ((Map<String, Object>) sluice.get("resources")).get("limits");
        assertTrue(limits.containsKey("memory"), sluice.toString());
        Set<Object> mounts = new TreeSet<>();
        ((List<Map<String, Object>>) sluice.get("volumeMounts")).forEach(v -> mounts.add(v.get("mountPath")));
        assertTrue(mounts.containsAll(Set.of("/var/lib/sluice", "/tmp")), "writable clone and tmp volumes: " + mounts);
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> container, String probe) {
        return ((Map<String, Object>) ((Map<String, Object>) container.get(probe)).get("httpGet")).get("path");
    }
}
