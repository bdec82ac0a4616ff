//go:build js && wasm

// Command wasm is mc's engine for the explorer page, compiled to WebAssembly
// (GOOS=js GOARCH=wasm) and run in a Web Worker (web/static/worker.js). It
// registers functions on the worker's global object; each takes and returns
// JSON text: {"ok": value} or {"error": message}.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"syscall/js"

	"github.com/parquet-go/parquet-go"

	"mc/report"
	"mc/results"
	"mc/web"
)

func reply(v any, err error) any {
	if err != nil {
		b, _ := json.Marshal(map[string]string{"error": err.Error()})
		return string(b)
	}
	b, err := json.Marshal(map[string]any{"ok": v})
	if err != nil {
		b, _ = json.Marshal(map[string]string{"error": err.Error()})
	}
	return string(b)
}

// readParquet reads the rows of a Parquet file given as a Uint8Array, and
// adds its key-value metadata to meta.
func readParquet[T any](v js.Value, meta map[string]string) ([]T, error) {
	b := make([]byte, v.Get("length").Int())
	js.CopyBytesToGo(b, v)
	rows, err := parquet.Read[T](bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	if f, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b))); err == nil {
		for _, kv := range f.Metadata().KeyValueMetadata {
			meta[kv.Key] = kv.Value
		}
	}
	return rows, nil
}

func main() {
	g := js.Global()
	// mcControls(name, text) → the factor controls.
	g.Set("mcControls", js.FuncOf(func(_ js.Value, a []js.Value) any {
		return reply(web.Controls(a[0].String(), []byte(a[1].String())))
	}))
	// mcApply(name, text, settingsJSON) → the scenario text of the settings.
	g.Set("mcApply", js.FuncOf(func(_ js.Value, a []js.Value) any {
		var s web.Settings
		if err := json.Unmarshal([]byte(a[2].String()), &s); err != nil {
			return reply(nil, err)
		}
		t, err := web.Apply(a[0].String(), []byte(a[1].String()), s)
		return reply(string(t), err)
	}))
	// mcRun(name, text, criteria) → the run's bands, with its criteria
	// unless criteria is false.
	g.Set("mcRun", js.FuncOf(func(_ js.Value, a []js.Value) any {
		if len(a) > 2 && a[2].Type() == js.TypeBoolean && !a[2].Bool() {
			return reply(web.RunBands(a[0].String(), []byte(a[1].String())))
		}
		return reply(web.Run(a[0].String(), []byte(a[1].String())))
	}))
	// mcChart(name, text) → the outputs the page computes bands of, and
	// those of each criterion.
	g.Set("mcChart", js.FuncOf(func(_ js.Value, a []js.Value) any {
		return reply(web.ChartOf(a[0].String(), []byte(a[1].String())))
	}))
	// mcOpenResults(bands, sobol) → the view of a result folder's
	// bands.parquet and, when given (else null), sobol.parquet.
	g.Set("mcOpenResults", js.FuncOf(func(_ js.Value, a []js.Value) any {
		d := &report.Data{Meta: map[string]string{}}
		var err error
		if d.Bands, err = readParquet[results.BandRow](a[0], d.Meta); err != nil {
			return reply(nil, fmt.Errorf("bands.parquet: %w", err))
		}
		if len(a) > 1 && !a[1].IsNull() && !a[1].IsUndefined() {
			if d.Sobol, err = readParquet[results.SobolRow](a[1], d.Meta); err != nil {
				return reply(nil, fmt.Errorf("sobol.parquet: %w", err))
			}
		}
		return reply(web.Open(d), nil)
	}))
	g.Call("postMessage", map[string]any{"ready": true})
	select {}
}
