package extract

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

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
	nd, ndOwn                    fhash // name dictionary: the run's tag and kinds, the token's own
	ndTag                        byte  // the name dictionary's run over the token: 'B', 'I' or 'O'
}

var edge = tokFeat{surf: tmpl(200), pos: tmpl(201), pos2: tmpl(201), kind: tmpl(202), shape: tmpl(203),
	first: tmpl(204), last: tmpl(204), cls: 'X', gaz: tmpl(205)}

// lexKind classifies a token by the cue lexicon: what a suffix or title says of the name near
// it. The kind is kind+typ; typ is the organisation type of an organisation suffix (osfx).
func (x *Extractor) lexKind(t *token) (kind, typ string) {
	l := x.lex
	modelled := func(kind string) bool { return len(l.unmodelled) == 0 || !l.unmodelled[kind+"\t"+t.surf] }
	if l.personSfx[t.surf] && modelled("personsfx") {
		return "psfx", ""
	}
	if _, ok := l.title[t.surf]; ok && modelled("title") {
		return "title", ""
	}
	if typ, ok := l.orgSfx[t.surf]; ok && modelled("orgsfx") {
		return "osfx", typ
	}
	if _, ok := l.locSfx[t.surf]; ok && t.pos[1] == "接尾" && modelled("locsfx") {
		return "lsfx", ""
	}
	if _, ok := l.role[t.surf]; ok && modelled("role") {
		return "role", ""
	}
	if l.firmCue[t.surf] && modelled("firmcue") {
		return "fcue", ""
	}
	if l.productCue[t.surf] && modelled("productcue") {
		return "pcue", ""
	}
	return "-", ""
}

// kindHash is the hash of a token's lexKind (kind+typ hashed as one string) for the tagger's
// feature template 4 and for the span typer's kind features.
type kindHash struct{ tag, span fhash }

func hashKind(kind, typ string) kindHash {
	return kindHash{tag: tmpl(4).kind(kind, typ), span: tmpl(0).kind(kind, typ)}
}

// lexKindHash is the hash of the kind of t, from the table kindHashes made at New: one map
// lookup instead of up to seven.
func (x *Extractor) lexKindHash(t *token) kindHash {
	if !x.kindFirst.hasFirst(t.surf) {
		return x.noKind
	}
	h, ok := x.kinds[t.surf]
	if !ok {
		return x.noKind
	}
	if t.pos[1] == "接尾" {
		return h[0]
	}
	return h[1]
}

// kind is h.str(kind+typ) without building the string: lexKind's result as one string.
func (h fhash) kind(kind, typ string) fhash {
	for i := 0; i < len(kind); i++ {
		h = (h ^ fhash(kind[i])) * fnvPrime
	}
	return h.str(typ)
}

// kindHashes returns the hashes of lexKind for every cue word: as a suffix (接尾) and not.
// Kinds depend only on the surface and whether the token is a suffix.
func (x *Extractor) kindHashes() map[string][2]kindHash {
	out := map[string][2]kindHash{}
	add := func(w string) {
		sfx := token{surf: w, pos: &[4]string{"", "接尾"}}
		other := token{surf: w, pos: &[4]string{}}
		out[w] = [2]kindHash{hashKind(x.lexKind(&sfx)), hashKind(x.lexKind(&other))}
	}
	for w := range x.lex.personSfx {
		add(w)
	}
	for _, m := range []map[string]string{x.lex.title, x.lex.orgSfx, x.lex.locSfx, x.lex.role} {
		for w := range m {
			add(w)
		}
	}
	for _, m := range []map[string]bool{x.lex.firmCue, x.lex.productCue} {
		for w := range m {
			add(w)
		}
	}
	return out
}

// posHash holds the hashes of a part-of-speech tuple that the tagger's and the typer's features
// read, computed once per tuple: a token's tuple hashed afresh cost as much as its map lookup.
type posHash struct {
	tag, tag2 fhash // the tagger's: 品詞 to 細分類2, 品詞 and 細分類1
	sub, all  fhash // the typer's: 細分類1 to 細分類3, all four
	top       fhash // the typer's: 品詞 and 細分類1
}

func hashPOS(p *[4]string) posHash {
	return posHash{
		tag:  tmpl(2).str(p[0]).str(p[1]).str(p[2]),
		tag2: tmpl(3).str(p[0]).str(p[1]),
		sub:  tmpl(0).str(p[1]).str(p[2]).str(p[3]),
		all:  tmpl(0).str(p[0]).str(p[1]).str(p[2]).str(p[3]),
		top:  tmpl(0).str(p[0]).str(p[1]),
	}
}

// posHashes returns the hashes of the tuples tokens share (posIndex's and fixedPOS's), by tuple.
func (x *Extractor) posHashes() map[*[4]string]posHash {
	out := map[*[4]string]posHash{}
	for _, ts := range [][][4]string{x.pos.tuples, x.pos.unk} {
		for i := range ts {
			out[&ts[i]] = hashPOS(&ts[i])
		}
	}
	f := x.fixed
	for _, p := range []*[4]string{&f.symbol, &f.open, &f.close, &f.space, &f.given, &f.honorific, &f.placeSuffix, &f.noun, &f.none} {
		out[p] = hashPOS(p)
	}
	return out
}

// posHash returns the hashes of the tuple p: from the table made at New, or computed.
func (x *Extractor) posHash(p *[4]string) posHash {
	if h, ok := x.posH[p]; ok {
		return h
	}
	return hashPOS(p)
}

// shape summarises a token's spelling: script, length (n, its code points) and, for Latin,
// capitalisation.
func shape(t *token, n int) byte {
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
	var sf sentFeats
	x.sentFeatures(s, &sf)
	out := make([][]uint64, len(s.toks))
	buf := make([]uint64, 0, 44*len(s.toks))
	for i := range s.toks {
		start := len(buf)
		buf = sf.appendFeatures(buf, s, i)
		out[i] = buf[start:len(buf):len(buf)]
	}
	return out
}

// sentFeats is what the features of a sentence's tokens are made of: the hashes of each token,
// the bracket depth before it and the noun compounds. Its slices are reused from sentence to
// sentence.
type sentFeats struct {
	tf       []tokFeat
	brackets []byte
	cmp      compounds // the noun compounds of the sentence (features_extra.go)
	nh       []nameHit // the name dictionary's hits (names.go), nil without a dictionary
}

// sentFeatures fills sf for the tokens of s.
func (x *Extractor) sentFeatures(s *sentence, sf *sentFeats) {
	n := len(s.toks)
	sf.tf = slices.Grow(sf.tf[:0], n)[:n]
	sf.brackets = slices.Grow(sf.brackets[:0], n)[:n]
	gaz := s.gazTags(x)
	nh := x.nameHits(s)
	sf.nh = nh
	depth := byte('0')
	for i := range s.toks {
		t := &s.toks[i]
		f := &sf.tf[i]
		surf := t.surf
		nr := utf8.RuneCountInString(surf)
		if nr > 10 {
			surf = "LONG"
		}
		f.surf = tmpl(1).str(surf)
		ph := x.posHash(t.pos)
		f.pos, f.pos2 = ph.tag, ph.tag2
		f.kind = x.lexKindHash(t).tag
		f.shape = tmpl(5).b(shape(t, nr))
		r, ok := decode3(t.surf)
		if !ok {
			r, _ = decodeRune(t.surf)
		}
		l, ok := decodeLast3(t.surf)
		if !ok {
			l, _ = decodeLastRune(t.surf)
		}
		f.first = tmpl(6).b(byte(r)).b(byte(r >> 8)).b(byte(r >> 16))
		f.last = tmpl(7).b(byte(l)).b(byte(l >> 8)).b(byte(l >> 16))
		f.cls = byte('0' + t.cls)
		tag, typ := gaz.at(i)
		f.gaz = tmpl(8).b(tag).str(typ)
		f.nd, f.ndOwn = tmpl(9), tmpl(9)
		if nh != nil {
			h := nh[i]
			f.ndTag = 'I'
			if h.begin {
				f.ndTag = 'B'
			}
			if h.run == 0 {
				f.ndTag = 'O'
			}
			f.nd = tmpl(9).b(f.ndTag).b(byte(h.run)).b(byte(h.run >> 8))
			f.ndOwn = tmpl(9).b(byte(h.own)).b(byte(h.own >> 8))
		}
		sf.brackets[i] = depth
		switch t.surf {
		case "「", "『", "(", "【":
			depth = '1'
		case "」", "』", ")", "】":
			depth = '0'
		}
	}
	sf.cmp.fill(s, sf.tf)
}

// appendFeatures appends the feature hashes of token i of s to buf.
func (sf *sentFeats) appendFeatures(buf []uint64, s *sentence, i int) []uint64 {
	tf := sf.tf
	n := len(tf)
	at := func(i int) *tokFeat {
		if i < 0 || i >= n {
			return &edge
		}
		return &tf[i]
	}
	if !nameable(&s.toks[i]) {
		// A function word or punctuation: a few features say whether it continues a name.
		c, p, q := at(i), at(i-1), at(i+1)
		return append(buf, uint64(tmpl(50).mix(c.surf)), uint64(tmpl(51).mix(p.pos).mix(c.surf)),
			uint64(tmpl(52).mix(c.surf).mix(q.pos)), uint64(tmpl(53).mix(p.surf).mix(c.surf)),
			uint64(tmpl(54).mix(c.surf).mix(q.surf)), uint64(tmpl(55)))
	}
	c, p, q, p2, q2 := at(i), at(i-1), at(i+1), at(i-2), at(i+2)
	known := byte('k')
	if !s.toks[i].known {
		known = 'u'
	}
	buf = append(buf,
		uint64(tmpl(10).mix(0)),
		uint64(tmpl(11).mix(c.surf)),
		uint64(tmpl(12).mix(p.surf)),
		uint64(tmpl(13).mix(q.surf)),
		uint64(tmpl(14).mix(p2.surf)),
		uint64(tmpl(15).mix(q2.surf)),
		uint64(tmpl(16).mix(p.surf.mix(c.surf))),
		uint64(tmpl(17).mix(c.surf.mix(q.surf))),
		uint64(tmpl(18).mix(c.pos)),
		uint64(tmpl(19).mix(p.pos)),
		uint64(tmpl(20).mix(q.pos)),
		uint64(tmpl(21).mix(p2.pos2)),
		uint64(tmpl(22).mix(q2.pos2)),
		uint64(tmpl(23).mix(p.pos.mix(c.pos))),
		uint64(tmpl(24).mix(c.pos.mix(q.pos))),
		uint64(tmpl(25).mix(p.pos2.mix(c.pos2).mix(q.pos2))),
		uint64(tmpl(26).mix(c.kind)),
		uint64(tmpl(27).mix(p.kind)),
		uint64(tmpl(28).mix(q.kind)),
		uint64(tmpl(29).mix(q2.kind)),
		uint64(tmpl(30).mix(c.shape)),
		uint64(tmpl(31).mix(p.shape.mix(c.shape).mix(q.shape))),
		uint64(tmpl(32).mix(c.first)),
		uint64(tmpl(33).mix(c.last)),
		uint64(tmpl(34).mix(p.last.mix(c.first))),
		uint64(tmpl(35).mix(c.gaz)),
		uint64(tmpl(36).mix(p.gaz.mix(c.gaz))),
		uint64(tmpl(40).mix(fhash(sf.brackets[i])*31+fhash(known))),
		uint64(tmpl(41).mix(fhash(c.cls)<<8|fhash(p.cls)<<16|fhash(q.cls))),
	)
	if sf.nh != nil {
		// The name dictionary: the run of listed tokens the token is in, with its kinds as a
		// whole and one by one, and the token's own kinds.
		h := sf.nh[i]
		buf = append(buf, uint64(tmpl(56).mix(c.nd)), uint64(tmpl(57).mix(c.ndOwn)),
			uint64(tmpl(58).mix(p.nd.mix(c.nd).mix(q.nd))))
		for k := range ndKinds {
			if h.run&(1<<k) != 0 {
				buf = append(buf, uint64(tmpl(59).b(c.ndTag).b(byte(k)))) // the run's kinds: c.ndTag is B or I
			}
			if h.own&(1<<k) != 0 {
				buf = append(buf, uint64(tmpl(60).b(byte(k))))
			}
		}
	}
	// The characters of the token, and its two-character affixes: a token unseen in
	// training is often known by its parts (…寺, …城, …社). The text is valid UTF-8, so the
	// affixes are byte slices of the surface.
	surf := s.toks[i].surf
	if nr := utf8.RuneCountInString(surf); nr > 1 && nr <= 12 {
		for _, r := range surf {
			buf = append(buf, uint64(tmpl(43).mix(fhash(r))))
		}
		l1, l2 := 3, 3
		if _, ok := decodeLast3(surf); !ok {
			_, l1 = decodeLastRune(surf)
		}
		if _, ok := decodeLast3(surf[:len(surf)-l1]); !ok {
			_, l2 = decodeLastRune(surf[:len(surf)-l1])
		}
		f1, f2 := 3, 3
		if _, ok := decode3(surf); !ok {
			_, f1 = decodeRune(surf)
		}
		if _, ok := decode3(surf[f1:]); !ok {
			_, f2 = decodeRune(surf[f1:])
		}
		buf = append(buf, uint64(tmpl(44).mix(tmpl(0).str(surf[len(surf)-l1-l2:]))),
			uint64(tmpl(45).mix(tmpl(0).str(surf[:f1+f2]))))
	}
	return sf.cmp.appendFeatures(buf, i) // features_extra.go
}

// gazTags reads the gazetteer matches of a sentence token by token: for each, 'B' or 'I' of the
// match covering it and the match's type, or 0 and "". The tokens are read left to right.
type gazTags struct {
	ms []gazMatch
	k  int
}

// gazTags starts reading the gazetteer matches of s.
func (s *sentence) gazTags(x *Extractor) gazTags {
	ms := s.gazMatches(x)
	if x.modelGaz == x.gaz || !slices.ContainsFunc(ms, func(m gazMatch) bool { return m.entry.unmodelled }) {
		// Without an unmodelled name among the longest matches, the model's gazetteer matches
		// the same (it only lacks entries, none of which was chosen).
		return gazTags{ms: ms}
	}
	if s.modelGazM == nil {
		s.modelGazM = x.modelGaz.matches(s.toks)
	}
	return gazTags{ms: s.modelGazM}
}

// at returns the tag and type of token i, which is not before the token of the last call.
func (g *gazTags) at(i int) (byte, string) {
	for g.k < len(g.ms) && g.ms[g.k].j <= i {
		g.k++
	}
	if g.k == len(g.ms) || g.ms[g.k].i > i {
		return 0, ""
	}
	m := &g.ms[g.k]
	typ := m.entry.typ
	if m.entry.capital != "" {
		typ = "Capital"
	}
	if i == m.i {
		return 'B', typ
	}
	return 'I', typ
}

// gazMatch is a gazetteer name over tokens [i, j).
type gazMatch struct {
	i, j  int
	entry *gazEntry
}

// gazMatches finds the longest gazetteer match starting at each token, left to right without
// overlaps.
func (s *sentence) gazMatches(x *Extractor) []gazMatch {
	if s.gazM == nil {
		s.gazM = x.gaz.matches(s.toks)
	}
	return s.gazM
}

// matches finds the longest match of g starting at each token, left to right without overlaps.
func (g *gazetteer) matches(toks []token) []gazMatch {
	out := []gazMatch{}
	var key []byte
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.symbol() || t.particle() {
			continue
		}
		// Most tokens start no name: their first code point, folded as appendFold does,
		// begins no key (spaces, which fold to nothing, take the long way).
		if r, n := utf8.DecodeRuneInString(t.surf); n > 0 && r != utf8.RuneError && (caseless(r) && !g.mayStartRune(r) ||
			!caseless(r) && !unicode.IsSpace(r) && !g.mayStartRune(unicode.ToLower(r))) {
			continue
		}
		key = key[:0]
		best := -1
		var entry *gazEntry
		for j := i; j < len(toks) && j < i+8; j++ {
			key = appendFold(key, toks[j].surf)
			if !g.mayStart(key) || !g.prefixes[string(key)] {
				break
			}
			if e := g.byKey[string(key)]; e != nil {
				best, entry = j+1, e
			}
		}
		if best > 0 {
			out = append(out, gazMatch{i: i, j: best, entry: entry})
			i = best - 1
		}
	}
	return out
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
