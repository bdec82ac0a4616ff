//go:build !unix

package results

import (
	"errors"
	"os"
)

// Without flock(2) (the WebAssembly build of mc web, which writes no result
// folder; Windows) a folder is never locked: LockFolder returns a nil Lock,
// as on a filesystem without locks.
const (
	lockSH = 1
	lockEX = 2
	lockNB = 4
)

var errWouldBlock = errors.New("locked")

func flock(*os.File, int) error { return errors.ErrUnsupported }

func unsupported(err error) bool { return errors.Is(err, errors.ErrUnsupported) }
