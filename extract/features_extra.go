package extract

import (
	"slices"
	"unicode/utf8"
)

// Extra feature templates (ids 93 to 100), kept apart from the core templates of features.go:
// the noun compound a token stands in. A compound's head word says what a name is (…大学,
// …駅, …戦争), and the words around the compound say whether it is one (…の社長, …に住む).
// Other templates tried here (POS subclasses, base forms, character-type patterns, longer
// affixes, ±2 windows, word clusters) gained nothing under cross-validation on the training
// data and cost lookups.

// compounds holds, per sentence, the runs of nameable tokens.
type compounds struct {
	run  []int32  // per token, the index of its compound, or -1
	runs [][2]int // token ranges of compounds
	surf []fhash  // surface hash per token (features.go's)
	suf3 []fhash  // per compound, the last three characters of its head
}

// fill computes the compounds of s, whose token hashes are tf, reusing c's slices.
func (c *compounds) fill(s *sentence, tf []tokFeat) {
	n := len(s.toks)
	c.run = slices.Grow(c.run[:0], n)[:n]
	c.surf = slices.Grow(c.surf[:0], n)[:n]
	c.runs, c.suf3 = c.runs[:0], c.suf3[:0]
	for i := range s.toks {
		c.surf[i] = tf[i].surf
		c.run[i] = -1
	}
	named := func(i int) bool { return nameable(&s.toks[i]) && !s.toks[i].symbol() }
	for i := 0; i < n; {
		if !named(i) {
			i++
			continue
		}
		j := i + 1
		for j < n && named(j) {
			j++
		}
		for k := i; k < j; k++ {
			c.run[k] = int32(len(c.runs))
		}
		c.runs = append(c.runs, [2]int{i, j})
		h := s.toks[j-1].surf
		if k := utf8.RuneCountInString(h); k >= 3 && k <= 12 {
			for ; k > 3; k-- {
				_, size := utf8.DecodeRuneInString(h)
				h = h[size:]
			}
			c.suf3 = append(c.suf3, tmpl(65).str(h))
		} else {
			c.suf3 = append(c.suf3, tmpl(65))
		}
		i = j
	}
}

func (c *compounds) surfAt(i int) fhash {
	if i < 0 || i >= len(c.surf) {
		return edge.surf
	}
	return c.surf[i]
}

// appendFeatures appends the compound features of token i.
func (c *compounds) appendFeatures(buf []uint64, i int) []uint64 {
	if c.run[i] < 0 {
		return buf
	}
	r := c.runs[c.run[i]]
	head, first := r[1]-1, r[0]
	// Where the token stands in its compound, the compound's head and first word, and the
	// words around the compound.
	where := byte('I')
	switch {
	case r[1]-r[0] == 1:
		where = 'S'
	case i == first:
		where = 'B'
	case i == head:
		where = 'E'
	}
	ln := min(r[1]-r[0], 5)
	return append(buf,
		uint64(tmpl(93).mix(fhash(where)<<8|fhash(ln))),
		uint64(tmpl(94).mix(c.surfAt(head).b(where))),
		uint64(tmpl(95).mix(c.suf3[c.run[i]].b(where))),
		uint64(tmpl(96).mix(c.surfAt(first).b(where))),
		uint64(tmpl(97).mix(c.surfAt(first-1).b(where))),
		uint64(tmpl(98).mix(c.surfAt(r[1]).b(where))),
		uint64(tmpl(99).mix(c.surfAt(r[1]).mix(c.surfAt(r[1]+1)).b(where))),
		uint64(tmpl(100).mix(c.surfAt(first-1).mix(c.surfAt(head)).b(where))),
	)
}
