#!/usr/bin/env bash
# make bench: throughput and peak memory of mc, end to end, on all cores.
# Not a test: it reports figures (samples/s, seconds, peak RSS) to compare with
# the targets of the issues. Figures vary with the machine's load.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
go build -o bin/mc ./cmd/mc
mc=$PWD/bin/mc
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# run LABEL ARGS...: wall time, samples (or evaluations) per second, peak RSS.
run() {
  local label=$1; shift
  rm -rf "$out/r" # a fresh folder: no note about the run it replaces
  /usr/bin/time -f '%e %M' -o "$out/time" "$mc" "$@" -o "$out/r" --quiet
  read -r secs kb < "$out/time"
  printf '%-58s %8.2f s  %7.0f MB peak RSS\n' "$label" "$secs" "$(echo "$kb/1024" | bc -l)"
}
rate() { # LABEL N ARGS...: also samples/s
  local label=$1 n=$2; shift 2
  rm -rf "$out/r"
  /usr/bin/time -f '%e %M' -o "$out/time" "$mc" "$@" -n "$n" -o "$out/r" --quiet
  read -r secs kb < "$out/time"
  printf '%-58s %8.2f s  %7.1f M/s  %5.0f MB peak RSS\n' "$label" "$secs" "$(echo "$n/$secs/1000000" | bc -l)" "$(echo "$kb/1024" | bc -l)"
}

echo "== mc $(./bin/mc version) on $(nproc) cores, $(date -u +%F)"
echo "== Go benchmarks (engine end to end, bands included)"
go test ./engine/ -run XXX -bench "Ishigami" -benchtime 3x | grep -E '^Benchmark'
echo
echo "== Monte Carlo, end to end with bands (CLI, process start and Parquet included)"
for d in mc sobol; do
  rate "ishigami, design $d, N = 2^20" 1048576 run ishigami --design $d
  rate "ishigami, design $d, N = 2^24" 16777216 run ishigami --design $d
done
rate "sobol-g 8-d, design mc, N = 2^24" 16777216 run tests/bench/sobolg.yaml --design mc
rate "sobol-g 8-d, design sobol, N = 2^24" 16777216 run tests/bench/sobolg.yaml
echo
echo "== Sobol' indices S1 + ST with 95 % CIs, N = 2^20 base rows"
run "sobol-g 8-d, N = 2^20 (10 × 2^20 evaluations)" run tests/bench/sobolg.yaml --method sobol -n 1048576
run "ishigami, N = 2^20 (5 × 2^20 evaluations)" run ishigami --method sobol -n 1048576
echo
echo "== mc compare: K measures on common random numbers (one pass: base once, each variant once per sample)"
if ls scenarios/measures/*.yaml >/dev/null 2>&1; then
  run "compare ai-global-base vs scenarios/measures/*.yaml, N = 4096" compare ai-global-base scenarios/measures/*.yaml -n 4096
fi
# ns/op of 4 v1 measures at N = 2048 on one worker: one pass vs 4 pairwise passes (identical results)
go test ./engine/ -run XXX -bench 'Compare(OnePass|Pairwise)' -benchtime 3x | grep -E '^Benchmark'
echo "== Work-precision: wall time of a run (all cores) to reach a median (8 seeds) max |error| on S1 and ST"
echo "   of 1e-3, 1e-4, 1e-5, with the coverage of the 95 % CIs there; ≈: extrapolated beyond the largest N run."
echo "   Last column: share of the CPU time of the run outside the model's Evaluate, at the largest N (a lower bound on a loaded machine)."
go run ./scripts/workprecision -seeds 8 -max-log2 20 -max-log2-random 18
if [ -x scripts/bench-ai.sh ]; then ./scripts/bench-ai.sh "$mc"; fi
echo
echo "== Bands: moments and quantile sketch, ns per value on one core; Sobol' G 8-d at N = 2^20 with bands vs the bare model"
go test ./bands/ -run XXX -bench 'Parts' -benchtime 20000x | grep -E '^Benchmark'
# Five interleaved pairs of runs; the ratio of the medians (this machine's speed drifts by minutes).
go test -c -o "$out/engine.test" ./engine/
for i in 1 2 3 4 5; do (cd engine && "$out/engine.test" -test.run XXX -test.bench 'SobolG(Indices|BareModel)$' -test.benchtime 3x); done | awk '
  function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }; return a[int((n + 1) / 2)] }
  /^BenchmarkSobolGIndices/   { run[++nr] = $3; print }
  /^BenchmarkSobolGBareModel/ { bare[++nb] = $3; print }
  END { if (nr && nb) { r = median(run, nr); b = median(bare, nb); printf "median run with bands %.1f ms / median bare model %.1f ms: %.2f\n", r / 1e6, b / 1e6, r / b } }'
echo "== Formula models: ai-global v1 as formulas vs compiled (one block of 256 samples; target ≥ 50 %; best of 5)"
go test ./engine/ -run XXX -bench 'AIGlobal(Compiled|Formula)$' -benchtime 1s -count 5 | awk '
  /^BenchmarkAIGlobalCompiled/ { if (!c || $3 < c) c = $3 } /^BenchmarkAIGlobalFormula/ { if (!f || $3 < f) f = $3 }
  END { printf "compiled %.2f ms, formula %.2f ms per block: formula / compiled speed %.0f %%\n", c / 1e6, f / 1e6, 100 * c / f }'
echo "== report.html of the default run (mc report: read the Parquet files, build, write)"
"$mc" run -o "$out/rep" --quiet --no-report
/usr/bin/time -f '%e %M' -o "$out/time" "$mc" report "$out/rep" --quiet
read -r secs kb < "$out/time"
printf '%-58s %8.2f s  %7.0f MB peak RSS  (%d kB, target <= 1 s)\n' "mc report, ai-global default run" "$secs" "$(echo "$kb/1024" | bc -l)" "$(( $(stat -c %s "$out/rep/report.html") / 1024 ))"
echo
echo "== mc web: WebAssembly engine and explorer in headless Chromium"
(cd web && go generate .)
printf '%-58s %8.1f MB  (%.1f MB uncompressed)\n' "web/static/engine.wasm.gz (embedded in mc, served gzip)" "$(echo "$(stat -c %s web/static/engine.wasm.gz)/1048576" | bc -l)" "$(echo "$(gzip -dc web/static/engine.wasm.gz | wc -c)/1048576" | bc -l)"
go test -count=1 -run ExplorerInChromium -v ./web | sed -n 's/^ *browser_test.go:[0-9]*: /  /p'
