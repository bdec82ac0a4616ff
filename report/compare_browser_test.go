package report

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"mc/engine"
)

// openReport writes d's report, opens it and checks it loads cleanly.
func openReport(t *testing.T, d *Data, shots, prefix string) []figureMarks {
	t.Helper()
	path, err := Write(t.TempDir(), d)
	if err != nil {
		t.Fatal(err)
	}
	bp := openBrowser(t, 1040, 1400)
	u := (&url.URL{Scheme: "file", Path: path}).String()
	if err := chromedp.Do(bp.ctx, chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`))); err != nil {
		t.Fatal(err)
	}
	figs := evaluate[[]figureMarks](t, bp, countMarks)
	bp.check(t)
	if shots != "" {
		kinds := evaluate[[]string](t, bp, `[...new Set([...document.querySelectorAll("figure.fig")].map(f => f.dataset.fig))]`)
		for _, k := range kinds {
			b, err := chromedp.Run(bp.ctx, chromedp.Screenshot(chromedp.CSS(`figure.fig[data-fig="`+k+`"]`)))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(shots, prefix+"-"+k+".png"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return figs
}

// The reports of a comparison (ai-global against its levers variant) and of
// a Morris run (ishigami) draw their own charts.
func TestCompareAndMorrisReportsInChromium(t *testing.T) {
	chromium(t)
	shots := os.Getenv("MC_SCREENSHOT_DIR")
	d := compareRun(t)
	figs := openReport(t, d, shots, "compare")
	doc := Build(d)
	count := map[string]int{}
	for _, f := range figs {
		count[f.Fig]++
		switch f.Fig {
		case "relfan":
			if f.Marks["area"] != 2 || f.Marks["line"] != 1 || f.Marks["rule"] != 2 {
				t.Errorf("relative-change fan of %s: marks %v, want 2 areas, 1 line, 2 rules (0 and the threshold)", f.Output, f.Marks)
			}
		case "preduction":
			if f.Marks["line"] != 1 || f.Marks["dot"] != 31 {
				t.Errorf("P(reduction) of %s: marks %v, want 1 line and 31 years", f.Output, f.Marks)
			}
		}
	}
	if n := len(doc.Compare.Outputs); n != 5 || count["relfan"] != n || count["preduction"] != n {
		t.Errorf("compare: %d outputs, %d relative fans, %d P(reduction) charts; want 5 each", n, count["relfan"], count["preduction"])
	}

	text, err := os.ReadFile(filepath.Join("..", "scenarios", "ishigami.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := run("ishigami.yaml", text, engine.Overrides{Samples: 64, Method: "morris"})
	if err != nil {
		t.Fatal(err)
	}
	figs = openReport(t, m, shots, "morris")
	if len(figs) != 1 || figs[0].Fig != "morris" || figs[0].Marks["dot"] != 3 || figs[0].Marks["rule"] != 3 || figs[0].Marks["text"] != 3 {
		t.Errorf("morris report figures %+v, want one μ*–σ chart with 3 factors (dots, intervals, labels)", figs)
	}
}
