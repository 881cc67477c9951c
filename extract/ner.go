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
	weights []float32                     // rows of nLabels, while training and writing
	trans   [nLabels + 1][nLabels]float32 // [prev][cur]; prev nLabels is the start

	table featureTable // the weights for tagging
}

// featureTable is an open-addressing hash table from feature hashes to sparse int8 weight
// rows. A slot holds its key and up to slotPairs (label, weight) pairs inline, so that a lookup
// is one cache line; longer rows continue in overflow.
type featureTable struct {
	slots    []slot
	overflow []uint16 // label<<8 | uint8(weight)
	scale    float32
	mask     uint64
	shift    uint
}

const slotPairs = 12

type slot struct {
	key   uint32 // high half of the feature hash; 0 marks an empty slot
	n     uint8  // pairs in the row
	off   uint32 // where pairs beyond slotPairs continue in overflow
	pairs [slotPairs]uint16
}

func newFeatureTable(n int) featureTable {
	size, bits := 1, uint(0)
	for size*3 < n*4 { // load factor ≤ 0.75
		size <<= 1
		bits++
	}
	size <<= 1
	bits++
	return featureTable{slots: make([]slot, size), mask: uint64(size - 1), shift: 64 - bits}
}

// keyOf splits a feature hash into the slot to start at and the key stored there.
func (t *featureTable) keyOf(h uint64) (uint64, uint32) {
	k := uint32(h >> 32)
	if k == 0 {
		k = 1
	}
	return (h * 0x9E3779B97F4A7C15) >> t.shift, k
}

func (t *featureTable) put(h uint64, pairs []uint16) {
	i, k := t.keyOf(h)
	for ; ; i = (i + 1) & t.mask {
		if s := &t.slots[i]; s.key == 0 || s.key == k {
			s.key, s.n = k, uint8(len(pairs))
			copy(s.pairs[:], pairs)
			if len(pairs) > slotPairs {
				s.off = uint32(len(t.overflow))
				t.overflow = append(t.overflow, pairs[slotPairs:]...)
			}
			return
		}
	}
}

func (t *featureTable) get(h uint64) *slot {
	i, k := t.keyOf(h)
	for ; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		switch s.key {
		case k:
			return s
		case 0:
			return nil
		}
	}
}

// score adds the weights of the features into s.
func (m *nerModel) score(feats []uint64, s *[nLabels]float32) {
	var acc [nLabels]int32
	t := &m.table
	for _, f := range feats {
		sl := t.get(f)
		if sl == nil {
			continue
		}
		n := int(sl.n)
		for _, p := range sl.pairs[:min(n, slotPairs)] {
			acc[int(p>>8)%nLabels] += int32(int8(uint8(p)))
		}
		if n > slotPairs {
			for _, p := range t.overflow[sl.off : int(sl.off)+n-slotPairs] {
				acc[int(p>>8)%nLabels] += int32(int8(uint8(p)))
			}
		}
	}
	for l, v := range acc {
		s[l] += float32(v) * t.scale
	}
}

// decode returns the best label sequence for the per-position emission scores. Only allowed
// transitions are tried: I-X follows B-X or I-X.
func (m *nerModel) decode(emit [][nLabels]float32) []int {
	n := len(emit)
	if n == 0 {
		return nil
	}
	inf := float32(math.Inf(-1))
	back := make([][nLabels]int8, n)
	var prev, cur [nLabels]float32
	for l := 0; l < nLabels; l++ {
		prev[l] = inf
		if allowed(nLabels, l) {
			prev[l] = emit[0][l] + m.trans[nLabels][l]
		}
	}
	for i := 1; i < n; i++ {
		for l := 0; l < nLabels; l++ {
			best, arg := inf, 0
			if labelPart(l) == 'I' {
				b := l - 1 // B of the same type
				best, arg = prev[b]+m.trans[b][l], b
				if v := prev[l] + m.trans[l][l]; v > best {
					best, arg = v, l
				}
			} else {
				for p := 0; p < nLabels; p++ {
					if v := prev[p] + m.trans[p][l]; v > best {
						best, arg = v, p
					}
				}
			}
			cur[l] = best + emit[i][l]
			back[i][l] = int8(arg)
		}
		prev = cur
	}
	best, arg := inf, 0
	for l := 0; l < nLabels; l++ {
		if prev[l] > best {
			best, arg = prev[l], l
		}
	}
	out := make([]int, n)
	out[n-1] = arg
	for i := n - 1; i > 0; i-- {
		out[i-1] = int(back[i][out[i]])
	}
	return out
}

// Model file: gzip of "KGNER3", the label count, the weight scale, the float32 transitions, then
// per feature its hash, the number of non-zero labels and (label, int8 weight) pairs.
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
	// A stable order makes the file reproducible.
	slices.SortFunc(rows, func(a, b entry) int { return cmp.Compare(a.key, b.key) })
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

func readNERModel(r io.Reader) (*nerModel, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	br := bytes.NewReader(b)
	magic := make([]byte, len(nerMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != nerMagic {
		return nil, errors.New("ner model: not a kg NER model")
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
	return m, nil
}

// nerSpan is a typed span found by the model: tokens [i, j) of a sentence.
type nerSpan struct {
	i, j int
	typ  string
}

// nerSpans tags a sentence with the model.
func (x *Extractor) nerSpans(s *sentence) []nerSpan {
	if x.ner == nil || len(s.toks) == 0 {
		return nil
	}
	feats := x.tokenFeatures(s)
	emit := make([][nLabels]float32, len(feats))
	for i, fs := range feats {
		if fs == nil {
			// No name holds this token: only O.
			for l := 1; l < nLabels; l++ {
				emit[i][l] = float32(math.Inf(-1))
			}
			continue
		}
		x.ner.score(fs, &emit[i])
	}
	var out []nerSpan
	for sp := range spansOf(x.ner.decode(emit)) {
		t := sp[2]
		if x.typer != nil {
			t = x.retype(s, emit, sp[0], sp[1])
		}
		out = append(out, nerSpan{i: sp[0], j: sp[1], typ: nerOntologyType(t)})
	}
	return out
}
