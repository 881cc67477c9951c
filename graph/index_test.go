package graph

import (
	"reflect"
	"strings"
	"testing"

	"github.com/kg-news/kg/extract"
)

// TestIndexedPacking checks that an entity packed into the index reads back as it went in, with
// the search keys and sound keys that fold and extract.SoundKey give its name and aliases.
func TestIndexedPacking(t *testing.T) {
	long := strings.Repeat("長い名前", 40) // over 127 bytes: a two-byte length
	tests := []struct {
		name string
		e    Entity
	}{
		{"no aliases", Entity{ID: "山田花子", Name: "山田花子", Type: "Person", Articles: 3}},
		{"folded keys", Entity{ID: "google", Name: "Google", Type: "Firm", Aliases: []string{"ＧＯＯＧＬＥ", "グーグル"}, Articles: 12}},
		{"key equal to name, alias folded", Entity{ID: "x", Name: "abc", Type: "", Aliases: []string{"A B C"}}},
		{"empty name", Entity{ID: "e", Name: "", Type: "Person"}},
		{"long strings", Entity{ID: long, Name: long + "名", Type: "Organization", Aliases: []string{long + "A"}, Articles: 1 << 20}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := newIndexed(&tt.e)
			if got := x.entity(); !reflect.DeepEqual(*got, tt.e) {
				t.Errorf("entity() = %+v, want %+v", *got, tt.e)
			}
			if got := x.id(); got != tt.e.ID {
				t.Errorf("id() = %q, want %q", got, tt.e.ID)
			}
			var want, wantSound []string
			for _, n := range append([]string{tt.e.Name}, tt.e.Aliases...) {
				want = append(want, fold(n))
				if k := extract.SoundKey(n); k != "" {
					wantSound = append(wantSound, k)
				}
			}
			var keys []string
			x.keys(func(k string) bool { keys = append(keys, k); return true })
			if !reflect.DeepEqual(keys, want) {
				t.Errorf("keys = %q, want %q", keys, want)
			}
			for _, k := range want {
				if !x.hasKey(func(s string) bool { return s == k }) {
					t.Errorf("hasKey(%q) = false", k)
				}
			}
			if x.hasKey(func(s string) bool { return s == "no such key" }) {
				t.Error("hasKey of a missing key = true")
			}
			for _, k := range wantSound {
				if !x.hasSound(k) {
					t.Errorf("hasSound(%q) = false", k)
				}
			}
			if x.hasSound("zzzzqqq") {
				t.Error("hasSound of a missing key = true")
			}
			if int(x.nSound) != len(wantSound) {
				t.Errorf("nSound = %d, want %d", x.nSound, len(wantSound))
			}
		})
	}
}
