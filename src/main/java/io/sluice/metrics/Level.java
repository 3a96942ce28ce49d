package io.sluice.metrics;

/** The current value behind one gauge; written by the pass thread, read by the scrape. */
final class Level {
    private volatile double value;

    Level(double value) {
        this.value = value;
    }

    double get() {
        return value;
    }

    void set(double value) {
        this.value = value;
    }
}
