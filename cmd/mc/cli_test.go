package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func runMain(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := Main(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestHelpEverywhere(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"run", "--help"}, {"validate", "-h"}, {"factors", "--help"}, {"version", "--help"}, {"help", "run"}} {
		code, out, _ := runMain(args...)
		if code != 0 || !strings.Contains(out, "Usage") && !strings.Contains(out, "usage") {
			t.Errorf("mc %v: exit %d, stdout %q", args, code, out)
		}
	}
	code, out, _ := runMain("version")
	if code != 0 || !strings.HasPrefix(out, "mc ") {
		t.Errorf("version: %d %q", code, out)
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	os.WriteFile(good, []byte(atantempScenario), 0o644)
	cases := []struct {
		args []string
		msg  string
	}{
		{nil, "Usage"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"run", "--nope"}, "flag provided but not defined: -nope"},
		{[]string{"run", good, "--design", "grid"}, `unknown design "grid": expected mc, lhs or sobol`},
		{[]string{"run", good, "--seed", "-3"}, `--seed must be an unsigned integer, got "-3"`},
		{[]string{"run", good, good}, "run takes one scenario file, got 2 arguments"},
		{[]string{"run", filepath.Join(dir, "missing.yaml")}, "no such file or directory"},
		{[]string{"validate"}, "validate takes one scenario file"},
		{[]string{"run", good, "--method", "fast"}, `unknown method "fast"`},
	}
	for _, c := range cases {
		code, _, stderr := runMain(c.args...)
		if code != 2 || !strings.Contains(stderr, c.msg) {
			t.Errorf("mc %v: exit %d, stderr %q; want exit 2 and %q", c.args, code, stderr, c.msg)
		}
	}
}

// Scenario files that parse but do not fit their model: each gives one clear
// message naming file:line:column, the factor and what was expected.
func TestModelMismatchMessages(t *testing.T) {
	cases := []struct{ name, text, msg string }{
		{"unknown-factor.yaml", "model: ishigami\nsamples: 10\nfactors:\n  x1: {distribution: uniform, min: 0, max: 1}\n  x2: {distribution: uniform, min: 0, max: 1}\n  x3: {distribution: uniform, min: 0, max: 1}\n  x4: {distribution: uniform, min: 0, max: 1}\n",
			"unknown-factor.yaml:7:3: factor x4: model ishigami has no such factor (its factors: x1, x2, x3)"},
		{"missing-factor.yaml", "model: ishigami\nsamples: 10\nfactors:\n  x1: {distribution: uniform, min: 0, max: 1}\n  x3: {distribution: uniform, min: 0, max: 1}\n",
			"missing-factor.yaml:1:8: factor x2: model ishigami needs this factor"},
		{"unknown-model.yaml", "model: ishigamy\nsamples: 10\nfactors:\n  x1: {fixed: 1}\n",
			`unknown-model.yaml:1:8: unknown model "ishigamy"`},
		{"bad-param.yaml", "model: sobol-g\nparameters: {a: [1, two]}\nsamples: 10\nfactors:\n  x1: {fixed: 1}\n  x2: {fixed: 1}\n",
			"bad-param.yaml:2:"},
		{"bad-output.yaml", "model: ishigami\nsamples: 10\noutputs: {bands: [z]}\nfactors:\n  x1: {fixed: 1}\n  x2: {fixed: 1}\n  x3: {fixed: 1}\n",
			`outputs.bands: "z" matches no output of model ishigami`},
		{"all-fixed.yaml", "model: ishigami\nsamples: 10\nmethod: sobol\nfactors:\n  x1: {fixed: 1}\n  x2: {fixed: 1}\n  x3: {fixed: 1}\n",
			"method sobol needs at least one uncertain factor"},
	}
	dir := t.TempDir()
	for _, c := range cases {
		p := filepath.Join(dir, c.name)
		os.WriteFile(p, []byte(c.text), 0o644)
		code, _, stderr := runMain("validate", p)
		if code != 2 || !strings.Contains(stderr, c.msg) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 and %q", c.name, code, stderr, c.msg)
		}
	}
}

func TestFactorsTable(t *testing.T) {
	code, out, stderr := runMain("factors", "ishigami")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// Uniform(−π, π): 5 % quantile −0.9π.
	if !strings.Contains(out, "x1") || !strings.Contains(out, "-2.827") || !strings.Contains(out, "Ishigami & Homma 1990") {
		t.Errorf("factors output:\n%s", out)
	}
}

// TestInterruptLeavesNoOutput sends SIGTERM to a running mc: it must exit
// with code 1 and leave no result file, complete or partial.
func TestInterruptLeavesNoOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "mc")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(bin, "run", "-n", "2000000000", "-o", out, "--keep-samples", "--design", "mc")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the temporary sample files exist: the run is under way.
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m, _ := filepath.Glob(filepath.Join(out, ".mc-staging-*", ".*.tmp-*")); len(m) > 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v, stderr %s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted: no results written") {
		t.Errorf("stderr: %s", stderr.String())
	}
	left, _ := os.ReadDir(out)
	for _, e := range left {
		t.Errorf("left behind: %s", e.Name())
	}
}

// A shard killed with SIGKILL at any moment leaves a complete state file or
// none (a leftover temporary file is refused by merge as half-written).
func TestShardSIGKILLLeavesCompleteOrNoState(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "mc")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	// The reference bytes of the state file.
	ref := filepath.Join(dir, "ref")
	if out, err := exec.Command(bin, "run", "ishigami", "--method", "sobol", "-n", "262144", "--shard", "1/2", "-o", ref, "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want, err := os.ReadFile(filepath.Join(ref, "state-00001-of-00002.mcstate"))
	if err != nil {
		t.Fatal(err)
	}
	complete, none := 0, 0
	for i, delay := range []time.Duration{5, 20, 50, 80, 110, 140, 170, 200, 260, 400} {
		out := filepath.Join(dir, fmt.Sprint("k", i))
		cmd := exec.Command(bin, "run", "ishigami", "--method", "sobol", "-n", "262144", "--shard", "1/2", "-o", out, "--quiet")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		got, err := os.ReadFile(filepath.Join(out, "state-00001-of-00002.mcstate"))
		switch {
		case err == nil && string(got) == string(want):
			complete++
		case os.IsNotExist(err):
			none++
		default:
			t.Errorf("killed after %v: state file of %d bytes differs from the complete one (%v)", delay, len(got), err)
		}
	}
	t.Logf("SIGKILL at 10 moments: %d complete state files, %d absent", complete, none)
}

// Fixing factors at their median: the levers-only scenario samples only the levers.
func TestFixedMedianScenario(t *testing.T) {
	code, out, stderr := runMain("validate", "ai-global-levers")
	if code != 0 || !strings.Contains(out, "109 factors (16 uncertain)") {
		t.Errorf("exit %d: %s%s", code, out, stderr)
	}
}
