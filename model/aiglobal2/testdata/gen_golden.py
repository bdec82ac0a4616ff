"""Generate golden values of ai-global v2 for the Go tests (golden_test.go).

The oracle is ai_model_v2_reference.py in this directory, a verbatim copy of the numpy
reference implementation of docs/ai-model.md (its design copy), kept here so that the test
data is self-contained. If the reference changes, copy it again and re-run this script.

Run from this directory with Debian's numpy (apt-get install python3-numpy):
    /usr/bin/python3 gen_golden.py
It writes golden_aiglobal2.json.gz:
    factors   {factor: [value per vector]}, in the order of the oracle's factor table;
    kinds     [label per vector]: "seed1", "all p=1e-09", "all p=1-1e-09", "tails", "tails+median";
    years     [2020 … 2050];
    outputs   {name: [[value per year] per vector]} for every output of run() that is not a
              plain sum of others (the Go test adds up totals, per-component use + manufacturing
              and k_train from the stored components in the oracle's order, and checks
              GWPmb_manuf* against GWP_manuf*, FE_<comp> against FE_use_<comp>);
              numbers are written with 11 significant digits (relative rounding ≤ 5e-12, far inside the 1e-9 rule).

Vectors (§2.10 item 8 of the design): the first 150 draws of the oracle's own sample
(sample(4096, default_rng(1)): the draws behind its literature and lever checks), then 60
tail combinations through the quantile functions of §4.1: every factor at p = 1e-9, every
factor at p = 1 − 1e-9, 34 random low/high mixes and 24 random low/median/high mixes
(seed 20251201). The script asserts that every stored value is finite and ≥ 0.
"""
import gzip
import json
import statistics

import numpy as np

import ai_model_v2_reference as ref

N_SEED1 = 150
SEED = 20251201
LO, HI = 1e-9, 1 - 1e-9


def quantile(dist, par, p):
    """Quantile functions of docs/ai-model.md §4.1."""
    if dist == "uni":
        return par[0] + p * (par[1] - par[0])
    if dist == "tri":
        a, c, b = par
        if p < (c - a) / (b - a):
            return a + np.sqrt(p * (b - a) * (c - a))
        return b - np.sqrt((1 - p) * (b - a) * (b - c))
    if dist == "logu":
        return float(np.exp(np.log(par[0]) + p * (np.log(par[1]) - np.log(par[0]))))
    if dist == "logn90":
        mu = 0.5 * (np.log(par[0]) + np.log(par[1]))
        s = (np.log(par[1]) - np.log(par[0])) / (2 * 1.6448536269514722)
        return float(np.exp(mu + s * statistics.NormalDist().inv_cdf(p)))
    raise ValueError(dist)


def tails():
    rng = np.random.default_rng(SEED)
    k = len(ref.FACTORS)
    rows, kinds = [np.full(k, LO), np.full(k, HI)], ["all p=1e-09", "all p=1-1e-09"]
    for _ in range(34):
        rows.append(rng.choice([LO, HI], size=k))
        kinds.append("tails")
    for _ in range(24):
        rows.append(rng.choice([LO, 0.5, HI], size=k))
        kinds.append("tails+median")
    P = {f[1]: np.array([quantile(f[3], f[4], r[j]) for r in rows]) for j, f in enumerate(ref.FACTORS)}
    return P, kinds


SUMS = ("_total", "_total_amort", "_use", "_manuf", "_manuf_amort", "_train")


def derived(name):
    """True for outputs the Go test rebuilds from stored components."""
    crit = name.split("_")[0]
    if crit not in ("FE", "PE", "GWP", "GWPmb", "WATER", "WSF", "ADPe"):
        return False
    rest = name[len(crit):]
    if rest in SUMS:
        return True
    if rest[1:] in ref.COMPS:          # k_<comp>
        return True
    if crit == "GWPmb" and rest.startswith("_manuf"):
        return True
    return False


def main():
    P1 = ref.sample(4096, np.random.default_rng(1))
    Pt, kt = tails()
    P = {f: np.concatenate([P1[f][:N_SEED1], Pt[f]]) for f in ref.NAMES}
    kinds = ["seed1"] * N_SEED1 + kt
    O = ref.run(P)
    assert len(O) == 355, len(O)
    out = {}
    for name, a in O.items():
        a = np.asarray(a, float) * np.ones((len(kinds), 1))
        assert a.shape == (len(kinds), len(ref.YEARS)), name
        assert np.all(np.isfinite(a)) and np.all(a >= 0), name
        if not derived(name):
            out[name] = [[float(f"{v:.11g}") for v in row] for row in a]
    doc = dict(
        source="gen_golden.py from ai_model_v2_reference.py (the numpy reference of docs/ai-model.md)",
        numpy=np.__version__,
        years=[int(y) for y in ref.YEARS],
        kinds=kinds,
        factors={f: [float(v) for v in P[f]] for f in ref.NAMES},
        outputs=out,
    )
    # mtime=0 and no file name: re-running the script reproduces the file byte for byte.
    with open("golden_aiglobal2.json.gz", "wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
        gz.write(json.dumps(doc, separators=(",", ":")).encode("ascii"))
    print(f"{len(kinds)} vectors, {len(out)} stored outputs of {len(O)} -> golden_aiglobal2.json.gz")


if __name__ == "__main__":
    main()
