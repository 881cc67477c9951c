package extract

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// NERExample is one training sentence with its typed name spans (code points into Text).
type NERExample struct {
	Text  string
	Spans []NERSpan
}

// NERSpan is a typed span of a training sentence; Type is a type of the training data (人名,
// 法人名, 政治的組織名, その他の組織名, 地名, 施設名, 製品名, イベント名).
type NERSpan struct {
	Start, End int
	Type       string
}

// TrainOptions tunes TrainNER.
type TrainOptions struct {
	Epochs int    // passes over the data (default 12)
	Seed   uint64 // shuffling seed, for reproducible models
	// Dev, when set, is scored after every epoch and reported through Log.
	Dev []NERExample
	Log func(format string, args ...any)
	// MinCount drops features seen fewer times in the training data (default 4): rare
	// features mostly memorise, and a smaller model tags faster.
	MinCount int
	// Augment adds this many copies of every training sentence that holds a name, each with
	// its names replaced by other names of the same type from the training data (chosen with
	// Seed): the models learn more from a name's context and less from the names themselves.
	Augment int
	// Bags trains each model this many times, with shuffling seeds Seed, Seed+1, …, and
	// averages the weights (default 1): one perceptron's weights depend on the order it saw
	// the sentences in, and the average of several orders is steadier and better.
	Bags int
	// Dropout leaves each feature of a token out of the tagger's training step (its prediction
	// and its update) with this probability, drawn anew at every step (with Seed): the tagger
	// learns not to lean on a few features (a name's own words) and weighs the others too.
	// TyperDropout does the same for the features of a name in the span typer's training.
	// Neither changes which features the models keep. Off by default (kg train-ner --dropout,
	// --typer-dropout): with 0.15, 0.4 and 20 epochs the model alone gained under by-article
	// cross-validation on the training data (typed F1 0.745 -> 0.754) and on NER dev (0.759 ->
	// 0.766; the pipeline 0.751 -> 0.757), with more names found and a few more false ones, but
	// held-out news lost (entities F1 0.90 -> 0.88: 12 more false names in 43 articles), and the
	// tagger's distinct weight rows grew by a third.
	Dropout, TyperDropout float64
}

// prepared is a training sentence as feature rows and gold labels.
type prepared struct {
	feats [][]int32
	gold  []int
	skip  []bool // tokens no name holds: tagged O without scoring, as nerSpans does
}

// TrainNER trains the typed-mention model with the averaged structured perceptron and writes it
// to w. The model is what New loads from data/ner.model.
func (x *Extractor) TrainNER(train []NERExample, opts TrainOptions, w io.Writer) error {
	if opts.Epochs <= 0 {
		opts.Epochs = 12
	}
	logf := opts.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	if opts.MinCount <= 0 {
		opts.MinCount = 4
	}
	train = x.augment(train, opts.Augment, opts.Seed)
	// Count features first, to keep only those seen MinCount times.
	counts := map[uint64]int{}
	for _, ex := range train {
		n := normalize(ex.Text)
		s := x.analyze(&n, 0, 0, len(n.runes))
		for _, fs := range x.tokenFeatures(&s) {
			for _, h := range fs {
				counts[h]++
			}
		}
	}
	index := map[uint64]int32{}
	prep := func(ex NERExample, grow bool) (prepared, error) {
		n := normalize(ex.Text)
		s := x.analyze(&n, 0, 0, len(n.runes))
		hs := x.tokenFeatures(&s)
		p := prepared{feats: make([][]int32, len(hs)), gold: make([]int, len(hs)), skip: make([]bool, len(hs))}
		for i, fs := range hs {
			p.skip[i] = fs == nil
			for _, h := range fs {
				r, ok := index[h]
				if !ok {
					if !grow || counts[h] < opts.MinCount {
						continue
					}
					r = int32(len(index))
					index[h] = r
				}
				p.feats[i] = append(p.feats[i], r)
			}
		}
		spans, err := goldSpans(&n, &s, ex)
		if err != nil {
			return p, err
		}
		for _, sp := range spans {
			goldLabels(p.gold, sp[0], sp[1], sp[2])
		}
		return p, nil
	}
	var data []prepared
	for i, ex := range train {
		p, err := prep(ex, true)
		if err != nil {
			return fmt.Errorf("train: example %d: %w", i, err)
		}
		data = append(data, p)
	}
	logf("%d sentences, %d features", len(data), len(index))

	var devData []prepared
	for _, ex := range opts.Dev {
		p, err := prep(ex, false)
		if err != nil {
			return fmt.Errorf("train: dev: %w", err)
		}
		devData = append(devData, p)
	}
	bags := max(opts.Bags, 1)
	var sumW []float32
	var sumT [nLabels + 1][nLabels]float32
	for bag := range bags {
		rows := len(index)
		wt := make([]float32, rows*nLabels)
		acc := make([]float32, rows*nLabels) // sum of c * update, for averaging
		var tw, tacc [nLabels + 1][nLabels]float32
		c := float32(1)
		m := &nerModel{index: index}
		emit := func(p prepared, weights []float32, trans *[nLabels + 1][nLabels]float32) []int {
			e := make([][nLabels]float32, len(p.feats))
			for i, fs := range p.feats {
				if p.skip[i] {
					for l := 1; l < nLabels; l++ {
						e[i][l] = float32(math.Inf(-1))
					}
					continue
				}
				for _, r := range fs {
					row := weights[int(r)*nLabels : int(r+1)*nLabels]
					for l := range e[i] {
						e[i][l] += row[l]
					}
				}
			}
			m.trans = *trans
			return m.decode(e)
		}
		averaged := func() ([]float32, [nLabels + 1][nLabels]float32) {
			avg := make([]float32, len(wt))
			for i := range wt {
				avg[i] = wt[i] - acc[i]/c
			}
			var ta [nLabels + 1][nLabels]float32
			for p := range tw {
				for l := range tw[p] {
					ta[p][l] = tw[p][l] - tacc[p][l]/c
				}
			}
			return avg, ta
		}
		rng := rand.New(rand.NewPCG(opts.Seed+uint64(bag), 0x6b67))
		drop := rand.New(rand.NewPCG(opts.Seed+uint64(bag), 0x6470))
		var kept prepared // the sentence with its dropped features left out
		order := make([]int, len(data))
		for i := range order {
			order[i] = i
		}
		for epoch := 1; epoch <= opts.Epochs; epoch++ {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			errors := 0
			for _, k := range order {
				p := data[k]
				if opts.Dropout > 0 {
					p = dropFeatures(p, &kept, drop, opts.Dropout)
				}
				pred := emit(p, wt, &tw)
				prevG, prevP := nLabels, nLabels
				wrong := false
				for i := range pred {
					g, q := p.gold[i], pred[i]
					if g != q {
						wrong = true
						for _, r := range p.feats[i] {
							base := int(r) * nLabels
							wt[base+g]++
							acc[base+g] += c
							wt[base+q]--
							acc[base+q] -= c
						}
					}
					if g != q || prevG != prevP {
						tw[prevG][g]++
						tacc[prevG][g] += c
						tw[prevP][q]--
						tacc[prevP][q] -= c
					}
					prevG, prevP = g, q
				}
				if wrong {
					errors++
				}
				c++
			}
			msg := fmt.Sprintf("epoch %d: %d of %d training sentences wrong", epoch, errors, len(data))
			if len(devData) > 0 {
				avg, ta := averaged()
				tp, fp, fn := 0, 0, 0
				for _, p := range devData {
					pred := emit(p, avg, &ta)
					want, got := spansOf(p.gold), spansOf(pred)
					for sp := range got {
						if want[sp] {
							tp++
						} else {
							fp++
						}
					}
					for sp := range want {
						if !got[sp] {
							fn++
						}
					}
				}
				pr, rc := ratio(tp, tp+fp), ratio(tp, tp+fn)
				msg += fmt.Sprintf("; dev typed F1 %.3f (P %.3f R %.3f)", 2*pr*rc/max(pr+rc, 1e-9), pr, rc)
				// Of the gold names whose span the model finds, how many it types right.
				spanHit, typeHit := 0, 0
				for _, p := range devData {
					got := map[[2]int]int{}
					for sp := range spansOf(emit(p, avg, &ta)) {
						got[[2]int{sp[0], sp[1]}] = sp[2]
					}
					for sp := range spansOf(p.gold) {
						if t, ok := got[[2]int{sp[0], sp[1]}]; ok {
							spanHit++
							if t == sp[2] {
								typeHit++
							}
						}
					}
				}
				msg += fmt.Sprintf(", type accuracy on found spans %.3f", ratio(typeHit, spanHit))
			}
			logf("%s", msg)
		}
		avg, ta := averaged()
		if bags == 1 {
			sumW, sumT = avg, ta
			break
		}
		if sumW == nil {
			sumW = make([]float32, len(avg))
		}
		for i := range avg {
			sumW[i] += avg[i] / float32(bags)
		}
		for p := range ta {
			for l := range ta[p] {
				sumT[p][l] += ta[p][l] / float32(bags)
			}
		}
	}
	model := &nerModel{index: index, counts: counts, weights: sumW, trans: sumT}
	return model.write(w)
}

// dropFeatures returns p with each feature of each token left out with probability rate, drawn
// from rng, in out's reused slices.
func dropFeatures(p prepared, out *prepared, rng *rand.Rand, rate float64) prepared {
	out.gold, out.skip = p.gold, p.skip
	out.feats = slices.Grow(out.feats[:0], len(p.feats))[:len(p.feats)]
	for i, fs := range p.feats {
		kept := out.feats[i][:0]
		for _, r := range fs {
			if rng.Float64() >= rate {
				kept = append(kept, r)
			}
		}
		out.feats[i] = kept
	}
	return *out
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// spansOf lists the typed spans of a label sequence as [start, end, type].
func spansOf(labels []int) map[[3]int]bool {
	out := map[[3]int]bool{}
	for i := 0; i < len(labels); {
		if labelPart(labels[i]) != 'B' {
			i++
			continue
		}
		t := labelType(labels[i])
		j := i + 1
		for j < len(labels) && labels[j] == labelI(t) {
			j++
		}
		out[[3]int{i, j, t}] = true
		i = j
	}
	return out
}

// normIndex maps a code point offset of the original text to the normalized text.
func normIndex(n *normalized, orig int) int {
	for k, o := range n.orig {
		if int(o) >= orig {
			return k
		}
	}
	return len(n.runes)
}

// augment returns train followed by copies copies of each of its sentences with names, in
// which every name is replaced by a name of the same type drawn (with seed) from all the
// distinct names of train. The copies are made in order and the draws depend only on seed, so
// the result is reproducible.
func (x *Extractor) augment(train []NERExample, copies int, seed uint64) []NERExample {
	if copies <= 0 {
		return train
	}
	pool := make([][]string, len(nerTypes))
	seen := map[string]bool{}
	for _, ex := range train {
		rs := []rune(ex.Text)
		for _, sp := range ex.Spans {
			t := NERTypeIndex(sp.Type)
			if t < 0 || sp.Start < 0 || sp.End > len(rs) || sp.Start >= sp.End {
				continue
			}
			name := string(rs[sp.Start:sp.End])
			if k := sp.Type + "\t" + name; !seen[k] {
				seen[k] = true
				pool[t] = append(pool[t], name)
			}
		}
	}
	for t := range pool {
		slices.Sort(pool[t])
	}
	rng := rand.New(rand.NewPCG(seed, 0x6175))
	out := slices.Clip(train)
	for c := 0; c < copies; c++ {
		for _, ex := range train {
			if len(ex.Spans) == 0 {
				continue
			}
			spans := slices.Clone(ex.Spans)
			slices.SortFunc(spans, func(a, b NERSpan) int { return a.Start - b.Start })
			rs := []rune(ex.Text)
			var b strings.Builder
			var ns []NERSpan
			at, runes := 0, 0 // position in rs, and code points written
			for _, sp := range spans {
				t := NERTypeIndex(sp.Type)
				if t < 0 || sp.Start < at || sp.End > len(rs) || sp.Start >= sp.End || len(pool[t]) == 0 {
					continue
				}
				b.WriteString(string(rs[at:sp.Start]))
				runes += sp.Start - at
				name := pool[t][rng.IntN(len(pool[t]))]
				b.WriteString(name)
				n := len([]rune(name))
				ns = append(ns, NERSpan{Start: runes, End: runes + n, Type: sp.Type})
				runes += n
				at = sp.End
			}
			b.WriteString(string(rs[at:]))
			aug := NERExample{Text: b.String(), Spans: ns}
			if x.tokenAligned(aug) {
				out = append(out, aug)
			}
		}
	}
	return out
}

// tokenAligned reports whether every name of ex begins and ends at a token boundary.
func (x *Extractor) tokenAligned(ex NERExample) bool {
	n := normalize(ex.Text)
	s := x.analyze(&n, 0, 0, len(n.runes))
	for _, sp := range ex.Spans {
		a, b := normIndex(&n, sp.Start), normIndex(&n, sp.End)
		startOK, endOK := false, false
		for _, tok := range s.toks {
			startOK = startOK || tok.start == a
			endOK = endOK || tok.end == b
		}
		if !startOK || !endOK {
			return false
		}
	}
	return true
}
