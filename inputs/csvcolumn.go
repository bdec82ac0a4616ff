package inputs

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

// maxCSVBytes bounds the size of an empirical data file.
const maxCSVBytes = 256 << 20

// readCSVColumn reads the numbers of one column of a CSV file with a header
// row. column may be "" when the file has a single column. Errors are
// "path:line: …" or "path:line:col: …" with the column named.
func readCSVColumn(path, column string) ([]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	if st.Size() > maxCSVBytes {
		return nil, fmt.Errorf("%s: %d bytes is too large for an empirical distribution (at most %d)", path, st.Size(), maxCSVBytes)
	}
	r := csv.NewReader(io.LimitReader(f, maxCSVBytes))
	r.TrimLeadingSpace = true
	r.ReuseRecord = true

	header, err := r.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file, expected a header row naming the columns", path)
	}
	if err != nil {
		return nil, csvError(path, err)
	}
	header = slices.Clone(header)
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff") // byte order mark
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	col := -1
	switch {
	case column == "" && len(header) == 1:
		col, column = 0, header[0]
	case column == "":
		return nil, fmt.Errorf("%s:1: the file has %d columns (%s): say which one with column:", path, len(header), strings.Join(header, ", "))
	default:
		for i, h := range header {
			if h != column {
				continue
			}
			if col >= 0 {
				return nil, fmt.Errorf("%s:1: column %q appears twice in the header", path, column)
			}
			col = i
		}
		if col < 0 {
			return nil, fmt.Errorf("%s:1: no column %q (columns: %s)", path, column, strings.Join(header, ", "))
		}
	}

	var values []float64
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(path, err)
		}
		line, c := r.FieldPos(col)
		cell := strings.TrimSpace(rec[col])
		if cell == "" {
			return nil, fmt.Errorf("%s:%d:%d: column %q: empty cell (missing values are not allowed)", path, line, c, column)
		}
		v, err := strconv.ParseFloat(cell, 64)
		if err != nil || !isFinite(v) {
			return nil, fmt.Errorf("%s:%d:%d: column %q: expected a finite number, got %q", path, line, c, column, cell)
		}
		values = append(values, v)
	}
	if len(values) == 0 {
		return nil, fmt.Errorf("%s: column %q has no values below its header", path, column)
	}
	return values, nil
}

// csvError rewrites encoding/csv's "record on line 3: wrong number of
// fields" as "path:3: …".
func csvError(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d:%d: %v", path, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("%s: %v", path, err)
}
