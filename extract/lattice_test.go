package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/dict/trie"
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
		{"\uFFFD", false},
		{"アイウエオ\xe3\x82", false}, // a code point cut off at the end, after an unknown word
		{"ÀÉÎ混在のラテン文字とΑΒΓ", true},
	}
	if !x.pos.runeKeys {
		t.Error("runeAlignedKeys(IPA) = false: bestPath checks for a word at every byte")
	}
	k := 0
	for _, c := range append(texts, texts...) {
		var ls latScratch
		morphs, runeKeys, runeNodes := x.pos.morphs, x.pos.runeKeys, x.pos.runeNodes
		if k++; k > len(texts) {
			morphs, runeKeys, runeNodes = nil, false, nil // the dictionary's own tables; a check at every byte
		}
		if ok := ls.bestPath(x.pos.dict, morphs, runeKeys, runeNodes, c.text); ok != c.ok {
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
				if c.text[got.b0:got.b1] != nd.Surface || int(got.start) != nd.Start || lattice.NodeClass(got.class) != nd.Class ||
					int(got.id) != nd.ID || int32(got.left) != nd.Left || ls.cost[ls.path[k]] != nd.Cost {
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

// TestRuneAlignedKeys checks runeAlignedKeys on small double arrays: a key that stops inside a
// code point makes it false, a key no text read from a code point's start can match does not.
func TestRuneAlignedKeys(t *testing.T) {
	cases := []struct {
		keys []string
		want bool
	}{
		{nil, true},
		{[]string{"東京", "東京都", "大阪", "a", "ab", "ｱ", "😀"}, true},
		{[]string{"東京", "東\xe4\xba"}, false},       // 東 and two of 京's three bytes
		{[]string{"東京", "\xe6"}, false},            // the first byte of 東 alone
		{[]string{"a", "\xf0\x9f\x98"}, false},     // three of 😀's four bytes
		{[]string{"東京", "\x80\xe6"}, true},         // starts with a continuation byte: no match
		{[]string{"東京", "a\x80"}, true},            // a continuation byte after ASCII: no match
		{[]string{"東京", "\xe6\x9d\xb1\xff"}, true}, // 東 then a byte UTF-8 never has
	}
	for _, c := range cases {
		da, err := trie.Build(slices.Sorted(slices.Values(c.keys)))
		if err != nil {
			t.Fatal(err)
		}
		if got := runeAlignedKeys(da); got != c.want {
			t.Errorf("runeAlignedKeys(%q) = %v, want %v", c.keys, got, c.want)
		}
	}
	var loop trie.DoubleArray = []struct{ Base, Check int32 }{{1, -1}, {0, 2}, {1, 1}} // 1 and 2 each other's parent
	if runeAlignedKeys(loop) {
		t.Error("runeAlignedKeys(a cycle) = true, want false")
	}
}

// TestForward checks forward against forwardAll, kagome's loop with its caps and conversions,
// on lattices of two words over each character: short ones, one whose first words start where
// no word ends (their cost is the cap, and the costs after them reach it), and one long enough
// for the costs to go below the least int32.
func TestForward(t *testing.T) {
	cases := []struct {
		name    string
		chars   int
		weights [2]int16 // of the two words over each character
		conn    int16    // the connection cost of every pair but one
		gap     bool     // no word ends where the second character starts
	}{
		{"plain", 3, [2]int16{10, 20}, 3, false},
		{"ties", 3, [2]int16{10, 10}, 0, false},
		{"at the cap", 3, [2]int16{100, 5}, 100, true},
		{"below the least int32", 40000, [2]int16{-32768, 32767}, -32768, false},
	}
	for _, c := range cases {
		conn := dict.ConnectionTable{Row: 3, Col: 3, Vec: make([]int16, 9)}
		for i := range conn.Vec {
			conn.Vec[i] = c.conn
		}
		conn.Vec[1*3+2] = c.conn + 1 // left 1 after right 2 costs a little more
		var ls latScratch
		ls.sorted = append(ls.sorted, latNode{prev: -1}) // BOS
		ls.first = append(ls.first, 0, 1)
		for p := range int32(c.chars) {
			for w, wt := range c.weights {
				ls.sorted = append(ls.sorted, latNode{start: p, end: p + 1, left: int16(1 + w), right: int16(2 - w), weight: wt, prev: -1})
			}
			ls.first = append(ls.first, int32(len(ls.sorted)))
		}
		if c.gap { // the words over the first character end elsewhere
			ls.sorted[1].end, ls.sorted[2].end = 0, 0
			ls.first[1] = 3
		}
		ls.sorted = append(ls.sorted, latNode{start: int32(c.chars), end: int32(c.chars) + 1, prev: -1}) // EOS
		ls.first = append(ls.first, int32(len(ls.sorted)))
		for _, nd := range ls.sorted {
			ls.right = append(ls.right, int32(nd.right))
		}
		ls.forward(&conn, c.chars+2)
		want := latScratch{sorted: slices.Clone(ls.sorted), first: ls.first, right: ls.right, cost: make([]int32, len(ls.sorted))}
		for p := 1; p < c.chars+2; p++ {
			for k := want.first[p]; k < want.first[p+1]; k++ {
				nd := &want.sorted[k]
				if lo, hi := want.first[nd.start], want.first[nd.start+1]; lo == hi {
					want.cost[k] = latMaxCost
				} else {
					want.cost[k], nd.prev = want.forwardAll(&conn, nd, lo, hi)
				}
			}
		}
		bad := 0
		for k := range ls.sorted {
			if ls.cost[k] != want.cost[k] || ls.sorted[k].prev != want.sorted[k].prev {
				if bad++; bad <= 3 {
					t.Errorf("%s: node %d costs %d after %d, kagome's loop %d after %d", c.name, k,
						ls.cost[k], ls.sorted[k].prev, want.cost[k], want.sorted[k].prev)
				}
			}
		}
	}
}

// TestLatMorphs checks that latMorphs copies the dictionary's entries and counts of
// duplicates, and gives up on a count it cannot hold.
func TestLatMorphs(t *testing.T) {
	d := &dict.Dict{
		Morphs: []dict.Morph{{LeftID: 1, RightID: 2, Weight: -3}, {LeftID: 4, RightID: 5, Weight: 6}, {LeftID: 7, RightID: 8, Weight: 9}},
		Index:  dict.IndexTable{Dup: map[int32]int32{0: 2}},
	}
	want := []latMorph{{1, 2, -3, 2}, {4, 5, 6, 0}, {7, 8, 9, 0}}
	if got := latMorphs(d); !slices.Equal(got, want) {
		t.Errorf("latMorphs = %v, want %v", got, want)
	}
	for _, dup := range []map[int32]int32{{1: 256}, {3: 1}, {-1: 1}} {
		d.Index.Dup = dup
		if got := latMorphs(d); got != nil {
			t.Errorf("latMorphs with Dup %v = %v, want nil", dup, got)
		}
	}
}
