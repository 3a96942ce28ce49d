package io.sluice.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes made "by hand" at a given instant ({@code events:} of a scenario, {@code POST /_sim/events}).
 * Like the rest of the simulator they happen lazily: a due event is applied, in time order, before
 * the first request answered at or after its instant, and when the clock is advanced. The outcome
 * of each (applied, or the error the service gave) is kept for {@code GET /_sim/state}.
 */
public final class ScheduledEvents {
    /** One event: at {@code at}, the change for each named service. */
    public record Event(Instant at, Map<String, Map<String, Object>> changes) {
    }

    private final List<Event> pending = new ArrayList<>();
    private final List<Map<String, Object>> log = new ArrayList<>();

    /** Reads {@code {at?, <signingName>: {...change...}, ...}}; {@code at} defaults to {@code now}. */
    public static Event parse(ScenarioFields f, Map<String, SimService> services, Instant now) {
        Instant at = f.instant("at").orElse(now);
        Map<String, Map<String, Object>> changes = new LinkedHashMap<>();
        for (String key : f.keys()) {
            if (key.equals("at")) {
                continue;
            }
            SimService service = services.get(key);
            if (!(service instanceof ManualChanges)) {
                throw new IllegalArgumentException(f.path(key) + ": no simulated service '" + key
                        + "' takes changes by hand" + " (known: " + manualServices(services) + ")");
            }
            changes.put(key, f.mapping(key).asMap());
        }
        if (changes.isEmpty()) {
            throw new IllegalArgumentException(f.path() + ": an event names at least one service and its change");
        }
        return new Event(at, changes);
    }

    private static List<String> manualServices(Map<String, SimService> services) {
        return services.entrySet().stream().filter(e -> e.getValue() instanceof ManualChanges)
                .map(Map.Entry::getKey).toList();
    }

    public synchronized void replaceAll(List<Event> events) {
        pending.clear();
        log.clear();
        events.forEach(this::add);
    }

    public synchronized void add(Event event) {
        pending.add(event);
        pending.sort((a, b) -> a.at().compareTo(b.at()));
    }

    /** Applies every event due at {@code now}, oldest first. */
    public synchronized void applyDue(Instant now, Map<String, SimService> services) {
        while (!pending.isEmpty() && !pending.get(0).at().isAfter(now)) {
            Event event = pending.remove(0);
            event.changes().forEach((name, change) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("at", event.at().toString());
                entry.put("service", name);
                try {
                    ((ManualChanges) services.get(name)).applyManualChange(change);
                    entry.put("outcome", "applied");
                } catch (AwsError.Raised e) {
                    entry.put("outcome", e.error().code() + ": " + e.error().message());
                } catch (IllegalArgumentException e) {
                    entry.put("outcome", "invalid: " + e.getMessage());
                }
                log.add(entry);
            });
        }
    }

    public synchronized Map<String, Object> describe() {
        List<Map<String, Object>> upcoming = new ArrayList<>();
        pending.forEach(e -> upcoming.add(Map.of("at", e.at().toString(), "services", List.copyOf(e.changes().keySet()))));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pending", upcoming);
        out.put("applied", List.copyOf(log));
        return out;
    }
}
