package results

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// A run's result files are first written into a hidden staging folder inside
// the result folder (same filesystem, so moving them is a rename). Until
// every file is complete the folder is untouched: an interrupted run (signal,
// error) removes its staging folder and leaves the earlier results as they
// were. Publish then removes the manifest (from that moment the folder is
// incomplete), removes the earlier run's result files, renames the new ones
// in and writes the new manifest last. A SIGKILL can leave a staging folder
// or a temporary file (hidden names); the next process that locks the
// folder removes them (CleanStale).

// stagingPrefix names the staging folders.
const stagingPrefix = ".mc-staging-"

// WriteProbePrefix names the empty file made (and removed at once) to check
// that a folder is writable before a run.
const WriteProbePrefix = ".mc-write-check-"

// Staging is a run's result files being written.
type Staging struct {
	dir, tmp string
}

// NewStaging makes a staging folder in dir.
func NewStaging(dir string) (*Staging, error) {
	tmp, err := os.MkdirTemp(dir, stagingPrefix)
	if err != nil {
		return nil, err
	}
	return &Staging{dir: dir, tmp: tmp}, nil
}

// Dir is where the result files are to be written.
func (s *Staging) Dir() string { return s.tmp }

// Abort removes the staging folder and everything in it (no-op on nil).
func (s *Staging) Abort() {
	if s != nil {
		os.RemoveAll(s.tmp)
	}
}

// Publish moves the staged files into the folder as the results of the run
// m describes, and writes its manifest last. Before that point (hashing the
// files) stop, when it returns an error, interrupts Publish, which then
// leaves the folder as it was. Earlier result files that the new run does
// not replace are removed; note is told which, and of which run. It returns
// the final paths.
func (s *Staging) Publish(m *Manifest, stop func() error, note func(string)) ([]string, error) {
	entries, err := os.ReadDir(s.tmp)
	if err != nil {
		return nil, err
	}
	m.Files = m.Files[:0]
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		size, sum, err := hashFile(filepath.Join(s.tmp, e.Name()), stop)
		if err != nil {
			return nil, err
		}
		m.Files = append(m.Files, ManifestFile{Name: e.Name(), Size: size, SHA256: sum})
	}
	if stop != nil {
		if err := stop(); err != nil {
			return nil, err
		}
	}
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}

	// The commit: from here on nothing is interrupted but by SIGKILL.
	old, _ := ReadManifest(s.dir)
	if err := os.Remove(filepath.Join(s.dir, ManifestName)); err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	replaced := map[string]bool{}
	for _, f := range m.Files {
		replaced[f.Name] = true
	}
	earlier := map[string]bool{}
	if old != nil {
		for _, f := range old.Files {
			earlier[f.Name] = true
		}
	}
	for _, n := range resultNames {
		if _, err := os.Stat(filepath.Join(s.dir, n)); err == nil {
			earlier[n] = true
		}
	}
	// Every earlier file goes before any new one comes in, replaced ones
	// too: a SIGKILL in between leaves files of one run only (and no
	// manifest), never files of two runs side by side.
	var removed []string
	for _, n := range sortedNames(earlier) {
		if !plainName.MatchString(n) {
			continue // never a path out of the folder, whatever a manifest says
		}
		err := os.Remove(filepath.Join(s.dir, n))
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		if err == nil && !replaced[n] {
			removed = append(removed, n)
		}
	}
	syncDir(s.dir)
	if note != nil {
		switch {
		case old != nil && old.DesignHash != m.DesignHash:
			note(fmt.Sprintf("%s held the results of another %s: replaced%s", s.dir, old, listRemoved(removed)))
		case old == nil && len(earlier) > 0:
			note(fmt.Sprintf("%s held result files without a manifest (an interrupted run, or an older mc): %s replaced or removed",
				s.dir, strings.Join(sortedNames(earlier), ", ")))
		case len(removed) > 0:
			note(fmt.Sprintf("removed from %s the files of the earlier run that this one does not write: %s", s.dir, strings.Join(removed, ", ")))
		}
	}
	var paths []string
	for _, f := range m.Files {
		final := filepath.Join(s.dir, f.Name)
		if err := os.Rename(filepath.Join(s.tmp, f.Name), final); err != nil {
			return nil, err
		}
		paths = append(paths, final)
	}
	syncDir(s.dir)
	if err := WriteAtomic(filepath.Join(s.dir, ManifestName), append(mj, '\n')); err != nil {
		return nil, err
	}
	s.Abort()
	return paths, nil
}

func listRemoved(removed []string) string {
	if len(removed) == 0 {
		return ""
	}
	return "; removed " + strings.Join(removed, ", ")
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// plainName is a file name in the folder itself, not hidden.
var plainName = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]*$`)

// staleTemp matches the temporary files of mc's own files (CreateAtomic:
// ".NAME.tmp-DIGITS"), and no other program's.
var staleTemp = regexp.MustCompile(`^\.((bands|sobol|sobol2|convergence|morris|samples|outputs|compare)(-\d{5}-of-\d{5})?\.parquet|report\.html|state-\d{5}-of-\d{5}\.mcstate|manifest\.json)\.tmp-\d+$`)

// CleanStale removes what processes killed while writing into dir left
// behind: staging folders and mc's temporary files. Call it holding the
// folder's exclusive lock, when no other mc writes there.
func CleanStale(dir string) ([]string, error) {
	return cleanMatching(dir, func(name string) bool {
		return strings.HasPrefix(name, stagingPrefix) || strings.HasPrefix(name, WriteProbePrefix) || staleTemp.MatchString(name)
	})
}

// CleanStaleOf removes the temporary files left by an earlier, killed
// writer of the given final names (a shard's own files: other shards may be
// writing theirs at the same time).
func CleanStaleOf(dir string, finals ...string) ([]string, error) {
	return cleanMatching(dir, func(name string) bool {
		for _, f := range finals {
			if strings.HasPrefix(name, "."+f+".tmp-") {
				return true
			}
		}
		return false
	})
}

func cleanMatching(dir string, match func(string) bool) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, e := range entries {
		if !match(e.Name()) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return removed, err
		}
		removed = append(removed, e.Name())
	}
	return removed, nil
}
