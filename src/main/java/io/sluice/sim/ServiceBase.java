package io.sluice.sim;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What every simulated service does the same way around its own operations: it keeps its whole
 * state in one value {@code S} that a scenario replaces at once, reads its scenario section through
 * {@link ScenarioFields} under its signing name, and answers requests, changes by hand and
 * snapshots under one lock with the simulator's time. Caller resolution, faults, quotas and call
 * counting happen before a request gets here, in {@link SimServer#dispatch}.
 */
public abstract class ServiceBase<S> implements SimService {
    private final String signingName;
    private final SimClock clock;
    private final Object lock = new Object();
    private volatile S state;

    protected ServiceBase(String signingName, SimClock clock, S empty) {
        this.signingName = signingName;
        this.clock = clock;
        this.state = empty;
    }

    @Override
    public final String signingName() {
        return signingName;
    }

    @Override
    public final SimResponse handle(SimRequest request) {
        synchronized (lock) {
            return answer(request, state, clock.now());
        }
    }

    /** Answers one request over the state; throws {@link AwsError.Raised} for an AWS error. */
    protected abstract SimResponse answer(SimRequest request, S state, Instant now);

    @Override
    public final void load(Map<String, Object> scenarioSection) {
        S loaded = read(ScenarioFields.of(signingName, scenarioSection), clock.now());
        synchronized (lock) {
            state = loaded;
        }
    }

    /** The state a scenario section describes (an empty section: the empty state). */
    protected abstract S read(ScenarioFields section, Instant now);

    @Override
    public final Map<String, Object> snapshot() {
        synchronized (lock) {
            return describe(state, clock.now());
        }
    }

    /** The whole state as plain maps and lists, for {@code GET /_sim/state}. */
    protected abstract Map<String, Object> describe(S state, Instant now);

    /** Runs {@code change} over the state under the service's lock (a change made by hand). */
    protected final <T> T change(BiFunction<S, Instant, T> change) {
        synchronized (lock) {
            return change.apply(state, clock.now());
        }
    }

    /** The state as last loaded, read without the lock: only for state that is never changed in place. */
    protected final S loaded() {
        return state;
    }

    /**
     * The operation an awsJson request names in {@code X-Amz-Target} ({@code <prefix><Operation>}),
     * when it names one with this service's {@code prefix}.
     */
    protected static Optional<String> targetOperation(SimRequest request, String prefix) {
        return request.header("x-amz-target").filter(t -> t.startsWith(prefix)).map(t -> t.substring(prefix.length()));
    }
}
