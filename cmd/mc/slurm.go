package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"

	"mc/engine"
	"mc/results"
)

// slurmJob is what `mc slurm` records in the output folder, so that
// `mc slurm --resubmit DIR` knows the shards and the scripts.
type slurmJob struct {
	Shards      int      `json:"shards"`
	ArrayJobID  string   `json:"array_job_id,omitempty"`
	MergeJobID  string   `json:"merge_job_id,omitempty"`
	Scenario    string   `json:"scenario"`
	RunArgs     []string `json:"run_args"`
	ShardScript string   `json:"shard_script"`
	MergeScript string   `json:"merge_script"`
}

const jobFile = "mc-slurm.json"

var shardTemplate = template.Must(template.New("shards").Parse(`#!/bin/bash
# mc shards of {{.Scenario}}: Slurm array job, one task per shard.
# Written by 'mc slurm'; submit with: sbatch {{.ShardScript}}
# Each task runs its contiguous share of the design on all of its CPUs and
# writes {{.Dir}}/state-IIIII-of-{{printf "%05d" .Shards}}.mcstate (complete or absent).
#SBATCH --job-name=mc-shards
#SBATCH --array=0-{{.Last}}
#SBATCH --cpus-per-task={{.CPUs}}
#SBATCH --output={{.Dir}}/logs/shard-%a.out
{{- range .Extra}}
#SBATCH {{.}}
{{- end}}
set -euo pipefail
exec {{.Mc}} run {{.ScenarioCopy}} --shard "${SLURM_ARRAY_TASK_ID}/{{.Shards}}" \
    --workers "${SLURM_CPUS_PER_TASK:-{{.CPUs}}}" -o {{.Dir}}{{range .RunArgs}} {{.}}{{end}}
`))

var mergeTemplate = template.Must(template.New("merge").Parse(`#!/bin/bash
# mc merge of {{.Scenario}}: runs after every shard succeeded (afterok).
# Written by 'mc slurm'; submit with: sbatch --dependency=afterok:ARRAY_JOB_ID {{.MergeScript}}
#SBATCH --job-name=mc-merge
#SBATCH --cpus-per-task=1
#SBATCH --kill-on-invalid-dep=yes
#SBATCH --output={{.Dir}}/logs/merge.out
{{- range .Extra}}
#SBATCH {{.}}
{{- end}}
set -euo pipefail
exec {{.Mc}} merge {{.Dir}}
`))

func cmdSlurm(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("slurm", "SCENARIO --shards N [options] [--submit] | --resubmit DIR",
		`Writes a Slurm array job that runs SCENARIO in N shards, and a merge job that
runs after all of them succeeded (afterok), into the output folder. With --submit
it submits both and prints their job ids. 'mc slurm --resubmit DIR' submits again
only the shards whose state file is missing (failed, preempted, timed out), then
the merge.`, args, stdout, stderr)
	var pf planFlags
	pf.register(fs)
	shards := fs.Int("shards", 0, "number of shards (array tasks)")
	partition := fs.String("partition", "", "Slurm partition")
	timeLimit := fs.String("time", "", "time limit of each task (Slurm format, e.g. 1:00:00)")
	mem := fs.String("mem", "", "memory per task (e.g. 4G)")
	cpus := fs.Int("cpus-per-task", 1, "CPUs per task, each running one worker (Slurm's default is 1: give the cores of a compute node to use them)")
	account := fs.String("account", "", "Slurm account")
	outDir := fs.String("o", "mc-slurm", "output folder (scripts, logs, shard states, results)")
	submit := fs.Bool("submit", false, "submit the jobs with sbatch and print their ids")
	resubmit := fs.String("resubmit", "", "resubmit the missing shards of this folder, then the merge")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *resubmit != "" {
		if len(pos) != 0 {
			return usagef("--resubmit takes a folder, not a scenario")
		}
		return resubmitSlurm(*resubmit, stdout)
	}
	if len(pos) > 1 {
		return usagef("slurm takes one scenario file (none: the embedded default)")
	}
	if *shards < 1 {
		return usagef("--shards must be ≥ 1")
	}
	scenario := ""
	if len(pos) == 1 {
		scenario = pos[0]
	}
	p, err := planFor(scenario, &pf)
	if err != nil {
		return err
	}
	if *shards > p.Blocks() {
		return usagef("%d shards but the design has only %d blocks of %d rows: use at most %d shards", *shards, p.Blocks(), p.BlockRows, p.Blocks())
	}
	dir, err := filepath.Abs(*outDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "logs"), 0o777); err != nil {
		return usagef("output folder %s: %v", dir, err)
	}
	mc, err := os.Executable()
	if err != nil {
		return err
	}
	// The jobs read a copy of the scenario and of its data files.
	scCopy, copied, err := copyScenario(p, &pf, dir)
	if err != nil {
		return err
	}
	for _, c := range copied {
		fmt.Fprintf(stdout, "copied %s\n", c)
	}
	runArgs := []string{} // [] in mc-slurm.json, not null
	if pf.samples > 0 {
		runArgs = append(runArgs, "-n", strconv.Itoa(pf.samples))
	}
	for _, kv := range [][2]string{{"--seed", pf.seed}, {"--design", pf.design}, {"--method", pf.method}, {"--by", pf.by}} {
		if kv[1] != "" {
			runArgs = append(runArgs, kv[0], kv[1])
		}
	}
	var extra []string
	for _, kv := range [][2]string{{"--partition", *partition}, {"--time", *timeLimit}, {"--mem", *mem}, {"--account", *account}} {
		if kv[1] != "" {
			extra = append(extra, kv[0]+"="+kv[1])
		}
	}
	if *cpus < 1 {
		return usagef("--cpus-per-task must be ≥ 1, got %d", *cpus)
	}
	job := slurmJob{Shards: *shards, Scenario: p.Scenario.File, RunArgs: runArgs,
		ShardScript: filepath.Join(dir, "shards.sbatch"), MergeScript: filepath.Join(dir, "merge.sbatch")}
	data := map[string]any{"Scenario": p.Scenario.File, "ScenarioCopy": shellQuote(scCopy), "Dir": shellQuote(dir), "Shards": *shards,
		"Last": *shards - 1, "CPUs": *cpus, "Extra": extra, "Mc": shellQuote(mc), "RunArgs": runArgs,
		"ShardScript": job.ShardScript, "MergeScript": job.MergeScript}
	for _, s := range []struct {
		t    *template.Template
		path string
	}{{shardTemplate, job.ShardScript}, {mergeTemplate, job.MergeScript}} {
		var b strings.Builder
		if err := s.t.Execute(&b, data); err != nil {
			return err
		}
		if err := os.WriteFile(s.path, []byte(b.String()), 0o755); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n", s.path)
	}
	fmt.Fprintf(stdout, "scenario %s (copied to %s)\n", p.Scenario.File, scCopy)
	fmt.Fprintf(stdout, "%d shards × %d CPU(s) per task; %d model evaluations in all\n", *shards, *cpus, p.Evaluations())
	if *submit {
		if job.ArrayJobID, err = sbatch(job.ShardScript); err != nil {
			return err
		}
		if job.MergeJobID, err = sbatch(job.MergeScript, "--dependency=afterok:"+job.ArrayJobID); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "submitted array job %s (%d shards) and merge job %s (afterok)\n", job.ArrayJobID, *shards, job.MergeJobID)
	} else {
		fmt.Fprintf(stdout, "submit with:\n  jid=$(sbatch --parsable %s)\n  sbatch --dependency=afterok:$jid %s\n", job.ShardScript, job.MergeScript)
	}
	b, _ := json.MarshalIndent(job, "", "  ")
	return os.WriteFile(filepath.Join(dir, jobFile), b, 0o644)
}

func resubmitSlurm(dir string, stdout io.Writer) error {
	b, err := os.ReadFile(filepath.Join(dir, jobFile))
	if err != nil {
		return usagef("%s: not a folder written by 'mc slurm' (%v)", dir, err)
	}
	var job slurmJob
	if err := json.Unmarshal(b, &job); err != nil {
		return fmt.Errorf("%s: %v", filepath.Join(dir, jobFile), err)
	}
	if job.ArrayJobID != "" {
		if out, err := exec.Command("squeue", "-h", "-j", job.ArrayJobID, "-o", "%i").Output(); err == nil && strings.TrimSpace(string(out)) != "" {
			return usagef("array job %s is still queued or running: resubmit after it ends", job.ArrayJobID)
		}
	}
	missing := engine.MissingShards(dir, job.Shards)
	if len(missing) == 0 {
		if m, err := results.CheckFolder(dir); err == nil && m.Command == "merge" {
			fmt.Fprintf(stdout, "all %d shards are complete and merged (%s): nothing to resubmit\n", job.Shards, m)
			return nil
		}
		fmt.Fprintf(stdout, "all %d shards are complete: nothing to resubmit; merging needs only 'mc merge %s'\n", job.Shards, dir)
		return nil
	}
	list := make([]string, len(missing))
	for i, m := range missing {
		list[i] = strconv.Itoa(m)
	}
	if job.ArrayJobID, err = sbatch(job.ShardScript, "--array="+strings.Join(list, ",")); err != nil {
		return err
	}
	if job.MergeJobID, err = sbatch(job.MergeScript, "--dependency=afterok:"+job.ArrayJobID); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "resubmitted shards %s as array job %s, merge job %s (afterok)\n", strings.Join(list, ","), job.ArrayJobID, job.MergeJobID)
	b, _ = json.MarshalIndent(job, "", "  ")
	return os.WriteFile(filepath.Join(dir, jobFile), b, 0o644)
}

// sbatch submits a script and returns the job id.
func sbatch(script string, args ...string) (string, error) {
	cmd := exec.Command("sbatch", append(append([]string{"--parsable"}, args...), script)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("sbatch %s: %v: %s", script, err, strings.TrimSpace(stderr.String()))
	}
	id := strings.TrimSpace(string(out))
	if i := strings.IndexByte(id, ';'); i >= 0 {
		id = id[:i] // "jobid;cluster"
	}
	return id, nil
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r == ':' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
