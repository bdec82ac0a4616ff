package results

import (
	"fmt"
	"reflect"
	"sort"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"
)

// RowGroupRows bounds the rows buffered per row group, so memory stays flat
// however long a file is.
const RowGroupRows = 1 << 16

// Meta is the key-value metadata stored in every file: the scenario text,
// seed, design, sample size, mc version and so on.
type Meta map[string]string

func (m Meta) options() []parquet.WriterOption {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	opts := []parquet.WriterOption{
		parquet.Compression(&zstd.Codec{Level: zstd.SpeedDefault}),
		parquet.MaxRowsPerRowGroup(RowGroupRows),
		createdBy(CreatedBy(m["mc.version"])),
	}
	for _, k := range keys {
		opts = append(opts, parquet.KeyValueMetadata(k, m[k]))
	}
	return opts
}

// WriteRows writes rows of a struct type T (its `parquet` tags name the
// columns) to path, atomically.
func WriteRows[T any](path string, rows []T, meta Meta) (err error) {
	f, err := CreateAtomic(path)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Abort()
		}
	}()
	w := parquet.NewGenericWriter[T](f, meta.options()...)
	for len(rows) > 0 {
		n := min(len(rows), RowGroupRows)
		if _, err := w.Write(rows[:n]); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		rows = rows[n:]
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Commit()
}

// ColumnWriter streams rows of named float64 columns after an int64 key
// column, in the column order given (a struct type is built at run time so
// that the order is kept: parquet.Group would sort the names).
type ColumnWriter struct {
	f    *AtomicFile
	w    *parquet.Writer
	row  parquet.Row
	path string
}

// NewColumnWriter creates path (atomically) with columns key (int64) and cols (double).
func NewColumnWriter(path, key string, cols []string, meta Meta) (*ColumnWriter, error) {
	fields := make([]reflect.StructField, 0, len(cols)+1)
	fields = append(fields, reflect.StructField{Name: "F0", Type: reflect.TypeFor[int64](), Tag: reflect.StructTag(fmt.Sprintf(`parquet:%q`, key))})
	for i, c := range cols {
		fields = append(fields, reflect.StructField{Name: fmt.Sprintf("F%d", i+1), Type: reflect.TypeFor[float64](), Tag: reflect.StructTag(fmt.Sprintf(`parquet:%q`, c))})
	}
	schema := parquet.SchemaOf(reflect.New(reflect.StructOf(fields)).Elem().Interface())
	f, err := CreateAtomic(path)
	if err != nil {
		return nil, err
	}
	opts := append(meta.options(), schema)
	return &ColumnWriter{f: f, w: parquet.NewWriter(f, opts...), row: make(parquet.Row, len(cols)+1), path: path}, nil
}

// Write appends rows: key[s] and cols[j][s].
func (c *ColumnWriter) Write(key []int64, cols [][]float64) error {
	rows := make([]parquet.Row, len(key))
	for s := range key {
		r := make(parquet.Row, len(cols)+1)
		r[0] = parquet.Int64Value(key[s]).Level(0, 0, 0)
		for j := range cols {
			r[j+1] = parquet.DoubleValue(cols[j][s]).Level(0, 0, j+1)
		}
		rows[s] = r
	}
	if _, err := c.w.WriteRows(rows); err != nil {
		return fmt.Errorf("%s: %w", c.path, err)
	}
	return nil
}

// Commit closes the file and gives it its final name.
func (c *ColumnWriter) Commit() error {
	if err := c.w.Close(); err != nil {
		c.f.Abort()
		return fmt.Errorf("%s: %w", c.path, err)
	}
	return c.f.Commit()
}

// Abort removes the partial file.
func (c *ColumnWriter) Abort() { c.f.Abort() }

// RowWriter streams rows of a struct type T to a file, atomically.
type RowWriter[T any] struct {
	f    *AtomicFile
	w    *parquet.GenericWriter[T]
	path string
}

// NewRowWriter creates path (atomically) for rows of type T.
func NewRowWriter[T any](path string, meta Meta) (*RowWriter[T], error) {
	f, err := CreateAtomic(path)
	if err != nil {
		return nil, err
	}
	return &RowWriter[T]{f: f, w: parquet.NewGenericWriter[T](f, meta.options()...), path: path}, nil
}

// Write appends rows.
func (r *RowWriter[T]) Write(rows []T) error {
	if _, err := r.w.Write(rows); err != nil {
		return fmt.Errorf("%s: %w", r.path, err)
	}
	return nil
}

// Commit closes the file and gives it its final name.
func (r *RowWriter[T]) Commit() error {
	if err := r.w.Close(); err != nil {
		r.f.Abort()
		return fmt.Errorf("%s: %w", r.path, err)
	}
	return r.f.Commit()
}

// Abort removes the partial file.
func (r *RowWriter[T]) Abort() { r.f.Abort() }
