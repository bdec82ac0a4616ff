package web

import (
	"context"
	"fmt"
	"math"
	"mc/report"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"mc/engine"
	"mc/inputs"
	"mc/results"
)

func browser(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(n); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		t.Skip("no chromium on PATH (scripts/test-setup.sh installs it)")
	}
	if !HasEngine() {
		t.Skip("the WebAssembly engine is not built: run `make build` (go generate ./web) first")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.WindowSize(1200, 1000))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 240*time.Second)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	return ctx
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%.80s: %v", js, err)
	}
	return v
}

// waitFor polls a JavaScript condition.
func waitFor(t *testing.T, ctx context.Context, cond string, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !eval[bool](t, ctx, cond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s (status: %s)", d, cond, eval[string](t, ctx, `document.getElementById("status").textContent`))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

type pageRun struct {
	Scenario string            `json:"scenario"`
	N        int               `json:"n"`
	Bands    []results.BandRow `json:"bands"`
}

// The explorer loads, a slider changes the fan chart, and the scenario the
// page would download, run natively as `mc run` runs it, gives the page's
// numbers to 1e-12 (relative): the engine is the same code, but math.Exp and
// math.Pow are assembly on amd64 and pure Go in WebAssembly, and may differ
// in the last bit.
func TestExplorerInChromium(t *testing.T) {
	ctx := browser(t)
	files, err := Files("", nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler(files))
	defer srv.Close()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `!!(window.mcState && mcState.current)`, 120*time.Second)
	first := eval[float64](t, ctx, `mcState.firstChartMs`)
	t.Logf("first chart %.0f ms after the page started (N = %d)", first, eval[int](t, ctx, `mcState.current.n`))
	waitFor(t, ctx, `mcState.idle === mcState.gen`, 120*time.Second)
	t.Logf("refinement of the default scenario (run time per N; bands of the totals and intensities): %s",
		eval[string](t, ctx, `mcState.steps.map(s => "N = " + s.n + ": " + s.ms.toFixed(0) + " ms (" + Math.round(s.n / s.ms * 1000) + " samples/s)").join(", ")`))
	before := eval[string](t, ctx, `document.querySelector("#fan .main svg").outerHTML`)
	// The first criterion of AI model v2 is FE_total, with its 5 intensities
	// (per service, per TB stored and processed, per GB carried, marginal and
	// average allocation).
	if c, n := eval[string](t, ctx, `document.getElementById("criterion").value`), eval[int](t, ctx, `document.querySelectorAll("#fan .intensity svg").length`); c != "FE_total" || n != 5 {
		t.Errorf("%d intensity fans beside %s, want 5 beside FE_total", n, c)
	}

	// Hold a lever at its 99 % quantile.
	lever := eval[string](t, ctx, `(() => { const c = mcState.controls.find(c => c.group === "lever:sufficiency" && !c.fixed); const r = document.querySelector('.factor[data-factor="' + c.name + '"] input'); r.value = 99; r.dispatchEvent(new Event("input")); return c.name; })()`)
	waitFor(t, ctx, `mcState.idle === mcState.gen && mcState.current.scenario.includes("fixed:")`, 180*time.Second)
	after := eval[string](t, ctx, `document.querySelector("#fan .main svg").outerHTML`)
	if before == after {
		t.Errorf("holding %s at its 99 %% quantile did not change the fan chart", lever)
	}
	run := eval[pageRun](t, ctx, `({scenario: mcState.current.scenario, n: mcState.current.n, bands: mcState.current.bands})`)
	t.Logf("page refined to N = %d; %s held", run.N, lever)
	if !strings.Contains(run.Scenario, lever) || run.N != 4096 {
		t.Fatalf("page state: N = %d, scenario %.200s", run.N, run.Scenario)
	}

	// mc run on the downloaded scenario (same engine, natively, all workers).
	sc, err := inputs.Parse("scenario.yaml", []byte(run.Scenario))
	if err != nil {
		t.Fatal(err)
	}
	p, err := engine.NewPlan(sc, engine.Overrides{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := engine.Run(context.Background(), p, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tb, err := out.Tables()
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Bands) != len(run.Bands) || len(tb.Bands) == 0 {
		t.Fatalf("mc run gives %d band rows, the page %d", len(tb.Bands), len(run.Bands))
	}
	worst, identical := 0.0, 0
	for i, a := range tb.Bands {
		b := run.Bands[i]
		va := []float64{a.Mean, a.SD, a.Min, a.Max, a.Q2_5, a.Q5, a.Q25, a.Q50, a.Q75, a.Q95, a.Q97_5}
		vb := []float64{b.Mean, b.SD, b.Min, b.Max, b.Q2_5, b.Q5, b.Q25, b.Q50, b.Q75, b.Q95, b.Q97_5}
		if a.Output != b.Output || *a.Year != *b.Year || a.N != b.N {
			t.Fatalf("row %d: %s %d (n %d) vs %s %d (n %d)", i, a.Output, *a.Year, a.N, b.Output, *b.Year, b.N)
		}
		for j := range va {
			if va[j] == vb[j] {
				identical++
				continue
			}
			rel := math.Abs(va[j]-vb[j]) / math.Max(math.Abs(va[j]), math.Abs(vb[j]))
			worst = max(worst, rel)
		}
	}
	t.Logf("page vs mc run: %d of %d values identical to the bit, largest relative difference %.3g", identical, 11*len(tb.Bands), worst)
	if worst > 1e-12 {
		t.Errorf("page and mc run differ by %.3g (relative), more than 1e-12", worst)
	}

	// The lever ranking refines in the background: one ST bar per group.
	waitFor(t, ctx, `mcState.ranked === mcState.gen`, 180*time.Second)
	groups := eval[int](t, ctx, `new Set(mcState.controls.filter(c => !c.fixed && !(c.name in mcState.held)).map(c => c.group)).size`)
	if bars := eval[int](t, ctx, `document.querySelectorAll('#ranking g[aria-label="bar"] rect').length`); bars != groups || groups < 2 {
		t.Errorf("lever ranking: %d bars for %d groups", bars, groups)
	}
	if dir := os.Getenv("MC_SCREENSHOT_DIR"); dir != "" {
		b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "explorer.png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// The "download scenario" button saves exactly the scenario the page ran.
	dl := t.TempDir()
	done := make(chan string, 1)
	if err := chromedp.ListenBrowser(ctx, func(ev any) {
		if e, ok := ev.(*cdpbrowser.EventDownloadProgress); ok && e.State == cdpbrowser.DownloadProgressStateCompleted {
			select {
			case done <- e.GUID:
			default:
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	yes := true
	if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dl, EventsEnabled: &yes}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#download"))); err != nil {
		t.Fatal(err)
	}
	select {
	case guid := <-done:
		saved, err := os.ReadFile(filepath.Join(dl, guid))
		if err != nil {
			t.Fatal(err)
		}
		if string(saved) != run.Scenario {
			t.Errorf("the downloaded scenario differs from the one the page ran")
		}
	case <-time.After(30 * time.Second):
		t.Errorf("download scenario: no file after 30 s")
	}

	// Open a result folder's bands.parquet in the page (read by the engine in WebAssembly).
	dir := t.TempDir()
	if _, err := tb.Write(dir, out.Meta()); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#openfile"), []string{filepath.Join(dir, "bands.parquet")})); err != nil {
		t.Fatal(err)
	}
	if n := eval[int](t, ctx, `document.getElementById("openfile").files.length`); n != 1 {
		t.Fatalf("%d files chosen, want 1", n)
	}
	// One fan per criterion total (7 for AI model v2: FE, PE, GWP, GWPmb, WATER, WSF, ADPe).
	crit := len(report.Build(&report.Data{Meta: out.Meta(), Bands: tb.Bands}).Criteria)
	if crit != 7 {
		t.Errorf("%d criteria in the opened results, want 7", crit)
	}
	waitFor(t, ctx, fmt.Sprintf(`document.querySelectorAll("#opened svg").length === %d`, crit), 60*time.Second)
}

// The exported static site works from a plain static file server.
func TestExportedSiteInChromium(t *testing.T) {
	ctx := browser(t)
	files, err := Files("", nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := Export(dir, files); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/index.html")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `!!(window.mcState && mcState.current) && document.querySelectorAll("#fan .main svg g[aria-label=area] path").length === 3`, 120*time.Second)
}

// Without the engine (an mc built by `go build` alone), the page says how to build it.
func TestPageWithoutEngineSaysHowToBuildIt(t *testing.T) {
	ctx := browser(t)
	files, err := Files("", nil)
	if err != nil {
		t.Fatal(err)
	}
	delete(files, "engine.wasm.gz")
	srv := httptest.NewServer(Handler(files))
	defer srv.Close()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `!document.getElementById("missing").hidden`, 30*time.Second)
	if msg := eval[string](t, ctx, `document.getElementById("missing").textContent`); !strings.Contains(msg, "make build") {
		t.Errorf("message %q does not say how to build the engine", msg)
	}
}
