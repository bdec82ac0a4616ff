package report

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"mc/results"
)

// FileName is the report's name in a result folder.
const FileName = "report.html"

// The charting library is Observable Plot (ISC) on d3 (ISC), vendored
// minified from npm (@observablehq/plot 0.6.17, d3 7.9.2) with their licences
// in vendor/; see docs/report.md for why.
var (
	//go:embed vendor/d3.min.js
	d3JS string
	//go:embed vendor/plot.umd.min.js
	plotJS string
	//go:embed app.js
	appJS string
	//go:embed style.css
	styleCSS string
	//go:embed page.html
	pageHTML string
)

// VendorJS returns the minified d3 and Observable Plot the report embeds
// (the explorer of mc web draws with them too).
func VendorJS() (d3, plot string) { return d3JS, plotJS }

var page = template.Must(template.New("report").Parse(pageHTML))

// HTML renders the self-contained page of doc: scripts, styles and data inline.
func HTML(doc *Doc, wall float64) ([]byte, error) {
	data, err := json.Marshal(doc) // escapes <, > and &: safe inside <script>
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = page.Execute(&b, map[string]any{
		"Title": doc.Title,
		"Style": template.CSS(styleCSS),
		"D3":    template.JS(d3JS),
		"Plot":  template.JS(plotJS),
		"App":   template.JS(appJS),
		"Data":  template.JS(data),
		"Wall":  strconv.FormatFloat(wall, 'g', -1, 64),
	})
	return b.Bytes(), err
}

// Write builds the report of d and writes dir/report.html atomically.
func Write(dir string, d *Data) (string, error) {
	html, err := HTML(Build(d), d.Wall)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, FileName)
	if err := results.WriteAtomic(path, html); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return path, nil
}

var wallRe = regexp.MustCompile(`<meta name="mc-wall-seconds" content="([0-9.eE+-]+)">`)

// previousWall reads the wall time recorded in an existing report (0 if none):
// `mc report DIR` rebuilds a report without losing it.
func previousWall(path string) float64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	if len(b) > 4096 {
		b = b[:4096]
	}
	m := wallRe.FindSubmatch(b)
	if m == nil {
		return 0
	}
	w, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil || !(w > 0) {
		return 0
	}
	return w
}
