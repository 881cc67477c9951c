package extract

import (
	"fmt"
	"slices"
	"strings"
)

// Bunsetsu and their heads. A sentence is cut into bunsetsu (chunks): content words (nouns,
// verbs, adjectives, with their prefixes and suffixes) followed by function words (particles,
// auxiliaries, dependent verbs) and punctuation. Japanese is head-final: every chunk but the
// last modifies a chunk to its right, and the particle that ends it says which:
//
//   - a case particle (が, を, に, で, と, から, …) attaches to the nearest predicate after it;
//   - the topic (は, も) attaches to the sentence's last predicate, whose subject it usually is;
//   - の attaches to the nearest noun after it, as does a predicate that modifies a noun
//     (開発した|技術) and a noun listed with a comma before another (A、|B、|Cは);
//   - a predicate ending in て, a comma or a conjunctive particle attaches to the next predicate.
//
// This is the rule-based attachment of the classic Japanese dependency analysers, without their
// learned weights; the case frames (frame.go) read predicates' arguments from it.

// chunk is one bunsetsu: tokens [i, j), its content ending before token fn.
type chunk struct {
	i, j   int
	fn     int    // first function token; the content is [i, fn)
	head   int    // the chunk it modifies, or -1 for the last
	marker string // its final particles (が, を, には, の, と …), or ""
	pred   bool   // its content is a predicate: a verb, an adjective, a サ変 noun with する, or a noun with a copula
	noun   bool   // its content ends with a noun
	comma  bool   // a comma follows it
	conj   bool   // a predicate ending in て, a comma or a conjunctive particle: it continues into the next predicate
	adnom  bool   // an adnominal (この, 大きな): it modifies the next noun
	adverb bool   // a time or quantity noun before a comma (2024年、, 昨年、): it modifies the predicate
	depth  int    // brackets open before its content: a quote's chunks attach inside the quote
}

// isCaseParticle reports whether m, a chunk's marker, marks an argument of a predicate.
func isCaseParticle(m string) bool {
	switch m {
	case "が", "を", "に", "へ", "で", "と", "から", "より", "まで", "には", "では", "とは", "からは", "にも",
		"とも", "でも", "によって", "により", "について", "として", "に対して", "って":
		return true
	}
	return false
}

// contentWord reports whether a token is a content word: what a bunsetsu is made of before its
// function words.
func contentWord(t *token) bool {
	switch t.pos[0] {
	case "助詞", "助動詞":
		return false
	case "動詞", "形容詞":
		return t.pos[1] != "非自立" && t.pos[1] != "接尾"
	case "記号":
		// Symbols inside names (サウス・ウエスト, Wi-Fi) and spaces between Latin words are part
		// of them, as the name tagger has it (nameable); punctuation is not.
		return t.surf == " " || nameable(t)
	}
	return true
}

// continues reports whether content token t continues the chunk whose last token is prev.
func continues(prev, t *token) bool {
	if !contentWord(prev) {
		return false
	}
	switch t.pos[0] {
	case "名詞":
		// Nouns join nouns and prefixes (米国政府, 新型コロナ); after a verb or an adjective a
		// noun is a new chunk (開発する|技術).
		return prev.pos[0] == "名詞" || prev.pos[0] == "接頭詞" || prev.pos[0] == "記号"
	case "動詞":
		// する after a サ変 noun (開発する) and compound verbs (取り組む).
		return prev.pos[0] == "名詞" || prev.pos[0] == "動詞"
	case "記号":
		return prev.pos[0] == "名詞" || prev.pos[0] == "記号"
	case "接頭詞":
		return prev.pos[0] == "接頭詞"
	}
	return false
}

// punct reports whether a token ends or separates chunks: commas, full stops, brackets.
func punct(t *token) bool {
	return t.pos[0] == "記号" && !contentWord(t)
}

// openBracket reports whether a token opens a bracket: it belongs to the chunk after it.
func openBracket(t *token) bool {
	switch t.surf {
	case "「", "『", "(", "【", "[", "“", "\"":
		return true
	}
	return t.pos[1] == "括弧開"
}

// closeBracket reports whether a token closes a bracket.
func closeBracket(t *token) bool {
	switch t.surf {
	case "」", "』", ")", "】", "]", "”":
		return true
	}
	return t.pos[1] == "括弧閉"
}

// chunks cuts the tokens of s into bunsetsu and attaches each to its head.
func chunks(s *sentence) []chunk {
	toks := s.toks
	var out []chunk
	start := -1
	for k := range toks {
		t := &toks[k]
		switch {
		case start < 0:
			start = k
		case openBracket(t):
			// An opening bracket starts a chunk, unless the chunk so far is only brackets.
			if !allPunct(toks[start:k]) {
				out = append(out, chunk{i: start, j: k})
				start = k
			}
		case contentWord(t):
			if !continues(&toks[k-1], t) && !allPunct(toks[start:k]) {
				out = append(out, chunk{i: start, j: k})
				start = k
			}
		}
	}
	if start >= 0 && start < len(toks) {
		out = append(out, chunk{i: start, j: len(toks)})
	}
	depth := 0
	for c := range out {
		describe(toks, &out[c])
		ch := &out[c]
		// The depth of its content: after the chunk's own opening brackets.
		for k := ch.i; k < ch.j; k++ {
			if openBracket(&toks[k]) {
				depth++
			}
		}
		ch.depth = depth
		for k := ch.i; k < ch.j; k++ {
			if closeBracket(&toks[k]) && depth > 0 {
				depth--
			}
		}
	}
	attach(out)
	return out
}

func allPunct(ts []token) bool {
	for k := range ts {
		if !punct(&ts[k]) {
			return false
		}
	}
	return true
}

// describe fills in a chunk's content end, marker and kind.
func describe(toks []token, c *chunk) {
	c.fn = c.j
	for k := c.i; k < c.j; k++ {
		if t := &toks[k]; !contentWord(t) && !openBracket(t) {
			c.fn = k
			break
		}
	}
	// Trailing punctuation: a comma, a full stop, closing brackets.
	end := c.j
	for end > c.fn && punct(&toks[end-1]) {
		if toks[end-1].surf == "、" || toks[end-1].surf == "," {
			c.comma = true
		}
		end--
	}
	// The marker: the particles at the end of the function words.
	m := end
	for m > c.fn && toks[m-1].particle() {
		m--
	}
	// Compound particles written with a verb: によって, に対して, について, として.
	if m > c.fn && m < end && toks[m].surf == "て" {
		if v := &toks[m-1]; v.verb() && m-2 >= c.fn && toks[m-2].particle() {
			switch v.lemma() {
			case "よる", "対する", "つく", "する":
				m -= 2
			}
		}
	}
	c.marker = joinTokens(toks[m:end])
	var last *token
	for k := c.i; k < c.fn; k++ {
		if !openBracket(&toks[k]) {
			last = &toks[k]
		}
	}
	verbal := false
	for k := c.i; k < end; k++ {
		t := &toks[k]
		if (t.verb() && contentWord(t)) || (t.pos[0] == "形容詞" && contentWord(t)) {
			verbal = true
		}
		// A copula after a noun: …である, …だ, …です.
		if t.aux() && k >= c.fn && (t.lemma() == "だ" || t.lemma() == "です") {
			verbal = true
		}
	}
	// A predicate with a case particle is still the head of its own clause: …伸びなかったと,
	// …開発したから.
	c.pred = verbal && c.marker != "の" && c.marker != "は" && c.marker != "も"
	if verbal && (c.marker == "は" || c.marker == "も") && last != nil && last.verb() {
		// 開発したのは…: a nominalised clause is an argument, not a predicate.
		c.pred = false
	}
	c.noun = last != nil && last.noun()
	c.adnom = last != nil && last.pos[0] == "連体詞"
	c.adverb = c.noun && (last.pos[1] == "副詞可能" || last.pos[2] == "助数詞" || last.pos[1] == "数")
	if c.pred {
		switch c.marker {
		case "て", "で", "ながら", "し", "が", "けど", "けれど", "けれども", "ので", "から", "ば", "たり":
			c.conj = true
		}
		if c.comma {
			c.conj = true
		}
	}
}

// attach sets the head of every chunk.
func attach(cs []chunk) {
	n := len(cs)
	// lastPred is the last predicate at a chunk's bracket depth before the bracket closes:
	// the main predicate of the sentence, or of the quote the chunk stands in.
	lastPred := func(c int) int {
		last := -1
		for h := c + 1; h < n && cs[h].depth >= cs[c].depth; h++ {
			if cs[h].pred && cs[h].depth == cs[c].depth {
				last = h
			}
		}
		return last
	}
	next := func(from int, ok func(*chunk) bool) int {
		for h := from + 1; h < n; h++ {
			if ok(&cs[h]) {
				return h
			}
		}
		return -1
	}
	isPred := func(c *chunk) bool { return c.pred }
	isNoun := func(c *chunk) bool { return c.noun }
	for c := range cs {
		ch := &cs[c]
		h := -1
		if c == n-1 {
			ch.head = -1
			continue
		}
		switch {
		case ch.marker == "の":
			h = next(c, isNoun)
		case (ch.marker == "と" || ch.marker == "や") && ch.noun && !ch.pred && cs[c+1].noun && !cs[c+1].pred && coordinated(cs[c+1].marker):
			// A list: AとBは, AやBを. (Bと共同で, Bと提携した: と marks a partner.)
			h = c + 1
		case ch.marker == "は" || ch.marker == "も":
			if h = lastPred(c); h < 0 {
				h = next(c, isPred)
			}
		case ch.adnom:
			h = next(c, isNoun)
		case isCaseParticle(ch.marker):
			h = next(c, isPred)
		case ch.pred && ch.conj:
			h = next(c, isPred)
		case ch.pred:
			// A predicate right before a noun modifies it (開発した|技術); else it goes on.
			if cs[c+1].noun && !ch.comma {
				h = c + 1
			} else {
				h = next(c, isPred)
			}
		case ch.noun && ch.comma && ch.marker == "":
			// A list (A、B、Cは) or a fronted time (2024年、…).
			switch {
			case ch.adverb:
				if h = lastPred(c); h < 0 {
					h = next(c, isPred)
				}
			case cs[c+1].noun && !cs[c+1].pred:
				h = c + 1
			default:
				h = next(c, isPred)
			}
		case ch.noun && ch.marker == "" && !ch.comma:
			h = c + 1
		default:
			h = next(c, isPred)
		}
		if h < 0 {
			h = c + 1
		}
		ch.head = h
	}
}

// coordinated reports whether a noun chunk ending with marker can close a list begun with と or
// や: it is marked as a subject, topic or object, or the list goes on.
func coordinated(marker string) bool {
	switch marker {
	case "は", "が", "も", "を", "の", "と", "や", "":
		return true
	}
	return false
}

// dependents returns the chunks that modify chunk h.
func dependents(cs []chunk, h int) []int {
	var out []int
	for c := range cs {
		if cs[c].head == h {
			out = append(out, c)
		}
	}
	return out
}

// chunkOf returns the index of the chunk holding token k, or -1.
func chunkOf(cs []chunk, k int) int {
	for c := range cs {
		if k >= cs[c].i && k < cs[c].j {
			return c
		}
	}
	return -1
}

// formatChunks writes the chunks of s as "index text marker -> head" lines: for tests.
func formatChunks(s *sentence, cs []chunk) string {
	var b strings.Builder
	for c, ch := range cs {
		kind := "-"
		switch {
		case ch.pred && ch.conj:
			kind = "P+"
		case ch.pred:
			kind = "P"
		case ch.noun:
			kind = "N"
		}
		fmt.Fprintf(&b, "%d %s [%s] %s -> %d\n", c, joinTokens(s.toks[ch.i:ch.j]), ch.marker, kind, ch.head)
	}
	return b.String()
}

// chunks returns the bunsetsu of the frame's sentence, cut once.
func (f *frame) chunks() []chunk {
	if f.cs == nil {
		if f.cs = chunks(f.s); f.cs == nil {
			f.cs = []chunk{}
		}
	}
	return f.cs
}

// args returns the names heading the chunks that modify the chunk holding token i with one of
// the markers, in text order.
func (f *frame) args(i int, markers ...string) []*mention {
	cs := f.chunks()
	c := chunkOf(cs, i)
	if c < 0 {
		return nil
	}
	var out []*mention
	for _, d := range dependents(cs, c) {
		if !slices.Contains(markers, cs[d].marker) {
			continue
		}
		if m := f.headMention(&cs[d]); m != nil {
			out = append(out, m)
		}
	}
	return out
}

// openParenBefore returns the token of the parenthesis that is open at token i, or -1.
func (f *frame) openParenBefore(i int) int {
	n := 0
	for k := i - 1; k >= 0; k-- {
		t := f.tok(k)
		if !t.symbol() {
			continue
		}
		n += strings.Count(t.surf, ")") - strings.Count(t.surf, "(")
		if n < 0 {
			return k
		}
	}
	return -1
}

// headMention returns the name a chunk ends with, before its particles (with its title: 山田社長は).
func (f *frame) headMention(ch *chunk) *mention {
	var best *mention
	for _, m := range f.ms {
		// (A name the chunker cut, レモン|ド商務長官は, belongs to the chunk it ends in.)
		if m.tj <= ch.i || m.ti >= ch.j {
			continue
		}
		if _, k := f.particleAfter(m); k >= ch.fn && k <= ch.j && (best == nil || m.tj > best.tj) {
			best = m
		}
	}
	if best == nil || !slices.ContainsFunc(f.s.toks[best.tj:ch.j], func(t token) bool { return t.symbol() && strings.Contains(t.surf, ")") }) {
		return best
	}
	// 東西電機(本社:大阪市)に: the note in parentheses is not what the chunk names, the name
	// before it is.
	{
		if open := f.openParenBefore(best.ti); open > 0 {
			if w := f.tok(open - 1).surf; w == "」" || w == "』" {
				open-- // 「東西文化協会」(本部:京都市)に
			}
			for _, m := range f.ms {
				if m.tj == open {
					return m
				}
			}
		}
	}
	return best
}

// teamOwner returns the body whose research or development team chunk d names (北浜大学の研究
// チームは, AとBの研究グループが): the name of the の-chunk before it; nil for other words.
func (f *frame) teamOwner(cs []chunk, d int) *mention {
	switch joinTokens(f.s.toks[cs[d].i:cs[d].fn]) {
	case "研究チーム", "研究グループ", "開発チーム", "研究班":
	default:
		return nil
	}
	return f.bodyOf(cs, d)
}

// bodyOf returns the company or body named in a の-chunk that modifies chunk d (Xの研究チーム,
// Xの携帯電話事業), or nil.
func (f *frame) bodyOf(cs []chunk, d int) *mention {
	for _, e := range dependents(cs, d) {
		if cs[e].marker != "の" {
			continue
		}
		if m := f.headMention(&cs[e]); m != nil && isType(m.ent, Firm, Organization) {
			return m
		}
	}
	return nil
}

// examplesOf returns the last of the names given as examples before など of the companies or
// bodies chunk d counts or names by kind (AやBなど国内大手8社が, AやBなどの企業は); nil for
// other chunks. listEndingWith then gives all of them.
func (f *frame) examplesOf(cs []chunk, d int) *mention {
	last := f.tok(cs[d].fn - 1)
	if !(countWord(last.surf) && f.tok(cs[d].fn - 2).pos[1] == "数" || f.d.x.lex.firmCue[last.surf]) {
		return nil
	}
	// (The chunker attaches the など-chunk to the predicate: it is the chunk right before.)
	if e := d - 1; e >= 0 && (cs[e].marker == "など" || cs[e].marker == "などの") {
		if m := f.headMention(&cs[e]); m != nil && isType(m.ent, Firm, Organization, Country) {
			return m
		}
	}
	return nil
}

// depSubjects returns the subject of the predicate at token i as its chunks say: the name marked
// が that modifies it, else the topic (は, も). A predicate that continues into another
// (Aは…を開発し、…を発売した) without a subject of its own shares that one's topic when the topic
// stands before it. decided is false when the chunks name no subject; when a subject is there
// but is no name (利用者の半数が), decided is true and there is no subject to give.
func (f *frame) depSubjects(i int) (subj []*mention, decided bool) {
	cs := f.chunks()
	at := i
	for hops := 0; hops < 4; hops++ {
		c := chunkOf(cs, i)
		if c < 0 {
			return nil, false
		}
		// A name marked が, else a topic; a subject that is no name (利用者の半数が) leaves none.
		named := false
		for _, parts := range [][]string{{"が"}, {"は", "も"}} {
			for _, d := range dependents(cs, c) {
				if !slices.Contains(parts, cs[d].marker) {
					continue
				}
				named = true
				m := f.headMention(&cs[d])
				if m == nil {
					m = f.countryOfAuthority(cs, d)
				}
				if m == nil {
					m = f.teamOwner(cs, d)
				}
				if m == nil {
					m = f.examplesOf(cs, d)
				}
				if m == nil {
					m = f.anaphorChunk(&cs[d])
				}
				if m == nil && cs[d].fn == cs[d].i+1 && f.tok(cs[d].i).surf == "両社" {
					// 両社は: the two companies named together before.
					if pair := f.pairBefore(cs[d].i); pair != nil {
						subj = append(subj, pair...)
						continue
					}
				}
				if m != nil && (hops == 0 || m.ti < at) {
					subj = append(subj, m)
				}
			}
			if len(subj) > 0 {
				return subj, true
			}
		}
		if named {
			return nil, hops == 0
		}
		if h := cs[c].head; !cs[c].pred && (cs[c].marker == "に" || cs[c].marker == "と") && h == c+1 && cs[h].pred && f.tok(cs[h].i).lemma() == "する" {
			// Xを禁輸にする: the noun and する are one predicate, whose subject is する's.
			i = cs[h].i
			continue
		}
		if !cs[c].pred || !cs[c].conj || cs[c].head < 0 || !cs[cs[c].head].pred {
			return nil, false
		}
		i = cs[cs[c].head].i
	}
	return nil, false
}

// anaphorChunk returns, for a chunk whose content is an anaphor (同社は, 彼が, 同氏も), a mention
// of the entity it refers back to, as marked gives it; or nil.
func (f *frame) anaphorChunk(c *chunk) *mention {
	k := c.fn
	if k <= c.i || k-c.i > 2 || f.endingAt(k) != nil {
		return nil
	}
	a := f.anaphorBefore(k)
	if !a.ok() || a.ent == nil {
		return nil
	}
	prev := f.tok(k - 1)
	return &mention{sent: f.si, ti: k - 1, tj: k, start: prev.start, end: prev.end, text: prev.surf, ent: a.ent, typ: a.ent.typ}
}

// pairBefore returns the last two companies named together (AとB, A、B) in the two sentences
// before, the ones 両社 at token at refers back to, as mentions at the anaphor; or nil.
func (f *frame) pairBefore(at int) []*mention {
	for si := f.si - 1; si >= 0 && si >= f.si-2; si-- {
		pf := &frame{d: f.d, s: &f.d.sents[si], ms: f.d.ments[si], si: si}
		var pair []*mention
		for _, a := range pf.ms {
			k := pf.after(a)
			if w := pf.tok(k).surf; w != "と" && w != "、" || a.ent == nil || a.ent.typ != Firm {
				continue
			}
			if b := pf.startingAt(k + 1); b != nil && b.ent != nil && b.ent.typ == Firm && b.ent != a.ent {
				pair = []*mention{a, b}
			}
		}
		if pair != nil {
			out := make([]*mention, 2)
			t := f.tok(at)
			for n, m := range pair {
				out[n] = &mention{sent: f.si, ti: at, tj: at + 1, start: t.start, end: t.end, text: t.surf, ent: m.ent, typ: m.ent.typ}
			}
			return out
		}
	}
	return nil
}

// countryOfAuthority returns the country of a chunk that names a government or an authority
// only by its country (イタリアのデータ保護当局は, 中国の規制当局が, 米国政府は): the country's
// mention in the の-chunk before it, or nil.
func (f *frame) countryOfAuthority(cs []chunk, d int) *mention {
	if d == 0 || cs[d].fn <= cs[d].i || cs[d-1].marker != "の" || cs[d-1].head != d {
		return nil
	}
	switch last := f.tok(cs[d].fn - 1).surf; {
	case last == "当局" || strings.HasSuffix(last, "当局") || last == "政府":
	default:
		return nil
	}
	if m := f.headMention(&cs[d-1]); m != nil && isType(m.ent, Country) {
		return m
	}
	return nil
}

// modifiedName returns the name that the adnominal predicate at token i modifies: the head of
// the chunk the predicate modifies, or of the name in apposition after it (開発した電池「X」).
func (f *frame) modifiedName(i int) *mention {
	cs := f.chunks()
	c := chunkOf(cs, i)
	if c < 0 {
		return nil
	}
	for h, steps := cs[c].head, 0; h >= 0 && steps < 3; h, steps = cs[h].head, steps+1 {
		if m := f.headMention(&cs[h]); m != nil {
			return m
		}
		if cs[h].marker != "" || !cs[h].noun || cs[h].comma {
			return nil
		}
	}
	return nil
}

// nearestArg returns the last name marked with one of the markers that is an argument of the
// predicate at token i: from its chunks (objArgs), else the nearest marked name between token
// from and the predicate (the linear rule, for what the chunks miss). It returns nil if none.
func (f *frame) nearestArg(i, from int, markers ...string) []*mention {
	if ms := f.objArgs(i, from, markers...); len(ms) > 0 {
		return ms[len(ms)-1:]
	}
	if ms := f.marked(from, i, markers...); len(ms) > 0 && !f.clauseEndBetween(f.after(ms[len(ms)-1]), i) {
		return ms[len(ms)-1:]
	}
	return nil
}

// clauseEndBetween reports whether a clause ends between tokens i and j: a verb, maybe with its
// endings (しており, して), and a comma (Xに投資しており、…を提供している: X is the first
// predicate's).
func (f *frame) clauseEndBetween(i, j int) bool {
	for k := i; k < j; k++ {
		if !f.tok(k).verb() {
			continue
		}
		n := k + 1
		for n < j && (f.tok(n).aux() || f.tok(n).verb() || f.tok(n).particle() && (f.tok(n).surf == "て" || f.tok(n).surf == "で")) {
			n++
		}
		if n < j && f.tok(n).surf == "、" {
			return true
		}
	}
	return false
}

// objArgs returns the names marked with one of the markers that modify the predicate at token i
// (args). When several topics modify the predicate, the sentence lists parallel clauses that
// share it (Aは…に、Bは…と…、CはDが供給する) and only names after the subject (token from on)
// belong to its clause.
func (f *frame) objArgs(i, from int, markers ...string) []*mention {
	ms := f.args(i, markers...)
	cs := f.chunks()
	topics := 0
	for _, d := range dependents(cs, chunkOf(cs, i)) {
		if cs[d].marker == "は" {
			topics++
		}
	}
	if topics < 2 {
		return ms
	}
	out := ms[:0:0]
	for _, m := range ms {
		if m.ti >= from {
			out = append(out, m)
		}
	}
	return out
}

// sharedObject returns the を-name of a predicate that continues into the one at token i when
// that one has no object of its own: XはYを開発し、来年発売する (Y is released too).
func (f *frame) sharedObject(i int) []*mention {
	cs := f.chunks()
	c := chunkOf(cs, i)
	if c < 0 {
		return nil
	}
	for _, d := range dependents(cs, c) {
		if cs[d].marker == "を" {
			return nil // an object of its own that is no name
		}
	}
	for _, d := range dependents(cs, c) {
		if cs[d].pred && cs[d].conj {
			if wo := f.args(cs[d].i, "を"); len(wo) > 0 {
				return wo[len(wo)-1:]
			}
		}
	}
	return nil
}

// sharesOf returns the company whose shares are the を-object of the predicate at token i:
// Xの株式を, X株100万株を, X株全てを.
func (f *frame) sharesOf(i int) *mention {
	cs := f.chunks()
	c := chunkOf(cs, i)
	if c < 0 {
		return nil
	}
	for _, d := range dependents(cs, c) {
		if cs[d].marker != "を" {
			continue
		}
		if k := cs[d].i; f.tok(k-1).surf == "の" && (f.tok(k-2).surf == "株式" || f.tok(k-2).surf == "株") {
			// X株式の約15%を, Xの株式の一部を: the shares are named before the part bought.
			if m := f.nameBeforeNotes(k - 2); m != nil && isType(m.ent, Firm) {
				return m
			}
			if m := f.issuerBefore(k - 2); m != nil {
				return m // Xが発行した株式の10%を
			}
		}
		if f.tok(cs[d].i).surf == "約" || f.tok(cs[d].i).cls == clsDigit {
			// Xの株式約20%を: the shares are a chunk of their own before the part held.
			for _, o := range dependents(cs, d) {
				if w := f.tok(cs[o].j - 1).surf; cs[o].marker == "" && (w == "株式" || w == "株") {
					for _, n := range dependents(cs, o) {
						if m := f.headMention(&cs[n]); cs[n].marker == "の" && m != nil && isType(m.ent, Firm) {
							return m
						}
					}
				}
			}
		}
		for k := cs[d].i; k < cs[d].fn; k++ {
			if w := f.tok(k).surf; w != "株" && w != "株式" || f.tok(k).pos[2] == "助数詞" {
				continue
			}
			if m := f.nameBeforeNotes(k); m != nil && isType(m.ent, Firm) {
				return m // X株, X(本社・大阪市)株式
			}
			if k == cs[d].i || k == cs[d].i+1 && f.tok(cs[d].i).pos[0] == "接頭詞" { // 全株式
				for _, o := range dependents(cs, d) {
					if m := f.headMention(&cs[o]); cs[o].marker == "の" && m != nil && isType(m.ent, Firm) {
						return m // Xの株式
					}
				}
				if m := f.nameBeforeNotes(k); m != nil && f.tok(k-1).surf == "の" && isType(m.ent, Firm, Organization) {
					return m // AとB両球団の株式
				}
			}
		}
	}
	return nil
}

// nameBeforeNotes returns the name that ends right before token i, or before up to two notes in
// parentheses there (東西電機(TZ)(本社・大阪市)株式), or before の (東西電機の株式).
func (f *frame) nameBeforeNotes(i int) *mention {
	if f.tok(i-1).surf == "の" {
		i--
	}
	if f.tok(i-2).surf == "両" && f.tok(i - 2).pos[0] == "接頭詞" {
		i -= 2 // AとB両社の株式: the names before 両
	}
	for n := 0; n < 2 && f.tok(i-1).surf == ")"; n++ {
		open := -1
		for k := i - 2; k >= 0 && k > i-12; k-- {
			if w := f.tok(k).surf; w == "(" {
				open = k
				break
			} else if w == ")" || w == "。" {
				break
			}
		}
		if open < 0 {
			return nil
		}
		i = open
	}
	return f.endingAt(i)
}

// ownerOfPart returns the company whose business, division or shares are the を- or に-object of the
// predicate at token i (XがYの携帯電話事業を買収する: Y), for relations whose object is a
// company (acquires, invests_in).
func (f *frame) ownerOfPart(i int) *mention {
	cs := f.chunks()
	c := chunkOf(cs, i)
	if c < 0 {
		return nil
	}
	for _, d := range dependents(cs, c) {
		if (cs[d].marker != "を" && cs[d].marker != "に") || !cs[d].noun || cs[d].fn <= cs[d].i {
			continue
		}
		switch f.tok(cs[d].fn - 1).surf {
		case "事業", "部門", "事業部", "株式", "株", "部", "ブランド":
		default:
			continue
		}
		if m := f.bodyOf(cs, d); m != nil {
			return m
		}
	}
	return nil
}

// issuerBefore returns the company named as the subject (が) of the clause that ends right before
// token j, where shares are named (Xが発行した株式, Xが出した発行済み株式): the issuer; nil when
// no such clause with a verb is there.
func (f *frame) issuerBefore(j int) *mention {
	verb := false
	for g := j - 1; g >= 0 && g > j-8; g-- {
		t := f.tok(g)
		switch {
		case t.surf == "が" && t.particle():
			if m := f.endingAt(g); m != nil && verb && isType(m.ent, Firm) {
				return m
			}
			return nil
		case t.verb() || t.lemma() == "発行":
			verb = true
		case t.surf == "、" || t.surf == "。" || t.particle() && t.surf != "の":
			return nil
		}
	}
	return nil
}
