package results

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// LockName is the lock file of a result folder.
const LockName = ".mc.lock"

// Lock is a flock(2) on a result folder's lock file. The kernel releases it
// when the holder exits, however it exits (even SIGKILL), so a lock is never
// stale: a leftover lock file of a killed process does not block anyone.
//
// A whole run or a merge holds the lock exclusively: one writer per folder.
// Shards of one run write their state files into one folder at the same
// time, so they share it: shards may run together, but not while a whole run
// or a merge writes there, nor it while they run.
type Lock struct {
	f         *os.File
	path      string
	exclusive bool
}

// ErrLocked is wrapped by the error of a folder already locked by another process.
var ErrLocked = errors.New("the folder is in use")

// LockFolder locks dir for writing (exclusive) or for a shard (shared),
// without waiting: if another mc holds it, the error names the folder and,
// when known, the holder (pid, host, command, start time). what describes
// this process for the next one that finds the folder locked. Filesystems
// without flock give a nil Lock and a nil error (see Unsupported).
func LockFolder(dir string, exclusive bool, what string) (*Lock, error) {
	path := filepath.Join(dir, LockName)
	how := lockSH
	if exclusive {
		how = lockEX
	}
	for attempt := 0; ; attempt++ {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o666)
		if errors.Is(err, os.ErrPermission) {
			// A lock file left by a collaborator's killed run, not ours to
			// write: flock works on a read-only descriptor too (the holder
			// then just does not say who it is).
			f, err = os.Open(path)
		}
		if err != nil {
			return nil, err
		}
		if err := flock(f, how|lockNB); err != nil {
			f.Close()
			if errors.Is(err, errWouldBlock) {
				return nil, lockedError(dir, path, exclusive)
			}
			if unsupported(err) {
				return nil, nil
			}
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
		// The previous exclusive holder removes the file when it is done:
		// if it did between our open and our flock, we locked a removed
		// file, and must lock the one now at the path.
		if same, err := samePath(f, path); err != nil || !same {
			f.Close()
			if attempt < 100 {
				continue
			}
			return nil, fmt.Errorf("locking %s: the lock file keeps changing", path)
		}
		l := &Lock{f: f, path: path, exclusive: exclusive}
		// An exclusive holder says who it is; a shard finds only stale
		// words of an exclusive holder that has exited, and clears them.
		f.Truncate(0)
		if exclusive {
			host, _ := os.Hostname()
			fmt.Fprintf(f, "pid %d on %s since %s: %s\n", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339), what)
		}
		return l, nil
	}
}

func samePath(f *os.File, path string) (bool, error) {
	fi, err := f.Stat()
	if err != nil {
		return false, err
	}
	pi, err := os.Stat(path)
	if err != nil {
		return false, nil
	}
	return os.SameFile(fi, pi), nil
}

func lockedError(dir, path string, exclusive bool) error {
	holder := ""
	if b, err := os.ReadFile(path); err == nil {
		holder = strings.TrimSpace(string(b))
	}
	switch {
	case holder != "":
		holder = "another mc (" + holder + ")"
	case exclusive:
		holder = "shards of a run (mc run --shard) still running"
	default:
		holder = "another mc (a whole run or a merge)"
	}
	return fmt.Errorf("%w: %s is being written by %s: wait for it to finish, or write to another folder (-o)", ErrLocked, dir, holder)
}

// Unlock releases the lock. The last holder removes the lock file, so that a
// finished run leaves only its results: the exclusive holder always, a shard
// when it can take the lock exclusively (no other shard holds it). Unlock on
// nil does nothing.
func (l *Lock) Unlock() {
	if l == nil || l.f == nil {
		return
	}
	if l.exclusive || flock(l.f, lockEX|lockNB) == nil {
		os.Remove(l.path) // before the unlock: see LockFolder
	}
	l.f.Close() // releases the flock
	l.f = nil
}
