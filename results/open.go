package results

import (
	"errors"
	"fmt"
	"os"

	"github.com/parquet-go/parquet-go"
)

// ErrNotParquet is wrapped by the error of OpenParquet for a file that
// opens but is not Parquet.
var ErrNotParquet = errors.New("not a Parquet file")

// OpenParquet opens the Parquet file at path for reading; close f when done
// with pf.
func OpenParquet(path string, opts ...parquet.FileOption) (pf *parquet.File, f *os.File, err error) {
	f, err = os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err == nil {
		pf, err = parquet.OpenFile(f, st.Size(), opts...)
		if err != nil {
			err = fmt.Errorf("%w: %v", ErrNotParquet, err)
		}
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return pf, f, nil
}
