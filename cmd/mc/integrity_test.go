//go:build unix

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"mc/results"
)

// buildMC builds the mc binary into dir (tests that need real signals).
func buildMC(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "mc")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// waitFor polls until cond holds (or fails the test after a minute).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func exists(pattern string) bool {
	m, _ := filepath.Glob(pattern)
	return len(m) > 0
}

// hidden lists the hidden entries of dir: locks, staging folders, temporaries.
func hidden(dir string) []string {
	es, _ := os.ReadDir(dir)
	var h []string
	for _, e := range es {
		if strings.HasPrefix(e.Name(), ".") {
			h = append(h, e.Name())
		}
	}
	return h
}

// One folder, one writer: while a run writes into a folder, a second run or
// a merge into it is refused up front, naming the folder and the holder's
// pid; once the holder is killed (SIGKILL: its lock file stays, but the
// kernel released the lock) the next run proceeds and removes its leftovers.
func TestSecondWriterRefusedAndStaleLockIgnored(t *testing.T) {
	bin := buildMC(t)
	out := filepath.Join(t.TempDir(), "out")
	cmd := exec.Command(bin, "run", "ishigami", "-n", "2000000000", "--design", "mc", "--keep-samples", "-o", out, "--quiet")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	waitFor(t, "the run's staging folder", func() bool { return exists(filepath.Join(out, ".mc-staging-*", ".*.tmp-*")) })
	for _, args := range [][]string{{"run", "ishigami", "-n", "100", "-o", out}, {"merge", t.TempDir(), "-o", out}, {"run", "ishigami", "-n", "16384", "--shard", "0/2", "-o", out}} {
		code, _, stderr := runMain(args...)
		if code != 2 || !strings.Contains(stderr, out+" is being written by another mc (pid "+fmt.Sprint(cmd.Process.Pid)) {
			t.Errorf("mc %v while another writes: exit %d, %s", args, code, stderr)
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	if !exists(filepath.Join(out, results.LockName)) {
		t.Fatal("the killed run left no lock file: this test no longer tests a stale lock")
	}
	code, _, stderr := runMain("run", "ishigami", "-n", "100", "-o", out, "--quiet")
	if code != 0 || !strings.Contains(stderr, "left by an earlier mc that was killed while writing") {
		t.Fatalf("after the writer was killed: exit %d, %s", code, stderr)
	}
	if h := hidden(out); len(h) > 0 {
		t.Errorf("left behind: %v", h)
	}
	if _, err := results.CheckFolder(out); err != nil {
		t.Error(err)
	}
}

// Signals during the final write (here: while the large kept-sample files
// are finished and hashed, then published) end as cleanly as during the
// computation. SIGTERM: exit 1 with the earlier results untouched, or exit
// 0 with the new ones complete, never a hidden file left. SIGKILL: the
// folder holds one run's complete results or none (no manifest), and the
// next run removes whatever the killed one left.
func TestSignalsDuringTheFinalWrite(t *testing.T) {
	bin := buildMC(t)
	base := t.TempDir()
	args := func(out string) []string {
		return []string{"run", "ishigami", "-n", "500000", "--design", "mc", "--keep-samples", "--workers", "2", "-o", out, "--quiet"}
	}
	staged := func(out string) bool { return exists(filepath.Join(out, ".mc-staging-*", "bands.parquet")) }
	// How long the final write lasts here: the kills are spread over it.
	ref := filepath.Join(base, "ref")
	cmd := exec.Command(bin, args(ref)...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the staged bands", func() bool { return staged(ref) })
	t0 := time.Now()
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	write := time.Since(t0)
	t.Logf("the final write takes %v", write)
	earlier := func(out string) string {
		if code, _, stderr := runMain("run", "ishigami", "--method", "sobol", "-n", "1024", "-o", out, "--quiet"); code != 0 {
			t.Fatal(stderr)
		}
		m, err := results.ReadManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		return m.RunID
	}
	outcomes := map[string]int{}
	for i, frac := range []float64{0, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 1} {
		delay := time.Duration(frac * float64(write))
		for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGKILL} {
			out := filepath.Join(base, fmt.Sprintf("%s-%d", sig, i))
			oldRun := earlier(out)
			cmd := exec.Command(bin, args(out)...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// The computation is over once bands.parquet is staged: what
			// follows is the final write.
			// (or the run is over already, on a slow machine)
			waitFor(t, "the staged bands", func() bool {
				m, _ := results.ReadManifest(out)
				return staged(out) || m != nil && m.RunID != oldRun
			})
			time.Sleep(delay)
			cmd.Process.Signal(sig)
			err := cmd.Wait()
			m, cerr := results.CheckFolder(out)
			state := ""
			switch {
			case cerr == nil && m.RunID == oldRun:
				state = "earlier results intact"
			case cerr == nil:
				state = "new results complete"
			case sig == syscall.SIGKILL && strings.Contains(cerr.Error(), "no manifest.json"):
				state = "no results (killed while publishing)"
				if runs := designsOf(t, out); len(runs) > 1 {
					t.Errorf("SIGKILL after %v: files of %d runs side by side: %v", delay, len(runs), runs)
				}
			default:
				t.Errorf("%v after %v: folder neither complete nor empty of results: %v", sig, delay, cerr)
			}
			outcomes[sig.String()+": "+state]++
			if sig == syscall.SIGTERM {
				code := cmd.ProcessState.ExitCode()
				if h := hidden(out); len(h) > 0 {
					t.Errorf("SIGTERM after %v: left behind %v", delay, h)
				}
				if code == 1 && (state != "earlier results intact" || !strings.Contains(stderr.String(), "interrupted: no results written")) ||
					code == 0 && state != "new results complete" || code != 0 && code != 1 {
					t.Errorf("SIGTERM after %v: exit %d (%v), %s; stderr %s", delay, code, err, state, stderr.String())
				}
				continue
			}
			// The next run into the folder removes what the killed one left.
			if code, _, stderr := runMain("run", "ishigami", "-n", "100", "-o", out, "--quiet"); code != 0 {
				t.Fatalf("run after SIGKILL: %s", stderr)
			}
			if h := hidden(out); len(h) > 0 {
				t.Errorf("SIGKILL after %v, then a run: left behind %v", delay, h)
			}
			if _, err := results.CheckFolder(out); err != nil {
				t.Error(err)
			}
		}
	}
	t.Logf("outcomes: %v", outcomes)
}

// designsOf maps the design hash of each Parquet file of dir to its files.
func designsOf(t *testing.T, dir string) map[string][]string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.parquet"))
	runs := map[string][]string{}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := fh.Stat()
		pf, err := parquet.OpenFile(fh, fi.Size())
		if err != nil {
			t.Errorf("%s: %v", f, err)
			fh.Close()
			continue
		}
		h, _ := pf.Lookup("mc.design_hash")
		runs[h] = append(runs[h], filepath.Base(f))
		fh.Close()
	}
	return runs
}

// An existing folder that cannot be written is refused before the run
// (exit 2), not after it.
func TestUnwritableOutputFolderRefusedUpFront(t *testing.T) {
	bin := buildMC(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "ro")
	os.Mkdir(out, 0o755)
	cmd := exec.Command(bin, "run", "ishigami", "-n", "2000000000", "--design", "mc", "-o", out)
	if os.Geteuid() == 0 {
		// root writes anywhere: run as nobody, for whom out is read-only.
		asNobody(cmd, bin, out)
	} else {
		os.Chmod(out, 0o555)
	}
	expectUnwritableRefused(t, cmd, out)
}

// expectUnwritableRefused runs cmd (killed after a minute: it ran instead of
// refusing) and expects exit 2 naming the unwritable folder out.
func expectUnwritableRefused(t *testing.T, cmd *exec.Cmd, out string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			cmd.Process.Kill() // it ran instead of refusing
		case <-done:
		}
	}()
	b, err := cmd.CombinedOutput()
	close(done)
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 || !strings.Contains(string(b), out+" is not writable") {
		t.Errorf("exit %v, output %s", err, b)
	}
	if strings.Contains(string(b), "evaluations") {
		t.Errorf("the run started before the folder was checked: %s", b)
	}
}

// mc merge -o DIR creates DIR; the merged folder checks complete.
func TestMergeCreatesOutputFolder(t *testing.T) {
	dir := t.TempDir()
	for _, s := range []string{"0/2", "1/2"} {
		if code, _, stderr := runMain("run", "ishigami", "--method", "sobol", "-n", "4096", "--shard", s, "-o", dir, "--quiet"); code != 0 {
			t.Fatal(stderr)
		}
	}
	out := filepath.Join(dir, "not", "yet")
	if code, _, stderr := runMain("merge", dir, "-o", out, "--quiet"); code != 0 {
		t.Fatalf("merge -o into a new folder: exit %d, %s", code, stderr)
	}
	m, err := results.CheckFolder(out)
	if err != nil || m.Command != "merge" {
		t.Errorf("%v %+v", err, m)
	}
	if h := hidden(dir); len(h) > 0 {
		t.Errorf("shard folder: left behind %v", h)
	}
}

// Results, manifest and state files follow the umask (group-readable with
// umask 002, for collaborators on shared storage), not 0600.
func TestResultsHonourUmask(t *testing.T) {
	old := syscall.Umask(0o002)
	defer syscall.Umask(old)
	dir := t.TempDir()
	if code, _, stderr := runMain("run", "ishigami", "--method", "sobol", "-n", "1024", "-o", dir, "--quiet", "--keep-samples"); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := runMain("run", "ishigami", "--method", "sobol", "-n", "4096", "--shard", "1/2", "-o", dir, "--quiet"); code != 0 {
		t.Fatal(stderr)
	}
	for _, n := range []string{"bands.parquet", "sobol.parquet", "samples.parquet", "outputs.parquet", "report.html", "manifest.json", "state-00001-of-00002.mcstate"} {
		fi, err := os.Stat(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o664 {
			t.Errorf("%s: mode %v, want -rw-rw-r-- (umask 002)", n, fi.Mode().Perm())
		}
	}
}

// Rerunning into a folder with another method removes the earlier run's
// files and says which.
func TestRerunRemovesEarlierResults(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runMain("run", "ishigami", "--method", "sobol", "-n", "1024", "-o", dir, "--quiet"); code != 0 {
		t.Fatal(stderr)
	}
	code, _, stderr := runMain("run", "ishigami", "--method", "mc", "-n", "1000", "-o", dir, "--quiet")
	if code != 0 || !strings.Contains(stderr, "held the results of another run") || !strings.Contains(stderr, "removed convergence.parquet, sobol.parquet") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
	if exists(filepath.Join(dir, "sobol.parquet")) {
		t.Error("sobol.parquet of the earlier run left beside the new bands")
	}
	if code, out, _ := runMain("check", dir); code != 0 || !strings.Contains(out, "method mc") {
		t.Errorf("check: exit %d, %s", code, out)
	}
}

// Any --batch runs (below the pilot's 64 rows it used to panic) and gives
// the same bands, byte for byte; a huge batch is capped.
func TestBatchFlag(t *testing.T) {
	ref := t.TempDir()
	if code, _, stderr := runMain("run", "ishigami", "--method", "mc", "-n", "20000", "-o", ref, "--quiet"); code != 0 {
		t.Fatal(stderr)
	}
	want, _ := os.ReadFile(filepath.Join(ref, "bands.parquet"))
	for _, b := range [][]string{{"--batch", "1"}, {"--batch", "63"}, {"--batch", "100000", "--workers", "7"}, {"--batch", "1000000000000"}} {
		dir := t.TempDir()
		code, _, stderr := runMain(append([]string{"run", "ishigami", "--method", "mc", "-n", "20000", "-o", dir, "--quiet"}, b...)...)
		if code != 0 {
			t.Errorf("%v: exit %d, %s", b, code, stderr)
			continue
		}
		if got, _ := os.ReadFile(filepath.Join(dir, "bands.parquet")); !bytes.Equal(got, want) {
			t.Errorf("%v: bands.parquet differs from --batch 256", b)
		}
	}
	// --batch 0 is the model's preferred batch; a negative batch is a usage error.
	if code, _, stderr := runMain("run", "ishigami", "-n", "100", "--batch", "-5", "-o", t.TempDir()); code != 2 || !strings.Contains(stderr, "--batch must be ≥ 0") {
		t.Errorf("--batch -5: exit %d, %s", code, stderr)
	}
}

// mc slurm copies the data files the scenario reads beside its copy of the
// scenario (else every array task fails after queueing), defaults to one
// CPU per task (not the login node's cores) and writes "run_args": [].
// The shards and the merge run from the folder alone.
func TestSlurmCopiesDataFiles(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	os.MkdirAll(filepath.Join(src, "data"), 0o755)
	csv, err := os.ReadFile("../../tests/slurm/data/shares.csv")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := os.ReadFile("../../tests/slurm/empirical.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "data", "shares.csv"), csv, 0o644)
	os.WriteFile(filepath.Join(src, "empirical.yaml"), sc, 0o644)
	job := filepath.Join(dir, "job")
	code, stdout, stderr := runMain("slurm", filepath.Join(src, "empirical.yaml"), "--shards", "2", "-o", job)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "copied "+filepath.Join(job, "data", "shares.csv")) {
		t.Errorf("stdout: %s", stdout)
	}
	script, _ := os.ReadFile(filepath.Join(job, "shards.sbatch"))
	if !strings.Contains(string(script), "#SBATCH --cpus-per-task=1\n") || !strings.Contains(string(script), `--workers "${SLURM_CPUS_PER_TASK:-1}"`) {
		t.Errorf("shards.sbatch:\n%s", script)
	}
	js, _ := os.ReadFile(filepath.Join(job, "mc-slurm.json"))
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(js, &raw); err != nil || string(raw["run_args"]) != "[]" {
		t.Errorf("mc-slurm.json run_args: %s (%v)", raw["run_args"], err)
	}
	// The jobs never see the original folder.
	os.RemoveAll(src)
	for _, s := range []string{"0/2", "1/2"} {
		if code, _, stderr := runMain("run", filepath.Join(job, "scenario.yaml"), "--shard", s, "-o", job, "--quiet"); code != 0 {
			t.Fatalf("shard %s: %s", s, stderr)
		}
	}
	if code, _, stderr := runMain("merge", job, "--quiet"); code != 0 {
		t.Fatalf("merge: %s", stderr)
	}
	// The same bytes as one process running the folder's scenario (the file
	// name is in the metadata).
	single := filepath.Join(dir, "single")
	if code, _, stderr := runMain("run", filepath.Join(job, "scenario.yaml"), "-o", single, "--quiet"); code != 0 {
		t.Fatal(stderr)
	}
	for _, f := range []string{"bands.parquet", "sobol.parquet"} {
		a, _ := os.ReadFile(filepath.Join(single, f))
		b, _ := os.ReadFile(filepath.Join(job, f))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: merged shards differ from the single run", f)
		}
	}
}

// SIGTERM is honoured during a run with a huge batch and many workers on the
// default scenario (~3,600 series): the batch is capped, so the run neither
// swells nor ignores the signal. (Its memory is measured outside the tests.)
func TestSIGTERMWithLargeBatch(t *testing.T) {
	bin := buildMC(t)
	out := filepath.Join(t.TempDir(), "out")
	cmd := exec.Command(bin, "run", "--method", "mc", "-n", "2000000000", "--workers", "7", "--batch", "100000", "-o", out, "--quiet")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	waitFor(t, "the run's staging folder", func() bool { return exists(filepath.Join(out, ".mc-staging-*")) })
	time.Sleep(2 * time.Second)
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(stderr.String(), "interrupted") {
			t.Errorf("exit %v, stderr %s", err, stderr.String())
		}
	case <-time.After(time.Minute):
		t.Fatal("SIGTERM ignored for a minute")
	}
	if h := hidden(out); len(h) > 0 {
		t.Errorf("left behind: %v", h)
	}
}

// mc compare writes its folder like a run: locked, with a manifest.
func TestCompareWritesManifest(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runMain("compare", "ishigami", "ishigami", "-n", "1000", "-o", dir, "--quiet"); code != 0 {
		t.Fatal(stderr)
	}
	m, err := results.CheckFolder(dir)
	if err != nil || m.Command != "compare" || len(m.Files) != 2 || m.Files[0].Name != "compare.parquet" || m.Files[1].Name != "report.html" {
		t.Errorf("%v %+v", err, m)
	}
}

// asNobody makes cmd run as uid/gid 65534, and lets it reach the binary and
// the folder out: the test's temporary folders are 0700 (only those below
// the system's temporary folder are opened).
func asNobody(cmd *exec.Cmd, bin, out string) {
	tmp := filepath.Clean(os.TempDir())
	for _, p := range []string{bin, out} {
		for d := filepath.Dir(p); strings.HasPrefix(d, tmp+string(filepath.Separator)); d = filepath.Dir(d) {
			os.Chmod(d, 0o755)
		}
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
}

// A lock file left by another user's killed run (not writable by us) in a
// shared, writable folder does not block the next run.
func TestForeignStaleLockFile(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to act as two users")
	}
	bin := buildMC(t)
	out := filepath.Join(t.TempDir(), "shared")
	os.Mkdir(out, 0o777)
	os.Chmod(out, 0o777)
	if err := os.WriteFile(filepath.Join(out, results.LockName), []byte("pid 1 on elsewhere since 2026-01-01T00:00:00Z: mc run\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "run", "ishigami", "-n", "100", "-o", out, "--quiet")
	asNobody(cmd, bin, out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	if _, err := results.CheckFolder(out); err != nil {
		t.Error(err)
	}
}
