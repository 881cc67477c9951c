package graph

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/extract"
)

// backends lists the stores the contract suite runs on. PostgreSQL runs when KG_TEST_POSTGRES
// holds the URL of a server where the test may create databases (.ci/run starts one).
func backends(t *testing.T) map[string]func(t *testing.T) string {
	b := map[string]func(t *testing.T) string{
		"memory": func(t *testing.T) string { return "memory:" },
		"bolt": func(t *testing.T) string {
			return "bolt:" + filepath.Join(t.TempDir(), "kg.db")
		},
	}
	if admin := os.Getenv("KG_TEST_POSTGRES"); admin != "" {
		b["postgres"] = func(t *testing.T) string { return freshDatabase(t, admin) }
		b["cockroach-on-postgres"] = func(t *testing.T) string { return cockroachOnPostgres(t, admin) }
	} else {
		t.Log("KG_TEST_POSTGRES is not set: the PostgreSQL backend is not tested (.ci/run tests it)")
	}
	return b
}

// freshDatabase creates an empty database on the server at admin and returns its URL.
func freshDatabase(t *testing.T, admin string) string {
	t.Helper()
	db, err := sql.Open("postgres", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	name := fmt.Sprintf("kgtest_%d", rand.Uint64()>>1)
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("postgres", admin)
		if err != nil {
			return
		}
		defer db.Close()
		db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// cockroachOnPostgres returns a cockroach:// DSN for a fresh PostgreSQL database, so that the
// cockroach path (Cayley's cockroach flavour: the pgx driver, multi-row inserts, transaction
// retries with SAVEPOINT cockroach_restart; kg's lock row) runs against PostgreSQL, which speaks
// the same protocol. Two CockroachDB dialect features PostgreSQL lacks are stood in for: the
// schema is created by the postgres flavour (the cockroach flavour's CREATE TABLE declares column
// FAMILY groups), and the nodes table gains a column named "nothing" so that CockroachDB's
// "RETURNING NOTHING" parses as returning that column.
func cockroachOnPostgres(t *testing.T, admin string) string {
	t.Helper()
	pg := freshDatabase(t, admin)
	if err := csql.Init(Postgres, pg, nil); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	db, err := sql.Open("postgres", pg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("ALTER TABLE nodes ADD COLUMN nothing BOOLEAN"); err != nil {
		t.Fatal(err)
	}
	return "cockroach" + strings.TrimPrefix(pg, "postgres")
}

func openStore(t *testing.T, dsn string) *Store {
	t.Helper()
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

type fixture struct {
	article extract.Article
	doc     *extract.Document
}

// article builds a small article by hand: entities as "id:Type:name[:alias...]", relations as
// "subject relation object" (object "=value" for a literal), quotes as "speaker|text|about".
func article(id, text string, ents, rels, quotes []string) fixture {
	a := extract.Article{ID: id, Title: "title " + id, Text: text, Published: "2024-01-" + fmt.Sprint(10+len(id))}
	d := &extract.Document{ID: id}
	for _, e := range ents {
		f := strings.Split(e, ":")
		d.Entities = append(d.Entities, extract.Entity{ID: f[0], Type: f[1], Name: f[2], Aliases: f[3:],
			Mentions: []extract.Span{{Start: 0, End: 1}}})
	}
	for i, r := range rels {
		f := strings.Fields(r)
		rel := extract.Relation{Subject: f[0], Relation: f[1], Text: f[1], Sentence: i, Start: i, End: i + 1, Confidence: 0.5}
		if v, ok := strings.CutPrefix(f[2], "="); ok {
			rel.Value = v
		} else {
			rel.Object = f[2]
		}
		d.Relations = append(d.Relations, rel)
	}
	for i, q := range quotes {
		f := strings.Split(q, "|")
		qt := extract.Quote{Text: f[1], Verb: "述べる", Sentence: i, Start: i, End: i + 2, Confidence: 0.9}
		if sp, ok := strings.CutPrefix(f[0], "?"); ok {
			qt.SpeakerText = sp
		} else {
			qt.Speaker = f[0]
			qt.SpeakerText = f[0]
		}
		if len(f) > 2 && f[2] != "" {
			qt.About = strings.Split(f[2], ",")
		}
		d.Quotes = append(d.Quotes, qt)
	}
	return fixture{a, d}
}

var (
	a1 = article("a1", "text one",
		[]string{"google:Firm:Google:グーグル", "tpu:Product:TPU", "us:Country:米国:ワシントン", "yamada:Person:山田太郎"},
		[]string{"google develops tpu", "google located_in us", "yamada role =教授", "yamada works_at google"},
		[]string{"yamada|TPUは速い|tpu,google", "?匿名の開発者|難しい|"})
	a1b = article("a1", "text one, edited",
		[]string{"google:Firm:Google:グーグル", "us:Country:米国", "nvidia:Firm:Nvidia:エヌビディア"},
		[]string{"google located_in us", "nvidia located_in us", "google competes_with nvidia"},
		[]string{"nvidia|競争は激しい|google"})
	a2 = article("a2/x y", "text two",
		[]string{"google:Firm:Google:Google LLC", "us:Country:米国", "sora:Product:Sora", "openai:Firm:OpenAI"},
		[]string{"google located_in us", "openai develops sora", "openai releases sora"},
		[]string{"openai|Soraを公開する|sora"})
)

func load(t *testing.T, s *Store, f fixture) LoadResult {
	t.Helper()
	res, err := s.Load(context.Background(), f.article, f.doc)
	if err != nil {
		t.Fatalf("load %s: %v", f.article.ID, err)
	}
	return res
}

// dump lists every quad in the store as sorted N-Quads lines.
func dump(t *testing.T, s *Store) []string {
	t.Helper()
	var out []string
	err := s.read(context.Background(), func(r reader) error {
		it := r.qs.QuadsAllIterator().Iterate()
		defer it.Close()
		for it.Next(r.ctx) {
			q, err := r.qs.Quad(it.Result())
			if err != nil {
				return err
			}
			out = append(out, q.NQuad())
		}
		return it.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// expected returns the quads of the fixtures loaded in order into an empty memory store.
func expected(t *testing.T, fs ...fixture) []string {
	t.Helper()
	s := openStore(t, "memory:")
	for _, f := range fs {
		load(t, s, f)
	}
	return dump(t, s)
}

func sameQuads(t *testing.T, what string, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	missing, extra := diff(want, got), diff(got, want)
	t.Errorf("%s: store differs from a fresh load: %d missing, %d extra\nmissing: %s\nextra: %s",
		what, len(missing), len(extra), strings.Join(missing, "\n  "), strings.Join(extra, "\n  "))
}

func diff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

func size(t *testing.T, s *Store) (int, int) {
	t.Helper()
	n, q, err := s.Size(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n, q
}

// TestStore is the store contract: every backend must pass it.
func TestStore(t *testing.T) {
	for name, dsn := range backends(t) {
		t.Run(name, func(t *testing.T) {
			for _, c := range contract {
				t.Run(c.name, func(t *testing.T) { c.run(t, openStore(t, dsn(t))) })
			}
		})
	}
}

var contract = []struct {
	name string
	run  func(t *testing.T, s *Store)
}{
	{"empty store", testEmpty},
	{"load", testLoad},
	{"load batch", testLoadBatch},
	{"reload writes nothing", testReload},
	{"replace", testReplace},
	{"delete", testDelete},
	{"no orphans", testOrphans},
	{"concurrent different articles", testConcurrentDifferent},
	{"concurrent same article", testConcurrentSame},
	{"failed write", testFailedWrite},
	{"invalid document", testInvalid},
	{"batch reads", testBatchReads},
	{"walks", testWalks},
	{"index and search", testIndex},
}

// testEmpty: a store nothing was ever written to answers every read, with nothing.
func testEmpty(t *testing.T, s *Store) {
	ctx := context.Background()
	if st, err := s.Stats(ctx); err != nil || st != (Stats{}) {
		t.Errorf("stats = %+v, %v", st, err)
	}
	if es, err := s.Search(ctx, "google", "", 5); err != nil || len(es) != 0 {
		t.Errorf("search = %v, %v", es, err)
	}
	if p, err := s.ListEntities(ctx, EntityQuery{Page: Page{First: 5}}); err != nil || len(p.Entities) != 0 {
		t.Errorf("list entities = %+v, %v", p, err)
	}
	if as, err := s.ListArticles(ctx, Page{First: 5}); err != nil || len(as) != 0 {
		t.Errorf("list articles = %v, %v", as, err)
	}
	if err := s.Ping(ctx); err != nil {
		t.Errorf("ping: %v", err)
	}
	if n, q := size(t, s); n != 0 || q != 0 {
		t.Errorf("size %d nodes, %d quads", n, q)
	}
}

// testLoadBatch: a batch stores exactly what loading its articles one by one stores; an invalid
// item is reported alone; a repeated or already stored article goes through Load.
func testLoadBatch(t *testing.T, s *Store) {
	ctx := context.Background()
	bad := article("b1", "x", []string{"x:Alien:X"}, nil, nil)
	items := []Item{{a1.article, a1.doc}, {bad.article, bad.doc}, {a2.article, a2.doc}, {a1.article, a1.doc}}
	res, errs, err := s.LoadBatch(ctx, items)
	if err != nil {
		t.Fatal(err)
	}
	want := []Outcome{New, 0, New, Unchanged}
	for i := range items {
		if i == 1 {
			if errs[i] == nil || !IsInputError(errs[i]) {
				t.Errorf("invalid item: %v, want an input error", errs[i])
			}
			continue
		}
		if errs[i] != nil || res[i].Outcome != want[i] {
			t.Errorf("item %d: %v, %v; want %v", i, res[i].Outcome, errs[i], want[i])
		}
	}
	sameQuads(t, "after a batch", dump(t, s), expected(t, a1, a2))
	res, errs, err = s.LoadBatch(ctx, []Item{{a1b.article, a1b.doc}, {a2.article, a2.doc}})
	if err != nil || errs[0] != nil || res[0].Outcome != Replaced || res[1].Outcome != Unchanged {
		t.Errorf("second batch: %+v %v %v", res, errs, err)
	}
	sameQuads(t, "after a batch that replaces", dump(t, s), expected(t, a1, a2, a1b))
	if _, err := s.Delete(ctx, "a1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Delete(ctx, "a2/x y"); err != nil {
		t.Fatal(err)
	}
	if n, q := size(t, s); n != 0 || q != 0 {
		t.Errorf("batches then deletes left %d nodes, %d quads", n, q)
	}
}

func testLoad(t *testing.T, s *Store) {
	ctx := context.Background()
	if res := load(t, s, a1); res.Outcome != New || res.Added == 0 {
		t.Fatalf("first load: %+v, want new with quads", res)
	}
	es, err := s.Entities(ctx, []string{"google", "missing", "yamada"})
	if err != nil {
		t.Fatal(err)
	}
	if es[0] == nil || es[0].Name != "Google" || es[0].Type != "Firm" || !slices.Equal(es[0].Aliases, []string{"グーグル"}) || es[0].Articles != 1 {
		t.Errorf("google = %+v", es[0])
	}
	if es[1] != nil || es[2] == nil || es[2].Type != "Person" {
		t.Errorf("missing = %+v, yamada = %+v", es[1], es[2])
	}
	rels, err := s.Relations(ctx, RelationQuery{Subject: "google"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rels {
		got = append(got, r.Subject+" "+r.Relation+" "+r.Object+r.Value)
		if len(r.Evidence) != 1 || r.Evidence[0].Article != "a1" {
			t.Errorf("%s: evidence %+v", r.ID, r.Evidence)
		}
	}
	slices.Sort(got)
	if want := []string{"google develops tpu", "google located_in us"}; !slices.Equal(got, want) {
		t.Errorf("relations of google = %q, want %q", got, want)
	}
	role, err := s.Relations(ctx, RelationQuery{Subject: "yamada", Relation: "role"})
	if err != nil || len(role) != 1 || role[0].Value != "教授" {
		t.Errorf("role of yamada = %+v, %v", role, err)
	}
	qs, err := s.Quotes(ctx, QuoteQuery{Speaker: "yamada"})
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 1 || qs[0].Text != "TPUは速い" || qs[0].Article != "a1" || !slices.Equal(qs[0].About, []string{"google", "tpu"}) {
		t.Errorf("quotes of yamada = %+v", qs)
	}
	anon, err := s.Quotes(ctx, QuoteQuery{SpeakerText: "匿名の開発者"})
	if err != nil || len(anon) != 1 || anon[0].Speaker != "" {
		t.Errorf("unnamed speaker's quotes = %+v, %v", anon, err)
	}
	named, err := s.FindEntities(ctx, EntityQuery{Name: "ワシントン"})
	if err != nil || len(named) != 1 || named[0].ID != "us" {
		t.Errorf("entity named ワシントン = %+v, %v", named, err)
	}
	firms, err := s.FindEntities(ctx, EntityQuery{Type: "Firm"})
	if err != nil || len(firms) != 1 || firms[0].ID != "google" {
		t.Errorf("firms = %+v, %v", firms, err)
	}
	arts, err := s.Articles(ctx, []string{"a1"})
	if err != nil || arts[0] == nil || arts[0].Title != "title a1" || arts[0].Hash != ContentHash(a1.article) {
		t.Errorf("article a1 = %+v, %v", arts[0], err)
	}
	st, err := s.Stats(ctx)
	if err != nil || st != (Stats{Articles: 1, Entities: 4, Relations: 4, Quotes: 2, Quads: st.Quads}) {
		t.Errorf("stats = %+v, %v", st, err)
	}
	sameQuads(t, "after one load", dump(t, s), expected(t, a1))
}

func testReload(t *testing.T, s *Store) {
	load(t, s, a1)
	load(t, s, a2)
	before := dump(t, s)
	n0, q0 := size(t, s)
	for i := 0; i < 3; i++ {
		if res := load(t, s, a1); res.Outcome != Unchanged || res.Added+res.Removed != 0 {
			t.Fatalf("reload: %+v, want unchanged and nothing written", res)
		}
	}
	if n, q := size(t, s); n != n0 || q != q0 {
		t.Errorf("reload changed the store: nodes %d→%d, quads %d→%d", n0, n, q0, q)
	}
	sameQuads(t, "after reloads", dump(t, s), before)
}

func testReplace(t *testing.T, s *Store) {
	ctx := context.Background()
	load(t, s, a1)
	load(t, s, a2)
	if res := load(t, s, a1b); res.Outcome != Replaced {
		t.Fatalf("load of changed content: %v, want replaced", res.Outcome)
	}
	sameQuads(t, "after replace", dump(t, s), expected(t, a2, a1b))
	if es, _ := s.Entities(ctx, []string{"tpu", "yamada", "nvidia"}); es[0] != nil || es[1] != nil || es[2] == nil {
		t.Errorf("after replace: tpu %v, yamada %v (want gone), nvidia %v (want present)", es[0], es[1], es[2])
	}
	// The alias only the old version gave is gone; the one still given stays.
	if es, _ := s.Entities(ctx, []string{"us"}); es[0] == nil || len(es[0].Aliases) != 0 {
		t.Errorf("us after replace = %+v, want no aliases", es[0])
	}
}

func testDelete(t *testing.T, s *Store) {
	ctx := context.Background()
	load(t, s, a1)
	load(t, s, a2)
	ok, err := s.Delete(ctx, "a1")
	if err != nil || !ok {
		t.Fatalf("delete a1 = %v, %v", ok, err)
	}
	sameQuads(t, "after delete", dump(t, s), expected(t, a2))
	g, _ := s.Entities(ctx, []string{"google"})
	if g[0] == nil || g[0].Articles != 1 || !slices.Equal(g[0].Aliases, []string{"Google LLC"}) {
		t.Errorf("google after delete = %+v", g[0])
	}
	rels, _ := s.Relations(ctx, RelationQuery{Subject: "google", Relation: "located_in"})
	if len(rels) != 1 || len(rels[0].Evidence) != 1 || rels[0].Evidence[0].Article != "a2/x y" {
		t.Errorf("shared fact after delete = %+v", rels)
	}
	if ok, err := s.Delete(ctx, "a1"); ok || err != nil {
		t.Errorf("second delete = %v, %v; want false, nil", ok, err)
	}
}

func testOrphans(t *testing.T, s *Store) {
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		load(t, s, a1)
	}
	if _, err := s.Delete(ctx, "a1"); err != nil {
		t.Fatal(err)
	}
	if n, q := size(t, s); n != 0 || q != 0 {
		t.Errorf("3 loads and 1 delete left %d nodes and %d quads, want none", n, q)
	}
	// And with a replace in between, and another article sharing entities.
	load(t, s, a2)
	n0, q0 := size(t, s)
	load(t, s, a1)
	load(t, s, a1b)
	load(t, s, a1)
	if _, err := s.Delete(ctx, "a1"); err != nil {
		t.Fatal(err)
	}
	if n, q := size(t, s); n != n0 || q != q0 {
		t.Errorf("load, replace, delete left nodes %d (want %d), quads %d (want %d)", n, n0, q, q0)
	}
}

func many(n int) []fixture {
	var fs []fixture
	for i := 0; i < n; i++ {
		f := a2
		if i%2 == 1 {
			f = a1
		}
		a := f.article
		a.ID = fmt.Sprintf("art-%02d", i)
		d := *f.doc
		d.ID = a.ID
		fs = append(fs, fixture{a, &d})
	}
	return fs
}

func testConcurrentDifferent(t *testing.T, s *Store) {
	fs := many(12)
	var wg sync.WaitGroup
	errs := make(chan error, len(fs))
	for _, f := range fs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.Load(context.Background(), f.article, f.doc); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	sameQuads(t, "after concurrent loads", dump(t, s), expected(t, fs...))
}

func testConcurrentSame(t *testing.T, s *Store) {
	const n = 50
	var wg sync.WaitGroup
	outcomes := make(chan Outcome, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := s.Load(context.Background(), a1.article, a1.doc)
			if err != nil {
				t.Error(err)
			}
			outcomes <- res.Outcome
		}()
	}
	wg.Wait()
	close(outcomes)
	count := map[Outcome]int{}
	for o := range outcomes {
		count[o]++
	}
	if count[New] != 1 || count[Unchanged] != n-1 {
		t.Errorf("outcomes of %d parallel loads: %v, want 1 new and the rest unchanged", n, count)
	}
	sameQuads(t, "after parallel loads of one article", dump(t, s), expected(t, a1))
}

// testFailedWrite forces a write to fail half way (a quad that already exists, after new nodes
// were allocated in the same transaction) and checks that the next write is sound: Cayley's KV
// layer would otherwise reuse node ids from the rolled-back transaction.
func testFailedWrite(t *testing.T, s *Store) {
	ctx := context.Background()
	load(t, s, a2)
	existing := quad.Quad{Subject: articleIRI(a2.article.ID), Predicate: predType, Object: classArticle}
	fresh := quad.Quad{Subject: entityIRI("tpu"), Predicate: predName, Object: quad.String("TPU")}
	unlock, err := s.writeLock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	err = s.apply(ctx, []quad.Quad{fresh, existing}, quadSet{})
	unlock()
	if !cgraph.IsQuadExist(err) {
		t.Fatalf("forced failure: got %v, want a quad-exists error", err)
	}
	sameQuads(t, "after a failed write", dump(t, s), expected(t, a2))
	load(t, s, a1)
	sameQuads(t, "after the write that follows a failed one", dump(t, s), expected(t, a2, a1))
	if _, err := s.Delete(ctx, "a1"); err != nil {
		t.Fatal(err)
	}
	sameQuads(t, "after deleting it again", dump(t, s), expected(t, a2))
}

func testInvalid(t *testing.T, s *Store) {
	bad := []fixture{
		article("", "x", nil, nil, nil),
		article("b1", "x", []string{"x:Alien:X"}, nil, nil),
		article("b2", "x", []string{"x:Firm:X"}, []string{"x develops y"}, nil),
		article("b3", "x", []string{"x:Firm:X"}, []string{"x likes x"}, nil),
		article("b4", "x", []string{"x:Firm:X"}, nil, []string{"y|hello|"}),
	}
	for _, f := range bad {
		if _, err := s.Load(context.Background(), f.article, f.doc); err == nil {
			t.Errorf("load of invalid %+v succeeded", f.doc)
		}
	}
	if n, q := size(t, s); n != 0 || q != 0 {
		t.Errorf("invalid loads left %d nodes, %d quads", n, q)
	}
}

func testBatchReads(t *testing.T, s *Store) {
	ctx := context.Background()
	load(t, s, a1)
	load(t, s, a2)
	rels, err := s.RelationsOf(ctx, []string{"google", "us", "nobody"}, RelationFilter{Direction: Out}, Page{})
	if err != nil {
		t.Fatal(err)
	}
	names := func(rs []*Relation) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Subject+" "+r.Relation+" "+r.Object+r.Value)
		}
		slices.Sort(out)
		return out
	}
	if got := names(rels[0]); !slices.Equal(got, []string{"google develops tpu", "google located_in us"}) {
		t.Errorf("out of google = %q", got)
	}
	if len(rels[1]) != 0 || len(rels[2]) != 0 {
		t.Errorf("out of us = %v, of nobody = %v", rels[1], rels[2])
	}
	in, _ := s.RelationsOf(ctx, []string{"us"}, RelationFilter{Direction: In}, Page{})
	if got := names(in[0]); !slices.Equal(got, []string{"google located_in us"}) {
		t.Errorf("into us = %q", got)
	}
	both, _ := s.RelationsOf(ctx, []string{"google"}, RelationFilter{Direction: Both, Relation: "works_at"}, Page{})
	if got := names(both[0]); !slices.Equal(got, []string{"yamada works_at google"}) {
		t.Errorf("works_at around google = %q", got)
	}
	if r := both[0][0]; r.Text != "works_at" || r.Confidence != 0.5 {
		t.Errorf("statement text %q confidence %v", r.Text, r.Confidence)
	}
	// Pages: one at a time, each holding one more to tell that others follow.
	p1, _ := s.RelationsOf(ctx, []string{"google"}, RelationFilter{}, Page{First: 1})
	if len(p1[0]) != 2 {
		t.Fatalf("first page of 1 holds %d, want 2 (one more to tell)", len(p1[0]))
	}
	p2, _ := s.RelationsOf(ctx, []string{"google"}, RelationFilter{}, Page{First: 1, After: p1[0][0].ID})
	if len(p2[0]) != 1 || p2[0][0].ID == p1[0][0].ID {
		t.Errorf("second page = %v", p2[0])
	}

	said, err := s.QuotesOf(ctx, []string{"yamada", "openai"}, Speaker, QuoteFilter{}, Page{})
	if err != nil || len(said[0]) != 1 || len(said[1]) != 1 || said[0][0].Text != "TPUは速い" {
		t.Fatalf("said = %v, %v", said, err)
	}
	about, _ := s.QuotesOf(ctx, []string{"google"}, About, QuoteFilter{}, Page{})
	if len(about[0]) != 1 {
		t.Errorf("about google = %v", about[0])
	}
	// a1 was published on 2024-01-12, a2 on 2024-01-15 (see article).
	dated, _ := s.QuotesOf(ctx, []string{"yamada", "openai"}, Speaker, QuoteFilter{Since: "2024-01-13"}, Page{})
	if len(dated[0]) != 0 || len(dated[1]) != 1 {
		t.Errorf("since 2024-01-13: %v", dated)
	}
	until, _ := s.QuotesOf(ctx, []string{"yamada"}, Speaker, QuoteFilter{Until: "2024-01-13", Contains: "ｔｐｕ"}, Page{})
	if len(until[0]) != 1 {
		t.Errorf("until 2024-01-13 containing tpu: %v", until)
	}

	ms, err := s.MentionsOf(ctx, []string{"google", "tpu"}, Page{})
	if err != nil || len(ms[0]) != 2 || len(ms[1]) != 1 || ms[1][0] != (Mention{Article: "a1", Count: 1}) {
		t.Errorf("mentions = %v, %v", ms, err)
	}
	cs, err := s.ArticleContents(ctx, []string{"a1", "nothing"})
	if err != nil || len(cs[0].Entities) != 4 || len(cs[0].Relations) != 4 || len(cs[0].Quotes) != 2 || len(cs[1].Entities) != 0 {
		t.Errorf("contents = %+v, %v", cs, err)
	}
	sts, _ := s.Statements(ctx, cs[0].Relations[:1])
	qs, _ := s.QuotesByID(ctx, cs[0].Quotes)
	if sts[0] == nil || qs[0] == nil || qs[1] == nil {
		t.Errorf("statements %v quotes %v", sts, qs)
	}
}

func testWalks(t *testing.T, s *Store) {
	ctx := context.Background()
	load(t, s, a1)
	load(t, s, a2)
	ns, err := s.Neighbors(ctx, "yamada", 2, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range ns {
		got = append(got, fmt.Sprintf("%s@%d", n.Entity, n.Depth))
	}
	if want := []string{"google@1", "tpu@2", "us@2"}; !slices.Equal(got, want) {
		t.Errorf("neighbors of yamada = %q, want %q", got, want)
	}
	path, err := s.Path(ctx, "tpu", "us", 4)
	if err != nil {
		t.Fatal(err)
	}
	var steps []string
	for _, e := range path {
		steps = append(steps, fmt.Sprintf("%s-%s-%s/%v", e.From, e.Relation, e.To, e.Forward))
	}
	if want := []string{"tpu-develops-google/false", "google-located_in-us/true"}; !slices.Equal(steps, want) {
		t.Errorf("path tpu → us = %q, want %q", steps, want)
	}
	sts, _ := s.Statements(ctx, []string{path[0].Statement})
	if sts[0] == nil || sts[0].Relation != "develops" {
		t.Errorf("statement of the first step = %+v", sts[0])
	}
	if p, _ := s.Path(ctx, "tpu", "sora", 4); p != nil {
		t.Errorf("path tpu → sora = %v, want none", p)
	}
	if p, _ := s.Path(ctx, "tpu", "us", 1); p != nil {
		t.Errorf("path tpu → us in 1 hop = %v, want none", p)
	}
	if _, err := s.Path(ctx, "tpu", "us", 5); err == nil {
		t.Error("maxHops 5 accepted")
	}
}

func testIndex(t *testing.T, s *Store) {
	ctx := context.Background()
	load(t, s, a1)
	if err := s.WarmIndex(ctx); err != nil {
		t.Fatal(err)
	}
	page, err := s.ListEntities(ctx, EntityQuery{OrderBy: ByArticles, Page: Page{First: 2}})
	if err != nil || len(page.Entities) != 2 || !page.More || page.Total != 4 {
		t.Fatalf("first page = %+v, %v", page, err)
	}
	rest, _ := s.ListEntities(ctx, EntityQuery{OrderBy: ByArticles, Page: Page{After: page.Cursors[1]}})
	if len(rest.Entities) != 2 || rest.More {
		t.Errorf("second page = %+v", rest)
	}
	// The index follows writes: a2 adds two entities and a second article for google.
	load(t, s, a2)
	// Entities answers from the index only what no write has changed since it was built.
	entities := func(when string, wantGoogle int, wantOpenAI bool, wantAliases ...string) {
		t.Helper()
		es, err := s.Entities(ctx, []string{"google", "openai", "yamada"})
		if err != nil {
			t.Fatal(err)
		}
		if es[0] == nil || es[0].Articles != wantGoogle || !slices.Equal(es[0].Aliases, wantAliases) {
			t.Errorf("%s: google = %+v, want %d articles", when, es[0], wantGoogle)
		}
		if (es[1] != nil) != wantOpenAI || es[2] == nil || es[2].Articles != 1 {
			t.Errorf("%s: openai = %+v (want it: %v), yamada = %+v", when, es[1], wantOpenAI, es[2])
		}
	}
	entities("after a2", 2, true, "Google LLC", "グーグル")
	s.ListEntities(ctx, EntityQuery{})
	entities("after a2, the index refreshed", 2, true, "Google LLC", "グーグル")
	page, _ = s.ListEntities(ctx, EntityQuery{OrderBy: ByArticles, Page: Page{First: 1}})
	if page.Entities[0].ID != "google" && page.Entities[0].ID != "us" || page.Total != 6 {
		t.Errorf("after a2: first %+v, total %d", page.Entities[0], page.Total)
	}
	for _, q := range []string{"Google", "google", "ＧＯＯＧＬＥ", "goo", "グーグル", "ｸﾞｰｸﾞﾙ", "LLC"} {
		es, err := s.Search(ctx, q, "", 5)
		if err != nil || len(es) == 0 || es[0].ID != "google" {
			t.Errorf("search %q = %v, %v", q, es, err)
		}
	}
	if es, _ := s.Search(ctx, "google", "Person", 5); len(es) != 0 {
		t.Errorf("search google among persons = %v", es)
	}
	if _, err := s.Delete(ctx, "a2/x y"); err != nil {
		t.Fatal(err)
	}
	if es, _ := s.Search(ctx, "OpenAI", "", 5); len(es) != 0 {
		t.Errorf("OpenAI found after its only article was deleted: %v", es)
	}
	entities("after a2 was deleted", 1, false, "グーグル")
	byName, _ := s.ListEntities(ctx, EntityQuery{OrderBy: ByName, Type: "Firm"})
	if len(byName.Entities) != 1 || byName.Entities[0].ID != "google" {
		t.Errorf("firms by name = %+v", byName.Entities)
	}
}
