package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kg-news/kg/graph"
)

// buildKG builds the kg binary once for the tests that run it.
func buildKG(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "kg-test-bin")
		if err != nil {
			built.err = err
			return
		}
		built.path = filepath.Join(dir, "kg")
		cmd := exec.Command("go", "build", "-o", built.path, ".")
		cmd.Env = append(os.Environ(), "GOFLAGS=-buildvcs=false")
		if out, err := cmd.CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.path
}

// built is the binary buildKG built, shared by the tests of this run.
var built struct {
	once sync.Once
	path string
	err  error
}

// corpus writes n articles as JSON lines: the bundled examples, each repeated under new ids with
// a varying first sentence.
func corpus(t *testing.T, n int) (string, []string) {
	t.Helper()
	f, err := os.Open("../../examples/news.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var base []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a map[string]any
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		base = append(base, a)
	}
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	enc := json.NewEncoder(out)
	var ids []string
	for i := range n {
		a := map[string]any{}
		for k, v := range base[i%len(base)] {
			a[k] = v
		}
		a["id"] = fmt.Sprintf("k%03d", i)
		a["text"] = fmt.Sprintf("第%d報。", i+1) + a["text"].(string)
		ids = append(ids, a["id"].(string))
		if err := enc.Encode(a); err != nil {
			t.Fatal(err)
		}
	}
	return path, ids
}

// contents reads what the store holds of each article (nil for one not stored), and its size.
func contents(t *testing.T, dsn string, ids []string) (map[string]*graph.ArticleContents, [2]int) {
	t.Helper()
	ctx := context.Background()
	store, err := graph.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer store.Close()
	hashes, err := store.Hashes(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := store.ArticleContents(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*graph.ArticleContents{}
	for i, id := range ids {
		c := cs[i]
		for _, s := range [][]string{c.Entities, c.Relations, c.Quotes} {
			slices.Sort(s)
		}
		if _, ok := hashes[id]; ok {
			out[id] = &c
		} else if len(c.Entities)+len(c.Relations)+len(c.Quotes) > 0 {
			t.Errorf("%s: no article marker, but %d entities, %d relations, %d quotes stored", id, len(c.Entities), len(c.Relations), len(c.Quotes))
		}
	}
	nodes, quads, err := store.Size(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return out, [2]int{nodes, quads}
}

// TestKillDuringLoad starts the real binary, kills it with SIGKILL mid-load again and again, and
// checks after each kill that the store opens, that every article is wholly present (exactly
// what an uninterrupted load stores) or wholly absent, and that every article the binary
// acknowledged is present. Finishing the load then leaves exactly what an uninterrupted load
// leaves: no orphan, no duplicate.
func TestKillDuringLoad(t *testing.T) {
	bin := buildKG(t)
	path, ids := corpus(t, 60)
	dir := t.TempDir()
	ref := "bolt:" + filepath.Join(dir, "ref.db")
	if out, err := exec.Command(bin, "load", "--store", ref, path).CombinedOutput(); err != nil {
		t.Fatalf("reference load: %v\n%s", err, out)
	}
	want, wantSize := contents(t, ref, ids)
	if len(want) != len(ids) {
		t.Fatalf("reference load stored %d of %d articles", len(want), len(ids))
	}

	dsn := "bolt:" + filepath.Join(dir, "kg.db")
	rng := rand.New(rand.NewPCG(1, 2))
	acked := map[string]bool{}
	kills := 0
	for round := 0; round < 12 && len(acked) < len(ids); round++ {
		// Small batches make many commits to kill between; each transaction holds whole articles.
		batch := 1 + rng.IntN(4)
		cmd := exec.Command(bin, "load", "-v", "--workers", "2", "--batch", fmt.Sprint(batch), "--store", dsn, path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill after a random number of acknowledgements, a random moment later.
		after := 1 + rng.IntN(8)
		var mu sync.Mutex
		n := 0
		reached := make(chan struct{})
		done := make(chan struct{})
		go func() {
			defer close(done)
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				id, outcome, _ := strings.Cut(sc.Text(), "\t")
				mu.Lock()
				acked[id] = true
				if strings.HasPrefix(outcome, "new") || strings.HasPrefix(outcome, "replaced") {
					n++
					if n == after {
						close(reached)
					}
				}
				mu.Unlock()
			}
		}()
		select {
		case <-reached:
			time.Sleep(time.Duration(rng.IntN(40)) * time.Millisecond)
			cmd.Process.Signal(syscall.SIGKILL)
			kills++
		case <-done:
		}
		<-done
		cmd.Wait()

		got, _ := contents(t, dsn, ids)
		mu.Lock()
		for id := range acked {
			if got[id] == nil {
				t.Errorf("round %d: %s was acknowledged but is not stored", round, id)
			}
		}
		mu.Unlock()
		for id, c := range got {
			if !reflect.DeepEqual(c, want[id]) {
				t.Errorf("round %d: %s is partly stored: %+v, want %+v", round, id, c, want[id])
			}
		}
		if t.Failed() {
			return
		}
	}
	if kills < 4 {
		t.Fatalf("only %d loads were killed mid-way", kills)
	}
	if out, err := exec.Command(bin, "load", "--store", dsn, path).CombinedOutput(); err != nil {
		t.Fatalf("final load: %v\n%s", err, out)
	}
	got, size := contents(t, dsn, ids)
	if !reflect.DeepEqual(got, want) || size != wantSize {
		t.Errorf("after %d kills and a final load: %d articles, size %v; an uninterrupted load: %d articles, size %v", kills, len(got), size, len(want), wantSize)
	}
	t.Logf("%d kills, %d articles acknowledged before the final load", kills, len(acked))
}
