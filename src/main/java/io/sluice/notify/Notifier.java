package io.sluice.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus.HistoryEntry;
import io.sluice.model.status.RolloutStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Posts one JSON message per new history event of a kind people act on. New means newer than what
 * this process saw at its first pass, so a restart does not repeat old news. Delivery runs on its own
 * thread with a few attempts; a failure is logged and counted, never retried forever.
 */
public final class Notifier implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Notifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int ATTEMPTS = 3;
    /** Exported as {@code sluice_notifications_total{outcome="sent"|"failed"}}. */
    public static final String SENT = "sluice.notifications";

    private final URI target;
    private final Set<String> events;
    private final Duration timeout;
    private final Optional<MeterRegistry> registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sluice-notify");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Instant> seenUntil = new HashMap<>();
    private boolean firstPass = true;

    public Notifier(URI target, Set<String> events, Duration timeout, Optional<MeterRegistry> registry) {
        this.target = target;
        this.events = Set.copyOf(events);
        this.timeout = timeout;
        this.registry = registry;
    }

    /** Looks at the statuses after a pass and sends what is new. */
    /**
     * Marks the history of the statuses read back at start as sent, so that an event of the first pass
     * after a restart is sent (it is newer than what Git holds), and older ones are not sent again.
     */
    public synchronized void alreadyTold(Map<String, RolloutStatus> recorded) {
        recorded.values().forEach(s -> s.history().stream().findFirst().ifPresent(h -> seenUntil.put(s.rollout(), h.at())));
        firstPass = false;
    }

    public synchronized void afterPass(Map<String, RolloutStatus> statuses) {
        for (RolloutStatus s : statuses.values()) {
            Instant seen = seenUntil.get(s.rollout());
            if (!s.history().isEmpty()) {
                seenUntil.put(s.rollout(), s.history().get(0).at());
            }
            if (seen == null && firstPass) {
                continue; // what happened before this process started is old news
            }
            List<HistoryEntry> fresh = new ArrayList<>();
            for (HistoryEntry h : s.history()) {
                if (seen != null && !h.at().isAfter(seen)) {
                    break;
                }
                fresh.add(0, h);
            }
            for (HistoryEntry h : fresh) {
                if (events.contains(h.event())) {
                    String body = message(s, h);
                    sender.submit(() -> deliver(s.rollout(), h.event(), body));
                }
            }
        }
        firstPass = false;
    }

    static String message(RolloutStatus s, HistoryEntry h) {
        ObjectNode o = JSON.createObjectNode();
        o.put("text", text(s, h));
        o.put("rollout", s.rollout());
        o.put("event", h.event());
        o.put("phase", s.phase().name());
        h.from().ifPresent(v -> o.put("from", v));
        h.to().ifPresent(v -> o.put("to", v));
        h.reason().ifPresent(v -> o.put("reason", v));
        h.commit().ifPresent(v -> o.put("commit", v));
        o.put("at", h.at().toString());
        o.put("message", s.message());
        return o.toString();
    }

    static String text(RolloutStatus s, HistoryEntry h) {
        String what = switch (h.event()) {
            case "rollback" -> "rolled back" + h.to().map(t -> " to " + t).orElse("");
            case "completed" -> "completed" + h.to().map(t -> ": all traffic on " + t).orElse("");
            case "start" -> "started" + h.from().map(f -> ": " + f).orElse("") + h.to().map(t -> " -> " + t).orElse("");
            case "drift" -> "holding: live weights " + h.to().orElse("?") + " differ from " + h.from().orElse("?")
                    + " that sluice set (changed outside sluice)";
            case "driftCleared" -> "resumed: live weights are back" + h.to().map(t -> " at " + t).orElse("");
            case "corrected" -> "corrected" + h.from().map(f -> " from " + f).orElse("") + h.to().map(t -> " to " + t)
                    .orElse("") + " before any traffic moved";
            case "setWeight" -> "at " + h.to().orElse("?") + " (stable/new)";
            case "approval" -> "waiting for approval at " + h.to().orElse("?");
            default -> h.event();
        };
        boolean saysWhy = !h.event().equals("drift") && !h.event().equals("driftCleared");
        return "sluice: " + s.rollout() + " " + what + h.reason().filter(r -> saysWhy).map(r -> ": " + r).orElse("")
                + (s.phase() == Phase.Paused ? " " + s.message() : "");
    }

    private void deliver(String rollout, String event, String body) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(target).timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    count("sent");
                    return;
                }
                LOG.warnf("notification %s/%s: HTTP %d (attempt %d of %d)", rollout, event, r.statusCode(), attempt, ATTEMPTS);
            } catch (java.io.IOException e) {
                LOG.warnf("notification %s/%s: %s (attempt %d of %d)", rollout, event, e, attempt, ATTEMPTS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(500L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        count("failed");
    }

    private void count(String outcome) {
        registry.ifPresent(r -> Counter.builder(SENT).description("Notifications by outcome").tag("outcome", outcome)
                .register(r).increment());
    }

    /** Waits for queued deliveries (tests, shutdown). */
    public void drain(Duration wait) throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
