package extract

import (
	"slices"
	"testing"
)

// TestSplitAtConjunction checks that a span over および, 及び, 並びに or an alternative (または, ないし) is cut into its names, unless
// it is the title of a law or an event.
func TestSplitAtConjunction(t *testing.T) {
	x := extractor(t)
	for _, tc := range []struct {
		text, typ string
		want      []string
	}{
		{"KX 300およびKX 500", Product, []string{"KX 300", "KX 500"}},
		{"南山線及び北浜線", Location, []string{"南山線", "北浜線"}},
		{"東西新聞並びに南北通信", Firm, []string{"東西新聞", "南北通信"}},
		{"森林の保全及び利用に関する条例", Product, []string{"森林の保全及び利用に関する条例"}},
		{"東西博及び南北祭", Event, []string{"東西博及び南北祭"}},
		{"南山線", Location, []string{"南山線"}},
		{"東西航空または南北航空", Firm, []string{"東西航空", "南北航空"}},
		{"東西電機あるいは南北重工", Firm, []string{"東西電機", "南北重工"}},
		{"北山線又は南川線", Location, []string{"北山線", "南川線"}},
		{"竜巻もしくは突風", Product, nil},
		{"北山州ないし西", Location, []string{"北山州"}},
		{"山林の保全又は利用に関する法律", Product, []string{"山林の保全又は利用に関する法律"}},
	} {
		n := normalize(tc.text)
		s := x.analyze(&n, 0, 0, len(n.runes))
		var got []string
		for _, p := range x.splitAtConjunction(s.toks, [][2]int{{0, len(s.toks)}}, tc.typ) {
			got = append(got, joinTokens(s.toks[p[0]:p[1]]))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s (%s): got %q, want %q", tc.text, tc.typ, got, tc.want)
		}
	}
}
