//go:build !js

package web

import (
	"context"
	"fmt"
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
	"mc/scenarios"
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
	openExplorer(t, ctx)
	waitFor(t, ctx, `!!(window.mcState && mcState.current)`, 120*time.Second)
	t.Logf("first chart %.0f ms after the page started (N = %d, computed natively by mc web: start.json)", eval[float64](t, ctx, `mcState.firstChartMs`), eval[int](t, ctx, `mcState.current.n`))
	waitFor(t, ctx, `!!mcState.firstPair`, 120*time.Second)
	t.Logf("first chart of the page's engine (WebAssembly) %.0f ms after the page started; its run: %s", eval[float64](t, ctx, `mcState.times.engineChart`), eval[string](t, ctx, `JSON.stringify(mcState.steps[0])`))
	t.Logf("start, ms after the page started: %s", eval[string](t, ctx, `Object.entries(mcState.times).sort((a, b) => a[1] - b[1]).map(([k, v]) => k + " " + v.toFixed(0)).join(", ")`))
	// The first chart, computed natively, is the page's first run: same
	// scenario text, and the same bands to 1e-12.
	native := eval[pageRun](t, ctx, `({scenario: mcState.firstPair.native.scenario, n: mcState.firstPair.native.n, bands: mcState.firstPair.native.bands})`)
	wasm := eval[pageRun](t, ctx, `({scenario: mcState.firstPair.wasm.scenario, n: mcState.firstPair.wasm.n, bands: mcState.firstPair.wasm.bands})`)
	if native.Scenario != wasm.Scenario || native.N != FirstN || wasm.N != FirstN {
		t.Errorf("first chart: native N = %d, page N = %d, same scenario %v", native.N, wasm.N, native.Scenario == wasm.Scenario)
	}
	same, all, worst := agree(t, native.Bands, wasm.Bands)
	t.Logf("first chart, native vs the page's engine: %d of %d values identical to the bit, largest relative difference %.3g", same, all, worst)
	if worst > 1e-12 {
		t.Errorf("the native first chart and the page's differ by %.3g (relative), more than 1e-12", worst)
	}
	waitFor(t, ctx, `mcState.idle === mcState.gen`, 120*time.Second)
	t.Logf("refinement of the default scenario (run time per N; bands of the chosen criterion's outputs): %s",
		eval[string](t, ctx, `mcState.steps.map(s => "N = " + s.n + ": " + s.ms.toFixed(0) + " ms (" + Math.round(s.n / s.ms * 1000) + " samples/s)").join(", ")`))
	t.Logf("full refresh at N = 1024 (scenario text + run + result): %s", eval[string](t, ctx, `(s => (s.applyMs + s.ms).toFixed(0) + " ms (" + s.applyMs.toFixed(0) + " ms scenario text, " + s.ms.toFixed(0) + " ms run, of which " + s.goMs.toFixed(0) + " ms in Go)")(mcState.steps.find(s => s.n === 1024))`))
	before := eval[string](t, ctx, `document.querySelector("#fan .main svg").outerHTML`)
	// The first criterion of AI model v2 is FE (FE_total), its components and
	// phases chosen from the model's metadata as the report chooses them, with
	// its 5 intensities (per service, per TB stored and processed, per GB
	// carried, marginal and average allocation).
	if c := eval[string](t, ctx, `document.getElementById("criterion").value`); c != "FE_total" {
		t.Errorf("criterion %s, want FE_total", c)
	}
	selectors(t, ctx, "", true)

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
	identical, all, worst := agree(t, tb.Bands, run.Bands)
	t.Logf("page vs mc run: %d of %d values identical to the bit, largest relative difference %.3g", identical, all, worst)
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

	// Open a result folder's bands.parquet in the page (read by the engine
	// in WebAssembly): a run of every chart output, browsed with the
	// explorer's selectors.
	defaultText, _ := scenarios.Lookup("ai-global")
	chart, err := ChartOf("ai-global", defaultText)
	if err != nil {
		t.Fatal(err)
	}
	text, err := Apply("ai-global", defaultText, Settings{Samples: 256, Bands: chart.Outputs})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	data := runAndWrite(t, text, dir)
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#openfile"), []string{filepath.Join(dir, "bands.parquet")})); err != nil {
		t.Fatal(err)
	}
	if n := eval[int](t, ctx, `document.getElementById("openfile").files.length`); n != 1 {
		t.Fatalf("%d files chosen, want 1", n)
	}
	// 7 criteria for AI model v2: FE, PE, GWP, GWPmb, WATER, WSF, ADPe.
	crit := len(report.Build(data).Criteria)
	if crit != 7 {
		t.Errorf("%d criteria in the opened results, want 7", crit)
	}
	waitFor(t, ctx, `!document.getElementById("opened").hidden && document.querySelectorAll("#o-fan .main svg").length === 1`, 60*time.Second)
	if n := eval[int](t, ctx, `document.getElementById("o-criterion").options.length`); n != crit {
		t.Errorf("opened results: %d criteria offered, want %d", n, crit)
	}
	selectors(t, ctx, "o-", false)

	// Open bands.parquet and sobol.parquet of a Sobol' run (indices of
	// FE_total): the lever ranking of the chosen criterion (one bar per
	// group, as in the report), none for a criterion without indices.
	text, err = Apply("ai-global", defaultText, Settings{Samples: 256, Method: "sobol", Bands: chart.Outputs, Indices: []string{"FE_total"}})
	if err != nil {
		t.Fatal(err)
	}
	sdir := t.TempDir()
	sdata := runAndWrite(t, text, sdir)
	so := report.Build(sdata).Sobol
	if len(so) != 1 || len(so[0].Aggregate) < 2 {
		t.Fatalf("sobol run: %d outputs with indices", len(so))
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#openfile"), []string{filepath.Join(sdir, "bands.parquet"), filepath.Join(sdir, "sobol.parquet")})); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, fmt.Sprintf(`document.querySelectorAll("#o-ranking .ranking g[aria-label=bar] rect").length === %d`, len(so[0].Aggregate)), 60*time.Second)
	if n, c := eval[int](t, ctx, `document.querySelectorAll("#o-fan .main svg").length`), eval[int](t, ctx, `document.getElementById("o-criterion").options.length`); n != 1 || c != crit {
		t.Errorf("opened sobol run: %d fans and %d criteria, want 1 and %d", n, c, crit)
	}
	if dir := os.Getenv("MC_SCREENSHOT_DIR"); dir != "" {
		choose(t, ctx, "o-year", "2040")
		choose(t, ctx, "o-component", "components")
		b, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("#opened")))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "explorer-folder.png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		choose(t, ctx, "o-component", "total")
	}
	choose(t, ctx, "o-criterion", "GWP_total")
	if n, note := eval[int](t, ctx, `document.querySelectorAll("#o-ranking svg").length`), eval[string](t, ctx, `document.getElementById("o-ranking").textContent`); n != 0 || !strings.Contains(note, "FE_total") {
		t.Errorf("opened sobol run, GWP_total: %d ranking charts, note %q; want none, and a note naming FE_total", n, note)
	}

	// A measure variant holds its levers; the baseline stays drawn.
	waitFor(t, ctx, `mcState.measures.length > 0 && mcState.idle === mcState.gen`, 180*time.Second)
	base := eval[string](t, ctx, `JSON.stringify(mcState.baseline.bands.filter(b => b.Output === "FE_total"))`)
	choose(t, ctx, "measure", "sufficiency")
	waitFor(t, ctx, `mcState.idle === mcState.gen && mcState.current.scenario.includes("fixed: 0.5")`, 180*time.Second)
	var m Measure
	for _, x := range Measures() {
		if x.Name == "sufficiency" {
			m = x
		}
	}
	held := eval[map[string]float64](t, ctx, `mcState.held`)
	if len(m.Levers) < 2 || len(held) != len(m.Levers) || held["s_suff"] != 0.5 {
		t.Errorf("measure sufficiency: held %v, want its levers %v", held, m.Levers)
	}
	for f, v := range m.Levers {
		if held[f] != v {
			t.Errorf("measure sufficiency: %s held at %g, want %g", f, held[f], v)
		}
	}
	if b := eval[string](t, ctx, `JSON.stringify(mcState.baseline.bands.filter(b => b.Output === "FE_total"))`); b != base {
		t.Errorf("choosing a measure changed the baseline")
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#fan .main svg g[aria-label=area] path").length`); n != 3 {
		t.Errorf("fan with the measure: %d areas, want 3 (baseline band, current bands)", n)
	}
	if dir := os.Getenv("MC_SCREENSHOT_DIR"); dir != "" {
		choose(t, ctx, "component", "components")
		b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "explorer-measure.png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runAndWrite runs a scenario text natively and writes its result files to dir.
func runAndWrite(t *testing.T, text []byte, dir string) *report.Data {
	t.Helper()
	sc, err := inputs.Parse("scenario.yaml", text)
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
	if _, err := tb.Write(dir, out.Meta()); err != nil {
		t.Fatal(err)
	}
	return &report.Data{Meta: out.Meta(), Bands: tb.Bands, Sobol: tb.Sobol}
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

// openExplorer serves the explorer's files on a test server (closed with
// the test) and opens the page in ctx.
func openExplorer(t *testing.T, ctx context.Context) {
	t.Helper()
	files, err := Files("", nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler(files))
	t.Cleanup(srv.Close)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
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
