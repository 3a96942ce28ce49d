package io.sluice.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.RolloutStatus.HistoryEntry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notifications reach a real HTTP endpoint, once per new event, and never repeat old news. */
class NotifierTest {
    static final Instant T = Instant.parse("2026-11-24T10:00:00Z");
    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failFirst = new AtomicInteger();
    HttpServer server;
    URI url;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            if (failFirst.getAndDecrement() > 0) {
                x.sendResponseHeaders(503, -1);
            } else {
                received.add(new ObjectMapper().readTree(new String(body, StandardCharsets.UTF_8)));
                x.sendResponseHeaders(200, -1);
            }
            x.close();
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static RolloutStatus status(Phase phase, HistoryEntry... newestFirst) {
        return new RolloutStatus("isshoni-web", Optional.of("3f2c9e1"), 0, phase, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), "m", List.of(newestFirst));
    }

    static HistoryEntry entry(int minute, String event, String to, String reason) {
        return new HistoryEntry(T.plusSeconds(60L * minute), event, Optional.empty(), Optional.ofNullable(to),
                Optional.of("3f2c9e1"), Optional.ofNullable(reason));
    }

    @Test
    void postsARollbackWithItsReasonOnceAndSkipsWhatHappenedBeforeStart() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Notifier n = new Notifier(url, Set.of("rollback", "completed"), Duration.ofSeconds(2), Optional.of(meters));
        HistoryEntry old = entry(0, "rollback", "100/0", "an old rollback");
        n.afterPass(Map.of("isshoni-web", status(Phase.RolledBack, old)));
        HistoryEntry step = entry(5, "setWeight", "90/10", null);
        HistoryEntry rollback = entry(6, "rollback", "100/0", "five-xx-rate 0.04 above 0.01 (2 of 2)");
        n.afterPass(Map.of("isshoni-web", status(Phase.RolledBack, rollback, step, old)));
        n.afterPass(Map.of("isshoni-web", status(Phase.RolledBack, rollback, step, old)));
        n.drain(Duration.ofSeconds(10));
        assertEquals(1, received.size(), received.toString());
        JsonNode m = received.get(0);
        assertEquals("sluice: isshoni-web rolled back to 100/0: five-xx-rate 0.04 above 0.01 (2 of 2)", m.get("text").asText());
        assertEquals("rollback", m.get("event").asText());
        assertEquals("RolledBack", m.get("phase").asText());
        assertEquals("3f2c9e1", m.get("commit").asText());
        assertEquals(1.0, meters.counter(Notifier.SENT, "outcome", "sent").count());
    }

    @Test
    void retriesAFailingEndpointAFewTimes() throws Exception {
        failFirst.set(2);
        Notifier n = new Notifier(url, Set.of("completed"), Duration.ofSeconds(2), Optional.empty());
        n.afterPass(Map.of("isshoni-web", status(Phase.Progressing)));
        n.afterPass(Map.of("isshoni-web", status(Phase.Healthy, entry(9, "completed", "green", null))));
        n.drain(Duration.ofSeconds(10));
        assertEquals(1, received.size());
        assertTrue(received.get(0).get("text").asText().startsWith("sluice: isshoni-web completed: all traffic on green"));
    }

    @Test
    void anEventOfTheFirstPassAfterARestartIsSentAndWhatGitHeldIsNot() throws Exception {
        Notifier n = new Notifier(url, Set.of("start", "rollback"), Duration.ofSeconds(2), Optional.empty());
        HistoryEntry old = entry(0, "rollback", "100/0", "an old rollback");
        n.alreadyTold(Map.of("isshoni-web", status(Phase.RolledBack, old)));
        HistoryEntry start = entry(3, "start", "green", null);
        n.afterPass(Map.of("isshoni-web", status(Phase.Progressing, start, old)));
        n.drain(Duration.ofSeconds(10));
        assertEquals(1, received.size(), received.toString());
        assertEquals("start", received.get(0).get("event").asText());
    }
}
