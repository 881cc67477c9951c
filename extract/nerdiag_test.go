package extract

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestPipelineVsModel compares, on the NER dev split (set KG_NER_DEV), the trained model's own
// spans with what the whole pipeline keeps: gold names the model had right that the pipeline
// lost (and how: cut, extended, retyped, dropped), and false names the rules added. Diagnostic;
// KG_VERBOSE=1 prints every case.
func TestPipelineVsModel(t *testing.T) {
	path := os.Getenv("KG_NER_DEV")
	if path == "" {
		t.Skip("set KG_NER_DEV to ../shared/data/ner-wikipedia/dev.jsonl")
	}
	verbose := os.Getenv("KG_VERBOSE") != ""
	x := extractor(t)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type key = spanKey
	counts := map[string]int{}
	var mtp, mfp, mfn, ptp, pfp, pfn int
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var g struct {
			Text     string
			Entities []struct {
				Span [2]int
				Type string
			}
		}
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		want := map[key]string{}
		for _, e := range g.Entities {
			want[key{e.Span[0], e.Span[1]}] = e.Type
		}
		model := modelSpans(x, g.Text) // the model alone
		// The pipeline, with the rule of each mention.
		d := &doc{x: x, a: Article{Text: g.Text}, orig: []rune(g.Text), n: normalize(g.Text)}
		for _, sp := range splitLong(d.n.runes, sentenceSpans(d.n.runes)) {
			d.sents = append(d.sents, x.analyze(&d.n, len(d.sents), sp[0], sp[1]))
		}
		d.ments = make([][]*mention, len(d.sents))
		for i := range d.sents {
			d.ments[i] = x.mentions(&d.sents[i])
		}
		d.repeatNames()
		for i := range d.sents {
			d.linkParenAliases(i)
		}
		d.resolve()
		type pm struct {
			typ, rule, mtyp string
		}
		pipe := map[key]pm{}
		for _, m := range d.allMentions() {
			o := d.n.span(m.start, m.end)
			pipe[key{o.Start, o.End}] = pm{m.ent.typ, m.rule, m.typ}
		}
		rs := []rune(g.Text)
		txt := func(k key) string { return string(rs[k.s:k.e]) }
		for k, gt := range want {
			mt, mok := model[k]
			mr := mok && accepts(gt, mt)
			p, pok := pipe[k]
			pr := pok && accepts(gt, p.typ)
			if mr {
				mtp++
			} else {
				mfn++
			}
			if pr {
				ptp++
			} else {
				pfn++
			}
			if mr && !pr {
				why := "dropped"
				switch {
				case pok:
					why = fmt.Sprintf("retyped %s->%s(%s,mtyp %s)", mt, p.typ, p.rule, p.mtyp)
				default:
					for pk, pp := range pipe {
						if pk.s < k.e && k.s < pk.e {
							why = fmt.Sprintf("span(%s)", pp.rule)
							if verbose {
								fmt.Printf("LOST %s %q -> %q/%s\n", gt, txt(k), txt(pk), pp.typ)
							}
						}
					}
				}
				counts["lost "+why]++
				if verbose && pok {
					fmt.Printf("LOST %s %q %s  in %s\n", gt, txt(k), why, g.Text)
				}
			}
			if !mr && pr {
				counts["gained "+p.rule]++
				if verbose {
					fmt.Printf("GAINED %s %q %s model %q\n", gt, txt(k), p.rule, mt)
				}
			}
		}
		for k, mt := range model {
			if gt, ok := want[k]; !ok || !accepts(gt, mt) {
				mfp++
			}
		}
		for k, p := range pipe {
			gt, ok := want[k]
			if ok && accepts(gt, p.typ) {
				continue
			}
			pfp++
			mt, mok := model[k]
			why := "fp " + p.rule
			if mok && mt == p.typ {
				why += " (model same)"
			} else if mok {
				why += " (model span, type " + mt + ")"
			}
			if ok {
				why += " wrongtype"
			}
			counts[why]++
			if verbose && !strings.Contains(why, "model same") {
				fmt.Printf("FP %s %q/%s gold %q\n", p.rule, txt(k), p.typ, gt)
			}
		}
	}
	f1 := func(tp, fp, fn int) string {
		p, r := ratio(tp, tp+fp), ratio(tp, tp+fn)
		return fmt.Sprintf("F1 %.3f P %.3f R %.3f (tp %d fp %d fn %d)", 2*p*r/max(p+r, 1e-9), p, r, tp, fp, fn)
	}
	fmt.Println("model   ", f1(mtp, mfp, mfn))
	fmt.Println("pipeline", f1(ptp, pfp, pfn))
	var keys []string
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return counts[keys[i]] > counts[keys[j]] })
	for _, k := range keys {
		fmt.Printf("%5d %s\n", counts[k], k)
	}
	_ = slices.Contains[[]string]
}

// TestNEROracle reports how many gold spans of KG_NER_DEV the tagger can express at all: aligned
// with token boundaries, every token nameable. Diagnostic.
func TestNEROracle(t *testing.T) {
	path := os.Getenv("KG_NER_DEV")
	if path == "" {
		t.Skip("set KG_NER_DEV")
	}
	x := extractor(t)
	f, _ := os.Open(path)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var total, unaligned, unnameable int
	for sc.Scan() {
		var g struct {
			Text     string
			Entities []struct {
				Span [2]int
				Type string
			}
		}
		json.Unmarshal(sc.Bytes(), &g)
		n := normalize(g.Text)
		s := x.analyze(&n, 0, 0, len(n.runes))
		for _, e := range g.Entities {
			total++
			a, b := normIndex(&n, e.Span[0]), normIndex(&n, e.Span[1])
			okA, okB, named := false, false, true
			for k := range s.toks {
				tk := &s.toks[k]
				if tk.start == a {
					okA = true
				}
				if tk.end == b {
					okB = true
				}
				if tk.start >= a && tk.end <= b && !nameable(tk) {
					named = false
				}
			}
			switch {
			case !okA || !okB:
				unaligned++
				if os.Getenv("KG_VERBOSE") != "" {
					fmt.Println("UNALIGNED", string([]rune(g.Text)[e.Span[0]:e.Span[1]]))
				}
			case !named:
				unnameable++
				if os.Getenv("KG_VERBOSE") != "" {
					fmt.Println("UNNAMEABLE", string([]rune(g.Text)[e.Span[0]:e.Span[1]]))
				}
			}
		}
	}
	fmt.Printf("gold %d, unaligned %d, with unnameable tokens %d\n", total, unaligned, unnameable)
}

// TestTyperVsModel compares, on the spans the sequence model finds right in KG_NER_DEV, the
// types of the sequence model and of the span typer (KG_NER_MODEL, KG_NER_TYPES: files to
// load instead of the embedded ones). Diagnostic.
func TestTyperVsModel(t *testing.T) {
	path := os.Getenv("KG_NER_DEV")
	if path == "" {
		t.Skip("set KG_NER_DEV")
	}
	x := extractor(t)
	if p := os.Getenv("KG_NER_MODEL"); p != "" {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		x2 := *x
		x = &x2
		if x.ner, err = readNERModel(f); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	if p := os.Getenv("KG_NER_TYPES"); p != "" {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		if x.typer, err = readSpanTyper(f); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	f, _ := os.Open(path)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var found, modelOK, typerOK int
	lambdas := []float32{0.25, 0.5, 1, 1.5, 2, 3, 5}
	mixOK := make([]int, len(lambdas))
	conf := map[string]int{}
	for sc.Scan() {
		var ex struct {
			Text     string
			Entities []struct {
				Span [2]int
				Type string
			}
		}
		json.Unmarshal(sc.Bytes(), &ex)
		n := normalize(ex.Text)
		s := x.analyze(&n, 0, 0, len(n.runes))
		var nex NERExample
		for _, e := range ex.Entities {
			nex.Spans = append(nex.Spans, NERSpan{Start: e.Span[0], End: e.Span[1], Type: e.Type})
		}
		gold, _ := goldSpans(&n, &s, nex)
		want := map[[2]int]int{}
		for _, g := range gold {
			want[[2]int{g[0], g[1]}] = g[2]
		}
		feats := x.tokenFeatures(&s)
		emit := make([][nLabels]float32, len(feats))
		for i, fs := range feats {
			x.ner.score(fs, &emit[i])
		}
		for sp := range spansOf(x.ner.decode(emit)) {
			g, ok := want[[2]int{sp[0], sp[1]}]
			if !ok {
				continue
			}
			found++
			tt := x.typeOf(&s, sp[0], sp[1])
			ms, ts := spanTypeScores(emit, sp[0], sp[1]), x.typeScores(&s, sp[0], sp[1])
			for li, l := range lambdas {
				var c [len(nerTypes)]float32
				for k := range c {
					c[k] = ms[k] + l*ts[k]
				}
				if argmax(c[:]) == g {
					mixOK[li]++
				}
			}
			if sp[2] == g {
				modelOK++
			}
			if tt == g {
				typerOK++
			}
			if sp[2] != tt {
				conf[fmt.Sprintf("model %v typer %v gold %s", sp[2] == g, tt == g, nerTypes[g])]++
			}
		}
	}
	fmt.Printf("found %d, model types %.3f, typer %.3f\n", found, ratio(modelOK, found), ratio(typerOK, found))
	for li, l := range lambdas {
		fmt.Printf("mix %.2f: %.3f\n", l, ratio(mixOK[li], found))
	}
	if os.Getenv("KG_VERBOSE") != "" {
		for k, v := range conf {
			fmt.Println(v, k)
		}
	}
}

// TestModelErrors prints the sequence model's false and missed names on KG_NER_DEV (with
// KG_NER_MODEL and KG_NER_TYPES overriding the embedded files). Diagnostic.
func TestModelErrors(t *testing.T) {
	path := os.Getenv("KG_NER_DEV")
	if path == "" {
		t.Skip("set KG_NER_DEV")
	}
	x := extractor(t)
	x2 := *x
	x = &x2
	if p := os.Getenv("KG_NER_MODEL"); p != "" {
		f, _ := os.Open(p)
		x.ner, _ = readNERModel(f)
		f.Close()
	}
	if p := os.Getenv("KG_NER_TYPES"); p != "" {
		f, _ := os.Open(p)
		x.typer, _ = readSpanTyper(f)
		f.Close()
	}
	f, _ := os.Open(path)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var ex struct {
			Text     string
			Entities []struct {
				Span [2]int
				Type string
			}
		}
		json.Unmarshal(sc.Bytes(), &ex)
		n := normalize(ex.Text)
		s := x.analyze(&n, 0, 0, len(n.runes))
		var nex NERExample
		for _, e := range ex.Entities {
			nex.Spans = append(nex.Spans, NERSpan{Start: e.Span[0], End: e.Span[1], Type: e.Type})
		}
		gold, _ := goldSpans(&n, &s, nex)
		want := map[[2]int]int{}
		for _, g := range gold {
			want[[2]int{g[0], g[1]}] = g[2]
		}
		got := map[[2]int]string{}
		for _, sp := range x.nerSpans(&s) {
			got[[2]int{sp.i, sp.j}] = sp.typ
		}
		for k, gt := range want {
			if typ, ok := got[k]; !ok {
				fmt.Printf("MISS %s %s\n", nerTypes[gt], joinTokens(s.toks[k[0]:k[1]]))
			} else if nerOntologyType(gt) != typ {
				fmt.Printf("TYPE %s->%s %s\n", nerTypes[gt], typ, joinTokens(s.toks[k[0]:k[1]]))
			}
		}
		for k, typ := range got {
			if _, ok := want[k]; !ok {
				fmt.Printf("FALSE %s %s | %s\n", typ, joinTokens(s.toks[k[0]:k[1]]), ex.Text)
			}
		}
	}
}

// spanKey is a name's span in code points of the original text.
type spanKey struct{ s, e int }

// modelSpans returns the name model's own spans (nerSpans, no rules) in a text and their types.
func modelSpans(x *Extractor, text string) map[spanKey]string {
	n := normalize(text)
	out := map[spanKey]string{}
	for _, sp := range sentenceSpans(n.runes) {
		s := x.analyze(&n, 0, sp[0], sp[1])
		for _, ns := range x.nerSpans(&s) {
			o := n.span(s.toks[ns.i].start, s.toks[ns.j-1].end)
			out[spanKey{o.Start, o.End}] = ns.typ
		}
	}
	return out
}
