package extract

import (
	"math"
	"slices"
	"unicode/utf8"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/dict/trie"
	"github.com/ikawaha/kagome/v2/tokenizer/lattice"
)

// latNode is a node of kagome's lattice: a dictionary entry (or an unknown word) over runes
// [start, end) and bytes [b0, b1) of the sentence, with its best path cost and the node before it
// on that path (an index into latScratch.sorted, or -1); its cost is in latScratch.cost.
//
// A node takes 32 bytes, two thirds of what an int for the class and int32 context ids took:
// bestPath writes every node twice (in the order added and by end position), and those writes
// were half of Extract's write misses in the processor's first cache.
type latNode struct {
	start, end          int32
	b0, b1              int32
	id                  int32
	prev                int32
	left, right, weight int16 // as in dict.Morph
	class               uint8 // a lattice.NodeClass
}

// latScratch is the working memory of bestPath, reused from sentence to sentence.
type latScratch struct {
	nodes  []latNode // in the order kagome adds them
	sorted []latNode // by end position, in that order within one end position
	first  []int32   // per end position, the index in sorted of its first node
	path   []int32   // the best path from EOS back to BOS, as indexes into sorted
	cost   []int32   // per node of sorted, its best path cost
	right  []int32   // per node of sorted, its right context id
	// The unknown-word entries of each character class of the dictionary unkOf, looked up in
	// its maps once.
	unkOf    *dict.Dict
	unkKnown [256]bool
	unkID    [256]int32
	unkDup   [256]int32
}

// kagome's lattice constants (tokenizer/lattice), and the byte that ends a key in its
// dictionary's double array (kagome-dict/dict/trie).
const (
	daTerminator     = 0
	latMaxCost       = 1<<31 - 1
	latMaxUnknownLen = 1024
)

// bestPath finds the best path through the lattice of inp exactly as kagome's lattice does in
// Normal mode without a user dictionary (Build, Forward, Backward: the same nodes in the same
// order, the same costs and the same choice among equal ones), but with the nodes in one slice
// reused from sentence to sentence instead of a sync.Pool per node, whose Get and Put cost a
// quarter of the lattice's time. It returns the nodes of the path from EOS back to BOS in
// ls.path (indexes into ls.sorted), and false for a text it leaves to kagome: one with invalid
// UTF-8 or U+FFFD, whose rune counts kagome reads byte by byte. morphs, if not nil, is the
// dictionary's Morphs with its Index.Dup beside them (latMorphs). runeKeys says that no key of the
// dictionary ends inside a code point (runeAlignedKeys): the search for words then skips the
// check for one at each byte but a code point's last, two in three of them in Japanese text,
// and a cache miss each. runeNodes, nil or made with runeKeys, is the dictionary's runePrefixNodes.
func (ls *latScratch) bestPath(d *dict.Dict, morphs []latMorph, runeKeys bool, runeNodes []int32, inp string) bool {
	ls.nodes = ls.nodes[:0]
	add := func(runePos, runes int32, id int, b0, b1 int, class lattice.NodeClass, m dict.Morph) {
		ls.nodes = append(ls.nodes, latNode{start: runePos, end: runePos + runes, b0: int32(b0), b1: int32(b1), id: int32(id),
			class: uint8(class), left: m.LeftID, right: m.RightID, weight: m.Weight, prev: -1})
	}
	// BOS ends at 0 and EOS, which starts at rc (the text's code points, set once counted), at
	// rc+1.
	ls.nodes = append(ls.nodes, latNode{id: int32(lattice.BosEosID), prev: -1},
		latNode{b0: int32(len(inp)), b1: int32(len(inp)), id: int32(lattice.BosEosID), prev: -1})
	if ls.unkOf != d {
		ls.unkOf, ls.unkKnown = d, [256]bool{}
	}
	da := d.Index.Da
	runePos := int32(-1)
	for pos, next := 0, 0; pos < len(inp); pos = next {
		// The code point at pos, of size bytes; three-byte ones (kana, kanji) decoded inline.
		ch, size := rune(inp[pos]), 1
		if ch >= utf8.RuneSelf {
			if r, ok := decode3(inp[pos:]); ok {
				ch, size = r, 3
			} else {
				ch, size = utf8.DecodeRuneInString(inp[pos:])
			}
		}
		next = pos + size
		if ch == utf8.RuneError {
			return false // invalid UTF-8 or U+FFFD
		}
		runePos++
		anyMatches := false
		// The dictionary's words that start here: d.Index.CommonPrefixSearchCallback, inline.
		// The walk from the root takes the steps of ch's bytes but its last in one, from
		// runeNodes, where the dictionary has one.
		i, q := pos, 0
		nr := int32(0) // the code points of inp[pos:i+1], valid UTF-8
		if size > 1 && int(ch) < len(runeNodes) {
			i, q, nr = pos+size-1, int(runeNodes[ch]), 1
		}
		for ; q >= 0 && i < len(inp) && inp[i] != daTerminator; i++ {
			if inp[i]&0xC0 != 0x80 {
				nr++
			}
			p := q
			q = int(da[p].Base) + int(inp[i])
			if q >= len(da) || int(da[q].Check) != p {
				break
			}
			if runeKeys && i+1 < len(inp) && inp[i+1]&0xC0 == 0x80 {
				continue // inp[pos:i+1] ends inside a code point
			}
			ahead := int(da[q].Base) + daTerminator
			if ahead < len(da) && int(da[ahead].Check) == q && int(da[ahead].Base) <= 0 {
				x := int(-da[ahead].Base)
				if morphs != nil {
					for id, dup := x, x+int(morphs[x].dup); id <= dup; id++ {
						m := &morphs[id]
						add(runePos, nr, id, pos, i+1, lattice.KNOWN, dict.Morph{LeftID: m.left, RightID: m.right, Weight: m.weight})
					}
				} else {
					dup := int(d.Index.Dup[int32(x)])
					for id := x; id < x+dup+1; id++ {
						add(runePos, nr, id, pos, i+1, lattice.KNOWN, d.Morphs[id])
					}
				}
				anyMatches = true
			}
		}
		class := d.CharacterCategory(ch)
		if anyMatches && !d.InvokeList[int(class)] {
			continue
		}
		endPos := pos + size // size: that of the unknown word's last code point
		unkWordLen := 1
		if d.GroupList[int(class)] {
			for i, w := endPos, 0; i < len(inp); i += w {
				var c rune
				c, w = utf8.DecodeRuneInString(inp[i:])
				if d.CharacterCategory(c) != class {
					break
				}
				endPos += w
				size = w
				unkWordLen++
				if unkWordLen >= latMaxUnknownLen {
					break
				}
			}
		}
		prev := endPos - size
		if !ls.unkKnown[class] {
			ls.unkKnown[class], ls.unkID[class], ls.unkDup[class] = true, d.UnkDict.Index[int32(class)], d.UnkDict.IndexDup[int32(class)]
		}
		id, dup := ls.unkID[class], ls.unkDup[class]
		for x := range int(dup) + 1 {
			if pos < prev {
				add(runePos, int32(unkWordLen-1), int(id)+x, pos, prev, lattice.UNKNOWN, d.UnkDict.Morphs[int(id)+x])
			}
			add(runePos, int32(unkWordLen), int(id)+x, pos, endPos, lattice.UNKNOWN, d.UnkDict.Morphs[int(id)+x])
		}
	}
	rc := runePos + 1
	ls.nodes[1].start, ls.nodes[1].end = rc, rc+1
	// The nodes by end position, each position's in the order they were added.
	n := int(rc) + 2
	ls.first = ls.first[:0]
	for range n + 1 {
		ls.first = append(ls.first, 0)
	}
	for i := range ls.nodes {
		ls.first[ls.nodes[i].end+1]++
	}
	for p := 1; p <= n; p++ {
		ls.first[p] += ls.first[p-1]
	}
	if cap(ls.sorted) < len(ls.nodes) {
		ls.sorted = make([]latNode, len(ls.nodes))
	}
	ls.sorted = ls.sorted[:len(ls.nodes)]
	next := ls.path[:0] // the next free index per end position, borrowed
	next = append(next, ls.first[:n]...)
	ls.right = slices.Grow(ls.right[:0], len(ls.nodes))[:len(ls.nodes)]
	for _, nd := range ls.nodes {
		k := next[nd.end]
		ls.sorted[k], ls.right[k] = nd, int32(nd.right)
		next[nd.end]++
	}
	// Forward: as kagome's Forward in Normal mode.
	ls.forward(&d.Connection, n)
	ls.path = next[:0]
	for p := ls.first[n-1]; p >= 0; p = ls.sorted[p].prev {
		ls.path = append(ls.path, p)
	}
	return true
}

// latMorph is a dictionary entry as bestPath reads it: its context ids and weight (dict.Morph)
// and, for the first of the entries of one key, how many follow (dict.Index.Dup), in one place
// instead of two, the second a cache miss of its own.
type latMorph struct {
	left, right, weight int16
	dup                 uint8
}

// latMorphs returns the entries of d as latMorph, or nil if an entry of Dup is out of range or
// a count exceeds 255.
func latMorphs(d *dict.Dict) []latMorph {
	out := make([]latMorph, len(d.Morphs))
	for i, m := range d.Morphs {
		out[i] = latMorph{left: m.LeftID, right: m.RightID, weight: m.Weight}
	}
	for k, v := range d.Index.Dup {
		if k < 0 || int(k) >= len(out) || v < 0 || v > 255 {
			return nil
		}
		out[k].dup = uint8(v)
	}
	return out
}

// runePrefixNodes returns, for each code point below 1<<16, the node of the double array da
// that the bytes of its UTF-8 encoding but the last lead to from the root, or -1 where they lead
// nowhere (no key starts with them). A search for the keys that start with a code point of two
// bytes or more can start there: a word of Japanese text begins at every code point, and its
// search took the two steps of a three-byte code point's first bytes afresh at each. (The
// surrogates, which valid UTF-8 never holds, are encoded as U+FFFD.)
func runePrefixNodes(da trie.DoubleArray) []int32 {
	out := make([]int32, 1<<16)
	var b [utf8.UTFMax]byte
	for r := range out {
		n := utf8.EncodeRune(b[:], rune(r))
		q := 0
		for _, c := range b[:n-1] {
			p := q
			q = int(da[p].Base) + int(c)
			if c == daTerminator || q < 0 || q >= len(da) || int(da[q].Check) != p {
				q = -1
				break
			}
		}
		out[r] = int32(q)
	}
	return out
}

// runeAlignedKeys reports whether every key of the double array da that can match text read
// from a code point's first byte ends on a code point's last byte: whether no key whose bytes
// are shaped as UTF-8 (a leading byte, then as many continuation bytes as it announces) stops
// before the last of a code point's continuation bytes. It reads each node's key back to the
// root through the Check links, remembering every node's state, and answers false for an array
// it cannot read so (a link out of range or a cycle).
func runeAlignedKeys(da trie.DoubleArray) bool {
	const (
		unknown  = -2
		notUTF8  = -1 // no text read from a code point's first byte reaches the node
		maxChain = 1 << 16
	)
	// state per node: the continuation bytes its key still needs for its last code point.
	state := make([]int8, len(da))
	for i := range state {
		state[i] = unknown
	}
	if len(da) > 0 {
		state[0] = 0 // the root
	}
	var chain []int
	stateOf := func(q int) (int8, bool) {
		chain = chain[:0]
		for state[q] == unknown {
			if len(chain) == maxChain {
				return 0, false
			}
			chain = append(chain, q)
			p := int(da[q].Check)
			if p < 0 || p >= len(da) {
				return 0, false
			}
			q = p
		}
		st := state[q]
		for k := len(chain) - 1; k >= 0; k-- {
			q := chain[k]
			c := q - int(da[da[q].Check].Base) // the byte from the parent to q
			switch {
			case st == notUTF8 || c <= 0 || c > 0xFF:
				st = notUTF8
			case st > 0:
				if c&0xC0 == 0x80 {
					st--
				} else {
					st = notUTF8
				}
			case c < 0x80:
				st = 0
			case c&0xE0 == 0xC0:
				st = 1
			case c&0xF0 == 0xE0:
				st = 2
			case c&0xF8 == 0xF0:
				st = 3
			default:
				st = notUTF8
			}
			state[q] = st
		}
		return st, true
	}
	for q := range da {
		if q != 0 && da[q].Check < 0 {
			continue // free
		}
		ahead := int(da[q].Base) + daTerminator
		if ahead < 0 || ahead >= len(da) || int(da[ahead].Check) != q || da[ahead].Base > 0 {
			continue // no key ends at q
		}
		if st, ok := stateOf(q); !ok || st > 0 {
			return false
		}
	}
	return true
}

// forward sets the cost of each node of ls.sorted and the node before it on its best path, as
// kagome's Forward does in Normal mode, for a lattice of n positions. The costs and right
// context ids of the nodes are read from slices of their own, which the inner loop runs
// through. Kagome adds the target's weight to each sum of a connection cost and a node's cost
// and caps it at latMaxCost before comparing: the inner loop compares the sums alone, whose
// least (the first of equals) is the node kagome chooses, unless the weight lifts it to the
// cap, where all are equal and kagome keeps the first. (Sums so low that kagome's conversion
// to int32 would wrap are left to forwardAll.) It is a function of its own, small enough for
// the compiler to keep the inner loop's variables in registers. The inner loop keeps the least
// sum and its node as one number, the sum shifted up by latArgBits with the node's offset below
// it: the least such number is the least sum and, of equal sums, the first node, and one
// branchless minimum replaces a compare and a branch that left a register short.
func (ls *latScratch) forward(conn *dict.ConnectionTable, n int) {
	ls.cost = slices.Grow(ls.cost[:0], len(ls.sorted))[:len(ls.sorted)]
	clear(ls.cost)
	vec, nrow := conn.Vec, conn.Row
	first, sorted, rights, costs := ls.first, ls.sorted, ls.right, ls.cost
	for p := 1; p < n; p++ {
		for t := first[p]; t < first[p+1]; t++ {
			target := &sorted[t]
			lo, hi := first[target.start], first[target.start+1]
			if lo == hi {
				costs[t] = latMaxCost
				continue
			}
			if hi-lo > 1<<latArgBits {
				costs[t], target.prev = ls.forwardAll(conn, target, lo, hi)
				continue
			}
			row := vec[nrow*int64(target.left) : nrow*(int64(target.left)+1)]
			rs, cs := rights[lo:hi], costs[lo:hi]
			cs = cs[:len(rs)]
			least := (int64(row[rs[0]]) + int64(cs[0])) << latArgBits
			for j := 1; j < len(rs); j++ {
				least = min(least, (int64(row[rs[j]])+int64(cs[j]))<<latArgBits|int64(j))
			}
			best, arg := least>>latArgBits, int32(least&(1<<latArgBits-1))
			switch c := best + int64(target.weight); {
			case c >= latMaxCost:
				costs[t], target.prev = latMaxCost, lo
			case c >= math.MinInt32:
				costs[t], target.prev = int32(c), lo+arg
			default:
				costs[t], target.prev = ls.forwardAll(conn, target, lo, hi)
			}
		}
	}
}

// latArgBits is the bits forward keeps a node's offset in, below its sum (at most about 1<<32
// either way: a cost of int32 and a connection cost of int16): 1<<20 nodes end at one position
// at most, or forwardAll chooses.
const latArgBits = 20

// forwardAll is kagome's choice of the node before target among nodes [lo, hi) of ls.sorted,
// with its conversions to int32, and the cost it makes.
func (ls *latScratch) forwardAll(conn *dict.ConnectionTable, target *latNode, lo, hi int32) (int32, int32) {
	row := conn.Vec[conn.Row*int64(target.left) : conn.Row*(int64(target.left)+1)]
	w := int64(target.weight)
	var best, arg int32
	for j := lo; j < hi; j++ {
		// The first of equal costs is kept.
		if v := int32(min(int64(row[ls.right[j]])+w+int64(ls.cost[j]), latMaxCost)); j == lo || v < best {
			best, arg = v, j
		}
	}
	return best, arg
}
