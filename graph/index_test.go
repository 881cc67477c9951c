package graph

import (
	"context"
	"fmt"
	"reflect"
	"slices"
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

// TestListEntitiesPaging walks every order and filter page by page, with several page sizes,
// and checks that the pages put together are the whole listing, in the order's own terms.
func TestListEntitiesPaging(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, "memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Entity eN is mentioned by the articles pK with K ≤ N%4: article counts 1 to 4, with ties.
	types := []string{"Firm", "Person", "Product"}
	for k := 0; k < 4; k++ {
		var ents []string
		for n := 0; n < 14; n++ {
			if k <= n%4 {
				ents = append(ents, fmt.Sprintf("e%02d:%s:名前%02d:Alias%d", n, types[n%3], 13-n, n))
			}
		}
		load(t, s, article(fmt.Sprintf("p%d", k), "text", ents, nil, nil))
	}
	if err := s.WarmIndex(ctx); err != nil {
		t.Fatal(err)
	}
	less := map[string]func(a, b *Entity) int{
		ByID:   func(a, b *Entity) int { return strings.Compare(a.ID, b.ID) },
		ByName: func(a, b *Entity) int { return strings.Compare(fold(a.Name)+"\x00"+a.ID, fold(b.Name)+"\x00"+b.ID) },
		ByArticles: func(a, b *Entity) int {
			if a.Articles != b.Articles {
				return b.Articles - a.Articles
			}
			return strings.Compare(a.ID, b.ID)
		},
	}
	for _, order := range []string{ByID, ByName, ByArticles} {
		for _, typ := range []string{"", "Firm", "Nothing"} {
			q := EntityQuery{OrderBy: order, Type: typ}
			full, err := s.ListEntities(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]int{"": 14, "Firm": 5, "Nothing": 0}[typ]
			if full.Total != want || len(full.Entities) != want || full.More {
				t.Fatalf("%s %q: total %d, %d entities, more %v; want %d", order, typ, full.Total, len(full.Entities), full.More, want)
			}
			if !slices.IsSortedFunc(full.Entities, less[order]) {
				t.Errorf("%s %q: not in order: %v", order, typ, ids(full.Entities))
			}
			for _, first := range []int{1, 2, 3, 5, 20} {
				var got, cursors []string
				after := ""
				for pages := 0; ; pages++ {
					q.Page = Page{First: first, After: after}
					p, err := s.ListEntities(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					if p.Total != full.Total || len(p.Entities) > first || len(p.Cursors) != len(p.Entities) {
						t.Fatalf("%s %q first %d: page %+v", order, typ, first, p)
					}
					got = append(got, ids(p.Entities)...)
					cursors = append(cursors, p.Cursors...)
					if !p.More || pages > 20 {
						break
					}
					after = p.Cursors[len(p.Cursors)-1]
				}
				if !slices.Equal(got, ids(full.Entities)) || !slices.Equal(cursors, full.Cursors) {
					t.Errorf("%s %q first %d: pages give %v, want %v", order, typ, first, got, ids(full.Entities))
				}
			}
		}
	}
}

func ids(es []*Entity) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}
