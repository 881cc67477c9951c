package extract

import "unicode/utf8"

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

func newCompounds(s *sentence, tf []tokFeat) *compounds {
	n := len(s.toks)
	c := &compounds{run: make([]int32, n), surf: make([]fhash, n)}
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
	return c
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
	add := func(id byte, h fhash) { buf = append(buf, uint64(tmpl(id).mix(h))) }
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
	add(93, fhash(where)<<8|fhash(ln))
	add(94, c.surfAt(head).b(where))
	add(95, c.suf3[c.run[i]].b(where))
	add(96, c.surfAt(first).b(where))
	add(97, c.surfAt(first-1).b(where))
	add(98, c.surfAt(r[1]).b(where))
	add(99, c.surfAt(r[1]).mix(c.surfAt(r[1]+1)).b(where))
	add(100, c.surfAt(first-1).mix(c.surfAt(head)).b(where))
	return buf
}
