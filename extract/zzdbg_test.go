package extract

import (
	"os"
	"strings"
	"testing"
)

func TestZZDbg(t *testing.T) {
	x := extractor(t)
	b, _ := os.ReadFile(os.Getenv("ZZ"))
	for _, text := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		d := &doc{x: x, n: normalize(text)}
		s := x.analyze(&d.n, 0, 0, len(d.n.runes))
		d.sents = []sentence{s}
		var ts []string
		for _, tk := range s.toks {
			ts = append(ts, tk.surf)
		}
		t.Logf("%s", strings.Join(ts, "|"))
		for _, sp := range x.nerSpans(&d.sents[0]) {
			t.Logf("  ner %d-%d %s %s", sp.i, sp.j, joinTokens(s.toks[sp.i:sp.j]), sp.typ)
		}
		for _, m := range x.mentions(&d.sents[0]) {
			t.Logf("  m %q ti=%d tj=%d title=%q rule=%s typ=%s", m.text, m.ti, m.tj, m.title, m.rule, m.typ)
		}
	}
}
