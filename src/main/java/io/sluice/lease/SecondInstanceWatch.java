package io.sluice.lease;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * With {@code sluice.lease.backend=none} nothing keeps a second instance from writing too: this
 * watch finds one. Every instance moves a heartbeat ref of its own in the config repository every
 * {@code every} and lists the others'; an instance whose ref moved between two listings is running
 * now. Refs that never move (an instance killed long ago) are not counted. The comparison is of
 * commit ids seen on this instance's monotonic clock, so clocks of other machines do not matter.
 * While another instance runs, an error is logged (again every 5 minutes) and health and metrics
 * name it; it never stops this instance writing.
 */
public final class SecondInstanceWatch implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SecondInstanceWatch.class);
    private static final Duration REPEAT = Duration.ofMinutes(5);

    /** The heartbeat refs of the repository. */
    public interface Beacon {
        void beat() throws Exception;

        /** The other instances' heartbeat refs: name and commit id. */
        Map<String, String> others() throws Exception;

        void remove() throws Exception;

        String instance();

        void close();
    }

    private final Beacon beacon;
    private final Duration every;
    private final String repository;
    private final LongSupplier nanos;
    private final Map<String, Long> movedAt = new ConcurrentHashMap<>();
    private Map<String, String> last;
    private final Set<String> reported = new TreeSet<>();
    private long reportedAt;
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * @param repository the repository, as shown in messages
     * @param start whether to beat on a thread of its own every {@code every}
     */
    public SecondInstanceWatch(Beacon beacon, Duration every, String repository, LongSupplier nanos, boolean start) {
        this.beacon = beacon;
        this.every = every;
        this.repository = repository;
        this.nanos = nanos;
        this.thread = new Thread(this::run, "sluice-instance-beacon");
        thread.setDaemon(true);
        if (start) {
            thread.start();
        }
    }

    private void run() {
        while (!stopping) {
            round();
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One beat and one listing. */
    public synchronized void round() {
        try {
            beacon.beat();
        } catch (Exception e) {
            LOG.debugf("instance heartbeat to %s failed: %s", repository, e.getMessage());
        }
        Map<String, String> now;
        try {
            now = beacon.others();
        } catch (Exception e) {
            LOG.debugf("listing the instance heartbeats of %s failed: %s", repository, e.getMessage());
            return;
        }
        long t = nanos.getAsLong();
        if (last != null) {
            now.forEach((name, commit) -> {
                if (!commit.equals(last.get(name))) {
                    movedAt.put(name, t);
                }
            });
        }
        last = new HashMap<>(now);
        report(t);
    }

    private void report(long t) {
        Set<String> running = others();
        Set<String> gone = new TreeSet<>(reported);
        gone.removeAll(running);
        if (!gone.isEmpty()) {
            LOG.infof("the other sluice instance%s %s on %s no longer run%s", gone.size() == 1 ? "" : "s", gone, repository,
                    gone.size() == 1 ? "s" : "");
        }
        boolean fresh = !reported.containsAll(running);
        if (!running.isEmpty() && (fresh || t - reportedAt >= REPEAT.toNanos())) {
            LOG.errorf("another sluice instance runs on %s (%s; this one is %s) with sluice.lease.backend=none: both move"
                    + " traffic and write status, and they will fight. Stop all but one, or set sluice.lease.backend=dynamodb"
                    + " on every instance (README, Running more than one instance)", repository, String.join(", ", running),
                    beacon.instance());
            reportedAt = t;
        }
        reported.clear();
        reported.addAll(running);
    }

    /** The other instances whose heartbeat moved within the last two and a half beats. */
    public Set<String> others() {
        long t = nanos.getAsLong();
        long window = every.toNanos() * 5 / 2;
        Set<String> out = new TreeSet<>();
        movedAt.forEach((name, at) -> {
            if (t - at <= window) {
                out.add(name);
            }
        });
        return out;
    }

    /** Stops beating and deletes this instance's heartbeat. */
    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(every.toMillis() + 5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            beacon.remove();
        } catch (Exception e) {
            LOG.debugf("removing the instance heartbeat failed: %s", e.getMessage());
        }
        beacon.close();
    }
}
