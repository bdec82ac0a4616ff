package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Files are served with an ETag and revalidated: a reload of an unchanged
// file is 304 Not Modified (the browser keeps its copy, and for the engine
// the code it compiled), a changed one is sent again.
func TestHandlerRevalidates(t *testing.T) {
	files := map[string][]byte{"index.html": []byte("<p>a</p>"), "app.js": []byte("1")}
	srv := httptest.NewServer(Handler(files))
	defer srv.Close()
	get := func(p, tag string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL+p, nil)
		if tag != "" {
			req.Header.Set("If-None-Match", tag)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	first := get("/", "")
	tag := first.Header.Get("ETag")
	if first.StatusCode != 200 || tag == "" || first.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("GET /: %d, ETag %q, Cache-Control %q", first.StatusCode, tag, first.Header.Get("Cache-Control"))
	}
	if res := get("/index.html", tag); res.StatusCode != http.StatusNotModified {
		t.Errorf("GET /index.html with its ETag: %d, want 304", res.StatusCode)
	}
	if res := get("/app.js", tag); res.StatusCode != 200 || res.Header.Get("ETag") == tag {
		t.Errorf("GET /app.js with the ETag of index.html: %d, ETag %q", res.StatusCode, res.Header.Get("ETag"))
	}
	srv2 := httptest.NewServer(Handler(map[string][]byte{"index.html": []byte("<p>b</p>")}))
	defer srv2.Close()
	req, _ := http.NewRequest("GET", srv2.URL+"/", nil)
	req.Header.Set("If-None-Match", tag)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("changed index.html with the old ETag: %d, want 200", res.StatusCode)
	}
}
