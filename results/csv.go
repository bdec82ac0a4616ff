package results

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"
)

// csvBatch is how many rows are held at once while converting: memory does
// not grow with the file.
const csvBatch = 1024

// ParquetToCSV writes the Parquet file src as the CSV file dst (atomically):
// a header of the column names, then one line per row. Numbers are written
// with the fewest digits that read back to the same float64 (NaN, +Inf, -Inf
// as such); a null (the year of a scalar output) is an empty cell. It reads
// row group by row group, csvBatch rows at a time, and stops with ctx.
func ParquetToCSV(ctx context.Context, src, dst string) (rows int64, err error) {
	pf, in, err := OpenParquet(src)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", src, err)
	}
	defer in.Close()
	cols := pf.Schema().Columns()
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = strings.Join(c, ".")
	}
	out, err := CreateAtomic(dst)
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			out.Abort()
		}
	}()
	w := csv.NewWriter(out)
	if err := w.Write(header); err != nil {
		return 0, err
	}
	buf := make([]parquet.Row, csvBatch)
	record := make([]string, len(cols))
	for _, rg := range pf.RowGroups() {
		rr := rg.Rows()
		for {
			if err := ctx.Err(); err != nil {
				rr.Close()
				return rows, err
			}
			n, rerr := rr.ReadRows(buf)
			for _, row := range buf[:n] {
				clear(record)
				for _, v := range row {
					if c := v.Column(); c >= 0 && c < len(record) {
						record[c] = cell(v)
					}
				}
				if err := w.Write(record); err != nil {
					rr.Close()
					return rows, err
				}
			}
			rows += int64(n)
			if errors.Is(rerr, io.EOF) {
				break
			}
			if rerr != nil {
				rr.Close()
				return rows, fmt.Errorf("%s: %w", src, rerr)
			}
		}
		if err := rr.Close(); err != nil {
			return rows, err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return rows, err
	}
	return rows, out.Commit()
}

// cell formats one value for CSV.
func cell(v parquet.Value) string {
	if v.IsNull() {
		return ""
	}
	switch v.Kind() {
	case parquet.Boolean:
		return strconv.FormatBool(v.Boolean())
	case parquet.Int32:
		return strconv.FormatInt(int64(v.Int32()), 10)
	case parquet.Int64:
		return strconv.FormatInt(v.Int64(), 10)
	case parquet.Float:
		return float(float64(v.Float()), 32)
	case parquet.Double:
		return float(v.Double(), 64)
	case parquet.ByteArray, parquet.FixedLenByteArray:
		return string(v.ByteArray())
	}
	return v.String()
}

func float(x float64, bits int) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "Inf"
	case math.IsInf(x, -1):
		return "-Inf"
	}
	return strconv.FormatFloat(x, 'g', -1, bits)
}
