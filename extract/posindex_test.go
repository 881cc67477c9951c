package extract

import (
	"os"
	"strings"
	"testing"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
	"github.com/ikawaha/kagome/v2/tokenizer/lattice"
)

// TestPOSIndex checks that the parts of speech and lemmas read through the dictionary index
// (WithDictionary) are those kagome gives token by token.
func TestPOSIndex(t *testing.T) {
	x := extractor(t)
	if len(x.pos.of) == 0 {
		t.Fatal("the test extractor has no part-of-speech index")
	}
	plain := *x
	plain.pos, plain.lattice = posIndex{}, nil
	for _, text := range []string{
		"財務省は来年から新しい規制を導入すると発表した。",
		"山田太郎社長は「売り上げは伸びなかった」と語り、寂しそうに笑った。",
		"ＸＹＺ Robotics社のAIチップ「Qubit-9」は、高くて速いが、使いにくいらしい。",
		"彼女は走っていませんでしたし、食べられなかったでしょう。",
		"ヴィクトリア・ズヴェーレワ氏は2025年12月31日、ﾊﾟﾘで会見を開いた。",
		"あぁ！？…――😀　＠＃",
	} {
		n := normalize(text)
		got := x.analyze(&n, 0, 0, len(n.runes))
		want := plain.analyze(&n, 0, 0, len(n.runes))
		if len(got.toks) != len(want.toks) {
			t.Fatalf("%s: %d tokens, want %d", text, len(got.toks), len(want.toks))
		}
		verbs := 0
		for i := range got.toks {
			g, w := &got.toks[i], &want.toks[i]
			if g.surf != w.surf || *g.pos != *w.pos || g.lemma() != w.lemma() || g.known != w.known || g.start != w.start {
				t.Errorf("%s: token %d = %q %v %q, want %q %v %q", text, i, g.surf, *g.pos, g.lemma(), w.surf, *w.pos, w.lemma())
			}
			if g.verb() && g.lemma() != g.surf {
				verbs++
			}
		}
		if strings.Contains(text, "発表した") && verbs == 0 {
			t.Errorf("%s: no inflected verb read with its base form", text)
		}
	}
}

// TestWithWrongDictionary checks that New refuses a dictionary other than the tokenizer's.
func TestWithWrongDictionary(t *testing.T) {
	d := ipa.Dict()
	tok, err := tokenizer.New(d, tokenizer.OmitBosEos())
	if err != nil {
		t.Fatal(err)
	}
	other := *d
	names := append([]string(nil), d.POSTable.NameList...)
	for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
		names[i], names[j] = names[j], names[i]
	}
	other.POSTable = dict.POSTable{NameList: names, POSs: d.POSTable.POSs}
	if _, err := New(tok, WithDictionary(&other), WithoutModel()); err == nil || !strings.Contains(err.Error(), "not the tokenizer's") {
		t.Fatalf("New with another dictionary: %v, want an error", err)
	}
	if _, err := New(tok, WithDictionary(d), WithoutModel()); err != nil {
		t.Fatalf("New with the tokenizer's dictionary: %v", err)
	}
}

// TestLattice checks that analyze's own lattice finds kagome's words, over the sentences of
// Wikinews articles and over made-up text that takes the unknown-word paths.
func TestLattice(t *testing.T) {
	x := extractor(t)
	if x.lattice == nil {
		t.Fatal("the test extractor has no lattice")
	}
	texts := []string{
		"", "。", "ＸＹＺ Robotics社のAIチップ「Qubit-9」は速い。", "ﾊﾟﾘの\uFFFDと😀😀😀、あぁ！？…――　＠＃",
		strings.Repeat("ア", 1500) + "が来た。", "abc123 def,ghi 　 漢字ひらがなカタカナ",
	}
	if _, err := os.Stat("../../shared/data/wikinews/articles.jsonl.gz"); err == nil {
		texts = append(texts, corpus(t, 200)...)
	}
	sc := new(latticeScratch)
	words := 0
	for _, text := range texts {
		n := normalize(text)
		for _, sp := range sentenceSpans(n.runes) {
			in := n.slice(sp[0], sp[1])
			x.lattice.analyze(sc, in)
			var want []tokenizer.Token
			for _, kt := range x.tok.Analyze(in, tokenizer.Normal) {
				if kt.Class != tokenizer.DUMMY {
					want = append(want, kt)
				}
			}
			if len(sc.path) != len(want) {
				t.Fatalf("%q: %d words, kagome finds %d", in, len(sc.path), len(want))
			}
			for i, k := range sc.path {
				g, w := &sc.nodes[k], &want[i]
				if in[g.from:g.to] != w.Surface || int(g.start) != w.Start || int(g.id) != w.ID || g.class != lattice.NodeClass(w.Class) {
					t.Fatalf("%q: word %d is %q at %d (id %d, class %v), kagome's %q at %d (id %d, class %v)",
						in, i, in[g.from:g.to], g.start, g.id, g.class, w.Surface, w.Start, w.ID, w.Class)
				}
			}
			words += len(want)
		}
	}
	t.Logf("%d words compared", words)
}
