package io.sluice.sim;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts calls per service, operation and outcome ("ok", an error code, or "dropped"). */
public final class CallMeter {
    private record Key(String service, String operation, String outcome) {
    }

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

    public void count(String service, String operation, String outcome) {
        counts.computeIfAbsent(new Key(service, operation, outcome), k -> new LongAdder()).increment();
    }

    public void clear() {
        counts.clear();
    }

    /** {@code {service: {operation: {outcome: count}}}}, sorted by name. */
    public Map<String, Object> snapshot() {
        Map<String, Object> out = new TreeMap<>();
        counts.forEach((k, v) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> ops = (Map<String, Object>) out.computeIfAbsent(k.service(), s -> new TreeMap<>());
            @SuppressWarnings("unchecked")
            Map<String, Object> outcomes = (Map<String, Object>) ops.computeIfAbsent(k.operation(), o -> new TreeMap<>());
            outcomes.put(k.outcome(), v.sum());
        });
        return out;
    }
}
