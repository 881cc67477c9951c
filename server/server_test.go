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

	"golang.org/x/text/encoding/japanese"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/ingest"
	"github.com/kg-news/kg/schema"
)

func newServer(t *testing.T, logs io.Writer, opts ...Option) (*httptest.Server, *graph.Store) {
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
	srv := New(sch, store, append([]Option{WithLogger(slog.New(slog.NewTextHandler(logs, nil)))}, opts...)...)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts, store
}

const whoSaid = `{ quotes(speaker: "山田花子") { edges { node { text article { id } } } } }`

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
			q := `query($s: String) { quotes(speaker: $s) { edges { node { text } } } }`
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
		{"index", func() (*http.Response, error) { return http.Get(ts.URL + "/") }, 200, "graphiql.min.js"},
		{"explore", func() (*http.Response, error) { return http.Get(ts.URL + "/explore") }, 200, "explore.js"},
		{"asset", func() (*http.Response, error) { return http.Get(ts.URL + "/assets/vendor/cytoscape.min.js") }, 200, "cytoscape"},
		{"no asset", func() (*http.Response, error) { return http.Get(ts.URL + "/assets/nope.js") }, 404, ""},
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
	resp, err := http.Post(ts.URL+"/graphql", "application/json", strings.NewReader(`{"query":"{ entities { totalCount } }"}`))
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

// fakeWriter stores articles as given, with a one-entity document, and deletes them.
type fakeWriter struct{ store *graph.Store }

func (w fakeWriter) LoadArticle(ctx context.Context, a extract.Article) (graph.LoadResult, *extract.Document, error) {
	if err := extract.Check(a.Text); err != nil {
		return graph.LoadResult{}, nil, err
	}
	if a.ID == "" {
		return graph.LoadResult{}, nil, extract.ErrNoID
	}
	doc := &extract.Document{ID: a.ID, Entities: []extract.Entity{{ID: "e", Name: "E", Type: "Firm", Mentions: []extract.Span{{Start: 0, End: 1}}}}}
	res, err := w.store.Load(ctx, a, doc)
	return res, doc, err
}

func (w fakeWriter) Delete(ctx context.Context, id string) (bool, error) {
	return w.store.Delete(ctx, id)
}

// writable returns a server that accepts writes with the token "s3cret".
func writable(t *testing.T) (*httptest.Server, *graph.Store) {
	t.Helper()
	store, err := graph.Open(context.Background(), "memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	w := fakeWriter{store}
	sch, err := schema.New(store, schema.WithWriter(w))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(New(sch, store, WithToken("s3cret"), WithWriter(w)).Handler())
	t.Cleanup(ts.Close)
	return ts, store
}

func post(t *testing.T, url, ctype, token, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestMutationAuth(t *testing.T) {
	ts, store := writable(t)
	mut := `{"query":"mutation { loadArticle(input: {id: \"m1\", text: \"本文。\"}) { outcome } }"}`
	for _, tc := range []struct {
		name, token, want string
	}{
		{"no token", "", `"code":"UNAUTHENTICATED"`},
		{"wrong token", "guess", `"code":"UNAUTHENTICATED"`},
		{"right token", "s3cret", `"outcome":"NEW"`},
		{"again", "s3cret", `"outcome":"UNCHANGED"`},
	} {
		if _, body := post(t, ts.URL+"/graphql", "application/json", tc.token, mut); !strings.Contains(body, tc.want) {
			t.Errorf("%s: %s, want %s", tc.name, body, tc.want)
		}
	}
	// Mutations never run over GET, even with the token.
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/graphql?query="+url.QueryEscape(`mutation { deleteArticle(id: "m1") }`), nil)
	req.Header.Set("Authorization", "Bearer s3cret")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("mutation over GET: status %d", resp.StatusCode)
	}
	if a, _ := store.Articles(context.Background(), []string{"m1"}); a[0] == nil {
		t.Error("the GET mutation deleted the article")
	}
	// A server without a token is read-only.
	ro, _ := newServer(t, nil)
	if _, body := post(t, ro.URL+"/graphql", "application/json", "anything", mut); !strings.Contains(body, `"code":"FORBIDDEN"`) {
		t.Errorf("read-only server: %s", body)
	}
}

func TestPostArticles(t *testing.T) {
	ts, store := writable(t)
	u := ts.URL + "/articles"
	lines := `{"id":"p1","text":"一つ目。"}
{"id":"p2","text":7}
{"id":"p3","title":"三","text":"三つ目。"}
`
	status, body := post(t, u, "application/x-ndjson", "s3cret", lines)
	if status != 200 || !strings.Contains(body, `"loaded":2`) || !strings.Contains(body, `"source":"body:2"`) || !strings.Contains(body, `"failed":1`) {
		t.Errorf("JSON lines: %d %s", status, body)
	}
	status, body = post(t, u, "application/json", "s3cret", `{
  "id": "p4",
  "text": "四つ目。"
}`)
	if status != 200 || !strings.Contains(body, `"outcome":"NEW"`) {
		t.Errorf("one pretty-printed object: %d %s", status, body)
	}
	status, body = post(t, u, "application/json", "s3cret", `[{"id":"p5","text":"五。"},{"id":"p1","text":"一つ目。"}]`)
	if status != 200 || !strings.Contains(body, `"outcome":"UNCHANGED"`) || !strings.Contains(body, `"source":"body[1]"`) {
		t.Errorf("array: %d %s", status, body)
	}
	if status, body = post(t, u, "application/json", "s3cret", `[{"id":"p6"}]`); status != 400 || !strings.Contains(body, `missing \"text\"`) {
		t.Errorf("nothing loadable: %d %s", status, body)
	}
	for _, tc := range []struct {
		ctype, token string
		status       int
	}{
		{"application/json", "", 401},
		{"application/json", "nope", 401},
		{"text/plain", "s3cret", 415},
		{"application/x-www-form-urlencoded", "s3cret", 415},
	} {
		if status, _ := post(t, u, tc.ctype, tc.token, `{"id":"x","text":"x"}`); status != tc.status {
			t.Errorf("%s with token %q: status %d, want %d", tc.ctype, tc.token, status, tc.status)
		}
	}
	big := `{"id":"big","text":"` + strings.Repeat("あ", MaxArticlesBody/3+10) + `"}`
	if status, _ := post(t, u, "application/json", "s3cret", big); status != 413 {
		t.Errorf("oversized body: status %d", status)
	}
	arts, _ := store.ListArticles(context.Background(), graph.Page{})
	if len(arts) != 4 {
		t.Errorf("%d articles stored, want p1, p3, p4, p5 and nothing else: %v", len(arts), arts)
	}
	ro, _ := newServer(t, nil)
	if status, _ := post(t, ro.URL+"/articles", "application/json", "s3cret", `{"id":"x","text":"x"}`); status != 403 {
		t.Errorf("read-only server: status %d", status)
	}
}

// Whole-body problems are refused before anything is loaded, with a status and a clear message.
func TestPostArticlesBody(t *testing.T) {
	ts, store := writable(t)
	u := ts.URL + "/articles"
	sjis, _ := japanese.ShiftJIS.NewEncoder().String(`{"id":"s1","text":"表示された予定表をソフトで確認する。"}`)
	array := func(n int) string {
		return "[" + strings.TrimSuffix(strings.Repeat(`{"id":"x","text":"本文。"}`+",", n), ",") + "]"
	}
	page := `<!DOCTYPE html><html><head><meta charset="Shift_JIS"><title>予定表</title></head>
<body><p>表示された予定表をソフトで確認する。</p><script>x()</script></body></html>`
	sjisPage, _ := japanese.ShiftJIS.NewEncoder().String(page)
	eucPage, _ := japanese.EUCJP.NewEncoder().String(strings.Replace(page, "Shift_JIS", "EUC-JP", 1))
	tests := []struct {
		name, query, ctype, body string
		status                   int
		want                     string
	}{
		{"empty", "", "application/json", "", 400, "holds no article"},
		{"white space", "", "application/x-ndjson", " \n \n", 400, "holds no article"},
		{"too many records", "", "application/json", array(ingest.MaxRecords + 1), 413, "more than 1000 articles"},
		{"100,000 empty objects", "", "application/json", "[" + strings.TrimSuffix(strings.Repeat("{},", 100_000), ",") + "]", 413, "more than 1000 articles"},
		{"unknown charset", "", "application/json; charset=klingon", `{"id":"k","text":"x"}`, 415, "unsupported charset"},
		{"not in the charset declared", "", "application/json; charset=euc-jp", sjis, 400, "not valid euc-jp text"},
		{"Shift_JIS undeclared", "", "application/json", sjis, 400, "not valid UTF-8"},
		{"Shift_JIS declared", "", "application/json; charset=Shift_JIS", sjis, 200, `"outcome":"NEW"`},
		{"HTML page in Shift_JIS", "?id=h1", "text/html", sjisPage, 200, `"outcome":"NEW"`},
		{"HTML page, charset declared", "?id=h2&title=" + url.QueryEscape("題"), "text/html; charset=euc-jp", eucPage, 200, `"outcome":"NEW"`},
		{"HTML page without id", "", "text/html", page, 400, "needs its article id"},
		{"HTML page of scripts", "?id=h3", "text/html", "<html><script>x()</script></html>", 400, "empty text"},
		{"HTML page of junk", "?id=h4", "text/html", "<html>\x80\xff\xfd</html>", 400, "not UTF-8, Shift_JIS or EUC-JP text"},
		{"empty HTML page", "?id=h5", "text/html", " ", 400, "holds no article"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before, err := store.Stats(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			status, body := post(t, u+tc.query, tc.ctype, "s3cret", tc.body)
			if status != tc.status || !strings.Contains(body, tc.want) {
				t.Errorf("status %d %s; want %d with %q", status, body, tc.status, tc.want)
			}
			after, err := store.Stats(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if stored := after.Articles - before.Articles; (status == 200) != (stored == 1) {
				t.Errorf("%d articles stored by a %d", stored, status)
			}
		})
	}
	// What was stored is the text sent, in UTF-8; from a page, its text without the script and
	// its <title> unless the query gave one.
	text := "表示された予定表をソフトで確認する。"
	arts, err := store.Articles(context.Background(), []string{"s1", "h1", "h2"})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []extract.Article{{Text: text}, {Title: "予定表", Text: text}, {Title: "題", Text: text}} {
		if a := arts[i]; a == nil || a.Title != want.Title || a.Hash != graph.ContentHash(want) {
			t.Errorf("article %d: %+v, want %+v", i, a, want)
		}
	}
}
