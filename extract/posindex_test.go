package extract

import (
	"strings"
	"testing"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// TestPOSIndex checks that the parts of speech and lemmas read through the dictionary index
// (WithDictionary) are those kagome gives token by token.
func TestPOSIndex(t *testing.T) {
	x := extractor(t)
	if len(x.pos.of) == 0 {
		t.Fatal("the test extractor has no part-of-speech index")
	}
	plain := *x
	plain.pos = posIndex{}
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
