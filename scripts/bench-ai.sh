#!/usr/bin/env bash
# The AI-model and HPC parts of `make bench` (called by scripts/bench.sh):
# ai-global (v2) throughput, its default run and Sobol' run of N = 2^14 by group,
# ai-global-v1's run of N = 2^14 by factor, and that run's strong
# scaling over 1, 2 and 4 shards under a local single-node Slurm.
set -euo pipefail
cd "$(dirname "$0")/.."
mc=${1:-$PWD/bin/mc}
out=$(mktemp -d /tmp/mcbench.XXXXXX)
trap 'rm -rf "$out"' EXIT

echo
echo "== ai-global (v2): model throughput, one core (samples/s of Evaluate, outputs written)"
go test ./model/aiglobal2/ -run XXX -bench 'Evaluate$' -benchtime 2s | grep -E '^Benchmark' || true
# The same per core from an end-to-end run on one worker (CPU time: fair on a loaded machine).
/usr/bin/time -f '%U %S %M' -o "$out/time" "$mc" run ai-global-base -n 8192 --workers 1 -o "$out/tp" --quiet --no-report
read -r usr sys kb < "$out/time"
printf '%-58s %8.0f samples/s per core (CPU time, bands of 11,005 series included)\n' "ai-global v2, mc run method mc, N = 8192, 1 worker" "$(echo "8192/($usr+$sys)" | bc -l)"
/usr/bin/time -f '%e %U %M' -o "$out/time" "$mc" run -o "$out/ai0" --quiet
read -r secs usr kb < "$out/time"
printf '%-58s %8.2f s  %7.0f MB peak RSS  (%.1f s CPU; target <= 10 s)\n' "ai-global default run (Sobol' by group, N = 2^12)" "$secs" "$(echo "$kb/1024" | bc -l)" "$usr"
/usr/bin/time -f '%e %M' -o "$out/time" "$mc" run -n 16384 --by group -o "$out/ai" --quiet
read -r secs kb < "$out/time"
evals=$(( 16384 * 30 ))
printf '%-58s %8.2f s  %7.0f MB peak RSS  (%d evaluations, %.0f k/s)\n' \
  "ai-global Sobol' N = 2^14 by group (target <= 30 s, 1 GB)" "$secs" "$(echo "$kb/1024" | bc -l)" "$evals" "$(echo "$evals/$secs/1000" | bc -l)"
echo
echo "== ai-global-v1"
go test ./model/ -run XXX -bench 'AIGlobal' -benchtime 2s | grep -E '^Benchmark' || true
/usr/bin/time -f '%e %M' -o "$out/time" "$mc" run ai-global-v1 -n 16384 --by factor -o "$out/ai1" --quiet
read -r secs kb < "$out/time"
evals=$(( 16384 * 61 ))
printf '%-58s %8.2f s  %7.0f MB peak RSS  (%d evaluations, %.0f k/s)\n' \
  "ai-global-v1 Sobol' N = 2^14 by factor, bands + indices" "$secs" "$(echo "$kb/1024" | bc -l)" "$evals" "$(echo "$evals/$secs/1000" | bc -l)"

echo
echo "== strong scaling under a local Slurm (same run, 1, 2 and 4 shards of 2 CPUs each)"
if ! command -v slurmctld >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm slurmctld slurmd slurm-client munge >/dev/null
fi
export SLURM_LOCAL=$out/slurm SLURM_CONF=$out/slurm/slurm.conf
trap './scripts/slurm-local.sh stop >/dev/null 2>&1 || true; rm -rf "$out"' EXIT
./scripts/slurm-local.sh start >/dev/null
printf '%-7s %9s %14s %9s %12s\n' shards wall "shard compute" merge "scheduling"
for s in 1 2 4; do
  d=$out/s$s
  t0=$(date +%s.%N)
  sub=$("$mc" slurm ai-global-v1 -n 16384 --by factor --shards $s --partition local -o "$d" --submit)
  merge=$(echo "$sub" | sed -n 's/.*merge job \([0-9]*\).*/\1/p')
  while [ -n "$(squeue -h -j "$merge" -o %i 2>/dev/null)" ]; do sleep 0.2; done
  t1=$(date +%s.%N)
  [ -f "$d/bands.parquet" ] || { echo "shards=$s: no merged result; logs:"; tail -3 "$d"/logs/*; continue; }
  compute=$(cat "$d"/logs/shard-*.out | sed -n 's/.* evaluations in \([0-9.]*\) s$/\1/p' | awk '{s+=$1} END {print s}')
  mrg=$(sed -n 's/.* in \([0-9.]*\) s$/\1/p' "$d/logs/merge.out" | tail -1)
  awk -v s=$s -v a="$t0" -v b="$t1" -v c="$compute" -v m="$mrg" 'BEGIN {
    w = b - a; printf "%-7d %8.2fs %13.2fs %8.2fs %11.2fs\n", s, w, c, m, w - c - m }'
done
echo "(one node of 2 cores: shards of 2 CPUs run one after the other, so the wall time cannot fall;"
echo " the figures separate what sharding costs: per-shard start-up, scheduling, and the merge)"
