package extract

import (
	"errors"
	"math"
	"unicode/utf8"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome/v2/tokenizer/lattice"
)

// wordLattice is kagome's lattice (its Build, Forward and Backward in Normal mode, without a user
// dictionary) over a dictionary, redone for analyze: the nodes stand in one slice reused from
// sentence to sentence, where kagome takes each node from a sync.Pool and puts it back, and the
// number of entries sharing a surface is read from a byte per entry, where kagome looks it up
// in a Go map. Those cost a third of kagome's time. The words found are kagome's, ties broken
// alike (TestLattice compares them over the Wikinews corpus).
type wordLattice struct {
	d   *dict.Dict
	dup []uint8 // per entry id the trie returns, how many entries after it share its surface
	// Per character category, the first unknown-word entry and how many follow it.
	unkID, unkDup [256]int32
}

// lnode is a node of the lattice: a word over bytes [from, to) of the input.
type lnode struct {
	id                  int32
	start               int32 // the code point the word starts at
	from, to            int32
	class               lattice.NodeClass
	left, right, weight int16
	cost                int32
	prev                int32 // the best node before, an index in nodes, or -1
	next                int32 // the next node ending where this one ends, or -1
}

// latticeScratch is the memory of one lattice, reused through Extractor.lattices.
type latticeScratch struct {
	nodes      []lnode
	head, tail []int32 // per end position (in code points, BOS at 0), the first and last node ending there
	path       []int32 // the best path's words, first to last
}

const (
	maxLatticeCost  = math.MaxInt32 // kagome's maximumCost
	maxUnknownRunes = 1024          // kagome's maximumUnknownWordLength
	bosEOS          = -1            // the id of BOS and EOS
)

// newWordLattice prepares the lattice of d.
func newWordLattice(d *dict.Dict) (*wordLattice, error) {
	w := &wordLattice{d: d, dup: make([]uint8, len(d.Morphs))}
	for id, n := range d.Index.Dup {
		if id < 0 || int(id) >= len(w.dup) || n < 0 || n > math.MaxUint8 {
			return nil, errors.New("extract: the dictionary's index is not of the shape expected")
		}
		w.dup[id] = uint8(n)
	}
	for c, id := range d.UnkDict.Index {
		if c < 0 || c >= 256 {
			return nil, errors.New("extract: the dictionary's character categories are not of the shape expected")
		}
		w.unkID[c] = id
	}
	for c, n := range d.UnkDict.IndexDup {
		if c < 0 || c >= 256 {
			return nil, errors.New("extract: the dictionary's character categories are not of the shape expected")
		}
		w.unkDup[c] = n
	}
	return w, nil
}

// add appends a node ending at position p.
func (sc *latticeScratch) add(p int, n lnode) {
	k := int32(len(sc.nodes))
	n.prev, n.next = -1, -1
	sc.nodes = append(sc.nodes, n)
	if t := sc.tail[p]; t < 0 {
		sc.head[p] = k
	} else {
		sc.nodes[t].next = k
	}
	sc.tail[p] = k
}

// category is kagome's dict.CharacterCategory.
func (w *wordLattice) category(r rune) byte {
	if int(r) < len(w.d.CharCategory) {
		return w.d.CharCategory[r]
	}
	return w.d.CharCategory[0]
}

// analyze finds the best path through the words of in and leaves it in sc.path.
func (w *wordLattice) analyze(sc *latticeScratch, in string) {
	w.build(sc, in)
	w.forward(sc)
	sc.path = sc.path[:0]
	for k := sc.head[len(sc.head)-1]; k >= 0; k = sc.nodes[k].prev {
		if sc.nodes[k].class != lattice.DUMMY {
			sc.path = append(sc.path, k)
		}
	}
	for i, j := 0, len(sc.path)-1; i < j; i, j = i+1, j-1 {
		sc.path[i], sc.path[j] = sc.path[j], sc.path[i]
	}
}

// build is kagome's Lattice.Build: every dictionary word starting at each code point, and the
// unknown words of its character category.
func (w *wordLattice) build(sc *latticeScratch, in string) {
	d := w.d
	rc := utf8.RuneCountInString(in)
	sc.nodes = sc.nodes[:0]
	sc.head, sc.tail = grow(sc.head, rc+2), grow(sc.tail, rc+2)
	for i := range sc.head {
		sc.head[i], sc.tail[i] = -1, -1
	}
	sc.add(0, lnode{id: bosEOS, class: lattice.DUMMY})
	sc.add(rc+1, lnode{id: bosEOS, start: int32(rc), from: int32(len(in)), to: int32(len(in)), class: lattice.DUMMY})
	da := d.Index.Da
	runePos := -1
	for pos, ch := range in {
		runePos++
		anyMatches := false
		// The dictionary's words: kagome's DoubleArray.CommonPrefixSearchCallback, counting
		// code points on the way.
		var p, q int
		runes := 0
		for i := pos; i < len(in); i++ {
			c := in[i]
			if c == 0 { // the trie's terminator
				break
			}
			if c&0xC0 != 0x80 {
				runes++
			}
			p = q
			q = int(da[p].Base) + int(c)
			if q >= len(da) || int(da[q].Check) != p {
				break
			}
			ahead := int(da[q].Base)
			if ahead < len(da) && int(da[ahead].Check) == q && int(da[ahead].Base) <= 0 {
				id := int(-da[ahead].Base)
				for e := id; e <= id+int(w.dup[id]); e++ {
					m := d.Morphs[e]
					sc.add(runePos+runes, lnode{id: int32(e), start: int32(runePos), from: int32(pos), to: int32(i + 1),
						class: lattice.KNOWN, left: m.LeftID, right: m.RightID, weight: m.Weight})
				}
				anyMatches = true
			}
		}
		// Unknown words.
		class := w.category(ch)
		if anyMatches && !d.InvokeList[class] {
			continue
		}
		endPos := pos + 1
		if ch != utf8.RuneError {
			endPos = pos + utf8.RuneLen(ch)
		}
		if d.GroupList[class] {
			for i, n := endPos, 1; i < len(in); {
				c, size := utf8.DecodeRuneInString(in[i:])
				if w.category(c) != class {
					break
				}
				i += size
				endPos += size
				if n++; n >= maxUnknownRunes {
					break
				}
			}
		}
		prev := pos
		if c, size := utf8.DecodeLastRuneInString(in[pos:endPos]); c != utf8.RuneError {
			prev = endPos - size
		}
		id, dup := w.unkID[class], w.unkDup[class]
		for e := id; e <= id+dup; e++ {
			m := d.UnkDict.Morphs[e]
			n := lnode{id: e, start: int32(runePos), from: int32(pos), class: lattice.UNKNOWN,
				left: m.LeftID, right: m.RightID, weight: m.Weight}
			if pos < prev {
				n.to = int32(prev)
				sc.add(runePos+utf8.RuneCountInString(in[pos:prev]), n)
			}
			n.to = int32(endPos)
			sc.add(runePos+utf8.RuneCountInString(in[pos:endPos]), n)
		}
	}
}

// forward is kagome's Lattice.Forward in Normal mode: each node's best path from BOS, the
// first of equally cheap ones.
func (w *wordLattice) forward(sc *latticeScratch) {
	conn := &w.d.Connection
	nodes := sc.nodes
	for i := 1; i < len(sc.head); i++ {
		for t := sc.head[i]; t >= 0; t = nodes[t].next {
			target := &nodes[t]
			first := sc.head[target.start]
			if first < 0 {
				target.cost = maxLatticeCost
				continue
			}
			row := conn.Row * int64(target.left)
			for j := first; j >= 0; j = nodes[j].next {
				n := &nodes[j]
				total := int64(conn.Vec[row+int64(n.right)]) + int64(target.weight) + int64(n.cost)
				if total > maxLatticeCost {
					total = maxLatticeCost
				}
				if j == first || int32(total) < target.cost {
					target.cost, target.prev = int32(total), j
				}
			}
		}
	}
}

// grow returns s resized to n, reusing its memory when it can.
func grow(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}
