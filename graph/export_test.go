package graph

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
)

func exportString(t *testing.T, s *Store, format string) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.Export(context.Background(), &b, format); err != nil {
		t.Fatalf("export %s: %v", format, err)
	}
	return b.String()
}

func sortedLines(s string) []string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	slices.Sort(lines)
	return lines
}

// TestCopy copies a memory store into every backend, in small batches, and checks that the
// copy holds the same quads and answers the same, that copying again writes nothing, and that
// the copy's reference counts are exact: replacing and deleting articles in it leaves what a
// fresh load would, and nothing at all at the end.
func TestCopy(t *testing.T) {
	ctx := context.Background()
	src := openStore(t, "memory:")
	load(t, src, a1)
	load(t, src, a2)
	want := dump(t, src)
	wantStats, _ := src.Stats(ctx)
	for name, dsn := range backends(t) {
		t.Run(name, func(t *testing.T) {
			dst := openStore(t, dsn(t))
			res, err := src.Copy(ctx, dst, 7)
			if err != nil {
				t.Fatal(err)
			}
			if res.Read != len(want) || res.Added != len(want) || res.Present != 0 || res.Batches != (len(want)+6)/7 {
				t.Errorf("copy: %+v, want %d quads added in %d batches", res, len(want), (len(want)+6)/7)
			}
			sameQuads(t, "after copy", dump(t, dst), want)
			if got := sortedLines(exportString(t, dst, NQuads)); !slices.Equal(got, want) {
				t.Errorf("export of the copy differs from the source's quads")
			}
			st, err := dst.Stats(ctx)
			if err != nil || st != wantStats {
				t.Errorf("stats of the copy = %+v, %v; want %+v", st, err, wantStats)
			}
			n0, q0 := size(t, src)
			if n, q := size(t, dst); n != n0 || q != q0 {
				t.Errorf("copy has %d nodes, %d quads; source %d, %d", n, q, n0, q0)
			}
			if es, err := dst.Search(ctx, "グーグル", "", 1); err != nil || len(es) != 1 || es[0].ID != "google" {
				t.Errorf("search in the copy = %v, %v", es, err)
			}
			again, err := src.Copy(ctx, dst, 0)
			if err != nil || again.Added != 0 || again.Present != len(want) {
				t.Errorf("second copy = %+v, %v; want everything present", again, err)
			}
			if res := load(t, dst, a1); res.Outcome != Unchanged {
				t.Errorf("loading a copied article again: %v, want unchanged", res.Outcome)
			}
			load(t, dst, a1b)
			sameQuads(t, "after replacing in the copy", dump(t, dst), expected(t, a2, a1b))
			for _, id := range []string{"a1", "a2/x y"} {
				if ok, err := dst.Delete(ctx, id); !ok || err != nil {
					t.Fatalf("delete %s: %v, %v", id, ok, err)
				}
			}
			if n, q := size(t, dst); n != 0 || q != 0 {
				t.Errorf("deleting every article of the copy left %d nodes, %d quads", n, q)
			}
		})
	}
}

func TestImport(t *testing.T) {
	ctx := context.Background()
	src := openStore(t, "memory:")
	load(t, src, a1)
	load(t, src, a2)
	nq := exportString(t, src, NQuads)
	lines := strings.Count(nq, "\n")
	for _, c := range []struct {
		name    string
		before  []fixture // loaded into the destination first
		input   string
		batch   int
		err     string
		added   int
		present int
		kept    int
	}{
		{name: "twice in one file", input: nq + nq, batch: 1000, added: lines, present: lines},
		{name: "twice across batches", input: nq + nq, batch: 10, added: lines, present: lines},
		{name: "into a store holding one article", before: []fixture{a2}, input: nq, added: len(expected(t, a1, a2)) - len(expected(t, a2)), present: len(expected(t, a2))},
		{name: "other content under a stored id", before: []fixture{a1b}, input: nq, err: "a1 is stored with other content"},
		{name: "labelled quad", input: "<a> <b> <c> <g> .\n", err: "graph label"},
		{name: "bad syntax", input: "<a> <b> .\n", err: "quad 1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dst := openStore(t, "memory:")
			for _, f := range c.before {
				load(t, dst, f)
			}
			res, err := dst.ImportNQuads(ctx, strings.NewReader(c.input), c.batch)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Errorf("import: %v, want an error with %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Added != c.added || res.Present != c.present || res.Kept != c.kept {
				t.Errorf("import = %+v, want %d added, %d present, %d kept", res, c.added, c.present, c.kept)
			}
			sameQuads(t, "after import", dump(t, dst), dump(t, src))
		})
	}
}

// TestImportKeepsNames: an entity the destination already names keeps its name and type.
func TestImportKeepsNames(t *testing.T) {
	ctx := context.Background()
	src := openStore(t, "memory:")
	load(t, src, article("b1", "x", []string{"google:Organization:グーグル社"}, nil, nil))
	dst := openStore(t, "memory:")
	load(t, dst, a1)
	res, err := src.Copy(ctx, dst, 0)
	if err != nil || res.Kept != 2 {
		t.Fatalf("copy = %+v, %v; want the name and type kept", res, err)
	}
	sameQuads(t, "after merging", dump(t, dst), expected(t, a1, article("b1", "x", []string{"google:Organization:グーグル社"}, nil, nil)))
}

func TestExportFormats(t *testing.T) {
	s := openStore(t, "memory:")
	load(t, s, a1)
	load(t, s, a2)

	var ld struct {
		Context map[string]any   `json:"@context"`
		Graph   []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal([]byte(exportString(t, s, JSONLD)), &ld); err != nil {
		t.Fatalf("json-ld: %v", err)
	}
	byID := map[string]map[string]any{}
	for _, n := range ld.Graph {
		byID[n["@id"].(string)] = n
	}
	if len(ld.Graph) != 6 || ld.Context["kg"] == nil {
		t.Errorf("json-ld: %d nodes, context %v", len(ld.Graph), ld.Context)
	}
	g, _ := json.Marshal(byID["kg:entity/google"])
	for _, want := range []string{`"name":"Google"`, `"type":"Firm"`, `"alias":["Google LLC","グーグル"]`,
		`"rel:develops":[{"@id":"kg:entity/tpu"}]`, `"rel:located_in":[{"@id":"kg:entity/us"}]`} {
		if !strings.Contains(string(g), want) {
			t.Errorf("json-ld google %s lacks %s", g, want)
		}
	}
	if y, _ := json.Marshal(byID["kg:entity/yamada"]); !strings.Contains(string(y), `"rel:role":["教授"]`) {
		t.Errorf("json-ld yamada %s lacks the role", y)
	}

	var gm struct {
		Keys []struct {
			ID string `xml:"id,attr"`
		} `xml:"key"`
		Graph struct {
			Nodes []struct {
				ID   string `xml:"id,attr"`
				Data []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Data   string `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal([]byte(exportString(t, s, GraphML)), &gm); err != nil {
		t.Fatalf("graphml: %v", err)
	}
	var edges []string
	for _, e := range gm.Graph.Edges {
		edges = append(edges, e.Source+" "+e.Data+" "+e.Target)
	}
	wantEdges := []string{"google develops tpu", "google located_in us", "openai develops sora", "openai releases sora", "yamada works_at google"}
	if !slices.Equal(edges, wantEdges) {
		t.Errorf("graphml edges = %q, want %q", edges, wantEdges)
	}
	if len(gm.Graph.Nodes) != 6 {
		t.Errorf("graphml: %d nodes, want 6", len(gm.Graph.Nodes))
	}
	for _, n := range gm.Graph.Nodes {
		if n.ID == "yamada" && !slices.ContainsFunc(n.Data, func(d struct {
			Key   string `xml:"key,attr"`
			Value string `xml:",chardata"`
		}) bool {
			return d.Key == "rel.role" && d.Value == "教授"
		}) {
			t.Errorf("graphml yamada lacks rel.role: %+v", n.Data)
		}
	}

	rows, err := csv.NewReader(strings.NewReader(exportString(t, s, CSV))).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	want := [][]string{
		quoteColumns,
		{"a1/0", "山田太郎", "yamada", "yamada", "TPUは速い", "述べる", "a1", "2024-01-12", "title a1", ""},
		{"a1/1", "", "", "匿名の開発者", "難しい", "述べる", "a1", "2024-01-12", "title a1", ""},
		{"a2%2Fx%20y/0", "OpenAI", "openai", "openai", "Soraを公開する", "述べる", "a2/x y", "2024-01-16", "title a2/x y", ""},
	}
	if len(rows) != len(want) {
		t.Fatalf("csv rows = %q", rows)
	}
	for i := range want {
		if !slices.Equal(rows[i], want[i]) {
			t.Errorf("csv row %d = %q, want %q", i, rows[i], want[i])
		}
	}
	if err := s.Export(context.Background(), &bytes.Buffer{}, "xml"); err == nil {
		t.Error("unknown format accepted")
	}
}

// FuzzImportNQuads checks that importing any input never panics, and that whatever an import
// stores exports and imports again into the same quads.
func FuzzImportNQuads(f *testing.F) {
	f.Add("<kg:entity/a> <kg:name> \"A\" .\n<kg:entity/a> <kg:name> \"A\" .\n")
	f.Add("<a> <b> \"1\"^^<xsd:integer> .\n_:x <b> \"y\"@ja .\n")
	f.Add("<kg:article/a> <kg:hash> \"1\" .\n<kg:article/a> <kg:hash> \"2\" .\n")
	f.Fuzz(func(t *testing.T, in string) {
		ctx := context.Background()
		s := openStore(t, "memory:")
		if _, err := s.ImportNQuads(ctx, strings.NewReader(in), 2); err != nil {
			return
		}
		first := dump(t, s)
		again := openStore(t, "memory:")
		if _, err := s.Copy(ctx, again, 3); err != nil {
			t.Fatalf("copy of an imported store: %v", err)
		}
		if got := dump(t, again); !slices.Equal(got, first) {
			t.Fatalf("copy differs:\n%q\n%q", got, first)
		}
	})
}

// BenchmarkImport measures ImportNQuads into an empty store, per backend, of the quads of many
// small articles: go test ./graph -run '^$' -bench Import.
func BenchmarkImport(b *testing.B) {
	src, err := Open(context.Background(), "memory:")
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	for _, f := range many(200) {
		if _, err := src.Load(context.Background(), f.article, f.doc); err != nil {
			b.Fatal(err)
		}
	}
	var nq bytes.Buffer
	n, err := src.ExportNQuads(context.Background(), &nq)
	if err != nil {
		b.Fatal(err)
	}
	for _, backend := range []string{"memory", "bolt"} {
		b.Run(backend, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				dsn := "memory:"
				if backend == "bolt" {
					dsn = "bolt:" + b.TempDir() + "/kg.db"
				}
				dst, err := Open(context.Background(), dsn)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := dst.ImportNQuads(context.Background(), bytes.NewReader(nq.Bytes()), 0); err != nil {
					b.Fatal(err)
				}
				dst.Close()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}
