"""Reference values for the canary judge's statistics, from scipy.

Run from the repository root:
    python3 src/test/resources/judge/make_fixtures.py > src/test/resources/judge/cases.json
Every sample comes from a fixed seed, so the output only changes with scipy or numpy.
"""
import json
import sys

import numpy as np
import scipy
from scipy import special, stats

rng = np.random.default_rng(20240601)
ALTERNATIVES = ["greater", "less", "two-sided"]


def sample_pairs():
    """(name, canary, stable): with and without ties, n from 3 to 200."""
    pairs = []
    for n1, n2 in [(3, 3), (3, 5), (5, 3), (4, 8), (8, 8), (6, 20), (7, 40)]:
        pairs.append((f"exact-{n1}x{n2}", rng.lognormal(0.3, 0.5, n1), rng.lognormal(0, 0.5, n2)))
    for n1, n2 in [(9, 9), (12, 15), (30, 30), (60, 45), (200, 200), (150, 90)]:
        pairs.append((f"continuous-{n1}x{n2}", rng.lognormal(0.1, 0.6, n1), rng.lognormal(0, 0.6, n2)))
    for n1, n2 in [(3, 4), (6, 6), (10, 12), (40, 40), (200, 180)]:
        # latencies rounded to whole milliseconds: many ties
        pairs.append((f"ties-{n1}x{n2}", np.round(rng.lognormal(3.0, 0.3, n1)), np.round(rng.lognormal(2.95, 0.3, n2))))
    pairs.append(("ties-few-values", rng.integers(1, 4, 25).astype(float), rng.integers(1, 4, 30).astype(float)))
    pairs.append(("separated", np.arange(10, 20, dtype=float), np.arange(0, 10, dtype=float)))
    pairs.append(("equal-medians-wider-canary", rng.lognormal(0, 1.0, 120), rng.lognormal(0, 0.5, 120)))
    return pairs


def mann_whitney(pairs):
    cases = []
    for name, x, y in pairs:
        for alternative in ALTERNATIVES:
            auto = stats.mannwhitneyu(x, y, alternative=alternative, method="auto")
            asym = stats.mannwhitneyu(x, y, alternative=alternative, method="asymptotic", use_continuity=True)
            cases.append({
                "sample": name, "alternative": alternative,
                "u": float(auto.statistic), "pAuto": float(auto.pvalue), "pAsymptotic": float(asym.pvalue),
            })
    return cases


def hodges_lehmann(pairs):
    cases = []
    for name, x, y in pairs:
        cases.append({"sample": name,
                      "shift": float(np.median(np.subtract.outer(x, y))), "stableMedian": float(np.median(y))})
    return cases


def brown_forsythe(pairs):
    cases = []
    for name, x, y in pairs:
        res = stats.levene(x, y, center="median")
        cases.append({"sample": name,
                      "statistic": float(res.statistic), "p": float(res.pvalue)})
    return cases


def binomial():
    cases = []
    # (k canary events, n all events, canary requests, stable requests)
    tables = [(0, 3, 1000, 1000), (3, 3, 1000, 1000), (1, 1, 500, 9500), (0, 12, 500, 9500), (5, 12, 500, 9500),
              (40, 60, 2000, 2000), (20, 60, 2000, 2000), (30, 60, 2000, 2000), (7, 20, 3000, 7000),
              (130, 1000, 1000, 9000), (60, 1000, 1000, 9000), (2500, 4000, 50000, 50000),
              (1, 300, 1, 999), (17, 17, 1, 1), (9, 31, 777, 1234)]
    for k, n, nc, ns in tables:
        p0 = nc / (nc + ns)
        for alternative in ALTERNATIVES:
            cases.append({"k": k, "n": n, "canaryTrials": nc, "stableTrials": ns, "alternative": alternative,
                          "p": float(stats.binomtest(k, n, p0, alternative=alternative).pvalue)})
    return cases


def beta_mixture(kc, ks, p0, c, up):
    a, b = c * p0, c * (1 - p0)
    if up:
        side_post, side_prior = special.betaincc(a + kc, b + ks, p0), special.betaincc(a, b, p0)
    else:
        side_post, side_prior = special.betainc(a + kc, b + ks, p0), special.betainc(a, b, p0)
    log_e = (special.betaln(a + kc, b + ks) - special.betaln(a, b) + np.log(side_post) - np.log(side_prior)
             - kc * np.log(p0) - ks * np.log1p(-p0))
    return float(np.exp(log_e))


def e_values():
    beta = []
    for kc, ks, p0 in [(0, 0, 0.5), (3, 0, 0.5), (0, 3, 0.5), (40, 20, 0.5), (20, 40, 0.5), (30, 30, 0.5),
                       (13, 87, 0.1), (2, 98, 0.1), (5, 7, 0.05), (400, 200, 0.5), (1, 0, 0.001)]:
        for c in [2.0, 10.0]:
            beta.append({"canaryEvents": kc, "stableEvents": ks, "p0": p0, "concentration": c,
                         "up": beta_mixture(kc, ks, p0, c, True), "down": beta_mixture(kc, ks, p0, c, False)})
    normal = []
    for z, r in [(0.0, 1.0), (1.5, 4.0), (-1.5, 4.0), (3.0, 10.0), (5.0, 100.0), (-3.0, 30.0), (2.0, 0.5)]:
        s = np.sqrt(r / (1 + r))
        normal.append({"z": z, "r": r,
                       "twoSided": float(np.exp(-0.5 * np.log1p(r) + z * z * r / (2 * (1 + r)))),
                       "oneSided": float(2 / np.sqrt(1 + r) * np.exp(z * z * r / (2 * (1 + r))) * special.ndtr(z * s))})
    return {"beta": beta, "normal": normal}


def special_functions():
    xs = [-38.0, -20.0, -8.5, -5.0, -3.2, -1.96, -1.0, -0.3, 0.0, 0.4, 1.0, 2.33, 3.7, 6.0, 9.0]
    normal = [{"x": x, "cdf": float(special.ndtr(x)), "sf": float(stats.norm.sf(x))} for x in xs]
    ps = [1e-300, 1e-50, 1e-12, 1e-6, 0.001, 0.02, 0.02425, 0.1, 0.3, 0.5, 0.7, 0.975, 0.999999]
    quantiles = [{"p": p, "x": float(special.ndtri(p))} for p in ps]
    log_gamma = [{"x": x, "value": float(special.gammaln(x))}
                 for x in [1e-5, 0.001, 0.1, 0.5, 1.0, 1.5, 2.0, 3.7, 9.99, 10.0, 25.5, 170.3, 1e4, 1e7]]
    beta = [{"x": x, "a": a, "b": b, "value": float(special.betainc(a, b, x))}
            for x, a, b in [(0.5, 0.5, 0.5), (0.1, 2.0, 3.0), (0.9, 2.0, 3.0), (0.3, 50.0, 40.0), (0.999, 0.5, 100.0),
                            (0.01, 5.0, 500.0), (0.6, 1000.0, 700.0), (0.2, 0.05, 0.95)]]
    f = [{"f": f, "d1": d1, "d2": d2, "sf": float(stats.f.sf(f, d1, d2))}
         for f, d1, d2 in [(0.5, 1, 4), (3.0, 1, 10), (12.0, 1, 58), (40.0, 1, 398), (0.01, 1, 30), (150.0, 1, 238)]]
    pmf = [{"k": k, "n": n, "p": p, "value": float(stats.binom.pmf(k, n, p))}
           for k, n, p in [(0, 10, 0.5), (3, 10, 0.2), (10, 10, 0.9), (500, 1000, 0.5), (1, 5000, 0.001),
                           (0, 3000, 0.3), (2900, 3000, 0.3), (37, 100, 0.05)]]
    return {"normal": normal, "normalQuantile": quantiles, "logGamma": log_gamma, "regularizedBeta": beta, "fSf": f,
            "binomialPmf": pmf}


def main():
    pairs = sample_pairs()
    cases = {
        "_generatedBy": "python3 src/test/resources/judge/make_fixtures.py > src/test/resources/judge/cases.json",
        "_versions": {"scipy": scipy.__version__, "numpy": np.__version__},
        "samples": [{"name": name, "canary": x.tolist(), "stable": y.tolist()} for name, x, y in pairs],
        "mannWhitney": mann_whitney(pairs),
        "hodgesLehmann": hodges_lehmann(pairs),
        "brownForsythe": brown_forsythe(pairs),
        "binomial": binomial(),
        "eValues": e_values(),
        "special": special_functions(),
    }
    write(cases, sys.stdout)


def write(value, out, indent=""):
    """JSON with one case per line, so that a change in scipy shows as a readable diff."""
    inner = indent + "  "
    if isinstance(value, dict) and indent == "":
        out.write("{\n")
        for i, (key, item) in enumerate(value.items()):
            out.write(f"{inner}{json.dumps(key)}: ")
            write(item, out, inner)
            out.write(",\n" if i < len(value) - 1 else "\n")
        out.write("}\n")
    elif isinstance(value, list) or (isinstance(value, dict) and all(isinstance(v, list) for v in value.values())):
        items = value if isinstance(value, list) else list(value.items())
        out.write("[\n" if isinstance(value, list) else "{\n")
        for i, item in enumerate(items):
            if isinstance(value, list):
                out.write(inner + "  " + json.dumps(item))
            else:
                out.write(f"{inner}  {json.dumps(item[0])}: ")
                write(item[1], out, inner + "  ")
            out.write(",\n" if i < len(items) - 1 else "\n")
        out.write(inner + ("]" if isinstance(value, list) else "}"))
    else:
        out.write(json.dumps(value))


if __name__ == "__main__":
    main()
