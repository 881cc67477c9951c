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
