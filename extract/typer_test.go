package extract

import (
	"bytes"
	"strings"
	"testing"
)

// TestSpanTyperRoundTrip trains the span typer on a few sentences, reads it back and checks that
// it types the names it was trained on, and that training is reproducible byte for byte.
func TestSpanTyperRoundTrip(t *testing.T) {
	x := extractor(t)
	train := []NERExample{
		{Text: "山田太郎は東京に住んでいる。", Spans: []NERSpan{{0, 4, "人名"}, {5, 7, "地名"}}},
		{Text: "佐藤花子は大阪に住んでいる。", Spans: []NERSpan{{0, 4, "人名"}, {5, 7, "地名"}}},
		{Text: "青葉電機は新製品を発表した。", Spans: []NERSpan{{0, 4, "法人名"}}},
		{Text: "緑川工業は新製品を発表した。", Spans: []NERSpan{{0, 4, "法人名"}}},
	}
	opts := TrainOptions{Epochs: 5, Seed: 1, MinCount: 1}
	var a, b bytes.Buffer
	if err := x.TrainSpanTyper(train, opts, &a); err != nil {
		t.Fatal(err)
	}
	if err := x.TrainSpanTyper(train, opts, &b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two trainings with one seed wrote different typers")
	}
	typer, err := readSpanTyper(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	y := *x
	y.typer = typer
	tests := []struct {
		text string
		i, j int // tokens of the name
		want string
	}{
		{"山田太郎は東京に住んでいる。", 0, 2, "人名"},
		{"青葉電機は新製品を発表した。", 0, 2, "法人名"},
	}
	for _, tc := range tests {
		n := normalize(tc.text)
		s := y.analyze(&n, 0, 0, len(n.runes))
		if got := nerTypes[y.typeOf(&s, tc.i, tc.j)]; got != tc.want || joinTokens(s.toks[tc.i:tc.j]) == "" {
			t.Errorf("%s [%d,%d) %q: typed %s, want %s", tc.text, tc.i, tc.j, joinTokens(s.toks[tc.i:tc.j]), got, tc.want)
		}
	}
	if _, err := readSpanTyper(strings.NewReader("not a model")); err == nil {
		t.Error("readSpanTyper accepted garbage")
	}
}

// TestReadClusters checks the clusters file format, and that the embedded file is well formed
// and knows common words.
func TestReadClusters(t *testing.T) {
	tests := []struct {
		in      string
		ok      bool
		word    string
		cluster [2]uint16
	}{
		{"# comment\n社長\t3\t1\n", true, "社長", [2]uint16{3, 1}},
		{"東京\t10\t14\n\n", true, "東京", [2]uint16{10, 14}},
		{"東京\t10\n", false, "", [2]uint16{}},
		{"東京\tx\t1\n", false, "", [2]uint16{}},
		{"東京\t1\t70000\n", false, "", [2]uint16{}},
	}
	for _, tc := range tests {
		c, err := readClusters(strings.NewReader(tc.in))
		if (err == nil) != tc.ok {
			t.Errorf("%q: err %v, want ok %v", tc.in, err, tc.ok)
			continue
		}
		if tc.ok && c[tc.word] != tc.cluster {
			t.Errorf("%q: %s in %v, want %v", tc.in, tc.word, c[tc.word], tc.cluster)
		}
	}
	x := extractor(t)
	for _, w := range []string{"社長", "東京", "発表"} {
		if _, ok := x.clusters[w]; !ok {
			t.Errorf("embedded clusters lack %s", w)
		}
	}
}

// TestClusterWords clusters a tiny corpus twice: the output is reproducible and words that
// share their contexts share a cluster.
func TestClusterWords(t *testing.T) {
	x := extractor(t)
	var texts []string
	for i := 0; i < 5; i++ {
		texts = append(texts, "山田社長は会見した。鈴木会長は会見した。東京で会議があった。大阪で会議があった。")
	}
	opts := ClusterOptions{Fine: 4, Coarse: 2, MinCount: 5, Contexts: 20, Iterations: 10, Seed: 1}
	var a, b bytes.Buffer
	if err := x.ClusterWords(texts, opts, &a); err != nil {
		t.Fatal(err)
	}
	if err := x.ClusterWords(texts, opts, &b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two clusterings with one seed differ")
	}
	c, err := readClusters(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, pair := range [][2]string{{"東京", "大阪"}} {
		ca, oka := c[pair[0]]
		cb, okb := c[pair[1]]
		if !oka || !okb || ca != cb {
			t.Errorf("%s %v and %s %v: want one cluster", pair[0], ca, pair[1], cb)
		}
	}
}

// TestBoundCandidates checks the spans the boundary chooser weighs: the tagger's span and
// those one token off, inside the limits, with nameable tokens at both ends.
func TestBoundCandidates(t *testing.T) {
	x := extractor(t)
	n := normalize("昨日青葉電機の社長が来た。")
	s := x.analyze(&n, 0, 0, len(n.runes))
	if got := joinTokens(s.toks); got == "" {
		t.Fatal("no tokens")
	}
	// Token texts, to name the spans in messages.
	text := func(c [2]int) string { return joinTokens(s.toks[c[0]:c[1]]) }
	idx := -1
	for k, tk := range s.toks {
		if tk.surf == "青葉" || strings.HasPrefix(tk.surf, "青葉") {
			idx = k
			break
		}
	}
	if idx < 1 {
		t.Fatalf("unexpected tokens %q", joinTokens(s.toks))
	}
	j := idx + 1
	for j < len(s.toks) && s.toks[j].surf != "の" {
		j++
	}
	tests := []struct {
		name   string
		lo, hi int
		want   func(c [2]int) bool // every candidate must satisfy it
		has    [2]int              // a candidate that must be there
	}{
		{"whole sentence", 0, len(s.toks), func(c [2]int) bool {
			return nameable(&s.toks[c[0]]) && nameable(&s.toks[c[1]-1]) && c[0] >= idx-1 && c[1] <= j+1
		}, [2]int{idx, j}},
		{"limits", idx, j, func(c [2]int) bool { return c[0] >= idx && c[1] <= j }, [2]int{idx, j}},
	}
	for _, tc := range tests {
		got := boundCandidates(nil, s.toks, idx, j, tc.lo, tc.hi)
		found := false
		for _, c := range got {
			if !tc.want(c) {
				t.Errorf("%s: candidate %q %v breaks the rule", tc.name, text(c), c)
			}
			found = found || c == tc.has
		}
		if !found {
			t.Errorf("%s: %v lacks the tagger's span %q", tc.name, got, text(tc.has))
		}
		// The particle after the name can never end a candidate.
		for _, c := range got {
			if c[1] == j+1 {
				t.Errorf("%s: candidate %q ends with the particle", tc.name, text(c))
			}
		}
	}
}

// TestTrainBounds checks that the boundary chooser learns to rank each group's gold span first.
func TestTrainBounds(t *testing.T) {
	// Feature 1 is shared; 2 marks the gold spans, 3 and 4 the others.
	groups := []boundGroup{
		{feats: [][]uint64{{1, 3}, {1, 2}, {1, 4}}, gold: 1},
		{feats: [][]uint64{{1, 2}, {1, 4}}, gold: 0},
		{feats: [][]uint64{{1, 3}, {1, 2}}, gold: 1},
	}
	w := trainBounds(groups, 5, func(string, ...any) {})
	for gi, g := range groups {
		best, bv := -1, float32(0)
		for k, fs := range g.feats {
			var v float32
			for _, f := range fs {
				v += w[f]
			}
			if best < 0 || v > bv {
				best, bv = k, v
			}
		}
		if best != g.gold {
			t.Errorf("group %d: chose %d, want %d (weights %v)", gi, best, g.gold, w)
		}
	}
}

// TestHashRunes checks that fhash.runes hashes code points as str hashes their UTF-8 string:
// every code point of the Basic Multilingual Plane (surrogates included, which encode as
// U+FFFD), and runs of mixed widths.
func TestHashRunes(t *testing.T) {
	h := tmpl(7)
	for r := rune(0); r < 0x10000; r++ {
		if got, want := h.runes([]rune{r}), h.str(string(r)); got != want {
			t.Fatalf("runes(U+%04X) = %x, str %x", r, got, want)
		}
	}
	for _, rs := range [][]rune{
		nil,
		[]rune("東西電機"),
		[]rune("Aé東😀"),
		{'a', 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF, 0x110000, -1, 0xDFFF},
	} {
		if got, want := h.runes(rs), h.str(string(rs)); got != want {
			t.Errorf("runes(%q) = %x, str %x", string(rs), got, want)
		}
	}
}
