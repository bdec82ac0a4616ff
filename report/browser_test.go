package report

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mc/inputs"
	"mc/scenarios"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium finds a Chromium binary; the test set-up script installs Debian's.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("MC_REQUIRE_BROWSER") != "" {
		t.Fatal("no chromium on PATH (scripts/test-setup.sh installs it)")
	}
	t.Skip("no chromium on PATH (scripts/test-setup.sh installs it)")
	return ""
}

// browserPage opens a page in headless Chromium and records console errors,
// uncaught exceptions, log errors (CSP violations) and every network request.
type browserPage struct {
	ctx      context.Context
	mu       sync.Mutex
	errs     []string
	requests []string
	done     map[string]bool // download GUIDs completed
	started  []string        // suggested names of the downloads begun
	dlDir    string
}

func openBrowser(t *testing.T, width, height int64) *browserPage {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.WindowSize(int(width), int(height)),
		chromedp.Flag("allow-file-access-from-files", false),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	bp := &browserPage{done: map[string]bool{}, dlDir: t.TempDir()}
	listen := func(ev any) {
		bp.mu.Lock()
		defer bp.mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				bp.errs = append(bp.errs, fmt.Sprintf("console.%s: %s", e.Type, strings.Join(args, " ")))
			}
		case *runtime.EventExceptionThrown:
			d := e.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			bp.errs = append(bp.errs, fmt.Sprintf("exception at %d:%d: %s", d.LineNumber, d.ColumnNumber, msg))
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError || e.Entry.Level == cdplog.EntryLevelWarning {
				bp.errs = append(bp.errs, fmt.Sprintf("log %s: %s %s", e.Entry.Source, e.Entry.Text, e.Entry.URL))
			}
		case *network.EventRequestWillBeSent:
			bp.requests = append(bp.requests, e.Request.URL)
		case *browser.EventDownloadWillBegin:
			bp.started = append(bp.started, e.SuggestedFilename)
		case *browser.EventDownloadProgress:
			switch e.State {
			case browser.DownloadProgressStateCompleted:
				bp.done[e.GUID] = true
			case browser.DownloadProgressStateCanceled:
				bp.errs = append(bp.errs, "download canceled: "+e.GUID)
			}
		}
	}
	ctx, cancelC := chromedp.NewContext(actx, chromedp.WithListener(listen))
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	bp.ctx = ctx
	if err := chromedp.ListenBrowser(ctx, listen); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		call(ctx, network.Enable, network.EnableParams{}),
		call(ctx, cdplog.Enable, cdp.Empty{}),
		call(ctx, runtime.Enable, cdp.Empty{}),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	yes := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: bp.dlDir, EventsEnabled: &yes}); err != nil {
		t.Fatal(err)
	}
	return bp
}

func call[P, R any](ctx context.Context, cmd cdp.Command[P, R], p P) error {
	_, err := chromedp.Call(ctx, cmd, p)
	return err
}

// evaluate runs JavaScript in the page and decodes its result.
func evaluate[T any](t *testing.T, bp *browserPage, js string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	v, err := chromedp.Run(bp.ctx, chromedp.Evaluate[T](js, opts...))
	if err != nil {
		t.Fatalf("evaluate %.60s…: %v", js, err)
	}
	return v
}

// click clicks with the mouse on the element a JavaScript expression gives.
func click(t *testing.T, bp *browserPage, js string) {
	t.Helper()
	if err := chromedp.Do(bp.ctx, chromedp.Click(chromedp.JSPath(js))); err != nil {
		t.Fatalf("click %s: %v", js, err)
	}
}

// figureMarks is what the page reports of one figure.
type figureMarks struct {
	Fig    string         `json:"fig"`
	Output string         `json:"output"`
	Year   string         `json:"year"`
	Marks  map[string]int `json:"marks"`
}

// countMarks lists every figure with the number of SVG elements of each of
// Plot's marks (Plot labels a mark's group with aria-label) and legend swatches.
const countMarks = `[...document.querySelectorAll("figure.fig")].map(f => {
  const svg = f.querySelector(".body svg");
  const n = (sel) => svg ? svg.querySelectorAll(sel).length : -1;
  return {fig: f.dataset.fig, output: f.dataset.output, year: f.dataset.year || "",
    marks: {area: n('g[aria-label="area"] path'), line: n('g[aria-label="line"] path'),
      bar: n('g[aria-label="bar"] rect'), rule: n('g[aria-label="rule"] line'),
      dot: n('g[aria-label="dot"] circle'), text: n('g[aria-label="text"] text'), cell: n('g[aria-label="cell"] rect'),
      legend: n('g[aria-label="legend"] > g.swatch')}};
})`

// expectedMarks is what each figure of doc must draw.
func expectedMarks(doc *Doc) map[string]map[string]int {
	want := map[string]map[string]int{}
	fan := func(key string, f Fan, extraRules int) {
		nref := 0
		for _, r := range f.Refs {
			if r.Year != 0 {
				nref++
			}
		}
		legend := 3
		if nref > 0 {
			legend++
		}
		want[key] = map[string]int{"area": 2, "line": 1, "rule": 1 + nref + extraRules, "dot": nref, "legend": legend}
	}
	for _, c := range doc.Criteria {
		fan("fan|"+c.Total.Output, c.Total, 0)
		for _, s := range []*Stack{c.Components, c.Phases} {
			if s != nil {
				want["stack|"+c.Total.Output+":"+s.Title] = map[string]int{"area": len(s.Parts), "legend": len(s.Parts)}
			}
		}
		for _, f := range c.Intensities {
			fan("fan|"+f.Output, f, 0)
		}
		if len(c.Intensities) > 0 {
			want["trend|"+c.Total.Output+":trend"] = map[string]int{"line": 1 + len(c.Intensities), "legend": 1 + len(c.Intensities)}
		}
	}
	for _, f := range doc.Outputs {
		if len(f.Refs) > 0 {
			fan("fan|"+f.Output, f, 0)
		}
	}
	for _, s := range doc.Sobol {
		sets := len(s.Aggregate)
		if sets > 0 {
			// S1 and ST bars and intervals per set, and the zero rule in each set's facet.
			want["bars|"+s.Output+"|aggregate"] = map[string]int{"bar": 2 * sets, "rule": 3 * sets, "legend": 3}
		}
		if len(s.Ribbons) > 0 {
			want["ribbons|"+s.Output] = map[string]int{"area": len(s.Top), "line": len(s.Top), "rule": 1, "legend": len(s.Top)}
		}
		for y := range s.Conv {
			if y == "2030" {
				want["conv|"+s.Output+"|"+y] = map[string]int{"area": len(s.Top), "line": len(s.Top), "rule": 1, "legend": len(s.Top)}
			}
		}
	}
	if len(doc.Outputs) > 0 {
		c := doc.Criteria[0].Total
		fan("explore|"+c.Output, c, 0)
	}
	return want
}

func (bp *browserPage) check(t *testing.T) {
	t.Helper()
	bp.mu.Lock()
	defer bp.mu.Unlock()
	for _, e := range bp.errs {
		t.Errorf("browser: %s", e)
	}
	for _, u := range bp.requests {
		if !strings.HasPrefix(u, "file:") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			t.Errorf("network request to %s (the report must work offline)", u)
		}
	}
}

func TestReportInChromium(t *testing.T) {
	d := defaultRun(t)
	dir := t.TempDir()
	path, err := Write(dir, d)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	t.Logf("report.html of the default run: %d bytes", st.Size())
	if st.Size() > 2<<20 {
		t.Errorf("report.html is %d bytes, want < 2 MiB", st.Size())
	}
	doc := Build(d)
	bp := openBrowser(t, 1040, 1400)
	u := (&url.URL{Scheme: "file", Path: path}).String()
	if err := chromedp.Do(bp.ctx, chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`))); err != nil {
		t.Fatal(err)
	}
	figs := evaluate[[]figureMarks](t, bp, countMarks)
	bp.check(t)

	// Every figure has the expected number of series and marks.
	want := expectedMarks(doc)
	seen := map[string]bool{}
	for _, f := range figs {
		key := f.Fig + "|" + f.Output
		if f.Year != "" {
			key += "|" + f.Year
		}
		for k, n := range f.Marks {
			if n < 0 {
				t.Errorf("figure %s has no SVG", key)
				break
			}
			_ = k
		}
		w, ok := want[key]
		if !ok {
			continue
		}
		seen[key] = true
		for mark, n := range w {
			if f.Marks[mark] != n {
				t.Errorf("figure %s: %d %s marks, want %d", key, f.Marks[mark], mark, n)
			}
		}
	}
	for key := range want {
		if !seen[key] {
			t.Errorf("figure %s is missing from the page", key)
		}
	}
	// The default scenario (AI model v2) has 7 criteria (FE, PE, GWP,
	// GWPmb, WATER, WSF, ADPe), each with components, intensities where the
	// model has them, and the reference values and factors of the scenario.
	name, text := scenarios.Default()
	sc, err := inputs.Parse(name, text)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Criteria) != 7 || len(doc.References) != len(sc.References) || len(doc.Sobol) == 0 || len(doc.Factors) != len(sc.Factors) {
		t.Errorf("default run: %d criteria, %d references, %d index outputs, %d factors; want 7, %d, >0, %d",
			len(doc.Criteria), len(doc.References), len(doc.Sobol), len(doc.Factors), len(sc.References), len(sc.Factors))
	}

	// Each SVG download button yields a valid SVG.
	nButtons := evaluate[int](t, bp, `document.querySelectorAll("figure.fig button.svg").length`)
	if nButtons != len(figs) {
		t.Errorf("%d SVG buttons for %d figures", nButtons, len(figs))
	}
	// Clicks as user gestures, one download at a time: Chromium holds back
	// several downloads started by script without a gesture.
	// Chromium also limits the downloads of one page load: reload every few.
	for i := range nButtons {
		if i > 0 && i%5 == 0 {
			if err := chromedp.Do(bp.ctx, chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`))); err != nil {
				t.Fatal(err)
			}
		}
		click(t, bp, fmt.Sprintf(`document.querySelectorAll("figure.fig button.svg")[%d]`, i))
		bp.waitDownloads(t, i+1)
	}
	click(t, bp, `document.querySelector("figure.fig button.png")`)
	files := bp.waitDownloads(t, nButtons+1)
	svgs, pngs := 0, 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
			pngs++
			continue
		}
		if err := validSVG(b); err != nil {
			t.Errorf("download %s: %v", filepath.Base(f), err)
			continue
		}
		svgs++
	}
	if svgs != nButtons || pngs != 1 {
		t.Errorf("downloads: %d valid SVGs and %d PNGs, want %d and 1", svgs, pngs, nButtons)
	}
	bp.check(t)

	if shots := os.Getenv("MC_SCREENSHOT_DIR"); shots != "" {
		screenshots(t, bp, shots)
	}
}

// waitDownloads waits until n downloads have completed and returns their files.
func (bp *browserPage) waitDownloads(t *testing.T, n int) []string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		bp.mu.Lock()
		got := len(bp.done)
		var files []string
		for g := range bp.done {
			files = append(files, filepath.Join(bp.dlDir, g))
		}
		bp.mu.Unlock()
		if got >= n {
			return files
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d downloads completed (begun: %v; errors %v)", got, n, bp.started, bp.errs)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// validSVG checks that b is well-formed XML whose root is an <svg> in the SVG
// namespace with a size, holding drawn elements.
func validSVG(b []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(b))
	depth, shapes := 0, 0
	var root *xml.StartElement
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("not well-formed XML: %w", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				if root != nil {
					return fmt.Errorf("two root elements")
				}
				s := e.Copy()
				root = &s
			}
			switch e.Name.Local {
			case "path", "rect", "line", "circle", "text":
				shapes++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if root == nil || root.Name.Local != "svg" || root.Name.Space != "http://www.w3.org/2000/svg" {
		return fmt.Errorf("root element is not an SVG <svg>: %v", root)
	}
	var w, h bool
	for _, a := range root.Attr {
		w = w || a.Name.Local == "width"
		h = h || a.Name.Local == "height"
	}
	if !w || !h || shapes == 0 {
		return fmt.Errorf("svg without width, height or shapes (%d shapes)", shapes)
	}
	return nil
}

// screenshots saves the top of the report and each section as PNG files in dir.
func screenshots(t *testing.T, bp *browserPage, dir string) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(bp.ctx, chromedp.EmulateViewport(1040, 1400), chromedp.ScrollIntoView(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	top, err := chromedp.Run(bp.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "report.png"), top, 0o644); err != nil {
		t.Fatal(err)
	}
	// The first figure of each kind, and the tables.
	kinds := evaluate[[]string](t, bp, `[...new Set([...document.querySelectorAll("figure.fig")].map(f => f.dataset.fig))]`)
	for _, k := range kinds {
		b, err := chromedp.Run(bp.ctx, chromedp.Screenshot(chromedp.CSS(`figure.fig[data-fig="`+k+`"]`)))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "figure-"+k+".png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A fan chart with reference values drawn on it.
	if b, err := chromedp.Run(bp.ctx, chromedp.Screenshot(chromedp.JSPath(`[...document.querySelectorAll('figure.fig[data-fig="fan"]')].find(f => f.querySelector('g[aria-label="dot"]'))`))); err == nil {
		if err := os.WriteFile(filepath.Join(dir, "figure-fan-references.png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, sel := range []string{"#references table", "#factors"} {
		b, err := chromedp.Run(bp.ctx, chromedp.Screenshot(chromedp.CSS(sel)))
		if err != nil {
			continue // not in every report
		}
		if err := os.WriteFile(filepath.Join(dir, "table-"+strings.Trim(strings.Fields(sel)[0], "#")+".png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
