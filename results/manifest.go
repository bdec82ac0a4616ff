package results

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ManifestName is the manifest of a result folder. It is written last, when
// every result file of the run has its final name, so a folder with a
// manifest whose files all match it holds the complete results of one run.
const ManifestName = "manifest.json"

// ManifestFormat names the manifest's layout.
const ManifestFormat = "mc-results/1"

// Manifest describes the run whose results a folder holds, and each result
// file with its size and SHA-256.
type Manifest struct {
	Format     string         `json:"format"`
	RunID      string         `json:"run_id"`
	Command    string         `json:"command"` // run | merge | compare
	Created    string         `json:"created"` // UTC, RFC 3339
	Scenario   string         `json:"scenario"`
	Model      string         `json:"model"`
	Method     string         `json:"method"`
	Design     string         `json:"design"`
	Seed       string         `json:"seed"` // a string: JSON readers lose the bits of large integers
	Samples    int            `json:"samples"`
	DesignHash string         `json:"design_hash"`
	Version    string         `json:"version"`
	Files      []ManifestFile `json:"files"`
}

// ManifestFile is one result file of a run.
type ManifestFile struct {
	Name   string `json:"name"` // relative to the folder
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// NewManifest describes a run from the metadata its files carry.
func NewManifest(command string, meta Meta) *Manifest {
	var id [8]byte
	rand.Read(id[:])
	n, _ := strconv.Atoi(meta["mc.samples"])
	return &Manifest{Format: ManifestFormat, RunID: hex.EncodeToString(id[:]), Command: command,
		Created: time.Now().UTC().Format(time.RFC3339), Scenario: meta["mc.scenario_file"], Model: meta["mc.model"],
		Method: meta["mc.method"], Design: meta["mc.design"], Seed: meta["mc.seed"], Samples: n,
		DesignHash: meta["mc.design_hash"], Version: meta["mc.version"]}
}

// String names the run in messages.
func (m *Manifest) String() string {
	return fmt.Sprintf("run %s of %s (%s, method %s, design %s, seed %s, N = %d, design hash %s)",
		m.RunID, m.Scenario, m.Command, m.Method, m.Design, m.Seed, m.Samples, m.DesignHash)
}

// ReadManifest reads the manifest of dir (not checking its files).
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(dir, ManifestName), err)
	}
	if m.Format != ManifestFormat {
		return nil, fmt.Errorf("%s: format %q, expected %q", filepath.Join(dir, ManifestName), m.Format, ManifestFormat)
	}
	return &m, nil
}

// hashFile returns the size and SHA-256 of a file; stop, polled between
// chunks, interrupts hashing a large file.
func hashFile(path string, stop func() error) (int64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	buf := make([]byte, 1<<20)
	var size int64
	for {
		if stop != nil {
			if err := stop(); err != nil {
				return 0, "", err
			}
		}
		n, err := f.Read(buf)
		h.Write(buf[:n])
		size += int64(n)
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, "", err
		}
	}
	return size, hex.EncodeToString(h.Sum(nil)), nil
}

// shardPart matches the per-shard sample files, which belong to the shards
// of a run rather than to its merged results.
var shardPart = regexp.MustCompile(`^(samples|outputs)-\d{5}-of-\d{5}\.parquet$`)

// resultNames are the files mc writes as the results of a run or merge.
var resultNames = []string{"bands.parquet", "sobol.parquet", "sobol2.parquet", "convergence.parquet",
	"morris.parquet", "samples.parquet", "outputs.parquet", "compare.parquet", "report.html"}

// FolderError lists what makes a folder's results incomplete or mixed.
type FolderError struct {
	Dir      string
	Problems []string
}

func (e *FolderError) Error() string {
	return fmt.Sprintf("%s does not hold the complete results of one run:\n  %s", e.Dir, strings.Join(e.Problems, "\n  "))
}

// CheckFolder verifies that dir holds the complete results of one run: its
// manifest exists, every file it lists is there with its size and SHA-256,
// and no other result file (of another run) lies beside them. Shard state
// files and per-shard sample files are not results and are not checked
// (state files carry their own checksum). It returns the manifest, or a
// *FolderError listing every problem.
func CheckFolder(dir string) (*Manifest, error) { return CheckFolderExcept(dir, "") }

// CheckFolderExcept is CheckFolder not looking at the file except, which is
// about to be replaced (mc report DIR rewrites report.html, also one edited
// or left half-recorded by a killed mc report).
func CheckFolderExcept(dir, except string) (*Manifest, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			msg := "no " + ManifestName + ": the run that wrote here was interrupted, is still writing, or was made by an mc older than 0.2"
			if _, err := os.Stat(dir); err != nil {
				msg = err.Error()
			}
			return nil, &FolderError{Dir: dir, Problems: []string{msg}}
		}
		return nil, &FolderError{Dir: dir, Problems: []string{err.Error()}}
	}
	var problems []string
	listed := map[string]bool{}
	for _, f := range m.Files {
		listed[f.Name] = true
		if f.Name == except {
			continue
		}
		if !plainName.MatchString(f.Name) {
			problems = append(problems, fmt.Sprintf("the manifest lists %q, which is not a file name in the folder", f.Name))
			continue
		}
		size, sum, err := hashFile(filepath.Join(dir, f.Name), nil)
		switch {
		case errors.Is(err, os.ErrNotExist):
			problems = append(problems, fmt.Sprintf("%s is missing", f.Name))
		case err != nil:
			problems = append(problems, err.Error())
		case size != f.Size:
			problems = append(problems, fmt.Sprintf("%s has %d bytes, the manifest says %d (replaced or truncated)", f.Name, size, f.Size))
		case sum != f.SHA256:
			problems = append(problems, fmt.Sprintf("%s differs from the file the run wrote (SHA-256 mismatch)", f.Name))
		}
	}
	for _, name := range resultNames {
		if !listed[name] && name != except {
			if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
				problems = append(problems, fmt.Sprintf("%s is not a file of %s: it comes from another run", name, m))
			}
		}
	}
	if len(problems) > 0 {
		return m, &FolderError{Dir: dir, Problems: problems}
	}
	return m, nil
}

// sortedNames returns the keys of a set in order.
func sortedNames(set map[string]bool) []string {
	var names []string
	for n := range set {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ReplaceFile replaces the result file name of dir (or adds it) with data and
// records it in the manifest, which keeps the run's identity: mc report DIR
// rewrites report.html this way, and the folder still checks. The caller
// holds the folder's exclusive lock and has checked the folder (CheckFolder).
// The file is renamed in first, then the manifest rewritten; both writes are
// atomic, and a kill between them leaves a folder that CheckFolder reports
// (name differs from the file the run wrote) until the next ReplaceFile.
func ReplaceFile(dir, name string, data []byte) error {
	if !plainName.MatchString(name) {
		return fmt.Errorf("results: %q is not a file name in the folder", name)
	}
	m, err := ReadManifest(dir)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	m.upsert(ManifestFile{Name: name, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])})
	if err := WriteAtomic(filepath.Join(dir, name), data); err != nil {
		return err
	}
	return m.write(dir)
}

// RecordFiles records files that a command derived from dir's results and
// wrote into dir (mc export's CSV files) in its manifest, so that they belong
// to the run: the folder still checks, and the next run into dir removes them
// with the run's other files. The caller holds the folder's exclusive lock.
func RecordFiles(dir string, names ...string) error {
	m, err := ReadManifest(dir)
	if err != nil {
		return err
	}
	for _, name := range names {
		if !plainName.MatchString(name) {
			return fmt.Errorf("results: %q is not a file name in the folder", name)
		}
		size, sum, err := hashFile(filepath.Join(dir, name), nil)
		if err != nil {
			return err
		}
		m.upsert(ManifestFile{Name: name, Size: size, SHA256: sum})
	}
	return m.write(dir)
}

// upsert records f, replacing the entry of the same name.
func (m *Manifest) upsert(f ManifestFile) {
	for i := range m.Files {
		if m.Files[i].Name == f.Name {
			m.Files[i] = f
			return
		}
	}
	m.Files = append(m.Files, f)
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].Name < m.Files[j].Name })
}

// write replaces dir's manifest with m, atomically.
func (m *Manifest) write(dir string) error {
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return WriteAtomic(filepath.Join(dir, ManifestName), append(mj, '\n'))
}
