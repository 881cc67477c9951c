package extract

import "unicode/utf8"

// Extra feature templates (ids 60 and up), kept apart from the core templates of features.go:
// dictionary subclasses and base forms, character-type patterns, longer affixes, wider
// surface windows, and the noun compound a token stands in (its head word says what a name
// is: …大学, …駅, …戦争).

// extraTok is what the extra templates see of one token.
type extraTok struct {
	pos3, base, ctype, pre3, suf3 fhash
	cl, cc                        fhash // fine and coarse word cluster
	run                           int   // index of the compound (run of nameable tokens) holding the token, or -1
}

// extraFeats holds the per-sentence state of the extra templates.
type extraFeats struct {
	toks  []extraTok
	runs  [][2]int // token ranges of compounds
	surf  []fhash  // surface hash per token (as features.go hashes it)
	nameb []bool
}

var extraEdge = extraTok{pos3: tmpl(210), base: tmpl(211), ctype: tmpl(212), pre3: tmpl(213), suf3: tmpl(213),
	cl: tmpl(214), cc: tmpl(214), run: -1}

func (x *Extractor) extraTokenFeatures(s *sentence) *extraFeats {
	n := len(s.toks)
	e := &extraFeats{toks: make([]extraTok, n), surf: make([]fhash, n), nameb: make([]bool, n)}
	for i := range s.toks {
		t := &s.toks[i]
		f := &e.toks[i]
		f.pos3 = tmpl(61).str(t.pos[2]).str(t.pos[3])
		f.base = tmpl(62).str(t.lemma())
		// Character types, consecutive repeats collapsed (漢カ → "45"), at most 6.
		var pat [6]byte
		np := 0
		var last charClass = 255
		for _, r := range t.surf {
			if c := classOf(r); c != last {
				if np < len(pat) {
					pat[np] = byte('0' + c)
					np++
				}
				last = c
			}
		}
		f.ctype = tmpl(63).str(string(pat[:np]))
		if rs := []rune(t.surf); len(rs) >= 3 && len(rs) <= 12 {
			f.pre3 = tmpl(64).str(string(rs[:3]))
			f.suf3 = tmpl(65).str(string(rs[len(rs)-3:]))
		} else {
			f.pre3, f.suf3 = tmpl(64), tmpl(65)
		}
		surf := t.surf
		if utf8.RuneCountInString(surf) > 10 {
			surf = "LONG"
		}
		e.surf[i] = tmpl(1).str(surf)
		e.nameb[i] = nameable(t) && !t.symbol()
		f.run = -1
		f.cl, f.cc = tmpl(66), tmpl(67)
		if c, ok := x.clusters[t.surf]; ok {
			f.cl = tmpl(66).b(byte(c[0])).b(byte(c[0] >> 8))
			f.cc = tmpl(67).b(byte(c[1])).b(byte(c[1] >> 8))
		}
	}
	for i := 0; i < n; {
		if !e.nameb[i] {
			i++
			continue
		}
		j := i + 1
		for j < n && e.nameb[j] {
			j++
		}
		for k := i; k < j; k++ {
			e.toks[k].run = len(e.runs)
		}
		e.runs = append(e.runs, [2]int{i, j})
		i = j
	}
	return e
}

func (e *extraFeats) at(i int) *extraTok {
	if i < 0 || i >= len(e.toks) {
		return &extraEdge
	}
	return &e.toks[i]
}

func (e *extraFeats) surfAt(i int) fhash {
	if i < 0 || i >= len(e.surf) {
		return edge.surf
	}
	return e.surf[i]
}

// appendFeatures appends the extra features of token i; full is false for tokens that cannot
// be part of a name, which get only a few.
func (e *extraFeats) appendFeatures(buf []uint64, i int, full bool) []uint64 {
	add := func(id byte, h fhash) { buf = append(buf, uint64(tmpl(id).mix(h))) }
	c, p, q := e.at(i), e.at(i-1), e.at(i+1)
	if !full {
		add(70, p.pos3.mix(c.base))
		add(71, c.base.mix(q.pos3))
		add(72, e.surfAt(i-2).mix(e.surfAt(i-1)).mix(e.surfAt(i)))
		add(73, e.surfAt(i).mix(e.surfAt(i+1)).mix(e.surfAt(i+2)))
		add(74, p.cl.mix(c.base))
		add(75, c.base.mix(q.cl))
		return buf
	}
	add(80, c.pos3)
	add(81, p.pos3)
	add(82, q.pos3)
	add(83, c.base)
	add(84, c.ctype)
	add(85, p.ctype.mix(c.ctype).mix(q.ctype))
	add(86, c.pre3)
	add(87, c.suf3)
	add(88, e.surfAt(i-2).mix(e.surfAt(i-1)))
	add(89, e.surfAt(i+1).mix(e.surfAt(i+2)))
	add(90, e.surfAt(i-1).mix(e.surfAt(i)).mix(e.surfAt(i+1)))
	add(91, p.base.mix(c.base))
	add(92, c.base.mix(q.base))
	add(101, c.cl)
	add(102, c.cc)
	add(103, p.cl)
	add(104, q.cl)
	add(105, p.cc.mix(c.cc))
	add(106, c.cc.mix(q.cc))
	add(107, e.at(i-2).cc.mix(p.cc).mix(c.cc))
	add(108, c.cc.mix(q.cc).mix(e.at(i+2).cc))
	if c.run >= 0 {
		r := e.runs[c.run]
		head, first := r[1]-1, r[0]
		// Where the token stands in its compound, the compound's head and first word, and
		// the words around the compound.
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
		add(94, e.surfAt(head).b(where))
		add(95, e.at(head).suf3.b(where))
		add(96, e.surfAt(first).b(where))
		add(97, e.surfAt(first-1).b(where))
		add(98, e.surfAt(r[1]).b(where))
		add(99, e.surfAt(r[1]).mix(e.surfAt(r[1]+1)).b(where))
		add(100, e.surfAt(first-1).mix(e.surfAt(head)).b(where))
		add(109, e.at(head).cl.b(where))
		add(110, e.at(first-1).cl.mix(e.at(r[1]).cl).b(where))
	}
	return buf
}
