package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const ishigamiFile = `model: ishigami
samples: 64
factors:
  x1: {distribution: uniform, min: -3.14, max: 3.14}
  x2: {distribution: uniform, min: -3.14, max: 3.14}
  x3: {distribution: uniform, min: -3.14, max: 3.14}
`

// Issue 8, item 1: a path that does not exist never runs a built-in scenario;
// bare names reach the embedded ones, and every command says which ran.
func TestScenarioPathsNeverFallBackToEmbedded(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base.yaml")
	os.WriteFile(base, []byte(ishigamiFile), 0o644)
	out := filepath.Join(dir, "out")
	missing := []struct {
		args []string
		msg  string
	}{
		{[]string{"validate", "stdy/ai-global.yaml"}, "scenario file stdy/ai-global.yaml: no such file or directory (the embedded scenario of that name is run by its bare name: ai-global)"},
		{[]string{"validate", "ai-global.yaml"}, "scenario file ai-global.yaml: no such file or directory"},
		{[]string{"validate", "ai-global.yml"}, "scenario file ai-global.yml: no such file or directory"},
		{[]string{"validate", "./ishigami"}, "scenario file ./ishigami: no such file or directory"},
		{[]string{"run", "stdy/ishigami.yaml", "-o", out}, "scenario file stdy/ishigami.yaml: no such file"},
		{[]string{"factors", "stdy/ishigami.yaml"}, "scenario file stdy/ishigami.yaml: no such file"},
		{[]string{"compare", base, "stdy/ishigami.yaml", "-o", out}, "scenario file stdy/ishigami.yaml: no such file"},
		{[]string{"compare", "stdy/ishigami.yaml", base, "-o", out}, "scenario file stdy/ishigami.yaml: no such file"},
		{[]string{"slurm", "stdy/ishigami.yaml", "--shards", "2", "-o", out}, "scenario file stdy/ishigami.yaml: no such file"},
		{[]string{"validate", "ishigamy"}, `no scenario "ishigamy": not a file, nor an embedded scenario (ai-global-base, ai-global-levers,`},
	}
	for _, c := range missing {
		code, stdout, stderr := runMain(c.args...)
		if code != 2 || !strings.Contains(stderr, c.msg) || strings.Contains(stdout, "ok") {
			t.Errorf("mc %v: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, stdout, stderr, c.msg)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed command created %s", out)
	}

	// Bare names are the embedded scenarios, and the output says so.
	code, stdout, stderr := runMain("validate", "ishigami")
	if code != 0 || !strings.HasPrefix(stdout, "embedded:ishigami: ok\n") {
		t.Errorf("validate ishigami: exit %d, %q %q", code, stdout, stderr)
	}
	code, stdout, _ = runMain("validate", base)
	if code != 0 || !strings.HasPrefix(stdout, base+": ok\n") {
		t.Errorf("validate %s: exit %d, %q", base, code, stdout)
	}
	code, stdout, _ = runMain("factors", "ishigami")
	if code != 0 || !strings.HasPrefix(stdout, "scenario embedded:ishigami: model ishigami, 3 factors\n") {
		t.Errorf("factors ishigami: exit %d, %q", code, stdout)
	}
	code, _, stderr = runMain("run", "ishigami", "-n", "100", "--method", "mc", "-o", filepath.Join(dir, "run"))
	if code != 0 || !strings.Contains(stderr, "scenario embedded:ishigami: model ishigami") {
		t.Errorf("run ishigami: exit %d, stderr %q", code, stderr)
	}
	code, stdout, _ = runMain("slurm", "ishigami", "--shards", "1", "-o", filepath.Join(dir, "slurm"))
	if code != 0 || !strings.Contains(stdout, "scenario embedded:ishigami (copied to ") {
		t.Errorf("slurm ishigami: exit %d, %q", code, stdout)
	}
	job, _ := os.ReadFile(filepath.Join(dir, "slurm", "mc-slurm.json"))
	if !strings.Contains(string(job), `"scenario": "embedded:ishigami"`) {
		t.Errorf("mc-slurm.json: %s", job)
	}
	cmpDir := filepath.Join(dir, "cmp")
	code, _, stderr = runMain("compare", "ishigami", base, "-n", "100", "-o", cmpDir)
	if code != 0 || !strings.Contains(stderr, "comparing "+base+" (variant) with embedded:ishigami (base)") {
		t.Errorf("compare: exit %d, stderr %q", code, stderr)
	}

	// A bare name that is both a file here and an embedded scenario is refused.
	t.Chdir(dir)
	os.WriteFile("ishigami", []byte(ishigamiFile), 0o644)
	code, _, stderr = runMain("validate", "ishigami")
	if code != 2 || !strings.Contains(stderr, `"ishigami" is both a file in this folder and an embedded scenario: write ./ishigami for the file`) {
		t.Errorf("ambiguous name: exit %d, %q", code, stderr)
	}
	code, stdout, _ = runMain("validate", "./ishigami")
	if code != 0 || !strings.HasPrefix(stdout, "./ishigami: ok") {
		t.Errorf("validate ./ishigami: exit %d, %q", code, stdout)
	}
}

// Issue 8, items 4 and 13: flags and settings that were ignored or replaced
// are refused with the flag or the file position.
func TestIgnoredSettingsRefused(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(text), 0o644)
		return p
	}
	good := write("good.yaml", ishigamiFile)
	maxs := write("max.yaml", ishigamiFile+"method: sobol\nsobol: {max_samples: 2048}\n")
	years := write("years.yaml", "model: ishigami\nsamples: 8\nyears: [2020, 2030]\nfactors:\n  x1: {fixed: 1}\n  x2: {fixed: 1}\n  x3: {fixed: 1}\n")
	levels := write("levels.yaml", ishigamiFile+"method: morris\nmorris:\n  levels: 5\n")
	pool := write("pool.yaml", ishigamiFile+"method: sobol\nmorris: {trajectories: 20, pool: 40}\n")
	bigPool := write("bigpool.yaml", ishigamiFile+"method: sobol\nmorris: {trajectories: 20, pool: 5000}\n")
	big := write("big.yaml", strings.Repeat("x", 2<<20))
	huge := filepath.Join(dir, "huge.yaml")
	f, _ := os.Create(huge)
	f.Truncate(17 << 20) // 17 MB of zero bytes, more than a scenario may have
	f.Close()
	out := filepath.Join(dir, "out")
	cases := []struct {
		args []string
		msg  string
	}{
		{[]string{"run", good, "-n", "0", "-o", out}, "-n must be at least 1, got 0"},
		{[]string{"run", good, "-n", "-4", "-o", out}, "-n must be at least 1, got -4"},
		{[]string{"run", good, "-n", "4611686018427387905", "-o", out}, "-n 4611686018427387905: more than the maximum 2^40 = 1099511627776 samples"},
		{[]string{"run", good, "-n", "1e6", "-o", out}, `-n must be a whole number of samples, got "1e6"`},
		{[]string{"validate", good, "-n", "0"}, "-n must be at least 1, got 0"},
		{[]string{"compare", good, good, "--method", "sobol", "-o", out}, "compare does not take --method"},
		{[]string{"compare", good, good, "--target-ci-width", "0.05", "-o", out}, "compare does not take --target-ci-width"},
		{[]string{"compare", good, good, "--by", "group", "-o", out}, "compare does not take --by"},
		{[]string{"compare", good, good, "-n", "0", "-o", out}, "-n must be at least 1, got 0"},
		{[]string{"run", maxs, "-n", "4096", "-o", out}, "max.yaml:8:22: sobol.max_samples = 2048 is below the starting N = 4096 base rows (from -n 4096, as a power of two)"},
		{[]string{"validate", maxs, "-n", "3000"}, "max.yaml:8:22: sobol.max_samples = 2048 is below the starting N = 4096 base rows (from -n 3000, as a power of two)"},
		{[]string{"validate", years}, "years.yaml:3:8: model ishigami: parameter years: model ishigami has only scalar outputs; it takes no years"},
		{[]string{"validate", levels}, "levels.yaml:9:11: morris.levels must be an even number of grid levels"},
		{[]string{"validate", pool, "--method", "morris", "-n", "64"}, "pool.yaml:8:34: morris.pool = 40 is below the r = 64 trajectories to choose from it"},
		{[]string{"validate", bigPool, "--method", "morris"}, "bigpool.yaml:8:34: morris.pool = 5000 is more than the 2048 candidates the selection can compare"},
		{[]string{"validate", big}, `big.yaml:1:1: expected a mapping of scenario keys (model, factors, …), got "` + strings.Repeat("x", 80) + `… (2097152 bytes in all)"`},
		{[]string{"validate", huge}, "huge.yaml: cannot read the scenario: more than 16 MB: not a scenario file"},
	}
	for _, c := range cases {
		code, _, stderr := runMain(c.args...)
		if code != 2 || !strings.Contains(stderr, c.msg) {
			t.Errorf("mc %v: exit %d, stderr %q; want exit 2 and %q", c.args, code, clipForTest(stderr), c.msg)
		}
		if len(stderr) > 1000 {
			t.Errorf("mc %v: %d bytes of error message", c.args, len(stderr))
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused command created %s", out)
	}
	// max_samples at or above N is fine.
	if code, _, stderr := runMain("validate", maxs, "-n", "2048"); code != 0 {
		t.Errorf("max_samples = N: exit %d, %s", code, stderr)
	}
}

func clipForTest(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

// Issue 8, item 4: Morris honours samples: as the number of trajectories when
// morris.trajectories is absent (as -n does), and refuses the two disagreeing.
func TestMorrisSamplesAreTrajectories(t *testing.T) {
	dir := t.TempDir()
	cases := []struct{ extra, want string }{
		{"method: morris\n", "r = 64 trajectories"},                             // samples: 64
		{"method: morris\nmorris: {trajectories: 64}\n", "r = 64 trajectories"}, // both, agreeing
		{"method: sobol\nmorris: {trajectories: 12}\n", "r = 12 trajectories"},  // --method morris below: the morris key wins
	}
	for i, c := range cases {
		p := filepath.Join(dir, "m.yaml")
		os.WriteFile(p, []byte(ishigamiFile+c.extra), 0o644)
		code, stdout, stderr := runMain("validate", p, "--method", "morris")
		if code != 0 || !strings.Contains(stdout, c.want) {
			t.Errorf("case %d: exit %d, %q %q; want %q", i, code, stdout, stderr, c.want)
		}
	}
	p := filepath.Join(dir, "m.yaml")
	os.WriteFile(p, []byte(ishigamiFile), 0o644)
	if code, stdout, _ := runMain("validate", p, "--method", "morris", "-n", "7"); code != 0 || !strings.Contains(stdout, "r = 7 trajectories") {
		t.Errorf("-n 7: %q", stdout)
	}
	os.WriteFile(p, []byte(ishigamiFile+"method: morris\nmorris: {trajectories: 50}\n"), 0o644)
	if code, _, stderr := runMain("validate", p); code != 2 || !strings.Contains(stderr, "m.yaml:8:24: morris.trajectories = 50 but samples = 64 (line 2, column 10)") {
		t.Errorf("disagreeing: exit %d, %q", code, stderr)
	}
}

// Issue 8, item 13: the ETA is never negative nor overflowing.
func TestETA(t *testing.T) {
	cases := []struct {
		elapsed, frac float64
		want          string
	}{
		{10, 0, "?"},
		{10, 0.5, "10s"},
		{10, 1, "0s"},
		{10, 1.7, "0s"}, // a target-CI run past its first total
		{1, 1e-30, "> 10000h0m0s"},
		{3600, 0.25, "3h0m0s"},
	}
	for _, c := range cases {
		if got := etaString(c.elapsed, c.frac); got != c.want {
			t.Errorf("etaString(%g, %g) = %q, want %q", c.elapsed, c.frac, got, c.want)
		}
	}
}
