package extract

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// NER types of the training data (stockmark ner-wikipedia) and the ontology types they map to.
var nerTypes = [...]string{"人名", "法人名", "政治的組織名", "その他の組織名", "地名", "施設名", "製品名", "イベント名"}

func nerOntologyType(t int) string {
	switch nerTypes[t] {
	case "人名":
		return Person
	case "法人名":
		return Firm
	case "政治的組織名", "その他の組織名":
		return Organization
	case "地名", "施設名":
		return Location
	case "製品名":
		return Product
	case "イベント名":
		return Event
	}
	return ""
}

// NERTypeIndex returns the index of a training-data type name, or -1.
func NERTypeIndex(name string) int {
	for i, t := range nerTypes {
		if t == name {
			return i
		}
	}
	return -1
}

// Labels: 0 is O; for type t, 1+2t is B (begins a name) and 2+2t is I (inside it).
const nLabels = 1 + 2*len(nerTypes)

// score adds the first 16 labels eight bytes at a time and the 17th on its own.
var _ = [1]int{}[nLabels-17]

func labelB(t int) int { return 1 + 2*t }
func labelI(t int) int { return 2 + 2*t }
func labelType(l int) int {
	if l == 0 {
		return -1
	}
	return (l - 1) / 2
}

// labelPart is 'O', 'B' or 'I'.
func labelPart(l int) byte {
	if l == 0 {
		return 'O'
	}
	return "BI"[(l-1)%2]
}

// allowed reports whether label b may follow label a; a is nLabels for the sentence start.
func allowed(a, b int) bool {
	if labelPart(b) != 'I' {
		return true
	}
	return a < nLabels && a != 0 && labelType(a) == labelType(b)
}

// goldLabels writes the labels of a name over tokens [i, j).
func goldLabels(labels []int, i, j, t int) {
	labels[i] = labelB(t)
	for k := i + 1; k < j; k++ {
		labels[k] = labelI(t)
	}
}

// nerModel is a linear sequence labeller over tokens: feature weights per label and label
// transition weights, decoded with Viterbi.
type nerModel struct {
	index   map[uint64]int32              // feature hash -> row, while training and writing
	counts  map[uint64]int                // feature hash -> times seen in training, for writing
	weights []float32                     // rows of nLabels, while training and writing
	trans   [nLabels + 1][nLabels]float32 // [prev][cur]; prev nLabels is the start

	table featureTable // the weights for tagging
	ob    *obTrans     // trans into O and the Bs, made when the model is read; nil while training
}

// featureTable is an open-addressing hash table from feature hashes to dense weight rows. The
// slots hold only a key and a row number (8 bytes), and the rows nLabels bytes each, so that
// the whole table of a model stays small enough for the processor's caches: a lookup was the
// tagger's largest cost when slots held their rows inline. Slots may share a row (compact). A weight w is stored as the byte
// w+128, so that score can add eight weights at a time in the 16-bit lanes of two uint64s.
type featureTable struct {
	slots []slot
	rows  [][nLabels]byte // biased weights
	scale float32
	mask  uint64
	shift uint
}

type slot struct {
	key uint32 // high half of the feature hash; 0 marks an empty slot
	row uint32 // the row's index in rows
}

const weightBias = 128

func newFeatureTable(n int) featureTable {
	size, bits := 1, uint(0)
	for size*3 < n*4 { // load factor ≤ 0.75
		size <<= 1
		bits++
	}
	return featureTable{slots: make([]slot, size), rows: make([][nLabels]byte, 0, n), mask: uint64(size - 1), shift: 64 - bits}
}

// keyOf splits a feature hash into the slot to start at and the key stored there.
func (t *featureTable) keyOf(h uint64) (uint64, uint32) {
	k := uint32(h >> 32)
	if k == 0 {
		k = 1
	}
	return (h * 0x9E3779B97F4A7C15) >> t.shift, k
}

// put sets the row of feature h from (label<<8 | uint8(weight)) pairs; a feature put again
// (or whose key is another's) has its row replaced.
func (t *featureTable) put(h uint64, pairs []uint16) {
	i, k := t.keyOf(h)
	for ; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.key == 0 {
			s.key, s.row = k, uint32(len(t.rows))
			t.rows = append(t.rows, [nLabels]byte{})
		} else if s.key != k {
			continue
		}
		row := &t.rows[s.row]
		for l := range row {
			row[l] = weightBias
		}
		for _, p := range pairs {
			row[int(p>>8)%nLabels] = byte(int(int8(uint8(p))) + weightBias)
		}
		return
	}
}

// compact keeps one copy of equal rows (a third of a model's rows repeat another), for fewer
// cache misses when reading them. The rows keep the order they were put in: a model file lists
// its features from the most frequent in training, so the rows most lookups read share a few
// cache lines at the start.
func (t *featureTable) compact() {
	index := map[[nLabels]byte]uint32{}
	var rows [][nLabels]byte
	to := make([]uint32, len(t.rows))
	for i, row := range t.rows {
		r, ok := index[row]
		if !ok {
			r = uint32(len(rows))
			index[row] = r
			rows = append(rows, row)
		}
		to[i] = r
	}
	for i := range t.slots {
		if s := &t.slots[i]; s.key != 0 {
			s.row = to[s.row]
		}
	}
	t.rows = slices.Clip(rows)
}

// get returns the index in rows of the row of feature h, or -1.
func (t *featureTable) get(h uint64) int32 {
	i, k := t.keyOf(h)
	for ; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		switch s.key {
		case k:
			return int32(s.row)
		case 0:
			return -1
		}
	}
}

// score adds the weights of the features into s. The sums are exact integers: the 16 first
// labels are added in the 16-bit lanes of four uint64s (even and odd bytes of each half of a
// row), which hold the biased sums of up to 256 rows without carrying into each other.
func (m *nerModel) score(feats []uint64, s *[nLabels]float32) {
	const lanes = 0x00FF00FF00FF00FF
	var acc [nLabels]int32
	t := &m.table
	// The indexes of a chunk's rows; a token has fewer than 64 features, and one chunk's sums
	// could hold 256 rows.
	var idx [64]int32
	for len(feats) > 0 {
		chunk := feats[:min(len(feats), len(idx))]
		feats = feats[len(chunk):]
		var lo0, lo1, hi0, hi1 uint64
		var last int32
		// The rows are found first and read after: the lookups do not wait on each other's
		// cache misses. A feature without a row (-1) is overwritten by the next.
		nh := 0
		for _, f := range chunk {
			r := t.get(f)
			idx[nh&63] = r
			nh += int(uint32(^r) >> 31)
		}
		for _, r := range idx[:nh] {
			row := &t.rows[r]
			lo := binary.LittleEndian.Uint64(row[0:8])
			hi := binary.LittleEndian.Uint64(row[8:16])
			lo0 += lo & lanes
			lo1 += (lo >> 8) & lanes
			hi0 += hi & lanes
			hi1 += (hi >> 8) & lanes
			last += int32(row[16])
		}
		bias := int32(nh) * weightBias
		for k := 0; k < 4; k++ {
			sh := 16 * k
			acc[2*k] += int32(uint16(lo0>>sh)) - bias
			acc[2*k+1] += int32(uint16(lo1>>sh)) - bias
			acc[8+2*k] += int32(uint16(hi0>>sh)) - bias
			acc[8+2*k+1] += int32(uint16(hi1>>sh)) - bias
		}
		acc[16] += last - bias
	}
	for l, v := range acc {
		s[l] += float32(v) * t.scale
	}
}

// nOB is the number of labels any label may precede: O and the Bs.
const nOB = 1 + len(nerTypes)

// obTrans holds the transitions from each label into O and the Bs, contiguous for decodeInto's
// inner loop (its nine running maxima do not wait on each other), the largest of them and the
// least from each label; and per type the transitions into I-X, from B-X and from I-X.
type obTrans struct {
	into   [nLabels][nOB]float32
	max    float32
	min    [nLabels]float32
	bi, ii [len(nerTypes)]float32
	none   [nOB]float32 // all -Inf
}

// obTransitions returns the transitions of m into O and the Bs.
func (m *nerModel) obTransitions() *obTrans {
	ob := &obTrans{max: float32(math.Inf(-1))}
	for p := 0; p < nLabels; p++ {
		ob.into[p][0] = m.trans[p][0]
		for t := range nerTypes {
			ob.into[p][1+t] = m.trans[p][labelB(t)]
		}
		ob.min[p] = float32(math.Inf(1))
		for _, t := range &ob.into[p] {
			ob.max = max(ob.max, t)
			ob.min[p] = min(ob.min[p], t)
		}
	}
	for j := range ob.none {
		ob.none[j] = float32(math.Inf(-1))
	}
	for t := range nerTypes {
		ob.bi[t] = m.trans[labelB(t)][labelI(t)]
		ob.ii[t] = m.trans[labelI(t)][labelI(t)]
	}
	return ob
}

// decode returns the best label sequence for the per-position emission scores. Only allowed
// transitions are tried: I-X follows B-X or I-X.
func (m *nerModel) decode(emit [][nLabels]float32) []int {
	return m.decodeInto(emit, make([][nLabels]int8, len(emit)), make([]int, len(emit)))
}

// decodeInto is decode with the memory it needs: back and out as long as emit. It returns out.
func (m *nerModel) decodeInto(emit [][nLabels]float32, back [][nLabels]int8, out []int) []int {
	n := len(emit)
	if n == 0 {
		return nil
	}
	inf := float32(math.Inf(-1))
	var prev, cur [nLabels]float32
	// top and pm are the best score of prev and its label, the first of equals.
	top, pm := inf, 0
	for l := 0; l < nLabels; l++ {
		prev[l] = inf
		if allowed(nLabels, l) {
			prev[l] = emit[0][l] + m.trans[nLabels][l]
		}
		if prev[l] > top {
			top, pm = prev[l], l
		}
	}
	ob := m.ob
	if ob == nil {
		ob = m.obTransitions()
	}
	intoOB, maxInto := &ob.into, ob.max
	back = back[:n]
	for i := 1; i < n; i++ {
		e, bk := &emit[i], &back[i]
		// O and B-X: the best of all labels before, the first of equals. Only a few labels
		// can be it: a label whose score plus the largest transition falls below what the
		// best label before reaches (floor, with the least of its own transitions into O and
		// the Bs: float addition is monotonic, so that is the least of its sums) is never
		// chosen. Leaving such labels out changes nothing, ties included, and spares most of
		// the work.
		floor := top + ob.min[pm]
		var cand [nLabels]int8
		nc := 0
		for p, v := range prev {
			if !(v+maxInto < floor) {
				cand[nc] = int8(p)
				nc++
			}
		}
		best := ob.none
		var arg [nOB]int8
		for _, p8 := range cand[:nc] {
			p := int(p8)
			pv, tr := prev[p], &intoOB[p]
			for j := 0; j < nOB; j++ {
				if v := pv + tr[j]; v > best[j] {
					best[j], arg[j] = v, int8(p)
				}
			}
		}
		// The labels are written in their order, and top and pm follow for the next position.
		cur[0], bk[0] = best[0]+e[0], arg[0]
		top, pm = cur[0], 0
		for t := range len(nerTypes) {
			// B-X and I-X: labels b and b+1, read as pairs.
			b := 1 + 2*t
			c, p, ee, k := (*[2]float32)(cur[b:b+2]), (*[2]float32)(prev[b:b+2]), (*[2]float32)(e[b:b+2]), (*[2]int8)(bk[b:b+2])
			c[0], k[0] = best[1+t]+ee[0], arg[1+t]
			if c[0] > top {
				top, pm = c[0], b
			}
			// I-X follows B-X or I-X.
			v, a := p[0]+ob.bi[t], int8(b)
			if w := p[1] + ob.ii[t]; w > v {
				v, a = w, int8(b+1)
			}
			c[1], k[1] = v+ee[1], a
			if c[1] > top {
				top, pm = c[1], b+1
			}
		}
		prev = cur
	}
	best, arg := inf, 0
	for l := 0; l < nLabels; l++ {
		if prev[l] > best {
			best, arg = prev[l], l
		}
	}
	out[n-1] = arg
	for i := n - 1; i > 0; i-- {
		out[i-1] = int(back[i][out[i]])
	}
	return out
}

// Model file: gzip of "KGNER3", the label count, the weight scale, the float32 transitions, then
// per feature its hash, the number of non-zero labels and (label, int8 weight) pairs; features
// from the most frequent in training.
const nerMagic = "KGNER3"

func (m *nerModel) write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	var maxAbs float32
	for _, v := range m.weights {
		maxAbs = max(maxAbs, float32(math.Abs(float64(v))))
	}
	scale := maxAbs / 127
	if scale == 0 {
		scale = 1
	}
	q := func(v float32) int8 { return int8(math.Round(float64(v / scale))) }
	put := func(v any) { binary.Write(bw, binary.LittleEndian, v) }
	bw.WriteString(nerMagic)
	put(uint8(nLabels))
	put(scale)
	for _, row := range m.trans {
		put(row[:]) // transitions keep full precision
	}
	type entry struct {
		key uint64
		row int32
	}
	var rows []entry
	for k, r := range m.index {
		rows = append(rows, entry{k, r})
	}
	// The most frequent features in training first (see compact); a stable order makes the
	// file reproducible.
	slices.SortFunc(rows, func(a, b entry) int {
		return cmp.Or(cmp.Compare(m.counts[b.key], m.counts[a.key]), cmp.Compare(a.key, b.key))
	})
	nonZero := func(row []float32) int {
		n := 0
		for _, v := range row {
			if q(v) != 0 {
				n++
			}
		}
		return n
	}
	var kept uint32
	for _, e := range rows {
		if nonZero(m.weights[int(e.row)*nLabels:int(e.row+1)*nLabels]) > 0 {
			kept++
		}
	}
	put(kept)
	for _, e := range rows {
		row := m.weights[int(e.row)*nLabels : int(e.row+1)*nLabels]
		n := nonZero(row)
		if n == 0 {
			continue
		}
		put(e.key)
		put(uint8(n))
		for l, v := range row {
			if qv := q(v); qv != 0 {
				put(uint8(l))
				put(qv)
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// openModel reads a gzipped model file whose content starts with magic, and returns the rest;
// what names the model in errors.
func openModel(r io.Reader, magic, what string) (*bytes.Reader, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if !bytes.HasPrefix(b, []byte(magic)) {
		return nil, fmt.Errorf("%s: not a kg %s", what, what)
	}
	return bytes.NewReader(b[len(magic):]), nil
}

func readNERModel(r io.Reader) (*nerModel, error) {
	br, err := openModel(r, nerMagic, "ner model")
	if err != nil {
		return nil, err
	}
	get := func(v any) error { return binary.Read(br, binary.LittleEndian, v) }
	var nl uint8
	var scale float32
	if err := errors.Join(get(&nl), get(&scale)); err != nil || int(nl) != nLabels {
		return nil, fmt.Errorf("ner model: %d labels, want %d", nl, nLabels)
	}
	m := &nerModel{}
	for p := range m.trans {
		if err := get(m.trans[p][:]); err != nil {
			return nil, fmt.Errorf("ner model: %w", err)
		}
	}
	var n uint32
	if err := get(&n); err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	m.table = newFeatureTable(int(n))
	m.table.scale = scale
	pairs := make([]uint16, 0, nLabels)
	for i := 0; i < int(n); i++ {
		var key uint64
		var cnt uint8
		if err := errors.Join(get(&key), get(&cnt)); err != nil {
			return nil, fmt.Errorf("ner model: %w", err)
		}
		pairs = pairs[:0]
		for j := 0; j < int(cnt); j++ {
			var l uint8
			var v int8
			if err := errors.Join(get(&l), get(&v)); err != nil || int(l) >= nLabels {
				return nil, fmt.Errorf("ner model: bad feature %d", i)
			}
			pairs = append(pairs, uint16(l)<<8|uint16(uint8(v)))
		}
		m.table.put(key, pairs)
	}
	m.table.compact()
	m.ob = m.obTransitions()
	return m, nil
}

// nerSpan is a typed span found by the model: tokens [i, j) of a sentence.
type nerSpan struct {
	i, j int
	typ  string
}

// nerScratch is the working memory of nerSpans, reused from sentence to sentence through
// Extractor.scratch: tagging allocated more than anything else when it was made afresh.
type nerScratch struct {
	sf     sentFeats
	feats  []uint64
	emit   [][nLabels]float32
	back   [][nLabels]int8
	labels []int
	span   []uint64   // the span typer's features
	cands  [][2]int   // the boundary chooser's candidate spans
	lat    latScratch // analyze's lattice
}

// nerSpans tags a sentence with the model.
func (x *Extractor) nerSpans(s *sentence) []nerSpan {
	if x.ner == nil || len(s.toks) == 0 {
		return nil
	}
	sc, _ := x.scratch.Get().(*nerScratch)
	if sc == nil {
		sc = new(nerScratch)
	}
	defer x.scratch.Put(sc)
	x.sentFeatures(s, &sc.sf)
	n := len(s.toks)
	sc.emit = slices.Grow(sc.emit[:0], n)[:n]
	clear(sc.emit)
	for i := range n {
		sc.feats = sc.sf.appendFeatures(sc.feats[:0], s, i)
		x.ner.score(sc.feats, &sc.emit[i])
	}
	sc.back = slices.Grow(sc.back[:0], n)[:n]
	sc.labels = slices.Grow(sc.labels[:0], n)[:n]
	labels := x.ner.decodeInto(sc.emit, sc.back, sc.labels)
	// The spans of the labels, left to right, as spansOf finds them; with the typer, their
	// edges chosen again (chooseBounds), never over the span before or the next span's start.
	var out []nerSpan
	prevEnd := 0
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
		next := j
		if x.typer != nil {
			for next < len(labels) && labelPart(labels[next]) != 'B' {
				next++
			}
			a, b, ts := x.chooseBounds(s, sc, i, j, prevEnd, next)
			out = append(out, nerSpan{i: a, j: b, typ: nerOntologyType(retype(sc.emit, a, b, ts))})
			prevEnd = b
		} else {
			out = append(out, nerSpan{i: i, j: j, typ: nerOntologyType(t)})
		}
		i = j
	}
	return out
}
