#!/usr/bin/env bash
# Integration test on a real single-node Slurm cluster: installs Debian's
# slurm-wlm and munge if needed, starts the cluster on localhost, runs
# 'mc slurm --submit' with 4 shards, waits for the array and the merge job,
# checks the merged results are byte-identical to a single-process run, then
# deletes one shard's state, runs 'mc slurm --resubmit' and checks again.
# Stops exactly the daemons it started. Prints "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
passed=0 failed=0
pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  echo "slurm-test: installing slurm-wlm and munge (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    slurm-wlm slurmctld slurmd slurm-client munge >/dev/null
fi

go build -o bin/mc ./cmd/mc
mc=$root/bin/mc
# A short path: munge's Unix socket path is limited to 107 bytes.
export SLURM_LOCAL=$(mktemp -d /tmp/mcslurm.XXXXXX)
export SLURM_CONF=$SLURM_LOCAL/slurm.conf
work=$SLURM_LOCAL/work
mkdir -p "$work"
trap './scripts/slurm-local.sh stop >/dev/null 2>&1 || true; rm -rf "$SLURM_LOCAL"' EXIT
./scripts/slurm-local.sh start

wait_job() { # job id, timeout in seconds
  local t=0
  while [ -n "$(squeue -h -j "$1" -o %i 2>/dev/null)" ]; do
    sleep 1; t=$((t + 1))
    if [ $t -ge "$2" ]; then echo "job $1 still queued after $2 s:"; squeue; return 1; fi
  done
}

same_results() { # merged dir, single dir
  local f ok=0
  for f in bands.parquet sobol.parquet convergence.parquet; do
    if ! cmp -s "$1/$f" "$2/$f"; then echo "  $f differs"; ok=1; fi
  done
  return $ok
}

out=$work/run
t0=$(date +%s.%N)
submitted=$("$mc" slurm tests/slurm/scenario.yaml --shards 4 --partition local --time 10:00 -o "$out" --submit)
echo "$submitted"
array=$(echo "$submitted" | sed -n 's/^submitted array job \([0-9]*\).*/\1/p')
merge=$(echo "$submitted" | sed -n 's/.*merge job \([0-9]*\).*/\1/p')
[ -n "$array" ] && [ -n "$merge" ] && pass "mc slurm --submit printed the job ids ($array, $merge)" || fail "job ids not found"
wait_job "$merge" 300 || true
echo "array + merge finished in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"

# The reference: one process, same scenario file (the copy the jobs read).
"$mc" run "$out/scenario.yaml" -o "$work/single" --quiet
if [ -f "$out/bands.parquet" ] && same_results "$out" "$work/single"; then
  pass "merged results of 4 Slurm shards are byte-identical to a single-process run"
else
  fail "merged results differ from the single run (logs: $(cat "$out"/logs/merge.out 2>/dev/null | tail -3))"
fi
n=$(ls "$out"/state-*-of-00004.mcstate 2>/dev/null | wc -l)
[ "$n" = 4 ] && pass "4 shard state files" || fail "$n shard state files, want 4"
[ "$(ls "$out"/logs | wc -l)" -ge 5 ] && pass "shard and merge logs in one folder" || fail "logs: $(ls "$out"/logs)"

# A lost shard (preempted, timed out, node failure): only it is resubmitted.
rm -f "$out"/state-00002-of-00004.mcstate "$out"/bands.parquet "$out"/sobol.parquet "$out"/convergence.parquet
resub=$("$mc" slurm --resubmit "$out")
echo "$resub"
echo "$resub" | grep -q "^resubmitted shards 2 as array job" && pass "--resubmit submits only the missing shard" || fail "resubmit: $resub"
merge2=$(echo "$resub" | sed -n 's/.*merge job \([0-9]*\).*/\1/p')
wait_job "$merge2" 300 || true
if [ -f "$out/bands.parquet" ] && same_results "$out" "$work/single"; then
  pass "after resubmitting, the merge is byte-identical again"
else
  fail "after resubmit: results differ or missing ($(tail -3 "$out"/logs/merge.out 2>/dev/null))"
fi
resub=$("$mc" slurm --resubmit "$out")
echo "$resub" | grep -q "nothing to resubmit" && pass "--resubmit with every shard complete does nothing" || fail "$resub"

# A scenario that reads an empirical CSV: 'mc slurm' copies it beside the
# scenario the jobs read, so the tasks never need the original folder.
src=$SLURM_LOCAL/src
mkdir -p "$src/data"
cp tests/slurm/empirical.yaml "$src/"
cp tests/slurm/data/shares.csv "$src/data/"
out2=$work/empirical
submitted=$("$mc" slurm "$src/empirical.yaml" --shards 2 --partition local --time 10:00 -o "$out2" --submit)
echo "$submitted"
rm -rf "$src" # the jobs read only the copies
merge3=$(echo "$submitted" | sed -n 's/.*merge job \([0-9]*\).*/\1/p')
[ -n "$merge3" ] && wait_job "$merge3" 300 || true
"$mc" run "$out2/scenario.yaml" -o "$work/single2" --quiet
if [ -f "$out2/bands.parquet" ] && cmp -s "$out2/bands.parquet" "$work/single2/bands.parquet" && cmp -s "$out2/sobol.parquet" "$work/single2/sobol.parquet"; then
  pass "a scenario reading a CSV runs on Slurm (data copied) and merges byte-identical to a single run"
else
  fail "empirical scenario on Slurm: $(tail -3 "$out2"/logs/shard-0.out 2>/dev/null) $(tail -3 "$out2"/logs/merge.out 2>/dev/null)"
fi
grep -q '^#SBATCH --cpus-per-task=1$' "$out2/shards.sbatch" && pass "one CPU per task unless --cpus-per-task says otherwise" || fail "cpus-per-task: $(grep cpus "$out2/shards.sbatch")"
"$mc" check "$out2" >/dev/null && pass "the merged folder checks complete against its manifest" || fail "mc check $out2: $("$mc" check "$out2" 2>&1)"

echo "slurm: $passed passed, $failed failed"
[ "$failed" = 0 ]
