package io.sluice.aws.quota;

/**
 * How urgent the AWS calls made on this thread are. A call waiting for a quota token is served
 * before every waiting call of a lower level, whatever their arrival order, so a rollback never
 * waits behind routine reads. Unmarked calls are {@link Level#MOVING}.
 *
 * <pre>{@code
 * try (var p = CallPriority.rollback()) {
 *     targets.apply(...);   // every AWS call in here goes first
 * }
 * }</pre>
 */
public final class CallPriority {

    /** Most urgent first. */
    public enum Level {
        /** Calls that apply or verify a rollback. */
        ROLLBACK,
        /** Rollouts stepping, verifying or analysing; the default. */
        MOVING,
        /** Observing rollouts at rest (Healthy, RolledBack, Suspended). */
        IDLE
    }

    private static final ThreadLocal<Level> CURRENT = ThreadLocal.withInitial(() -> Level.MOVING);

    private CallPriority() {
    }

    public static Level current() {
        return CURRENT.get();
    }

    public static Scope rollback() {
        return at(Level.ROLLBACK);
    }

    public static Scope moving() {
        return at(Level.MOVING);
    }

    public static Scope idle() {
        return at(Level.IDLE);
    }

    /** Marks this thread's calls with {@code level} until the scope is closed (scopes nest). */
    public static Scope at(Level level) {
        Level previous = CURRENT.get();
        CURRENT.set(level);
        return new Scope(previous);
    }

    /** Restores the level in force before it was opened. */
    public static final class Scope implements AutoCloseable {
        private final Level previous;

        private Scope(Level previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            CURRENT.set(previous);
        }
    }
}
