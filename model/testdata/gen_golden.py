"""Generate golden values of the ai-global model for the Go tests (aiglobal_golden_test.go).

The oracle is ai_model_reference.py in this directory: a verbatim copy of
/work/shared/design/ai_model_reference.py (the numpy implementation of ai-model.md §3),
copied so that the test data is self-contained. If the design copy changes, copy it again
and re-run this script.

Run from this directory with Debian's numpy (apt-get install python3-numpy):
    /usr/bin/python3 gen_golden.py
It writes golden_aiglobal.json.gz:
    nominal   {factor: median}: the exact medians of the §3.2 distributions, passed to the
              oracle as `nominal` and to the Go model as Config.Medians;
    factors   {factor: [value per vector]};
    kinds     [label per vector]: "sample", "all p=…", "<factor> p=…", "corner";
    years     [2020 … 2050];
    outputs   {name: [[value per year] per vector]}: every array returned by run()
              ("{k}_use_{c}", "{k}_manuf_{c}" and the diagnostics, named as the Go outputs),
              plus the Go model's derived diagnostics computed here with numpy from those
              arrays (marked EXTENSION below: they are not in the oracle).
Totals and component sums are not stored: the Go test adds up the stored components.

Vectors: 200 draws of the oracle's sample() (seed 20250101), then tails taken through the
distributions' quantile functions: every factor at p = 0, 1, 0.01, 0.99; each factor alone at
p = 0 and 1 with the others at their medians; 32 random "corners" mixing p in
{0, 0.01, 0.99, 1}. For the (unbounded) lognormals p is clamped to [1e-6, 1 − 1e-6].
"""
import gzip
import json
import statistics

import numpy as np

import ai_model_reference as ref

SEED = 20250101
N_SAMPLE = 200
N_CORNERS = 32


class QuantileRNG:
    """Stands in for numpy's Generator in ref.sample(): each call returns the quantiles, at the
    levels of the next column of `p`, of the distribution it was asked to draw from. sample()
    builds its dict in the §3.2 order, one call per factor, so column j is factor j."""

    def __init__(self, p):
        self.p = np.asarray(p, float)
        self.j = 0

    def _next(self, n):
        col = self.p[:, self.j]
        assert len(col) == n
        self.j += 1
        return col

    def triangular(self, a, m, b, n):
        p = self._next(n)
        c = (m - a) / (b - a)
        lo = a + np.sqrt(p * (b - a) * (m - a))
        hi = b - np.sqrt((1 - p) * (b - a) * (b - m))
        return np.where(p < c, lo, hi)

    def uniform(self, a, b, n):
        return a + (b - a) * self._next(n)

    def normal(self, mu, s, n):
        p = np.clip(self._next(n), 1e-6, 1 - 1e-6)
        nd = statistics.NormalDist(mu, s)
        return np.array([nd.inv_cdf(float(q)) for q in p])


def names():
    return list(ref.sample(1, np.random.default_rng(0)).keys())


def at_quantiles(p):
    P = ref.sample(len(p), QuantileRNG(p))
    return {k: np.asarray(v, float) for k, v in P.items()}


def main():
    fac = names()
    k = len(fac)
    assert k == 59, k
    nominal = {f: float(v[0]) for f, v in at_quantiles(np.full((1, k), 0.5)).items()}

    rows, kinds = [], []
    for q in (0.0, 1.0, 0.01, 0.99):
        rows.append(np.full(k, q))
        kinds.append(f"all p={q}")
    for j, f in enumerate(fac):
        for q in (0.0, 1.0):
            r = np.full(k, 0.5)
            r[j] = q
            rows.append(r)
            kinds.append(f"{f} p={q}")
    rng = np.random.default_rng(SEED + 1)
    for _ in range(N_CORNERS):
        rows.append(rng.choice([0.0, 0.01, 0.99, 1.0], size=k))
        kinds.append("corner")
    tails = at_quantiles(np.array(rows))
    draws = ref.sample(N_SAMPLE, np.random.default_rng(SEED))
    P = {f: np.concatenate([np.asarray(draws[f], float), tails[f]]) for f in fac}
    kinds = ["sample"] * N_SAMPLE + kinds

    use, man, diag = ref.run(P, nominal)
    out = {}
    for c, crit in use.items():
        for kk, a in crit.items():
            out[f"{kk}_use_{c}"] = a
    for c, crit in man.items():
        for kk, a in crit.items():
            out[f"{kk}_manuf_{c}"] = a
    out.update(diag)

    # EXTENSION: the Go model's derived diagnostics, from the oracle's arrays.
    comps = list(use)
    fe = {c: use[c]["FE"] for c in comps}
    dc = fe["train"] + fe["infer"] + fe["dataproc"] + fe["storage"]
    gwp_use = sum(use[c]["GWP"] for c in comps)
    gwp_man = sum(man[c]["GWP"] for c in man)
    fe_total = sum(fe.values())
    out["dc_electricity"] = dc
    out["embodied_share"] = gwp_man / (gwp_use + gwp_man)
    out["storage_share"] = fe["storage"] / dc
    out["FE_per_service"] = fe_total / diag["service"]
    out["GWP_per_service"] = (gwp_use + gwp_man) / diag["service"]
    out["FE_storage_per_EB"] = fe["storage"] / diag["V_EB"]
    out["FE_network_per_EB"] = fe["network"] / diag["T_EB"]
    # Production-year variant (§3.3 step 9): compute hardware counted when made,
    # New(t)·e_gwp(t), with New(2020) = Cap(2020)/L_hw and the same train/infer/dataproc
    # weights as the amortised burden (1 + k_dp·share_tr); storage and network unchanged.
    cap = diag["H100e"]
    L = P["L_hw"][:, None]
    new = np.empty_like(cap)
    new[:, 0] = cap[:, 0] / L[:, 0]
    new[:, 1:] = np.maximum(0, cap[:, 1:] - cap[:, :-1] * (1 - 1 / L))
    d = (ref.YEARS - ref.T0)[None, :].astype(float)
    e_gwp = P["e_gwp"][:, None] * (1 + P["g_emb"][:, None]) ** (-d)
    tr, inf = man["train"]["GWP"], man["infer"]["GWP"]
    share_tr = tr / (tr + inf)
    out["GWP_manuf_prodyear"] = (new * e_gwp * (1 + P["k_dp"][:, None] * share_tr)
                                 + man["storage"]["GWP"] + man["network"]["GWP"])

    for name, a in out.items():
        assert a.shape == (len(kinds), len(ref.YEARS)), name
        assert np.all(np.isfinite(a)), f"{name}: non-finite oracle value"
        assert np.all(a >= 0), f"{name}: negative oracle value"

    doc = dict(
        source="gen_golden.py from ai_model_reference.py (copy of /work/shared/design/ai_model_reference.py)",
        seed=SEED,
        years=[int(y) for y in ref.YEARS],
        nominal=nominal,
        kinds=kinds,
        factors={f: [float(v) for v in P[f]] for f in fac},
        outputs={n: [[float(v) for v in row] for row in a] for n, a in out.items()},
    )
    # mtime=0 and no file name: re-running the script reproduces the file byte for byte.
    with open("golden_aiglobal.json.gz", "wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
        gz.write(json.dumps(doc, separators=(",", ":")).encode("ascii"))
    print(f"{len(kinds)} vectors, {len(out)} outputs -> golden_aiglobal.json.gz")


if __name__ == "__main__":
    main()
