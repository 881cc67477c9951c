package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/ingest"
	"github.com/kg-news/kg/schema"
	"github.com/kg-news/kg/server"
)

// badInput is one input of issue 5, as a POST /articles body and as a file for kg load.
type badInput struct {
	name string
	// ok: the input is an article (after conversion), loaded by both paths.
	ok bool
	// POST /articles: Content-Type, body, the status and a part of the response expected.
	ctype  string
	body   []byte
	status int
	reply  string
	// kg load: the file and a part of what kg reports (for a bad input).
	file    string
	content []byte
	report  string
}

// sentence is written for these tests; 表 and ソ end in a backslash byte in Shift_JIS.
const sentence = "東西電機の社長、山本一郎氏は「表示された予定表をソフトで確認する」と述べた。"

func badInputs(t *testing.T) []badInput {
	sjis := func(s string) []byte {
		b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	euc := func(s string) []byte {
		b, err := japanese.EUCJP.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	article := func(id, text string) []byte {
		b, _ := json.Marshal(map[string]string{"id": id, "text": text})
		return b
	}
	binary := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\xff\xd8\xff\xe0")
	tenMB := strings.Repeat("a", 10<<20)
	fiveMB := strings.Repeat("あ", 5<<20/len("あ"))
	oneMiB := strings.Repeat("あ", extract.MaxTextLen/len("あ"))
	page := `<!DOCTYPE html><html><head><meta charset="Shift_JIS"><title>予定表</title>
<style>p { color: red }</style></head><body><p>` + sentence + `</p><script>var hidden = "スクリプトの中";</script></body></html>`
	empties := "[" + strings.TrimSuffix(strings.Repeat("{},", 100_000), ",") + "]"
	const js = "application/json"
	return []badInput{
		{name: "empty", ctype: js, body: nil, status: 400, reply: "holds no article",
			file: "empty.txt", content: nil, report: "empty text"},
		{name: "empty JSON lines", ctype: "application/x-ndjson", body: nil, status: 400, reply: "holds no article",
			file: "empty.jsonl", content: nil, report: "no articles"},
		{name: "white space only", ctype: js, body: []byte(" \n\t\r\n "), status: 400, reply: "holds no article",
			file: "space.txt", content: []byte(" \n\t　\n"), report: "empty text"},
		{name: "white space text", ctype: js, body: article("ws", " \n\t　"), status: 400, reply: "empty text",
			file: "space.jsonl", content: article("ws", " \n\t　"), report: "empty text"},
		{name: "binary", ctype: js, body: binary, status: 400, reply: "not valid UTF-8",
			file: "image.txt", content: binary, report: "not UTF-8, Shift_JIS or EUC-JP text"},
		{name: "binary text", ctype: js, body: article("bin", "PNG\r\n\x1a\n\x01\x02"), status: 400, reply: "control bytes",
			file: "control.txt", content: []byte("PNG\r\n\x1a\n\x01\x02"), report: "control bytes"},
		{name: "invalid UTF-8", ctype: js, body: []byte("{\"id\":\"u\",\"text\":\"caf\xe9 cr\xe8me\"}"), status: 400, reply: "not valid UTF-8",
			file: "latin1.txt", content: []byte("caf\xe9 cr\xe8me"), report: "not UTF-8, Shift_JIS or EUC-JP text"},
		{name: "NUL bytes", ctype: js, body: article("nul", "本文\x00です"), status: 400, reply: "NUL",
			file: "nul.txt", content: []byte("本文\x00です"), report: "NUL"},
		{name: "a 10 MB line", ctype: js, body: article("big", tenMB), status: 413, reply: "body larger than",
			file: "big.jsonl", content: article("big", tenMB), report: fmt.Sprintf("line longer than %d bytes", ingest.MaxLine)},
		{name: "5 MB of one character", ctype: js, body: article("rep", fiveMB), status: 400, reply: "text longer than 1048576 bytes",
			file: "rep.txt", content: []byte(fiveMB), report: "text longer than 1048576 bytes"},
		{name: "1 MiB of one character", ok: true, ctype: js, body: article("run", oneMiB), status: 200,
			file: "run.txt", content: []byte(oneMiB)},
		{name: "Shift_JIS", ok: true, ctype: js + "; charset=shift_jis", body: sjis(string(article("sjis", sentence))), status: 200,
			file: "sjis.txt", content: sjis(sentence)},
		{name: "EUC-JP", ok: true, ctype: js + "; charset=EUC-JP", body: euc(string(article("euc", sentence))), status: 200,
			file: "euc.jsonl", content: euc(string(article("euc", sentence)))},
		{name: "HTML", ok: true, ctype: js, body: article("html", strings.Replace(page, "Shift_JIS", "utf-8", 1)), status: 200,
			file: "page.html", content: sjis(page)},
		{name: "wrong types", ctype: js, body: []byte(`{"id":"w","title":5,"text":"本文。"}`), status: 400, reply: `field \"title\": want a string, got a JSON number`,
			file: "wrong.json", content: []byte(`{"id":"w","title":5,"text":"本文。"}`), report: `field "title": want a string, got a JSON number`},
		{name: "id of wrong type", ctype: "application/x-ndjson", body: []byte(`{"id":[],"text":"本文。"}`), status: 400, reply: "id: want a string or a number",
			file: "wrongid.jsonl", content: []byte(`{"id":[],"text":"本文。"}`), report: "id: want a string or a number"},
		{name: "missing text", ctype: js, body: []byte(`{"id":"m"}`), status: 400, reply: `missing \"text\"`,
			file: "missing.json", content: []byte(`{"id":"m"}`), report: `missing "text"`},
		{name: "100,000-element array", ctype: js, body: []byte(empties), status: 413, reply: "more than 1000 articles",
			file: "many.json", content: []byte(empties), report: `many.json[99999]: missing "id"`},
	}
}

// TestBadInput runs every input of issue 5 through POST /articles and through kg load, with one
// Main so that the dictionary loads once.
func TestBadInput(t *testing.T) {
	var stderr bytes.Buffer
	m := NewMain(strings.NewReader(""), io.Discard, &stderr)
	if _, err := m.Extractor(); err != nil {
		t.Fatal(err)
	}
	t.Run("POST /articles", func(t *testing.T) { badInputHTTP(t, m) })
	t.Run("kg load", func(t *testing.T) { badInputCLI(t, m, &stderr) })
}

// badInputHTTP posts every input to a server over a memory store, loading through the
// extractor as kg serve does.
func badInputHTTP(t *testing.T, m *Main) {
	ctx := context.Background()
	store, err := graph.Open(ctx, "memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	x, err := m.Extractor()
	if err != nil {
		t.Fatal(err)
	}
	w := writer{Loader: &ingest.Loader{Store: store, Extractor: x}, store: store}
	sch, err := schema.New(store, schema.WithWriter(w))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(server.New(sch, store, server.WithToken("t0ken"), server.WithWriter(w)).Handler())
	defer ts.Close()
	for _, tc := range badInputs(t) {
		t.Run(tc.name, func(t *testing.T) {
			before, err := store.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			req, _ := http.NewRequest(http.MethodPost, ts.URL+"/articles", bytes.NewReader(tc.body))
			req.Header.Set("Content-Type", tc.ctype)
			req.Header.Set("Authorization", "Bearer t0ken")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			reply, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status || !strings.Contains(string(reply), tc.reply) {
				t.Errorf("status %d %.300s; want %d with %q", resp.StatusCode, reply, tc.status, tc.reply)
			}
			if tc.ok && !strings.Contains(string(reply), `"outcome":"NEW"`) {
				t.Errorf("not loaded: %.300s", reply)
			}
			after, err := store.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if want := map[bool]int{true: 1}[tc.ok]; after.Articles-before.Articles != want || (!tc.ok && after.Quads != before.Quads) {
				t.Errorf("stored %d articles and %d quads, want %d articles", after.Articles-before.Articles, after.Quads-before.Quads, want)
			}
			health, err := http.Get(ts.URL + "/healthz")
			if err != nil {
				t.Fatal(err)
			}
			health.Body.Close()
			if health.StatusCode != http.StatusOK {
				t.Errorf("healthz %d after the request", health.StatusCode)
			}
		})
	}
	// What was loaded is the text sent, in UTF-8, whatever its encoding; the HTML page's text
	// without its script, its title from <title>.
	arts, err := store.Articles(ctx, []string{"sjis", "euc", "html"})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []extract.Article{{Text: sentence}, {Text: sentence}, {Title: "予定表", Text: sentence}} {
		if a := arts[i]; a == nil || a.Title != want.Title || a.Hash != graph.ContentHash(want) {
			t.Errorf("article %d: %+v, want %+v", i, a, want)
		}
	}
}

// badInputCLI loads every input from a file with kg load, into one store (whose first article
// is there so that the store exists).
func badInputCLI(t *testing.T, m *Main, stderr *bytes.Buffer) {
	dir := t.TempDir()
	dsn := "bolt:" + filepath.Join(dir, "kg.db")
	m.Stdin = strings.NewReader(`{"id":"first","text":"最初の記事。"}`)
	if err := m.Run(context.Background(), []string{"load", "--store", dsn, "-"}); err != nil {
		t.Fatalf("%v %s", err, stderr.String())
	}
	articles := func() int {
		t.Helper()
		out, _, err := run(t, "", "stats", "--store", dsn)
		var n int
		if _, serr := fmt.Sscanf(out, "articles\t%d", &n); err != nil || serr != nil {
			t.Fatalf("stats: %v %v %q", err, serr, out)
		}
		return n
	}
	for _, tc := range badInputs(t) {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			if err := os.WriteFile(path, tc.content, 0o644); err != nil {
				t.Fatal(err)
			}
			before := articles()
			stderr.Reset()
			err := m.Run(context.Background(), []string{"load", "--store", dsn, path})
			if tc.ok {
				if err != nil {
					t.Errorf("load: %v\n%.500s", err, stderr.String())
				}
			} else if err == nil || !strings.Contains(err.Error(), "failed") || !strings.Contains(stderr.String(), tc.report) {
				t.Errorf("load: %v, stderr %.500s; want a failure reporting %q", err, stderr.String(), tc.report)
			}
			want := map[bool]int{true: 1}[tc.ok]
			if n := articles() - before; n != want {
				t.Errorf("%d articles stored, want %d", n, want)
			}
		})
	}
}
