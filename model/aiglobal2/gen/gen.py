"""Generate the factor table of ai-global v2 (Go) and its scenario files from the oracle.

The oracle testdata/ai_model_v2_reference.py is the single source of truth for factor names,
units, distributions, groups and sources; descriptions.py adds one-line descriptions.
Run from the repository root with Debian's numpy:
    /usr/bin/python3 model/aiglobal2/gen/gen.py
It writes model/aiglobal2/factors_table.go, scenarios/ai-global.yaml,
scenarios/ai-global-levers.yaml, scenarios/ai-global-base.yaml and scenarios/measures/*.yaml.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "testdata"))
sys.path.insert(0, HERE)
import ai_model_v2_reference as ref  # noqa: E402
from descriptions import DESC  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))

# Default run of `mc run` (docs/ai-model.md §7): Sobol' indices by group.
DEFAULT_N = int(os.environ.get("AIG_N", "4096"))
# Totals and intensities span one to two orders of magnitude, so their indices are computed on
# log scale (docs/ai-model.md §7.2): on raw scale the 2040–2050 upper tail decides the ranking.
INDEX_OUTPUTS = ["FE_total", "GWP_total", "WATER_total", "WSF_total", "ADPe_total", "PE_total",
                 "FE_storage", "FE_dataproc", "GWP_manuf", "H100e_installed", "FE_per_service"]
# (Wh_per_request_text is left out: its index intervals stay wider than 0.4 at N = 2048, the demand group
# holding nearly all of its variance; its bands are in every run.)
SERVICES_INDEX_OUTPUTS = ["FE_total", "GWP_total", "WATER_total", "ADPe_total", "PE_total"]
# Sobol' base samples N (a power of two) of each Sobol' scenario: the smallest that prints no index
# with an interval wider than 0.1 (cmd/mc TestShippedScenariosPrintNoWideInterval), with headroom.
LEVERS_N = int(os.environ.get("AIG_LEVERS_N", "8192"))
SERVICES_N = int(os.environ.get("AIS_N", "4096"))
SERVICES_LEVERS_N = int(os.environ.get("AIS_LEVERS_N", "4096"))


def indices_yaml(names):
    """The outputs block: indices of each output on log scale."""
    return ("outputs:                    # totals and intensities span orders of magnitude: indices on log scale\n"
            "  indices: [" + ", ".join(f"{{name: {n}, scale: log}}" for n in names) + "]\n")


# Published figures the report draws on the fans (docs/ai-model.md §6), in the outputs' own units
# (kWh, kgCO2e, H100e, ...): (output, year, min, max, source).
REFERENCES = [
    ("dc_electricity", 2024, 21e9, 62e9, "IEA Energy and AI 2025: data centres 415 TWh in 2024, AI 5-15 %"),
    ("dc_electricity", 2025, 40e9, 110e9, "de Vries-Gao 2025 (Joule): AI up to 82 TWh in 2025"),
    ("dc_electricity", 2030, 150e9, 470e9, "IEA Energy and AI 2025: AI-focused demand x3 2025-2030; Carbon Brief 35-50 % of 945 TWh"),
    ("dc_electricity", 2035, 150e9, 900e9, "IEA Energy and AI 2025: data centres 1,200 TWh base case, 1,720 Lift-Off"),
    ("H100e_installed", 2024, 2.5e6, 8e6, "Epoch AI: ~4 M H100e NVIDIA (Feb 2025) plus TPUs; 2.5 M tracked Q1 2024"),
    ("H100e_installed", 2025, 6e6, 20e6, "Epoch AI chip sales: 15 M H100e installed end of 2025"),
    ("GWP_use", 2024, 9e9, 30e9, "IEA: data centres 180 Mt CO2 in 2024, AI 5-15 %"),
    ("embodied_share_amort", 2024, 0.10, 0.30, "Schneider et al. 2025: operational 70-90 %; Mistral 2025: 14.5 % embodied"),
    ("Wh_per_request_text", 2024, 0.1, 1.0, "Google 2025: 0.24 Wh per median text prompt; Epoch 2025: 0.3 Wh"),
    ("gCO2e_per_request_text", 2024, 0.1, 1.5, "Mistral 2025: 1.14 g CO2e per 400-token response, location-based incl. hardware"),
    ("mL_onsite_per_request_text", 2024, 0.05, 1.5, "Google 2025: 0.26 mL on-site water per median text prompt"),
    ("Wh_per_request_image", 2024, 1, 10, "Luccioni et al. 2024: ~2.9 Wh per image (A100, IT only)"),
    ("Wh_per_request_reason", 2024, 2, 40, "Jegham et al. 2025: o3 10-18 Wh, DeepSeek-R1 23.8 Wh per long prompt"),
    ("CI_dc", 2024, 0.38, 0.48, "IEA: data-centre implied 0.43 kg/kWh; Ember world 0.436 kg/kWh"),
    ("WUEoff_dc", 2024, 1.5, 5, "WRI/EcoLogits world 3.9 L/kWh; LBNL 2024: 800 GL over 176 TWh"),
    ("PEF_dc", 2024, 8, 11, "Boavizta: world 9.99 MJ/kWh, USA 9.69"),
]


def references_yaml():
    out = "references:                 # published figures (docs/ai-model.md §6), in the outputs' units\n"
    for o, y, lo, hi, src in REFERENCES:
        out += f"  - {{output: {o}, year: {y}, min: {lo:.6g}, max: {hi:.6g}, source: {q(src)}}}\n"
    return out

# Measures of docs/ai-model.md §3.2: file name -> {factor: ambitious value}.
MEASURES = {
    "sufficiency": {"s_suff": 0.5},
    "optimised-training": {"X_tr": 3.0},
    "model-sizing": {"X_in": 5.0},
    "synthetic-data-frugality": {"X_syn": 4.0},
    "compression": {"c_lev": 1.0},
    "deduplication": {"d_dup": 0.4},
    "deletion": {"d_del": 0.8},
    "replication": {"m_rep": 0.6},
    "tiering": {"nu_tier": 0.6},
    "lifetime": {"L_hw": 7.0, "L_sto": 8.0},
    "utilisation": {"u_lev": 1.0},
    "cooling-PUE": {"p_lev": 1.0},
    "cooling-water": {"chi_dry": 0.8},
    "grid-sourcing": {"sigma_src": 1.0},
    "siting": {"zeta_site": 0.3},
}
NO_MEASURE = {k: v[0] for k, v in ref.LEVER_ENDS.items()}
AMBITIOUS = {k: v[1] for k, v in ref.LEVER_ENDS.items()}


def num(x):
    s = repr(float(x))
    if s.endswith(".0"):
        s = s[:-2]
    return s


def dist_yaml(dist, par):
    if dist == "uni":
        return f"distribution: uniform, min: {num(par[0])}, max: {num(par[1])}"
    if dist == "tri":
        return f"distribution: triangular, min: {num(par[0])}, mode: {num(par[1])}, max: {num(par[2])}"
    if dist == "logu":
        return f"distribution: loguniform, min: {num(par[0])}, max: {num(par[1])}"
    if dist == "logn90":
        return f"distribution: lognormal, p5: {num(par[0])}, p95: {num(par[1])}"
    raise ValueError(dist)


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def factor_yaml(f, fixed=None):
    fid, name, unit, dist, par, grp, src = f
    fx = ""
    if fixed is not None:
        fx = f", fixed: {fixed}" if isinstance(fixed, str) else f", fixed: {num(fixed)}"
    return (f"  {name}: {{{dist_yaml(dist, par)}{fx},\n"
            f"      unit: {q(unit)}, group: {grp},\n"
            f"      description: {q(fid + ' ' + DESC[name])},\n"
            f"      source: {q(src)}}}\n")


HEADER = """# {file}: {what}
# Model ai-global (v2), docs/ai-model.md. Generated by model/aiglobal2/gen/gen.py from the
# model's reference table; edit the generator, not this file.
#
# 109 factors. Groups `lever:<measure>` are measures a policy or an operator can decide;
# every other group is an exogenous uncertainty (never a lever). [I] = modelling choice,
# [R] = recalled from the primary document, to verify; [S: …] = sourced.
"""


def scenario(file, what, title, method, n, fixed, extra="", refs=False):
    out = HEADER.format(file=file, what=what) + extra
    out += f"title: {q(title)}\nmodel: ai-global\nyears: {{from: 2020, to: 2050}}\n"
    out += method.format(n=n)
    out += indices_yaml(INDEX_OUTPUTS)
    if refs:
        out += references_yaml()
    out += "factors:\n"
    for f in ref.FACTORS:
        out += factor_yaml(f, fixed.get(f[1]))
    return out


SOBOL = "method: sobol\nsamples: {n}\ndesign: sobol\nseed: 2024\nsobol: {{by: group, ci: 0.95}}\n"
MC = "method: mc\nsamples: {n}\ndesign: sobol\nseed: 2024\n"


def write(rel, text):
    path = os.path.join(ROOT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as fh:
        fh.write(text)


def go_table():
    lines = ["// Code generated by model/aiglobal2/gen/gen.py from the reference factor table; DO NOT EDIT.", "",
             "package aiglobal2", "", "import \"mc/model\"", "",
             "// Factor indices, in the order of the factor table (docs/ai-model.md §4.1).", "const ("]
    for i, f in enumerate(ref.FACTORS):
        lines.append(f"\tf{go_name(f[1])}" + (" = iota" if i == 0 else ""))
    lines += ["\tnFactors", ")", "",
              "// factorTable lists the factors: name, unit and \"ID description\".",
              "var factorTable = [nFactors]model.Factor{"]
    for f in ref.FACTORS:
        lines.append(f"\tf{go_name(f[1])}: {{Name: {q(f[1])}, Unit: {q(f[2])}, Description: {q(f[0] + ' ' + DESC[f[1]])}}},")
    lines += ["}", ""]
    return "\n".join(lines)


def go_name(n):
    parts = n.replace("-", "_").split("_")
    return "".join(p[:1].upper() + p[1:] for p in parts)


# ai-services (docs/ai-model.md §9): two example services; their own factors [I], scaled on one major
# provider (global factors of ai-global as the upper context).
SERVICE_OWNED = {"FLOP_tr24", "m_tr0", "R_text0", "e_text0", "m_text0", "k_text", "R_reas0", "e_reas0", "m_reas0",
                 "k_reas", "R_img0", "e_img0", "R_vid0", "e_vid0", "m_vid0", "k_media", "E_oth0", "m_oth0", "F_crawl0",
                 "F_int0", "F_ckpt0", "R_load0", "H_lab0", "b_text", "b_img"}
SERVICES = [
    ("chat", "text", [
        ("R0", "req/day", "logn90", (2e8, 2e9), "demand", "requests per day, 2024", "[R] ChatGPT ~1e9 messages/day end 2024 (one major chat service)"),
        ("e0", "Wh", "logn90", (0.05, 0.6), "demand", "IT energy per request on 2024 hardware, busy server", "as ai-global e_text0: Gemini 0.10-0.24 Wh, Epoch GPT-4o 0.3 Wh"),
        ("m0", "x/yr", "tri", (1.5, 2.2, 3.0), "demand", "request growth factor in 2024", "[R] ChatGPT x2.5 in 7 months (Dec 2024 -> Jul 2025); [I] a single service grows less than the sector"),
        ("k", "1", "logu", (0.03, 1.0), "demand", "compute per request, 2050 vs 2024, at constant hardware", "as ai-global k_text"),
        ("b", "kB", "logn90", (5.0, 100.0), "data", "bytes stored and delivered per request", "as ai-global b_text"),
        ("FLOP_tr24", "FLOP/yr", "logn90", (3e25, 1e27), "demand", "training compute of the service's models, 2024", "[I] frontier runs ~1e26 FLOP each (Epoch), experiments and fine-tunes on top"),
        ("m_tr0", "x/yr", "tri", (1.5, 2.2, 3.0), "demand", "training demand growth factor in 2024", "as ai-global m_tr0"),
        ("F_data0", "PB/yr", "logn90", (2.0, 100.0), "data", "training data kept per year, 2024", "[I] a share of ai-global F_crawl0 + F_int0"),
        ("F_ckpt0", "PB/yr", "logn90", (0.5, 20.0), "data", "checkpoints and model artefacts written per year, 2024", "[I] 16 B/param; a share of ai-global F_ckpt0"),
        ("R_load0", "EB/yr", "logn90", (1.0, 50.0), "data", "training-time data reads per year, 2024", "[I] a share of ai-global R_load0"),
        ("H_lab0", "Mh/yr", "logn90", (5.0, 50.0), "data", "human annotation hours per year, 2024", "[I] a share of ai-global H_lab0"),
    ]),
    ("image", "image", [
        ("R0", "img/day", "logn90", (5e6, 5e7), "demand", "images generated per day, 2024", "[R] ~34 M images/day over all services in 2023 (Everypixel); one major service"),
        ("e0", "Wh", "logn90", (0.5, 5.0), "demand", "IT energy per image on 2024 hardware", "as ai-global e_img0: Luccioni et al. 2024 ~2.9 Wh/image"),
        ("m0", "x/yr", "tri", (1.3, 1.8, 2.5), "demand", "image growth factor in 2024", "[I]"),
        ("k", "1", "logu", (0.2, 5.0), "demand", "compute per image, 2050 vs 2024, at constant hardware", "as ai-global k_media"),
        ("b", "MB", "logn90", (0.5, 5.0), "data", "bytes stored and delivered per image", "as ai-global b_img"),
        ("FLOP_tr24", "FLOP/yr", "logn90", (1e24, 3e25), "demand", "training compute of the service's models, 2024", "[I] diffusion models ~1e23-1e24 FLOP per run"),
        ("m_tr0", "x/yr", "tri", (1.3, 1.8, 2.5), "demand", "training demand growth factor in 2024", "[I]"),
        ("F_data0", "PB/yr", "logn90", (1.0, 50.0), "data", "training data kept per year, 2024", "[I] image-text pairs (LAION-5B ~240 TB)"),
        ("F_ckpt0", "PB/yr", "logn90", (0.05, 2.0), "data", "checkpoints and model artefacts written per year, 2024", "[I]"),
        ("R_load0", "EB/yr", "logn90", (0.5, 10.0), "data", "training-time data reads per year, 2024", "[I]"),
        ("H_lab0", "Mh/yr", "logn90", (0.5, 5.0), "data", "human annotation hours per year, 2024", "[I]"),
    ]),
]


def services_scenario(file, what, title, fixed_exo):
    out = HEADER.format(file=file, what=what).replace("109 factors.", "Shared factors keep ai-global's names; each service's own are named <service>.<factor>.")
    out += f"title: {q(title)}\nmodel: ai-services\nparameters: {{services: [{', '.join(n for n, _, _ in SERVICES)}], kinds: [{', '.join(k for _, k, _ in SERVICES)}]}}\n"
    out += "years: {from: 2020, to: 2050}\n" + SOBOL.format(n=SERVICES_LEVERS_N if fixed_exo else SERVICES_N)
    out += indices_yaml(SERVICES_INDEX_OUTPUTS) + "factors:\n"
    for f in ref.FACTORS:
        if f[1] in SERVICE_OWNED:
            continue
        fixed = "median" if fixed_exo and not f[5].startswith("lever:") else None
        out += factor_yaml(f, fixed)
    for sname, kind, facs in SERVICES:
        out += f"  # ---- service {sname} (kind {kind}) ----\n"
        for i, (name, unit, dist, par, grp, desc, src) in enumerate(facs):
            fixed = "median" if fixed_exo else None
            fx = f", fixed: {fixed}" if fixed else ""
            out += (f"  {sname}.{name}: {{{dist_yaml(dist, par)}{fx},\n"
                    f"      unit: {q(unit)}, group: {grp},\n"
                    f"      description: {q('S' + str(i + 1) + ' ' + desc + ' (service ' + sname + ')')},\n"
                    f"      source: {q(src)}}}\n")
    return out


def main():
    assert len(ref.FACTORS) == 109 and set(DESC) == set(ref.NAMES)
    write("model/aiglobal2/factors_table.go", go_table())
    subprocess.run(["gofmt", "-w", os.path.join(ROOT, "model/aiglobal2/factors_table.go")], check=True)
    write("scenarios/ai-global.yaml", scenario(
        "ai-global.yaml", "the environmental impacts of AI worldwide, 2020–2050, every factor uncertain.",
        "AI worldwide, 2020-2050 (ai-global v2)", SOBOL, DEFAULT_N, {},
        "#\n# `mc run` with no argument runs this file: bands of every output and Sobol' indices by\n"
        "# group (exogenous groups and each lever) of the totals and data components.\n", refs=True))
    exo = {f[1]: "median" for f in ref.FACTORS if not f[5].startswith("lever:")}
    write("scenarios/ai-global-levers.yaml", scenario(
        "ai-global-levers.yaml", "levers only: every exogenous factor held at its median, so that the indices rank the measures.",
        "AI worldwide, 2020-2050, levers only (exogenous factors at their medians)", SOBOL, LEVERS_N, exo))
    write("scenarios/ai-global-base.yaml", scenario(
        "ai-global-base.yaml", "base of the measure comparisons: every lever at its no-measure end, exogenous factors sampled.",
        "AI worldwide, 2020-2050, no measure (base of `mc compare`)", MC, 4096, NO_MEASURE,
        "#\n# Compare with the variants: mc compare ai-global-base measures/*.yaml\n"))
    for m, vals in MEASURES.items():
        fixed = dict(NO_MEASURE)
        fixed.update(vals)
        write(f"scenarios/measures/{m}.yaml", scenario(
            f"measures/{m}.yaml", f"measure `{m}` at its ambitious end ({', '.join(f'{k} = {num(v)}' for k, v in vals.items())}), "
            "every other lever at its no-measure end, exogenous factors sampled.",
            f"AI worldwide, 2020-2050, measure {m} (ambitious end)", MC, 4096, fixed,
            "#\n# Compare with the base: mc compare ai-global-base measures/" + m + ".yaml\n"))
    write("scenarios/ai-services.yaml", services_scenario(
        "ai-services.yaml", "two AI services (a chat assistant and an image generator) on the modules of ai-global v2.",
        "Two AI services, a chat assistant and an image generator, 2020-2050 (ai-services v2)", False))
    write("scenarios/ai-services-levers.yaml", services_scenario(
        "ai-services-levers.yaml", "the two services with every exogenous factor at its median: which measures matter for a service.",
        "Two AI services, 2020-2050, levers only (exogenous factors at their medians)", True))
    write("scenarios/measures/all-levers.yaml", scenario(
        "measures/all-levers.yaml", "all 16 lever factors at their ambitious ends, exogenous factors sampled.",
        "AI worldwide, 2020-2050, all measures (ambitious ends)", MC, 4096, AMBITIOUS,
        "#\n# Compare with the base: mc compare ai-global-base measures/all-levers.yaml\n"))


if __name__ == "__main__":
    main()
