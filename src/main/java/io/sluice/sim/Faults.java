package io.sluice.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The faults in force. For each call every matching latency fault adds its delay, then the first
 * matching error or drop fault answers instead of the service. A fault limited to N calls counts
 * down only when it actually hits a call, and is forgotten at zero.
 */
public final class Faults {
    private final List<Active> active = new ArrayList<>();

    private static final class Active {
        final Fault fault;
        int remaining;

        Active(Fault fault) {
            this.fault = fault;
            this.remaining = fault.times().orElse(-1);
        }
    }

    /** What the faults decide for one call. */
    public record Outcome(Duration delay, Optional<Fault> answeringFault) {
    }

    public synchronized void add(Fault fault) {
        active.add(new Active(fault));
    }

    public synchronized void replaceAll(List<Fault> faults) {
        active.clear();
        faults.forEach(this::add);
    }

    public synchronized void clear() {
        active.clear();
    }

    public synchronized List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Active a : active) {
            Map<String, Object> m = new java.util.LinkedHashMap<>(a.fault.describe());
            if (a.remaining >= 0) {
                m.put("remaining", a.remaining);
            }
            out.add(m);
        }
        return out;
    }

    /** What the faults decide for one call signed with {@code accessKeyId} (empty: unsigned). */
    public synchronized Outcome decide(String service, String operation, Optional<String> accessKeyId, Instant now) {
        Duration delay = Duration.ZERO;
        Optional<Fault> answering = Optional.empty();
        for (Active a : new ArrayList<>(active)) {
            if (!a.fault.matches(service, operation, accessKeyId, now)) {
                continue;
            }
            boolean hits = a.fault.kind() == Fault.Kind.LATENCY || answering.isEmpty();
            if (!hits) {
                continue;
            }
            if (a.fault.kind() == Fault.Kind.LATENCY) {
                delay = delay.plus(a.fault.latency());
            } else {
                answering = Optional.of(a.fault);
            }
            if (a.remaining > 0 && --a.remaining == 0) {
                active.remove(a);
            }
        }
        return new Outcome(delay, answering);
    }

    /** Answers the call as the fault says, or empty to let the service answer. */
    static Optional<SimResponse> answer(Fault fault, SimService service, SimRequest request) {
        if (fault.kind() == Fault.Kind.DROP) {
            throw new Fault.ConnectionDropped();
        }
        return Optional.of(service.error(request, fault.errorFor(service.signingName(), service.operationName(request))));
    }
}
