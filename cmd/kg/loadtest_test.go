package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if built.path != "" {
		os.RemoveAll(filepath.Dir(built.path))
	}
	os.Exit(code)
}

// startServe starts the real binary serving a bolt store loaded with the examples, and returns
// its base URL.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	bin := buildKG(t)
	dsn := "bolt:" + filepath.Join(t.TempDir(), "kg.db")
	cmd := exec.Command(bin, append([]string{"serve", "--store", dsn, "--addr", "127.0.0.1:0", "--load", "../../examples"}, args...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	urlRE := regexp.MustCompile(`url=(http://\S+)`)
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if m := urlRE.FindStringSubmatch(sc.Text()); m != nil {
			go io.Copy(io.Discard, stderr)
			return m[1]
		}
	}
	t.Fatal("kg serve exited before it listened")
	return ""
}

// TestServeUnderLoad: 50 clients on loopback for KG_LOADTEST_DURATION (5s by default; CI runs
// 30s) mix queries and article loads against the real binary. Every request must succeed; the
// latencies are printed.
func TestServeUnderLoad(t *testing.T) {
	duration := 5 * time.Second
	if d, err := time.ParseDuration(os.Getenv("KG_LOADTEST_DURATION")); err == nil {
		duration = d
	}
	const clients = 50
	base := startServe(t, "--token", "s3cret")
	queries := []string{
		`{ entities(first: 20, orderBy: ARTICLES) { edges { node { name type mentionCount } } } }`,
		`{ quotes(first: 10) { edges { node { text speaker { name } article { id title } } } } }`,
		`{ search(text: "グーグル") { name type relations(first: 5) { edges { node { relation object { name } } } } } }`,
		`{ entities(first: 5) { edges { node { name neighbors(depth: 2, first: 20) { depth entity { name } } } } } }`,
		`{ stats { articles entities relations quotes } }`,
	}
	type sample struct {
		kind string
		d    time.Duration
	}
	var (
		mu      sync.Mutex
		samples []sample
		errs    []string
		seq     atomic.Int64
	)
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	do := func(kind, path, ctype, body string) {
		req, _ := http.NewRequest("POST", base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", ctype)
		req.Header.Set("Authorization", "Bearer s3cret")
		start := time.Now()
		resp, err := client.Do(req)
		var b []byte
		if err == nil {
			b, err = io.ReadAll(resp.Body)
			resp.Body.Close()
		}
		d := time.Since(start)
		mu.Lock()
		defer mu.Unlock()
		switch {
		case err != nil:
			errs = append(errs, fmt.Sprintf("%s: %v", kind, err))
		case resp.StatusCode != 200 || bytes.Contains(b, []byte(`"errors"`)):
			errs = append(errs, fmt.Sprintf("%s: %d %.200s", kind, resp.StatusCode, b))
		default:
			samples = append(samples, sample{kind, d})
		}
	}
	deadline := time.Now().Add(duration)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(deadline); i++ {
				if (c+i)%10 == 0 {
					n := seq.Add(1)
					a, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("load-%d", n),
						"text": fmt.Sprintf("第%d報。東西電機の社長、山本一郎氏は「新しい工場は順調だ」と述べた。同社は大阪に本社を置く。", n)})
					do("load", "/articles", "application/json", string(a))
					continue
				}
				q, _ := json.Marshal(map[string]string{"query": queries[(c+i)%len(queries)]})
				do("query", "/graphql", "application/json", string(q))
			}
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Errorf("%d of %d requests failed; first: %s", len(errs), len(errs)+len(samples), strings.Join(errs[:min(5, len(errs))], "\n"))
	}
	for _, kind := range []string{"query", "load"} {
		var ds []time.Duration
		for _, s := range samples {
			if s.kind == kind {
				ds = append(ds, s.d)
			}
		}
		if len(ds) == 0 {
			t.Errorf("no %s succeeded", kind)
			continue
		}
		slices.Sort(ds)
		fmt.Printf("load test: %d clients, %s: %d %ss (%.0f/s), p50 %s, p99 %s\n", clients, duration, len(ds), kind,
			float64(len(ds))/duration.Seconds(), pct(ds, 50), pct(ds, 99))
	}
	// Every load was acknowledged, so every one is stored.
	out, _, err := run(t, "", "query", "--url", base, `{ stats { articles } }`)
	var stats struct {
		Data struct{ Stats struct{ Articles int } }
	}
	if err == nil {
		err = json.Unmarshal([]byte(out), &stats)
	}
	if want := 4 + int(seq.Load()); err != nil || stats.Data.Stats.Articles != want {
		t.Errorf("articles stored: %d (%v), want %d", stats.Data.Stats.Articles, err, want)
	}
}

// pct returns the p-th percentile of sorted durations (nearest rank).
func pct(ds []time.Duration, p int) time.Duration {
	i := (len(ds)*p + 99) / 100
	return ds[max(0, min(len(ds)-1, i-1))].Round(100 * time.Microsecond)
}
