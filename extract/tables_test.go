package extract

import (
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
