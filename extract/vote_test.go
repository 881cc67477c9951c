package extract

import "testing"

// TestVote checks how mentions' type evidence adds up: the model's repeated reading gains a
// little with every mention, enough to outweigh one context cue but not two.
func TestVote(t *testing.T) {
	ner := func(typ string) *mention { return &mention{rule: "ner", typ: typ, conf: confNER} }
	for _, c := range []struct {
		name    string
		ms      []*mention
		context []string // context votes, voteContext each
		want    string
	}{
		{"one model reading loses to a cue", []*mention{ner(Firm)}, []string{Product}, Product},
		{"three alike readings beat one cue", []*mention{ner(Firm), ner(Firm), ner(Firm)}, []string{Product}, Firm},
		{"seven readings lose to two cues", []*mention{ner(Person), ner(Person), ner(Person), ner(Person), ner(Person), ner(Person), ner(Person)}, []string{Firm, Firm}, Firm},
		{"repeats count once", []*mention{{rule: "repeat", typ: Person, conf: confProper}, {rule: "repeat", typ: Person, conf: confProper}}, []string{Firm}, Firm},
		{"suffixes add up", []*mention{{rule: "suffix", typ: Organization, conf: confSuffix}, {rule: "suffix", typ: Organization, conf: confSuffix}}, []string{Firm, Firm}, Organization},
	} {
		t.Run(c.name, func(t *testing.T) {
			votes := map[string]float64{}
			for _, m := range c.ms {
				vote(votes, m)
			}
			for _, typ := range c.context {
				votes[typ] += voteContext
			}
			if got := bestType(votes); got != c.want {
				t.Errorf("type %s (votes %v), want %s", got, votes, c.want)
			}
		})
	}
}

// TestCommonWords: after の, a mention written in common words of the dictionary (kanji, or
// katakana the dictionary knows) is a thing the body has, not a product it makes, unless set off
// in brackets.
func TestCommonWords(t *testing.T) {
	x := extractor(t)
	for _, c := range []struct {
		text, name string
		want       bool
	}{
		{"東西酒造のビールが売れた。", "ビール", true},
		{"東西協会の停年が延びた。", "停年", true},
		{"東西酒造の「ビール」が売れた。", "ビール", false},
		{"東西電機のゼノフォンが売れた。", "ゼノフォン", false},
		{"東西電機のX200が売れた。", "X200", false},
	} {
		n := normalize(c.text)
		s := x.analyze(&n, 0, 0, len(n.runes))
		f := &frame{s: &s}
		var m *mention
		for i := range s.toks {
			for j := i + 1; j <= len(s.toks); j++ {
				if joinTokens(s.toks[i:j]) == c.name {
					m = &mention{ti: i, tj: j, text: c.name}
				}
			}
		}
		if m == nil {
			t.Fatalf("%s: no tokens spell %s", c.text, c.name)
		}
		if got := f.commonWords(m); got != c.want {
			t.Errorf("%s: commonWords(%s) = %v, want %v", c.text, c.name, got, c.want)
		}
	}
}

// TestBestType checks the choice among votes: the most votes, the first in the order of Types
// of equals, and only types with more than -1.
func TestBestType(t *testing.T) {
	for i, typ := range Types() {
		if typeIndex(typ) != i {
			t.Errorf("typeIndex(%s) = %d, want %d", typ, typeIndex(typ), i)
		}
	}
	for _, c := range []struct {
		name  string
		votes map[string]float64
		want  string
	}{
		{"none", map[string]float64{}, ""},
		{"most", map[string]float64{Firm: 1, Product: 2, Person: 0.5}, Product},
		{"equals: the first type", map[string]float64{Event: 2, Organization: 2, Firm: 2}, Firm},
		{"equals: person first", map[string]float64{Location: 1, Person: 1}, Person},
		{"no type", map[string]float64{"Thing": 5, Location: 1}, Location},
		{"-1 is no vote", map[string]float64{Country: -1}, ""},
		{"below -1 is no vote", map[string]float64{Country: -2, Event: -0.5}, Event},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := bestType(c.votes); got != c.want {
				t.Errorf("bestType(%v) = %q, want %q", c.votes, got, c.want)
			}
		})
	}
}
