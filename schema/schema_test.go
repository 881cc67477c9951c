package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/ingest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// The bundled examples, extracted once for all tests.
var examples = sync.OnceValues(func() (*ingest.Loader, error) {
	tok, err := tokenizer.New(ipa.Dict(), tokenizer.OmitBosEos())
	if err != nil {
		return nil, err
	}
	x, err := extract.New(tok)
	if err != nil {
		return nil, err
	}
	return &ingest.Loader{Extractor: x}, nil
})

// examplesStore returns a memory store holding the bundled examples, and a writer over it.
func examplesStore(t testing.TB) (*graph.Store, Writer) {
	t.Helper()
	base, err := examples()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := graph.Open(ctx, "memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	l := &ingest.Loader{Store: s, Extractor: base.Extractor}
	files, err := ingest.Files([]string{"../examples"})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := l.Load(ctx, files, nil)
	if err != nil || sum.New != 4 {
		t.Fatalf("loading the examples: %+v, %v", sum, err)
	}
	return s, testWriter{l, s}
}

type testWriter struct {
	*ingest.Loader
	s *graph.Store
}

func (w testWriter) Delete(ctx context.Context, id string) (bool, error) { return w.s.Delete(ctx, id) }

func run(t testing.TB, s *Schema, ctx context.Context, query string, vars map[string]any) map[string]any {
	t.Helper()
	res := s.Do(ctx, Request{Query: query, Variables: vars})
	b, _ := json.Marshal(res)
	var out map[string]any
	json.Unmarshal(b, &out)
	return out
}

// TestGoldenQueries runs every testdata/queries/*.graphql over the bundled examples and compares
// the response with its .json. Run with -update after a deliberate change, and review the diff.
func TestGoldenQueries(t *testing.T) {
	store, _ := examplesStore(t)
	sch, err := New(store)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/queries/*.graphql")
	if len(files) == 0 {
		t.Fatal("no queries")
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".graphql"), func(t *testing.T) {
			q, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out := run(t, sch, context.Background(), string(q), nil)
			// graphql-go resolves the fields of a level in map order: sort errors by path.
			if errs, ok := out["errors"].([]any); ok {
				slices.SortFunc(errs, func(a, b any) int {
					return strings.Compare(fmt.Sprint(a.(map[string]any)["path"]), fmt.Sprint(b.(map[string]any)["path"]))
				})
			}
			got, _ := json.MarshalIndent(out, "", "  ")
			got = append(got, '\n')
			golden := strings.TrimSuffix(f, ".graphql") + ".json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test ./schema -run GoldenQueries -update creates it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("response differs from %s (rerun with -update after checking):\n%s", golden, got)
			}
		})
	}
}

// TestCursors pages through lists one cursor at a time and checks that the pages join into the
// whole list, without gaps or repeats, and that a cursor stays valid when entities are inserted.
func TestCursors(t *testing.T) {
	store, w := examplesStore(t)
	sch, _ := New(store, WithWriter(w))
	ctx := context.Background()
	type lister struct{ name, query, path string }
	for _, l := range []lister{
		{"entities by id", `query($n:Int,$a:String){ l: entities(first:$n, after:$a){ edges{cursor node{id}} pageInfo{hasNextPage endCursor} } }`, "l"},
		{"entities by articles", `query($n:Int,$a:String){ l: entities(orderBy: ARTICLES, first:$n, after:$a){ edges{cursor node{id}} pageInfo{hasNextPage endCursor} } }`, "l"},
		{"relations of an entity", `query($n:Int,$a:String){ e: entity(id:"米国"){ l: relations(direction: BOTH, first:$n, after:$a){ edges{cursor node{id}} pageInfo{hasNextPage endCursor} } } }`, "e.l"},
		{"quotes", `query($n:Int,$a:String){ l: quotes(first:$n, after:$a){ edges{cursor node{id}} pageInfo{hasNextPage endCursor} } }`, "l"},
		{"articles", `query($n:Int,$a:String){ l: articles(first:$n, after:$a){ edges{cursor node{id}} pageInfo{hasNextPage endCursor} } }`, "l"},
		{"mentions", `query($n:Int,$a:String){ e: entity(id:"米国"){ l: mentionedIn(first:$n, after:$a){ edges{cursor node{article{id}}} pageInfo{hasNextPage endCursor} } } }`, "e.l"},
	} {
		t.Run(l.name, func(t *testing.T) {
			conn := func(n int, after string) ([]string, bool, string) {
				vars := map[string]any{"n": n}
				if after != "" {
					vars["a"] = after
				}
				out := run(t, sch, ctx, l.query, vars)
				if out["errors"] != nil {
					t.Fatalf("errors: %v", out["errors"])
				}
				c := out["data"].(map[string]any)
				for _, k := range strings.Split(l.path, ".") {
					c = c[k].(map[string]any)
				}
				var ids []string
				for _, e := range c["edges"].([]any) {
					b, _ := json.Marshal(e.(map[string]any)["node"])
					ids = append(ids, string(b))
				}
				pi := c["pageInfo"].(map[string]any)
				end, _ := pi["endCursor"].(string)
				return ids, pi["hasNextPage"].(bool), end
			}
			all, more, _ := conn(100, "")
			if more || len(all) < 3 {
				t.Fatalf("whole list: %d items, more %v", len(all), more)
			}
			var paged []string
			after := ""
			for i := 0; ; i++ {
				ids, more, end := conn(2, after)
				paged = append(paged, ids...)
				if !more {
					break
				}
				if i > 100 {
					t.Fatal("no end")
				}
				after = end
			}
			if strings.Join(paged, " ") != strings.Join(all, " ") {
				t.Errorf("pages join into\n%v\nwant\n%v", paged, all)
			}
		})
	}
	// Keyset cursors are stable under inserts: the page after a cursor still starts after it.
	first := run(t, sch, ctx, `{ entities(first: 3) { edges { node { id } } pageInfo { endCursor } } }`, nil)
	end := first["data"].(map[string]any)["entities"].(map[string]any)["pageInfo"].(map[string]any)["endCursor"].(string)
	last := first["data"].(map[string]any)["entities"].(map[string]any)["edges"].([]any)[2].(map[string]any)["node"].(map[string]any)["id"].(string)
	wctx := WithAccess(ctx, Access{Write: true})
	ins := run(t, sch, wctx, `mutation { loadArticle(input: {id: "extra", text: "アアア社の社長、山田一郎氏は「始める」と述べた。"}) { outcome } }`, nil)
	if ins["errors"] != nil {
		t.Fatal(ins["errors"])
	}
	next := run(t, sch, ctx, `query($a:String){ entities(first: 3, after: $a) { edges { node { id } } } }`, map[string]any{"a": end})
	for _, e := range next["data"].(map[string]any)["entities"].(map[string]any)["edges"].([]any) {
		if id := e.(map[string]any)["node"].(map[string]any)["id"].(string); id <= last {
			t.Errorf("after an insert, the page after %q holds %q", last, id)
		}
	}
}

// TestMutations checks who may write: only a request with the token; a read-only server and a
// request without the token get FORBIDDEN and UNAUTHENTICATED, and nothing is written.
func TestMutations(t *testing.T) {
	store, w := examplesStore(t)
	ctx := context.Background()
	load := `mutation($t:String!){ loadArticle(input:{id:"m1", title:"t", published:"2025-06-01", text:$t}) { outcome entities article { id title published } } }`
	vars := map[string]any{"t": "東西電機の社長、山本一郎氏は「来年は海外展開を加速させる」と述べた。"}
	code := func(out map[string]any) string {
		errs, _ := out["errors"].([]any)
		if len(errs) == 0 {
			return ""
		}
		ext, _ := errs[0].(map[string]any)["extensions"].(map[string]any)
		c, _ := ext["code"].(string)
		return c
	}
	readOnly, _ := New(store)
	if c := code(run(t, readOnly, WithAccess(ctx, Access{Write: true}), load, vars)); c != CodeForbidden {
		t.Errorf("read-only schema: code %q, want %s", c, CodeForbidden)
	}
	sch, _ := New(store, WithWriter(w))
	if c := code(run(t, sch, WithAccess(ctx, Access{Denied: CodeUnauthenticated}), load, vars)); c != CodeUnauthenticated {
		t.Errorf("no token: code %q", c)
	}
	if c := code(run(t, sch, ctx, load, vars)); c != CodeForbidden {
		t.Errorf("no access given: code %q", c)
	}
	if a, _ := store.Articles(ctx, []string{"m1"}); a[0] != nil {
		t.Fatal("a refused mutation wrote the article")
	}
	wctx := WithAccess(ctx, Access{Write: true})
	out := run(t, sch, wctx, load, vars)
	got, _ := json.Marshal(out)
	if want := `{"data":{"loadArticle":{"article":{"id":"m1","published":"2025-06-01","title":"t"},"entities":2,"outcome":"NEW"}}}`; string(got) != want {
		t.Errorf("load: %s\nwant %s", got, want)
	}
	again, _ := json.Marshal(run(t, sch, wctx, load, vars))
	if !strings.Contains(string(again), `"outcome":"UNCHANGED"`) {
		t.Errorf("reload: %s", again)
	}
	bad := run(t, sch, wctx, load, map[string]any{"t": " "})
	if c := code(bad); c != CodeBadInput {
		t.Errorf("empty text: code %q", c)
	}
	del := `mutation { deleteArticle(id: "m1") }`
	if out := run(t, sch, wctx, del, nil); fmt.Sprint(out["data"]) != "map[deleteArticle:true]" {
		t.Errorf("delete: %v", out)
	}
	if out := run(t, sch, wctx, del, nil); fmt.Sprint(out["data"]) != "map[deleteArticle:false]" {
		t.Errorf("second delete: %v", out)
	}
}

// countingStore counts the calls made to a store.
type countingStore struct {
	Store
	mu    sync.Mutex
	calls map[string]int
}

func (c *countingStore) count(name string) {
	c.mu.Lock()
	c.calls[name]++
	c.mu.Unlock()
}

func (c *countingStore) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.calls {
		n += v
	}
	return n
}

func (c *countingStore) Entities(ctx context.Context, ids []string) ([]*graph.Entity, error) {
	c.count("Entities")
	return c.Store.Entities(ctx, ids)
}
func (c *countingStore) Articles(ctx context.Context, ids []string) ([]*graph.Article, error) {
	c.count("Articles")
	return c.Store.Articles(ctx, ids)
}
func (c *countingStore) Statements(ctx context.Context, ids []string) ([]*graph.Relation, error) {
	c.count("Statements")
	return c.Store.Statements(ctx, ids)
}
func (c *countingStore) QuotesByID(ctx context.Context, ids []string) ([]*graph.Quote, error) {
	c.count("QuotesByID")
	return c.Store.QuotesByID(ctx, ids)
}
func (c *countingStore) RelationsOf(ctx context.Context, ids []string, f graph.RelationFilter, p graph.Page) ([][]*graph.Relation, error) {
	c.count("RelationsOf")
	return c.Store.RelationsOf(ctx, ids, f, p)
}
func (c *countingStore) QuotesOf(ctx context.Context, ids []string, r graph.QuoteRole, f graph.QuoteFilter, p graph.Page) ([][]*graph.Quote, error) {
	c.count("QuotesOf")
	return c.Store.QuotesOf(ctx, ids, r, f, p)
}
func (c *countingStore) MentionsOf(ctx context.Context, ids []string, p graph.Page) ([][]graph.Mention, error) {
	c.count("MentionsOf")
	return c.Store.MentionsOf(ctx, ids, p)
}
func (c *countingStore) ArticleContents(ctx context.Context, ids []string) ([]graph.ArticleContents, error) {
	c.count("ArticleContents")
	return c.Store.ArticleContents(ctx, ids)
}
func (c *countingStore) NeighborsOf(ctx context.Context, ids []string, d int, r string, l int) ([][]graph.Neighbor, error) {
	c.count("NeighborsOf")
	return c.Store.NeighborsOf(ctx, ids, d, r, l)
}
func (c *countingStore) ListEntities(ctx context.Context, q graph.EntityQuery) (graph.EntityPage, error) {
	c.count("ListEntities")
	return c.Store.ListEntities(ctx, q)
}

// TestNoNPlusOne: a list of N entities with their relations, the relations' objects and their
// evidence's articles costs the same number of store calls whatever N is.
func TestNoNPlusOne(t *testing.T) {
	store, _ := examplesStore(t)
	query := `query($n:Int){ entities(first:$n) { edges { node { name said { edges { node { text } } } mentionedIn { edges { node { count } } }
		neighbors { depth } relations(direction: BOTH, first: 10) { edges { node { object { name relations(first: 10) { edges { node { id } } } }
		evidence { article { title quotes { text } } } } } } } } } }`
	for _, loaders := range []struct {
		name string
		wait time.Duration
	}{
		{"on demand", 0},
		// A level's keys all arrive within the window, even under -race on a loaded machine
		// (20 ms was not always enough with two -race test binaries sharing two cores).
		{"timed", 250 * time.Millisecond},
	} {
		calls := map[int]int{}
		for _, n := range []int{1, 10, 50} {
			c := &countingStore{Store: store, calls: map[string]int{}}
			sch, err := New(c, WithBatchWait(loaders.wait))
			if err != nil {
				t.Fatal(err)
			}
			out := run(t, sch, context.Background(), query, map[string]any{"n": n})
			if out["errors"] != nil {
				t.Fatalf("%s: errors: %v", loaders.name, out["errors"])
			}
			if got := len(out["data"].(map[string]any)["entities"].(map[string]any)["edges"].([]any)); got != n {
				t.Fatalf("%s: %d entities listed, want %d", loaders.name, got, n)
			}
			calls[n] = c.total()
			t.Logf("%s, %d entities: %d store calls %v", loaders.name, n, c.total(), c.calls)
		}
		if calls[10] != calls[50] || calls[1] > calls[50] {
			t.Errorf("%s: store calls grow with the list: %v", loaders.name, calls)
		}
	}
}

func TestDocumentCache(t *testing.T) {
	store, _ := examplesStore(t)
	sch, _ := New(store, WithDocumentCache(2))
	ctx := context.Background()
	q := `{ stats { articles } }`
	run(t, sch, ctx, q, nil)
	run(t, sch, ctx, q, nil)
	if sch.docs.Len() != 1 {
		t.Errorf("cache holds %d documents after one query twice, want 1", sch.docs.Len())
	}
	if out := run(t, sch, ctx, `{ nope }`, nil); out["errors"] == nil || sch.docs.Len() != 1 {
		t.Errorf("an invalid query: %v, cache %d", out, sch.docs.Len())
	}
	run(t, sch, ctx, `{ stats { entities } }`, nil)
	run(t, sch, ctx, `{ stats { quotes } }`, nil)
	if sch.docs.Len() != 2 {
		t.Errorf("cache of 2 holds %d", sch.docs.Len())
	}
	if out := run(t, sch, ctx, `{ stats { `, nil); fmt.Sprint(out["errors"]) == "" ||
		!strings.Contains(fmt.Sprint(out["errors"]), CodeParse) {
		t.Errorf("parse error: %v", out)
	}
}

// brokenStore fails every read with an error clients must not see.
type brokenStore struct{ Store }

var errSecret = errors.New("pq: password authentication failed for user kg at 10.0.0.5")

func (brokenStore) ListEntities(context.Context, graph.EntityQuery) (graph.EntityPage, error) {
	return graph.EntityPage{}, errSecret
}

func TestInternalErrorsHidden(t *testing.T) {
	store, _ := examplesStore(t)
	sch, err := New(brokenStore{store})
	if err != nil {
		t.Fatal(err)
	}
	res := sch.Do(context.Background(), Request{Query: `{ entities { totalCount } }`})
	b, _ := json.Marshal(res)
	if strings.Contains(string(b), "password") || !strings.Contains(string(b), `"code":"INTERNAL"`) {
		t.Errorf("response %s leaks the store error or lacks its code", b)
	}
	if len(res.Errors) == 0 {
		t.Fatal("no error")
	}
	if e, ok := ErrorOf(res.Errors[0]); !ok || !errors.Is(e, errSecret) {
		t.Errorf("the original error is not kept for the log: %+v", res.Errors)
	}
}

func TestOperation(t *testing.T) {
	for _, tc := range []struct{ q, name, want string }{
		{`{ stats { articles } }`, "", "query"},
		{`mutation { deleteArticle(id: "x") }`, "", "mutation"},
		{`query A { stats { articles } } mutation B { deleteArticle(id: "x") }`, "B", "mutation"},
		{`query A { stats { articles } } mutation B { deleteArticle(id: "x") }`, "", ""},
		{`{ nope`, "", ""},
	} {
		if got := Operation(tc.q, tc.name); got != tc.want {
			t.Errorf("Operation(%q, %q) = %q, want %q", tc.q, tc.name, got, tc.want)
		}
	}
}

// BenchmarkNested measures queries per second of a nested query, with and without the document
// cache.
func BenchmarkNested(b *testing.B) {
	store, _ := examplesStore(b)
	q := `{ entity(id: "google") { relations { edges { node { object { relations { edges { node { relation } } } } } } } } }`
	for _, cache := range []int{512, 0} {
		b.Run(fmt.Sprintf("cache=%v", cache > 0), func(b *testing.B) {
			sch, _ := New(store, WithDocumentCache(cache), WithBatchWait(0))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if res := sch.Do(context.Background(), Request{Query: q}); len(res.Errors) > 0 {
					b.Fatal(res.Errors)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
		})
	}
}
