package extract

import (
	"maps"
	"slices"
	"testing"
)

// TestTyperTable puts keys with a zero half (which must not read as an empty slot), the key 0
// and keys that share their first slot, and reads them back.
func TestTyperTable(t *testing.T) {
	keys := []uint64{1, 1 << 32, 1<<32 | 7, 0xFFFFFFFF, 0xFFFFFFFF00000000, 0, 42}
	tt := newTyperTable(len(keys))
	for i, k := range keys {
		var row [typerCols]int8
		row[i%typerCols] = int8(i + 1)
		tt.put(k, row)
	}
	// Keys starting in the same slot as key 1, one of them put.
	var same []uint64
	for k := uint64(2); len(same) < 2; k++ {
		if tt.start(k) == tt.start(1) && !slices.Contains(keys, k) {
			same = append(same, k)
		}
	}
	var row [typerCols]int8
	row[0] = -5
	tt.put(same[0], row)
	for i, k := range keys {
		got := tt.get(k)
		if got == nil || got[i%typerCols] != int8(i+1) {
			t.Errorf("get(%#x) = %v, want weight %d at %d", k, got, i+1, i%typerCols)
		}
	}
	if got := tt.get(same[0]); got == nil || got[0] != -5 {
		t.Errorf("get(%#x) = %v, want weight -5 at 0", same[0], got)
	}
	for _, k := range []uint64{same[1], 2 << 32, 43} {
		if got := tt.get(k); got != nil {
			t.Errorf("get(%#x) = %v, never put", k, got)
		}
	}
}

// TestFeatureTableCompact puts features whose rows repeat and checks that compact keeps one
// copy of each row, in the order the features were put (a model file lists its most frequent
// features first), and that every feature still reads its own row.
func TestFeatureTableCompact(t *testing.T) {
	tests := []struct {
		name     string
		weights  []int8 // the weight of label 1 of each feature, put in this order
		wantRows []int8 // label 1 of each row after compact
	}{
		{"all distinct", []int8{5, -3, 7}, []int8{5, -3, 7}},
		{"repeats", []int8{9, 4, 9, -2, 4, 9}, []int8{9, 4, -2}},
		{"one row", []int8{1, 1, 1}, []int8{1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ft := newFeatureTable(len(tc.weights))
			for i, w := range tc.weights {
				ft.put(uint64(i+1)*0x9E3779B97F4A7C15, []uint16{1<<8 | uint16(uint8(w))})
			}
			ft.compact()
			var got []int8
			for _, row := range ft.rows {
				got = append(got, int8(int(row[1])-weightBias))
			}
			if !slices.Equal(got, tc.wantRows) {
				t.Errorf("rows %v, want %v", got, tc.wantRows)
			}
			for i, w := range tc.weights {
				r := ft.get(uint64(i+1) * 0x9E3779B97F4A7C15)
				if r < 0 || int8(int(ft.rows[r][1])-weightBias) != w {
					t.Errorf("feature %d: row %d, want weight %d", i, r, w)
				}
			}
		})
	}
}

// TestFirstRuneSets checks that the first-code-point sets that spare map lookups hold the first
// code point of every word of their lexicon kind, so that no word is passed over.
func TestFirstRuneSets(t *testing.T) {
	l := extractor(t).lex
	tests := []struct {
		name  string
		set   runeSet
		words func(yield func(string) bool)
	}{
		{"predicate", l.predicateFirst, maps.Keys(l.predicate)},
		{"anaphor", l.anaphorFirst, maps.Keys(l.anaphor)},
	}
	for _, tc := range tests {
		n := 0
		for w := range tc.words {
			n++
			if !tc.set.hasFirst(w) {
				t.Errorf("%s %q: first code point not in the set", tc.name, w)
			}
		}
		if n == 0 {
			t.Errorf("%s: no words", tc.name)
		}
	}
	for w, rel := range l.predicate {
		if got := l.predicateOf(w); got != rel {
			t.Errorf("predicateOf(%q) = %q, want %q", w, got, rel)
		}
	}
	if got := l.predicateOf("を"); got != "" {
		t.Errorf("predicateOf(%q) = %q, want none", "を", got)
	}
}

// TestRuneSetHasFirst checks hasFirst against the set it was given: exact for ASCII and
// three-byte code points, and true (a lookup must tell) for any other word.
func TestRuneSetHasFirst(t *testing.T) {
	s := newRuneSet()
	for _, w := range []string{"社長", "A社", "アップル"} {
		s.addFirst(w)
	}
	tests := []struct {
		w    string
		want bool
	}{
		{"社員", true},
		{"会社", false},
		{"ABC", true},
		{"BBC", false},
		{"アイ", true},
		{"イア", false},
		{"ｱ", false}, // three bytes, not in the set
		{"é", true},  // two bytes: not looked up
		{"𠮷野", true}, // four bytes
		{"", true},
	}
	for _, tt := range tests {
		if got := s.hasFirst(tt.w); got != tt.want {
			t.Errorf("hasFirst(%q) = %v, want %v", tt.w, got, tt.want)
		}
	}
}
