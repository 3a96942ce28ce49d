package io.sluice.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint the probes, health checks and scrape annotations of the manifests and Dockerfiles ask
 * for is served by sluice: the health paths with the health JSON, the metrics path with sluice's meters.
 */
@QuarkusTest
class ManifestHealthPathsTest {
    private static final Pattern PATH = Pattern.compile("/q/[a-z/]*[a-z]");

    @Test
    void everyPathTheManifestsProbeIsServed() throws IOException {
        Set<String> paths = new TreeSet<>();
        for (Path manifest : DeployManifestsTest.MANIFESTS) {
            Matcher m = PATH.matcher(Files.readString(manifest));
            while (m.find()) {
                paths.add(m.group());
            }
        }
        assertTrue(paths.containsAll(Set.of("/q/health/live", "/q/health/ready", "/q/metrics")), paths.toString());
        for (String path : paths) {
            Response r = given().get(path);
            if (path.startsWith("/q/health")) {
                // 503 is a served answer too: readiness is down without a config repository in this test
                assertTrue(r.statusCode() == 200 || r.statusCode() == 503, path + " answered " + r.statusCode());
                assertTrue(Set.of("UP", "DOWN").contains(r.jsonPath().getString("status")), path + ": " + r.asString());
            } else {
                assertEquals(200, r.statusCode(), path);
                assertTrue(r.asString().contains("sluice_"), path + " has no sluice_ meters");
            }
        }
    }
}
