package main

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/schema"
	"github.com/kg-news/kg/server"
)

// chromium finds the browser: $KG_CHROMIUM, or Debian's chromium. Without one the test is
// skipped, unless KG_REQUIRE_BROWSER is set (.ci/run installs Chromium and sets it).
func chromium(t *testing.T) string {
	for _, p := range []string{os.Getenv("KG_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	if os.Getenv("KG_REQUIRE_BROWSER") != "" {
		t.Fatal("KG_REQUIRE_BROWSER is set but no Chromium was found (set KG_CHROMIUM)")
	}
	t.Skip("no Chromium (apt-get install chromium, or set KG_CHROMIUM); .ci/run runs this test")
	return ""
}

// TestBrowser opens the playground and runs its ready query, then opens the explorer, searches,
// expands a node and sees new nodes, in a real headless Chromium.
func TestBrowser(t *testing.T) {
	path := chromium(t)
	ctx := context.Background()
	store, err := graph.Open(ctx, "memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	m := NewMain(strings.NewReader(""), &strings.Builder{}, &strings.Builder{})
	if _, err := m.load(ctx, store, []string{"../../examples"}, loadOptions{workers: 0}); err != nil {
		t.Fatal(err)
	}
	sch, err := schema.New(store)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(server.New(sch, store).Handler())
	defer ts.Close()

	alloc, cancel := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(1400, 900))...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	bctx, cancel = context.WithTimeout(bctx, 90*time.Second)
	defer cancel()
	poll := func(expr string) chromedp.Action[chromedp.Void] {
		return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
			_, err := chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(30*time.Second))(ctx, t)
			return chromedp.Void{}, err
		}
	}

	// The playground: run the ready query and see who said what.
	err = chromedp.Do(bctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-execute-button")),
		chromedp.Click(chromedp.CSS(".graphiql-execute-button")),
		// The result pane is a CodeMirror editor that draws only the lines in view: read its value.
		poll(`(() => { const cm = document.querySelector('.result-window .CodeMirror'); return !!cm && cm.CodeMirror.getValue().includes('"data"'); })()`),
	)
	if err != nil {
		t.Fatalf("playground: %v", err)
	}
	result, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector('.result-window .CodeMirror').CodeMirror.getValue()`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(result, `"speakerText"`) {
		t.Errorf("the ready query found no quotes:\n%.600s", result)
	}
	if !strings.Contains(result, `"quotes"`) || !strings.Contains(result, `"text"`) || strings.Contains(result, `"errors"`) {
		t.Errorf("playground result:\n%.600s", result)
	}

	// The explorer: search in another script, pick a result, then expand a neighbour by
	// clicking it on the canvas.
	err = chromedp.Do(bctx,
		chromedp.Navigate(ts.URL+"/explore"),
		chromedp.WaitVisible(chromedp.ID("search")),
		chromedp.SendKeys(chromedp.ID("search"), "グーグル"),
		chromedp.Click(chromedp.CSS("#search-form button")),
		chromedp.WaitVisible(chromedp.CSS(`#results button[data-id="google"]`)),
		chromedp.Click(chromedp.CSS(`#results button[data-id="google"]`)),
		poll(`window.cy && cy.getElementById('google').hasClass('expanded') && cy.getElementById('米国').length > 0`),
	)
	if err != nil {
		t.Fatalf("explorer search: %v", err)
	}
	before, err := chromedp.Run(bctx, chromedp.Evaluate[int](`cy.nodes().length`))
	if err != nil {
		t.Fatal(err)
	}
	xy, err := chromedp.Run(bctx, chromedp.Evaluate[[]float64](`(() => { const p = cy.getElementById('米国').renderedPosition(); const r = document.getElementById('graph').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(bctx, chromedp.MouseClickXY(xy[0], xy[1]), poll(`cy.getElementById('米国').hasClass('expanded')`)); err != nil {
		t.Fatalf("explorer expand: %v", err)
	}
	after, err := chromedp.Run(bctx, chromedp.Evaluate[int](`cy.nodes().length`))
	if err != nil {
		t.Fatal(err)
	}
	if before < 2 || after <= before {
		t.Errorf("explorer: %d nodes after the search, %d after expanding 米国; want more", before, after)
	}
	panel, err := chromedp.Run(bctx, chromedp.Text(chromedp.ID("details")))
	if err != nil || !strings.Contains(panel, "sanctions") {
		t.Errorf("side panel after expanding 米国: %q, %v", panel, err)
	}
}
