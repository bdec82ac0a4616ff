package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"mc/results"
)

// openOutput prepares an output folder before any computation, so that a
// problem with it is found up front: it creates the folder if missing,
// checks that it is writable, and locks it (exclusively for a whole run or a
// merge, shared between the shards of a run). Holding the exclusive lock it
// removes what writers killed earlier left behind; a shard removes only the
// leftovers of its own files. The caller unlocks.
func openOutput(dir string, exclusive bool, ownFiles []string, stderr io.Writer) (*results.Lock, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, usagef("cannot create the output folder: %v", err)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, usagef("output folder %s is not a folder", dir)
	}
	probe, err := os.CreateTemp(dir, results.WriteProbePrefix)
	if err != nil {
		return nil, usagef("output folder %s is not writable (%v): choose another with -o", dir, err)
	}
	probe.Close()
	os.Remove(probe.Name())
	lock, err := results.LockFolder(dir, exclusive, strings.Join(append([]string{"mc"}, os.Args[1:]...), " "))
	switch {
	case errors.Is(err, results.ErrLocked):
		return nil, usageError{err}
	case errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EROFS):
		return nil, usagef("output folder %s is not writable (%v): choose another with -o", dir, err)
	case err != nil:
		return nil, err
	case lock == nil:
		fmt.Fprintf(stderr, "note: the filesystem of %s has no file locks (flock): another mc writing there at the same time would not be detected\n", dir)
	}
	var removed []string
	switch {
	case lock == nil:
		// Without a lock, another writer's temporary files cannot be told
		// from stale ones: leave them.
	case exclusive:
		removed, err = results.CleanStale(dir)
	default:
		removed, err = results.CleanStaleOf(dir, ownFiles...)
	}
	if err != nil {
		lock.Unlock()
		return nil, err
	}
	if len(removed) > 0 {
		fmt.Fprintf(stderr, "note: removed %s from %s, left by an earlier mc that was killed while writing\n", strings.Join(removed, ", "), dir)
	}
	return lock, nil
}

// runFolder is an output folder held by one whole run (or merge, comparison,
// design): locked, with a staging folder for its files and a context that a
// signal cancels. Close releases all three.
type runFolder struct {
	ctx     context.Context
	staging *results.Staging
	lock    *results.Lock
	stop    context.CancelFunc
}

// openRunFolder opens dir for a whole run (see openOutput) and stages its
// files; the caller defers Close.
func openRunFolder(dir string, stderr io.Writer) (*runFolder, error) {
	lock, err := openOutput(dir, true, nil, stderr)
	if err != nil {
		return nil, err
	}
	staging, err := results.NewStaging(dir)
	if err != nil {
		lock.Unlock()
		return nil, err
	}
	ctx, stop := signalContext()
	return &runFolder{ctx: ctx, staging: staging, lock: lock, stop: stop}, nil
}

// Close removes what was staged and not published, and unlocks the folder.
func (f *runFolder) Close() {
	f.stop()
	f.staging.Abort()
	f.lock.Unlock()
}

// signalContext is cancelled by Ctrl-C or SIGTERM; it covers the computation
// and the writing of the results, which both end cleanly on a signal.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// interrupted is the error of a run stopped by a signal.
func interrupted(outDir string) error {
	return fmt.Errorf("interrupted: no results written to %s (earlier results there, if any, are unchanged)", outDir)
}

// publish writes the staged results of a run as the folder's results, with
// their manifest last; a signal before the commit point leaves the folder as
// it was.
func publish(ctx context.Context, st *results.Staging, command string, meta results.Meta, outDir string, stderr io.Writer) ([]string, error) {
	if ctx.Err() != nil {
		return nil, interrupted(outDir)
	}
	paths, err := st.Publish(results.NewManifest(command, meta), ctx.Err, func(s string) { fmt.Fprintf(stderr, "note: %s\n", s) })
	if err != nil && ctx.Err() != nil {
		return nil, interrupted(outDir)
	}
	return paths, err
}
