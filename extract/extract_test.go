package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// The dictionary is loaded once for all tests, as main does.
var testExtractor = sync.OnceValues(func() (*Extractor, error) {
	tok, err := tokenizer.New(ipa.Dict(), tokenizer.OmitBosEos())
	if err != nil {
		return nil, err
	}
	return New(tok, WithDictionary(ipa.Dict()))
})

func extractor(tb testing.TB) *Extractor {
	tb.Helper()
	x, err := testExtractor()
	if err != nil {
		tb.Fatal(err)
	}
	return x
}

// TestGolden extracts every testdata/*.txt article and compares the result with its .golden.json.
// Run with -update to rewrite the golden files after a deliberate change, and review the diff.
func TestGolden(t *testing.T) {
	x := extractor(t)
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no testdata/*.txt")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := x.Extract(Article{ID: name, Text: string(text)})
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, string(text), doc)
			got, err := json.MarshalIndent(summarize(doc), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(f, ".txt") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./extract -run Golden -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("extraction of %s differs from %s (run with -update after checking the change):\n%s",
					f, golden, lineDiff(string(want), string(got)))
			}
		})
	}
}

// summary is the readable form of a document kept in golden files: names instead of ids, and the
// text each offset points at, so a reviewer can check the spans by eye.
type summary struct {
	Entities  []string `json:"entities"`
	Relations []string `json:"relations"`
	Quotes    []string `json:"quotes"`
}

func summarize(d *Document) summary {
	s := summary{Entities: []string{}, Relations: []string{}, Quotes: []string{}}
	name := map[string]string{}
	for _, e := range d.Entities {
		name[e.ID] = e.Name
		line := e.Type + " " + e.Name
		if len(e.Aliases) > 0 {
			line += " (" + strings.Join(e.Aliases, ", ") + ")"
		}
		s.Entities = append(s.Entities, line)
	}
	for _, r := range d.Relations {
		obj := name[r.Object]
		if r.Object == "" {
			obj = "\"" + r.Value + "\""
		}
		neg := ""
		if r.Negated {
			neg = " (negated)"
		}
		s.Relations = append(s.Relations, name[r.Subject]+" "+r.Relation+" "+obj+neg+" ← "+r.Text)
	}
	for _, q := range d.Quotes {
		spk := q.SpeakerText
		if q.Speaker != "" {
			spk = name[q.Speaker]
		}
		var about []string
		for _, a := range q.About {
			about = append(about, name[a])
		}
		s.Quotes = append(s.Quotes, spk+" "+q.Verb+": "+q.Text+" [about "+strings.Join(about, ", ")+"]")
	}
	return s
}

func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	seen := map[string]bool{}
	for _, l := range w {
		seen[l] = true
	}
	for _, l := range g {
		if !seen[l] {
			b.WriteString("+ " + l + "\n")
		}
	}
	seen = map[string]bool{}
	for _, l := range g {
		seen[l] = true
	}
	for _, l := range w {
		if !seen[l] {
			b.WriteString("- " + l + "\n")
		}
	}
	return b.String()
}

// checkDocument checks what must hold of any extraction: offsets inside the text, mentions that
// spell their entity's names, references to listed entities.
func checkDocument(t testing.TB, text string, d *Document) {
	t.Helper()
	runes := []rune(text)
	n := len(runes)
	inside := func(what string, start, end int) bool {
		if start < 0 || end > n || start > end {
			t.Errorf("%s: span [%d,%d) outside the text of %d code points", what, start, end, n)
			return false
		}
		return true
	}
	ids := map[string]bool{}
	for _, e := range d.Entities {
		if ids[e.ID] {
			t.Errorf("entity id %q twice", e.ID)
		}
		ids[e.ID] = true
		if !IsType(e.Type) {
			t.Errorf("entity %q: type %q", e.Name, e.Type)
		}
		names := map[string]bool{fold(e.Name): true}
		for _, a := range e.Aliases {
			names[fold(a)] = true
		}
		for _, m := range e.Mentions {
			if inside("mention of "+e.Name, m.Start, m.End) {
				if s := fold(stripTitle(string(runes[m.Start:m.End]))); !names[s] {
					t.Errorf("mention %q of %q is none of its names %v", s, e.Name, names)
				}
			}
		}
	}
	for _, r := range d.Relations {
		inside("relation "+r.Relation, r.Start, r.End)
		if !ids[r.Subject] || (r.Object != "" && !ids[r.Object]) {
			t.Errorf("relation %+v refers to an unlisted entity", r)
		}
		if r.Sentence < 0 || r.Sentence >= len(d.Sentences) {
			t.Errorf("relation %+v: sentence %d of %d", r, r.Sentence, len(d.Sentences))
		}
	}
	for _, q := range d.Quotes {
		inside("quote", q.Start, q.End)
		if q.Speaker != "" && !ids[q.Speaker] {
			t.Errorf("quote %q: unlisted speaker %q", q.Text, q.Speaker)
		}
		if !strings.Contains(fold(text), fold(q.Text)) {
			t.Errorf("quote text %q is not in the article", q.Text)
		}
	}
	for _, s := range d.Sentences {
		inside("sentence", s.Start, s.End)
	}
}

// TestOffsetsAfterNormalization: width variants and compatibility characters change length under
// NFKC, yet every offset must point into the text as received.
func TestOffsetsAfterNormalization(t *testing.T) {
	x := extractor(t)
	text := "㈱テストのｻﾝﾌﾟﾙ社長、ﾔﾏﾀﾞ･ﾀﾛｳ氏は「ＡＩは重要だ」と述べた。ＧＯＯＧＬＥは東京に拠点を置く。"
	doc, err := x.Extract(Article{ID: "w", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, text, doc)
	runes := []rune(text)
	found := map[string]string{}
	for _, e := range doc.Entities {
		for _, m := range e.Mentions {
			found[e.Name] = string(runes[m.Start:m.End])
		}
	}
	if got := found["Google"]; got != "ＧＯＯＧＬＥ" {
		t.Errorf("mention of Google = %q, want the full-width original", got)
	}
	if len(doc.Quotes) != 1 || string(runes[doc.Quotes[0].Start:doc.Quotes[0].End]) == "" {
		t.Errorf("quotes = %+v", doc.Quotes)
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		text string
		want error
	}{
		{"", ErrEmpty},
		{" \n\t　", ErrEmpty},
		{"abc\x00def", ErrBinary},
		{"abc\x07", ErrBinary},
		{"\xff\xfe", ErrEncoding},
		{strings.Repeat("あ", MaxTextLen/3+1), ErrTooLarge},
		{"普通の記事。", nil},
	}
	for _, tc := range tests {
		if err := Check(tc.text); !errors.Is(err, tc.want) {
			t.Errorf("Check(%.20q) = %v, want %v", tc.text, err, tc.want)
		}
	}
	if _, err := extractor(t).Extract(Article{ID: "e", Text: "\xff"}); !errors.Is(err, ErrEncoding) {
		t.Errorf("Extract of invalid UTF-8: %v", err)
	}
}

// TestLongRun: one character repeated over the whole of MaxTextLen (1 MiB) takes kagome
// minutes unless split.
func TestLongRun(t *testing.T) {
	text := strings.Repeat("あ", MaxTextLen/len("あ"))
	doc, err := extractor(t).Extract(Article{ID: "long", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, text, doc)
}

func TestLexiconAndGazetteer(t *testing.T) {
	lex, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"述べる", "語る", "指摘する"} {
		found := false
		for _, w := range lex.speech {
			found = found || w == v
		}
		if !found {
			t.Errorf("speech verb %s missing", v)
		}
	}
	g, err := loadGazetteer(false)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"グーグル": "Google", "ｸﾞｰｸﾞﾙ": "Google", "百度": "Baidu", "アメリカ": "米国"} {
		if e := g.lookup(name); e == nil || e.name != want {
			t.Errorf("gazetteer %s = %+v, want %s", name, e, want)
		}
	}
	if e := g.lookup("ワシントン"); e == nil || e.capital != "米国" {
		t.Errorf("ワシントン = %+v, want a capital of 米国", e)
	}
}

func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, p := range files {
		b, _ := os.ReadFile(p)
		f.Add(string(b))
	}
	for _, s := range []string{"「", "」と述べた。", "氏", "(", "・・・", "ＡＢＣ（ＤＥ）", "ｶﾞ氏は「", "によると", "同社は同氏と語った"} {
		f.Add(s)
	}
	x := extractor(f)
	f.Fuzz(func(t *testing.T, text string) {
		doc, err := x.Extract(Article{ID: "f", Text: text})
		if err != nil {
			if Check(text) == nil {
				t.Fatalf("Extract failed on acceptable input: %v", err)
			}
			return
		}
		if !utf8.ValidString(text) {
			t.Fatal("accepted invalid UTF-8")
		}
		checkDocument(t, text, doc)
	})
}

// TestOneIDOneEntity: names that differ only in what the id folds away (spacing, hyphens) are
// one entity, listed once, with both names.
func TestOneIDOneEntity(t *testing.T) {
	x := extractor(t)
	for _, text := range []string{
		"衛星放送のBS-1とBS-2が始まった。総合テレビとBS 1とBS 2の番組表が発表された。",
		"新会社のXR-7は好調だ。同社によるとXR 7の受注は増えた。",
	} {
		doc, err := x.Extract(Article{ID: "t", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		checkDocument(t, text, doc)
	}
}
