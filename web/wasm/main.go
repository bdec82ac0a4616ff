//go:build js && wasm

// Command wasm is mc's engine for the explorer page, compiled to WebAssembly
// (GOOS=js GOARCH=wasm) and run in a Web Worker (web/static/worker.js). It
// registers functions on the worker's global object; each takes and returns
// JSON text: {"ok": value} or {"error": message}.
package main

import (
	"bytes"
	"encoding/json"
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

func main() {
	g := js.Global()
	// mcPresets() → [{name, text}]: the scenarios shipped with mc.
	g.Set("mcPresets", js.FuncOf(func(js.Value, []js.Value) any {
		ps := web.Presets()
		return reply(ps, nil)
	}))
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
	// mcRun(name, text) → the run's bands and charts.
	g.Set("mcRun", js.FuncOf(func(_ js.Value, a []js.Value) any {
		return reply(web.Run(a[0].String(), []byte(a[1].String())))
	}))
	// mcOpenBands(bytes) → the charts of a result folder's bands.parquet.
	g.Set("mcOpenBands", js.FuncOf(func(_ js.Value, a []js.Value) any {
		b := make([]byte, a[0].Get("length").Int())
		js.CopyBytesToGo(b, a[0])
		rows, err := parquet.Read[results.BandRow](bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return reply(nil, err)
		}
		meta := map[string]string{}
		if f, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b))); err == nil {
			for _, kv := range f.Metadata().KeyValueMetadata {
				meta[kv.Key] = kv.Value
			}
		}
		return reply(report.Build(&report.Data{Meta: meta, Bands: rows}), nil)
	}))
	g.Call("postMessage", map[string]any{"ready": true})
	select {}
}
