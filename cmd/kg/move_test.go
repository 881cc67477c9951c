package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kg-news/kg/graph"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// loadExamples loads the bundled examples into a store opened at dsn, one article at a time so
// that the store's own order is the same on every run.
func loadExamples(t *testing.T, dsn string) *graph.Store {
	t.Helper()
	m := NewMain(strings.NewReader(""), io.Discard, io.Discard)
	s, err := m.openStore(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	sum, err := m.load(context.Background(), s, []string{"../../examples"}, loadOptions{workers: 1})
	if err != nil || sum.New != 4 {
		t.Fatalf("load examples: %+v, %v", sum, err)
	}
	return s
}

func sortedNQuads(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n") + "\n"
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", name, firstDiff(got, string(want)))
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return ""
}

// TestExport checks every export format of the examples against golden files.
func TestExport(t *testing.T) {
	dsn := "bolt:" + filepath.Join(t.TempDir(), "kg.db")
	loadExamples(t, dsn).Close()
	for _, c := range []struct{ format, golden string }{
		{"nquads", "export.nq"},
		{"jsonld", "export.jsonld"},
		{"graphml", "export.graphml"},
		{"csv", "export.csv"},
	} {
		t.Run(c.format, func(t *testing.T) {
			out, stderr, err := run(t, "", "export", "--store", dsn, "--format", c.format)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			if c.format == "nquads" {
				out = sortedNQuads(out) // the store's own order
			}
			golden(t, c.golden, out)
		})
	}
	if _, _, err := run(t, "", "export", "--store", dsn, "--format", "xml"); err == nil {
		t.Error("unknown format accepted")
	}
}

// TestCopyImport copies the examples from a memory store to bolt, then with kg copy to another
// bolt store, exports that to a gzip file and imports it into a fourth: every store holds the
// same quads and counts.
func TestCopyImport(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	mem := loadExamples(t, "memory:")
	var want bytes.Buffer
	if err := mem.Export(ctx, &want, graph.NQuads); err != nil {
		t.Fatal(err)
	}
	wantStats, err := mem.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}

	b := "bolt:" + filepath.Join(dir, "b.db")
	dst, err := graph.Open(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mem.Copy(ctx, dst, 100); err != nil {
		t.Fatal(err)
	}
	dst.Close()

	c := "bolt:" + filepath.Join(dir, "c.db")
	if _, stderr, err := run(t, "", "copy", "--from", b, "--to", c); err != nil || !strings.Contains(stderr, " added, 0 already present") {
		t.Fatalf("kg copy: %v\n%s", err, stderr)
	}
	file := filepath.Join(dir, "c.nq.gz")
	if _, stderr, err := run(t, "", "export", "--store", c, "-o", file); err != nil {
		t.Fatalf("kg export -o: %v\n%s", err, stderr)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gzip.NewReader(f); err != nil {
		t.Errorf("%s is not gzip: %v", file, err)
	}
	f.Close()
	d := "bolt:" + filepath.Join(dir, "d.db")
	for i, wantPresent := range []string{"0 already present", " added, "} {
		_, stderr, err := run(t, "", "import", "--store", d, "--batch", "1000", file)
		if err != nil || !strings.Contains(stderr, wantPresent) {
			t.Fatalf("kg import #%d: %v\n%s", i+1, err, stderr)
		}
	}
	if _, stderr, _ := run(t, "", "import", "--store", d, file); !strings.Contains(stderr, ": 0 added") && !strings.Contains(stderr, " 0 added,") {
		t.Errorf("reimport added quads: %s", stderr)
	}
	for _, dsn := range []string{b, c, d} {
		out, stderr, err := run(t, "", "export", "--store", dsn)
		if err != nil {
			t.Fatalf("export %s: %v\n%s", dsn, err, stderr)
		}
		if sortedNQuads(out) != sortedNQuads(want.String()) {
			t.Errorf("%s: quads differ from the memory store's", dsn)
		}
		s, err := graph.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		st, err := s.Stats(ctx)
		s.Close()
		if err != nil || st != wantStats {
			t.Errorf("%s: stats %+v, %v; want %+v", dsn, st, err, wantStats)
		}
	}
	for _, args := range [][]string{
		{"copy", "--from", b},
		{"copy", "--from", b, "--to", b},
		{"import", "--store", d},
		{"import", "--store", d, filepath.Join(dir, "missing.nq")},
		{"export", "--store", d, "extra"},
	} {
		if _, _, err := run(t, "", args...); err == nil {
			t.Errorf("kg %v succeeded", args)
		}
	}
}
