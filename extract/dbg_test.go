package extract

import (
	"fmt"
	"os"
	"testing"
)

func TestDbgSpans(t *testing.T) {
	text := os.Getenv("KG_DBG")
	if text == "" {
		t.Skip()
	}
	x := extractor(t)
	n := normalize(text)
	s := x.analyze(&n, 0, 0, len(n.runes))
	for _, tk := range s.toks {
		fmt.Printf("%s/%s,%s,%s ", tk.surf, tk.pos[0], tk.pos[1], tk.pos[2])
	}
	fmt.Println()
	for _, sp := range x.nerSpans(&s) {
		fmt.Println("ner", joinTokens(s.toks[sp.i:sp.j]), sp.typ)
	}
	for _, m := range x.mentions(&s) {
		fmt.Println("mention", m.text, m.typ, m.rule)
	}
}
