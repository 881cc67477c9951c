package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
)

// TestConvertENAMDICT converts a small ENAMDICT in EUC-JP and reads the result back.
func TestConvertENAMDICT(t *testing.T) {
	src := "　？？？ /ENAMDICT - test header/\n" +
		"アオバテック /(c) Aobatech/\n" +
		"北山 [きたやま] /(s,p) Kitayama/\n" +
		"北山 [ほくざん] /(g) Hokuzan/\n" +
		"ｶﾀｶﾅ /(u) Katakana/\n" +
		"謎 /(obj) Riddle/\n" +
		"not an entry\n"
	var euc bytes.Buffer
	w := japanese.EUCJP.NewEncoder().Writer(&euc)
	if _, err := w.Write([]byte(src)); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := ConvertENAMDICT(&euc, &out); err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	text.ReadFrom(zr)
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(text.String()), "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	// Sorted by bytes, NFKC (half-width katakana made full-width), kinds merged, the
	// unsupported kind (obj) and the malformed line left out.
	want := []string{"アオバテック\tC", "カタカナ\tU", "北山\tSGP"}
	if strings.Join(lines, "|") != strings.Join(want, "|") {
		t.Errorf("converted:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	tab, err := readNameDict(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		kinds uint16
	}{
		{"アオバテック", ndCompany},
		{"北山", ndSurname | ndGiven | ndPlace},
		{"カタカナ", ndUnclassified},
		{"謎", 0},
		{"北", 0},
	} {
		if got := tab.lookup(tc.name); got != tc.kinds {
			t.Errorf("lookup(%q) = %b, want %b", tc.name, got, tc.kinds)
		}
	}
}

// TestReadNameDictErrors: a malformed dictionary is an error, not a panic or a silent gap.
func TestReadNameDictErrors(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"no tab", "北山\n"},
		{"no kinds", "北山\t\n"},
		{"unknown kind", "北山\tZ\n"},
		{"empty name", "\tS\n"},
	} {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(tc.text))
		zw.Close()
		if _, err := readNameDict(&b); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	if _, err := readNameDict(strings.NewReader("not gzip")); err == nil {
		t.Error("not gzip: no error")
	}
}

// TestNameHits: the longest listed run of tokens wins, and every token of it carries the run's
// kinds; the embedded dictionary lists common place and person names.
func TestNameHits(t *testing.T) {
	x := extractor(t)
	n := normalize("ニューヨークでジョン・スミスが話した。")
	s := x.analyze(&n, 0, 0, len(n.runes))
	hits := x.nameHits(&s)
	if len(hits) != len(s.toks) {
		t.Fatalf("%d hits for %d tokens", len(hits), len(s.toks))
	}
	for i, tk := range s.toks {
		if tk.surf == "ニューヨーク" && (hits[i].run&ndPlace == 0 || !hits[i].begin) {
			t.Errorf("ニューヨーク: %+v, want a place run's start", hits[i])
		}
		if tk.surf == "が" && hits[i] != (nameHit{}) {
			t.Errorf("が: %+v, want no hit", hits[i])
		}
	}
}

// BenchmarkNameHits times the name dictionary's lookups over the NER dev split's sentences,
// tokenized beforehand.
func BenchmarkNameHits(b *testing.B) {
	x := extractor(b)
	data, err := os.ReadFile("../../shared/data/ner-wikipedia/dev.jsonl")
	if err != nil {
		b.Skip("no NER dev split")
	}
	var sents []sentence
	for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		var s struct{ Text string }
		if err := json.Unmarshal(line, &s); err != nil {
			b.Fatal(err)
		}
		n := normalize(s.Text)
		sents = append(sents, x.analyze(&n, 0, 0, len(n.runes)))
	}
	b.ResetTimer()
	for b.Loop() {
		for k := range sents {
			sents[k].nameH = nil
			x.nameHits(&sents[k])
		}
	}
}
