package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/schema"
)

// TestRejected: requests that must not reach graphql-go, or must not run as asked, each refused
// with a status and a code.
func TestRejected(t *testing.T) {
	ts, _ := newServer(t, nil)
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	mw.WriteField("query", "{ stats { entities } }")
	mw.Close()
	tests := []struct {
		name       string
		method     string
		ctype      string
		body       string
		query      string // GET parameters
		wantStatus int
		wantCode   string
	}{
		{"JSON-array batch", "POST", "application/json", `[{"query":"{stats{entities}}"},{"query":"{stats{entities}}"}]`, "", 400, schema.CodeBadInput},
		{"text/plain (CSRF)", "POST", "text/plain", `{"query":"{stats{entities}}"}`, "", 415, schema.CodeBadInput},
		{"form (CSRF)", "POST", "application/x-www-form-urlencoded", "query=" + url.QueryEscape("{stats{entities}}"), "", 415, schema.CodeBadInput},
		{"multipart (CSRF)", "POST", mw.FormDataContentType(), form.String(), "", 415, schema.CodeBadInput},
		{"no content type", "POST", "", `{"query":"{stats{entities}}"}`, "", 415, schema.CodeBadInput},
		{"mutation over GET", "GET", "", "", "query=" + url.QueryEscape(`mutation { deleteArticle(id: "a1") }`), 405, schema.CodeForbidden},
		{"body over 64 KiB", "POST", "application/json", `{"query":"{stats{entities}}","x":"` + strings.Repeat("a", MaxQueryBody) + `"}`, "", 413, "TOO_LARGE"},
		{"cyclic fragments", "POST", "application/json", `{"query":"{entity(id:\"x\"){...A}} fragment A on Entity{...B} fragment B on Entity{...A}"}`, "", 200, schema.CodeFragmentCycle},
		{"cyclic fragments over GET", "GET", "", "", "query=" + url.QueryEscape(`{entity(id:"x"){...A}} fragment A on Entity{...B} fragment B on Entity{...A}`), 200, schema.CodeFragmentCycle},
		{"60 KB of [", "POST", "application/json", `{"query":"` + strings.Repeat("[", 60000) + `"}`, "", 200, schema.CodeNestingTooDeep},
		{"60 KB of { over GET", "GET", "", "", "query=" + strings.Repeat("%7B", 60000), 200, schema.CodeNestingTooDeep},
		{"PUT", "PUT", "application/json", `{"query":"{stats{entities}}"}`, "", 405, schema.CodeBadInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := ts.URL + "/graphql"
			if tt.query != "" {
				u += "?" + tt.query
			}
			req, _ := http.NewRequest(tt.method, u, strings.NewReader(tt.body))
			if tt.ctype != "" {
				req.Header.Set("Content-Type", tt.ctype)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var out struct {
				Data   any
				Errors []struct {
					Message    string
					Extensions map[string]any
				}
			}
			err = json.NewDecoder(resp.Body).Decode(&out)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if len(out.Errors) != 1 || out.Errors[0].Extensions["code"] != tt.wantCode {
				t.Fatalf("errors %+v, want one with code %s", out.Errors, tt.wantCode)
			}
			if out.Data != nil {
				t.Errorf("data %v, want none", out.Data)
			}
		})
	}
}

// gate is a store whose Stats waits until released (or its context ends), or panics.
type gate struct {
	*graph.Store
	entered chan struct{}
	release chan struct{}
	panics  bool
}

func (g *gate) Stats(ctx context.Context) (graph.Stats, error) {
	if g.panics {
		var m map[string]int
		m["boom"]++ // a nil-map write: a real bug in a resolver
	}
	g.entered <- struct{}{}
	select {
	case <-g.release:
		return g.Store.Stats(ctx)
	case <-ctx.Done():
		return graph.Stats{}, ctx.Err()
	}
}

func gated(t *testing.T, logs io.Writer, panics bool, opts ...Option) (*httptest.Server, *Server, *gate) {
	t.Helper()
	store, err := graph.Open(context.Background(), "memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	g := &gate{Store: store, entered: make(chan struct{}, 100), release: make(chan struct{}), panics: panics}
	sch, err := schema.New(g)
	if err != nil {
		t.Fatal(err)
	}
	if logs == nil {
		logs = io.Discard
	}
	srv := New(sch, store, append([]Option{WithLogger(slog.New(slog.NewTextHandler(logs, nil)))}, opts...)...)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts, srv, g
}

const statsQuery = `{"query":"{ stats { entities } }"}`

// TestDeadline: a request that outlives its deadline ends with the code TIMEOUT, and the store
// read it was waiting on is cancelled.
func TestDeadline(t *testing.T) {
	ts, _, _ := gated(t, nil, false, WithTimeout(50*time.Millisecond))
	status, body := post(t, ts.URL+"/graphql", "application/json", "", statsQuery)
	if status != 200 || !strings.Contains(body, `"code":"TIMEOUT"`) || strings.Contains(body, "context deadline") {
		t.Errorf("status %d, body %s", status, body)
	}
}

// TestConcurrencyCap: when every execution slot is taken, a request waits briefly, then gets
// 503 with Retry-After; once a slot frees, requests run again.
func TestConcurrencyCap(t *testing.T) {
	ts, srv, g := gated(t, nil, false, WithMaxConcurrent(2))
	srv.queueWait = 20 * time.Millisecond
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if status, body := post(t, ts.URL+"/graphql", "application/json", "", statsQuery); status != 200 || strings.Contains(body, "errors") {
				t.Errorf("held request: %d %s", status, body)
			}
		}()
	}
	<-g.entered
	<-g.entered
	req, _ := http.NewRequest("POST", ts.URL+"/graphql", strings.NewReader(statsQuery))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" || !strings.Contains(string(b), `"BUSY"`) {
		t.Errorf("over the cap: status %d, Retry-After %q, body %s", resp.StatusCode, resp.Header.Get("Retry-After"), b)
	}
	close(g.release)
	wg.Wait()
	if status, _ := post(t, ts.URL+"/graphql", "application/json", "", statsQuery); status != 200 {
		t.Errorf("after the slots freed: status %d", status)
	}
}

// TestPanicRecovered: a panic while resolving reaches the client as an internal error without
// its text, is logged, and the server goes on serving.
func TestPanicRecovered(t *testing.T) {
	var logs syncBuffer
	ts, _, _ := gated(t, &logs, true)
	status, body := post(t, ts.URL+"/graphql", "application/json", "", statsQuery)
	if status != 200 || !strings.Contains(body, `"code":"INTERNAL"`) || strings.Contains(body, "nil map") {
		t.Errorf("status %d, body %s", status, body)
	}
	if !strings.Contains(logs.String(), "nil map") {
		t.Errorf("the panic was not logged:\n%s", logs.String())
	}
	resp, err := http.Get(ts.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("health after the panic: %d", resp.StatusCode)
	}
}

// TestHandlerPanic: a panic outside GraphQL execution becomes a 500 and the process lives.
func TestHandlerPanic(t *testing.T) {
	var logs syncBuffer
	s := &Server{log: slog.New(slog.NewTextHandler(&logs, nil))}
	h := s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("handler bug") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "handler bug") || !strings.Contains(logs.String(), "handler bug") {
		t.Errorf("status %d, body %s, logs %s", rec.Code, rec.Body.String(), logs.String())
	}
}

// slowWriter loads through the store after waiting for a signal or its context.
type slowWriter struct {
	fakeWriter
	entered chan struct{}
	release chan struct{}
}

func (w slowWriter) LoadArticle(ctx context.Context, a extract.Article) (graph.LoadResult, *extract.Document, error) {
	w.entered <- struct{}{}
	select {
	case <-w.release:
	case <-ctx.Done():
		return graph.LoadResult{}, nil, ctx.Err()
	}
	return w.fakeWriter.LoadArticle(ctx, a)
}

// TestGracefulShutdown: Close lets a load in flight commit, and refuses new connections; when
// the shutdown deadline passes first, the load is cancelled and nothing of it is stored.
func TestGracefulShutdown(t *testing.T) {
	for _, finish := range []bool{true, false} {
		name := map[bool]string{true: "load finishes", false: "deadline passes"}[finish]
		t.Run(name, func(t *testing.T) {
			store, err := graph.Open(context.Background(), "memory:")
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			w := slowWriter{fakeWriter{store}, make(chan struct{}, 1), make(chan struct{})}
			sch, _ := schema.New(store)
			srv := New(sch, store, WithToken("s3cret"), WithWriter(w))
			if err := srv.Open("127.0.0.1:0"); err != nil {
				t.Fatal(err)
			}
			type result struct {
				status int
				body   string
			}
			done := make(chan result, 1)
			go func() {
				req, _ := http.NewRequest("POST", srv.URL()+"/articles", strings.NewReader(`{"id":"g1","text":"山田花子氏は東京で講演した。"}`))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer s3cret")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					done <- result{0, err.Error()}
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				done <- result{resp.StatusCode, string(b)}
			}()
			<-w.entered
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			if finish {
				time.AfterFunc(20*time.Millisecond, func() { close(w.release) })
			}
			closeErr := srv.Close(ctx)
			res := <-done
			hashes, err := store.Hashes(context.Background(), []string{"g1"})
			if err != nil {
				t.Fatal(err)
			}
			_, stored := hashes["g1"]
			if finish {
				if closeErr != nil || res.status != 200 || !stored {
					t.Errorf("close %v, response %d %s, stored %v", closeErr, res.status, res.body, stored)
				}
			} else {
				if closeErr == nil || stored || res.status == 200 {
					t.Errorf("close %v, response %d %s, stored %v", closeErr, res.status, res.body, stored)
				}
			}
			if _, err := http.Get(srv.URL() + "/healthz"); err == nil {
				t.Error("server still answers after Close")
			}
		})
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines to log into.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// FuzzGraphQL: whatever the body, the handler answers with a known status and a JSON body, and
// never panics or hangs.
func FuzzGraphQL(f *testing.F) {
	for _, s := range []string{
		`{"query":"{ stats { entities } }"}`,
		`{"query":"query($n:Int){entities(first:$n){edges{node{name}}}}","variables":{"n":2}}`,
		`{"query":"{entity(id:\"x\"){...A}} fragment A on Entity{...B} fragment B on Entity{...A}"}`,
		`[{"query":"{stats{entities}}"}]`,
		`{"query":"mutation { deleteArticle(id: \"a1\") }"}`,
		`{"query":"{ quotes(speaker: \"山田花子\") { edges { node { text } } } }","operationName":"x"}`,
		`{"query":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}`,
		`{"query":1}`,
		`null`,
	} {
		f.Add(s)
	}
	store, err := graph.Open(context.Background(), "memory:")
	if err != nil {
		f.Fatal(err)
	}
	defer store.Close()
	sch, err := schema.New(store, schema.WithLimits(schema.Limits{MaxNesting: 16, MaxDepth: 8, MaxFields: 200, MaxAliases: 20, MaxOperations: 3, MaxCost: 5000}))
	if err != nil {
		f.Fatal(err)
	}
	h := New(sch, store, WithTimeout(2*time.Second)).Handler()
	f.Fuzz(func(t *testing.T, body string) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("POST", "/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(rec, req)
		switch rec.Code {
		case 200, 400, 413:
		default:
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("invalid JSON for %q: %s", body, rec.Body)
		}
	})
}

// TestSlowClient: a client that sends its headers a byte at a time is cut off at the
// read-header timeout instead of holding a connection for ever.
func TestSlowClient(t *testing.T) {
	_, store := newServer(t, nil)
	sch, _ := schema.New(store)
	srv := New(sch, store)
	srv.srv.ReadHeaderTimeout = 100 * time.Millisecond
	if err := srv.Open("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer srv.Close(context.Background())
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("GET /healthz HTTP/1.1\r\nHost: x\r\n")); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 512)
	n, err := conn.Read(buf)
	// The server closes the connection (possibly after a 408) well before our 5 s deadline.
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatalf("the server kept a half-sent request open: read %q", buf[:n])
	}
	for err == nil {
		_, err = conn.Read(buf)
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			t.Fatal("the server kept the connection open")
		}
	}
}
