package extract

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// readNERFile reads a sentence-level NER file (stockmark ner-wikipedia format).
func readNERFile(t *testing.T, path string) []NERExample {
	exs, _ := readNERFolds(t, path, 1)
	return exs
}

// readNERFolds reads a sentence-level NER file and gives each sentence a fold of k by its
// article (curid): sentences of one article share names, which must not be on both sides.
func readNERFolds(t *testing.T, path string, k int) ([]NERExample, []int) {
	var folds []int
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []NERExample
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var rec struct {
			Curid    string
			Text     string
			Entities []struct {
				Span [2]int
				Type string
			}
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		ex := NERExample{Text: rec.Text}
		for _, e := range rec.Entities {
			ex.Spans = append(ex.Spans, NERSpan{Start: e.Span[0], End: e.Span[1], Type: e.Type})
		}
		out = append(out, ex)
		folds = append(folds, int(uint64(tmpl(0).str(rec.Curid))%uint64(k)))
	}
	return out, folds
}

// trainInto trains a model and typer on train and returns an extractor using them.
func trainInto(t *testing.T, base *Extractor, train []NERExample, opts TrainOptions) *Extractor {
	var mb, tb bytes.Buffer
	if err := base.TrainNER(train, opts, &mb); err != nil {
		t.Fatal(err)
	}
	if err := base.TrainSpanTyper(train, opts, &tb); err != nil {
		t.Fatal(err)
	}
	x2 := *base
	x := &x2
	var err error
	if x.ner, err = readNERModel(&mb); err != nil {
		t.Fatal(err)
	}
	if x.typer, err = readSpanTyper(&tb); err != nil {
		t.Fatal(err)
	}
	return x
}

// modelF1 scores the model alone (nerSpans) on exs with the ontology mapping of score_ner.py.
func modelF1(x *Extractor, exs []NERExample) (tp, fp, fn int) {
	type key = spanKey
	for _, ex := range exs {
		want := map[key]string{}
		for _, sp := range ex.Spans {
			want[key{sp.Start, sp.End}] = sp.Type
		}
		got := modelSpans(x, ex.Text)
		for k, g := range want {
			if typ, ok := got[k]; ok && accepts(g, typ) {
				tp++
			} else {
				fn++
			}
		}
		for k, typ := range got {
			if g, ok := want[k]; !ok || !accepts(g, typ) {
				fp++
			}
		}
	}
	return
}

func f1str(tp, fp, fn int) string {
	p, r := ratio(tp, tp+fp), ratio(tp, tp+fn)
	return fmt.Sprintf("F1 %.4f P %.3f R %.3f (tp %d fp %d fn %d)", 2*p*r/max(p+r, 1e-9), p, r, tp, fp, fn)
}

// TestNERExp trains the tagger and the span typer on folds of KG_EXP_TRAIN (the training split)
// and scores the model alone on the held-out folds (KG_EXP_FOLDS, e.g. "0,1" of 5): tuning by
// cross-validation on the training data. With KG_NER_DEV set it also scores the model trained
// on all of it on the dev split, to measure only. KG_EXP_EPOCHS, KG_EXP_MINCOUNT, KG_EXP_AUGMENT,
// KG_EXP_BAGS, KG_EXP_DROPOUT and KG_EXP_TYPER_DROPOUT set the training options (by default
// those of kg train-ner). Diagnostic.
func TestNERExp(t *testing.T) {
	path := os.Getenv("KG_EXP_TRAIN")
	if path == "" {
		t.Skip("set KG_EXP_TRAIN")
	}
	x := extractor(t)
	base := *x
	base.ner, base.typer = nil, nil
	const k = 5
	train, folds := readNERFolds(t, path, k)
	// The defaults of kg train-ner.
	opts := TrainOptions{Seed: 1, Epochs: 12, Bags: 4}
	if v := os.Getenv("KG_EXP_EPOCHS"); v != "" {
		opts.Epochs, _ = strconv.Atoi(v)
	}
	if v := os.Getenv("KG_EXP_AUGMENT"); v != "" {
		opts.Augment, _ = strconv.Atoi(v)
	}
	if v := os.Getenv("KG_EXP_MINCOUNT"); v != "" {
		opts.MinCount, _ = strconv.Atoi(v)
	}
	if v := os.Getenv("KG_EXP_BAGS"); v != "" {
		opts.Bags, _ = strconv.Atoi(v)
	}
	if v := os.Getenv("KG_EXP_DROPOUT"); v != "" {
		opts.Dropout, _ = strconv.ParseFloat(v, 64)
	}
	if v := os.Getenv("KG_EXP_TYPER_DROPOUT"); v != "" {
		opts.TyperDropout, _ = strconv.ParseFloat(v, 64)
	}
	var ttp, tfp, tfn int
	if fs := os.Getenv("KG_EXP_FOLDS"); fs != "" {
		for _, f := range strings.Split(fs, ",") {
			fold, _ := strconv.Atoi(f)
			var tr, te []NERExample
			for i, ex := range train {
				if folds[i] == fold {
					te = append(te, ex)
				} else {
					tr = append(tr, ex)
				}
			}
			xm := trainInto(t, &base, tr, opts)
			tp, fp, fn := modelF1(xm, te)
			fmt.Printf("fold %d: %s\n", fold, f1str(tp, fp, fn))
			ttp, tfp, tfn = ttp+tp, tfp+fp, tfn+fn
		}
		fmt.Printf("folds: %s\n", f1str(ttp, tfp, tfn))
	}
	if dev := os.Getenv("KG_NER_DEV"); dev != "" {
		xm := trainInto(t, &base, train, opts)
		tp, fp, fn := modelF1(xm, readNERFile(t, dev))
		fmt.Printf("dev: %s\n", f1str(tp, fp, fn))
	}
}

// BenchmarkNERSpans times the model alone (tagger, boundary chooser, typer) over the dev split's
// sentences, tokenized beforehand.
func BenchmarkNERSpans(b *testing.B) {
	x := extractor(b)
	f, err := os.Open("../../shared/data/ner-wikipedia/dev.jsonl")
	if err != nil {
		b.Skip()
	}
	defer f.Close()
	var sents []sentence
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var s struct{ Text string }
		json.Unmarshal(sc.Bytes(), &s)
		n := normalize(s.Text)
		sents = append(sents, x.analyze(&n, 0, 0, len(n.runes)))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := range sents {
			s := &sents[k]
			s.gazM, s.modelGazM, s.clus, s.nameH, s.typSentOK = nil, nil, nil, nil, false
			x.nerSpans(s)
		}
	}
}
