package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/ingest"
)

// crossArticles is how many Wikinews articles TestCrossStore loads unless KG_CROSS_FULL=1
// asks for all 3,670: loading through Cayley into PostgreSQL takes about 140 s for the whole
// corpus (one INSERT per row), too long for every CI run.
const crossArticles = 400

// errEnough stops reading the corpus.
var errEnough = errors.New("enough articles")

// TestCrossStore loads the same Wikinews articles into bolt and PostgreSQL, and copies the bolt
// store into a second PostgreSQL database with kg's import, and checks that the three answer a
// fixed set of reads identically. It needs KG_TEST_POSTGRES (.ci/run sets it).
func TestCrossStore(t *testing.T) {
	admin := os.Getenv("KG_TEST_POSTGRES")
	if admin == "" {
		t.Skip("KG_TEST_POSTGRES is not set: the cross-store test needs PostgreSQL (.ci/run sets it)")
	}
	// The first 400 articles are committed (testdata/wikinews-400.jsonl.gz, CC BY 2.5, see
	// testdata/README.md), so the test runs on any checkout; the whole corpus sits beside the
	// repository.
	corpus := os.Getenv("KG_CROSS_CORPUS")
	limit := crossArticles
	if os.Getenv("KG_CROSS_FULL") == "1" {
		limit = 0
		if corpus == "" {
			corpus = "../../../shared/data/wikinews/articles.jsonl.gz"
		}
	}
	if corpus == "" {
		corpus = "testdata/wikinews-400.jsonl.gz"
	}
	if _, err := os.Stat(corpus); err != nil {
		t.Fatalf("no corpus: %v (set KG_CROSS_CORPUS)", err)
	}
	ctx := context.Background()
	start := time.Now()
	arts, docs := extractCorpus(t, corpus, limit)
	t.Logf("extracted %d articles in %.1f s", len(arts), time.Since(start).Seconds())

	bolt := "bolt:" + filepath.Join(t.TempDir(), "kg.db")
	pg := crossDatabase(t, admin)
	stores := map[string]*graph.Store{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for name, dsn := range map[string]string{"bolt": bolt, "postgres": pg} {
		s, err := graph.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stores[name] = s
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			for i, a := range arts {
				if _, err := s.Load(ctx, a, docs[i]); err != nil {
					t.Errorf("%s: load %s: %v", name, a.ID, err)
					return
				}
			}
			mu.Lock()
			t.Logf("loaded %d articles into %s in %.1f s", len(arts), name, time.Since(start).Seconds())
			mu.Unlock()
		}()
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	copied, err := graph.Open(ctx, crossDatabase(t, admin))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { copied.Close() })
	start = time.Now()
	res, err := stores["bolt"].Copy(ctx, copied, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("copied bolt into postgres with kg's import: %d quads in %d transactions, %.1f s", res.Added, res.Batches, time.Since(start).Seconds())
	stores["postgres-copy"] = copied

	want := crossAnswers(t, stores["bolt"])
	if want["stats"] == "" || want["list by name"] == "null" {
		t.Fatalf("bolt answers nothing: %v", want)
	}
	for _, name := range []string{"postgres", "postgres-copy"} {
		got := crossAnswers(t, stores[name])
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s differs from bolt on %s:\n bolt: %.600s\n %s: %.600s", name, k, w, name, got[k])
			}
		}
	}
}

// extractCorpus reads up to limit articles (all when limit is 0) and extracts them in parallel.
func extractCorpus(t *testing.T, path string, limit int) ([]extract.Article, []*extract.Document) {
	t.Helper()
	var arts []extract.Article
	err := ingest.Read(context.Background(), path, nil, nil, func(r ingest.Record) error {
		if r.Err != nil {
			return nil
		}
		if limit > 0 && len(arts) == limit {
			return errEnough
		}
		arts = append(arts, r.Article)
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		t.Fatal(err)
	}
	m := NewMain(nil, io.Discard, io.Discard)
	x, err := m.Extractor()
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]*extract.Document, len(arts))
	errs := make([]error, len(arts))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				docs[i], errs[i] = x.Extract(arts[i])
			}
		}()
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()
	var keptA []extract.Article
	var keptD []*extract.Document
	for i, err := range errs {
		if err == nil {
			keptA, keptD = append(keptA, arts[i]), append(keptD, docs[i])
		}
	}
	if len(keptA) == 0 {
		t.Fatal("no article extracted")
	}
	return keptA, keptD
}

// crossDatabase creates an empty database on the PostgreSQL server at admin and returns its URL.
func crossDatabase(t *testing.T, admin string) string {
	t.Helper()
	db, err := sql.Open("postgres", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	name := fmt.Sprintf("kgcross_%d", rand.Uint64()>>1)
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("postgres", admin); err == nil {
			db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			db.Close()
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// crossAnswers asks a store a fixed set of questions, the entities and strings chosen from the
// store's own contents in a deterministic way, and returns each answer as JSON.
func crossAnswers(t *testing.T, s *graph.Store) map[string]string {
	t.Helper()
	ctx := context.Background()
	out := map[string]string{}
	put := func(key string, v any, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out[key] = string(b)
	}
	st, err := s.Stats(ctx)
	put("stats", st, err)
	byName, err := s.ListEntities(ctx, graph.EntityQuery{OrderBy: graph.ByName, Page: graph.Page{First: 50}})
	put("list by name", byName, err)
	top, err := s.ListEntities(ctx, graph.EntityQuery{OrderBy: graph.ByArticles, Page: graph.Page{First: 50}})
	put("list by articles", top, err)
	persons, err := s.ListEntities(ctx, graph.EntityQuery{OrderBy: graph.ByID, Type: extract.Person, Page: graph.Page{First: 20}})
	put("persons by id", persons, err)
	if len(top.Entities) < 10 {
		t.Fatalf("only %d entities", len(top.Entities))
	}
	// Entities: the ten most mentioned, and every fifth of the first fifty by name.
	var ids []string
	for _, e := range top.Entities[:10] {
		ids = append(ids, e.ID)
	}
	for i := 0; i < len(byName.Entities); i += 5 {
		ids = append(ids, byName.Entities[i].ID)
	}
	ents, err := s.Entities(ctx, ids)
	put("entities", ents, err)
	for _, q := range []string{"日本", "東京", "政府", "アメリカ", "ｔｏｋｙｏ", top.Entities[0].Name, top.Entities[3].Name, byName.Entities[7].Name} {
		es, err := s.Search(ctx, q, "", 10)
		put("search "+q, es, err)
	}
	for _, d := range []graph.Direction{graph.Out, graph.In, graph.Both} {
		rels, err := s.RelationsOf(ctx, ids, graph.RelationFilter{Direction: d}, graph.Page{First: 20})
		put(fmt.Sprintf("relations of, direction %d", d), rels, err)
	}
	said, err := s.QuotesOf(ctx, ids, graph.Speaker, graph.QuoteFilter{}, graph.Page{First: 20})
	put("quotes said", said, err)
	about, err := s.QuotesOf(ctx, ids, graph.About, graph.QuoteFilter{}, graph.Page{First: 20})
	put("quotes about", about, err)
	ms, err := s.MentionsOf(ctx, ids, graph.Page{First: 20})
	put("mentions", ms, err)
	ns, err := s.NeighborsOf(ctx, ids[:5], 2, "", 200)
	put("neighbors", ns, err)
	for _, p := range [][2]int{{0, 1}, {0, 4}, {2, 9}, {1, 12}} {
		path, err := s.Path(ctx, ids[p[0]], ids[p[1]], 3)
		put(fmt.Sprintf("path %s → %s", ids[p[0]], ids[p[1]]), path, err)
	}
	arts, err := s.ListArticles(ctx, graph.Page{First: 20})
	put("articles", arts, err)
	var aids []string
	for _, a := range arts {
		aids = append(aids, a.ID)
	}
	contents, err := s.ArticleContents(ctx, aids)
	put("article contents", contents, err)
	rels, err := s.Relations(ctx, graph.RelationQuery{Page: graph.Page{First: 100}})
	put("relations", rels, err)
	quotes, err := s.Quotes(ctx, graph.QuoteQuery{Page: graph.Page{First: 100}})
	put("quotes", quotes, err)
	for _, f := range []string{graph.CSV, graph.JSONLD} {
		var b bytes.Buffer
		err := s.Export(ctx, &b, f)
		put("export "+f, b.String(), err)
	}
	var b bytes.Buffer
	_, err = s.ExportNQuads(ctx, &b)
	put("export nquads, sorted", sortedNQuads(b.String()), err)
	return out
}
