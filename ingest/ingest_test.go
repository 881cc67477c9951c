package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	unicodeenc "golang.org/x/text/encoding/unicode"

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
func (failingStore) LoadBatch(context.Context, []graph.Item) ([]graph.LoadResult, []error, error) {
	return nil, nil, errDisk
}

func FuzzReadLines(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"一。"}` + "\n" + `{"id":1,"text":null}`))
	f.Add([]byte("\n\n{\n"))
	f.Add([]byte(`[{"id":"a"}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, err := readLines(context.Background(), "f", bytes.NewReader(b), &lineDecoder{}, func(r Record) error {
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

func TestReadEncodingsAndHTML(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	gzipped := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	s0, s1 := sentences[0], sentences[1]
	lines := `{"id":"l1","text":"` + s0 + `"}` + "\n" + `{"id":"l2","title":"` + s1 + `","text":"` + s1 + `"}` + "\n"
	sjisPage := encode(t, japanese.ShiftJIS, `<!DOCTYPE html><html><head><meta charset="Shift_JIS"><title>予定</title>
<script>alert("スクリプト")</script></head><body><p>`+s1+`</p></body></html>`)
	type want struct{ id, title, text, err string }
	tests := []struct {
		name string
		path string
		want []want
	}{
		{"Shift_JIS text", write("sjis.txt", encode(t, japanese.ShiftJIS, s0)), []want{{"sjis", "", s0, ""}}},
		{"EUC-JP markdown", write("euc.md", encode(t, japanese.EUCJP, s1)), []want{{"euc", "", s1, ""}}},
		{"ISO-2022-JP text", write("jis.txt", encode(t, japanese.ISO2022JP, s0)), []want{{"jis", "", s0, ""}}},
		{"UTF-8 BOM text", write("bom.txt", []byte("\uFEFF"+s0)), []want{{"bom", "", s0, ""}}},
		{"UTF-16 text", write("u16.txt", append([]byte{0xFF, 0xFE}, encode(t, unicodeenc.UTF16(unicodeenc.LittleEndian, unicodeenc.IgnoreBOM), s0)...)), []want{{"u16", "", s0, ""}}},
		{"Shift_JIS JSON lines", write("sjis.jsonl", encode(t, japanese.ShiftJIS, lines)), []want{{"l1", "", s0, ""}, {"l2", s1, s1, ""}}},
		{"EUC-JP JSON lines gzipped", write("euc.jsonl.gz", gzipped(encode(t, japanese.EUCJP, lines))), []want{{"l1", "", s0, ""}, {"l2", s1, s1, ""}}},
		{"ISO-2022-JP JSON lines", write("jis.jsonl", encode(t, japanese.ISO2022JP, lines)), []want{{"l1", "", s0, ""}, {"l2", s1, s1, ""}}},
		{"UTF-8 BOM JSON lines", write("bom.jsonl", []byte("\uFEFF"+lines)), []want{{"l1", "", s0, ""}, {"l2", s1, s1, ""}}},
		{"UTF-16 JSON lines", write("u16.jsonl", append([]byte{0xFE, 0xFF}, encode(t, unicodeenc.UTF16(unicodeenc.BigEndian, unicodeenc.IgnoreBOM), lines)...)), []want{{"l1", "", s0, ""}, {"l2", s1, s1, ""}}},
		{"Shift_JIS JSON array", write("sjis.json", encode(t, japanese.ShiftJIS, `[{"id":"j1","text":"`+s1+`"}]`)), []want{{"j1", "", s1, ""}}},
		{"Shift_JIS HTML", write("page.html", sjisPage), []want{{"page", "予定", s1, ""}}},
		{"HTML in .htm", write("p2.htm", []byte("<p>"+s0)), []want{{"p2", "", s0, ""}}},
		{"HTML document in .txt", write("p3.txt", []byte("<!doctype html><title>題</title><p>"+s0)), []want{{"p3", "題", s0, ""}}},
		{"HTML in a JSON text", write("h.jsonl", []byte(`{"id":"h","text":"<!DOCTYPE html><title>題</title><script>x()</script><p>`+s0+`</p>"}`)), []want{{"h", "題", s0, ""}}},
		{"Latin-1 text", write("latin.txt", []byte("caf\xe9 cr\xe8me")), []want{{"", "", "", "not UTF-8, Shift_JIS or EUC-JP text"}}},
		{"Latin-1 line", write("latin.jsonl", []byte("{\"id\":\"x\",\"text\":\"caf\xe9\"}\n")), []want{{"", "", "", "not UTF-8, Shift_JIS or EUC-JP text"}}},
		{"NUL bytes", write("nul.txt", []byte("本文\x00\x00")), []want{{"", "", "", "NUL"}}},
		{"empty JSON lines", write("empty.jsonl", []byte("\n \n")), []want{{"", "", "", "no articles"}}},
		{"empty JSON", write("empty.json", []byte(" ")), []want{{"", "", "", "no articles"}}},
		{"only a script", write("s.html", []byte("<script>x()</script>")), []want{{"", "", "", "empty text"}}},
		{"5 MB text", write("big.txt", bytes.Repeat([]byte("あ"), 5<<20/3)), []want{{"", "", "", "text longer than"}}},
		{"file over MaxLine", write("huge.html", bytes.Repeat([]byte("a"), MaxLine+1)), []want{{"", "", "", "file larger than"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs := readAll(t, tc.path, "")
			if len(recs) != len(tc.want) {
				t.Fatalf("%d records, want %d: %+v", len(recs), len(tc.want), recs)
			}
			for i, w := range tc.want {
				r := recs[i]
				if w.err != "" {
					if r.Err == nil || !strings.Contains(r.Err.Error(), w.err) {
						t.Errorf("record %d: error %v, want %q", i, r.Err, w.err)
					}
					continue
				}
				if r.Err != nil || r.Article.ID != w.id || r.Article.Title != w.title || r.Article.Text != w.text {
					t.Errorf("record %d: %+v (err %v), want id %q title %q text %q", i, r.Article, r.Err, w.id, w.title, w.text)
				}
			}
		})
	}
}

func TestDecodeCharset(t *testing.T) {
	s1 := sentences[1]
	sjisLines := encode(t, japanese.ShiftJIS, `{"id":"a","text":"`+s1+`"}`+"\n"+`{"id":"b","text":"`+s1+`"}`)
	many := func(n int, sep, open, close string) string {
		return open + strings.TrimSuffix(strings.Repeat(`{"id":"x","text":"本文。"}`+sep, n), sep) + close
	}
	tests := []struct {
		name, charset, body string
		wantErr             error
		wantRecs            int
		wantRecErr          string
	}{
		{"declared Shift_JIS", "shift_jis", string(sjisLines), nil, 2, ""},
		{"declared EUC-JP", "EUC-JP", string(encode(t, japanese.EUCJP, `[{"id":"a","text":"`+s1+`"}]`)), nil, 1, ""},
		{"undeclared Shift_JIS", "", string(sjisLines), nil, 2, "not valid UTF-8"},
		{"declared wrongly", "euc-jp", string(sjisLines), ErrCharset, 0, ""},
		{"unknown charset", "ebcdic-jp", `{"id":"a","text":"x"}`, ErrUnknownCharset, 0, ""},
		{"UTF-8 BOM", "", "\uFEFF" + `{"id":"a","text":"本文。"}`, nil, 1, ""},
		{"empty", "", "", ErrNoRecords, 0, ""},
		{"white space", "", " \n\t\r\n", ErrNoRecords, 0, ""},
		{"empty array", "", "[]", ErrNoRecords, 0, ""},
		{"MaxRecords in an array", "", many(MaxRecords, ",", "[", "]"), nil, MaxRecords, ""},
		{"too many in an array", "", many(MaxRecords+1, ",", "[", "]"), ErrTooMany, 0, ""},
		{"100,000 empty objects", "", "[" + strings.TrimSuffix(strings.Repeat("{},", 100_000), ",") + "]", ErrTooMany, 0, ""},
		{"too many lines", "", many(MaxRecords+1, "\n", "", ""), ErrTooMany, 0, ""},
		{"title of wrong type", "", `{"id":"a","title":5,"text":"本文。"}`, nil, 1, `field "title": want a string, got a JSON number`},
		{"id of wrong type", "", `{"id":[],"text":"本文。"}`, nil, 1, `id: want a string or a number`},
		{"text of wrong type", "", `{"id":"a","text":{}}`, nil, 1, `field "text": want a string, got a JSON object`},
		{"published of wrong type", "", `{"id":"a","text":"本文。","published":true}`, nil, 1, `published: want a string or a number`},
		{"text null", "", `{"id":"a","text":null}`, nil, 1, `missing "text"`},
		{"not an object", "", `[5]`, nil, 1, `want a JSON object`},
		{"HTML text", "", `{"id":"a","text":"<html><title>題</title><p>本文。</p>"}`, nil, 1, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var recs []Record
			err := DecodeCharset(context.Background(), "body", tc.charset, strings.NewReader(tc.body), func(r Record) error {
				recs = append(recs, r)
				return nil
			})
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) || len(recs) != 0 {
					t.Fatalf("err %v after %d records, want %v and none", err, len(recs), tc.wantErr)
				}
				return
			}
			if err != nil || len(recs) != tc.wantRecs {
				t.Fatalf("err %v, %d records, want %d", err, len(recs), tc.wantRecs)
			}
			for _, r := range recs {
				switch {
				case tc.wantRecErr == "" && r.Err != nil:
					t.Errorf("%s: %v", r.Source, r.Err)
				case tc.wantRecErr != "" && (r.Err == nil || !strings.Contains(r.Err.Error(), tc.wantRecErr)):
					t.Errorf("%s: error %v, want %q", r.Source, r.Err, tc.wantRecErr)
				case tc.wantRecErr == "" && (r.Article.Text != s1 && r.Article.Text != "本文。"):
					t.Errorf("%s: text %q", r.Source, r.Article.Text)
				}
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"一。"}`), "")
	f.Add(encode(f, japanese.ShiftJIS, `[{"id":"a","text":"表示"}]`), "shift_jis")
	f.Add([]byte(`{"id":"h","text":"<!doctype html><script>x</script><p>本文"}`), "")
	f.Fuzz(func(t *testing.T, body []byte, charset string) {
		err := DecodeCharset(context.Background(), "body", charset, bytes.NewReader(body), func(r Record) error {
			if r.Err == nil && (r.Article.ID == "" || !utf8.ValidString(r.Article.Text) || strings.TrimSpace(r.Article.Text) == "" || extract.Check(r.Article.Text) != nil) {
				t.Fatalf("accepted a bad record: %+v", r)
			}
			return nil
		})
		if err != nil && !errors.Is(err, ErrNoRecords) && !errors.Is(err, ErrTooMany) && !errors.Is(err, ErrCharset) && !errors.Is(err, ErrUnknownCharset) {
			t.Fatalf("unexpected error: %v", err)
		}
	})
}

// slowFirst names one entity in every article, typed by the article's text; the first article
// is extracted last.
type slowFirst struct{}

func (slowFirst) Extract(a extract.Article) (*extract.Document, error) {
	if a.ID == "a00" {
		time.Sleep(50 * time.Millisecond)
	}
	typ := "Firm"
	if strings.Contains(a.Text, "人") {
		typ = "Person"
	}
	return &extract.Document{ID: a.ID, Entities: []extract.Entity{{ID: "e", Name: "E", Type: typ, Mentions: []extract.Span{{Start: 0, End: 1}}}}}, nil
}

// TestLoaderOrder: however the workers finish and however the writes are batched, articles are
// stored in input order, so the first article to name an entity gives its type.
func TestLoaderOrder(t *testing.T) {
	var in strings.Builder
	for i := range 40 {
		text := "社。"
		if i == 0 {
			text = "人。"
		}
		fmt.Fprintf(&in, `{"id":"a%02d","text":%q}`+"\n", i, text)
	}
	for _, batch := range []int{1, 7, 32} {
		t.Run(fmt.Sprint("batch ", batch), func(t *testing.T) {
			ctx := context.Background()
			store, err := graph.Open(ctx, "memory:")
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			var order []string
			l := &Loader{Store: store, Extractor: slowFirst{}, Workers: 4, Batch: batch,
				Stored: func(_, id string, _ graph.Outcome) { order = append(order, id) }}
			sum, err := l.Load(ctx, []string{"-"}, strings.NewReader(in.String()))
			if err != nil || sum.New != 40 {
				t.Fatalf("load: %+v, %v", sum, err)
			}
			es, err := store.Entities(ctx, []string{"e"})
			if err != nil || es[0] == nil || es[0].Type != "Person" {
				t.Errorf("entity %+v, %v: the first article's type should win", es[0], err)
			}
			if !slices.IsSorted(order) {
				t.Errorf("stored out of input order: %v", order)
			}
		})
	}
}
