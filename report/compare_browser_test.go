package report

import (
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mc/engine"
)

// lastPage is the page openReport opened last.
var lastPage *browserPage

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
	lastPage = bp
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
	k := len(compareMeasures)
	totals := map[string]bool{}
	for _, r := range d.Compare {
		if strings.HasSuffix(r.Output, "_total") {
			totals[r.Output] = true
		}
	}
	if len(totals) < 5 || len(doc.Compare.Outputs) != len(totals) || !slices.Equal(doc.Compare.Measures, compareMeasures) {
		t.Fatalf("compare document: %d outputs, measures %v; want the %d criterion totals compared and measures %v",
			len(doc.Compare.Outputs), doc.Compare.Measures, len(totals), compareMeasures)
	}
	count := map[string]int{}
	for _, f := range figs {
		count[f.Fig]++
		if !totals[f.Output] {
			t.Errorf("figure %s of %q: not a criterion total", f.Fig, f.Output)
		}
		switch f.Fig {
		case "relfan": // one fan per measure, 0 and −threshold in each, the measure's name
			if f.Marks["area"] != 2*k || f.Marks["line"] != k || f.Marks["rule"] != 2*k || f.Marks["text"] != k || f.Marks["legend"] != 5 {
				t.Errorf("relative-change fans of %s: marks %v, want %d areas, %d lines, %d rules, %d names, 5 legend items", f.Output, f.Marks, 2*k, k, 2*k, k)
			}
		case "preduction": // a cell per measure and year
			if f.Marks["cell"] != 31*k || f.Marks["legend"] != 6 {
				t.Errorf("P(reduction) of %s: marks %v, want %d cells (%d measures × 31 years) and 6 legend classes", f.Output, f.Marks, 31*k, k)
			}
		}
	}
	if count["relfan"] != len(totals) || count["preduction"] != len(totals) {
		t.Errorf("compare: %d relative-change figures, %d P(reduction) figures; want %d each", count["relfan"], count["preduction"], len(totals))
	}
	// The ranking tables: each criterion total in 2030 and 2050, every
	// measure once, ranked by median relative change as mc compare prints.
	type table struct {
		Output, Year string
		Measures     []string
		Medians      []float64
	}
	tables := evaluate[[]table](t, lastPage, `[...document.querySelectorAll("table.ranking")].map(t => ({Output: t.dataset.output, Year: t.dataset.year,
	  Measures: [...t.querySelectorAll("tr")].slice(1).map(r => r.cells[1].textContent.replace(" ⚠", "")),
	  Medians: [...t.querySelectorAll("tr")].slice(1).map(r => parseFloat(r.cells[2].textContent))}))`)
	if len(tables) != 2*len(totals) {
		t.Errorf("%d ranking tables, want %d (each total in 2030 and 2050)", len(tables), 2*len(totals))
	}
	ranked, _ := engine.Rank(d.Compare, slices.Sorted(maps.Keys(totals)), []int{2030, 2050})
	want := map[string][]string{}
	for _, r := range ranked {
		var ms []string
		for _, x := range r.Rows {
			ms = append(ms, x.Measure)
		}
		want[r.Output+"|"+strconv.Itoa(int(*r.Year))] = ms
	}
	for _, tb := range tables {
		if w := want[tb.Output+"|"+tb.Year]; !slices.Equal(tb.Measures, w) || !slices.IsSorted(tb.Medians) {
			t.Errorf("ranking of %s in %s: %v (medians %v), want %v by increasing median", tb.Output, tb.Year, tb.Measures, tb.Medians, w)
		}
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
