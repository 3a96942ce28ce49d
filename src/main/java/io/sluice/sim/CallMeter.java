package io.sluice.sim;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts calls per service, operation and outcome ("ok", an error code, or "dropped"), and the signed
 * ones also per access key, so that what each client did can be told apart.
 */
public final class CallMeter {
    private record Key(String service, String operation, String outcome) {
    }

    private record SignedKey(String accessKeyId, Key call) {
    }

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<SignedKey, LongAdder> byAccessKey = new ConcurrentHashMap<>();

    public void count(String service, String operation, String outcome) {
        counts.computeIfAbsent(new Key(service, operation, outcome), k -> new LongAdder()).increment();
    }

    /** Counts one call, and against its access key when it was signed. */
    public void count(String service, String operation, String outcome, Optional<String> accessKeyId) {
        count(service, operation, outcome);
        accessKeyId.ifPresent(key -> byAccessKey.computeIfAbsent(new SignedKey(key, new Key(service, operation, outcome)),
                k -> new LongAdder()).increment());
    }

    public void clear() {
        counts.clear();
        byAccessKey.clear();
    }

    /** {@code {accessKeyId: {service: {operation: {outcome: count}}}}}, signed calls only, sorted by name. */
    public Map<String, Object> snapshotByAccessKey() {
        Map<String, Object> out = new TreeMap<>();
        byAccessKey.forEach((k, v) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> services = (Map<String, Object>) out.computeIfAbsent(k.accessKeyId(), s -> new TreeMap<>());
            @SuppressWarnings("unchecked")
            Map<String, Object> ops = (Map<String, Object>) services.computeIfAbsent(k.call().service(), s -> new TreeMap<>());
            @SuppressWarnings("unchecked")
            Map<String, Object> outcomes = (Map<String, Object>) ops.computeIfAbsent(k.call().operation(), o -> new TreeMap<>());
            outcomes.put(k.call().outcome(), v.sum());
        });
        return out;
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
