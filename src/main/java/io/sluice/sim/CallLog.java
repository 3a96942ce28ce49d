package io.sluice.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every signed call in the order it was answered, with when the service began and finished handling
 * it, who signed it and for which region: what tests need to tell whether two clients ever wrote at
 * the same time. Times are microseconds since the epoch on a monotonic clock set from the wall clock
 * at start, so they never go backwards. The newest {@value #KEPT} calls are kept.
 */
public final class CallLog {
    static final int KEPT = 200_000;

    /**
     * @param seq position in the log, from 1
     * @param startMicros when the service began handling the call (for a fault or throttle: when it was answered)
     * @param endMicros when the answer was ready
     */
    public record Call(long seq, long startMicros, long endMicros, String service, String operation, String accessKeyId,
                       String region, String outcome) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", seq);
            m.put("start", startMicros);
            m.put("end", endMicros);
            m.put("service", service);
            m.put("operation", operation);
            m.put("accessKeyId", accessKeyId);
            m.put("region", region);
            m.put("outcome", outcome);
            return m;
        }
    }

    private final long baseMicros = System.currentTimeMillis() * 1000 - System.nanoTime() / 1000;
    private final Call[] ring = new Call[KEPT];
    private long next = 1;

    /** Now on the log's clock. */
    public long nowMicros() {
        return baseMicros + System.nanoTime() / 1000;
    }

    synchronized void add(long startMicros, String service, String operation, SimRequest request, String outcome) {
        if (request.accessKeyId().isEmpty()) {
            return;
        }
        Call call = new Call(next, startMicros, nowMicros(), service, operation, request.accessKeyId().get(),
                request.regionOrDefault(), outcome);
        ring[(int) (next % KEPT)] = call;
        next++;
    }

    /**
     * The calls after {@code since} (at most {@code limit}), oldest first, and the sequence number to ask
     * from next time; calls older than the ring holds are gone, which {@code dropped} counts.
     */
    public synchronized Map<String, Object> since(long since, int limit) {
        long from = Math.max(since + 1, Math.max(1, next - KEPT));
        List<Map<String, Object>> calls = new ArrayList<>();
        long seq = from;
        for (; seq < next && calls.size() < limit; seq++) {
            calls.add(ring[(int) (seq % KEPT)].toMap());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("calls", calls);
        out.put("next", seq - 1);
        out.put("dropped", Math.max(0, from - since - 1));
        out.put("now", nowMicros());
        return out;
    }

    public synchronized void clear() {
        next = 1;
        Arrays.fill(ring, null);
    }
}
