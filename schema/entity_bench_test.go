package schema

import (
	"context"
	"os"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/kg-news/kg/graph"
)

// The entity queries of benchmark 3 (BENCHMARKS.md): one hop of facts, and two hops of
// neighbours.
const (
	oneHopQuery = `query($id: ID!) { entity(id: $id) { id name relations(direction: BOTH, first: 20) { edges { node { relation subject { id name } object { id } value } } } } }`
	twoHopQuery = `query($id: ID!) { entity(id: $id) { id name neighbors(depth: 2, first: 50) { depth entity { id name } } } }`
)

// BenchmarkEntityQueries runs the entity queries over the 200 most mentioned entities of the
// store named by KG_BENCH_STORE (a DSN, such as bolt:/tmp/q.db with the Wikinews corpus
// loaded), one request at a time and from 50 goroutines, as bench/run's clients. It is skipped
// without KG_BENCH_STORE. Opening the store and building its entity index are setup, outside
// the timing.
func BenchmarkEntityQueries(b *testing.B) {
	dsn := os.Getenv("KG_BENCH_STORE")
	if dsn == "" {
		b.Skip("KG_BENCH_STORE not set")
	}
	ctx := context.Background()
	st, err := graph.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	sch, err := New(st)
	if err != nil {
		b.Fatal(err)
	}
	page, err := st.ListEntities(ctx, graph.EntityQuery{OrderBy: graph.ByArticles, Page: graph.Page{First: 200}})
	if err != nil || len(page.Entities) == 0 {
		b.Fatalf("no entities in %s: %v", dsn, err)
	}
	ids := make([]string, len(page.Entities))
	for i, e := range page.Entities {
		ids[i] = e.ID
	}
	do := func(b *testing.B, q string, i int) {
		res := sch.Do(ctx, Request{Query: q, Variables: map[string]any{"id": ids[i%len(ids)]}})
		if len(res.Errors) > 0 {
			b.Fatal(res.Errors)
		}
		if res.Data == nil {
			b.Fatal("no data")
		}
	}
	for _, c := range []struct{ name, query string }{{"1hop", oneHopQuery}, {"2hop", twoHopQuery}} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				do(b, c.query, i)
			}
		})
		b.Run(c.name+"/50clients", func(b *testing.B) {
			var n atomic.Int64
			b.SetParallelism(max(1, 50/runtime.GOMAXPROCS(0)))
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					do(b, c.query, int(n.Add(1)))
				}
			})
		})
	}
}
