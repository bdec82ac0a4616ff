package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

	"mc/report"
)

// The page, and the engine when it was built: `make build` (or `go generate
// ./web`) compiles web/wasm to static/engine.wasm and copies Go's
// wasm_exec.js beside it before building mc. Both are generated, not
// committed; without them the page says how to build them.
//
// The engine is stored gzip-compressed (30 MB → 7 MB): served as such to
// browsers, which all accept gzip, and written uncompressed by Export.
//
//go:generate sh -c "GOOS=js GOARCH=wasm go build -trimpath -ldflags=-s -o static/engine.wasm ./wasm && gzip -9 -f static/engine.wasm && cp \"$(go env GOROOT)/lib/wasm/wasm_exec.js\" static/"
//go:embed static
var static embed.FS

// Files lists the explorer's files (path → contents), with the initial
// scenario (start.json: the scenario given, else the default, with the
// presets and measure variants) and the charting library.
func Files(initialName string, initial []byte) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := fs.WalkDir(static, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := static.ReadFile(p)
		files[strings.TrimPrefix(p, "static/")] = b
		return err
	})
	if err != nil {
		return nil, err
	}
	d3, plot := report.VendorJS()
	files["d3.min.js"], files["plot.umd.min.js"] = []byte(d3), []byte(plot)
	if files["start.json"], err = startJSON(initialName, initial); err != nil {
		return nil, err
	}
	return files, nil
}

// HasEngine reports whether the WebAssembly engine is embedded.
func HasEngine() bool {
	_, err := static.ReadFile("static/" + wasmGz)
	return err == nil
}

const wasmGz = "engine.wasm.gz"

// Handler serves the files. Each response carries an ETag (a hash of its
// contents) and is revalidated (no-cache): a reload gets 304 Not Modified,
// and the browser reuses its cached copy of the engine, with the machine
// code it compiled from it (Chromium caches the code of a WebAssembly module
// compiled while streaming with its HTTP cache entry).
func Handler(files map[string][]byte) http.Handler {
	tags := map[string]string{}
	for p, b := range files {
		h := sha256.Sum256(b)
		tags[p] = `"` + hex.EncodeToString(h[:12]) + `"`
	}
	serve := func(w http.ResponseWriter, r *http.Request, tag string, b []byte) {
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("ETag", tag)
		if r.Header.Get("If-None-Match") == tag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write(b)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if p == "" {
			p = "index.html"
		}
		if p == "engine.wasm" {
			w.Header().Set("Vary", "Accept-Encoding")
		}
		if gz, ok := files[wasmGz]; ok && p == "engine.wasm" && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Header().Set("Content-Type", "application/wasm")
			w.Header().Set("Content-Encoding", "gzip")
			serve(w, r, tags[wasmGz], gz)
			return
		}
		b, ok := files[p]
		tag := tags[p]
		if !ok && p == "engine.wasm" {
			if b, ok = gunzip(files[wasmGz]); !ok {
				http.Error(w, "cannot decompress the engine", http.StatusInternalServerError)
				return
			}
			tag = strings.TrimSuffix(tags[wasmGz], `"`) + `-plain"`
		}
		if !ok {
			http.NotFound(w, r)
			return
		}
		if ct := contentType(p); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		serve(w, r, tag, b)
	})
}

func contentType(p string) string {
	switch path.Ext(p) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".wasm":
		return "application/wasm"
	case ".json":
		return "application/json"
	}
	return ""
}

// Export writes the files to dir: a static site any web server serves.
func Export(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for p, b := range files {
		if p == wasmGz { // static servers do not set Content-Encoding: write it plain
			var ok bool
			if b, ok = gunzip(b); !ok {
				return fmt.Errorf("export: cannot decompress the engine")
			}
			p = "engine.wasm"
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(p)), b, 0o644); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	return nil
}

func gunzip(b []byte) ([]byte, bool) {
	if b == nil {
		return nil, false
	}
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, false
	}
	out, err := io.ReadAll(r)
	return out, err == nil
}
