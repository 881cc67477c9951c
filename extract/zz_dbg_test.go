package extract

import (
	"fmt"
	"os"
	"slices"
	"testing"
)

var _ = slices.Contains[[]int]

func dbgDoc(x *Extractor, a Article) *doc {
	if err := Check(a.Text); err != nil {
		panic(err)
	}
	d := &doc{x: x, a: a, n: normalize(a.Text)}
	d.orig = d.n.runes // the same code points when the text was in NFKC already
	if d.n.text != a.Text {
		d.orig = []rune(a.Text)
	}
	boilerLine := x.boilerLines(&d.n)
	spans := splitLong(d.n.runes, sentenceSpans(d.n.runes))
	d.sents = make([]sentence, 0, len(spans))
	for _, sp := range spans {
		s := x.analyze(&d.n, len(d.sents), sp[0], sp[1])
		s.splitBrackets(x)
		s.boiler = boilerLine(sp[0]) || x.isBoiler(d.n.slice(sp[0], sp[1]))
		s.citation = isCitationSource(d.n.slice(sp[0], sp[1]))
		d.sents = append(d.sents, s)
	}
	d.ments = make([][]*mention, len(d.sents))
	for i := range d.sents {
		ms := x.mentions(&d.sents[i])
		if d.sents[i].citation {
			if m := x.citedOutlet(&d.sents[i]); m != nil && !slices.ContainsFunc(ms, func(o *mention) bool { return o.start < m.end && m.start < o.end }) {
				ms = append(ms, m)
				slices.SortFunc(ms, func(a, b *mention) int { return a.start - b.start })
			}
		}
		if d.sents[i].boiler {
			// Page furniture names nothing but its sources: the outlets of citations
			// (東都新聞社、2015年4月1日。) and names the gazetteer knows.
			cite := d.sents[i].citation
			kept := ms[:0]
			for _, m := range ms {
				switch {
				case m.gaz != nil:
				case cite && x.lex.isOutlet(m.text) && (m.rule == "citation" || m.ti == 0):
					m.typ = Firm // the publisher, whatever the model read its name as
				default:
					continue
				}
				kept = append(kept, m)
			}
			ms = kept
		}
		d.ments[i] = ms
	}
	for i := range d.sents {
		d.acronymAliases(i) // before repeatNames: an abbreviation is a name the text repeats
	}
	d.repeatNames()
	for i := range d.sents {
		d.linkParenAliases(i)
	}
	d.resolve()
	return d
}

func TestDbgMentions(t *testing.T) {
	p := os.Getenv("KG_DBG")
	if p == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(p)
	x := extractor(t)
	d := dbgDoc(x, Article{ID: "dbg", Text: string(b)})
	for si, ms := range d.ments {
		for _, m := range ms {
			ent := ""
			if m.ent != nil {
				ent = m.ent.name + "/" + m.ent.typ
			}
			fmt.Printf("s%d %q %s rule=%s conf=%.2f -> %s\n", si, m.text, m.typ, m.rule, m.conf, ent)
		}
	}
}
