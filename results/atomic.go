// Package results writes mc's results as Parquet files that pandas, polars and
// DuckDB read directly: bands, sensitivity indices, convergence tables and,
// on request, the per-sample inputs and outputs.
//
// Every file is written under a temporary name in the destination folder and
// renamed when complete, so a reader never sees a partial file.
package results

import (
	"fmt"
	"os"
	"path/filepath"
)

// AtomicFile is a file that appears under its final name only when committed.
type AtomicFile struct {
	*os.File
	final string
	done  bool
}

// CreateAtomic creates a temporary file beside path; Commit renames it to path.
func CreateAtomic(path string) (*AtomicFile, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, err
	}
	return &AtomicFile{File: f, final: path}, nil
}

// Commit flushes the file to disk and renames it to its final name.
func (a *AtomicFile) Commit() error {
	if a.done {
		return fmt.Errorf("%s: already committed or aborted", a.final)
	}
	a.done = true
	// CreateTemp made the file 0600: give it the mode of a created file.
	if err := a.File.Chmod(FileMode()); err != nil {
		a.File.Close()
		os.Remove(a.File.Name())
		return err
	}
	if err := a.File.Sync(); err != nil {
		a.File.Close()
		os.Remove(a.File.Name())
		return err
	}
	if err := a.File.Close(); err != nil {
		os.Remove(a.File.Name())
		return err
	}
	if err := os.Rename(a.File.Name(), a.final); err != nil {
		os.Remove(a.File.Name())
		return err
	}
	// Make the rename durable too.
	if d, err := os.Open(filepath.Dir(a.final)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// Abort removes the temporary file. It is a no-op after Commit.
func (a *AtomicFile) Abort() {
	if a.done {
		return
	}
	a.done = true
	a.File.Close()
	os.Remove(a.File.Name())
}

// WriteAtomic writes data to path through a temporary file.
func WriteAtomic(path string, data []byte) error {
	f, err := CreateAtomic(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}
