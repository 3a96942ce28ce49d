package io.sluice.analysis.judge;

/**
 * E-values: non-negative statistics whose expectation is at most 1 under the null hypothesis and which, computed on
 * the cumulative data at each look, form a (super)martingale. By Ville's inequality the chance that one ever reaches
 * 1/alpha, over any number of looks, is at most alpha. Computed in logs and returned as plain numbers (which may be
 * infinite when the evidence is overwhelming).
 */
final class EValues {
    private EValues() {
    }

    /**
     * Robbins' normal mixture for a statistic that behaves like Brownian motion W at information time V under the
     * null, given as z = W / sqrt(V) and r = tau^2 V for a N(0, tau^2) prior on the drift: the average of
     * exp(lambda W - lambda^2 V / 2) over the prior, (1 + r)^(-1/2) exp(z^2 r / (2 (1 + r))). Two-sided.
     */
    static double normalMixtureTwoSided(double z, double r) {
        if (Double.isNaN(z) || !(r > 0)) {
            return Double.NaN;
        }
        return Math.exp(-0.5 * Math.log1p(r) + z * z * r / (2 * (1 + r)));
    }

    /**
     * The same mixture over positive drifts only (a half-normal prior), for a one-sided alternative:
     * 2 (1 + r)^(-1/2) exp(z^2 r / (2 (1 + r))) Phi(z sqrt(r / (1 + r))). A supermartingale under any drift <= 0.
     */
    static double normalMixtureOneSided(double z, double r) {
        if (Double.isNaN(z) || !(r > 0)) {
            return Double.NaN;
        }
        if (z == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        if (z == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        double tail = Distributions.normalCdf(z * Math.sqrt(r / (1 + r)));
        return Math.exp(Math.log(2) - 0.5 * Math.log1p(r) + z * z * r / (2 * (1 + r)) + Math.log(tail));
    }

    /**
     * Beta mixture likelihood ratio for the canary's share theta of all events, against theta = p0 (its share of
     * trials), with a Beta(c p0, c (1 - p0)) prior truncated to the bad side (theta > p0 when {@code up}, else
     * theta < p0). After kc canary and ks stable events:
     * <pre>
     *   E = [B(a + kc, b + ks) P_post(side)] / [B(a, b) P_prior(side)] / (p0^kc (1 - p0)^ks)
     * </pre>
     * where P(side) is the Beta mass on the chosen side of p0. Each likelihood ratio with theta on the bad side has
     * expectation at most 1 under any theta on the good side (or equal to p0), so the mixture is a test
     * supermartingale for the one-sided null.
     */
    static double betaMixture(long kc, long ks, double p0, boolean up, double concentration) {
        double a = concentration * p0;
        double b = concentration * (1 - p0);
        double aPost = a + kc;
        double bPost = b + ks;
        double logSide = up
                ? Distributions.logRegularizedBeta(1 - p0, bPost, aPost) - Distributions.logRegularizedBeta(1 - p0, b, a)
                : Distributions.logRegularizedBeta(p0, aPost, bPost) - Distributions.logRegularizedBeta(p0, a, b);
        double logE = Distributions.logBeta(aPost, bPost) - Distributions.logBeta(a, b) + logSide
                - kc * Math.log(p0) - ks * Math.log1p(-p0);
        return Math.exp(logE);
    }
}
