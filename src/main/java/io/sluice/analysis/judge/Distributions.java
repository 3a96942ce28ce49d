package io.sluice.analysis.judge;

/**
 * The special functions the judge needs, written out so that no statistics library is pulled in: the normal
 * distribution, log-gamma, the regularized incomplete beta (for the F distribution and the Beta mixture) and the
 * binomial probability. Accurate to about 1e-13 relative over the ranges the judge uses; the tests compare them
 * with scipy.
 */
final class Distributions {
    private static final double SQRT_PI = Math.sqrt(Math.PI);
    private static final double LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double LN_2PI = Math.log(2 * Math.PI);
    private static final double TINY = 1e-300;

    private Distributions() {
    }

    /** P(Z <= x) for a standard normal Z. */
    static double normalCdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /** P(Z > x) for a standard normal Z, accurate in the upper tail. */
    static double normalSf(double x) {
        return 0.5 * erfc(x / Math.sqrt(2));
    }

    /** The complementary error function. */
    static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 2.5) {
            return 1 - erfSeries(x);
        }
        return erfcContinuedFraction(x);
    }

    /** erf(x) = 2/sqrt(pi) exp(-x^2) sum 2^n x^(2n+1) / (2n+1)!!: every term positive, so nothing cancels. */
    private static double erfSeries(double x) {
        double term = x;
        double sum = x;
        double twoXSquared = 2 * x * x;
        for (int n = 1; n < 500 && term > 1e-17 * sum; n++) {
            term *= twoXSquared / (2 * n + 1);
            sum += term;
        }
        return 2 / SQRT_PI * Math.exp(-x * x) * sum;
    }

    /** erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), by the modified Lentz method. */
    private static double erfcContinuedFraction(double x) {
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 5000; k++) {
            double a = k / 2.0;
            d = x + a * d;
            d = d == 0 ? TINY : d;
            c = x + a / c;
            c = c == 0 ? TINY : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) / (SQRT_PI * f);
    }

    /** The x with P(Z <= x) = p: Acklam's rational approximation polished by Halley steps on {@link #normalCdf}. */
    static double normalQuantile(double p) {
        if (Double.isNaN(p) || p < 0 || p > 1) {
            return Double.NaN;
        }
        if (p == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (p > 0.5) {
            return -normalQuantile(1 - p);
        }
        double x = acklam(p);
        if (p >= Double.MIN_NORMAL) {
            for (int i = 0; i < 2; i++) {
                double e = normalCdf(x) - p;
                double u = e * Math.sqrt(2 * Math.PI) * Math.exp(x * x / 2);
                x = x - u / (1 + x * u / 2);
            }
        }
        return x;
    }

    private static double acklam(double p) {
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }

    /** log Gamma(x) for x > 0: Stirling's series from 10 up, the recurrence Gamma(x+1) = x Gamma(x) below. */
    static double logGamma(double x) {
        if (!(x > 0)) {
            return Double.NaN;
        }
        if (x < 10) {
            double product = 1;
            while (x < 10) {
                product *= x;
                x += 1;
            }
            return logGammaStirling(x) - Math.log(product);
        }
        return logGammaStirling(x);
    }

    private static double logGammaStirling(double x) {
        double inv = 1 / x;
        double inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680
                - inv2 * (1.0 / 1188 - inv2 * (691.0 / 360360 - inv2 / 156))))));
        return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + series;
    }

    /** log B(a, b). */
    static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /** log of the regularized incomplete beta I_x(a, b), kept in logs so that tiny tails do not underflow. */
    static double logRegularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (x >= 1) {
            return 0;
        }
        if (x < (a + 1) / (a + b + 2)) {
            return logBetaByFraction(x, a, b);
        }
        return Math.log1p(-Math.exp(logBetaByFraction(1 - x, b, a)));
    }

    private static double logBetaByFraction(double x, double a, double b) {
        return a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b) + Math.log(betaContinuedFraction(x, a, b))
                - Math.log(a);
    }

    /** The regularized incomplete beta I_x(a, b). */
    static double regularizedBeta(double x, double a, double b) {
        return Math.exp(logRegularizedBeta(x, a, b));
    }

    /** The continued fraction of the incomplete beta, modified Lentz method (converges for x < (a+1)/(a+b+2)). */
    private static double betaContinuedFraction(double x, double a, double b) {
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < TINY ? TINY : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m < 100_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a - 1 + m2) * (a + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return h;
    }

    /** P(F > f) for an F distribution with d1 and d2 degrees of freedom. */
    static double fSf(double f, double d1, double d2) {
        if (Double.isNaN(f)) {
            return Double.NaN;
        }
        if (f <= 0) {
            return 1;
        }
        if (Double.isInfinite(f)) {
            return 0;
        }
        return regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
    }

    /**
     * P(X = k) for X binomial(n, p), with q = 1 - p passed in so that it keeps its own precision. Loader's
     * saddle-point form (as in R's dbinom), accurate in the far tails where a log-gamma difference would cancel.
     */
    static double binomialPmf(long k, long n, double p, double q) {
        if (k < 0 || k > n) {
            return 0;
        }
        if (p == 0) {
            return k == 0 ? 1 : 0;
        }
        if (q == 0) {
            return k == n ? 1 : 0;
        }
        if (k == 0) {
            return n == 0 ? 1 : Math.exp(p < 0.1 ? -deviance(n, n * q) - n * p : n * Math.log(q));
        }
        if (k == n) {
            return Math.exp(q < 0.1 ? -deviance(n, n * p) - n * q : n * Math.log(p));
        }
        double logCore = stirlingError(n) - stirlingError(k) - stirlingError(n - k) - deviance(k, n * p)
                - deviance(n - k, n * q);
        double logFactor = LN_2PI + Math.log(k) + Math.log1p(-(double) k / n);
        return Math.exp(logCore - 0.5 * logFactor);
    }

    /** log(n!) - (n + 1/2) log(n) + n - log(sqrt(2 pi)): the error of Stirling's formula. */
    private static double stirlingError(double n) {
        if (n <= 15) {
            return logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
        }
        double nn = n * n;
        double s0 = 1.0 / 12;
        double s1 = 1.0 / 360;
        double s2 = 1.0 / 1260;
        double s3 = 1.0 / 1680;
        double s4 = 1.0 / 1188;
        if (n > 500) {
            return (s0 - s1 / nn) / n;
        }
        if (n > 80) {
            return (s0 - (s1 - s2 / nn) / nn) / n;
        }
        if (n > 35) {
            return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
        }
        return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
    }

    /** x log(x / np) + np - x, the binomial deviance term, by a series when x is near np. */
    private static double deviance(double x, double np) {
        if (Math.abs(x - np) < 0.1 * (x + np)) {
            double v = (x - np) / (x + np);
            double s = (x - np) * v;
            double ej = 2 * x * v;
            v = v * v;
            for (int j = 1; j < 1000; j++) {
                ej *= v;
                double next = s + ej / (2 * j + 1);
                if (next == s) {
                    return next;
                }
                s = next;
            }
            return s;
        }
        return x * Math.log(x / np) + np - x;
    }
}
