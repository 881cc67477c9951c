package extract

import (
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
