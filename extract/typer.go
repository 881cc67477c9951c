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
// company against a katakana person). Its file also holds the boundary chooser's weights
// (chooseBounds), which moves an edge of the sequence model's span by a token.
type spanTyper struct {
	w      typerTable
	scale  float32 // of the type weights
	bscale float32 // of the boundary weights
}

// A typer row holds one weight per type and, last, the feature's weight for the boundary
// chooser (chooseBounds), which reads the same span features and a few more: one lookup finds
// both.
const (
	typerCols = len(nerTypes) + 1
	boundCol  = len(nerTypes)
)

// typerTable is an open-addressing hash table from feature hashes to the typer's weight rows.
// A slot holds the whole key beside its row, so that a lookup reads one cache line: a Go map
// took a tenth of the typer's time.
type typerTable struct {
	slots []typerSlot
	mask  uint64
	zero  *[typerCols]int8 // the row of the feature hashed 0, the key of empty slots
}

// typerSlot holds its key in two halves, which a slot aligns to four bytes instead of eight:
// twenty bytes where a uint64 key made twenty-four, a sixth less memory to miss in the cache.
type typerSlot struct {
	keyLo, keyHi uint32
	row          [typerCols]int8
}

func (s *typerSlot) key() uint64 { return uint64(s.keyHi)<<32 | uint64(s.keyLo) }

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
func (t *typerTable) put(k uint64, row [typerCols]int8) {
	if k == 0 {
		t.zero = &row
		return
	}
	for i := t.start(k); ; i = (i + 1) & t.mask {
		if s := &t.slots[i]; s.key() == 0 || s.key() == k {
			s.keyLo, s.keyHi, s.row = uint32(k), uint32(k>>32), row
			return
		}
	}
}

// get returns the row of feature k, or nil.
func (t *typerTable) get(k uint64) *[typerCols]int8 {
	if k == 0 {
		return t.zero
	}
	for i := t.start(k); ; i = (i + 1) & t.mask {
		switch s := &t.slots[i]; s.key() {
		case k:
			return &s.row
		case 0:
			return nil
		}
	}
}

// runes hashes code points as their UTF-8 bytes, as str would hash their string. Code points
// of three bytes (kana, kanji) and of one are encoded inline.
func (h fhash) runes(rs []rune) fhash {
	var b [utf8.UTFMax]byte
	for _, r := range rs {
		switch {
		case uint32(r) < utf8.RuneSelf:
			h = (h ^ fhash(r)) * fnvPrime
		case r >= 0x800 && r < 0x10000 && (r < 0xD800 || r > 0xDFFF):
			h = (h ^ fhash(0xE0|r>>12)) * fnvPrime
			h = (h ^ fhash(0x80|r>>6&0x3F)) * fnvPrime
			h = (h ^ fhash(0x80|r&0x3F)) * fnvPrime
		default:
			n := utf8.EncodeRune(b[:], r)
			for k := 0; k < n; k++ {
				h = (h ^ fhash(b[k])) * fnvPrime
			}
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
		add(125, x.posHash(toks[k].pos).sub)
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
	add(131, x.posHash(head.pos).all)
	add(132, x.posHash(first.pos).sub)
	add(133, fhash(min(n, 12))<<4|fhash(min(j-i, 6)))
	add(134, surf(i-1))
	add(135, surf(i-2).mix(surf(i-1)))
	add(136, surf(j))
	add(137, surf(j).mix(surf(j+1)))
	add(138, surf(i-1).mix(surf(j)))
	add(139, x.lexKindHash(head).span)
	if j < len(toks) {
		add(140, x.lexKindHash(&toks[j]).span)
		add(141, x.posHash(toks[j].pos).top)
	}
	if i > 0 {
		add(142, x.lexKindHash(&toks[i-1]).span)
		add(143, x.posHash(toks[i-1].pos).top)
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
			return x.tokenCluster(s, k)
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
	if nh := x.nameHits(s); nh != nil {
		// The name dictionary: the span's kinds as a whole and one by one, its head's kinds,
		// and whether the span is a listed run of tokens.
		kinds := x.spanKinds(s, i, j)
		add(151, fhash(kinds))
		add(152, fhash(nh[j-1].own))
		exact := byte('n')
		if nh[i].begin && (j == len(toks) || nh[j].begin || nh[j].run == 0) && nh[j-1].run == nh[i].run {
			exact = 'y'
		}
		add(153, tmpl(exact).mix(fhash(nh[i].run)))
		for k := range ndKinds {
			if kinds&(1<<k) != 0 {
				add(154, fhash(k))
			}
		}
	}
	// The predicate the span is an argument of: the particle after it with the first verb
	// (or verbal noun before する) that follows in the clause, and the predicate alone.
	if pred := predicateAfter(toks, j); pred != "" {
		part := tmpl(0)
		if j < len(toks) && toks[j].particle() {
			part = tmpl(1).str(toks[j].surf)
		}
		add(155, part.str(pred))
		add(156, tmpl(0).str(pred))
	}
	return out
}

// appendSentenceFeatures appends the features of the sentence a name is in, the same for every
// span of it: its common nouns (選手, 試合, 放送, 寺, …), its verbs and the subcategories
// (person, organization, place) of its proper nouns, which say what the sentence is about.
func appendSentenceFeatures(out []uint64, s *sentence) []uint64 {
	for k := range s.toks {
		t := &s.toks[k]
		switch {
		case t.pos[0] == "名詞" && (t.pos[1] == "一般" || t.pos[1] == "サ変接続"):
			out = append(out, uint64(tmpl(157).mix(tmpl(1).str(t.surf))))
		case t.proper():
			out = append(out, uint64(tmpl(159).mix(tmpl(1).str(t.pos[2]))))
		case t.verb() && t.pos[1] == "自立":
			out = append(out, uint64(tmpl(158).mix(tmpl(1).str(t.base))))
		}
	}
	return out
}

// sentenceTypeRow returns the sum of the typer's rows of the sentence's features
// (appendSentenceFeatures), worked out once per sentence and added to the scores of each of its
// spans.
func (x *Extractor) sentenceTypeRow(s *sentence, buf *[]uint64) *[typerCols]int32 {
	if !s.typSentOK {
		s.typSent = [typerCols]int32{}
		*buf = appendSentenceFeatures((*buf)[:0], s)
		for _, f := range *buf {
			if row := x.typer.w.get(f); row != nil {
				for t, v := range row {
					s.typSent[t] += int32(v)
				}
			}
		}
		s.typSentOK = true
	}
	return &s.typSent
}

// predicateAfter returns the base form of the first predicate after token j in its sentence:
// a verb, or a verbal noun followed by する, within twelve tokens; "" when there is none.
func predicateAfter(toks []token, j int) string {
	for k := j; k < len(toks) && k < j+12; k++ {
		t := &toks[k]
		if t.surf == "。" {
			return ""
		}
		if t.verb() && t.pos[1] == "自立" {
			return t.base
		}
		if t.pos[0] == "名詞" && t.pos[1] == "サ変接続" && k+1 < len(toks) && toks[k+1].verb() && toks[k+1].base == "する" {
			return t.surf
		}
	}
	return ""
}

// tokenCluster returns the fine cluster plus one of token k of s, or 0 for a word in no
// cluster, looked up once per sentence and token: the typer and the boundary chooser read the
// clusters of the same tokens for every span they weigh.
func (x *Extractor) tokenCluster(s *sentence, k int) fhash {
	if s.clus == nil {
		s.clus = make([]fhash, len(s.toks))
	}
	if s.clus[k] == 0 { // not looked up yet; a looked-up cluster is stored plus one more
		s.clus[k] = 1
		if c, ok := x.clusters[s.toks[k].surf]; ok {
			s.clus[k] = fhash(c[0]) + 2
		}
	}
	return s.clus[k] - 1
}

// typeScores returns the typer's score of each training-data type for tokens [i, j).
func (x *Extractor) typeScores(s *sentence, i, j int) [len(nerTypes)]float32 {
	var buf []uint64
	return x.typeScoresBuf(&buf, s, i, j)
}

// typeScoresBuf is typeScores with the memory for the features in *buf, reused across spans.
func (x *Extractor) typeScoresBuf(buf *[]uint64, s *sentence, i, j int) [len(nerTypes)]float32 {
	var acc [len(nerTypes)]int32
	copy(acc[:], x.sentenceTypeRow(s, buf)[:])
	*buf = x.appendSpanFeatures((*buf)[:0], s, i, j)
	for _, f := range *buf {
		if row := x.typer.w.get(f); row != nil {
			for t, v := range row[:len(nerTypes)] {
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

// appendBoundFeatures appends the features the boundary chooser reads besides the span's
// (appendSpanFeatures): the words, parts of speech and scripts on either side of each edge.
func appendBoundFeatures(out []uint64, s *sentence, i, j int) []uint64 {
	toks := s.toks
	add := func(id byte, h fhash) { out = append(out, uint64(tmpl(id).mix(h))) }
	surf := func(k int) fhash {
		if k < 0 || k >= len(toks) {
			return tmpl(220)
		}
		return tmpl(1).str(toks[k].surf)
	}
	pos := func(k int) fhash {
		if k < 0 || k >= len(toks) {
			return tmpl(220)
		}
		return tmpl(2).str(toks[k].pos[0]).str(toks[k].pos[1])
	}
	cls := func(k int) fhash {
		if k < 0 || k >= len(toks) {
			return tmpl(220)
		}
		return fhash(toks[k].cls) + 1
	}
	add(160, surf(i-1).mix(surf(i)))
	add(161, surf(j-1).mix(surf(j)))
	add(162, pos(i-1).mix(pos(i)))
	add(163, pos(j-1).mix(pos(j)))
	add(164, cls(i-1).mix(cls(i)))
	add(165, cls(j-1).mix(cls(j)))
	add(166, pos(i-1).mix(surf(i)))
	add(167, surf(j-1).mix(pos(j)))
	return out
}

// boundCandidates appends to out the spans the boundary chooser weighs for the tagger's span
// [i, j): that span and those whose edges lie one token off, within [lo, hi) and with a
// nameable token at either end.
func boundCandidates(out [][2]int, toks []token, i, j, lo, hi int) [][2]int {
	for a := max(i-1, lo); a <= i+1; a++ {
		for b := j - 1; b <= min(j+1, hi); b++ {
			if a >= b {
				continue
			}
			if (a != i || b != j) && (!nameable(&toks[a]) || !nameable(&toks[b-1])) {
				continue
			}
			out = append(out, [2]int{a, b})
		}
	}
	return out
}

// boundModelWeight is the weight of the sequence model's score of a candidate span against
// the boundary chooser's, chosen by cross-validation on the training data.
const boundModelWeight = 0.3

// boundPrune: a candidate whose weighted model score falls this far below the best
// candidate's is not weighed by the chooser, which then reads the features of about half as
// many spans. Under cross-validation on the training data 15 and no limit choose alike, 8
// already loses names.
const boundPrune = 15

// modelSpanScore is the sequence model's emission score of tokens [a, b) as one name (of its
// best type), with the other tokens of [lo, hi) outside names. Transitions are left out.
func modelSpanScore(emit [][nLabels]float32, a, b, lo, hi int) float32 {
	best := float32(math.Inf(-1))
	for t := range nerTypes {
		v := emit[a][labelB(t)]
		for k := a + 1; k < b; k++ {
			v += emit[k][labelI(t)]
		}
		best = max(best, v)
	}
	for k := lo; k < hi; k++ {
		if k < a || k >= b {
			best += emit[k][0]
		}
	}
	return best
}

// chooseBounds returns the span the boundary chooser prefers among the tagger's span [i, j)
// and its neighbours within [lo, hi) (boundCandidates), and the typer's scores of it. The
// chooser, trained to tell a gold name from the spans one token off it, and the tagger's own
// scores are added: the tagger decides token by token, the chooser sees the whole span and
// both of its edges (…センター裏, 株式会社 before a name).
func (x *Extractor) chooseBounds(s *sentence, sc *nerScratch, i, j, lo, hi int) (int, int, [len(nerTypes)]float32) {
	// A span that is a gazetteer name is kept as it is: the chooser, which weighs the words on
	// either side, would now and then take a country with the common noun after it (a
	// country's market, its trade) for one name.
	if slices.ContainsFunc(s.gazMatches(x), func(m gazMatch) bool { return m.i == i && m.j == j }) {
		return i, j, x.typeScoresBuf(&sc.span, s, i, j)
	}
	sc.cands = boundCandidates(sc.cands[:0], s.toks, i, j, lo, hi)
	if len(sc.cands) == 1 {
		return i, j, x.typeScoresBuf(&sc.span, s, i, j)
	}
	wlo, whi := max(i-1, 0), min(j+1, len(s.toks))
	bi, bj := i, j
	best := float32(math.Inf(-1))
	var types [len(nerTypes)]float32
	sent := x.sentenceTypeRow(s, &sc.span)
	var ms [9]float32 // boundCandidates gives at most 9
	top := float32(math.Inf(-1))
	for k, c := range sc.cands {
		ms[k] = boundModelWeight * modelSpanScore(sc.emit, c[0], c[1], wlo, whi)
		top = max(top, ms[k])
	}
	for k, c := range sc.cands {
		if top-ms[k] > boundPrune {
			continue
		}
		sc.span = appendBoundFeatures(x.appendSpanFeatures(sc.span[:0], s, c[0], c[1]), s, c[0], c[1])
		var acc [typerCols]int32
		for _, f := range sc.span {
			if row := x.typer.w.get(f); row != nil {
				for t, v := range row {
					acc[t] += int32(v)
				}
			}
		}
		v := float32(acc[boundCol])*x.typer.bscale + ms[k]
		if v > best {
			best, bi, bj = v, c[0], c[1]
			for t := range types {
				types[t] = float32(acc[t]+sent[t]) * x.typer.scale
			}
		}
	}
	return bi, bj, types
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

// retype returns the type of the model's span [i, j) whose typer scores are ts: the sequence
// model's and the span typer's scores combined.
func retype(emit [][nLabels]float32, i, j int, ts [len(nerTypes)]float32) int {
	ms := spanTypeScores(emit, i, j)
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

// Typer file: gzip of "KGTYP2", the type count, the type weights' scale, the boundary
// weights' scale, the feature count, then per feature its hash, one int8 weight per type and
// its int8 boundary weight.
const typerMagic = "KGTYP2"

func readSpanTyper(r io.Reader) (*spanTyper, error) {
	br, err := openModel(r, typerMagic, "span typer")
	if err != nil {
		return nil, err
	}
	get := func(v any) error { return binary.Read(br, binary.LittleEndian, v) }
	var nt uint8
	var n uint32
	t := &spanTyper{}
	if err := errors.Join(get(&nt), get(&t.scale), get(&t.bscale), get(&n)); err != nil || int(nt) != len(nerTypes) {
		return nil, fmt.Errorf("span typer: bad header")
	}
	t.w = newTyperTable(int(n))
	for i := 0; i < int(n); i++ {
		var key uint64
		var row [typerCols]int8
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
	train = x.augment(train, opts.Augment, opts.Seed)
	const nt = len(nerTypes)
	type item struct {
		feats []uint64
		t     int
	}
	var groups []boundGroup
	load := func(exs []NERExample, grouped bool) ([]item, error) {
		var out []item
		for k, ex := range exs {
			n := normalize(ex.Text)
			s := x.analyze(&n, 0, 0, len(n.runes))
			spans, err := goldSpans(&n, &s, ex)
			if err != nil {
				return nil, fmt.Errorf("typer: example %d: %w", k, err)
			}
			for _, sp := range spans {
				out = append(out, item{appendSentenceFeatures(x.spanFeatures(&s, sp[0], sp[1]), &s), sp[2]})
				if grouped {
					groups = append(groups, x.boundGroup(&s, sp[0], sp[1]))
				}
			}
		}
		return out, nil
	}
	data, err := load(train, true)
	if err != nil {
		return err
	}
	dev, err := load(opts.Dev, false)
	if err != nil {
		return err
	}
	counts := map[uint64]int{}
	for _, it := range data {
		for _, f := range it.feats {
			counts[f]++
		}
	}
	bags := max(opts.Bags, 1)
	avgW := map[uint64]*[nt]float32{} // the averaged weights, averaged over the bags
	for bag := range bags {
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
		rng := rand.New(rand.NewPCG(opts.Seed+uint64(bag), 0x7479))
		drop := rand.New(rand.NewPCG(opts.Seed+uint64(bag), 0x6470))
		var kept []uint64 // the name's features but those dropped (TrainOptions.TyperDropout)
		order := make([]int, len(data))
		for i := range order {
			order[i] = i
		}
		for epoch := 1; epoch <= opts.Epochs; epoch++ {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			wrong := 0
			for _, k := range order {
				it := data[k]
				if opts.TyperDropout > 0 {
					kept = kept[:0]
					for _, f := range it.feats {
						if drop.Float64() >= opts.TyperDropout {
							kept = append(kept, f)
						}
					}
					it.feats = kept
				}
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
		for k, r := range wt {
			a := avgW[k]
			if a == nil {
				a = &[nt]float32{}
				avgW[k] = a
			}
			for t := range nt {
				a[t] += (r[0][t] - r[1][t]/c) / float32(bags)
			}
		}
	}
	// The chooser's features, as the typer's, are kept when seen MinCount times among the
	// candidates.
	bc := map[uint64]int{}
	for _, g := range groups {
		for _, fs := range g.feats {
			for _, f := range fs {
				bc[f]++
			}
		}
	}
	for _, g := range groups {
		for k, fs := range g.feats {
			g.feats[k] = slices.DeleteFunc(fs, func(f uint64) bool { return bc[f] < opts.MinCount })
		}
	}
	bounds := trainBounds(groups, boundEpochs, logf)
	// Quantise the averaged weights to int8 and write them in key order.
	var maxAbs, maxBound float32
	keys := make([]uint64, 0, len(avgW)+len(bounds))
	for k, r := range avgW {
		keys = append(keys, k)
		for t := range nt {
			maxAbs = max(maxAbs, float32(math.Abs(float64(r[t]))))
		}
	}
	for k, v := range bounds {
		if avgW[k] == nil {
			keys = append(keys, k)
		}
		maxBound = max(maxBound, float32(math.Abs(float64(v))))
	}
	slices.SortFunc(keys, cmp.Compare)
	scale, bscale := maxAbs/127, maxBound/127
	if scale == 0 {
		scale = 1
	}
	if bscale == 0 {
		bscale = 1
	}
	type row struct {
		key uint64
		w   [typerCols]int8
	}
	var rows []row
	for _, k := range keys {
		var q [typerCols]int8
		if r := avgW[k]; r != nil {
			for t := range nt {
				q[t] = int8(math.Round(float64(r[t] / scale)))
			}
		}
		q[boundCol] = int8(math.Round(float64(bounds[k] / bscale)))
		if q != ([typerCols]int8{}) {
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
	put(bscale)
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

// boundGroup is a gold name's candidate spans (boundCandidates) as the boundary chooser's
// features, and which of them is the name.
type boundGroup struct {
	feats [][]uint64
	gold  int
}

// boundGroup returns the candidate group of the gold name over tokens [i, j) of s.
func (x *Extractor) boundGroup(s *sentence, i, j int) boundGroup {
	g := boundGroup{gold: -1}
	for _, c := range boundCandidates(nil, s.toks, i, j, 0, len(s.toks)) {
		if c == [2]int{i, j} {
			g.gold = len(g.feats)
		}
		g.feats = append(g.feats, appendBoundFeatures(x.appendSpanFeatures(nil, s, c[0], c[1]), s, c[0], c[1]))
	}
	return g
}

// boundEpochs is the boundary chooser's number of passes over the training names: under
// cross-validation on the training data 3, 6 and 12 did about the same, and fewer passes keep
// fewer features.
const boundEpochs = 6

// trainBounds trains the boundary chooser with the averaged ranking perceptron, in the order of
// the training data: in each group the gold name must outscore the spans one token off it. It
// returns the averaged weights.
func trainBounds(groups []boundGroup, epochs int, logf func(string, ...any)) map[uint64]float32 {
	type acc struct{ w, sum float32 }
	wt := map[uint64]*acc{}
	c := float32(1)
	score := func(fs []uint64) float32 {
		var v float32
		for _, f := range fs {
			if a := wt[f]; a != nil {
				v += a.w
			}
		}
		return v
	}
	update := func(fs []uint64, d float32) {
		for _, f := range fs {
			a := wt[f]
			if a == nil {
				a = &acc{}
				wt[f] = a
			}
			a.w += d
			a.sum += d * c
		}
	}
	for epoch := 1; epoch <= epochs; epoch++ {
		wrong := 0
		for _, g := range groups {
			best, bv := 0, float32(math.Inf(-1))
			for k, fs := range g.feats {
				if v := score(fs); v > bv {
					best, bv = k, v
				}
			}
			if best != g.gold {
				wrong++
				update(g.feats[g.gold], 1)
				update(g.feats[best], -1)
			}
			c++
		}
		logf("bounds epoch %d: %d of %d names outscored", epoch, wrong, len(groups))
	}
	out := make(map[uint64]float32, len(wt))
	for f, a := range wt {
		if v := a.w - a.sum/c; v != 0 {
			out[f] = v
		}
	}
	return out
}
