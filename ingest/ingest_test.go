package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		line    string
		wantID  string
		wantErr string
	}{
		{`{"id":"a1","title":"t","url":"u","published":"2024-01-02","text":"本文。"}`, "a1", ""},
		{`{"id":42,"text":"本文。"}`, "42", ""},
		{`{"id":"a","text":"本文。","published":20240102}`, "a", ""},
		{`{"text":"本文。"}`, "", `missing "id"`},
		{`{"id":"a"}`, "", `missing "text"`},
		{`{"id":"a","text":7}`, "", `field "text": want a string, got a JSON number`},
		{`{"id":["x"],"text":"本文"}`, "", "id: want a string or a number"},
		{`{"id":"a","text":""}`, "", "text: empty text"},
		{`{"id":"a","text":"a\u0000b"}`, "", "text: text contains NUL"},
		{`{"id":"a","text":"本文"`, "", "invalid JSON"},
		{`[1,2,3]`, "", "want a JSON object"},
		{`{"id":"a","text":"x"} {"id":"b"}`, "", "more than one JSON value"},
		{"{\"id\":\"a\",\"text\":\"\xff\"}", "", "not valid UTF-8"},
	}
	for _, tc := range tests {
		rec := decode("f:1", []byte(tc.line))
		switch {
		case tc.wantErr == "" && rec.Err != nil:
			t.Errorf("decode(%s): %v", tc.line, rec.Err)
		case tc.wantErr != "" && (rec.Err == nil || !strings.Contains(rec.Err.Error(), tc.wantErr)):
			t.Errorf("decode(%s) error = %v, want one containing %q", tc.line, rec.Err, tc.wantErr)
		case tc.wantErr == "" && rec.Article.ID != tc.wantID:
			t.Errorf("decode(%s) id = %q, want %q", tc.line, rec.Article.ID, tc.wantID)
		}
	}
}

func readAll(t *testing.T, path string, stdin string) []Record {
	t.Helper()
	var recs []Record
	err := Read(context.Background(), path, strings.NewReader(stdin), nil, func(r Record) error {
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestReadFormats(t *testing.T) {
	dir := t.TempDir()
	lines := `{"id":"a","text":"一。"}` + "\n\n" + `{"id":"b","text":7}` + "\r\n" + `{"id":"c","text":"三。"}`
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(lines))
	zw.Close()
	for _, tc := range []struct {
		path    string
		stdin   string
		sources []string
		bad     []bool
	}{
		{write("x.jsonl", []byte(lines)), "", []string{"x.jsonl:1", "x.jsonl:3", "x.jsonl:4"}, []bool{false, true, false}},
		{write("x.jsonl.gz", gz.Bytes()), "", []string{"x.jsonl.gz:1", "x.jsonl.gz:3", "x.jsonl.gz:4"}, []bool{false, true, false}},
		{"-", lines, []string{"stdin:1", "stdin:3", "stdin:4"}, []bool{false, true, false}},
		{write("one.json", []byte(`{"id":"j","text":"一。"}`)), "", []string{"one.json"}, []bool{false}},
		{write("many.json", []byte(`[{"id":"j1","text":"一。"},{"id":"j2"}]`)), "", []string{"many.json[0]", "many.json[1]"}, []bool{false, true}},
		{write("記事.txt", []byte("本文です。\n")), "", []string{"記事.txt"}, []bool{false}},
		{write("empty.txt", []byte(" \n")), "", []string{"empty.txt"}, []bool{true}},
	} {
		recs := readAll(t, tc.path, tc.stdin)
		if len(recs) != len(tc.sources) {
			t.Errorf("%s: %d records, want %d", tc.path, len(recs), len(tc.sources))
			continue
		}
		for i, r := range recs {
			if !strings.HasSuffix(r.Source, tc.sources[i]) || (r.Err != nil) != tc.bad[i] {
				t.Errorf("%s record %d: source %q err %v; want source %q bad %v", tc.path, i, r.Source, r.Err, tc.sources[i], tc.bad[i])
			}
		}
	}
	if recs := readAll(t, filepath.Join(dir, "記事.txt"), ""); recs[0].Article.ID != "記事" {
		t.Errorf("text file id = %q, want the file name", recs[0].Article.ID)
	}
}

func TestLongLine(t *testing.T) {
	long := `{"id":"x","text":"` + strings.Repeat("あ", MaxLine/3+10) + `"}`
	in := long + "\n" + `{"id":"ok","text":"本文。"}` + "\n"
	recs := readAll(t, "-", in)
	if len(recs) != 2 || recs[0].Err == nil || !strings.Contains(recs[0].Err.Error(), "longer than") || recs[1].Err != nil {
		t.Fatalf("records: %+v", recs)
	}
	if recs[1].Source != "stdin:2" {
		t.Errorf("source after a long line = %q, want stdin:2", recs[1].Source)
	}
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.txt", "a.jsonl", "sub/c.jsonl.gz", "README.md", ".hidden.txt", "notes.csv"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	got, err := Files([]string{dir, "-"})
	if err != nil {
		t.Fatal(err)
	}
	var rel []string
	for _, g := range got {
		r, _ := filepath.Rel(dir, g)
		if g == "-" {
			r = "-"
		}
		rel = append(rel, r)
	}
	if want := "a.jsonl b.txt sub/c.jsonl.gz -"; strings.Join(rel, " ") != want {
		t.Errorf("Files = %v, want %s", rel, want)
	}
	if _, err := Files([]string{filepath.Join(dir, "missing")}); err == nil {
		t.Error("Files of a missing path succeeded")
	}
}

// fakeExtractor makes a one-entity document and counts its calls.
type fakeExtractor struct{ calls atomic.Int32 }

func (f *fakeExtractor) Extract(a extract.Article) (*extract.Document, error) {
	f.calls.Add(1)
	if strings.Contains(a.Text, "FAIL") {
		return nil, extract.ErrBinary
	}
	return &extract.Document{ID: a.ID, Entities: []extract.Entity{{ID: "e", Name: "E", Type: "Firm", Mentions: []extract.Span{{Start: 0, End: 1}}}}}, nil
}

func TestLoader(t *testing.T) {
	ctx := context.Background()
	store, err := graph.Open(ctx, "memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	x := &fakeExtractor{}
	var reported []string
	l := &Loader{Store: store, Extractor: x, Workers: 3, Report: func(src string, err error) { reported = append(reported, src) }}
	in := `{"id":"a","text":"一。"}
{"id":"b","text":"二。"}
{"id":"c"}
{"id":"d","text":"FAIL"}
`
	sum, err := l.Load(ctx, []string{"-"}, strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if sum.New != 2 || sum.Failed != 2 || sum.Entities != 2 || len(reported) != 2 {
		t.Errorf("first load: %+v, reported %v", sum, reported)
	}
	// Again, with b changed: a is skipped without extraction, b replaced.
	x.calls.Store(0)
	in2 := `{"id":"a","text":"一。"}
{"id":"b","text":"二、改。"}
`
	sum, err = l.Load(ctx, []string{"-"}, strings.NewReader(in2))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Unchanged != 1 || sum.Replaced != 1 || x.calls.Load() != 1 {
		t.Errorf("second load: %+v, %d extractions (want 1)", sum, x.calls.Load())
	}
}

// A store failure stops the load with an error naming the record.
func TestLoaderStoreFailure(t *testing.T) {
	l := &Loader{Store: failingStore{}, Extractor: &fakeExtractor{}, Workers: 2}
	_, err := l.Load(context.Background(), []string{"-"}, strings.NewReader(`{"id":"a","text":"一。"}`+"\n"))
	if err == nil || !strings.Contains(err.Error(), "stdin:1") || !errors.Is(err, errDisk) {
		t.Errorf("err = %v, want the store's error with the record's source", err)
	}
}

var errDisk = errors.New("disk full")

type failingStore struct{}

func (failingStore) Hashes(context.Context, []string) (map[string]string, error) {
	return map[string]string{}, nil
}
func (failingStore) Load(context.Context, extract.Article, *extract.Document) (graph.LoadResult, error) {
	return graph.LoadResult{}, errDisk
}

func FuzzReadLines(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"一。"}` + "\n" + `{"id":1,"text":null}`))
	f.Add([]byte("\n\n{\n"))
	f.Add([]byte(`[{"id":"a"}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, err := readLines(context.Background(), "f", bytes.NewReader(b), nil, func(r Record) error {
			if r.Err == nil && (r.Article.ID == "" || extract.Check(r.Article.Text) != nil) {
				t.Fatalf("accepted a bad record: %+v", r)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
