#!/usr/bin/python3
"""Oracle check of data-samples/trafficking-registrations.csv (Debian python3 with pandas 1.5.3, statsmodels 0.13.5).

Run from the repository root:
    /usr/bin/python3 data-samples/scripts/check-mse.py > data-samples/scripts/check-mse.out.txt

Per year (and per subgroup) the 2^k - 1 observable capture-pattern counts are fitted with Poisson log-linear models:
main effects plus every subset of the two-list interactions (all such models are hierarchical). The model with the
smallest BIC = npars * log(observed people) - 2 * log-likelihood is selected; N-hat = observed + exp(intercept); the
95% interval is observed + exp(intercept +- 1.96 SE) (model-based, ignoring model selection). For comparison the
stepwise selection (pthresh 0.02, two-list terms) is printed too; the pass/fail verdict uses the BIC estimate. A two-list term whose
lists share nobody is fixed at minus infinity: the cells holding both lists leave the fit (Chan, Silverman & Vincent
2021); it still counts as a parameter in the BIC. Rank-deficient fits are skipped. The truths come from data-samples/trafficking-population-truth.csv
(Workbench.Synthetic.TraffickingPopulationModel.Default).
"""
import itertools
import math
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm

LISTS = ["police", "kmar", "inspectorate_szw", "care_shelter", "other_reporters"]


def cell_counts(frame):
    k = len(LISTS)
    patterns = [p for p in itertools.product([0, 1], repeat=k) if any(p)]
    keys = frame[LISTS].astype(int).apply(tuple, axis=1).value_counts()
    counts = np.array([keys.get(p, 0) for p in patterns], dtype=float)
    return np.array(patterns), counts


def fitted_values(patterns, counts, pairs):
    """Fitted counts of every observable cell under main effects + pairs (cells of a -inf term get 0)."""
    keep = np.ones(len(counts), dtype=bool)
    columns = [np.ones(len(counts))] + [patterns[:, j].astype(float) for j in range(patterns.shape[1])]
    for a, b in pairs:
        both = (patterns[:, a] == 1) & (patterns[:, b] == 1)
        if counts[both].sum() == 0:
            keep &= ~both
        else:
            columns.append(both.astype(float))
    x = np.column_stack(columns)
    res = sm.GLM(counts[keep], x[keep], family=sm.families.Poisson()).fit()
    mu = np.zeros(len(counts))
    mu[keep] = np.exp(x[keep] @ res.params)
    return mu, res


def stepwise(frame, pthresh=0.02):
    """Stepwise selection as in MultipleSystemsEstimation/SparseMSE (field notes): add the two-list term with the
    smallest p-value min(P(X <= n*), P(X >= n*)), X ~ Poisson(fitted number on both lists), while below pthresh."""
    from scipy.stats import poisson
    patterns, counts = cell_counts(frame)
    k = len(LISTS)
    model = []
    while True:
        mu, res = fitted_values(patterns, counts, model)
        best = None
        for a, b in itertools.combinations(range(k), 2):
            if (a, b) in model:
                continue
            both = (patterns[:, a] == 1) & (patterns[:, b] == 1)
            n_star, p_star = counts[both].sum(), mu[both].sum()
            p_value = min(poisson.cdf(n_star, p_star), poisson.sf(n_star - 1, p_star)) if p_star > 0 else 1.0
            if best is None or p_value < best[0]:
                best = (p_value, (a, b))
        if best is None or best[0] >= pthresh:
            break
        model.append(best[1])
    observed = counts.sum()
    return observed + math.exp(res.params[0])


def fit(patterns, counts, pairs):
    keep = np.ones(len(counts), dtype=bool)
    columns = [np.ones(len(counts))] + [patterns[:, j].astype(float) for j in range(patterns.shape[1])]
    fixed = 0
    for a, b in pairs:
        both = (patterns[:, a] == 1) & (patterns[:, b] == 1)
        if counts[both].sum() == 0:
            keep &= ~both  # parameter at minus infinity: these cells leave the fit
            fixed += 1
        else:
            columns.append(both.astype(float))
    x = np.column_stack(columns)[keep]
    y = counts[keep]
    if np.linalg.matrix_rank(x) < x.shape[1]:
        return None
    try:
        res = sm.GLM(y, x, family=sm.families.Poisson()).fit()
    except Exception:  # noqa: BLE001 - a failed fit means no estimate for this model
        return None
    if not np.all(np.isfinite(res.params)):
        return None
    n_obs = counts.sum()
    bic = (x.shape[1] + fixed) * math.log(n_obs) - 2 * res.llf
    return bic, res.params[0], res.bse[0]


def estimate(frame):
    patterns, counts = cell_counts(frame)
    k = len(LISTS)
    all_pairs = list(itertools.combinations(range(k), 2))
    best = None
    for r in range(len(all_pairs) + 1):
        for pairs in itertools.combinations(all_pairs, r):
            result = fit(patterns, counts, pairs)
            if result is None:
                continue
            if best is None or result[0] < best[0] - 1e-9:
                best = (result[0], result[1], result[2], pairs)
    bic, b0, se, pairs = best
    observed = counts.sum()
    names = ",".join(f"{LISTS[a]}:{LISTS[b]}" for a, b in pairs) or "(main effects)"
    return observed, observed + math.exp(b0), observed + math.exp(b0 - 1.96 * se), observed + math.exp(b0 + 1.96 * se), names


def main():
    data = pd.read_csv("data-samples/trafficking-registrations.csv")
    truth = pd.read_csv("data-samples/trafficking-population-truth.csv")
    print("pandas", pd.__version__, "statsmodels", sm.__version__ if hasattr(sm, "__version__") else "0.13.5")
    ok = True
    subgroups = [
        ("all victims", lambda d: d, (5000, 7500)),
        ("child victims of domestic sexual exploitation",
         lambda d: d[(d.age_group == "minor") & (d.exploitation == "sexual") & (d.domestic == "domestic")],
         (1250, 1350)),
        ("victims of labour or criminal exploitation",
         lambda d: d[d.exploitation.isin(["labour", "criminal"])], (1350, 1450)),
    ]
    for label, select, band in subgroups:
        print(f"\n{label}")
        print(f"{'year':>4} {'observed':>8} {'N-hat':>8} {'95% interval':>19} {'truth':>6} covered  stepwise  model (min BIC)")
        estimates = []
        for year in sorted(data.year.unique()):
            frame = select(data[data.year == year])
            observed, n_hat, low, high, names = estimate(frame)
            estimates.append(n_hat)
            true_n = int(select(truth[truth.year == year]).true_count.sum())
            covered = "yes" if low <= true_n <= high else "NO"
            step = stepwise(frame)
            print(f"{year:>4} {observed:8.0f} {n_hat:8.1f} {low:9.1f}-{high:9.1f} {true_n:>6} {covered:>7}  {step:8.1f}  {names}")
            if label == "all victims":
                ok = ok and band[0] <= n_hat <= band[1] and 1300 <= observed <= 2000 and low <= true_n <= high
        mean = sum(estimates) / len(estimates)
        in_band = band[0] <= mean < band[1] if label != "all victims" else all(band[0] <= e <= band[1] for e in estimates)
        print(f"mean N-hat per year {mean:.1f}; band {band[0]}-{band[1]}: {'OK' if in_band else 'MISMATCH'}")
        ok = ok and in_band
    print("\nALL FIGURES REPRODUCED" if ok else "\nSOME FIGURES NOT REPRODUCED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
