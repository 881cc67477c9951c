package extract

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestAugment checks the copies TrainOptions.Augment adds: every name replaced by a training
// name of its type at the right offsets, the same copies for the same seed.
func TestAugment(t *testing.T) {
	x := extractor(t)
	train := []NERExample{
		{Text: "山田太郎は東京で働く。", Spans: []NERSpan{{0, 4, "人名"}, {5, 7, "地名"}}},
		{Text: "佐藤花子が大阪を訪れた。", Spans: []NERSpan{{0, 4, "人名"}, {5, 7, "地名"}}},
		{Text: "雨が降った。"},
	}
	names := map[string][]string{"人名": {"山田太郎", "佐藤花子"}, "地名": {"東京", "大阪"}}
	tests := []struct {
		copies, want int
	}{
		{0, 3},
		{1, 5},
		{3, 9},
	}
	for _, tt := range tests {
		got := x.augment(train, tt.copies, 1)
		if len(got) != tt.want {
			t.Errorf("copies %d: %d sentences, want %d", tt.copies, len(got), tt.want)
			continue
		}
		if !slices.EqualFunc(got, x.augment(train, tt.copies, 1), func(a, b NERExample) bool {
			return a.Text == b.Text && slices.Equal(a.Spans, b.Spans)
		}) {
			t.Errorf("copies %d: not reproducible", tt.copies)
		}
		for _, ex := range got[len(train):] {
			rs := []rune(ex.Text)
			if len(ex.Spans) != 2 {
				t.Errorf("%s: %d names, want 2", ex.Text, len(ex.Spans))
			}
			for _, sp := range ex.Spans {
				if name := string(rs[sp.Start:sp.End]); !slices.Contains(names[sp.Type], name) {
					t.Errorf("%s: %q is no %s of the training data", ex.Text, name, sp.Type)
				}
			}
		}
	}
}

// TestDropFeatures checks that dropFeatures keeps the labels, drops about the asked share of
// the features (none at rate 0, all at rate 1) and draws the same features again from the same
// seed.
func TestDropFeatures(t *testing.T) {
	p := prepared{gold: []int{0, 1}, skip: []bool{false, false}, feats: make([][]int32, 2)}
	for i := range p.feats {
		for r := range int32(1000) {
			p.feats[i] = append(p.feats[i], r)
		}
	}
	count := func(q prepared) int { return len(q.feats[0]) + len(q.feats[1]) }
	for _, tt := range []struct {
		rate   float64
		lo, hi int
	}{{0, 2000, 2000}, {0.25, 1400, 1600}, {1, 0, 0}} {
		var out prepared
		got := dropFeatures(p, &out, rand.New(rand.NewPCG(1, 2)), tt.rate)
		if n := count(got); n < tt.lo || n > tt.hi {
			t.Errorf("rate %v: %d of 2000 features kept, want %d to %d", tt.rate, n, tt.lo, tt.hi)
		}
		if !slices.Equal(got.gold, p.gold) {
			t.Errorf("rate %v: gold %v, want %v", tt.rate, got.gold, p.gold)
		}
		kept := slices.Clone(got.feats[0])
		var again prepared
		if g2 := dropFeatures(p, &again, rand.New(rand.NewPCG(1, 2)), tt.rate); !slices.Equal(g2.feats[0], kept) {
			t.Errorf("rate %v: not reproducible", tt.rate)
		}
	}
}
