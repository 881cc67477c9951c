package extract

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Confidences of the quote patterns.
const (
	confDirect      = 0.9
	confIndirect    = 0.75
	confAccordingTo = 0.7
	confContinued   = 0.6
)

// speaker is who said something: an entity, or the words naming an unnamed speaker.
type speaker struct {
	ent  *entity
	text string
	pos  int // normalized offset, to resolve later anaphors
}

func (s speaker) ok() bool { return s.ent != nil || s.text != "" }

// quotes finds who said what: 「…」と述べた, indirect …と指摘した and …ことを認めた, Xによると…,
// a lead-in followed by the quote (次のようにコメントした。「…」), and speech with the subject left
// out, which continues the previous speaker.
func (d *doc) quotes() []Quote {
	var out []Quote
	var last, according, topic speaker
	lastSent, accordingSent, topicSent := -10, -10, -10
	topicFound := false
	for si := range d.sents {
		s := &d.sents[si]
		if s.boiler {
			continue
		}
		f := &frame{d: d, s: s, ms: d.ments[si], si: si}
		depth := f.bracketDepths()
		used := map[int]bool{} // content start tokens already quoted
		from := 0              // the token after the sentence's last statement
		paren := 0             // inside parentheses: a reading or a note (井植(いうえ・としお)), no speech
		balanced := parensBalanced(s.toks)
		// 山田氏「…」 and 「…」(山田氏)と…: words marked with their speaker by position alone.
		for _, q := range f.attributedBrackets(depth) {
			used[q.cs] = true
			out = append(out, d.quote(si, q))
			last, lastSent = q.spk, si
		}
		for k := range s.toks {
			if t := &s.toks[k]; t.symbol() && balanced {
				paren = max(paren+strings.Count(t.surf, "(")-strings.Count(t.surf, ")"), 0) // )、 is one token
			}
			if depth[k] > 0 || paren > 0 {
				continue
			}
			verb, vj := f.speechAt(k)
			if verb == "" {
				continue
			}
			prev, recent := last, si-lastSent <= 2
			if topicSent == si-1 && topicSent > lastSent {
				if !topicFound {
					topic, topicFound = d.personTopic(topicSent), true
				}
				if topic.ok() {
					prev, recent = topic, true // the person the sentence before was about speaks on
				}
			}
			q, ok := f.quoteFor(k, vj, verb, depth, prev, recent, from)
			if ok && q.conf == confContinued && topic.ok() && prev == topic && f.ownTopic(q.cs, q.ce, depth) {
				continue // the words have a topic or a source of their own: not the person's
			}
			if !ok || used[q.cs] {
				continue
			}
			from = vj
			used[q.cs] = true
			// 「A」「B」と述べた: every quotation of the run is the speaker's.
			for _, p := range f.precedingQuotes(q) {
				if !used[p.cs] {
					used[p.cs] = true
					out = append(out, d.quote(si, p))
				}
			}
			// Aは「…」、Bは「…」と述べた: the earlier words are their own subject's, the last
			// words the subject's right before them.
			if earlier, spk := f.pairedQuotes(q, depth); len(earlier) > 0 {
				q.spk = spk
				for _, p := range slices.Backward(earlier) {
					if !used[p.cs] {
						used[p.cs] = true
						out = append(out, d.quote(si, p))
					}
				}
			}
			co, shared := f.coSpeakers(q)
			if shared > q.cs && shared < q.ce {
				q.cs = shared
			}
			out = append(out, d.quote(si, q))
			out = d.appendShared(out, si, q, co)
			last, lastSent = q.spk, si
		}
		if q, ok := f.accordingTo(depth); ok && !used[q.cs] {
			out = append(out, d.quote(si, q))
			co, _ := f.coSpeakers(q)
			out = d.appendShared(out, si, q, co)
			last, lastSent = q.spk, si
			according, accordingSent = q.spk, si
			continue
		}
		// Xによると、…。…という。: the hearsay sentence right after a report goes on with it.
		if len(used) == 0 && accordingSent == si-1 && according.ok() {
			if q, ok := f.hearsay(according); ok {
				out = append(out, d.quote(si, q))
				last, lastSent = q.spk, si
				continue
			}
		}
		// 審査会の議決書では、…を重視。…と判断した。: a body's document as the topic of a sentence
		// without a statement; the statements after it with the subject left out are the body's.
		if len(used) == 0 {
			if spk := f.documentTopic(); spk.ok() {
				last, lastSent = spk, si
			} else if n := si + 1; n < len(d.sents) && d.sents[n].toks[0].surf == "また" &&
				(&frame{d: d, s: &d.sents[n], ms: d.ments[n], si: n}).subjectless() {
				// 同社は…難航していた。また…考えを明らかにしていた。: the topic of a sentence
				// without a statement goes on into the next, which また joins to it, as the
				// subject it leaves out.
				// (A ruling as the topic, 判決では、…を見せた, says what happened in court; it makes the
				// court no speaker of the next sentence.)
				if spk, end, _ := f.topicBefore(len(s.toks)); spk.ent != nil && f.markedWa(end, depth) && !f.hasRulingTopic() {
					last, lastSent = spk, si
				}
			} else {
				// A person so marked goes on however the next sentence begins (山田頭取は…を発表
				// した。一方で、…と述べた。), before whoever spoke last: found when the next
				// sentence has a statement (personTopic).
				topicSent, topicFound = si, false
			}
		}
	}
	return out
}

// appendShared appends the statement q of sentence si once more for each of its co-speakers.
func (d *doc) appendShared(out []Quote, si int, q found, co []speaker) []Quote {
	for _, spk := range co {
		c := q
		c.spk = spk
		out = append(out, d.quote(si, c))
	}
	return out
}

// coSpeakers returns the other names that make the statement q with its speaker: names of the
// same kind joined to the speaker's by ・ or と (A・Bは…と発表した, AとBは…), and the later topics
// of a sentence whose topics each carry their own date before the one predicate they share
// (Aは5日、Bは6日に…と発表した). For such a sentence it also returns the token where the shared
// words begin, after the last topic; else 0.
func (f *frame) coSpeakers(q found) ([]speaker, int) {
	if q.spk.ent == nil {
		return nil, 0
	}
	for k := range f.s.toks {
		if t := f.tok(k); t.start == q.spk.pos && t.surf == "両社" {
			// 両社は…と発表した: the other of the two companies the anaphor stands for.
			if pair := f.pairBefore(k); pair != nil && pair[1].ent != q.spk.ent {
				return []speaker{{ent: pair[1].ent, pos: t.start}}, 0
			}
			return nil, 0
		}
	}
	var m *mention
	for _, c := range f.ms {
		if c.ent == q.spk.ent && c.start == q.spk.pos && c.tj < q.cs {
			m = c
		}
	}
	if m == nil {
		return nil, 0
	}
	kin := func(o *mention) bool {
		if o == nil || o.ent == nil || o.ent == m.ent {
			return false
		}
		if isType(m.ent, Person) {
			return isType(o.ent, Person)
		}
		return isType(m.ent, Firm, Organization) && isType(o.ent, Firm, Organization)
	}
	var co []speaker
	// A・B・Cは, AとBは: the names before the speaker's, back over each joining word. A ・
	// also sets a body or a kind before what belongs to it (リーグ・球団は, 警視庁・X署が,
	// 所属先・氏名): it joins two firms only.
	if f.topicMark(f.after(m)) || f.tok(f.after(m)).surf == "が" {
		for p := m; ; {
			j := f.tok(p.ti - 1)
			if !(j.surf == "・" || j.surf == "と" && j.pos[1] == "並立助詞") {
				break
			}
			o := f.endingAt(p.ti - 1)
			if !kin(o) || j.surf == "・" && !(isType(m.ent, Firm) && isType(o.ent, Firm)) {
				break
			}
			if s := f.speakerOf(o); s.ok() {
				co = append(co, s)
			}
			p = o
		}
	}
	// Aは5日、Bは6日に…: a topic after the speaker's own topic and its date.
	shared := 0
	for i := f.after(m); f.topicMark(i) && f.tok(i).surf == "は"; {
		j := i + 1
		for j < q.ce && (f.tok(j).pos[1] == "数" || f.tok(j).pos[2] == "助数詞" || dateWord(f.tok(j).surf)) {
			j++
		}
		if j == i+1 || f.tok(j).surf != "、" {
			break
		}
		j++
		o := f.startingAt(j)
		if !kin(o) || !f.topicMark(f.after(o)) || f.tok(f.after(o)).surf != "は" || f.after(o) >= q.ce {
			break
		}
		if s := f.speakerOf(o); s.ok() {
			co = append(co, s)
		}
		i = f.after(o)
		shared = i + 1
	}
	return co, shared
}

// dateWord reports whether w is a word of a date written with numbers (12月25日) or a day named
// by a word.
func dateWord(w string) bool {
	switch w {
	case "年", "月", "日", "午前", "午後", "同日", "翌日", "前日", "今月", "来月", "先月":
		return true
	}
	return false
}

// documentTopic returns the body whose document opens the sentence as its topic (Xの報告書では,
// Xの声明では、), or no speaker.
func (f *frame) documentTopic() speaker {
	for i := 2; i < len(f.s.toks) && i < 12; i++ {
		if f.tok(i).surf != "では" && !(f.tok(i).surf == "は" && f.tok(i-1).surf == "で") {
			continue
		}
		k := i
		if f.tok(i).surf == "は" {
			k = i - 1
		}
		j := k - 1 // the document's first token (議決|書, 報告|書)
		if !documentWord(f.tok(j).surf) {
			if j--; !documentWord(f.tok(j).surf + f.tok(j+1).surf) {
				return speaker{}
			}
		}
		if f.tok(j-1).surf != "の" {
			return speaker{}
		}
		if m := f.endingAt(j - 1); m != nil && isType(m.ent, Firm, Organization) && !f.d.x.lex.isOutlet(m.text) {
			return f.speakerOf(m)
		}
		return speaker{}
	}
	return speaker{}
}

// sourceBefore returns the body whose own document or site the sentence before names as where
// the news is from (Xのウェブサイトで分かった, Xの発表で明らかになった), which それによると
// then cites; no speaker for an outlet's report or any other sentence.
func (f *frame) sourceBefore() speaker {
	if f.si == 0 {
		return speaker{}
	}
	pf := &frame{d: f.d, s: &f.d.sents[f.si-1], ms: f.d.ments[f.si-1], si: f.si - 1}
	for k := 2; k+1 < len(pf.s.toks); k++ {
		if pf.tok(k).surf != "で" || !(pf.tok(k+1).lemma() == "分かる" || pf.tok(k+1).lemma() == "わかる" || pf.tok(k+1).surf == "明らか") {
			continue
		}
		j := k - 1
		if w := pf.tok(j).surf; !documentWord(w) && !siteWord(w) {
			return speaker{}
		}
		if pf.tok(j-1).surf != "の" {
			return speaker{}
		}
		if m := pf.endingAt(j - 1); m != nil && isType(m.ent, Firm, Organization, Country) && !f.d.x.lex.isOutlet(m.text) {
			return pf.speakerOf(m)
		}
		return speaker{}
	}
	return speaker{}
}

// siteWord reports whether a noun names a body's own web pages (ウェブサイト, ホームページ).
func siteWord(w string) bool {
	switch w {
	case "ウェブサイト", "ホームページ", "公式サイト", "サイト", "Webサイト", "ウェブページ":
		return true
	}
	return false
}

// documentWord reports whether a noun names a document in which a body states its findings.
func documentWord(w string) bool {
	switch w {
	case "議決書", "報告書", "声明", "判決", "決定書", "意見書", "答申", "発表", "資料", "報告":
		return true
	}
	return false
}

// judgedMono reports whether token i is もの after a predicate (友好的な|もの, 適切だった|もの): with
// としている after it, the judgement is what the subject states.
func (f *frame) judgedMono(i int) bool {
	p := f.tok(i - 1)
	return f.tok(i).surf == "もの" && (p.aux() || p.verb() || p.pos[0] == "形容詞")
}

// describedNoun reports whether the words ending before token i (a と) are a noun or a short run of
// nouns that a clause of their own describes (…が疑われる事故と, …を目指す新会社と): what a body
// announces a thing to be, rather than a name joined by a coordinating と (AとBを発表した).
func (f *frame) describedNoun(i int) bool {
	k := i - 1
	for n := 0; n < 3 && k > 0 && f.tok(k).noun() && !f.tok(k).proper() && f.tok(k).pos[1] != "非自立"; n++ {
		k--
	}
	if k == i-1 || f.endingAt(i-1) != nil {
		return false
	}
	p := f.tok(k)
	return (p.verb() || p.aux() && p.surf != "だ" || p.pos[0] == "形容詞") && f.tok(k+1).noun()
}

// announceVerb reports whether a speech verb announces or explains a finding (発表する, 公表する,
// 説明する), which may take the noun it states with と.
func announceVerb(verb string) bool {
	switch verb {
	case "発表する", "公表する", "説明する", "報告する":
		return true
	}
	return false
}

// personnelBefore reports whether the words ending before token i end with a change of post
// (就任する, 昇格させる, 退任する).
func (f *frame) personnelBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		switch f.tok(k).surf {
		case "就任", "昇格", "退任", "昇任", "内定":
			return true
		}
	}
	return false
}

// announcer returns the company or body that announces a change of post of the person at
// offset pos: the last one named before the person in the sentence (Xの社長に山田氏が), else
// the company the text is about.
func (f *frame) announcer(pos int) speaker {
	var org *mention
	for _, m := range f.ms {
		if m.start < pos && isType(m.ent, Firm, Organization) && !f.d.x.lex.isOutlet(m.text) {
			org = m
		}
	}
	if org != nil {
		return f.speakerOf(org)
	}
	if e := f.d.aboutBefore(Firm, pos); e != nil {
		return speaker{ent: e, pos: pos}
	}
	return speaker{}
}

// attributedBrackets finds bracketed words whose speaker is written beside them without a
// speech verb: an interview's answers after the person's name and title (山田氏「…」鈴木氏「…」),
// and words followed by the speaker in parentheses and a quotative (「…」(山田社長)としている,
// 「…」(山田氏)と強調した). The words must be a clause (a verb, an adjective, an auxiliary or a
// comma inside): a bracketed noun after a name is a title or a role (山田氏「X」を出版,
// 「X」(主演・山田さん)と、…).
func (f *frame) attributedBrackets(depth []int) []found {
	var out []found
	for _, m := range f.ms {
		if !isType(m.ent, Person) {
			continue
		}
		// 山田氏「…」: the name with its title right before an opening bracket at the top level,
		// the closing bracket not followed by a particle or a verb that makes the words a name or
		// an argument (山田氏「…」と述べた is the speech verb's).
		if i := f.after(m); i > m.tj && f.tok(i).surf == "「" && depth[i] == 0 && f.tok(m.ti-1).surf != "(" {
			if c := f.closeOf(i, depth); c > 0 && f.clauseInside(i, c) {
				n := f.tok(c + 1)
				if !(n.particle() || n.aux() || n.verb() || n.surf == "(" || n.surf == "」") {
					spk := f.speakerOf(m)
					out = append(out, found{spk: spk, cs: i + 1, ce: c, verb: "述べる", conf: confDirect,
						sent: f.si, start: f.tok(m.ti).start, end: f.tok(c).end})
				}
			}
		}
		// 「…」(山田氏)と…: the speaker in parentheses after the words, then a quotative.
		open := m.ti - 1
		for open > 0 && open > m.ti-8 && f.tok(open).surf != "(" && f.tok(open).surf != ")" && !f.tok(open).particle() {
			open--
		}
		j := f.after(m)
		if f.tok(open).surf != "(" || f.tok(j).surf != ")" || f.tok(open-1).surf != "」" || depth[open-1] != 0 {
			continue
		}
		if t := f.tok(j + 1); !(t.particle() && strings.HasPrefix(t.surf, "と")) || f.tok(j+2).surf == "、" {
			continue
		}
		o := open - 2
		for o >= 0 && depth[o] > 0 && f.tok(o).surf != "「" {
			o--
		}
		if o < 0 || f.tok(o).surf != "「" || depth[o] != 0 || !f.clauseInside(o, open-1) {
			continue
		}
		verb := "述べる"
		if v, _ := f.speechAt(j + 2); v != "" {
			verb = v
		} else if t := f.tok(j + 2); t.lemma() == "する" {
			verb = "とする"
		}
		out = append(out, found{spk: f.speakerOf(m), cs: o + 1, ce: open - 1, verb: verb, conf: confDirect,
			sent: f.si, start: f.tok(o).start, end: f.tok(j).end})
	}
	return out
}

// closeOf returns the index of the bracket that closes the one opened at token i, or -1.
func (f *frame) closeOf(i int, depth []int) int {
	for c := i + 1; c < len(f.s.toks); c++ {
		if depth[c] == depth[i] && (f.tok(c).surf == "」" || f.tok(c).surf == "』") {
			return c
		}
		if depth[c] < depth[i] {
			return -1
		}
	}
	return -1
}

// clauseInside reports whether the tokens between brackets at o and c hold a clause: a verb, an
// adjective, an auxiliary or a comma.
func (f *frame) clauseInside(o, c int) bool {
	if c-o < 3 {
		return false
	}
	for k := o + 1; k < c; k++ {
		if t := f.tok(k); t.verb() || t.aux() || t.pos[0] == "形容詞" || t.surf == "、" {
			return true
		}
	}
	return false
}

// parensBalanced reports whether every parenthesis the tokens open they close (a note that
// runs over several sentences, (訳注:…。…), is no parenthesis of one sentence).
func parensBalanced(toks []token) bool {
	n := 0
	for i := range toks {
		if toks[i].symbol() {
			n += strings.Count(toks[i].surf, "(") - strings.Count(toks[i].surf, ")")
		}
	}
	return n == 0
}

// precedingQuotes returns the quotations written right before a direct quote's, with nothing
// or a comma between them (「A」「B」と述べた, 「A」、「B」などと述べた), as quotes of the same
// speaker.
func (f *frame) precedingQuotes(q found) []found {
	var out []found
	open := q.cs - 1
	for f.tok(open).surf == "「" {
		cl := open - 1
		if w := f.tok(cl).surf; (w == "、" || w == "とか") && f.tok(cl-1).surf == "」" {
			cl-- // 「A」、「B」などと述べた, 「A」とか「B」などと発言した
		}
		if f.tok(cl).surf != "」" {
			break
		}
		o := cl - 1
		for o >= 0 && f.tok(o).surf != "「" {
			o--
		}
		if o < 0 || o+1 >= cl {
			break
		}
		p := q
		p.cs, p.ce = o+1, cl
		out = append(out, p)
		open = o
	}
	return out
}

// pairedQuotes finds, before a direct quote's brackets, other bracketed words that each follow a
// subject of their own, the last words' subject between them and the comma (Aは「…」、Bは「…」と
// 述べた; 広報室が「…」(東都)、山田社長が「…」(東都)と述べた; Aは「…」、またBも「…」と語った): two
// speakers' words before the one verb they share. It returns those earlier words, each its
// subject's, the last one first, and the subject of the quote's own words; nothing when a
// subject cannot speak or the words in between hold anything but a subject.
func (f *frame) pairedQuotes(q found, depth []int) ([]found, speaker) {
	open := q.cs - 1
	if q.conf != confDirect || f.tok(open).surf != "「" {
		return nil, speaker{}
	}
	last, start := f.bracketSubject(open)
	if !last.ok() {
		return nil, speaker{}
	}
	var out []found
	for spk := last; ; {
		// Back from the subject to the comma after the earlier words: words that modify the
		// subject (また南町号の大橋調教師は, また共演した大森さんも) may stand between, not a
		// clause of their own (a verb that ends one, a subject, quoted words).
		c := start - 1
		for c > 0 && start-c < 15 && depth[c] == 0 && f.modifierToken(c) {
			c--
		}
		if f.tok(c).surf != "、" || depth[c] != 0 {
			break
		}
		cl := c - 1
		if f.tok(cl).surf == ")" {
			// 「…」(東都)、: the source noted after the words.
			o := cl - 1
			for o > 0 && o > cl-8 && f.tok(o).surf != "(" && f.tok(o).surf != "」" {
				o--
			}
			if f.tok(o).surf != "(" {
				break
			}
			cl = o - 1
		}
		if f.tok(cl).surf != "」" || depth[cl] != 0 {
			break
		}
		o := cl - 1
		for o >= 0 && !(f.tok(o).surf == "「" && depth[o] == 0) {
			o--
		}
		if o < 0 || !f.clauseInside(o, cl) {
			break
		}
		prev, pstart := f.bracketSubject(o)
		if !prev.ok() || prev == spk {
			break
		}
		p := q
		p.spk, p.cs, p.ce = prev, o+1, cl
		out = append(out, p)
		spk, start = prev, pstart
	}
	return out, last
}

// modifierToken reports whether token c may be part of the words that modify a subject after a
// comma: a conjunction or adverb, a noun, の, a case particle of a relative clause, or a verb or
// auxiliary that modifies the noun after it (共演した大森さん).
func (f *frame) modifierToken(c int) bool {
	t := f.tok(c)
	switch {
	case t.pos[0] == "接続詞" || t.pos[0] == "副詞" || t.surf == "また" || t.surf == " " || t.surf == "・":
		return true
	case t.noun() || t.pos[0] == "接頭詞":
		return true
	case t.particle():
		return t.surf == "の" || t.surf == "に" || t.surf == "で" || t.surf == "を" || t.surf == "から"
	case t.verb() || t.aux():
		n := f.tok(c + 1)
		return n.verb() || n.aux() || n.noun()
	}
	return false
}

// bracketSubject returns the speaker marked by が, は or も right before an opening bracket at
// token open (maybe with a comma between: Aは、「…」), and the token where the subject's words
// start: a name, a person with a post or a note in parentheses (桑田氏(元選手)も), an anaphor, or
// words naming a speaker without a name (別の住人は, 広報室が).
func (f *frame) bracketSubject(open int) (speaker, int) {
	g := open - 1
	for g > 0 && (f.tok(g).surf == "、" || f.tok(g).surf == " ") {
		g--
	}
	if t := f.tok(g); !(t.particle() && (t.surf == "が" || f.topicMark(g))) {
		return speaker{}, -1
	}
	e := g
	if f.tok(g-1).surf == ")" {
		// 桑田氏(元選手)も: a note on the person between the name and the particle.
		o := g - 2
		for o > 0 && o > g-10 && f.tok(o).surf != "(" {
			o--
		}
		if f.tok(o).surf == "(" {
			e = o
		}
	}
	m := f.endingAt(e)
	if m == nil {
		m = f.namedBeforePost(e)
	}
	if m == nil {
		m = f.nameBeforeNote(e, 0)
	}
	if m != nil {
		return f.speakerOf(m), m.ti
	}
	if s := f.phraseSpeaker(e); s.ok() {
		_, from := f.personPhrase(e)
		return s, from
	}
	if a := f.anaphorBefore(e); a.ok() {
		return a, e - 1
	}
	return speaker{}, -1
}

// hearsay returns the words of a sentence ending in "…という。" with no speaker of its own, as
// spoken by the given speaker.
func (f *frame) hearsay(spk speaker) (found, bool) {
	n := len(f.s.toks)
	for n > 0 && f.tok(n-1).symbol() {
		n--
	}
	if n < 3 || f.tok(n-1).lemma() != "いう" || f.tok(n-2).surf != "と" || f.hasAccordingTo(n) {
		return found{}, false
	}
	if t, _, has := f.topicBefore(n - 2); t.ok() || has {
		return found{}, false
	}
	cs := f.skipDate(f.contentStart(0), n-2)
	if cs >= n-2 {
		return found{}, false
	}
	return found{spk: spk, cs: cs, ce: n - 2, verb: "言う", conf: confContinued, sent: f.si,
		start: f.tok(0).start, end: f.tok(n - 1).end}, true
}

// found is a quote before it becomes output.
type found struct {
	spk    speaker
	cs, ce int // content tokens [cs, ce)
	verb   string
	conf   float64
	sent   int
	start  int // the whole statement, normalized offsets
	end    int
}

func (d *doc) quote(si int, q found) Quote {
	s := &d.sents[q.sent]
	cs, ce := s.toks[q.cs].start, s.toks[q.ce-1].end
	text := strings.TrimSpace(d.origText(cs, ce))
	out := Quote{SpeakerText: q.spk.text, Text: text, Verb: q.verb, About: []string{}, Sentence: q.sent,
		Confidence: q.conf}
	if q.spk.ent != nil {
		out.Speaker = q.spk.ent.id()
		if out.SpeakerText == "" {
			out.SpeakerText = q.spk.ent.name
		}
	}
	sp := d.n.span(q.start, q.end)
	out.Start, out.End = sp.Start, sp.End
	for _, m := range d.ments[q.sent] {
		if m.start >= cs && m.end <= ce && m.ent != nil && m.ent != q.spk.ent {
			if id := m.ent.id(); !slices.Contains(out.About, id) {
				out.About = append(out.About, id)
			}
		}
	}
	_ = si
	return out
}

// bracketDepths returns, for each token, how deep inside 「」『』 it is.
func (f *frame) bracketDepths() []int {
	depth := make([]int, len(f.s.toks))
	d := 0
	for i := range f.s.toks {
		// The dictionary may read a bracket and the marks beside it as one word (「(, )」).
		switch w := f.tok(i).surf; {
		case w == "「" || w == "『" || f.tok(i).symbol() && (strings.HasPrefix(w, "「") || strings.HasPrefix(w, "『")):
			depth[i] = d
			d++
			continue
		case w == "」" || w == "』" || f.tok(i).symbol() && (strings.HasSuffix(w, "」") || strings.HasSuffix(w, "』")):
			if d > 0 {
				d--
			}
		}
		depth[i] = d
	}
	return depth
}

// viewEnds reports whether the verb 見る at token k, in its plain form, ends the sentence right
// after a bracketed quote and と: 「…」とみる。, the news style's present tense for a view stated.
func (f *frame) viewEnds(k int) bool {
	t := f.tok(k)
	return t.surf == t.base && (f.tok(k+1).surf == "。" || k+1 >= len(f.s.toks)) && f.tok(k-1).surf == "と" &&
		(f.tok(k-2).surf == "」" || f.tok(k-2).surf == "』")
}

// speechAt recognises a speech predicate at token k and returns its reported lemma and the token
// after it.
func (f *frame) speechAt(k int) (string, int) {
	if v, j := f.idiomAt(k); v != "" {
		return v, j
	}
	t := f.tok(k)
	lex := f.d.x.lex.speech
	switch {
	case t.verb() && (t.lemma() == "挙げる" || t.lemma() == "あげる") && f.tok(k-1).surf == "として" && reasonNoun(f.tok(k-2).surf):
		// …ことを受賞の理由として挙げた, …ことを要因として挙げている: the clause given as the reason
		// is what the subject states (quoteFor takes it only before こと|を or the quotative と).
		return "挙げる", k + 1
	case t.verb() && lex[t.lemma()] != "":
		// という + noun is a quotative modifier (Xという製品), not speech.
		if (t.lemma() == "いう" || t.lemma() == "言う") && f.tok(k+1).noun() {
			return "", 0
		}
		if t.lemma() == "いう" && (f.tok(k+1).surf == "。" || k+1 >= len(f.s.toks)) && f.tok(k-1).surf == "と" {
			return "", 0 // …という。: hearsay, nobody in particular speaks
		}
		if t.lemma() == "見る" && !(f.tok(k+1).surf == "て" || f.tok(k+1).lemma() == "いる") && !f.viewEnds(k) {
			return "", 0 // 見る is speech only as "…とみている", or 「…」と見る。
		}
		if f.tok(k+1).lemma() == "れる" || f.tok(k+1).lemma() == "られる" {
			return "", 0 // passive: 見られていた, 言われる — nobody in particular
		}
		return lex[t.lemma()], k + 1
	case t.verb() && t.lemma() == "みる" && (f.tok(k+1).surf == "て" || f.tok(k+1).lemma() == "いる" || f.viewEnds(k)) && f.tok(k-1).surf == "と" &&
		(f.tok(k-2).surf == "」" || f.tok(k-2).surf == "』"):
		// 「…」とみている, in kana: the words in brackets are the subject's view. (An indirect
		// …とみている is as often the police's suspicion, whose subject is seldom named.) So is
		// the news style's present tense ending the sentence, 「…」とみる。
		return "見る", k + 1
	case t.surf == "として" && t.particle() && clauseEnd(f.tok(f.wordsEnd(k-1))):
		// 「…」として謝罪した, …ないとして、, 「…」などとして、: the clause before is what the subject
		// states.
		if n := f.tok(k + 1); n.noun() && lex[n.surf] != "" {
			return lex[n.surf], k + 2
		}
		if f.tok(k+1).surf == "、" {
			return "とする", k + 1
		}
		if p := f.tok(k - 2); f.tok(k-1).surf == "」" && (p.aux() || p.verb() || p.pos[0] == "形容詞" || p.pos[1] == "形容動詞語幹") && (f.tok(k+1).verb() || f.tok(k+1).noun()) {
			// 「…影響する」として差し控えている, 「…はない」として開示を拒んだ: words in brackets
			// that end a clause give the subject's reason for what it does (a name in brackets,
			// 「X」として発売した, ends no clause).
			return "とする", k + 1
		}
		// …とするとしてお詫びを表明した, …だとして遺憾の意を表明した: the clause before として is
		// what the subject states, giving the statement it then makes.
		j := k + 1
		for j < k+6 && (f.tok(j).noun() || f.tok(j).pos[0] == "接頭詞" || f.tok(j).surf == "の" && j > k+1) {
			j++
		}
		if j > k+1 && f.tok(j).surf == "を" && f.tok(j-1).noun() {
			if v, after := f.speechAt(j + 1); v != "" {
				return v, after
			}
		}
	case t.noun() && f.tok(k+1).verb() && f.tok(k+1).lemma() == "がる" && lex[t.surf+"がる"] != "":
		// 「…」と残念がった: a feeling's word and the suffix がる, which the dictionary cuts apart,
		// show the words the subject said.
		return lex[t.surf+"がる"], k + 2
	case t.noun() && f.tok(k+1).verb() && f.tok(k+1).lemma() == "付ける" && lex[t.surf+"づける"] != "":
		// 「…」と結論付けた: the dictionary cuts the kanji form of a verb in づける (結論|付ける)
		// that it reads whole in kana (結論づける); its passive (結論付けられた) names nobody.
		if l := f.tok(k + 2).lemma(); l == "れる" || l == "られる" {
			return "", 0
		}
		return lex[t.surf+"づける"], k + 2
	case t.verb() && t.lemma() == "する" && f.reportedSuru(k):
		// …としている, …とした, …として: the subject states it (神戸の店は…切り替えないとしている).
		return "とする", k + 1
	case t.surf == "声" && t.noun() && f.tok(k+1).surf == "が":
		// 「…」と喜ぶ声が聞かれた, 「…」との声が上がった: words heard from someone (voiceSource).
		switch v := f.tok(k + 2); v.lemma() {
		case "上がる", "あがる", "出る", "相次ぐ":
			return "声が上がる", k + 3
		case "聞く", "聞こえる":
			if v.lemma() == "聞こえる" || f.tok(k+3).lemma() == "れる" {
				return "声が上がる", k + 3
			}
		}
	case t.noun() && lex[t.surf] != "":
		j := k + 1
		if t.surf == "明らか" && f.tok(j).surf == "に" {
			j++
		}
		if v := f.tok(j); v.verb() && v.lemma() == "する" && v.surf != "さ" {
			return lex[t.surf], j + 1
		}
		if f.tok(k-1).surf == "の" && f.tok(k-2).surf == "と" {
			if f.tok(j).surf == "とともに" || f.tok(j).surf == "と" && f.tok(j+1).surf == "ともに" {
				// 「…」との見解とともに、「…」と…: the view given along with what follows.
				return lex[t.surf], j + 1
			}
			if c := noteAfter(f.s.toks, j); c > 0 && f.tok(c).surf == "を" {
				j = c // 「…」とのコメント(同社ウェブサイト掲載)を行った: a note on the statement
			}
		}
		// 声明を出した, 見解を示した, 見解を伝えた: the speech noun as the object of a verb of
		// issuing or telling.
		if f.tok(j).surf == "を" {
			switch v := f.tok(j + 1); v.lemma() {
			case "出す", "示す", "発表", "公表", "発する", "する", "行う", // …とコメントをした, …と説明を行った
				"伝える", "述べる", "語る", "表明",
				"表示", "掲載": // 「…」と案内を表示した: a notice put up
				if v.lemma() == "伝える" && !ownView(t.surf) {
					break // …との発言を伝えた: an outlet passing on someone's words
				}
				if v.verb() {
					return lex[t.surf], j + 2
				}
				if f.tok(j+2).lemma() == "する" {
					return lex[t.surf], j + 3
				}
			}
		}
		// A sentence ending in the noun (…と確認。): the news style's clipped predicate.
		if f.tok(j).surf == "。" && f.tok(k-1).surf == "と" && f.tok(k-1).particle() {
			return lex[t.surf], j
		}
	}
	return "", 0
}

// idiomAt recognises a phrase of manner that reports the words quoted before it, right after
// their と (「…」と胸を張った, と危機感をあらわにした, と声を弾ませた): a noun of the lexicon's
// idioms (of up to three tokens: 危機|感, 悔し|さ), を and its verb, or such a phrase with a modifier
// ending in の before the noun, or in に after bracketed words (bracketedToBefore). It returns the phrase
// reported and the token after the verb.
func (f *frame) idiomAt(k int) (string, int) {
	idioms := f.d.x.lex.idiom
	// The noun may carry a modifier of its own after the と (「…」と、統合の理由を挙げた, と今季への
	// 意欲を示した): quoteFor then finds the quotative と a few words back.
	if p := f.tok(k - 1); p.surf != "と" && p.surf != "の" && !(p.surf == "に" && f.bracketedToBefore(k-1)) || !p.particle() || !(f.tok(k).noun() || f.tok(k).pos[0] == "形容詞") {
		return "", 0
	}
	for o := k; o < k+3 && o < len(f.s.toks); o++ {
		if f.tok(o+1).surf != "を" {
			continue
		}
		rep := idioms[joinTokens(f.s.toks[k:o+1])][f.tok(o+2).lemma()]
		if rep == "" {
			return "", 0
		}
		end := o + 3
		if l := f.tok(o + 2).lemma(); l == "あらわ" || l == "露わ" {
			if f.tok(o+3).surf != "に" || f.tok(o+4).lemma() != "する" {
				return "", 0
			}
			end = o + 5 // あらわにした
		}
		if f.tok(end).lemma() == "せる" {
			end++ // 声を弾ませた, 悔しさをにじませた
		}
		return rep, end
	}
	return "", 0
}

// voiceSource returns the speaker named before から, からは or からも that ends, maybe with a
// comma, right before token i (山田氏からは、「…」と…声が聞かれた), or none.
func (f *frame) voiceSource(i int) speaker {
	k := i - 1
	for k > 0 && (f.tok(k).surf == "、" || f.tok(k).surf == " " || f.tok(k).surf == "「") {
		k--
	}
	if f.tok(k).surf == "は" || f.tok(k).surf == "も" {
		k--
	}
	if k < 1 || f.tok(k).surf != "から" {
		return speaker{}
	}
	if m := f.endingAt(k); m != nil {
		return f.speakerOf(m)
	}
	if ps := f.phraseSpeaker(k); ps.ent != nil {
		return ps // 山田部長からは, Xの幹部からは: the titled person, or the body of its staff
	}
	return speaker{}
}

// bracketedToBefore reports whether words in brackets and their と end a few words before token
// i, a modifier ending in に following them (「…」と周りの支えに感謝を表した): the words of a
// clause, not a name in brackets (「X」との連立に意欲を示した), which ends in no predicate.
func (f *frame) bracketedToBefore(i int) bool {
	for k := i - 1; k >= 2 && k >= i-6; k-- {
		t := f.tok(k)
		if t.surf == "と" && t.particle() && f.tok(k-1).surf == "」" {
			return clauseEnd(f.tok(k - 2))
		}
		if t.surf == "、" || t.surf == "。" || t.symbol() || t.verb() {
			return false
		}
	}
	return false
}

// wordsEnd returns the last token of quoted words that end at token k, or before a note of who
// gave them (「…」(広報部)と: the closing bracket before the note) or before など (「…」などと);
// else k.
func (f *frame) wordsEnd(k int) int {
	if o := f.sourceNote(k); o > 0 && f.tok(o-1).surf == "」" {
		return o - 1
	}
	if f.tok(k).surf == "など" && f.tok(k-1).surf == "」" {
		return k - 1 // 「…」などと述べた: the bracketed words, among others
	}
	return k
}

// sourceNote returns the opening parenthesis of a short note of common nouns in parentheses
// closing at token cl (…」(広報部)と, …」(同社広報)と), or -1.
func (f *frame) sourceNote(cl int) int {
	if f.tok(cl).surf != ")" {
		return -1
	}
	for o := cl - 1; o > 0 && o >= cl-5; o-- {
		t := f.tok(o)
		if t.surf == "(" {
			if o < cl-1 {
				return o
			}
			return -1
		}
		if !t.noun() || t.pos[1] == "数" {
			return -1
		}
	}
	return -1
}

// ownView reports whether a speech noun names the speaker's own view (見解, 考え), which telling
// (…との見解を伝えた) states, rather than words passed on (発言, 談話).
func ownView(w string) bool {
	switch w {
	case "見解", "考え", "意向", "意見", "立場", "方針":
		return true
	}
	return false
}

// reportedSuru reports whether the する at token k follows a quotative と and reports what its
// subject states (…としている, …とした, …として、), not an attempt (…ようとする), a supposition
// (…とすれば, …としても) or a passive with nobody in particular (…とされる).
func (f *frame) reportedSuru(k int) bool {
	to := f.tok(k - 1)
	w := f.wordsEnd(k - 2)                                                     // the last token of the words: 「…」(広報部)としている
	plan := planNoun(f.tok(w).surf) && (f.tok(w-1).verb() || f.tok(w-1).aux()) // …する方針としている
	// …友好的なものとしている: a judgement stated (not …ものとする, which decides it).
	judged := f.judgedMono(w) && f.tok(k+1).surf == "て" && f.tok(k+2).lemma() == "いる"
	if to.surf != "と" || !to.particle() || !(to.pos[2] == "引用" || clauseEnd(f.tok(w)) || plan || judged) {
		return false
	}
	if p := f.tok(w); p.aux() && (p.surf == "う" || p.surf == "よう") {
		return false // …しようとしている: an attempt
	}
	if p := f.tok(w); w == k-2 && p.noun() && !p.proper() && f.tok(w-1).surf == "を" {
		return false // 介護を必要とし, 若者を対象とする: one thing taken as another, no words
	}
	if p := f.tok(w); p.surf == "」" && !clauseEnd(f.tok(w-1)) && !f.bracketedClause(w) {
		return false // 名称を「X」とする: a name given, not words said
	}
	next := f.tok(k + 1)
	switch {
	case next.lemma() == "れる" || next.lemma() == "られる" || f.tok(k).surf == "さ":
		return false
	case next.surf == "こと" || next.surf == "の":
		return false // …とすることを決めた: a decision, not a statement
	case next.surf == "ば" || next.surf == "と" || next.surf == "たら" || next.surf == "なら":
		return false
	case next.surf == "て" && f.tok(k+2).surf == "も":
		return false
	}
	return true
}

// bracketedClause reports whether the bracket closing at token cl holds a clause rather than a
// name: a case particle or a comma inside (「…の範囲を超え違法」, 「…可能性があるが、…範囲内」),
// where a name has at most の (「東西の森」).
func (f *frame) bracketedClause(cl int) bool {
	for i := cl - 1; i >= 0 && i > cl-40; i-- {
		t := f.tok(i)
		switch {
		case t.surf == "「":
			return false
		case t.surf == "、", t.particle() && t.surf != "の":
			return true
		}
	}
	return false
}

// continuative reports whether the verb t is in its continuative form (非難し, 述べ, 語り): right
// before a noun it ends a clause and modifies nothing (…と非難し写真を公表: the noun begins the next).
func continuative(t *token) bool {
	if !t.verb() || t.surf == t.base {
		return false
	}
	b := []rune(t.base)
	if len(b) < 1 {
		return false
	}
	stem := string(b[:len(b)-1])
	if b[len(b)-1] == 'る' && t.surf == stem {
		return true // 一段: 述べる → 述べ
	}
	return t.surf == stem+godanI(b[len(b)-1]) && godanI(b[len(b)-1]) != "" || t.base == "する" && t.surf == "し"
}

// godanI returns the い-row kana of a 五段 verb's last kana (く → き, す → し), the ending of its
// continuative form, or "".
func godanI(r rune) string {
	switch r {
	case 'う':
		return "い"
	case 'く':
		return "き"
	case 'ぐ':
		return "ぎ"
	case 'す':
		return "し"
	case 'つ':
		return "ち"
	case 'ぬ':
		return "に"
	case 'ぶ':
		return "び"
	case 'む':
		return "み"
	case 'る':
		return "り"
	}
	return ""
}

// comparedWith reports whether t, right after a と, compares what comes before with something
// (前年と比べ, 昨年と比較して, 他社と異なり, 従来と同様に): that と is no quotative one.
func comparedWith(t *token) bool {
	switch t.lemma() {
	case "比べる", "比較", "異なる", "違う", "同様", "同じ", "比する":
		return true
	}
	return false
}

// reasonNoun reports whether w names a reason or cause given for something (理由, 授与理由, 要因).
func reasonNoun(w string) bool {
	for _, r := range []string{"理由", "要因", "原因", "根拠"} {
		if strings.HasSuffix(w, r) {
			return true
		}
	}
	return false
}

// quoteFor finds the quoted content and speaker of the speech predicate at token k.
func (f *frame) quoteFor(k, vj int, verb string, depth []int, last speaker, recent bool, from int) (found, bool) {
	q := found{verb: verb, sent: f.si, end: f.tok(vj - 1).end}
	// 「…」として(開示を)差し控えた: bracketed words given as the reason for an act.
	reason := f.tok(k).surf == "として" && vj == k+1 && f.tok(k+1).surf != "、"
	if !reason && !(continuative(f.tok(vj-1)) && f.tok(vj).noun()) && f.adnominalAt(vj) {
		return q, false // …と考える人もいる: the words modify a noun, nobody is quoted
	}
	for v := k + 1; reason && v < len(f.s.toks) && v < k+8 && f.tok(v).surf != "。"; v++ {
		if f.tok(v).verb() {
			if f.adnominalAt(v+1) || f.tok(v+1).surf == "「" {
				return q, false // 聴衆が「…」として選ぶ賞: the act modifies a noun
			}
			break
		}
	}
	if verb == "言う" && f.hasAccordingTo(k) {
		return q, false // …によると、…という: the report's tail, quoted by accordingTo
	}
	// The quotative と (or こと を) before the verb, past a subject written after the content
	// (…と彼は述べた) and adverbs.
	to := -1
	var after *mention
	var afterAna speaker
	unnamed := false // a subject after the content that names nobody (…ことを、同庁の報道官が明らかにした)
	if f.tok(k).surf == "として" {
		to = k // the quotative と is the token's own
	}
	if planNoun(f.tok(k).surf) && (f.tok(k-1).verb() || f.tok(k-1).aux()) && f.tok(k+1).surf == "を" {
		to = k // …をまとめる考えを示した: the clause the intention noun ends is the words
	}
	for i, steps := k-1, 0; to < 0 && i >= 0 && steps < 10; i, steps = i-1, steps+1 {
		t := f.tok(i)
		if depth[i] > 0 {
			break
		}
		if strings.HasPrefix(t.surf, ")") && t.symbol() {
			// A note in parentheses (…ことを1日(UTC+9)発表した) counts as one word.
			o := i - 1
			for o > 0 && o > i-12 && f.tok(o).surf != "(" && f.tok(o).surf != "。" {
				o--
			}
			if f.tok(o).surf == "(" {
				i = o
				continue
			}
		}
		if t.surf == "と" && i+1 < k && accordingToAt(f.s.toks, i-2) {
			// 警察によると、男は容疑を認めている: the と of によると names a source, and the
			// verb after it is the clause's own (…によると述べた, with the verb right after, is words).
			break
		}
		if t.surf == "と" && comparedWith(f.tok(i+1)) {
			continue // 前年と比べ…を要請した: the と of a comparison ends no words
		}
		before := f.wordsEnd(i - 1) // the last token of the words before と: 「…」(広報部)と
		if t.surf == "と" && t.particle() && (t.pos[2] == "引用" || clauseEnd(f.tok(before)) || planNoun(f.tok(i-1).surf) && (f.tok(i-2).verb() || f.tok(i-2).aux()) ||
			i == k-1 && verb == "とする" && f.judgedMono(i-1) || i == k-1 && announceVerb(verb) && f.describedNoun(i)) {
			// …と述べた; …する方針としている: the plan is the words.
			to = i
			break
		}
		if t.surf == "という" && t.particle() && i == k-1 && f.tok(k).noun() &&
			(f.tok(i-1).surf == "」" || clauseEnd(f.tok(i-1)) && !f.quotedBefore(i)) {
			// 「…」という見解を示した, …に戻すという考えを示した: the dictionary's one particle
			// という before the speech noun, after bracketed words or a clause (not after direct
			// words quoted with と before it, 「…」と…ではないという認識を示した: those are the words).
			to = i
			break
		}
		if t.surf == "を" && f.tok(i-1).surf == "こと" {
			to = i - 1
			break
		}
		if t.surf == "も" && t.particle() && i == k-1 && !f.quotedBefore(i) &&
			(f.tok(i-1).surf == "こと" || planNoun(f.tok(i-1).surf) && (f.tok(i-2).verb() || f.tok(i-2).aux()) && i-1 > 1) {
			// …であることも強調した, …を求める方針も明らかにした: what is told as well, right
			// before the verb (「…」と…ことも明らかにした: the bracketed words before are what was
			// told).
			to = i - 1
			break
		}
		if t.surf == "を" && planNoun(f.tok(i-1).surf) && (f.tok(i-2).verb() || f.tok(i-2).aux()) && i-1 > 1 {
			// …を買収する方針を明らかにした, …を昇格させる内定を発表した: the plan is the words.
			to = i - 1
			break
		}
		if t.surf == "。" || t.surf == "「" {
			break
		}
		if t.particle() && (t.surf == "は" || t.surf == "が" || t.surf == "も") {
			if m := f.endingAt(i); m != nil {
				after = m
			} else if a := f.anaphorBefore(i); a.ok() {
				afterAna = a
			} else if t.surf == "が" {
				unnamed = true
			}
		}
	}
	if to < 0 {
		// A lead-in: 次のようにコメントしている。「…」
		if f.tok(k-1).surf == "に" && f.tok(k-2).surf == "よう" && (f.tok(k-4).surf == "次" || f.tok(k-4).surf == "以下") {
			return f.leadIn(k, q)
		}
		// After the quote: 「…」。X社長はこう語った。
		if adv := f.tok(k - 1); adv.pos[0] == "副詞" && (adv.surf == "こう" || adv.surf == "そう") {
			if t, ok := f.trailIn(k, q); ok || adv.surf == "そう" {
				return t, ok
			}
			// X社長はこう語る。「…」: no quote before, the next sentence is the quote.
			return f.leadIn(k, q)
		}
		return q, false
	}
	if (verb == "確認する" || verb == "判断する") && to != k-1 {
		return q, false // …か確認した上で: checking, unless the words come right before (…と確認した)
	}
	q.ce = to
	cl := f.wordsEnd(to - 1) // the closing bracket of direct words, maybe before who gave them
	direct := f.tok(cl).surf == "」"
	if direct {
		open := cl - 1
		for open >= 0 && !(f.tok(open).surf == "「" || f.tok(open).symbol() && strings.HasPrefix(f.tok(open).surf, "「")) {
			open--
		}
		if open < 0 || cl-1 < open+1 {
			return q, false
		}
		q.cs, q.ce = open+1, cl
		q.conf = confDirect
		if (noticeVerb(verb) || verb == "認定する") && !f.clauseInside(open, cl) {
			return q, false // 「国産」と表示した, 「X線」と案内する: a label or a name shown, no words
		}
	} else {
		if noticeVerb(verb) {
			return q, false // …と表示した without brackets: what a label or screen reads
		}
		if p := f.tok(to - 1); verb == "認定する" && !(p.verb() || p.aux() || p.pos[0] == "形容詞") {
			return q, false // XをYと認定した: a thing found to be of a kind, no finding stated
		}
		q.conf = confIndirect
		q.ce = to
		if f.tok(to-1).aux() && f.tok(to-1).surf == "だ" && f.tok(to-2).surf == "こと" {
			// …ことだと語った: keep こと out of the words.
		}
	}
	if verb == "声が上がる" {
		// Xからは「…」と…声が上がった: the words are X's, heard from X; a crowd of nobody
		// named (市民からは) gives no speaker.
		spk := f.voiceSource(q.cs0(direct, to))
		if !direct || !spk.ok() {
			return q, false
		}
		q.spk = spk
	}
	// The speaker: written after the content, or the sentence's topic before it.
	switch {
	case q.spk.ok():
	case after != nil:
		q.spk = f.speakerOf(after)
	case afterAna.ok():
		q.spk = afterAna
	}
	topic, topicEnd, hasTopic := f.topicBefore(q.cs0(direct, to))
	if direct && !topic.ok() {
		// 試合の中止は3回目だが、山田氏は「…」と述べた: the sentence's first topic says nothing,
		// a later one speaks.
		if spk, end := f.laterSubject(0, q.cs0(direct, to)); spk.ok() {
			topic, topicEnd, hasTopic = spk, end, true
		}
	}
	if direct && from == 0 && topic.ok() && !q.spk.ok() {
		// Aは調査を行い、Bも「…」と話している: a subject of a later clause, right before the
		// words, says them; the first clause's topic does something else.
		if spk, end := f.laterSubject(topicEnd, q.cs-1); spk.ok() && spk.ent != topic.ent && end == q.cs-1 && f.clauseBreak(topicEnd, end) {
			topic, topicEnd = spk, end
		}
	}
	if direct && from > 0 {
		// Aは「…」と述べ、Bも「…」と語った: a direct quote after another statement in the
		// sentence, with a subject of its own, is that subject's. (Before indirect words the
		// subject may be part of them: …、Bも辞任の意向であるとした.)
		if spk, end := f.laterSubject(from, q.cs0(direct, to)); spk.ok() {
			topic, topicEnd, hasTopic = spk, end, true
		} else if !q.spk.ok() && last.ok() && f.onlyEndings(from, q.cs0(direct, to)-1) {
			// Bが「…」と論評し、「…」と発言した: the next words right after the statement are
			// the same speaker's.
			q.spk = last
		}
	}
	if !direct && from > 0 && !q.spk.ok() {
		// Aは「…」と供述しており、Bは、…を進めるとしている: indirect words after another
		// statement in the sentence are those of a topic of their own set off by a comma.
		if spk, end := f.laterCommaTopic(from, to); spk.ok() {
			topic, topicEnd, hasTopic = spk, end, true
		} else if spk, end := f.joinedTopic(from, to); spk.ok() {
			topic, topicEnd, hasTopic = spk, end, true
		}
	}
	if !direct && from == 0 && topic.ok() && !q.spk.ok() {
		// Aは…を報告し、同委員会の委員長は、…と述べている: after a clause of its own, a later
		// topic set off by a comma says the indirect words, not the first clause's topic.
		if spk, end := f.laterClauseTopic(topicEnd, to); spk.ok() && spk.ent != topic.ent {
			topic, topicEnd = spk, end
		}
	}
	if direct && !q.spk.ok() {
		// Aは、Bが「…」と発言したと伝えた: the が-name right before the bracket says the words,
		// not the topic that passes them on.
		g := q.cs - 2
		for g > 0 && (f.tok(g).surf == "、" || f.tok(g).surf == " ") {
			g--
		}
		if t := f.tok(g); g > 0 && t.surf == "が" && t.particle() {
			m := f.endingAt(g)
			if m == nil {
				m = f.namedBeforePost(g)
			}
			if m != nil && isType(m.ent, Person) {
				if spk := f.speakerOf(m); spk.ok() {
					q.spk = spk
				}
			}
		}
	}
	if reason && direct {
		// The reason is the subject's own only when its brackets follow the subject with no
		// predicate between (Xは…を要請したが、「…」として拒んだ: someone else refused), are
		// nobody else's (Yの「…」として), and hold more than a word (「ゆけむり」として: a name).
		if f.tok(q.cs-2).surf == "の" || q.ce-q.cs < 3 {
			return q, false
		}
		for i := max(topicEnd, 0); i < q.cs-1; i++ {
			// A verb in the て form (…の完敗を受けて「…」として) is the subject's own act before the
			// reason; one that ends a clause otherwise may have another subject.
			if depth[i] == 0 && f.tok(i).verb() && !(f.tok(i+1).surf == "て" || f.tok(i+1).surf == "で") {
				return q, false
			}
		}
	}
	if !q.spk.ok() && unnamed {
		return q, false // the words are not the topic's
	}
	if !direct && !q.spk.ok() && topic.ent != nil && topic.ent.typ == Person && (verb == "発表する" || verb == "公表する") && f.personnelBefore(to) {
		// …社長に山田副社長が就任すると発表した: the person is the news, the company announces it.
		if org := f.announcer(topic.pos); org.ok() {
			q.spk, topic = org, speaker{}
		}
	}
	if !q.spk.ok() && topic.ok() && f.passedOn(vj) {
		// Aは、Bが…と語ったと伝えた: B says the words; A, the topic, passes them on.
		limit := to
		if direct {
			limit = q.cs - 1
		}
		if spk, end := f.personMarkedGa(topicEnd, limit); spk.ok() {
			topic, topicEnd = spk, end
		}
	}
	if !q.spk.ok() && topic.ok() {
		q.spk = topic
	}
	if !q.spk.ok() && !hasTopic && !(f.tok(k).surf == "として" && vj == k+1) {
		// Xによると「…」ということで「…」とコメントした: with no subject of its own, a statement
		// after a source the sentence cites is the source's, not the last speaker's: a body, a
		// person or an outlet's own department (Xテレビ広報部によると), not an outlet by a short
		// name (東都によると, of 東都新聞). (Bracketed words before として, 「X」として…していくと
		// している, may be a name or a reason: they stay nobody's.)
		if src, ok := f.accordingTo(depth); ok && src.cs <= q.cs && !f.outletSource(src.spk) {
			q.spk = src.spk
		}
	}
	if !q.spk.ok() && hasTopic {
		return q, false // a subject we cannot name: better no quote than the wrong speaker
	}
	if !direct {
		q.cs = f.contentStart(topicEnd) // 山田氏はまた、…と述べた: the words begin after また
		if !topic.ok() || q.spk != topic {
			q.cs = f.afterOutlet(f.contentStart(0))
		}
		q.cs = f.pastMeeting(q.cs, to)
		// Aは「X」と述べ、Yだと強調した: the words of a later statement begin after the earlier
		// one and its verb's endings (て, いて, 、), never over it.
		if from > q.cs && from < to {
			q.cs = from
			for q.cs < to && (f.tok(q.cs).surf == "、" || f.tok(q.cs).particle() || f.tok(q.cs).aux() || f.tok(q.cs).verb() && f.tok(q.cs).pos[1] != "自立" ||
				clauseJoiner(f.tok(q.cs).surf, f.tok(q.cs+1).surf)) {
				q.cs++
			}
		}
	}
	if !q.spk.ok() {
		// A sentence that cites a news outlet reports that outlet's account: its unnamed
		// subject is whoever the outlet wrote about, not the previous speaker.
		if !recent || !last.ok() || f.citesOutlet() || reason {
			return q, false // (a reason given with no subject: whoever acts, not the last speaker)
		}
		if src, ok := f.accordingTo(depth); ok && !direct && src.spk.ent != nil && src.spk.ent != last.ent {
			// Nor are indirect words after another speaker the sentence cites as its source
			// (Aは…と述べた。また、B社幹部によれば、…としている): they are that source's account.
			return q, false
		}
		q.spk, q.conf = last, confContinued
	}
	q.start = f.tok(0).start
	q.cs = f.skipDate(q.cs, q.ce)
	for q.cs < q.ce && (f.tok(q.cs).surf == "、" || f.tok(q.cs).surf == " ") {
		q.cs++
	}
	if q.cs >= q.ce {
		return q, false
	}
	return q, true
}

// pastMeeting returns the token after a clause that opens indirect words at token i by saying
// where they were said (12日に記者会見を開き、, 会合を行い、), or i: the meeting is no part of the words.
func (f *frame) pastMeeting(i, to int) int {
	for c := i + 3; c < to && c < i+16; c++ {
		t := f.tok(c)
		if t.surf == "「" || t.surf == "『" {
			return i
		}
		if t.surf != "、" {
			continue
		}
		v, o, n := f.tok(c-1), f.tok(c-2), f.tok(c-3)
		if v.verb() && (v.surf == "開き" || v.surf == "行い") && o.surf == "を" && n.noun() &&
			(strings.HasSuffix(n.surf, "会見") || n.surf == "会合" || n.surf == "会議" || n.surf == "説明会") {
			return c + 1
		}
		return i
	}
	return i
}

// outletSource reports whether a cited source is a news outlet written short (東都によると for
// 東都新聞): its entity is an outlet and the words name no part of it (東都テレビ広報部).
func (f *frame) outletSource(spk speaker) bool {
	if spk.ent == nil || !f.d.x.lex.isOutlet(spk.ent.name) {
		return false
	}
	return !(len(spk.text) > len(spk.ent.name) && strings.HasPrefix(spk.text, spk.ent.name))
}

// clauseBreak reports whether a clause ends with a comma in tokens [i, j): a verb's or an
// auxiliary's continuative form, て or a conjunctive particle before 、 (調査を行い、, 発表しており、,
// 発見したが、).
func (f *frame) clauseBreak(i, j int) bool {
	for k := i + 1; k < j; k++ {
		if f.tok(k).surf != "、" {
			continue
		}
		if p := f.tok(k - 1); p.verb() || p.aux() || p.particle() && (p.surf == "て" || p.pos[1] == "接続助詞") {
			return true
		}
	}
	return false
}

// subjectless reports whether the sentence names no subject or topic of its own (no は, が or
// も after a word, but for には, では, とは, からも, …) and cites no source (によると).
func (f *frame) subjectless() bool {
	depth := f.bracketDepths()
	for i := range f.s.toks {
		if accordingToAt(f.s.toks, i) {
			return false
		}
		t := f.tok(i)
		if depth[i] > 0 {
			continue // a particle in quoted words (「…使うことも…」) gives the sentence no subject
		}
		if !t.particle() || t.pos[1] == "接続助詞" || (t.surf != "は" && t.surf != "が" && t.surf != "も") {
			continue
		}
		switch f.tok(i - 1).surf {
		case "に", "と", "から", "まで", "へ", "より":
			continue // not では or でも: 店舗でも…を行う names who does it
		}
		return false
	}
	return true
}

// markedWa reports whether the topic whose particle and commas end before token end is marked
// with は (同社は、), not が or も, outside brackets (not 「日本は…」, someone's words).
func (f *frame) markedWa(end int, depth []int) bool {
	k := end - 1
	for k > 0 && (f.tok(k).surf == "、" || f.tok(k).surf == " ") {
		k--
	}
	return k >= 0 && k < len(depth) && depth[k] == 0 && f.tok(k).surf == "は" && f.tok(k).particle()
}

// noticeVerb reports whether a speech verb puts up a notice (「…」と表示した, 「…」と掲載した,
// 「…」と案内した): a body's words only when bracketed and a clause, as on its web site;
// otherwise what a label, a screen or a sign reads.
func noticeVerb(verb string) bool {
	return verb == "表示する" || verb == "掲載する" || verb == "案内する"
}

// onlyEndings reports whether tokens [i, j) are only a verb's endings and commas (し、, て、):
// nothing between two statements of one speaker.
func (f *frame) onlyEndings(i, j int) bool {
	for k := i; k < j; k++ {
		if t := f.tok(k); !(t.surf == "、" || t.surf == " " || t.particle() || t.aux() || t.verb() && (t.pos[1] != "自立" || t.lemma() == "する")) {
			return false
		}
	}
	return true
}

// skipDate skips a leading date or time and its comma (12日、 3月11日、 2023年10月、 午後).
func (f *frame) skipDate(i, limit int) int {
	j := i
	for j < limit {
		t := f.tok(j)
		// (The dictionary reads 月 after a number, 3|月, as a common noun, not a counter.)
		if t.pos[1] == "数" || (t.noun() && t.pos[2] == "助数詞") || t.surf == "月" && j > i && f.tok(j - 1).pos[1] == "数" ||
			t.surf == "午前" || t.surf == "午後" || t.surf == "同日" || t.surf == "今月" || t.surf == "先月" ||
			t.surf == "時間" && j > i && (f.tok(j-1).surf == "現地" || f.tok(j-1).surf == "日本") || // 現地時間25日、
			(t.surf == "現地" || t.surf == "日本") && f.tok(j+1).surf == "時間" {
			j++
			continue
		}
		break
	}
	if j > i && j < limit && f.tok(j).surf == "、" {
		return j + 1
	}
	return i
}

// clauseEnd reports whether a token can end the clause a quotative と follows (…いると, …だと,
// 」と), unlike a noun before a coordinating と.
func clauseEnd(t *token) bool {
	return t.surf == "」" || t.aux() || t.verb() || t.pos[0] == "形容詞"
}

// adnominalAt reports whether the verb chain starting at token j modifies a noun after it.
func (f *frame) adnominalAt(j int) bool {
	for k := j; k < len(f.s.toks) && k < j+6; k++ {
		t := f.tok(k)
		switch {
		case t.particle() && t.surf == "て":
			// …と話している goes on; …と話して被害に触れた ends the chain: the noun after て
			// begins another clause.
			if n := f.tok(k + 1); n.verb() && n.pos[1] == "非自立" || n.aux() {
				continue
			}
			return false
		case t.aux() || (t.verb() && (t.pos[1] == "非自立" || t.pos[1] == "接尾")):
			continue
		case t.noun() && clauseJoiner(t.surf, f.tok(k+1).surf):
			return false // …と述べたほか、…と述べた上で: the noun joins the next clause
		case t.noun() && t.pos[1] != "非自立":
			// …と報告した模様。: the noun only hedges the report, it is no noun the words describe.
			return !hedge(t.surf) || !f.tok(k+1).symbol() && !f.tok(k+1).aux()
		}
		return false
	}
	return false
}

// joinedTopic returns the name marked は or も that opens the clause after a statement ending at
// token from, when a noun joins the two clauses (Aは…と発表したほか、Bも…と明らかにした), and
// the token after its particle.
func (f *frame) joinedTopic(from, to int) (speaker, int) {
	c, joined := from, false
	for c < to && (f.tok(c).surf == "、" || f.tok(c).particle() || f.tok(c).aux() || f.tok(c).verb() && f.tok(c).pos[1] != "自立" ||
		clauseJoiner(f.tok(c).surf, f.tok(c+1).surf)) {
		joined = joined || clauseJoiner(f.tok(c).surf, f.tok(c+1).surf)
		c++
	}
	m := f.startingAt(c)
	if !joined || m == nil || f.after(m) >= to || !f.topicMark(f.after(m)) {
		return speaker{}, 0
	}
	end := f.after(m) + 1
	for end < to && f.tok(end).surf == "、" {
		end++
	}
	return f.speakerOf(m), end
}

// clauseJoiner reports whether the noun w, with next after it, joins the clause it follows to
// the next one like a conjunction (…と述べたほか、, …と話した一方で, …と述べた上で).
func clauseJoiner(w, next string) bool {
	switch w {
	case "ほか", "他", "一方":
		return next == "、" || next == "で"
	case "上", "うえ":
		return next == "で"
	}
	return false
}

// planNoun reports whether a noun after a clause names a plan or decision the clause states
// (…する方針, …させる内定): announced, the clause is what was said.
func planNoun(w string) bool {
	switch w {
	case "方針", "計画", "予定", "意向", "内定", "考え":
		return true
	}
	return false
}

// hedge reports whether a noun ending a sentence after a verb only hedges it (…と述べた模様だ,
// …と発表した見通し).
func hedge(w string) bool {
	switch w {
	case "模様", "もよう", "見通し", "見込み", "様子":
		return true
	}
	return false
}

// accordingToAt reports whether tokens i to i+2 are "によると" or "によれば" (に, よる, と or ば).
func accordingToAt(toks []token, i int) bool {
	return i >= 0 && i+2 < len(toks) && toks[i].surf == "に" && toks[i+1].lemma() == "よる" &&
		(toks[i+2].surf == "と" || toks[i+2].surf == "ば") &&
		!(i+3 < len(toks) && toks[i+3].surf == "の") // …者によるとの見方: by someone, quoted
}

// hasAccordingTo reports whether "によると" or "によれば" comes before token k.
func (f *frame) hasAccordingTo(k int) bool {
	for i := 1; i+2 < k; i++ {
		if accordingToAt(f.s.toks, i) {
			return true
		}
	}
	return false
}

// citesOutlet reports whether the sentence cites a news outlet as its source (共同通信によれば、…).
func (f *frame) citesOutlet() bool {
	for i := 1; i+2 < len(f.s.toks); i++ {
		if !accordingToAt(f.s.toks, i) {
			continue
		}
		if f.d.x.lex.isOutlet(joinTokens(f.s.toks[f.clauseStartBefore(i):i])) {
			return true
		}
		if m := f.endingAt(i); m != nil && f.d.x.lex.isOutlet(m.text) {
			return true
		}
	}
	return false
}

// personTopic returns the person that sentence si, which states nothing, has for its topic
// marked with は (山田頭取は…を発表した), who speaks on in the next sentence's statement with no
// subject; or no speaker. A sentence with no person named in it, nor an anaphor (同氏, 同首相),
// is not read further.
func (d *doc) personTopic(si int) speaker {
	f := &frame{d: d, s: &d.sents[si], ms: d.ments[si], si: si}
	named := slices.ContainsFunc(f.ms, func(m *mention) bool { return isType(m.ent, Person) })
	for i := 0; i < len(f.s.toks) && !named; i++ {
		if d.x.lex.anaphor[f.tok(i).surf] == Person {
			named = true
		} else if f.tok(i).surf == "同" {
			_, role := d.x.lex.role[f.tok(i+1).surf]
			_, title := d.x.lex.title[f.tok(i+1).surf]
			named = role || title
		}
	}
	if !named {
		return speaker{}
	}
	spk, end, _ := f.topicBefore(len(f.s.toks))
	if spk.ent == nil || !isType(spk.ent, Person) || !f.markedWa(end, f.bracketDepths()) || f.hasRulingTopic() {
		return speaker{}
	}
	return spk
}

// ownTopic reports whether the words [cs, ce) of a statement with no subject found have a
// topic of their own set off by a comma (報告書は、…, 気象台は、…) or cite a source (…によると、…),
// outside brackets: the sentence may be about that, and the person the sentence before was
// about is not taken for its speaker.
func (f *frame) ownTopic(cs, ce int, depth []int) bool {
	for i := max(cs, 1); i+1 < ce; i++ {
		if depth[i] > 0 {
			continue
		}
		if accordingToAt(f.s.toks, i) {
			return true
		}
		if t := f.tok(i); t.particle() && f.tok(i+1).surf == "、" && (t.surf == "は" && (f.tok(i-1).noun() || f.tok(i-1).surf == "で" && f.tok(i-2).noun()) || t.surf == "では") {
			return true // Nは、, Nでは、; not には、, については、
		}
	}
	return false
}

// cs0 is the token before which the topic of an indirect quote must stand.
func (q found) cs0(direct bool, to int) int {
	if direct {
		return q.cs - 1
	}
	return to
}

// topicBefore returns the sentence's topic before token limit when it can speak (a person,
// organisation or country, an anaphor, or words naming people), and the token after its
// "は、".
func (f *frame) topicBefore(limit int) (speaker, int, bool) {
	// The subject of a source's clause (Xが伝えたところによると、…) cites, not speaks: the
	// topic stands after the last such source.
	start := 0
	for i := 1; i+2 < limit; i++ {
		if accordingToAt(f.s.toks, i) && f.tok(i-1).surf == "ところ" {
			start = i + 3
		}
	}
	for i := start; i < limit; i++ {
		t := f.tok(i)
		if spk, ok := f.rulingTopic(i); ok {
			// 判決では「…」と指摘した: the court whose ruling it is states the words.
			end := i + 1
			for end < limit && (f.tok(end).surf == "、" || f.tok(end).surf == " ") {
				end++
			}
			return spk, end, true
		}
		if !(t.particle() && (t.surf == "は" || t.surf == "が" || t.surf == "も")) || t.pos[1] == "接続助詞" {
			continue
		}
		if f.tok(i-1).surf == "で" && t.surf == "は" {
			m := f.endingAt(i - 1)
			outlet := m != nil && f.d.x.lex.isOutlet(m.text)
			if w := f.tok(i - 2).surf; outlet || strings.HasPrefix(w, "同") && f.d.x.lex.isOutlet(w) {
				return speaker{}, 0, true // 同紙では…としている: the outlet's report, nobody's words
			}
			// Xでは: a firm or body speaking as an institution (吉野家では…表明している); a place
			// with では is where, not who.
			if m != nil && isType(m.ent, Firm, Organization) {
				end := i + 1
				for end < limit && (f.tok(end).surf == "、" || f.tok(end).surf == " ") {
					end++
				}
				// Xでは山田社長が会見で「…」と述べた: a person marked が or は in the body's clause
				// speaks, not the body.
				if p, pend := f.personSubjectFrom(end, limit); p.ok() {
					return p, pend, true
				}
				return f.speakerOf(m), end, true
			}
			// X広報室では, Xの広報部では: a body's department speaking for it, as with は.
			if d := f.tok(i - 2); d.pos[1] == "接尾" && (d.surf == "部" || d.surf == "課" || d.surf == "室") {
				if ps := f.phraseSpeaker(i - 1); ps.ok() {
					end := i + 1
					for end < limit && (f.tok(end).surf == "、" || f.tok(end).surf == " ") {
						end++
					}
					return ps, end, true
				}
			}
			continue
		}
		if f.tok(i-1).surf == "で" || f.tok(i-1).surf == "に" || f.tok(i-1).surf == "と" {
			continue // には, とは: not a subject
		}
		var spk speaker
		if m := f.nameBeforeNote(i, 0); m != nil && t.surf != "が" && f.endingAt(i) == nil {
			// ジョン・スミス(John Smith)氏は (not が, which may mark the subject of a clause
			// inside the topic's words)
			spk = f.speakerOf(m)
		} else if m := f.endingAt(i); m != nil {
			spk = f.speakerOf(m)
			if spk.ok() && isType(m.ent, Location) && f.laterTopic(i+1, limit) {
				// 県が調べ、社も「…」と説明した: a local government names who acts, and the
				// later topic who speaks.
				continue
			}
		} else if m := f.endingAt(i - 1); m != nil && (f.tok(i-1).surf == "側" || f.tok(i-1).surf == "社" || f.tok(i-1).surf == "本体") {
			spk = f.speakerOf(m) // X側は, X社は, X本体は: the party X
		} else if m := f.endingAt(i - 2); m != nil && (f.tok(i-1).surf == "紙" || f.tok(i-1).surf == "誌") && (f.tok(i-2).surf == "」" || f.tok(i-2).surf == "』") {
			spk = f.speakerOf(m) // 「X」紙は: the newspaper
		} else if m := f.namedBeforePost(i); m != nil {
			spk = f.speakerOf(m) // 山田太郎コミッショナーは: the person, by a post the lexicon lacks
		} else if a := f.anaphorBefore(i); a.ok() {
			spk = a
		} else if ps := f.phraseSpeaker(i); ps.ok() {
			spk = ps
		}
		if !spk.ok() {
			if b := f.branchOf(i); b != nil {
				spk = f.speakerOf(b) // 東西電鉄新潟支社は: the company of the branch
			}
		}
		end := i + 1
		for end < limit && (f.tok(end).surf == "、" || f.tok(end).surf == " ") {
			end++
		}
		if spk.ok() {
			// Xは…を主張していたが、判決では「…」と指摘した: the ruling after the clause speaks,
			// not the party whose claim it answers.
			for k := i + 1; k < limit; k++ {
				if court, ok := f.rulingTopic(k); ok && f.hasVerb(i+1, k) {
					end := k + 1
					for end < limit && (f.tok(end).surf == "、" || f.tok(end).surf == " ") {
						end++
					}
					return court, end, true
				}
			}
		}
		if spk.ok() && t.surf == "が" {
			// Xが売却を決めた理由について、山田氏は…: the subject of a clause that modifies a
			// noun is not the speaker; the person named later as the topic is.
			if later, lend := f.laterPerson(i+1, limit); later.ok() && f.verbBetween(i+1, lend) {
				return later, lend, true
			}
			// 山田氏が監督を務める大会の実行委員会は、…と発表した: the topic after the relative
			// clause speaks, a body as well as a person.
			if later, lend := f.laterSubject(i+1, limit); later.ok() && lend > 0 && f.verbBetween(i+1, lend) {
				return later, lend, true
			}
		}
		if spk.ok() {
			return spk, end, true
		}
		if t.surf == "は" {
			// A topic that names someone we cannot resolve blocks guessing a speaker; a topic
			// that is part of what was said (地元のビデオモデルは…と付け加えた) does not.
			if f.personLike(i - 1) {
				return speaker{}, end, true
			}
			// これは山田社長が「…」と明かしたものだ, これは東西商事の山田社長が明らかにしたもので、
			// 「…」としており: after a demonstrative topic, the name marked が right after it (past
			// the names of its body or country with の) is who speaks.
			if w := f.tok(i - 1).surf; w == "これ" || w == "それ" {
				m := f.startingAt(end)
				for m != nil && f.tok(f.after(m)).surf == "の" {
					n := f.startingAt(f.after(m) + 1)
					if n == nil {
						break
					}
					m = n
				}
				if m != nil && m.ent != nil && isType(m.ent, Person, Firm, Organization) {
					if k := f.after(m); k < limit && f.tok(k).surf == "が" && f.tok(k).particle() {
						k++
						for k < limit && f.tok(k).surf == "、" {
							k++
						}
						return f.speakerOf(m), k, true
					}
				}
			}
			// これは…ものであり、Y氏は…とコメントした: a person named as a later clause's topic
			// speaks.
			if spk, end := f.laterPerson(end, limit); spk.ok() {
				return spk, end, true
			}
			return speaker{}, end, false
		}
	}
	return speaker{}, 0, false
}

// hasRulingTopic reports whether the sentence has a court's ruling as a topic (rulingTopic).
func (f *frame) hasRulingTopic() bool {
	for i := range f.s.toks {
		if _, ok := f.rulingTopic(i); ok {
			return true
		}
	}
	return false
}

// rulingTopic reports whether token i is the topic particle after a court's ruling (判決は,
// 判決では, 一審判決は, Xの判決では) and returns the court that ruled: X when the ruling is
// written with a court's name before it, else the court the article named last before it. It
// reports false when no court is named.
func (f *frame) rulingTopic(i int) (speaker, bool) {
	t := f.tok(i)
	j := -1 // the ruling's token
	switch {
	case t.surf == "では" && t.particle():
		j = i - 1
	case t.surf == "は" && t.particle() && t.pos[1] != "接続助詞" && f.tok(i-1).surf == "で":
		j = i - 2
	case t.surf == "は" && t.particle() && t.pos[1] != "接続助詞":
		j = i - 1
	}
	if j < 0 || !strings.HasSuffix(f.tok(j).surf, "判決") || !f.tok(j).noun() {
		return speaker{}, false
	}
	open := 0
	for k := 0; k < j; k++ {
		open += strings.Count(f.tok(k).surf, "「") - strings.Count(f.tok(k).surf, "」")
	}
	if open > 0 {
		return speaker{}, false // 「…今日の判決は…」: someone's words about the ruling
	}
	if f.tok(j-1).surf == "の" {
		if m := f.endingAt(j - 1); m != nil && isType(m.ent, Organization) && courtName(m.text) {
			return f.speakerOf(m), true
		}
	}
	// The court whose presiding judge the article names (Xの山田裁判長, X(山田裁判長)) is the one
	// ruling, before a lower court whose ruling it reviews (Xの判決を取り消し).
	var court, judged *mention
	for _, typ := range []string{Organization, Location} {
		// A court the name model reads as a place (X高等裁判所Y支部) still rules; it cannot
		// speak, so the words get no speaker rather than another court's.
		f.d.eachBefore(typ, f.tok(j).start, false, func(g *frame, m *mention) {
			if !courtName(m.text) {
				return
			}
			if court == nil || m.start > court.start {
				court = m
			}
			for k := m.tj; k < m.tj+6 && k < len(g.s.toks); k++ {
				if w := g.tok(k).surf; w == "裁判長" || w == "裁判官" || w == "裁判" && (g.tok(k+1).surf == "長" || g.tok(k+1).surf == "官") {
					if judged == nil || m.start > judged.start {
						judged = m
					}
					break
				}
				if w := g.tok(k).surf; w == "、" || w == "。" || g.tok(k).verb() {
					break
				}
			}
		})
	}
	if judged != nil {
		court = judged
	}
	if court == nil {
		return speaker{}, false
	}
	if court.ent.typ != Organization {
		return speaker{}, true
	}
	return speaker{ent: court.ent, pos: court.start}, true
}

// hasVerb reports whether a verb stands in tokens [i, j).
func (f *frame) hasVerb(i, j int) bool {
	for k := i; k < j; k++ {
		if f.tok(k).verb() {
			return true
		}
	}
	return false
}

// courtName reports whether a body's name is a court's (東京地方裁判所, 大阪高裁, 知財高裁, 最高裁,
// 南町高等裁判所北浜支部).
func courtName(name string) bool {
	branch := strings.HasSuffix(name, "支部")
	for _, w := range []string{"裁判所", "地裁", "高裁", "家裁", "簡裁"} {
		if strings.HasSuffix(name, w) || branch && strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// namedBeforePost returns the person whose name ends before a post of up to five common nouns
// that ends right before token i (山田太郎|コミッショナー|は, マイク・ロウ|陸軍|スポークスマン|は), or nil.
func (f *frame) namedBeforePost(i int) *mention {
	posts := 0
	for k := i - 1; k >= 0; k-- {
		if f.tok(k).surf == ")" {
			// A note in parentheses (リャン・ウェンフォン, CEO) between the name, its post and は.
			o := k - 1
			for o > 0 && o > k-8 && f.tok(o).surf != "(" {
				o--
			}
			if f.tok(o).surf != "(" {
				return nil
			}
			if m := f.endingAt(k); m != nil && m.ti == o+1 && isType(m.ent, Person) && posts > 0 {
				return m // the person's name read in parentheses: 梁志遠(リャン・ジーユエン)CEOは
			}
			if m := f.endingAt(o); m != nil {
				if isType(m.ent, Person) && posts > 0 {
					return m
				}
				return nil
			}
			k = o
			continue
		}
		if f.tok(k).surf == "・" && posts > 0 {
			// 山田太郎・工学部長は: the post joined to the name by ・.
			if m := f.endingAt(k); m != nil && isType(m.ent, Person) {
				return m
			}
			return nil
		}
		if posts == 5 || !f.postAfterName(k) {
			return nil
		}
		posts++
		if m := f.endingAt(k); m != nil {
			if isType(m.ent, Person) {
				return m
			}
			return nil
		}
	}
	return nil
}

// postAfterName reports whether token k, right after a person's name, is a common noun that
// can only be the person's post there (コミッショナー, プロデューサー): a katakana or kanji word of the
// dictionary's general nouns.
func (f *frame) postAfterName(k int) bool {
	t := f.tok(k)
	if t.surf == "代行" || t.surf == "代理" || t.surf == "補佐" {
		return true // 長官代行, 社長代理
	}
	if f.d.x.lex.personSfx[t.surf] {
		return false // 氏, さん, 君: an honorific, no post (see nameBeforeNote)
	}
	return t.known && t.noun() && !t.proper() && (t.pos[1] == "一般" || t.pos[1] == "サ変接続" || t.pos[1] == "接尾") &&
		(t.cls == clsKatakana || t.cls == clsKanji || t.cls == clsLatin)
}

// nameBeforeNote returns the name before a note in parentheses and an honorific ending before
// token i (ジョン・スミス(John Smith)氏は), looking no further back than token from.
func (f *frame) nameBeforeNote(i, from int) *mention {
	k := i - 1
	if !f.d.x.lex.personSfx[f.tok(k).surf] || f.tok(k-1).surf != ")" {
		return nil
	}
	for k -= 2; k > from && k > i-14 && f.tok(k).surf != "("; k-- {
	}
	if f.tok(k).surf != "(" {
		return nil
	}
	return f.endingAt(k)
}

// laterPerson returns a person named with は after a comma in tokens [from, limit) (…であり、Y氏は,
// …であり、Xの山田社長は),
// and the token after its particle.
func (f *frame) laterPerson(from, limit int) (speaker, int) {
	comma := false
	for i := from + 1; i < limit; i++ {
		if f.tok(i).surf == "、" {
			comma = true
		}
		if !comma || !f.topicMark(i) || f.tok(i).surf != "は" {
			continue
		}
		m := f.endingAt(i)
		if m == nil {
			m = f.titledPerson(i)
		}
		if m == nil {
			m = f.nameBeforeNote(i, from)
		}
		if m == nil || !isType(m.ent, Person) {
			continue
		}
		end := i + 1
		for end < limit && (f.tok(end).surf == "、" || f.tok(end).surf == " ") {
			end++
		}
		return f.speakerOf(m), end
	}
	return speaker{}, 0
}

// branchOf returns the company or body whose branch, office or plant ends before token i, named
// right before the branch with maybe its place between (東西電鉄|新潟|支社, 東西銀行|大阪|支店,
// 東西電機|本社), or nil.
func (f *frame) branchOf(i int) *mention {
	switch f.tok(i - 1).surf {
	case "支社", "支店", "支局", "本社", "本店", "営業所", "事業所", "工場", "本部":
	default:
		return nil
	}
	k := i - 1
	if p := f.tok(k - 1); p.proper() && p.pos[2] == "地域" {
		k-- // the branch's place
	} else if m := f.endingAt(k); m != nil && m.ti < k && isType(m.ent, Location) {
		k = m.ti
	}
	if m := f.endingAt(k); m != nil && m.tj == k && isType(m.ent, Firm, Organization) {
		return m
	}
	return nil
}

// passedOn reports whether the speech verb at token vj is followed by と and a verb of passing
// words on (…と語ったと伝えた, …と述べたと報じた, …と話したと報道している): whoever is reported
// speaks, not the topic that reports.
func (f *frame) passedOn(vj int) bool {
	k := vj + 1
	for k < len(f.s.toks) && (f.tok(k).aux() || f.tok(k).verb() && f.tok(k).pos[1] != "自立" || f.tok(k).surf == "て") {
		k++
	}
	if f.tok(k).surf != "と" || !f.tok(k).particle() {
		return false
	}
	n := f.tok(k + 1)
	return reportWord(n) && (n.surf != "報道" || f.tok(k+2).lemma() == "する")
}

// reportWord reports whether t is a verb or noun of passing news on: 伝える, 報じる, 報ずる, 報道.
func reportWord(t *token) bool {
	switch t.lemma() {
	case "伝える", "報じる", "報ずる":
		return true
	}
	return t.surf == "報道"
}

// personMarkedGa returns the first person marked が in tokens [from, limit), outside brackets,
// and the token after the particle (and its comma).
func (f *frame) personMarkedGa(from, limit int) (speaker, int) {
	depth := 0
	for k := max(from, 0); k < limit; k++ {
		switch t := f.tok(k); {
		case t.surf == "「" || t.surf == "『":
			depth++
		case t.surf == "」" || t.surf == "』":
			depth--
		case depth == 0 && t.surf == "が" && t.particle():
			if spk, end := f.personMarked(k, limit); spk.ok() {
				return spk, end
			}
		}
	}
	return speaker{}, 0
}

// personSubjectFrom returns a person marked が or は in tokens [from, limit) before any verb or
// opening bracket (Xでは|山田社長が会見で「…」), and the token after the particle.
func (f *frame) personSubjectFrom(from, limit int) (speaker, int) {
	for k := from; k < limit; k++ {
		t := f.tok(k)
		if t.verb() || t.aux() || t.surf == "「" || t.surf == "『" {
			break
		}
		if !t.particle() || t.surf != "が" && !f.topicMark(k) {
			continue
		}
		return f.personMarked(k, limit)
	}
	return speaker{}, 0
}

// personMarked returns the person named (maybe with a title) right before the particle at token
// k, and the token after the particle and its comma; no speaker when no person is named there.
func (f *frame) personMarked(k, limit int) (speaker, int) {
	m := f.endingAt(k)
	if m == nil {
		m = f.titledPerson(k)
	}
	if m == nil || !isType(m.ent, Person) {
		return speaker{}, 0
	}
	end := k + 1
	for end < limit && (f.tok(end).surf == "、" || f.tok(end).surf == " ") {
		end++
	}
	return f.speakerOf(m), end
}

// laterSubject returns the last name marked by は or も between tokens from and limit that can
// speak, and the token after its particle.
func (f *frame) laterSubject(from, limit int) (speaker, int) {
	var spk speaker
	end := 0
	for i := from; i < limit; i++ {
		if !f.topicMark(i) {
			continue
		}
		m := f.endingAt(i)
		if m == nil {
			m = f.namedBeforePost(i)
		}
		if m != nil {
			if s := f.speakerOf(m); s.ok() {
				spk, end = s, i+1
			}
		} else if s := f.phraseSpeaker(i); s.ent != nil {
			spk, end = s, i+1 // X広報部は, Xの担当者は: the body's staff speak for it
		} else if a := f.anaphorBefore(i); a.ok() {
			spk, end = a, i+1 // Aが…を行っており、同社は「…」と述べた: the anaphor's referent
		}
	}
	for end > 0 && end < limit && (f.tok(end).surf == "、" || f.tok(end).surf == " ") {
		end++
	}
	return spk, end
}

// laterCommaTopic returns the first name between tokens from and limit marked は and a comma
// (Bは、) that can speak, and the token after the comma.
func (f *frame) laterCommaTopic(from, limit int) (speaker, int) {
	for i := from; i+1 < limit; i++ {
		if !f.topicMark(i) || f.tok(i).surf != "は" || f.tok(i+1).surf != "、" {
			continue
		}
		if m := f.endingAt(i); m != nil && !(f.tok(m.ti-1).surf == "、" && f.endingAt(m.ti-1) != nil) {
			// (not the last of a list, A、B、Cは、: the list is the topic)
			if s := f.speakerOf(m); s.ok() {
				return s, i + 2
			}
		}
	}
	return speaker{}, 0
}

// laterClauseTopic returns the speaker named by a topic marked は and a comma in tokens [from,
// limit) that follows the end of a clause (…に報告し、同委員会の委員長は、): a name, an anaphor or
// words naming an unnamed person; and the token after its comma.
func (f *frame) laterClauseTopic(from, limit int) (speaker, int) {
	for i := from + 1; i+1 < limit; i++ {
		if !f.topicMark(i) || f.tok(i).surf != "は" || f.tok(i+1).surf != "、" || !f.clauseBreak(from, i) {
			continue
		}
		var spk speaker
		if m := f.endingAt(i); m != nil {
			spk = f.speakerOf(m)
		} else if a := f.anaphorBefore(i); a.ok() {
			spk = a
		} else {
			spk = f.phraseSpeaker(i)
		}
		if spk.ok() {
			return spk, i + 2
		}
	}
	return speaker{}, 0
}

// laterTopic reports whether a topic (は, も) after something that could name a speaker stands in
// tokens [from, to).
func (f *frame) laterTopic(from, to int) bool {
	for k := from; k < to; k++ {
		if f.topicMark(k) && f.personLike(k-1) {
			return true
		}
	}
	return false
}

// topicMark reports whether token i is は or も marking the topic before it (not the
// conjunctive particle, nor では, には, とは).
func (f *frame) topicMark(i int) bool {
	t := f.tok(i)
	if !t.particle() || (t.surf != "は" && t.surf != "も") || t.pos[1] == "接続助詞" {
		return false
	}
	p := f.tok(i - 1).surf
	return p != "で" && p != "に" && p != "と"
}

// personLike reports whether the token before a topic particle could name a person or a body:
// a name, an honorific or title, a role, or a word the dictionary does not know.
func (f *frame) personLike(k int) bool {
	t := f.tok(k)
	if t.proper() || !t.known || t.cls == clsLatin {
		return true
	}
	if _, ok := f.d.x.lex.title[t.surf]; ok {
		return true
	}
	if _, ok := f.d.x.lex.role[t.surf]; ok {
		return true
	}
	return f.d.x.lex.personSfx[t.surf]
}

// localGovernment reports whether a place's name is that of an administrative unit, which
// speaks as its government (東山市は…と発表した, 北海道によると): a prefecture, city, town, village,
// ward, state or province, not a region or a country's place name alone.
func localGovernment(name string) bool {
	r, _ := utf8.DecodeLastRuneInString(name)
	return adminUnit(r) && utf8.RuneCountInString(name) >= 2
}

// speakerOf returns a mention as a speaker, when its entity can speak.
func (f *frame) speakerOf(m *mention) speaker {
	if m.ent == nil {
		return speaker{}
	}
	if !isType(m.ent, Person, Firm, Organization, Country) && !(isType(m.ent, Location) && localGovernment(m.text)) {
		return speaker{}
	}
	return speaker{ent: m.ent, pos: m.start}
}

// anaphorBefore resolves an anaphor (彼, 同社) ending right before token i to the latest entity
// of its type mentioned before it.
func (f *frame) anaphorBefore(i int) speaker {
	t := f.tok(i - 1)
	if t.surf == "両社" {
		// 両社は, 両社の発表によると: the first of the two companies named together before
		// (coSpeakers gives the other).
		if pair := f.pairBefore(i - 1); pair != nil {
			return speaker{ent: pair[0].ent, pos: t.start}
		}
		return speaker{}
	}
	typ, ok := f.d.x.lex.anaphor[t.surf]
	if !ok && f.tok(i-2).surf == "同" {
		// 同CEO, 同社長: the person last named with that role.
		_, role := f.d.x.lex.role[t.surf]
		_, title := f.d.x.lex.title[t.surf]
		if role || title {
			typ, ok, t = Person, true, f.tok(i-2)
		}
	}
	if !ok {
		// 協議会は, 組合は: the last words of a body's name, alone, name that body.
		for k := 1; k <= 2 && i-k >= 0; k++ {
			w := joinTokens(f.s.toks[i-k : i])
			if f.tok(i-k).noun() && f.tok(i-1).noun() && !f.tok(i-k).proper() && utf8.RuneCountInString(w) >= 2 && !f.tok(i-k-1).noun() && f.tok(i-k-1).surf != "の" {
				if e := f.d.latestEndingWith(w, f.tok(i-k).start); e != nil {
					return speaker{ent: e, pos: f.tok(i - k).start}
				}
				if f.tok(i-k-1).surf == "同" {
					// 同監視委 after 証券取引等監視委員会: 同 and a part of the body's name.
					if e := f.d.latestContaining(w, f.tok(i-k).start); e != nil {
						return speaker{ent: e, pos: f.tok(i - k - 1).start}
					}
				}
			}
		}
		return speaker{}
	}
	var e *entity
	if unit, ok := strings.CutPrefix(t.surf, "同"); ok && typ == Organization && unit != "" {
		// 同局, 同省, 同庁: the latest body whose name ends with that word (a committee of an
		// agency named between them is not the agency), else whatever body came last.
		e = f.d.unitAntecedent(unit, t.start)
	}
	if e == nil {
		e = f.d.antecedent(typ, t.start, t.surf == "同社" || t.surf == "彼" || t.surf == "彼女" || t.surf == "同氏")
	}
	if e == nil {
		return speaker{}
	}
	return speaker{ent: e, pos: t.start}
}

// antecedent returns the entity of type typ that an anaphor at normalized offset pos refers back
// to: the latest one that was a clause's topic or subject (Xは, Xが) or a cited source (Xによると),
// the roles of what the text is about, else the latest one mentioned. With noOutlet, a news outlet is no antecedent: 同社 after
// "産経新聞によると" is the firm the report is about, not the newspaper (同紙 may be the outlet).
func (d *doc) antecedent(typ string, pos int, noOutlet bool) *entity {
	if topic := d.topicBefore(typ, pos, noOutlet); topic != nil {
		return topic
	}
	return d.latestBefore(typ, pos, noOutlet)
}

// unitAntecedent returns the body an anaphor 同+unit (同局, 同省) at offset pos refers back to: of
// the organisations before it whose names end with unit, the latest topic, subject or cited
// source, else the latest one; nil when none ends so.
func (d *doc) unitAntecedent(unit string, pos int) *entity {
	ends := func(e *entity) bool { return strings.HasSuffix(e.name, unit) && !strings.HasPrefix(e.name, "同") }
	if e := d.topicWhere(Organization, pos, false, ends); e != nil {
		return e
	}
	var latest *entity
	d.eachBefore(Organization, pos, false, func(_ *frame, m *mention) {
		if ends(m.ent) {
			latest = m.ent
		}
	})
	return latest
}

// topicBefore returns the latest entity of type typ before offset pos that was a topic, a
// subject or a cited source, or nil.
func (d *doc) topicBefore(typ string, pos int, noOutlet bool) *entity {
	return d.topicWhere(typ, pos, noOutlet, nil)
}

// topicWhere is topicBefore among the entities keep accepts (all with a nil keep).
func (d *doc) topicWhere(typ string, pos int, noOutlet bool, keep func(*entity) bool) *entity {
	var topic *entity
	topicSent := -1 // the sentence of the latest name marked は or も
	d.eachBefore(typ, pos, noOutlet, func(f *frame, m *mention) {
		if keep != nil && !keep(m.ent) {
			return
		}
		p, pi := f.particleAfter(m)
		if p == "が" && topicSent == f.si {
			// XはYが…と発表した: a subject after the sentence's topic is that of a clause inside
			// it; the sentence is about X.
			return
		}
		if p == "は" || p == "が" || p == "も" || p == "では" || (p == "に" && f.tok(pi+1).lemma() == "よる") {
			topic = m.ent
			if p == "は" || p == "も" {
				topicSent = f.si
			}
		}
	})
	return topic
}

// latestEndingWith returns the latest organisation or company mentioned before offset pos whose
// name ends with word (全国FM放送協議会 for 協議会), or nil.
func (d *doc) latestEndingWith(word string, pos int) *entity {
	var latest *entity
	at := -1 // where latest was mentioned
	n := utf8.RuneCountInString(word)
	for _, typ := range []string{Organization, Firm} {
		d.eachBefore(typ, pos, false, func(_ *frame, m *mention) {
			if m.start > at && strings.HasSuffix(m.text, word) && utf8.RuneCountInString(m.text) >= n+2 {
				latest, at = m.ent, m.start
			}
		})
	}
	return latest
}

// latestContaining returns the latest organisation or company mentioned before offset pos whose
// name holds word and is longer (証券取引等監視委員会 for 監視委), or nil.
func (d *doc) latestContaining(word string, pos int) *entity {
	var latest *entity
	at := -1
	for _, typ := range []string{Organization, Firm} {
		d.eachBefore(typ, pos, false, func(_ *frame, m *mention) {
			if m.start > at && strings.Contains(m.text, word) && len(m.text) > len(word) {
				latest, at = m.ent, m.start
			}
		})
	}
	return latest
}

// latestBefore returns the latest entity of type typ mentioned before offset pos, or nil.
func (d *doc) latestBefore(typ string, pos int, noOutlet bool) *entity {
	var latest *entity
	d.eachBefore(typ, pos, noOutlet, func(_ *frame, m *mention) { latest = m.ent })
	return latest
}

// eachBefore calls fn, in order, for the mentions of entities of type typ before offset pos
// outside page furniture (and outside news outlets, with noOutlet).
func (d *doc) eachBefore(typ string, pos int, noOutlet bool, fn func(*frame, *mention)) {
	for si, ms := range d.ments {
		if len(ms) > 0 && ms[0].start >= pos {
			break
		}
		if len(ms) == 0 || d.sents[si].boiler {
			continue
		}
		f := &frame{d: d, s: &d.sents[si], ms: ms, si: si}
		for _, m := range ms {
			if m.start >= pos {
				break
			}
			if m.ent == nil || m.ent.typ != typ || (noOutlet && d.x.lex.isOutlet(m.text)) {
				continue
			}
			fn(f, m)
		}
	}
}

// personPhrase returns the noun phrase ending before token i when it names people without a name
// (匿名の中国人開発者, アナリストら, IDCの幹部): its head is a role or a person noun; and the token
// it starts at.
func (f *frame) personPhrase(i int) (string, int) {
	// A note in parentheses before the particle (女性(18歳)は) is not part of the phrase.
	if f.tok(i-1).surf == ")" {
		for k := i - 2; k > 0 && k > i-10; k-- {
			if f.tok(k).surf == "(" {
				i = k
				break
			}
		}
	}
	start := f.contentStart(0)
	for k := i - 1; k >= start; k-- {
		if t := f.tok(k); t.surf == "、" || t.verb() || t.aux() || (t.particle() && t.surf != "の") || t.surf == ")" || t.surf == "」" {
			start = k + 1
			break
		}
	}
	for start < i && (f.tok(start).symbol() || f.tok(start).surf == " " || f.tok(start).surf == "の" || f.tok(start).pos[0] == "接続詞" || f.tok(start).pos[0] == "副詞") {
		start++ // (さらに担当者は: the conjunction is not the speaker's)
	}
	if start >= i {
		return "", i
	}
	head := f.tok(i - 1).surf
	if head == "ら" || head == "たち" || head == "達" {
		head = f.tok(i-2).surf + head
	}
	personal := f.d.x.lex.people[strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(head, "ら"), "たち"), "達")]
	for r := range f.d.x.lex.role {
		if strings.HasSuffix(strings.TrimSuffix(strings.TrimSuffix(head, "ら"), "たち"), r) {
			personal = true
		}
	}
	for _, sfx := range []string{"者", "家", "員", "士", "手", "関係者", "当局", "筋", "幹部", "首脳", "政府", "チーム"} {
		if h := strings.TrimSuffix(head, "ら"); strings.HasSuffix(h, sfx) && !(sfx == "チーム" && h == sfx && i-1 == start) {
			personal = true // 研究チーム, not a team in general
		}
	}
	if f.d.x.isTitle(head) && head != "氏" && head != "さん" && head != "様" && head != "君" {
		personal = true // この高校の校長は: a post, held by someone
	}
	if collectiveWord(head) && f.tok(i).surf == "は" && (f.bracketSoon(i+1) || start == f.contentStart(0)) {
		// 業界団体は「…」と反発した, 野党は…と主張した: a body named by what it is speaks as
		// one, when its words follow as a quote or it opens the sentence (as a later topic of
		// indirect words it may be part of them).
		personal = true
	}
	if t := f.tok(i - 1); t.pos[1] == "接尾" && (t.surf == "部" || t.surf == "課" || t.surf == "室" && (f.bodyBeforePost(start, i) != nil || f.tok(i-2).surf == "広報")) &&
		i-2 >= start && f.tok(i-2).noun() && !f.tok(i-2).proper() {
		personal = true // 広報部, 捜査一課, 広報室, 北浜電機の調査室: a department speaks for its body (運転室 is a room)
	}
	if head == "法人" && f.localUnit(i) != nil {
		personal = true // 北浜電機の日本法人: a company's unit in a country speaks for it
	}
	if head == "側" && i-2 >= start && f.tok(i-2).noun() && (f.tok(i).surf == "は" || f.tok(i).surf == "が") && !f.topicAfter(i+1) {
		// 検察側は, 原告側は, 学校側は: a party to a case or a dispute, named by what it is,
		// unless another topic follows in the sentence (検察側は…したが、山田裁判長は「…」).
		personal = true
	}
	if head == "人" && f.tok(i - 2).pos[1] == "数" {
		personal = true // 卒業生の一人, 2人
	}
	if f.tok(i-1).headSuffix() && i-1 > start {
		personal = true // 福岡支社長, 厚生労働相: the head of what the words before name
	}
	if !personal {
		return "", i
	}
	return strings.TrimSpace(joinTokens(f.s.toks[start:i])), start
}

// topicAfter reports whether a word marked with は follows token i in the sentence, outside
// brackets, with direct words after it: another topic, which may be the one that speaks them
// (a は inside indirect words, …懲役は厳しすぎると反論した, is part of the words).
func (f *frame) topicAfter(i int) bool {
	depth := f.bracketDepths()
	topic := false
	for k := i; k < len(f.s.toks); k++ {
		if depth[k] == 0 && f.tok(k).surf == "は" && f.topicMark(k) {
			topic = true
		}
		if topic && depth[k] == 0 && f.tok(k).surf == "「" {
			return true
		}
	}
	return false
}

// collectiveWord reports whether a noun names a body by what it is (業界団体, 労働組合, 地元
// メディア, 野党), which may speak as one.
func collectiveWord(w string) bool {
	for _, sfx := range []string{"団体", "組合", "労組", "協会", "連合", "連盟", "メディア", "業界", "野党", "与党", "陣営"} {
		if strings.HasSuffix(w, sfx) {
			return true
		}
	}
	return false
}

// bracketSoon reports whether a bracket opens within a few tokens from token k, before any
// verb or the sentence's end (…は、記者団に「…」).
func (f *frame) bracketSoon(k int) bool {
	for n := k; n < k+8 && n < len(f.s.toks); n++ {
		switch t := f.tok(n); {
		case t.surf == "「":
			return true
		case t.verb() || t.surf == "。" || t.surf == "」":
			return false
		}
	}
	return false
}

// phraseSpeaker returns the speaker a noun phrase without a name ending before token i stands for
// (personPhrase): the person named with its title (森田昌吾事務局長), the body its staff speak for
// (北浜電機の広報担当者: the body, with the phrase as the speaker's words), or the phrase alone.
func (f *frame) phraseSpeaker(i int) speaker {
	np, from := f.personPhrase(i)
	if np == "" {
		return speaker{}
	}
	if m := f.titledPerson(i); m != nil {
		return f.speakerOf(m)
	}
	return speaker{ent: f.bodyBeforePost(from, i), text: np, pos: f.tok(i).start}
}

// titledPerson returns the person named right before the title or role that ends at token i:
// 森田昌吾事務局長, 唐木英明・同会議副会長, チャールズ・スティーガー学長 (the words between
// the name and the title are nouns, prefixes or a middle dot). A の between them makes the
// title someone else's (森田昌吾事務局長の母親), and the phrase names no person then.
func (f *frame) titledPerson(i int) *mention {
	var best *mention
	for _, m := range f.ms {
		if m.ent == nil || m.ent.typ != Person || m.tj >= i || i-m.tj > 6 {
			continue
		}
		ok := true
		for k := m.tj; k < i && ok; k++ {
			t := f.tok(k)
			ok = t.surf != "の" && (t.noun() || t.pos[0] == "接頭詞" || t.surf == "・")
		}
		if ok && (best == nil || m.tj > best.tj) {
			best = m
		}
	}
	return best
}

// bodyBeforePost returns the firm or body named right before the words that end at token i
// when they name its unnamed staff or spokesperson, maybe joined by の (北浜電機の広報担当者,
// 北浜党|幹部, 東山署|署員, 北浜電機|広報|部): they speak for it. A post held by one person
// (社長, 裁判長, 大使) is not the body's voice: its holder is usually named, and a name the
// dictionary glued to the body (山田北浜党首) would make the body speak. The words start no
// earlier than token from.
func (f *frame) bodyBeforePost(from, i int) *entity {
	if e := f.localUnit(i); e != nil {
		return e
	}
	if !f.staffWords(i) {
		return nil
	}
	body := func(e *entity) bool {
		if isType(e, Country) || isType(e, Location) {
			// A country's or city's developers or experts (中国の開発者, 米国の専門家) are its
			// people, not its voice: only officials speak for it.
			return f.officialWords(i) && (isType(e, Country) || localGovernment(e.name))
		}
		return isType(e, Firm, Organization)
	}
	for k := i - 1; k >= from && k >= i-5; k-- {
		if t := f.tok(k); !(f.postAfterName(k) || t.surf == "の" && k < i-1 && k > 0) {
			return nil
		}
		if m := f.endingAt(k); m != nil {
			if f.tok(k).surf == "法人" && m.ent != nil && isType(m.ent, Country) {
				// Xの中国法人の広報担当者: the company's unit in the country, not the country.
				return f.localUnit(k + 1)
			}
			if m.ent != nil && body(m.ent) {
				return m.ent
			}
			return nil
		}
		if _, ok := f.d.x.lex.anaphor[f.tok(k-1).surf]; ok && k-1 >= from {
			if a := f.anaphorBefore(k); a.ent != nil && body(a.ent) {
				return a.ent // 同社の広報部
			}
			return nil
		}
	}
	return nil
}

// localUnit returns the company whose unit in a country the words ending before token i name
// (北浜電機の日本法人, 東西商事米国法人, Xの現地法人): the unit, which the graph does not tell from
// the company, speaks for it.
func (f *frame) localUnit(i int) *entity {
	if f.tok(i-1).surf != "法人" || f.endingAt(i) != nil {
		return nil // (X中国法人 read as a name of its own speaks as itself)
	}
	k := i - 2
	if c := f.endingAt(i - 1); c != nil && c.ent != nil && isType(c.ent, Country) {
		k = c.ti - 1
	} else if t := f.tok(k); t.proper() && t.pos[2] == "地域" && t.pos[3] == "国" {
		k-- // 東西商事|日本|法人, the country read as no name of its own
	} else if t.surf != "現地" {
		return nil
	}
	if f.tok(k).surf == "の" {
		k--
	}
	m := f.endingAt(k + 1)
	if m == nil || m.ent == nil || !isType(m.ent, Firm) {
		return nil
	}
	unit := joinTokens(f.s.toks[m.ti:i])
	for _, e := range f.d.ents {
		if e.name == unit {
			return nil // the unit named as a name of its own elsewhere in the article
		}
	}
	return m.ent
}

// staffWords reports whether the words ending at token i name a body's staff or spokesperson
// rather than one office holder: a role that is no title and heads nothing (幹部, 担当者,
// 広報), a spokesperson (報道官), its people (関係者, 首脳, 当局, 署員) or a department (広報部).
func (f *frame) staffWords(i int) bool {
	lex := f.d.x.lex
	last := f.tok(i - 1)
	if last.pos[1] == "接尾" && (last.surf == "部" || last.surf == "課" || last.surf == "室" || last.surf == "員") {
		return true
	}
	w := ""
	for k := i - 1; k >= max(0, i-3); k-- {
		w = f.tok(k).surf + w
		switch w {
		case "報道官", "スポークスマン", "関係者", "首脳", "当局", "当局者", "高官", "筋", "政府":
			return true
		}
		if v, ok := lex.role[w]; ok {
			return v == "-" && !f.d.x.isTitle(w) && !strings.HasSuffix(w, "長")
		}
	}
	return false
}

// officialWords reports whether the words ending at token i name a government's officials or
// spokesperson (報道官, 当局者, 高官, 関係者, 広報部) rather than people of some trade (開発者,
// 専門家, アナリスト), who may be any country's.
func (f *frame) officialWords(i int) bool {
	if last := f.tok(i - 1); last.pos[1] == "接尾" && (last.surf == "部" || last.surf == "課" || last.surf == "室" || last.surf == "員") {
		return true
	}
	w := ""
	for k := i - 1; k >= max(0, i-3); k-- {
		w = f.tok(k).surf + w
		switch w {
		case "報道官", "スポークスマン", "関係者", "首脳", "当局", "当局者", "筋", "高官", "幹部", "担当者", "広報", "職員", "大使", "大臣", "長官", "次官", "議員", "政府":
			return true
		}
	}
	return false
}

// contentStart skips a leading conjunction or adverb and its comma (また、 さらに、 しかし).
func (f *frame) contentStart(i int) int {
	if t := f.tok(i); (t.pos[0] == "接続詞" || t.pos[0] == "副詞") && f.tok(i+1).surf == "、" {
		return i + 2
	}
	if f.tok(i).pos[0] == "接続詞" && f.tok(i+1).particle() && f.tok(i+2).surf == "、" {
		return i + 3 // 一方|で、: one adverb, and its comma
	}
	if f.tok(i).surf == "その" && (f.tok(i+1).surf == "上" || f.tok(i+1).surf == "うえ") && f.tok(i+2).surf == "で" && f.tok(i+3).surf == "、" {
		return i + 4 // その上で、: the sequence of the statements, no part of the words
	}
	if f.tok(i).pos[0] == "接続詞" && !f.tok(i+1).particle() {
		return i + 1
	}
	return i
}

// afterOutlet returns the token after a news outlet cited at token i (東都新聞によると、), or i:
// the outlet's report is no part of the words a speaker said.
func (f *frame) afterOutlet(i int) int {
	for k := i; k < i+12 && k+3 < len(f.s.toks) && f.tok(k).surf != "、"; k++ {
		if accordingToAt(f.s.toks, k) && f.tok(k+3).surf == "、" {
			if f.d.x.lex.isOutlet(joinTokens(f.s.toks[i:k])) {
				return k + 4
			}
			return i
		}
	}
	return i
}

// accordingTo: "Xによると、…(という)。" attributes the rest of the sentence to X, and so do
// "Xの発表によると" and "Xの説明では" (an account of X; statementNoun).
func (f *frame) accordingTo(depth []int) (found, bool) {
	for i := 1; i+2 < len(f.s.toks); i++ {
		// n: the tokens of によると, or of では after an account (Xの説明では、…).
		n := 3
		if !accordingToAt(f.s.toks, i) {
			if !(i >= 3 && f.tok(i).surf == "で" && f.tok(i+1).surf == "は" && statementNoun(f.tok(i-1).surf) && f.tok(i-2).surf == "の") {
				continue
			}
			n = 2
		}
		if depth[i] > 0 {
			continue
		}
		// A news outlet cited as the source (読売新聞によると) is not a speaker: the article
		// reports what the outlet reported.
		if src := joinTokens(f.s.toks[f.clauseStartBefore(i):i]); f.d.x.lex.isOutlet(src) {
			continue
		}
		if m := f.endingAt(i); m != nil && f.d.x.lex.isOutlet(m.text) {
			continue
		}
		var spk speaker
		if m := f.endingAt(i); m != nil {
			spk = f.speakerOf(m)
		} else if no := f.statementBefore(i) - 1; no > 0 && f.tok(no).surf == "の" && (f.endingAt(no) != nil || f.anaphorBefore(no).ok()) {
			// Xの発表によると, 同社の発表によれば, Xの調べによると, Xのプレスリリースによると: X's
			// own statement or findings, X speaking (an outlet's is skipped as the outlet is).
			if m := f.endingAt(no); m == nil {
				spk = f.anaphorBefore(no)
			} else if !f.d.x.lex.isOutlet(m.text) {
				spk = f.speakerOf(m)
			}
		} else if m := f.endingAt(no + 1); no >= 0 && m != nil && isType(m.ent, Firm, Organization) && !f.d.x.lex.isOutlet(m.text) {
			spk = f.speakerOf(m) // Xプレスリリースによれば, X発表によると: the same, without の
		} else if a := f.anaphorBefore(i); a.ok() {
			spk = a // 同社長によると, as 同社長は: the anaphor's person, not its words
		} else if an := f.announcerBefore(i); an.ok() {
			spk = an // Xが18日に発表したところによると: X's own announcement
		} else if ps := f.phraseSpeaker(i); ps.ok() {
			spk = ps
		} else if i == 1 && f.tok(0).surf == "それ" {
			spk = f.sourceBefore() // Xのウェブサイトで分かった。それによると、…
		}
		if !spk.ok() {
			continue
		}
		cs := i + n
		for cs < len(f.s.toks) && (f.tok(cs).surf == "、" || f.tok(cs).surf == " ") {
			cs++
		}
		ce := len(f.s.toks)
		for ce > cs && (f.tok(ce-1).symbol() && f.tok(ce-1).surf != "」") {
			ce--
		}
		// Drop the reporting tail: という, とのことだ, としている.
		if f.tok(ce-1).lemma() == "いう" && f.tok(ce-2).surf == "と" {
			ce -= 2
		}
		if ce <= cs {
			continue
		}
		return found{spk: spk, cs: cs, ce: ce, verb: "よる", conf: confAccordingTo, sent: f.si,
			start: f.tok(0).start, end: f.tok(len(f.s.toks) - 1).end}, true
	}
	return found{}, false
}

// announcerBefore returns who made the announcement a source's clause ending before token i
// names: "Xが(18日に)発表したところによると", "Xが公表したところによれば", "Xが明らかにした
// ところによると" (X a body, firm, person or government, not an outlet, which reports: Xが伝えた
// ところによると is left to the outlet rules).
func (f *frame) announcerBefore(i int) speaker {
	if t := f.tok(i - 1).surf; t != "ところ" && t != "もの" {
		return speaker{}
	}
	v := i - 2
	for v > 0 && (f.tok(v).aux() || f.tok(v).verb() && f.tok(v).lemma() == "する") {
		v--
	}
	switch w := f.tok(v).surf; {
	case w == "発表" || w == "公表" || w == "説明":
	case w == "に" && f.tok(v-1).surf == "明らか":
		v--
	default:
		return speaker{}
	}
	for g := v - 1; g > 0 && g > v-10; g-- {
		t := f.tok(g)
		if t.surf == "、" || t.surf == "。" || t.surf == "「" || t.surf == "」" {
			break
		}
		if t.surf != "が" || !t.particle() {
			continue
		}
		m := f.endingAt(g)
		if m == nil || f.d.x.lex.isOutlet(m.text) || m.ent != nil && f.d.x.lex.isOutlet(m.ent.name) {
			break
		}
		return f.speakerOf(m)
	}
	return speaker{}
}

// statementBefore returns the first token of a statement noun that ends before token i (発表,
// プレス|リリース), or -1.
func (f *frame) statementBefore(i int) int {
	if i < 1 {
		return -1
	}
	if statementNoun(f.tok(i - 1).surf) {
		return i - 1
	}
	if w := f.tok(i - 2).surf; i >= 2 && f.tok(i-1).surf == "リリース" && (w == "プレス" || w == "ニュース") {
		return i - 2
	}
	return -1
}

// statementNoun reports whether a noun before によると names what a body or person made known
// (Xの発表によると, Xの声明によれば, Xの調べによると, Xの見解では): the source is X.
func statementNoun(w string) bool {
	switch w {
	case "発表", "声明", "調べ", "説明", "話", "談話", "報告", "見解", "プレスリリース", "ニュースリリース":
		return true
	}
	return false
}

// clauseStartBefore returns the first token of the phrase that ends before token i: after the
// last comma, bracket or particle other than の.
func (f *frame) clauseStartBefore(i int) int {
	for k := i - 1; k >= 0; k-- {
		if t := f.tok(k); t.surf == "、" || t.symbol() || (t.particle() && t.surf != "の") || t.verb() {
			return k + 1
		}
	}
	return 0
}

// trailIn: a sentence that is the quote (「…」。) followed by "Xはこう語った。".
func (f *frame) trailIn(k int, q found) (found, bool) {
	spk, _, _ := f.topicBefore(k)
	if !spk.ok() || f.si == 0 {
		return q, false
	}
	prev := &f.d.sents[f.si-1]
	n := len(prev.toks)
	for n > 0 && (prev.toks[n-1].surf == "。" || prev.toks[n-1].surf == " ") {
		n--
	}
	if n < 3 || prev.toks[0].surf != "「" || prev.toks[n-1].surf != "」" || prev.boiler {
		return q, false
	}
	for _, t := range prev.toks[1 : n-1] {
		if t.surf == "「" || t.surf == "」" {
			return q, false // two quotes, or one with words between: not one statement
		}
	}
	return found{spk: spk, cs: 1, ce: n - 1, verb: q.verb, conf: confDirect, sent: f.si - 1,
		start: prev.toks[0].start, end: f.tok(k).end}, true
}

// leadIn: "Xは次のようにコメントしている。" followed by a sentence that is the quote.
func (f *frame) leadIn(k int, q found) (found, bool) {
	spk, _, _ := f.topicBefore(k)
	if !spk.ok() || f.si+1 >= len(f.d.sents) {
		return q, false
	}
	next := &f.d.sents[f.si+1]
	if len(next.toks) < 3 || next.toks[0].surf != "「" {
		return q, false
	}
	ce := len(next.toks)
	for ce > 1 && next.toks[ce-1].surf != "」" {
		ce--
	}
	if ce <= 1 {
		return q, false
	}
	return found{spk: spk, cs: 1, ce: ce - 1, verb: q.verb, conf: confDirect, sent: f.si + 1,
		start: f.tok(0).start, end: next.toks[len(next.toks)-1].end}, true
}

// quotedBefore reports whether bracketed words and the quotative と (「…」と) stand before token
// i with no comma between.
func (f *frame) quotedBefore(i int) bool {
	for j := i - 1; j > 0 && f.tok(j).surf != "、"; j-- {
		if f.tok(j-1).surf == "」" && f.tok(j).surf == "と" {
			return true
		}
	}
	return false
}
