package extract

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// TestPipelineVsModel compares, on the NER dev split (set KG_NER_DEV), the trained model's own
// spans with what the whole pipeline (Extract, each line an article) outputs, and says at which
// stage each difference arises: the mention rules (a span cut, extended or dropped, a type
// changed by a rule), the names found again and the aliases, resolution (a type voted by
// context, by the other mentions of one name or by an entity merged) or the output's merging of
// entities with one id. Diagnostic; KG_VERBOSE=1 prints every case.
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
	type snap struct {
		typ, rule string
		ent       *entity
	}
	counts := map[string]int{}
	var mtp, mfp, mfn, ptp, pfp, pfn int
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 0; sc.Scan(); line++ {
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
		stages := map[string]map[key]snap{}
		d, err := x.resolved(Article{ID: fmt.Sprint(line), Text: g.Text}, func(stage string, d *doc) {
			m := map[key]snap{}
			for _, mm := range d.allMentions() {
				o := d.n.span(mm.start, mm.end)
				m[key{o.Start, o.End}] = snap{mm.typ, mm.rule, mm.ent}
			}
			stages[stage] = m
		})
		if err != nil {
			t.Fatal(err)
		}
		out := d.document(nil, nil)
		final := map[key]string{}
		for _, e := range out.Entities {
			for _, m := range e.Mentions {
				final[key{m.Start, m.End}] = e.Type
			}
		}
		rs := []rune(g.Text)
		txt := func(k key) string { return string(rs[k.s:k.e]) }
		// overlap returns the mention of a stage that overlaps k, if any, and how it differs.
		overlap := func(st map[key]snap, k key) (string, bool) {
			for pk, p := range st {
				if pk.s < k.e && k.s < pk.e {
					how := "shifted"
					switch {
					case pk.s <= k.s && pk.e >= k.e:
						how = "extended"
					case pk.s >= k.s && pk.e <= k.e:
						how = "cut"
					}
					return fmt.Sprintf("%s by %s -> %q/%s", how, p.rule, txt(pk), p.typ), true
				}
			}
			return "", false
		}
		// why says at which stage the pipeline lost (or changed) the model's reading of k.
		why := func(k key, mt string) string {
			for _, st := range []string{"mentions", "repeat"} {
				m, ok := stages[st][k]
				switch {
				case !ok:
					if o, ok := overlap(stages[st], k); ok {
						return st + ": span " + o
					}
					return st + ": dropped"
				case m.typ != mt:
					return fmt.Sprintf("%s: typed %s->%s by %s", st, mt, m.typ, m.rule)
				}
			}
			v, ok := stages["resolve"][k]
			switch {
			case !ok:
				return "resolve: dropped"
			case v.ent.typ != mt:
				e := v.ent
				texts := map[string]bool{}
				for _, m := range e.mentions {
					texts[stripTitle(m.text)] = true
				}
				cause := "votes of context"
				switch {
				case e.gaz != nil:
					cause = "gazetteer " + e.gaz.typ
				case len(texts) > 1:
					cause = "merged with another name"
				case len(e.mentions) > 1:
					cause = "votes of the name's other mentions"
				}
				return fmt.Sprintf("resolve: %s->%s, %s", mt, e.typ, cause)
			}
			if ft, ok := final[k]; !ok || ft != mt {
				return "output: " + mt + "->" + ft
			}
			return "?"
		}
		for k, gt := range want {
			mt, mok := model[k]
			mr := mok && accepts(gt, mt)
			pt, pok := final[k]
			pr := pok && accepts(gt, pt)
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
				w := why(k, mt)
				counts["lost "+strings.SplitN(w, " ->", 2)[0]]++
				if verbose {
					fmt.Printf("LOST %s %q %s | %s\n", gt, txt(k), w, g.Text)
				}
			}
			if !mr && pr {
				r := stages["mentions"][k].rule
				if r == "" {
					r = stages["repeat"][k].rule
				}
				counts["gained by "+r]++
				if verbose {
					fmt.Printf("GAINED %s %q %s model %q | %s\n", gt, txt(k), r, mt, g.Text)
				}
			}
		}
		for k, mt := range model {
			if gt, ok := want[k]; !ok || !accepts(gt, mt) {
				mfp++
				if pt, pok := final[k]; !pok || ok && accepts(gt, pt) {
					// A false name of the model's that the pipeline drops or types otherwise.
					w := why(k, mt)
					counts["fixed false "+strings.SplitN(strings.SplitN(w, " ->", 2)[0], ",", 2)[0]]++
					if verbose {
						fmt.Printf("FIXED %q/%s gold %q: %s | %s\n", txt(k), mt, gt, w, g.Text)
					}
				}
			}
		}
		for k, pt := range final {
			gt, ok := want[k]
			if ok && accepts(gt, pt) {
				continue
			}
			pfp++
			if mt, mok := model[k]; mok && !(ok && accepts(gt, mt)) {
				continue // the model's own error, typed alike or not
			}
			w := "new"
			if mt, mok := model[k]; mok {
				w = why(k, mt)
			} else {
				for mk, mt := range model {
					if mk.s < k.e && k.s < mk.e {
						w = fmt.Sprintf("new, model %q/%s", txt(mk), mt)
					}
				}
			}
			rule := stages["resolve"][k].rule
			counts["false by "+rule+" ("+strings.SplitN(strings.SplitN(w, " ->", 2)[0], ",", 2)[0]+")"]++
			if verbose {
				fmt.Printf("FALSE %s %q/%s gold %q: %s | %s\n", rule, txt(k), pt, gt, w, g.Text)
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
	sort.Slice(keys, func(i, j int) bool {
		return counts[keys[i]] > counts[keys[j]] || counts[keys[i]] == counts[keys[j]] && keys[i] < keys[j]
	})
	for _, k := range keys {
		fmt.Printf("%5d %s\n", counts[k], k)
	}
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
