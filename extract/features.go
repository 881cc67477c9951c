package extract

import "unicode/utf8"

// Feature hashing: every feature is a template id and some strings or bytes, hashed with 64-bit
// FNV-1a without allocating.
type fhash uint64

const (
	fnvOffset fhash = 14695981039346656037
	fnvPrime  fhash = 1099511628211
)

func tmpl(id byte) fhash { return (fnvOffset ^ fhash(id)) * fnvPrime }

func (h fhash) str(s string) fhash {
	for i := 0; i < len(s); i++ {
		h = (h ^ fhash(s[i])) * fnvPrime
	}
	return (h ^ 0xff) * fnvPrime
}

func (h fhash) b(v byte) fhash { return (h ^ fhash(v)) * fnvPrime }

// mix combines two precomputed hashes.
func (h fhash) mix(v fhash) fhash { return (h ^ v) * fnvPrime }

// tokFeat is what the features see of one token, hashed once per token.
type tokFeat struct {
	surf, pos, pos2, kind, shape fhash
	first, last                  fhash
	cls                          byte
	gaz                          fhash // gazetteer tag and type
}

var edge = tokFeat{surf: tmpl(200), pos: tmpl(201), pos2: tmpl(201), kind: tmpl(202), shape: tmpl(203),
	first: tmpl(204), last: tmpl(204), cls: 'X', gaz: tmpl(205)}

// lexKind classifies a token by the cue lexicon: what a suffix or title says of the name near it.
func (x *Extractor) lexKind(t *token) string {
	if x.lex.personSfx[t.surf] {
		return "psfx"
	}
	if _, ok := x.lex.title[t.surf]; ok {
		return "title"
	}
	if typ, ok := x.lex.orgSfx[t.surf]; ok {
		return "osfx" + typ
	}
	if _, ok := x.lex.locSfx[t.surf]; ok && t.pos[1] == "接尾" {
		return "lsfx"
	}
	if _, ok := x.lex.role[t.surf]; ok {
		return "role"
	}
	if x.lex.firmCue[t.surf] {
		return "fcue"
	}
	if x.lex.productCue[t.surf] {
		return "pcue"
	}
	return "-"
}

// shape summarises a token's spelling: script, length and, for Latin, capitalisation.
func shape(t *token) byte {
	n := utf8.RuneCountInString(t.surf)
	if n > 6 {
		n = 6
	}
	s := byte('0'+t.cls)*8 + byte(n)
	if t.cls == clsLatin && t.surf != "" {
		if c := t.surf[0]; c >= 'A' && c <= 'Z' {
			s += 100
		}
	}
	return s
}

// tokenFeatures returns the feature hashes of every token of a sentence.
func (x *Extractor) tokenFeatures(s *sentence) [][]uint64 {
	n := len(s.toks)
	tf := make([]tokFeat, n)
	gaz := s.gazetteer(x)
	depth := byte('0')
	brackets := make([]byte, n)
	for i := range s.toks {
		t := &s.toks[i]
		f := &tf[i]
		surf := t.surf
		if utf8.RuneCountInString(surf) > 10 {
			surf = "LONG"
		}
		f.surf = tmpl(1).str(surf)
		f.pos = tmpl(2).str(t.pos[0]).str(t.pos[1]).str(t.pos[2])
		f.pos2 = tmpl(3).str(t.pos[0]).str(t.pos[1])
		f.kind = tmpl(4).str(x.lexKind(t))
		f.shape = tmpl(5).b(shape(t))
		r, _ := utf8.DecodeRuneInString(t.surf)
		l, _ := utf8.DecodeLastRuneInString(t.surf)
		f.first = tmpl(6).b(byte(r)).b(byte(r >> 8)).b(byte(r >> 16))
		f.last = tmpl(7).b(byte(l)).b(byte(l >> 8)).b(byte(l >> 16))
		f.cls = byte('0' + t.cls)
		f.gaz = tmpl(8).b(gaz[i].tag).str(gaz[i].typ)
		brackets[i] = depth
		switch t.surf {
		case "「", "『", "(", "【":
			depth = '1'
		case "」", "』", ")", "】":
			depth = '0'
		}
	}
	at := func(i int) *tokFeat {
		if i < 0 || i >= n {
			return &edge
		}
		return &tf[i]
	}
	cmp := newCompounds(s, tf)
	out := make([][]uint64, n)
	buf := make([]uint64, 0, 44*n)
	for i := range tf {
		start := len(buf)
		if !nameable(&s.toks[i]) {
			// A function word or punctuation: a few features say whether it continues a name.
			c, p, q := at(i), at(i-1), at(i+1)
			buf = append(buf, uint64(tmpl(50).mix(c.surf)), uint64(tmpl(51).mix(p.pos).mix(c.surf)),
				uint64(tmpl(52).mix(c.surf).mix(q.pos)), uint64(tmpl(53).mix(p.surf).mix(c.surf)),
				uint64(tmpl(54).mix(c.surf).mix(q.surf)), uint64(tmpl(55)))
			out[i] = buf[start:len(buf):len(buf)]
			continue
		}
		add := func(id byte, h fhash) { buf = append(buf, uint64(tmpl(id).mix(h))) }
		c, p, q, p2, q2 := at(i), at(i-1), at(i+1), at(i-2), at(i+2)
		known := byte('k')
		if !s.toks[i].known {
			known = 'u'
		}
		add(10, 0)
		add(11, c.surf)
		add(12, p.surf)
		add(13, q.surf)
		add(14, p2.surf)
		add(15, q2.surf)
		add(16, p.surf.mix(c.surf))
		add(17, c.surf.mix(q.surf))
		add(18, c.pos)
		add(19, p.pos)
		add(20, q.pos)
		add(21, p2.pos2)
		add(22, q2.pos2)
		add(23, p.pos.mix(c.pos))
		add(24, c.pos.mix(q.pos))
		add(25, p.pos2.mix(c.pos2).mix(q.pos2))
		add(26, c.kind)
		add(27, p.kind)
		add(28, q.kind)
		add(29, q2.kind)
		add(30, c.shape)
		add(31, p.shape.mix(c.shape).mix(q.shape))
		add(32, c.first)
		add(33, c.last)
		add(34, p.last.mix(c.first))
		add(35, c.gaz)
		add(36, p.gaz.mix(c.gaz))
		add(37, c.pos.mix(q.kind))
		add(38, p.surf.mix(c.pos))
		add(39, c.pos.mix(q.surf))
		add(40, fhash(brackets[i])*31+fhash(known))
		add(41, fhash(c.cls)<<8|fhash(p.cls)<<16|fhash(q.cls))
		add(42, c.last.mix(q.kind))
		// The characters of the token, and its two-character affixes: a token unseen in
		// training is often known by its parts (…寺, …城, …社).
		surf := s.toks[i].surf
		if rs := []rune(surf); len(rs) > 1 && len(rs) <= 12 {
			for _, r := range rs {
				add(43, fhash(r))
			}
			add(44, tmpl(0).str(string(rs[len(rs)-2:])))
			add(45, tmpl(0).str(string(rs[:2])))
		}
		buf = cmp.appendFeatures(buf, i) // features_extra.go
		out[i] = buf[start:len(buf):len(buf)]
	}
	return out
}

// gazTag is the gazetteer's view of a token: 'B' or 'I' of a match of typ, or 0.
type gazTag struct {
	tag byte
	typ string
}

// gazetteer returns, per token, the longest token-aligned gazetteer match covering it; it is
// computed once per sentence.
func (s *sentence) gazetteer(x *Extractor) []gazTag {
	if s.gaz != nil {
		return s.gaz
	}
	s.gaz = make([]gazTag, len(s.toks))
	for _, m := range s.gazMatches(x) {
		typ := m.entry.typ
		if m.entry.capital != "" {
			typ = "Capital"
		}
		for k := m.i; k < m.j; k++ {
			s.gaz[k] = gazTag{tag: 'I', typ: typ}
		}
		s.gaz[m.i].tag = 'B'
	}
	return s.gaz
}

// gazMatch is a gazetteer name over tokens [i, j).
type gazMatch struct {
	i, j  int
	entry *gazEntry
}

// gazMatches finds the longest gazetteer match starting at each token, left to right without
// overlaps.
func (s *sentence) gazMatches(x *Extractor) []gazMatch {
	if s.gazM != nil || len(s.toks) == 0 {
		return s.gazM
	}
	s.gazM = []gazMatch{}
	var key []byte
	for i := 0; i < len(s.toks); i++ {
		t := &s.toks[i]
		if t.symbol() || t.particle() {
			continue
		}
		key = key[:0]
		best := -1
		var entry *gazEntry
		for j := i; j < len(s.toks) && j < i+8; j++ {
			key = appendFold(key, s.toks[j].surf)
			if !x.gaz.prefixes[string(key)] {
				break
			}
			if e := x.gaz.byKey[string(key)]; e != nil {
				best, entry = j+1, e
			}
		}
		if best > 0 {
			s.gazM = append(s.gazM, gazMatch{i: i, j: best, entry: entry})
			i = best - 1
		}
	}
	return s.gazM
}

// nameable reports whether a token can be part of a name: nouns, prefixes, Latin, katakana and
// digits, and the symbols names are written with. Particles, verbs, auxiliaries and punctuation
// cannot, so the tagger skips them.
func nameable(t *token) bool {
	switch t.pos[0] {
	case "名詞", "接頭詞", "形容詞", "連体詞":
		return t.pos[1] != "非自立" && t.pos[1] != "代名詞"
	case "記号":
		switch t.surf {
		case "・", "&", "-", ".", "'", "!", "+", "/", ":", "#":
			return true
		}
		return t.cls == clsLatin || t.cls == clsDigit
	}
	return !t.known || t.cls == clsLatin || t.cls == clsKatakana || t.cls == clsDigit
}
