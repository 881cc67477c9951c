package extract

import (
	"strings"
	"testing"

	"github.com/ikawaha/kagome/v2/tokenizer/lattice"
)

// TestBestPath checks that bestPath finds the nodes kagome's lattice finds, node for node, and
// leaves the texts it cannot read the same way to kagome.
func TestBestPath(t *testing.T) {
	x := extractor(t)
	if x.pos.dict == nil {
		t.Skip("no dictionary index")
	}
	texts := []struct {
		text string
		ok   bool
	}{
		{"", true},
		{"山田太郎氏は東京都千代田区で記者会見を開いた。", true},
		{"ABCコーポレーションのCEO、ジョン・スミス氏(45)は2009年12月19日に来日した。", true},
		{"ｶﾀｶﾅと　全角スペース、そして😀絵文字。", true},
		{strings.Repeat("ア", 1100) + "です", true}, // an unknown word longer than kagome's limit
		{"一二三四五六七八九十百千万億兆", true},
		{"x\x00y は NUL を含む", true},
		{"不正な\xffバイト", false},
		{"置換文字\uFFFDを含む", false},
	}
	k := 0
	for _, c := range append(texts, texts...) {
		var ls latScratch
		dups := x.pos.dups
		if k++; k > len(texts) {
			dups = nil // the dictionary's own map
		}
		if ok := ls.bestPath(x.pos.dict, dups, c.text); ok != c.ok {
			t.Errorf("bestPath(%.30q) = %v, want %v", c.text, ok, c.ok)
			continue
		}
		if !c.ok {
			continue
		}
		la := lattice.New(x.pos.dict, nil)
		la.Build(c.text)
		la.Forward(lattice.Normal)
		la.Backward(lattice.Normal)
		if len(la.Output) != len(ls.path) {
			t.Errorf("%.30q: %d nodes, kagome %d", c.text, len(ls.path), len(la.Output))
		} else {
			for k, nd := range la.Output {
				got := &ls.sorted[ls.path[k]]
				if c.text[got.b0:got.b1] != nd.Surface || int(got.start) != nd.Start || got.class != nd.Class ||
					int(got.id) != nd.ID || got.left != nd.Left || ls.cost[ls.path[k]] != nd.Cost {
					t.Errorf("%.30q: node %d is %q at %d (%v %d %d cost %d), kagome %q at %d (%v %d %d cost %d)", c.text, k,
						c.text[got.b0:got.b1], got.start, got.class, got.id, got.left, ls.cost[ls.path[k]],
						nd.Surface, nd.Start, nd.Class, nd.ID, nd.Left, nd.Cost)
					break
				}
			}
		}
		la.Free()
	}
}
