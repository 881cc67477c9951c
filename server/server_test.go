package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/schema"
)

func newServer(t *testing.T, logs io.Writer) (*httptest.Server, *graph.Store) {
	t.Helper()
	ctx := context.Background()
	store, err := graph.Open(ctx, "memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	doc := &extract.Document{ID: "a1",
		Entities: []extract.Entity{{ID: "山田花子", Name: "山田花子", Type: "Person", Mentions: []extract.Span{{Start: 0, End: 4}}}},
		Quotes:   []extract.Quote{{Speaker: "山田花子", SpeakerText: "山田花子", Text: "順調だ", Verb: "述べる"}},
	}
	if _, err := store.Load(ctx, extract.Article{ID: "a1", Title: "記事", Text: "山田花子氏は「順調だ」と述べた。"}, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := schema.New(store)
	if err != nil {
		t.Fatal(err)
	}
	if logs == nil {
		logs = io.Discard
	}
	srv := New(sch, store, WithLogger(slog.New(slog.NewTextHandler(logs, nil))))
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts, store
}

const whoSaid = `{ quotes(speaker: "山田花子") { text article { id } } }`

func TestGraphQL(t *testing.T) {
	ts, _ := newServer(t, nil)
	body, _ := json.Marshal(map[string]any{"query": whoSaid})
	tests := []struct {
		name       string
		req        func() (*http.Response, error)
		wantStatus int
		wantBody   string
	}{
		{"post", func() (*http.Response, error) {
			return http.Post(ts.URL+"/graphql", "application/json", bytes.NewReader(body))
		}, 200, `"text":"順調だ"`},
		{"get", func() (*http.Response, error) {
			return http.Get(ts.URL + "/graphql?query=" + url.QueryEscape(whoSaid))
		}, 200, `"id":"a1"`},
		{"get with variables", func() (*http.Response, error) {
			q := `query($s: String) { quotes(speaker: $s) { text } }`
			return http.Get(ts.URL + "/graphql?query=" + url.QueryEscape(q) + "&variables=" + url.QueryEscape(`{"s":"山田花子"}`))
		}, 200, `"text":"順調だ"`},
		{"form post refused", func() (*http.Response, error) {
			return http.Post(ts.URL+"/graphql", "application/x-www-form-urlencoded", strings.NewReader("query="+whoSaid))
		}, 415, `"code":"BAD_USER_INPUT"`},
		{"text/plain refused", func() (*http.Response, error) {
			return http.Post(ts.URL+"/graphql", "text/plain", bytes.NewReader(body))
		}, 415, "application/json"},
		{"too large", func() (*http.Response, error) {
			big, _ := json.Marshal(map[string]any{"query": "{ entities { id } }" + strings.Repeat(" ", MaxQueryBody)})
			return http.Post(ts.URL+"/graphql", "application/json", bytes.NewReader(big))
		}, 413, `"code":"TOO_LARGE"`},
		{"not JSON", func() (*http.Response, error) {
			return http.Post(ts.URL+"/graphql", "application/json", strings.NewReader("{nope"))
		}, 400, "JSON object"},
		{"no query", func() (*http.Response, error) {
			return http.Post(ts.URL+"/graphql", "application/json", strings.NewReader(`{}`))
		}, 400, "no query"},
		{"bad method", func() (*http.Response, error) {
			req, _ := http.NewRequest(http.MethodDelete, ts.URL+"/graphql", nil)
			return http.DefaultClient.Do(req)
		}, 405, "GET or POST"},
		{"syntax error", func() (*http.Response, error) {
			return http.Get(ts.URL + "/graphql?query=" + url.QueryEscape("{ quotes("))
		}, 200, `"errors"`},
		{"healthz", func() (*http.Response, error) { return http.Get(ts.URL + "/healthz") }, 200, `"ok"`},
		{"index", func() (*http.Response, error) { return http.Get(ts.URL + "/") }, 200, "/graphql"},
		{"not found", func() (*http.Response, error) { return http.Get(ts.URL + "/nope") }, 404, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := tc.req()
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.wantStatus || !strings.Contains(string(b), tc.wantBody) {
				t.Errorf("status %d body %s; want %d with %q", resp.StatusCode, b, tc.wantStatus, tc.wantBody)
			}
		})
	}
}

func TestHealthFailsWhenStoreCloses(t *testing.T) {
	ts, store := newServer(t, nil)
	store.Close()
	resp, err := http.Get(ts.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("status %d after the store closed, want 503", resp.StatusCode)
	}
}

// Internal errors reach the log once and the client only as a code.
func TestInternalErrorLogged(t *testing.T) {
	var logs bytes.Buffer
	ts, store := newServer(t, &logs)
	store.Close() // every read now fails with graph.ErrClosed
	resp, err := http.Post(ts.URL+"/graphql", "application/json", strings.NewReader(`{"query":"{ entities { id } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(b), graph.ErrClosed.Error()) || !strings.Contains(string(b), `"INTERNAL"`) {
		t.Errorf("client saw %s", b)
	}
	if n := strings.Count(logs.String(), graph.ErrClosed.Error()); n != 1 {
		t.Errorf("the error was logged %d times, want once:\n%s", n, logs.String())
	}
}

func TestServerOpenClose(t *testing.T) {
	_, store := newServer(t, nil)
	sch, _ := schema.New(store)
	srv := New(sch, store)
	if err := srv.Open("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(srv.URL() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if err := srv.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(srv.URL() + "/healthz"); err == nil {
		t.Error("server still answers after Close")
	}
}
