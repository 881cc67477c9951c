package extract

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"unicode/utf8"
)

// spanTyper types a name found by the sequence model from the whole span at once: all its
// words and characters, its head, and the words around it. The sequence model decides types
// token by token; the typer sees the name as one thing (…大学 after a person's name, a katakana
// company against a katakana person).
type spanTyper struct {
	w     typerTable
	scale float32
}

// typerTable is an open-addressing hash table from feature hashes to the typer's weight rows.
// A slot holds the whole key beside its row, so that a lookup reads one cache line: a Go map
// took a tenth of the typer's time.
type typerTable struct {
	slots []typerSlot
	mask  uint64
	zero  *[len(nerTypes)]int8 // the row of the feature hashed 0, the key of empty slots
}

type typerSlot struct {
	key uint64
	row [len(nerTypes)]int8
}

// newTyperTable returns a table for n features.
func newTyperTable(n int) typerTable {
	size := 1
	for size*3 < n*4 { // load factor ≤ 0.75
		size <<= 1
	}
	return typerTable{slots: make([]typerSlot, size), mask: uint64(size - 1)}
}

// start is the slot where the probe for key k starts.
func (t *typerTable) start(k uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> 32 & t.mask }

// put sets the row of feature k; a feature put again has its row replaced.
func (t *typerTable) put(k uint64, row [len(nerTypes)]int8) {
	if k == 0 {
		t.zero = &row
		return
	}
	for i := t.start(k); ; i = (i + 1) & t.mask {
		if s := &t.slots[i]; s.key == 0 || s.key == k {
			s.key, s.row = k, row
			return
		}
	}
}

// get returns the row of feature k, or nil.
func (t *typerTable) get(k uint64) *[len(nerTypes)]int8 {
	if k == 0 {
		return t.zero
	}
	for i := t.start(k); ; i = (i + 1) & t.mask {
		switch s := &t.slots[i]; s.key {
		case k:
			return &s.row
		case 0:
			return nil
		}
	}
}

// runes hashes code points as their UTF-8 bytes, as str would hash their string.
func (h fhash) runes(rs []rune) fhash {
	var b [utf8.UTFMax]byte
	for _, r := range rs {
		n := utf8.EncodeRune(b[:], r)
		for k := 0; k < n; k++ {
			h = (h ^ fhash(b[k])) * fnvPrime
		}
	}
	return (h ^ 0xff) * fnvPrime
}

// spanFeatures returns the feature hashes of tokens [i, j) of a sentence as a name.
func (x *Extractor) spanFeatures(s *sentence, i, j int) []uint64 {
	return x.appendSpanFeatures(make([]uint64, 0, 128), s, i, j)
}

// appendSpanFeatures appends the feature hashes of tokens [i, j) of a sentence as a name to out.
func (x *Extractor) appendSpanFeatures(out []uint64, s *sentence, i, j int) []uint64 {
	toks := s.toks
	add := func(id byte, h fhash) { out = append(out, uint64(tmpl(id).mix(h))) }
	surf := func(k int) fhash {
		if k < 0 {
			return tmpl(220)
		}
		if k >= len(toks) {
			return tmpl(221)
		}
		return tmpl(1).str(toks[k].surf)
	}
	rs := s.runes[toks[i].start-s.start : toks[j-1].end-s.start]
	n := len(rs)
	add(120, 0)
	if n <= 20 {
		add(121, tmpl(0).runes(rs))
	}
	head, first := &toks[j-1], &toks[i]
	add(122, surf(j-1))
	add(123, surf(i))
	for k := i; k < j; k++ {
		add(124, surf(k))
		add(125, tmpl(0).str(toks[k].pos[1]).str(toks[k].pos[2]).str(toks[k].pos[3]))
	}
	for k := 1; k <= 3 && k <= n; k++ {
		add(126, tmpl(byte(k)).runes(rs[n-k:]))
		add(127, tmpl(byte(k)).runes(rs[:k]))
	}
	for k := 0; k+1 < n; k++ {
		add(128, tmpl(0).runes(rs[k:k+2]))
	}
	for _, r := range rs {
		add(129, fhash(r))
	}
	var pat [8]byte
	np := 0
	var last charClass = 255
	for _, r := range rs {
		if c := classOf(r); c != last {
			if np < len(pat) {
				pat[np] = byte('0' + c)
				np++
			}
			last = c
		}
	}
	add(130, tmpl(0).str(string(pat[:np])))
	add(131, tmpl(0).str(head.pos[0]).str(head.pos[1]).str(head.pos[2]).str(head.pos[3]))
	add(132, tmpl(0).str(first.pos[1]).str(first.pos[2]).str(first.pos[3]))
	add(133, fhash(min(n, 12))<<4|fhash(min(j-i, 6)))
	add(134, surf(i-1))
	add(135, surf(i-2).mix(surf(i-1)))
	add(136, surf(j))
	add(137, surf(j).mix(surf(j+1)))
	add(138, surf(i-1).mix(surf(j)))
	add(139, x.lexKindHash(head).span)
	if j < len(toks) {
		add(140, x.lexKindHash(&toks[j]).span)
		add(141, tmpl(0).str(toks[j].pos[0]).str(toks[j].pos[1]))
	}
	if i > 0 {
		add(142, x.lexKindHash(&toks[i-1]).span)
		add(143, tmpl(0).str(toks[i-1].pos[0]).str(toks[i-1].pos[1]))
	}
	gaz := s.gazTags(x)
	for k := i; k < j; k++ {
		if tag, typ := gaz.at(k); tag != 0 {
			add(144, tmpl(tag).str(typ))
		}
	}
	if n > 1 {
		add(145, tmpl(0).runes(rs[n-1:]).str(head.pos[1]))
	}
	cl := func(k int) fhash {
		if k >= 0 && k < len(toks) {
			if c, ok := x.clusters[toks[k].surf]; ok {
				return fhash(c[0]) + 1
			}
		}
		return 0
	}
	before, after, headCl := cl(i-1), cl(j), cl(j-1)
	add(146, before)
	add(147, after)
	add(148, headCl)
	add(149, before.mix(after))
	for k := i; k < j-1; k++ {
		add(150, cl(k))
	}
	add(150, headCl)
	return out
}

// typeScores returns the typer's score of each training-data type for tokens [i, j).
func (x *Extractor) typeScores(s *sentence, i, j int) [len(nerTypes)]float32 {
	var buf []uint64
	return x.typeScoresBuf(&buf, s, i, j)
}

// typeScoresBuf is typeScores with the memory for the features in *buf, reused across spans.
func (x *Extractor) typeScoresBuf(buf *[]uint64, s *sentence, i, j int) [len(nerTypes)]float32 {
	*buf = x.appendSpanFeatures((*buf)[:0], s, i, j)
	var acc [len(nerTypes)]int32
	for _, f := range *buf {
		if row := x.typer.w.get(f); row != nil {
			for t, v := range row {
				acc[t] += int32(v)
			}
		}
	}
	var out [len(nerTypes)]float32
	for t, v := range acc {
		out[t] = float32(v) * x.typer.scale
	}
	return out
}

// typeOf returns the training-data type index the typer gives tokens [i, j), or -1 without
// a typer.
func (x *Extractor) typeOf(s *sentence, i, j int) int {
	if x.typer == nil {
		return -1
	}
	sc := x.typeScores(s, i, j)
	return argmax(sc[:])
}

func argmax(v []float32) int {
	best := 0
	for t := range v {
		if v[t] > v[best] {
			best = t
		}
	}
	return best
}

// typerWeight is the weight of the span typer's scores against the sequence model's, chosen
// by cross-validation on the training data.
const typerWeight = 3

// retype returns the type of the model's span [i, j): the sequence model's and the span
// typer's scores combined.
func (x *Extractor) retype(s *sentence, buf *[]uint64, emit [][nLabels]float32, i, j int) int {
	ms, ts := spanTypeScores(emit, i, j), x.typeScoresBuf(buf, s, i, j)
	for t := range ms {
		ms[t] += typerWeight * ts[t]
	}
	return argmax(ms[:])
}

// spanTypeScores returns the sequence model's score of each type for tokens [i, j): the
// emission scores of B on the first token and of I on the others.
func spanTypeScores(emit [][nLabels]float32, i, j int) [len(nerTypes)]float32 {
	var out [len(nerTypes)]float32
	for t := range out {
		out[t] = emit[i][labelB(t)]
		for k := i + 1; k < j; k++ {
			out[t] += emit[k][labelI(t)]
		}
	}
	return out
}

// Typer file: gzip of "KGTYP1", the type count, the weight scale, the feature count, then per
// feature its hash and one int8 weight per type.
const typerMagic = "KGTYP1"

func readSpanTyper(r io.Reader) (*spanTyper, error) {
	br, err := openModel(r, typerMagic, "span typer")
	if err != nil {
		return nil, err
	}
	get := func(v any) error { return binary.Read(br, binary.LittleEndian, v) }
	var nt uint8
	var n uint32
	t := &spanTyper{}
	if err := errors.Join(get(&nt), get(&t.scale), get(&n)); err != nil || int(nt) != len(nerTypes) {
		return nil, fmt.Errorf("span typer: bad header")
	}
	t.w = newTyperTable(int(n))
	for i := 0; i < int(n); i++ {
		var key uint64
		var row [len(nerTypes)]int8
		if err := errors.Join(get(&key), get(&row)); err != nil {
			return nil, fmt.Errorf("span typer: %w", err)
		}
		t.w.put(key, row)
	}
	return t, nil
}

// typedSpan is a gold name of a training sentence over tokens [i, j).
type typedSpan struct {
	s       *sentence
	i, j, t int
}

// goldSpans maps the spans of a training example onto its tokens.
func goldSpans(n *normalized, s *sentence, ex NERExample) ([][3]int, error) {
	var out [][3]int
	for _, sp := range ex.Spans {
		t := NERTypeIndex(sp.Type)
		if t < 0 {
			return nil, fmt.Errorf("unknown type %q", sp.Type)
		}
		// The tokens the span covers; a span ending inside a token takes the whole token.
		a, b := normIndex(n, sp.Start), normIndex(n, sp.End)
		ti, tj := -1, -1
		for k, tok := range s.toks {
			if tok.end > a && tok.start < b {
				if ti < 0 {
					ti = k
				}
				tj = k + 1
			}
		}
		if ti >= 0 {
			out = append(out, [3]int{ti, tj, t})
		}
	}
	return out, nil
}

// TrainSpanTyper trains the span typer with the averaged multi-class perceptron on the gold
// names of the training data and writes it to w (data/ner-types.model).
func (x *Extractor) TrainSpanTyper(train []NERExample, opts TrainOptions, w io.Writer) error {
	if opts.Epochs <= 0 {
		opts.Epochs = 12
	}
	if opts.MinCount <= 0 {
		opts.MinCount = 4
	}
	logf := opts.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	const nt = len(nerTypes)
	type item struct {
		feats []uint64
		t     int
	}
	load := func(exs []NERExample) ([]item, error) {
		var out []item
		for k, ex := range exs {
			n := normalize(ex.Text)
			s := x.analyze(&n, 0, 0, len(n.runes))
			spans, err := goldSpans(&n, &s, ex)
			if err != nil {
				return nil, fmt.Errorf("typer: example %d: %w", k, err)
			}
			for _, sp := range spans {
				out = append(out, item{x.spanFeatures(&s, sp[0], sp[1]), sp[2]})
			}
		}
		return out, nil
	}
	data, err := load(train)
	if err != nil {
		return err
	}
	dev, err := load(opts.Dev)
	if err != nil {
		return err
	}
	counts := map[uint64]int{}
	for _, it := range data {
		for _, f := range it.feats {
			counts[f]++
		}
	}
	wt := map[uint64]*[2][nt]float32{} // weights and sums for averaging
	c := float32(1)
	score := func(fs []uint64, avg bool) int {
		var acc [nt]float32
		for _, f := range fs {
			if r := wt[f]; r != nil {
				for t := range acc {
					if avg {
						acc[t] += r[0][t] - r[1][t]/c
					} else {
						acc[t] += r[0][t]
					}
				}
			}
		}
		best := 0
		for t := range acc {
			if acc[t] > acc[best] {
				best = t
			}
		}
		return best
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x7479))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		wrong := 0
		for _, k := range order {
			it := data[k]
			if p := score(it.feats, false); p != it.t {
				wrong++
				for _, f := range it.feats {
					if counts[f] < opts.MinCount {
						continue
					}
					r := wt[f]
					if r == nil {
						r = &[2][nt]float32{}
						wt[f] = r
					}
					r[0][it.t]++
					r[1][it.t] += c
					r[0][p]--
					r[1][p] -= c
				}
			}
			c++
		}
		msg := fmt.Sprintf("typer epoch %d: %d of %d names wrong", epoch, wrong, len(data))
		if len(dev) > 0 {
			right := 0
			for _, it := range dev {
				if score(it.feats, true) == it.t {
					right++
				}
			}
			msg += fmt.Sprintf("; dev type accuracy %.3f", ratio(right, len(dev)))
		}
		logf("%s", msg)
	}
	// Quantise the averaged weights to int8 and write them in key order.
	var maxAbs float32
	keys := make([]uint64, 0, len(wt))
	for k, r := range wt {
		keys = append(keys, k)
		for t := range nt {
			maxAbs = max(maxAbs, float32(math.Abs(float64(r[0][t]-r[1][t]/c))))
		}
	}
	slices.SortFunc(keys, cmp.Compare)
	scale := maxAbs / 127
	if scale == 0 {
		scale = 1
	}
	type row struct {
		key uint64
		w   [nt]int8
	}
	var rows []row
	for _, k := range keys {
		r := wt[k]
		var q [nt]int8
		nz := false
		for t := range nt {
			q[t] = int8(math.Round(float64((r[0][t] - r[1][t]/c) / scale)))
			nz = nz || q[t] != 0
		}
		if nz {
			rows = append(rows, row{k, q})
		}
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	put := func(v any) { binary.Write(bw, binary.LittleEndian, v) }
	bw.WriteString(typerMagic)
	put(uint8(nt))
	put(scale)
	put(uint32(len(rows)))
	for _, r := range rows {
		put(r.key)
		put(r.w)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	logf("typer: %d features", len(rows))
	return zw.Close()
}
