package extract

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Confidences of the relation patterns.
const (
	confApposition = 0.85
	confNo         = 0.6 // A の B
	confCaseFrame  = 0.7
	confNominal    = 0.6
	confAlias      = 0.9
)

// relations finds statements with patterns of Japanese news prose: apposition (XのYであるZ氏,
// X(の)Y、Z氏), の-phrases (GoogleのTPU, シンガポールの南洋理工大学), case frames on predicates (が/は
// subject, を object, に target), coordination (A、B、Cはいずれも…) and parenthesised aliases.
func (d *doc) relations() []Relation {
	var out []Relation
	seen := map[string]bool{}
	emit := func(si int, subj *entity, rel string, obj *entity, value, text string, start, end int, conf float64, negated bool) {
		if subj == nil || (obj == nil && value == "") || obj == subj {
			return
		}
		r := Relation{Subject: subj.id(), Relation: rel, Value: value, Text: text, Negated: negated,
			Sentence: si, Confidence: conf}
		if obj != nil {
			r.Object, r.Value = obj.id(), ""
		}
		sp := d.n.span(start, end)
		r.Start, r.End = sp.Start, sp.End
		key := strings.Join([]string{r.Subject, r.Relation, r.Object, r.Value, string(rune(si))}, "\x00")
		if seen[key] {
			return
		}
		seen[key] = true
		out = append(out, r)
	}
	for si := range d.sents {
		s := &d.sents[si]
		if s.boiler {
			continue
		}
		f := &frame{d: d, s: s, ms: d.ments[si], si: si, emit: emit}
		f.aliases()
		f.unitOfBody()
		f.apposition()
		f.noPhrases()
		f.ownSubsidiary()
		f.madeBy()
		f.branded()
		f.knownFor()
		f.makerOf()
		f.makerNote()
		f.shareholder()
		f.firmPeople()
		f.byAgent()
		f.headOffice()
		f.underParent()
		f.rivalOf()
		f.overseenBy()
		f.licensed()
		f.appointed()
		f.countryPrefix()
		f.placeDotPlace()
		f.countryInName()
		f.parenPlace()
		f.parenParent()
		f.lists()
		f.basedIn()
		f.caseFrames()
	}
	return out
}

// frame is one sentence under analysis.
type frame struct {
	d    *doc
	s    *sentence
	ms   []*mention
	si   int
	emit func(si int, subj *entity, rel string, obj *entity, value, text string, start, end int, conf float64, negated bool)
	cs   []chunk // the sentence's bunsetsu, cut when first asked for (bunsetsu.go)
}

func (f *frame) tok(i int) *token {
	if i < 0 || i >= len(f.s.toks) {
		return &token{pos: &f.d.x.fixed.none}
	}
	return &f.s.toks[i]
}

// endingAt returns the mention whose name (with its title) ends right before token i.
func (f *frame) endingAt(i int) *mention {
	for _, m := range f.ms {
		if m.tj == i || f.after(m) == i {
			return m
		}
	}
	return nil
}

// startingAt returns the mention that starts at token i.
func (f *frame) startingAt(i int) *mention {
	for _, m := range f.ms {
		if m.ti == i {
			return m
		}
	}
	return nil
}

// after returns the token index after a mention, its title and a parenthesised alias.
func (f *frame) after(m *mention) int {
	toks := f.s.toks
	skip := func(i int) int {
		for i < len(toks) && toks[i].surf == " " {
			i++
		}
		return i
	}
	i := m.tj
	if m.title == "" && m.ent != nil && m.ent.typ == Person {
		// A person's name found again without its title (森 of 森正人, then 森社長は), or
		// with a body's name before the title (伊達忠一参議院議長, ハワード豪首相).
		found := false
		for k := i; k < len(toks) && k <= i+3 && (k == i || toks[k-1].noun() || toks[k-1].pos[0] == "接頭詞"); k++ {
			if n := f.d.x.titleAt(toks, k); n > 0 {
				i, found = k+n, true
				break
			}
		}
		// Or a role (小林村長, 関田康雄地震火山部課長).
		if _, end, ok := f.roleAfter(m); ok && !found {
			i = end
		}
	} else if m.title != "" {
		j := skip(i)
		if j < len(toks) && toks[j].surf == "・" {
			j++
		} else if c := readingAfter(toks, j); c > 0 && f.d.x.titleAt(toks, c) > 0 {
			j = c // 山田太郎(やまだ・たろう)社長
		}
		// The title's words (up to sixteen: 最高|経営|責任|者|(|CEO|)|兼|社長).
		for k, n := j, 0; k < len(toks) && k < j+16 && strings.HasPrefix(m.title[n:], toks[k].surf); k++ {
			if n += len(toks[k].surf); n == len(m.title) {
				i = k + 1
				break
			}
		}
	}
	i = skip(i)
	// A product's name and the kind of product before the particle (K 7|ロケット|は, 「X」ソフトを).
	if m.ent != nil && m.ent.typ == Product && i+1 < len(toks) && toks[i].noun() && f.d.x.lex.productCue[toks[i].surf] && toks[i+1].particle() && f.startingAt(i) == nil {
		i++
	}
	// A bracketed name: 「Falke」を.
	if i < len(toks) && (toks[i].surf == "」" || toks[i].surf == "』") && m.ti > 0 && (toks[m.ti-1].surf == "「" || toks[m.ti-1].surf == "『") {
		i = skip(i + 1)
	}
	// Up to two notes: 東西電機(TZ)(本社・大阪市)は, an alias and then a note on the name.
	for pass := 0; pass < 2 && i < len(toks) && toks[i].surf == "("; pass++ {
		from := i
		j := i + 1
		for j < len(toks) && toks[j].surf != ")" && toks[j].surf != "「" && j-i < 16 {
			j++
		}
		if j < len(toks) && toks[j].surf == ")" {
			if a := f.startingAt(i + 1); a != nil && a.aliasOf == m && pass == 0 {
				i = skip(j + 1)
				// 東西電機(TZ)社は: the company word after the abbreviation.
				if i < len(toks) && toks[i].surf == "社" && m.typ == Firm {
					i = skip(i + 1)
				}
			} else if j+1 >= len(toks) || toks[j+1].particle() && toks[j+1].surf != "の" {
				// 山田太郎氏(東西電機社長)は, 東西電機(旧・南山製作所)は: a note on the name,
				// before the particle that marks it.
				i = skip(j + 1)
			}
		}
		// 「X(Y)」の新版を: the bracket closes after a product's alias.
		if i < len(toks) && i > m.tj && isType(m.ent, Product) && (toks[i].surf == "」" || toks[i].surf == "』") && m.ti > 0 && (toks[m.ti-1].surf == "「" || toks[m.ti-1].surf == "『") {
			i = skip(i + 1)
		}
		if i == from {
			break
		}
	}
	// 山田太郎氏らが: a person named with others, the particle after ら marks them all.
	if isType(m.ent, Person) && i+1 < len(toks) && (toks[i].surf == "ら" || toks[i].surf == "たち") && toks[i].pos[1] == "接尾" && toks[i+1].particle() {
		i++
	}
	return i
}

// particleAfter returns the particle right after a mention ("" if none) and its index.
func (f *frame) particleAfter(m *mention) (string, int) {
	i := f.after(m)
	t := f.tok(i)
	if t.surf == "の" && isType(m.ent, Product) {
		if n := f.activityRun(i + 1); n > 0 {
			// 「X」の最新版を公開した, 「X」の量産を始めた, 「X」の一般提供を開始した: the
			// product is the argument.
			i += n + 1
			t = f.tok(i)
		}
	}
	if isType(m.ent, Product) && t.noun() && f.d.x.lex.productCue[t.surf] && f.tok(i+1).particle() && f.startingAt(i) == nil {
		// Ascendチップを使う, Xモデルを公開した: the product's kind after its name; the product is
		// the argument.
		i++
		t = f.tok(i)
	}
	if t.surf == "側" && t.noun() && f.tok(i+1).particle() && isType(m.ent, Firm, Organization, Country) {
		// X側は, X側が: the party X in a dispute or a deal, marked by the particle after 側.
		i++
		t = f.tok(i)
	}
	if !t.particle() {
		return "", i
	}
	if t.surf == "など" && f.tok(i+1).particle() && f.tok(i+1).surf != "の" {
		// XなどがYに出資した: X with others, marked by the particle after など.
		i++
		t = f.tok(i)
	}
	// では, には: a place or target, not a subject.
	if (t.surf == "で" || t.surf == "に" || t.surf == "と") && f.tok(i+1).surf == "は" {
		return t.surf + "は", i
	}
	// Xを中心とする, Xを中心に, Xをはじめ(とする): X heads a group the sentence speaks of, it
	// is no object of a verb (as in Xの提供を始めた).
	if w := f.tok(i + 1).surf; t.surf == "を" && (w == "中心" || w == "はじめ" || w == "始め") &&
		(f.tok(i+2).surf == "と" || f.tok(i+2).surf == "に" && w == "中心" || f.tok(i+2).surf == "、" && w != "中心") {
		return "を" + f.tok(i+1).surf, i
	}
	return t.surf, i
}

// activityRun returns the length of a run of up to three nouns from token i that says a product
// is made, shipped or brought out anew, written as one word or ending with one (量産, 最新|版,
// 一般|提供), followed by a particle; 0 if there is none.
func (f *frame) activityRun(i int) int {
	for n := 1; n <= 3; n++ {
		t := f.tok(i + n - 1)
		if !t.noun() || f.startingAt(i+n-1) != nil {
			return 0
		}
		if f.tok(i+n).particle() && (productActivity(t.surf) || productActivity(joinTokens(f.s.toks[i:i+n]))) {
			return n
		}
	}
	return 0
}

func isType(e *entity, types ...string) bool { return e != nil && slices.Contains(types, e.typ) }

// unitOfBody: a ministry's unit written right after it with no の (北浜省鉄道局, split by
// ministryUnits) is part of the ministry.
func (f *frame) unitOfBody() {
	for k, b := range f.ms {
		if b.rule != "unit" || k == 0 {
			continue
		}
		if a := f.ms[k-1]; a.tj == b.ti && a.ent != nil && b.ent != nil && a.ent != b.ent && isType(a.ent, Organization) {
			f.emit(f.si, b.ent, "member_of", a.ent, "", "", a.start, b.end, confNo, false)
		}
	}
}

// aliases emits alias statements for parenthesised aliases: 天津師範大学(TJNU).
func (f *frame) aliases() {
	for _, m := range f.ms {
		a := m.aliasOf
		if a == nil || a.ent != m.ent {
			continue
		}
		// The other form than the entity's name: ブートキャンプ(BootCamp) named BootCamp has the
		// alias ブートキャンプ.
		other := m
		if fold(m.text) == fold(a.ent.name) {
			other = a
		}
		if fold(other.text) != fold(a.ent.name) {
			if m.start < a.start {
				// A nickname given before the name (「X」の愛称で知られるY).
				f.emit(f.si, a.ent, "alias", nil, f.d.origText(other.start, other.end), "愛称", m.start-1, a.end, confAlias, false)
				continue
			}
			f.emit(f.si, a.ent, "alias", nil, f.d.origText(other.start, other.end), "()", a.start, m.end+1, confAlias, false)
		}
	}
}

// rolePhraseBefore returns the noun run ending right before token i (exclusive) when it ends with
// a role noun: its first token, its text and the role's kind ("leads", "founded", "-").
func (f *frame) rolePhraseBefore(i int) (int, string, string) {
	if f.tok(i-1).surf == ")" {
		// CEO(最高経営責任者)の山田氏, 最高経営責任者(CEO)の山田氏: a role's other form in
		// parentheses is no part of it (a note of age or place after a role is another matter).
		for k := i - 2; k > 0 && k > i-8; k-- {
			if t := f.tok(k); t.surf == "(" {
				_, abbr := f.d.x.lex.role[joinTokens(f.s.toks[k+1:i-1])]
				if k < i-2 && (f.tok(k-1).cls == clsLatin || abbr && f.tok(k-1).noun()) {
					i = k
				}
				break
			} else if !t.noun() || t.pos[1] == "数" || t.cls == clsLatin && i-2-k > 0 || f.startingAt(k) != nil {
				break
			}
		}
	}
	j := i
	for j > 0 {
		t := f.tok(j - 1)
		if !(t.noun() || t.pos[0] == "接頭詞" || t.cls == clsLatin) || t.pos[1] == "代名詞" || t.pos[1] == "非自立" {
			break
		}
		if _, ok := f.d.x.lex.anaphor[t.surf]; ok && j != i {
			break // 同社CEOの山田氏: the anaphor names the organisation
		}
		if f.endingAt(j) != nil && j != i {
			break // a name: the organisation, not part of the role
		}
		if t.surf == "人" && t.pos[1] == "接尾" && j != i {
			break // ロシア人アナリスト: the nationality describes the person, it is no part of the role
		}
		j--
	}
	if j == i {
		return -1, "", ""
	}
	text := joinTokens(f.s.toks[j:i])
	best, kind := "", ""
	for r, k := range f.d.x.lex.role {
		if strings.HasSuffix(text, r) && len(r) > len(best) {
			best, kind = r, k
		}
	}
	if best == "" {
		return -1, "", ""
	}
	if kind == "leads" && strings.HasSuffix(strings.TrimSuffix(text, best), "副") {
		kind = "-" // 副総裁, 副理事長: a deputy does not lead the body
	}
	return j, text, kind
}

// apposition: a person introduced with a role and an organisation.
//
//	X の Y である Z氏 / X の Y、Z氏 / X の Y・Z / X Y、Z氏 / Y の Z氏 / X で…を専門とする Y、Z氏 / X を拠点とする Y の Z氏
func (f *frame) apposition() {
	for _, m := range f.ms {
		if m.ent == nil || m.ent.typ != Person {
			continue
		}
		f.titled(m)
		f.predicativeRole(m)
		f.parenPost(m)
		f.parenHolder(m)
		f.dotBodyPost(m)
		k := m.ti
		// 元副社長の山田一郎氏・川田二郎氏: a name listed after another with ・, both with only
		// an honorific, shares the role written before the first.
		for m.title == "氏" && f.tok(k-1).surf == "・" {
			p := f.endingAt(k - 1)
			if p == nil || p == m || p.ent == nil || p.ent.typ != Person || p.title != "氏" {
				break
			}
			k = p.ti
		}
		var end int
		served, past := f.servedBefore(k)
		switch {
		case served > 0:
			end = served // X総裁を務めた山田氏, Xの顧問を務める山田氏
		case f.tok(k-1).surf == "、" || f.tok(k-1).surf == "の" || f.tok(k-1).surf == "・":
			end = k - 1 // X の Y、Z氏 / X の Y の Z氏 / X の Y・Z (パナソニックの創業者・松下幸之助)
		case f.tok(k-1).surf == "ある" && f.tok(k-2).surf == "で":
			end = k - 2
		case f.tok(k-1).surf == " " && (f.tok(k-2).surf == "、" || f.tok(k-2).surf == "の"):
			end = k - 2
		case f.tok(k-1).surf == " " && f.tok(k-2).surf == "ある" && f.tok(k-3).surf == "で":
			end = k - 3
		case f.tok(k-1).noun() && f.endingAt(k) == nil:
			end = k // X の Y Z氏, with nothing between the post and the name (Xの共同創業者山田氏, XのCEOサム氏)
		default:
			continue
		}
		for end > 0 && f.tok(end-1).surf == " " {
			end--
		}
		if f.tok(end).surf == "・" && f.ownTitle(m) {
			continue // A社長・B会長: the role before the ・ is another person's
		}
		rs, role, kind := f.rolePhraseBefore(end)
		if rs < 0 {
			continue
		}
		if p := f.endingAt(rs); f.tok(end).surf == "、" && p != nil && p != m && p.ent != nil && p.ent.typ == Person {
			continue // Xの山田太郎社長、川口次郎専務: the role before the comma is the first person's title
		}
		// X の社長で創業者の Z氏: the roles before, joined by で, are Z's too, at the same body.
		type heldRole struct{ role, kind string }
		var later []heldRole
		for n := 0; n < 3 && f.tok(rs-1).surf == "で" && !f.tok(rs-1).verb(); n++ {
			s, r, k := f.rolePhraseBefore(rs - 1)
			if s < 0 {
				break
			}
			if strings.HasPrefix(role, "元") || strings.HasPrefix(role, "前") {
				kind = "-"
			}
			later = append(later, heldRole{role, kind})
			rs, role, kind = s, r, k
		}
		if _, ok := f.d.x.lex.anaphor[f.tok(rs-1).surf]; ok && (f.tok(rs-2).surf == "元" || f.tok(rs-2).surf == "前") {
			role = f.tok(rs-2).surf + role // 元同社社長の X: the post is a past one
		}
		if o := f.endingAt(rs); o != nil && f.tok(o.ti - 1).pos[0] == "接頭詞" && (f.tok(o.ti-1).surf == "元" || f.tok(o.ti-1).surf == "前") {
			role = f.tok(o.ti-1).surf + role // 元北浜銀行頭取の X: so is this one
		}
		if strings.HasPrefix(role, "元") || strings.HasPrefix(role, "前") || past {
			kind = "-" // 元社長の X, 前会長・X, 社長を務めた X: worked there, leads no more
		}
		start := f.tok(rs).start
		f.emit(f.si, m.ent, "role", nil, role, role, start, m.end, confApposition, false)
		for _, h := range later {
			f.emit(f.si, m.ent, "role", nil, h.role, h.role, start, m.end, confApposition, false)
		}
		// The organisation: "X の" or X right before the role, or "X で" earlier in the phrase.
		org := f.endingAt(rs)
		p := rs
		for p > 0 && f.tok(p-1).surf == " " {
			p--
		}
		if org == nil && (f.tok(p-1).surf == "の" || f.tok(p-1).surf == "・") {
			// X の Y, X・営業本部長の Z: the body before the post.
			org = f.endingAt(p - 1)
			if org == nil && f.tok(p-2).surf == " " {
				org = f.endingAt(p - 2)
			}
		}
		if _, ok := f.d.x.lex.anaphor[f.tok(rs-1).surf]; org == nil && ok {
			// 同社CEOの山田氏: the body the anaphor refers back to.
			if a := f.anaphorBefore(rs); a.ent != nil {
				org = &mention{ent: a.ent, start: f.tok(rs - 1).start}
			}
		} else if _, ok := f.d.x.lex.anaphor[f.tok(p-2).surf]; org == nil && ok && f.tok(p-1).surf == "の" && f.d.x.postWord(strings.TrimLeft(role, "元前現")) {
			// 同社の共同創業者である山田氏, 同大学の教授、山田氏: likewise, with の, when the
			// post is one word (同社の業務委託会社元社員 is another company's).
			if a := f.anaphorBefore(p - 1); a.ent != nil {
				org = &mention{ent: a.ent, start: f.tok(p - 2).start}
			}
		}
		if org != nil && isType(org.ent, Firm, Organization) {
			f.emitRole(m.ent, kind, org.ent, "", role, org.start, m.end, confApposition, false)
			for _, h := range later {
				f.emitRole(m.ent, h.kind, org.ent, "", h.role, org.start, m.end, confApposition, false)
			}
			continue
		}
		if k, officer, _ := f.d.x.titleKind(role); officer && !f.namesBody() && !strings.HasPrefix(role, "元") && !strings.HasPrefix(role, "前") {
			// 現社長の山田氏 with no company named in the sentence: an officer of the company the
			// text is about.
			if e := f.d.aboutBefore(Firm, m.start); e != nil {
				f.emitRole(m.ent, k, e, "", role, start, m.end, confNominal-0.1, false)
				continue
			}
		}
		if _, officer, _ := f.d.x.titleKind(role); officer && !f.namesBody() && (strings.HasPrefix(role, "元") || strings.HasPrefix(role, "前")) {
			// 東西電機の元幹部3人が…。対象は元会長の山田氏と…: a former officer's company is the
			// one whose former officers the sentence or the one before spoke of.
			if e := f.formerOfficersOf(); e != nil {
				f.emit(f.si, m.ent, "works_at", e, "", role, start, m.end, confNominal-0.1, false)
				continue
			}
		}
		// Scan the modifiers before the role back to the clause start.
		for q := p - 1; q >= 0; q-- {
			t := f.tok(q)
			if t.surf == "、" || t.surf == "。" || (t.particle() && (t.surf == "は" || t.surf == "が")) {
				break
			}
			if t.surf == "で" && (served > 0 || slices.ContainsFunc(f.s.toks[q+1:p], func(t token) bool { return worksThere(t.lemma()) })) {
				// Xで…を専門とする教授, Xで研究する山田氏, Xで監督を務めた山田氏 (not Xで鑑定を
				// 行った学者: what was done there).
				if o := f.endingAt(q); o != nil && isType(o.ent, Firm, Organization) {
					f.emit(f.si, m.ent, "works_at", o.ent, "", role, o.start, m.end, confApposition-0.1, false)
					break
				}
			}
			if t.surf == "を" && strings.HasPrefix(joinTokens(f.s.toks[q+1:min(q+4, len(f.s.toks))]), "拠点") {
				if o := f.endingAt(q); o != nil && isType(o.ent, Location, Country) {
					f.emit(f.si, m.ent, "located_in", o.ent, "", "を拠点とする", o.start, m.end, confApposition-0.1, false)
					break
				}
			}
		}
	}
}

// worksThere reports whether a word says what someone does where they work, in a clause
// "Xで…" before their role (専門, 研究, 教える, 勤める, 務める, 勤務, 働く, 在籍).
func worksThere(lemma string) bool {
	switch lemma {
	case "専門", "研究", "教える", "勤める", "務める", "勤務", "働く", "担当", "教鞭", "在籍", "所属":
		return true
	}
	return false
}

// servedBefore reports a post held by the person named at token k, written as a relative clause
// right before the name (X総裁を務めた山田氏, Xの顧問を務めている山田氏, Xの社長に就任した山田氏): the
// index of the を or に that ends the post, or 0, and whether the post is a past one.
func (f *frame) servedBefore(k int) (int, bool) {
	o, past := 0, false
	switch {
	case f.tok(k-1).lemma() == "務める" && f.tok(k-1).surf == "務める":
		o = k - 2
	case f.tok(k-1).surf == "た" && f.tok(k-2).lemma() == "務める":
		o, past = k-3, true
	case (f.tok(k-1).surf == "いる" || f.tok(k-1).surf == "いた") && f.tok(k-2).surf == "て" && f.tok(k-3).lemma() == "務める":
		o, past = k-4, f.tok(k-1).surf == "いた"
	case f.tok(k-1).surf == "た" && f.tok(k-2).lemma() == "する" && f.tok(k-3).surf == "就任",
		f.tok(k-1).surf == "する" && f.tok(k-2).surf == "就任":
		// Xの社長に就任した山田氏, X社長に就任する山田氏: the post taken up, held now or soon.
		o = k - 3
		if f.tok(k-1).surf == "た" {
			o = k - 4
		}
		if o <= 0 || f.tok(o).surf != "に" {
			return 0, false
		}
		return o, false
	default:
		return 0, false
	}
	if o <= 0 || f.tok(o).surf != "を" {
		return 0, false
	}
	return o, past
}

// parenPost: "山田氏(東西電機社長)": a post at a body written in parentheses after a person's name
// and honorific.
func (f *frame) parenPost(m *mention) {
	i := m.tj
	for k := m.tj + 1; k <= m.tj+3 && m.title != ""; k++ {
		if joinTokens(f.s.toks[m.tj:k]) == m.title {
			i = k
			break
		}
	}
	if f.tok(i).surf != "(" && m.title == "" {
		if _, end, ok := f.roleAfter(m); ok {
			i = end // 山田一郎理事長(…): a post the name did not take as its title
		}
	}
	if f.tok(i).surf != "(" {
		return
	}
	if f.tok(i+1).surf == "兼" {
		// 山田会長(兼・東西電機社長): a second post held at the same time.
		i++
		if f.tok(i+1).surf == "・" {
			i++
		}
	}
	o := f.startingAt(i + 1)
	if o == nil || !isType(o.ent, Firm, Organization) {
		return
	}
	j := f.after(o)
	if f.tok(j).surf == "の" {
		j++
	}
	c := j
	for c < len(f.s.toks) && c < j+4 && f.tok(c).surf != ")" {
		c++
	}
	if c == j || f.tok(c).surf != ")" {
		return
	}
	role := joinTokens(f.s.toks[j:c])
	kind, ok := f.d.x.postKind(role)
	if !ok && c-j >= 2 {
		// Posts written one after another (取締役相談役, 代表取締役会長): the last says what the
		// person is, and every one of them is a post.
		if _, first := f.d.x.lex.role[f.tok(j).surf]; first {
			kind, ok = f.d.x.lex.role[f.tok(c-1).surf]
		}
	}
	if !ok {
		return
	}
	f.emit(f.si, m.ent, "role", nil, role, role, m.start, f.tok(c).end, confApposition-0.1, false)
	f.emitRole(m.ent, kind, o.ent, "", joinTokens(f.s.toks[i+1:c]), m.start, f.tok(c).end, confApposition-0.1, false)
}

// parenHolder: "北浜地裁(大川良平裁判長)", "東西電機(山田太郎社長)": the person named with a post in
// parentheses right after a body holds the post there.
func (f *frame) parenHolder(m *mention) {
	if m.title == "" || f.tok(m.ti-1).surf != "(" {
		return
	}
	o := f.endingAt(m.ti - 1)
	if o == nil || o == m || !isType(o.ent, Firm, Organization) {
		return
	}
	c := m.tj
	for c < len(f.s.toks) && c < m.tj+4 && f.tok(c).surf != ")" {
		c++
	}
	if f.tok(c).surf != ")" || joinTokens(f.s.toks[m.tj:c]) != m.title {
		return
	}
	if kind, ok := f.d.x.postKind(m.title); ok {
		f.emitRole(m.ent, kind, o.ent, "", m.title, o.start, f.tok(c).end, confApposition-0.1, false)
	}
}

// dotBodyPost: "アントン・ベルガー・北浜中央銀行総裁", "マリア・ロッシ・国際通貨基金専務理事",
// "山田太郎・現東西電機社長": a name, ・, then (maybe after 現) a body and a post: the person holds
// the post there.
func (f *frame) dotBodyPost(m *mention) {
	o, post, kind, end, ok := f.dotBody(m)
	if !ok {
		return
	}
	f.emit(f.si, m.ent, "role", nil, post, post, m.start, end, confApposition-0.1, false)
	f.emitRole(m.ent, kind, o.ent, "", post, m.start, end, confApposition-0.1, false)
}

// dotBody returns the firm or body named after a name and ・, the post there, its kind and the
// post's end offset (dotBodyPost), when the name is so followed.
func (f *frame) dotBody(m *mention) (o *mention, post, kind string, end int, ok bool) {
	if f.tok(m.tj).surf != "・" {
		return nil, "", "", 0, false
	}
	i := m.tj + 1
	if f.tok(i).surf == "現" {
		i++ // 山田太郎・現東西電機社長: the post held now
	}
	o = f.startingAt(i)
	if o == nil || !isType(o.ent, Firm, Organization) || strings.HasPrefix(o.text, "同") {
		return nil, "", "", 0, false // (同協会 left unresolved names no body)
	}
	j := f.after(o)
	n := f.d.x.titleAt(f.s.toks, j)
	if n == 0 {
		return nil, "", "", 0, false
	}
	post = joinTokens(f.s.toks[j : j+n])
	if kind, ok = f.d.x.postKind(post); !ok {
		return nil, "", "", 0, false
	}
	return o, post, kind, f.tok(j + n - 1).end, true
}

// formerOfficersOf returns the company whose former officers as a group (東西電機の元幹部,
// 東西電機元役員, 東西電機の旧経営陣) the sentence or the one before names, when it is one company.
func (f *frame) formerOfficersOf() *entity {
	var found *entity
	for si := max(f.si-1, 0); si <= f.si; si++ {
		g := f
		if si != f.si {
			if f.d.sents[si].boiler {
				continue
			}
			g = &frame{d: f.d, s: &f.d.sents[si], ms: f.d.ments[si], si: si}
		}
		for _, m := range g.ms {
			if !isType(m.ent, Firm) {
				continue
			}
			i := g.after(m)
			if g.tok(i).surf == "の" {
				i++
			}
			if w := g.tok(i).surf; w != "元" && w != "前" && w != "旧" {
				continue
			}
			switch w := g.tok(i + 1).surf; {
			case w == "幹部", w == "役員", w == "取締役", w == "経営" && g.tok(i+2).surf == "陣":
			default:
				continue
			}
			if found != nil && found != m.ent {
				return nil
			}
			found = m.ent
		}
	}
	return found
}

// ownTitle reports whether a person's name is written with a title of its own that is a role
// (X党首, X市長), not only an honorific or a standing (氏, 容疑者).
func (f *frame) ownTitle(m *mention) bool {
	if m.title == "" {
		if n := f.d.x.titleAt(f.s.toks, m.tj); n > 0 {
			_, role := f.d.x.lex.role[joinTokens(f.s.toks[m.tj:m.tj+n])]
			return role
		}
		return false
	}
	_, officer, ok := f.d.x.titleKind(m.title)
	if officer {
		return true
	}
	for r := range f.d.x.lex.role {
		if ok && strings.HasSuffix(m.title, r) {
			return true
		}
	}
	return false
}

// skipModifiers skips adjectival modifiers after の (先進的な, 新しい), prefixes (準大手) and 別の, 他の,
// and returns the next index.
func (f *frame) skipModifiers(i int) int {
	for n := 0; n < 4; n++ {
		t := f.tok(i)
		switch {
		case t.surf == " ":
			i++
		case t.pos[0] == "形容詞" || t.pos[0] == "連体詞":
			i++
		case t.noun() && (t.pos[1] == "形容動詞語幹" || (t.pos[1] == "接尾" && t.surf == "的")) && f.startingAt(i) == nil:
			i++
		case t.aux() && t.surf == "な":
			i++
		case t.pos[0] == "接頭詞" && f.tok(i+1).noun() && f.startingAt(i) == nil:
			i++ // 準大手, 新興
		case (t.surf == "別" || t.surf == "他") && f.tok(i+1).surf == "の":
			i += 2 // イタリアの別の銀行X
		default:
			return i
		}
	}
	return i
}

// noPhrases: "A の B" between names. A firm's product is its development; an organisation in a
// country or place is located there; "A の親会社である B" makes B A's parent.
func (f *frame) noPhrases() {
	for _, a := range append(slices.Clone(f.ms), f.anaphors()...) {
		i := f.after(a)
		if a.rule == "" && f.tok(i).noun() {
			// 同社サービス「X」: an anaphor modifies the noun after it without の.
			f.described(a, i)
			continue
		}
		if j := f.spunOffAt(i); j > 0 {
			// Aから分社化した子会社のB: A is B's parent.
			if b := f.startingAt(j); b != nil && b.ent != nil && a.ent != nil && b.ent != a.ent && isType(b.ent, Firm, Organization) && isType(a.ent, Firm, Organization) {
				f.emit(f.si, a.ent, "parent_of", b.ent, "", joinTokens(f.s.toks[i:j]), a.start, b.end, confApposition, false)
			}
			continue
		}
		if f.tok(i).surf == "と" && f.tok(i).particle() {
			f.subsidiaryAfter(a, i)
			continue
		}
		if f.tok(i).surf != "の" {
			continue
		}
		// A の製造元である B, A の発売元 B, A の製造元で…しているCのB, Aの主要な供給業者であるB, BはA
		// の供給元だ: B makes, sells or supplies A.
		if rel, n := f.makerWordAt(i + 1); rel != "" && (f.tok(i+1).surf != "メーカー" || isType(a.ent, Product)) {
			// (Xのメーカー after a place, 同市のメーカー「B」, is a maker there, of nothing named.)
			j := i + 1 + n
			switch {
			case f.tok(j).surf == "で" && f.tok(j+1).surf == "ある":
				j += 2
			case f.tok(j).surf == "の" || f.tok(j).surf == "、" || f.tok(j).surf == "・":
				j++
			case f.tok(j).surf == "で":
				for k := j + 1; k < j+14 && k < len(f.s.toks); k++ {
					if t := f.tok(k); t.surf == "、" || t.surf == "。" {
						break
					}
					if m := f.startingAt(k); m != nil && m.ent != nil && isType(m.ent, Firm, Organization) {
						j = k
						break
					}
				}
			}
			if f.tok(j).surf == "「" || f.tok(j).surf == "『" {
				j++ // Xのメーカー・『B』
			}
			if c := f.startingAt(j); c != nil && isType(c.ent, Country, Location) && f.tok(c.tj).surf == "の" {
				// Aの運営会社である米国の企業・B: past the company's country and a company cue.
				if k := f.pastFirmCue(c.tj + 1); k > c.tj+1 {
					j = k
				}
			}
			b := f.startingAt(j)
			if e := i + 1 + n; b == nil && (f.copulaEnd(e) || f.endsSentence(e) || f.tok(e).surf == "で" && (f.tok(e+1).surf == "あり" || f.tok(e+1).surf == "、")) {
				// BはAの供給業者だ, BはAの製造元であり、…: the topic is the company.
				if ts := f.marked(0, a.ti, "は"); len(ts) > 0 {
					b = ts[len(ts)-1]
				}
			}
			buyer := isType(a.ent, Product, Firm) || rel == "supplies" && isType(a.ent, Organization, Country) // (a supplier's customer)
			if b != nil && b.ent != nil && a.ent != nil && isType(b.ent, Firm, Organization) && b.ent != a.ent && buyer {
				f.emit(f.si, b.ent, rel, a.ent, "", "の"+joinTokens(f.s.toks[i+1:i+1+n]), min(a.start, b.start), max(a.end, b.end), confApposition, false)
			}
			continue
		}
		// A の親会社である B / A の親会社 B / A や C の持ち株会社として知られる B
		if w, n := f.parentWordAt(i + 1); n > 0 {
			j := i + 1 + n
			if f.tok(j).surf == "で" && f.tok(j+1).surf == "ある" {
				j += 2
			} else if f.tok(j).surf == "、" || f.tok(j).surf == "の" {
				j++
			} else if f.tok(j).surf == "として" && f.tok(j+1).lemma() == "知る" && f.tok(j+2).lemma() == "れる" {
				j += 3
			} else if f.tok(j).surf == "で" {
				// Aの子会社でCと同業のB, Aの親会社で、米国の食品会社・「B」: past a short
				// description ending with の or ・ (the comma after で, if any, opens it).
				j++
				from, limit := j, j+8
				if f.tok(j).surf == "、" {
					from, limit = j+1, j+12
				}
				for k := from; k < limit; k++ {
					if t := f.tok(k); t.surf == "、" || t.surf == "。" || t.verb() || k >= len(f.s.toks) {
						break
					}
					n := k + 1
					if f.tok(k).surf == "・" && f.tok(n).surf == "「" {
						n++
					}
					if f.tok(k).surf == "の" && f.startingAt(n) != nil ||
						f.tok(k).surf == "・" && k > from && f.startingAt(n) != nil && isType(f.startingAt(n).ent, Firm, Organization) {
						j = n
						break
					}
				}
			}
			for f.tok(j).surf == " " {
				j++
			}
			if f.startingAt(j) == nil && f.tok(j-1).surf == "ある" {
				// Aのグループ会社である建設会社・B, Aの持ち株会社である投資会社のB: past a word of
				// what B is.
				if k := f.pastFirmCue(j); k > j && f.startingAt(k) != nil {
					j = k
				}
			}
			if c := f.startingAt(j); c != nil && isType(c.ent, Country) && c.tj-c.ti == 1 && f.d.x.gaz.abbrev[c.text] != nil {
				// Aの親会社である米B: the country's abbreviation qualifies the company after it.
				if k := f.pastFirmCue(c.tj); f.startingAt(k) != nil {
					j = k
				}
			}
			if f.startingAt(j) == nil {
				// Aの傘下にある動画共有サービス「B」: past a few words of what B is, right before
				// its bracketed name.
				k := j
				for k < j+6 && f.tok(k).noun() && f.startingAt(k) == nil {
					k++
				}
				if k > j && (f.tok(k).surf == "「" || f.tok(k).surf == "『") {
					j = k
				}
			}
			bracketed := false
			if f.tok(j).surf == "「" || f.tok(j).surf == "『" {
				j++ // Aの子会社「B」
				bracketed = true
			}
			b := f.startingAt(j)
			if b != nil && w == "子会社" && bracketed && isType(b.ent, Product) && isType(a.ent, Firm, Organization) && b.ent != a.ent {
				// Aの傘下にある…「B」: a service or brand A owns.
				f.emit(f.si, a.ent, "parent_of", b.ent, "", "の"+joinTokens(f.s.toks[i+1:i+1+n]), a.start, b.end, confApposition, false)
				continue
			}
			if b == nil && (f.copulaEnd(j) || f.endsSentence(j)) {
				// BはAの子会社だ, BはAの親会社である: the topic is the other company.
				if ts := f.marked(0, a.ti, "は"); len(ts) > 0 && ts[len(ts)-1].ent != a.ent {
					b = ts[len(ts)-1]
				}
			}
			if b != nil && isType(b.ent, Firm, Organization) && isType(a.ent, Firm, Organization, Product) {
				if w == "親会社" {
					// AやCの持ち株会社: the parent of every listed firm.
					for _, c := range f.listEndingWith(a) {
						if c.ent != b.ent && isType(c.ent, Firm, Organization, Product) {
							f.emit(f.si, b.ent, "parent_of", c.ent, "", "の"+joinTokens(f.s.toks[i+1:i+1+n]), c.start, b.end, confApposition, false)
						}
					}
				} else {
					f.emit(f.si, a.ent, "parent_of", b.ent, "", "の"+joinTokens(f.s.toks[i+1:i+1+n]), a.start, b.end, confApposition, false)
				}
			}
			continue
		}
		j := f.skipModifiers(i + 1)
		b := f.startingAt(j)
		if b == nil && isType(a.ent, Country, Location) {
			// ノルウェーの企業X, 韓国の通信社「X」, 中国の検索大手X: words that say what the
			// company is.
			k := j
			for k < j+2 && f.tok(k).noun() && f.d.x.lex.firmCue[f.tok(k).surf] && f.startingAt(k) == nil {
				k++
			}
			if k == j {
				k = f.pastFirmCue(j)
			}
			if f.tok(k).surf == "「" || f.tok(k).surf == "『" || f.tok(k).surf == "・" {
				k++
			}
			if c := f.startingAt(k); k > j && c != nil && isType(c.ent, Firm, Organization) {
				b = c
				// 韓国の新聞「X」「Y」紙: every bracketed name of the run.
				for n := f.after(c); f.tok(n).surf == "「" || f.tok(n).surf == "『"; {
					d := f.startingAt(n + 1)
					if d == nil || !isType(d.ent, Firm, Organization) || d.ent == a.ent {
						break
					}
					f.emit(f.si, d.ent, "located_in", a.ent, "", "の", a.start, d.end, confNo, false)
					n = f.after(d)
				}
			}
		}
		if b == nil && (f.tok(j).surf == "「" || f.tok(j).surf == "『") && isType(a.ent, Firm) {
			// 東西商事の「ゼフィラ」: a company's product named in brackets; not in kanji alone,
			// which is as often a plan or a show (Xの「再建計画」).
			if c := f.startingAt(j + 1); c != nil && isType(c.ent, Product) && (f.tok(c.tj).surf == "」" || f.tok(c.tj).surf == "』") &&
				slices.ContainsFunc(f.s.toks[c.ti:c.tj], func(t token) bool { return t.cls == clsKatakana || t.cls == clsLatin }) {
				b = c
			}
		}
		if b == nil {
			b = f.phraseAt(j)
		}
		if b == nil {
			f.described(a, j)
			continue
		}
		if b == nil || b.ent == nil || a.ent == nil {
			continue
		}
		if f.restrictedBy(a, b) {
			continue
		}
		switch {
		case f.groupName(a) && isType(b.ent, Firm) && a.ent != b.ent && f.d.x.firmCueEnd(b.text):
			// 東西グループの部品メーカーである北浜電装: the description read as a name; the
			// member is named after it.
			k := f.after(b)
			if f.tok(k).surf == "で" && f.tok(k+1).surf == "ある" {
				k += 2
			} else if f.tok(k).surf == "、" || f.tok(k).surf == "・" {
				k++
			}
			if c := f.startingAt(k); c != nil && isType(c.ent, Firm) && c.ent != a.ent && !f.d.x.firmCueEnd(c.text) {
				f.emit(f.si, c.ent, "member_of", a.ent, "", "の", a.start, c.end, confNo, false)
			}
		case f.groupName(a) && isType(b.ent, Firm) && a.ent != b.ent:
			// 東西グループの北浜電装: a member of the group.
			f.emit(f.si, b.ent, "member_of", a.ent, "", "の", a.start, b.end, confNo, false)
		case isType(a.ent, Firm, Organization) && b.ent.typ == Product && !f.commonWords(b):
			f.emit(f.si, a.ent, "develops", b.ent, "", "の", a.start, b.end, confNo, false)
			if k := f.after(b); f.tok(k).surf == "「" || f.tok(k).surf == "『" {
				// Xの大規模言語モデル「Y」: the kind of product and the product it names.
				if c := f.startingAt(k + 1); c != nil && c.ent != nil && c.ent.typ == Product && c.ent != b.ent {
					f.emit(f.si, a.ent, "develops", c.ent, "", "の", a.start, c.end, confNo, false)
				}
			}
		case isType(a.ent, Organization) && isType(b.ent, Organization) && a.ent != b.ent && subBody(b.text):
			// 北浜食品安全局の南町諮問委員会, 東西地検の北浜支部: a committee, office or branch
			// named after a body is part of it.
			f.emit(f.si, b.ent, "member_of", a.ent, "", "の", a.start, b.end, confNo, false)
		case isType(a.ent, Country, Location) && isType(b.ent, Firm, Organization) && !f.listedOn(b):
			f.emit(f.si, b.ent, "located_in", a.ent, "", "の", a.start, b.end, confNo, false)
			// 韓国のAとB: the companies listed after the first are in the place too, when the
			// list ends the phrase (韓国のAと米国のB names B's own).
			for _, c := range f.listStartingWith(b) {
				if c != b && isType(c.ent, Firm, Organization) && c.ent != a.ent {
					f.emit(f.si, c.ent, "located_in", a.ent, "", "の", a.start, c.end, confNo-0.05, false)
				}
			}
		case isType(a.ent, Country, Location) && isType(b.ent, Location) && a.ent != b.ent:
			// 中国の福建省, ドイツのベルリン: a place in a country or a region.
			f.emit(f.si, b.ent, "located_in", a.ent, "", "の", a.start, b.end, confNo, false)
		}
	}
}

// branded: "X「Y」", a company's name right before a product's name in brackets (東西食品「北浜茶」,
// 南町電機「サウスフォン」の販売): the product is the company's.
func (f *frame) branded() {
	for _, a := range f.ms {
		if !isType(a.ent, Firm) || f.d.x.lex.isOutlet(a.text) || f.d.x.lex.isGeneric(a.text) || kindOfService(a.text) || a.tj-a.ti == 1 && f.tok(a.ti).cls == clsLatin && strings.ToUpper(a.text) == a.text && len(a.text) <= 4 ||
			f.tok(a.tj-1).cls == clsDigit || f.tok(a.tj-1).cls == clsLatin && len(f.tok(a.tj-1).surf) == 1 {
			// (Not a newspaper before another's name, a citation; nor words for a kind of
			// service, ショッピングサイト「X」, nor a bare acronym, NGO「X」, nor a name ending
			// in a number or a letter, a series' or a course's: CV 01「X」, 日本史A「X」.)
			continue
		}
		k := f.after(a)
		if w := f.tok(k).surf; w != "「" && w != "『" {
			continue
		}
		c := f.startingAt(k + 1)
		if c == nil || c.ent == nil || c.ent.typ != Product || c.ent == a.ent {
			continue
		}
		if w := f.tok(c.tj).surf; w != "」" && w != "』" {
			continue
		}
		f.emit(f.si, a.ent, "develops", c.ent, "", a.text+"「", a.start, c.end, confNo, false)
	}
}

// subBody reports whether a body's name ends in a word for a part of another body: a committee,
// council, secretariat, branch or research institute (諮問委員会, 審議会, 事務局, 支部, 研究所).
func subBody(w string) bool {
	for _, sfx := range []string{"委員会", "審議会", "部会", "分科会", "調査会", "事務局", "支部", "研究所"} {
		if strings.HasSuffix(w, sfx) && w != sfx {
			return true
		}
	}
	return false
}

// kindOfService reports whether a name ends in a word for a kind of service or site
// (インターネットショッピングサイト, ソーシャル・ネットワーキングサービス), words the model may
// read as a company.
func kindOfService(w string) bool {
	return strings.HasSuffix(w, "サイト") || strings.HasSuffix(w, "サービス") || strings.HasSuffix(w, "放送局")
}

// listedOn reports whether a market's name is part of a description of where a company is listed
// (葛飾区の東証2部上場の建設会社): the place is the company's, not the exchange's.
func (f *frame) listedOn(m *mention) bool {
	k := f.after(m)
	if f.tok(k).pos[1] == "数" && f.tok(k+1).surf == "部" {
		k += 2
	}
	return strings.HasPrefix(f.tok(k).surf, "上場") || f.tok(k).surf == "1部" || f.tok(k).surf == "2部"
}

// makerWordAt returns the relation of a company to the product or chain before "の" when the
// words at token i name the company as its maker, seller, supplier or operator (makerWord;
// (主要な)供給業者, サプライヤー as supplies; 運営会社 and 運営元 as parent_of: the company runs the
// chain or service), and how many tokens they take.
func (f *frame) makerWordAt(i int) (string, int) {
	if rel := makerWord(f.tok(i).surf); rel != "" {
		return rel, 1
	}
	if f.tok(i).surf == "メーカー" && f.tok(i-1).surf == "の" && f.tok(i+1).surf != "の" {
		return "develops", 1 // 『X』のメーカー・B, Xのメーカーである B (not Xのメーカーの: of its makers)
	}
	// Aの(主要な)供給業者, Aの主要サプライヤー, Aの供給|元: B supplies A.
	k := i
	if w := f.tok(i).surf; (w == "主要" || w == "最大" || w == "主力") && (f.tok(i+1).surf == "な" || f.tok(i+1).surf == "の") {
		k += 2
	} else if w == "主要" || w == "主力" || w == "大手" {
		k++
	}
	if supplierWord(f.tok(k).surf) {
		return "supplies", k - i + 1
	}
	if supplierWord(f.tok(k).surf + f.tok(k+1).surf) {
		return "supplies", k - i + 2
	}
	switch w := f.tok(i).surf; {
	case w == "運営会社" || w == "運営元":
		return "parent_of", 1
	case w == "運営" && (f.tok(i+1).surf == "会社" || f.tok(i+1).surf == "元"):
		return "parent_of", 2
	}
	return "", 0
}

// makerWord returns the relation of a company to the product before "の" when w names the company
// by what it does with it (製造元, 開発元: develops; 発売元: releases; 販売元: supplies), or "".
func makerWord(w string) string {
	switch w {
	case "製造元", "開発元":
		return "develops"
	case "発売元":
		return "releases"
	case "販売元":
		return "supplies"
	}
	return ""
}

// subsidiaryAfter: "A と、運航子会社の B" (Aと子会社のB): a subsidiary named after a company in
// a list, its owner left out, is the company's. Not after another company as the topic (Xは
// Aと子会社のBを…: B may be X's).
func (f *frame) subsidiaryAfter(a *mention, i int) {
	if a.ent == nil || !isType(a.ent, Firm) {
		return
	}
	k := i + 1
	if f.tok(k).surf == "、" {
		k++
	}
	for n := 0; n < 2 && f.tok(k).noun() && f.tok(k).surf != "子会社" && f.startingAt(k) == nil; n++ {
		k++ // 運航子会社, 完全子会社: what kind of subsidiary
	}
	if f.tok(k).surf != "子会社" || f.tok(k+1).surf != "の" {
		return
	}
	b := f.startingAt(k + 2)
	if b == nil || b.ent == nil || b.ent == a.ent || !isType(b.ent, Firm) {
		return
	}
	if ts := f.marked(0, a.ti, "は"); len(ts) > 0 && ts[len(ts)-1].ent != a.ent && isType(ts[len(ts)-1].ent, Firm, Organization) {
		return
	}
	f.emit(f.si, a.ent, "parent_of", b.ent, "", joinTokens(f.s.toks[i:k+2]), a.start, b.end, confApposition, false)
}

// spunOffAt returns the token after "(本社)から分社化した子会社の" (分社した, 分離した) at token i,
// where the subsidiary's name starts, or 0.
func (f *frame) spunOffAt(i int) int {
	if f.tok(i).surf == "本社" {
		i++
	}
	if f.tok(i).surf != "から" {
		return 0
	}
	from := i + 2
	switch f.tok(i + 1).surf {
	case "分社化", "分社", "分離":
		if f.tok(from).surf == "化" {
			from++ // 分社|化
		}
	default:
		return 0
	}
	for k := from; k < len(f.s.toks) && k < from+4; k++ {
		t := f.tok(k)
		if t.surf == "子会社" && f.tok(k+1).surf == "の" {
			if w := f.tok(k + 2).surf; w == "「" || w == "『" {
				return k + 3
			}
			return k + 2
		}
		if !(t.verb() || t.aux()) {
			return 0
		}
	}
	return 0
}

// ownSubsidiary: "Xは、子会社のB", "Xは子会社である映像機器メーカーのB", "Xが発表したところに
// よれば、グループ会社であるBが…": a subsidiary or group company written with no owner before
// it is the company of the sentence's topic (marked は, with no other company or body named
// between) or of the announcer the sentence cites.
func (f *frame) ownSubsidiary() {
	for k := 1; k < len(f.s.toks); k++ {
		w, n := f.parentWordAt(k)
		if w != "子会社" || n == 0 {
			continue
		}
		if p := f.tok(k - 1); p.surf != "は" && p.surf != "、" || f.endingAt(k) != nil {
			continue // Aの子会社, A子会社: the owner is named
		}
		j := k + n
		switch {
		case f.tok(j).surf == "で" && f.tok(j+1).surf == "ある":
			j += 2
		case f.tok(j).surf == "の":
			j++
		default:
			continue
		}
		if f.startingAt(j) == nil {
			// 子会社の映像機器メーカーであるB, 子会社である会計ソフト会社「B」: a few words of what B is.
			e := j
			for e < j+5 && f.tok(e).noun() && f.startingAt(e) == nil {
				e++
			}
			switch {
			case e > j && f.tok(e).surf == "で" && f.tok(e+1).surf == "ある":
				j = e + 2
			case e > j && (f.tok(e).surf == "の" || f.tok(e).surf == "、" || f.tok(e).surf == "・"):
				j = e + 1
			case e > j:
				j = e
			}
		}
		if f.tok(j).surf == "「" || f.tok(j).surf == "『" {
			j++
		}
		b := f.startingAt(j)
		if b == nil || !isType(b.ent, Firm, Organization) {
			continue
		}
		var owner *entity
		if ts := f.marked(0, k, "は"); len(ts) > 0 {
			t := ts[len(ts)-1]
			between := false
			for _, m := range f.ms {
				if m.ti >= t.tj && m.tj <= k && isType(m.ent, Firm, Organization) {
					between = true
				}
			}
			if !between && isType(t.ent, Firm, Organization) {
				owner = t.ent
			}
		}
		if owner == nil {
			for i := 1; i+2 < k; i++ {
				if accordingToAt(f.s.toks, i) {
					if an := f.announcerBefore(i); an.ent != nil && isType(an.ent, Firm, Organization) {
						owner = an.ent
					}
				}
			}
		}
		if owner == nil && len(f.marked(0, k, "は", "が")) == 0 {
			// また、子会社のB…: with no subject of its own, the sentence goes on with the topic
			// of the one before.
			if ts := f.previousTopic(k); len(ts) > 0 && isType(ts[0].ent, Firm, Organization) {
				owner = ts[0].ent
			}
		}
		if owner != nil && owner != b.ent {
			f.emit(f.si, owner, "parent_of", b.ent, "", joinTokens(f.s.toks[k:k+n]), f.tok(k).start, b.end, confNo, false)
		}
	}
}

// parentWordAt returns the words at token i that name a company's parent or subsidiary after
// "A の" (親会社, 持ち株会社, 持株会社, 持ち株親会社 as 親会社; 子会社, 完全子会社, グループ会社 and 傘下にある
// as 子会社) and how many tokens they take, or 0.
func (f *frame) parentWordAt(i int) (string, int) {
	switch w := f.tok(i).surf; {
	case w == "親会社" || w == "子会社":
		return w, 1
	case (w == "持ち株" || w == "持株") && f.tok(i+1).surf == "会社":
		return "親会社", 2
	case (w == "持ち株" || w == "持株") && f.tok(i+1).surf == "親会社":
		return "親会社", 2 // Aの持ち株親会社であるB
	case (w == "持ち株" || w == "持株") && f.tok(i+1).surf == "親" && f.tok(i+2).surf == "会社":
		return "親会社", 3
	case w == "持ち株会社" || w == "持株会社":
		return "親会社", 1
	case w == "グループ会社" || w == "グループ企業":
		return "子会社", 1
	case w == "グループ" && (f.tok(i+1).surf == "会社" || f.tok(i+1).surf == "企業"):
		return "子会社", 2 // Aのグループ会社「B」: a company of A's group, as 子会社
	case (w == "完全" || w == "連結") && f.tok(i+1).surf == "子会社":
		return "子会社", 2 // Aの完全子会社, Aの連結子会社
	case w == "傘下" && f.tok(i+1).surf == "に" && f.tok(i+2).lemma() == "ある":
		return "子会社", 3 // BはAの傘下にある (傘下に入った is read with 傘下 itself)
	}
	return "", 0
}

// firmCueEnd reports whether a name ends with a word that describes a company (部品メーカー):
// a description, not a company's name.
func (x *Extractor) firmCueEnd(name string) bool {
	for w := range endings(name, x.lex.firmCueLens, len(name)) {
		if !x.lex.firmCue[w] {
			continue
		}
		if _, suffix := x.lex.orgSfx[w]; suffix && w != "会社" {
			continue // 青葉銀行: a name's own suffix
		}
		if utf8.RuneCountInString(w) >= 2 {
			return true
		}
	}
	return false
}

// groupName reports whether a mention names a group of companies after a company's name
// (トヨタグループ, 東西グループ), not one company, nor a kind of group (アイドルグループ, Bグループ).
func (f *frame) groupName(m *mention) bool {
	base, ok := strings.CutSuffix(m.text, "グループ")
	if !ok || !isType(m.ent, Firm, Organization) || utf8.RuneCountInString(base) < 2 {
		return false
	}
	if g := f.d.x.gaz.lookup(base); g != nil {
		return g.typ == Firm
	}
	return f.tok(m.ti).proper() && f.tok(m.ti).pos[2] != "人名" || !f.tok(m.ti).known && f.tok(m.ti).cls == clsKatakana
}

// commonWords reports whether a mention is written in kanji only and not set off as a name by
// brackets: after の it is as likely a thing the body has (協会の停年, 同社の酒税法上の分類) as a
// product it makes (東西電機の「光速」).
func (f *frame) commonWords(m *mention) bool {
	if m.gaz != nil {
		return false
	}
	// Katakana words of the dictionary are common nouns too (同社のビール, 同社のウェブサイト).
	common := !slices.ContainsFunc(f.s.toks[m.ti:m.tj], func(t token) bool { return !t.known || t.proper() || t.cls == clsLatin || t.cls == clsDigit })
	if classOfString(m.text) != clsKanji && !common {
		return false
	}
	w := f.tok(m.ti - 1).surf
	return w != "「" && w != "『"
}

// restrictedBy: "A の B 規制", "A の B 完全規制": a restriction of B's by A, not A's B. It states
// that A restricts B.
func (f *frame) restrictedBy(a, b *mention) bool {
	if !isType(a.ent, Firm, Organization, Country) {
		return false
	}
	k := f.after(b)
	for n := k; n < k+3 && f.tok(n).noun(); n++ {
		if f.d.x.lex.predicate[f.tok(n).surf] == "restricts" {
			f.emit(f.si, a.ent, "restricts", b.ent, "", "の"+joinTokens(f.s.toks[k:n+1]), a.start, f.tok(n).end, confNo, false)
			return true
		}
	}
	return false
}

// described: "A の [description] である B", "A の [description]、B" (or ・B), "A の [description]「B」":
// ドイツの自動車メーカーであるX is in Germany, 同社のパソコン「X」 is the company's product.
func (f *frame) described(a *mention, j int) {
	k := j
	for k < len(f.s.toks) && f.startingAt(k) == nil && k-j < 8 {
		// カメラ・光学機器メーカー: a ・ between words of the description, not before the name.
		if !f.tok(k).noun() && !(f.tok(k).surf == "・" && k > j && f.tok(k+1).noun() && f.startingAt(k+1) == nil) {
			break
		}
		k++
	}
	if k == j && f.tok(j).surf != "「" && f.tok(j).surf != "『" {
		return // (Xの「Y」: a bracketed name right after の, below)
	}
	bracket := false
	if t := f.topicOfCopula(j, k); t != nil && isType(a.ent, Country, Location) {
		// 東西電機は、…を運営する日本のIT大手だ: the topic is the company described.
		f.emit(f.si, t.ent, "located_in", a.ent, "", "の", a.start, f.tok(k-1).end, confNo, false)
		return
	}
	switch {
	case f.tok(k).surf == "で" && f.tok(k+1).surf == "ある":
		k += 2
	case f.tok(k).surf == "、" || f.tok(k).surf == "・":
		k++ // ドイツの自動車メーカー、X / 英国の医療機器メーカー・X
	case k > j && f.startingAt(k) != nil && f.d.x.productCueAt(f.s.toks, k-1):
		// 同社の家庭用ゲーム機X: a kind of product right before the product's name.
	case f.tok(k).surf != "「" && f.tok(k).surf != "『":
		return
	}
	for f.tok(k).surf == " " {
		k++
	}
	if w := f.tok(k).surf; w == "「" || w == "『" {
		k++
		bracket = true
	}
	c := f.startingAt(k)
	if c == nil || c.ent == nil || a.ent == nil {
		return
	}
	switch {
	case isType(a.ent, Country, Location) && (isType(c.ent, Firm, Organization) || isType(c.ent, Location) && c.ent != a.ent):
		f.emit(f.si, c.ent, "located_in", a.ent, "", "の", a.start, c.end, confNo, false)
	case f.groupName(a) && isType(c.ent, Firm) && c.ent != a.ent:
		// 東西グループの部品メーカーである北浜電装: a member of the group.
		f.emit(f.si, c.ent, "member_of", a.ent, "", "の", a.start, c.end, confNo, false)
	case isType(a.ent, Firm, Organization) && c.ent.typ == Product && k-1 > j && (bracket || f.d.x.productCueAt(f.s.toks, k-2) || f.d.x.productCueAt(f.s.toks, k-3) ||
		isType(a.ent, Firm) && f.d.x.productCueAt(f.s.toks, k-1)):
		// (A bracketed name right after の, Xの「Y」, is as often a show, a plan or a venue as
		// X's product: only a place's is placed.)
		// Only a product named as one: 同社のパソコン「X」, マイクロソフトのOS、「X」; without
		// brackets only a company's (同社のゲーム機X; a body's 戦闘機X is one it uses).
		f.emit(f.si, a.ent, "develops", c.ent, "", "の", a.start, c.end, confNo, false)
		// Aのワープロソフト「X」と画像ソフト「Y」: a product listed after the first with a kind
		// of its own is A's too.
		for d := f.kindedNext(c); d != nil && d.ent != a.ent; d = f.kindedNext(d) {
			f.emit(f.si, a.ent, "develops", d.ent, "", "の", a.start, d.end, confNo-0.05, false)
		}
	}
}

// topicOfCopula returns the company or organisation that is the sentence's topic (Xは) when the
// common nouns [j, k) describe a company (IT大手, 部品メーカー) and a copula ends the sentence at k
// (…のIT大手だ。, …の企業である。), or the sentence ends there without one (…の電機メーカー。): the
// description is said of the topic. Nil otherwise.
func (f *frame) topicOfCopula(j, k int) *mention {
	if k <= j || !f.firmCueEnds(k-1, j) || !(f.copulaEnd(k) || k >= len(f.s.toks) || f.tok(k).surf == "。") {
		return nil
	}
	ts := f.marked(0, j, "は")
	if len(ts) == 0 || !isType(ts[0].ent, Firm, Organization) {
		return nil
	}
	return ts[0]
}

// productTopic returns the product that is the sentence's topic (Xは) when the common nouns
// [j, k) end with a product cue (新型ロケット, 検索ソフト) and end the sentence at k, with a
// copula or without (…が開発した新型ロケット。, …ソフトである。): the description is said of the
// topic. Nil otherwise.
func (f *frame) productTopic(j, k int) *mention {
	if k <= j || !f.d.x.productCueAt(f.s.toks, k-1) || !(f.copulaEnd(k) || k >= len(f.s.toks) || f.tok(k).surf == "。") {
		return nil
	}
	ts := f.marked(0, j, "は")
	if len(ts) == 0 || !isType(ts[0].ent, Product) {
		return nil
	}
	return ts[0]
}

// copulaEnd reports whether a copula that ends the sentence starts at token k (だ。, です。,
// である。, だった。).
func (f *frame) copulaEnd(k int) bool {
	switch w := f.tok(k).surf; {
	case w == "だ" || w == "です" || w == "だっ" || w == "でし":
		k++
	case w == "で" && (f.tok(k+1).surf == "ある" || f.tok(k+1).surf == "あっ"):
		k += 2
	default:
		return false
	}
	for f.tok(k).aux() {
		k++
	}
	return k >= len(f.s.toks) || f.tok(k).surf == "。"
}

// anaphors returns the anaphors of the sentence (同社, 同大学) as mentions of the entities they
// refer back to.
func (f *frame) anaphors() []*mention {
	var out []*mention
	for i := range f.s.toks {
		t := f.tok(i)
		if !f.d.x.lex.anaphorFirst.hasFirst(t.surf) {
			continue
		}
		if _, ok := f.d.x.lex.anaphor[t.surf]; !ok || f.startingAt(i) != nil {
			continue
		}
		if a := f.anaphorBefore(i + 1); a.ent != nil {
			out = append(out, &mention{sent: f.si, ti: i, tj: i + 1, start: t.start, end: t.end, text: t.surf, ent: a.ent, typ: a.ent.typ})
		}
	}
	return out
}

// countryPrefix: "米グーグル", "独シーメンス": a country's one-character abbreviation written right
// before a company's name places the company in that country.
//
// A country's name joined to the name with ・ (アメリカ・X社, イギリス・X, スイス・ジュネーヴ) or written right before
// it (英国X, 米国X大学) does the same, and so does an abbreviation before a bracketed name
// (米「X」), when the article names the country.
func (f *frame) countryPrefix() {
	for _, a := range f.ms {
		if a.ent == nil || a.ent.typ != Country {
			continue
		}
		if utf8.RuneCountInString(a.text) != 1 {
			if k := f.after(a); f.tok(k).surf == "・" && f.tok(a.ti-1).surf != "・" {
				// Not a list of parties (日本・アメリカ両政府, A・B・Cなど) nor a body named after
				// another country (英国・エチオピア共同研究グループ).
				// A place after it is a place in the country (スイス・ジュネーヴ), unless it ends the
				// state's formal name (エジプト・アラブ|共和国) or 中国 is the region of Japan
				// (中国・四国地方, 中国・九州北部).
				if b := f.startingAt(k + 1); b != nil && isType(b.ent, Firm, Organization, Location) && b.ent != a.ent && !f.namedAfterCountry(b) &&
					!(isType(b.ent, Location) && (stateEnd(b.text) || a.text == "中国" && japaneseRegion(b.text))) {
					switch f.tok(f.after(b)).surf {
					case "・", "両", "双方", "間":
					default:
						f.emit(f.si, b.ent, "located_in", a.ent, "", a.text+"・", a.start, b.end, confNo, false)
					}
				}
			} else if b := f.startingAt(a.tj); b != nil && isType(b.ent, Firm, Organization) && b.ent != a.ent && !f.namedAfterCountry(b) {
				// 英国BBC, 米国デラウェア大学: the country's name written right before the name.
				f.emit(f.si, b.ent, "located_in", a.ent, "", a.text, a.start, b.end, confNo, false)
			}
			continue
		}
		if b := f.startingAt(f.pastFirmCue(a.tj)); b != nil && isType(b.ent, Firm, Organization) {
			f.emit(f.si, b.ent, "located_in", a.ent, "", a.text, a.start, b.end, confNo, false)
		}
	}
	for _, b := range f.ms {
		if !isType(b.ent, Firm, Organization) || b.ti < 2 || (f.tok(b.ti-1).surf != "「" && f.tok(b.ti-1).surf != "『") {
			continue
		}
		t := f.tok(b.ti - 2)
		g := f.d.x.gaz.abbrev[t.surf]
		if p := f.endingAt(b.ti - 1); g == nil || !t.noun() || p != nil && !isType(p.ent, Country) || f.tok(b.ti-3).noun() && f.startingAt(b.ti-2) == nil {
			continue // 日米「X」 or a word ending in the character is no abbreviation of a country
		}
		if c := f.d.byKey[g.key]; c != nil && c != b.ent {
			f.emit(f.si, b.ent, "located_in", c, "", t.surf+"「", t.start, b.end, confNo, false)
		}
	}
}

// placeDotPlace: "長野県・松川町", "北海道・岩見沢市", "静岡・掛川市": a prefecture (or a place
// without a unit's suffix) joined with ・ to a city, town or village names the place in it. A
// place of the same rank or higher after the ・ is a list (大阪市・神戸市, 岐阜県・愛知県), and so
// are a run of more than two (A・B・C) and names before 両 (A・B両市).
func (f *frame) placeDotPlace() {
	for _, a := range f.ms {
		if !isType(a.ent, Location) || f.tok(a.ti-1).surf == "・" {
			continue
		}
		k := a.tj
		if f.tok(k).surf != "・" {
			continue
		}
		b := f.startingAt(k + 1)
		if b == nil || !isType(b.ent, Location) || b.ent == a.ent || f.tok(b.tj).surf == "・" || strings.Contains(b.text, "両") {
			continue // 台北・高雄両市: a list
		}
		ra, rb := placeRank(a.text), placeRank(b.text)
		if rb == 0 || ra != 0 && ra <= rb || ra == 0 && rb != 2 {
			continue
		}
		f.emit(f.si, b.ent, "located_in", a.ent, "", a.text+"・", a.start, b.end, confNo, false)
	}
}

// placeRank ranks a place's name by its administrative unit's suffix: 3 a prefecture, state or
// province (…県, …州), 2 a city, town, village or county (…市, …町), 1 a ward (…区), 0 none.
func placeRank(name string) int {
	r, _ := utf8.DecodeLastRuneInString(name)
	switch {
	case strings.ContainsRune("都道府県州省", r):
		return 3
	case strings.ContainsRune("市町村郡", r):
		return 2
	case r == '区':
		return 1
	}
	return 0
}

// namedAfterCountry reports whether a mention's name begins with a country's name (アメリカ軍,
// エチオピア共同研究グループ).
func (f *frame) namedAfterCountry(m *mention) bool {
	c := f.d.x.gaz.lookupNorm(f.tok(m.ti).surf)
	return c != nil && c.typ == Country
}

// countryInName: "米商務省", "中国商務部", "英国防省": a government body named with its country's name
// or abbreviation first is in that country, when the article names the country too (the
// country is an entity only where it is written as a name of its own).
func (f *frame) countryInName() {
	for _, m := range f.ms {
		if m.ent == nil || m.ent.typ != Organization || m.tj-m.ti < 2 {
			continue
		}
		first := f.tok(m.ti).surf
		g := f.d.x.gaz.abbrev[first]
		if g == nil {
			if c := f.d.x.gaz.lookupNorm(first); c != nil && c.typ == Country {
				g = c
			}
		}
		last, n := decodeLastRune(m.text)
		before, _ := decodeLastRune(m.text[:len(m.text)-n])
		if g == nil || !strings.ContainsRune("省庁局部軍", last) || last == '部' && strings.ContainsRune("東西南北中央岸本", before) {
			continue // a part of the country (イラン北東部) or an office (…本部) is no body of it
		}
		if c := f.d.byKey[g.key]; c != nil && c != m.ent {
			f.emit(f.si, m.ent, "located_in", c, "", first, m.start, m.end, confNo, false)
		}
	}
}

// firmCueEnds reports whether a company cue of the lexicon ends at token k (企業, 大手), maybe
// one the dictionary cut in two (スタート|アップ, 通信|社) whose first part is not before token from.
func (f *frame) firmCueEnds(k, from int) bool {
	cue := f.d.x.lex.firmCue
	return cue[f.tok(k).surf] || k > from && cue[f.tok(k-1).surf+f.tok(k).surf]
}

// pastFirmCue returns the token after a short run of common nouns from token i that ends with a
// word describing a company (半導体大手, 電子部品メーカー, IT企業), or i if there is none: 米半導体
// 大手X writes X's country before what X does.
func (f *frame) pastFirmCue(i int) int {
	for k := i; k < len(f.s.toks) && k < i+4; k++ {
		t := f.tok(k)
		if !t.noun() || f.startingAt(k) != nil || t.pos[1] == "数" {
			return i
		}
		cue := f.firmCueEnds(k, i)
		if cue && f.startingAt(k+1) != nil {
			return k + 1
		}
		// 米半導体大手のX, 米IT大手、X: the cue and the name joined by の, 、 or ・.
		if w := f.tok(k + 1).surf; cue && (w == "の" || w == "、" || w == "・") && f.startingAt(k+2) != nil {
			return k + 2
		}
		// 傘下の銀行であるX: the cue, である and the name.
		if cue && f.tok(k+1).surf == "で" && f.tok(k+2).surf == "ある" && f.startingAt(k+3) != nil {
			return k + 3
		}
	}
	return i
}

// parenParent: "南星モバイル(東西電機の子会社)", "南星モバイル(東西電機の完全子会社)": a company in
// parentheses right after a company's name, as its parent, owns it.
func (f *frame) parenParent() {
	for _, b := range f.ms {
		if !isType(b.ent, Firm) || f.tok(b.tj).surf != "(" {
			continue
		}
		a := f.startingAt(b.tj + 1)
		if a == nil || !isType(a.ent, Firm) || a.ent == b.ent {
			continue
		}
		i := f.after(a)
		if f.tok(i).surf == "の" {
			i++
		}
		if f.tok(i).surf == "完全" {
			i++
		}
		if w := f.tok(i).surf; (w != "子会社" && w != "傘下") || f.tok(i+1).surf != ")" {
			continue
		}
		f.emit(f.si, a.ent, "parent_of", b.ent, "", "("+joinTokens(f.s.toks[b.tj+1:i+2]), b.start, f.tok(i+1).end, confNo, false)
	}
}

// parenPlace: "北浜ロボティクス(ドイツ)", "東西電機(大阪市)", "東西電機(本社:大阪市)",
// "東西電機(大阪市、以下「東電」)": a country or
// place in parentheses right after the name of a company, organisation or place is where it is.
func (f *frame) parenPlace() {
	for _, a := range f.ms {
		if a.ent == nil || a.ti == 0 || !isType(a.ent, Country, Location) || venue(a.text) {
			continue
		}
		open := a.ti - 1
		if w := f.tok(open).surf; (w == ":" || w == "・") && headOfficeWord(f.tok(open-1).surf) {
			open -= 2 // 東西電機(本社:大阪市), 東西電機(本店・大阪市)
		}
		if al := f.endingAt(open); f.tok(open).surf == "、" && al != nil && f.tok(al.ti-1).surf == "(" && al.aliasOf != nil && al.aliasOf.ent == al.ent {
			open = al.ti - 1 // 東西電機(TZ、大阪市): the name's alias before the place
		}
		// 東西電機(大阪市、以下「東電」), (本社:大阪市。以下、「東電」): the place, then the name
		// the text uses from there on.
		hence := (f.tok(a.tj).surf == "、" || f.tok(a.tj).surf == "。") && f.tok(a.tj+1).surf == "以下"
		if f.tok(open).surf != "(" || !strings.HasPrefix(f.tok(a.tj).surf, ")") && !(f.tok(a.tj).surf == "、" && open < a.ti-1) && !hence {
			continue
		}
		// 東西電機(TEC)(本社・大阪市): a note of the name's own (an alias) may stand between the
		// name and the place.
		nameEnd := open
		if f.tok(open-1).surf == ")" {
			for k := open - 2; k >= 0 && k > open-10; k-- {
				if w := f.tok(k).surf; w == "(" {
					nameEnd = k
					break
				} else if w == ")" || w == "、" || w == "。" {
					break
				}
			}
		}
		if w := f.tok(nameEnd - 1).surf; w == "」" || w == "』" {
			nameEnd-- // 「東西文化協会」(本部・京都市)
		}
		for _, b := range f.ms {
			if b != a && b.ent != nil && b.ent != a.ent && (b.tj == open || b.tj == nameEnd) && isType(b.ent, Firm, Organization, Location) {
				f.emit(f.si, b.ent, "located_in", a.ent, "", "("+a.text+")", b.start, a.end+1, confNo, false)
			}
		}
	}
}

// madeBy: "東西電機製の端末「X」", "東西電機製携帯端末X 901": a product named after a maker and 製
// (a few words of its kind between them) is that maker's. A name before a noun names a kind: in
// 東西電機製OS端末X the thing made is X, in 東西電機製OS端末3機種 nothing named.
func (f *frame) madeBy() {
	for _, a := range f.ms {
		if !isType(a.ent, Firm) || f.tok(a.tj).surf != "製" {
			continue
		}
		var made *mention
		k := a.tj + 1
		if f.tok(k).surf == "の" {
			k++
		}
		for n := 0; k < len(f.s.toks) && n < 8; n++ {
			if m := f.startingAt(k); m != nil {
				if !isType(m.ent, Product) {
					break
				}
				made, k = m, f.after(m)
				if f.tok(k).surf == "」" || f.tok(k).surf == "』" {
					k++
				} else if f.tok(k).noun() && f.startingAt(k) == nil {
					made = nil // OS端末: the name of a kind, not of the thing made
				}
				continue
			}
			if t := f.tok(k); !(t.noun() && t.pos[1] != "代名詞" || t.surf == "「" || t.surf == "『" || t.surf == " ") {
				break
			}
			k++
		}
		if made != nil {
			f.emit(f.si, a.ent, "develops", made.ent, "", "製", a.start, made.end, confNo, false)
		}
	}
}

// knownFor: "「X」で有名なY", "「X」で知られるY", "Xで有名な米国のY": a company known for a product,
// maybe with its country between them, makes it.
func (f *frame) knownFor() {
	for _, p := range f.ms {
		if !isType(p.ent, Product) {
			continue
		}
		k := f.after(p)
		if f.tok(k).surf == "」" || f.tok(k).surf == "』" {
			k++
		}
		if f.tok(k).surf != "で" {
			continue
		}
		from := k
		switch {
		case f.tok(k+1).surf == "有名" && f.tok(k+2).surf == "な":
			k += 3
		case f.tok(k+1).lemma() == "知る" && (f.tok(k+2).lemma() == "れる" || f.tok(k+2).lemma() == "られる"):
			k += 3
			if f.tok(k).surf == "て" && f.tok(k+1).lemma() == "いる" {
				k += 2
			}
		default:
			continue
		}
		text := joinTokens(f.s.toks[from:k])
		// 有名な米国の|Y: the company's country before it.
		if c := f.startingAt(k); c != nil && isType(c.ent, Country, Location) && f.tok(f.after(c)).surf == "の" {
			k = f.after(c) + 1
		}
		if y := f.startingAt(k); y != nil && isType(y.ent, Firm) {
			f.emit(f.si, y.ent, "develops", p.ent, "", text, p.start, y.end, confNo, false)
		}
	}
}

// makerNote: "ゲーム機「X」(東西電機)", "X 5(東西電機)と…": a product with a company alone in
// parentheses right after its name, the note naming its maker, is that company's.
func (f *frame) makerNote() {
	for _, p := range f.ms {
		if !isType(p.ent, Product) {
			continue
		}
		k := p.tj
		if f.tok(k).surf == "」" || f.tok(k).surf == "』" {
			k++
		}
		if f.tok(k).surf != "(" {
			continue
		}
		// Not a news outlet the words are cited from (「…」(東西新聞), 北浜NEWS(東西通信)), nor a
		// grade or formula read as a company (「X賞」(G 1), CO 2).
		o := f.startingAt(k + 1)
		if o == nil || o.ent == p.ent || !isType(o.ent, Firm) || f.tok(o.tj).surf != ")" || f.d.x.lex.isOutlet(o.text) ||
			strings.ContainsAny(o.text, "0123456789") {
			continue
		}
		f.emit(f.si, o.ent, "develops", p.ent, "", "("+o.text+")", p.start, o.end+1, confNo, false)
	}
}

// makerOf: "DRAM製造で世界3位のX", "液晶パネル生産大手のX": a company described by making a
// product (in a rank or as a maker) makes it.
func (f *frame) makerOf() {
	for _, a := range f.ms {
		if !isType(a.ent, Product) {
			continue
		}
		k := f.after(a)
		if f.tok(k).surf == "の" {
			k++
		}
		if w := f.tok(k).surf; w != "製造" && w != "生産" && w != "開発" {
			continue
		}
		k++
		switch f.tok(k).surf {
		case "で":
			// で and a rank: 世界3位, 国内最大, with notes in parentheses.
			k++
			for n := 0; n < 10 && k < len(f.s.toks); n++ {
				if f.tok(k).surf == "(" {
					for k < len(f.s.toks) && f.tok(k).surf != ")" && f.tok(k).surf != "。" {
						k++
					}
					k++
					continue
				}
				if !f.tok(k).noun() || f.startingAt(k) != nil {
					break
				}
				k++
			}
		case "大手", "会社", "メーカー", "企業":
			k++
		default:
			continue
		}
		if f.tok(k).surf == "の" {
			k++
		}
		if b := f.startingAt(k); b != nil && isType(b.ent, Firm) {
			f.emit(f.si, b.ent, "develops", a.ent, "", joinTokens(f.s.toks[a.tj:k]), a.start, b.end, confNo, false)
		}
	}
}

// shareholder: "Aの筆頭株主であるB", "Aの大株主のB" (B holds A's shares: B invests in A),
// "XはAの大株主で、" (the topic X does), "XはAの筆頭株主となった" (X has become one) and
// "Aが筆頭株主であるB" (A invests in B).
func (f *frame) shareholder() {
	for _, a := range f.ms {
		if !isType(a.ent, Firm, Organization) {
			continue
		}
		i := f.after(a)
		if f.tok(i).surf == "」" || f.tok(i).surf == "』" {
			i++
		}
		// Aが筆頭株主であるB, Aが大株主のB: A holds B's shares.
		holder := f.tok(i).surf == "が" && f.tok(i).particle()
		if f.tok(i).surf != "の" && !holder {
			continue
		}
		k := i + 1
		if w := f.tok(k).surf; w == "筆頭" || w == "大" || w == "主要" || w == "最大" {
			k++
		} else {
			continue
		}
		if f.tok(k).surf != "株主" {
			continue
		}
		k++
		var b *mention
		switch {
		case f.tok(k).surf == "で" && f.tok(k+1).surf == "ある" && f.startingAt(k+2) != nil:
			b = f.startingAt(k + 2) // Aの筆頭株主であるB
		case (f.tok(k).surf == "の" || f.tok(k).surf == "、") && f.startingAt(k+1) != nil:
			b = f.startingAt(k + 1) // Aの大株主のB, Aの筆頭株主、B
		case holder:
		case f.tok(k).surf == "で" || f.tok(k).surf == "だ":
			// XはAの大株主で、…: the topic before A.
			if ts := f.marked(0, a.ti, "は"); len(ts) > 0 {
				b = ts[len(ts)-1]
			}
		case (f.tok(k).surf == "と" || f.tok(k).surf == "に") && f.tok(k+1).lemma() == "なる":
			// XはAの筆頭株主となった, Xが…Aの大株主になる: the subject becomes one.
			if ts := f.marked(0, a.ti, "は", "が"); len(ts) > 0 {
				b = ts[len(ts)-1]
			}
		}
		if holder {
			if b != nil && b.ent != a.ent && isType(b.ent, Firm) {
				f.emit(f.si, a.ent, "invests_in", b.ent, "", joinTokens(f.s.toks[i:k]), min(a.start, b.start), max(a.end, b.end), confNo, false)
			}
			continue
		}
		if b != nil && b.ent != a.ent && isType(b.ent, Firm, Organization, Person) {
			f.emit(f.si, b.ent, "invests_in", a.ent, "", joinTokens(f.s.toks[i:k]), min(a.start, b.start), max(a.end, b.end), confNo, false)
		}
	}
}

// headOfficeWord reports whether w names a body's head office (本社, 本店, 本部).
func headOfficeWord(w string) bool { return w == "本社" || w == "本店" || w == "本部" }

// venue reports whether a place name is a facility, a line or a sea (東西ドーム, 北浜競技場, 南線,
// 東湾): in parentheses after a team or an event it is where they play, not where they are.
func venue(name string) bool {
	r, _ := utf8.DecodeLastRuneInString(name)
	switch r {
	case '場', '館', '線', '道', '海', '湾', '内':
		return true
	}
	return strings.HasSuffix(name, "ドーム") || strings.HasSuffix(name, "スタジアム") || strings.HasSuffix(name, "アリーナ")
}

// assembly reports whether a body's name is that of a meeting or board whose votes fill the posts
// of the body it belongs to (両院議員総会, 経営委員会, 理事会).
func assembly(name string) bool {
	for _, w := range []string{"総会", "大会", "会議", "委員会", "理事会", "審議会"} {
		if strings.HasSuffix(name, w) {
			return true
		}
	}
	return false
}

// startsPerson reports whether the person p is named at token i, maybe after the body they
// belong to (東西電機の佐藤専務).
func (f *frame) startsPerson(i int, p *mention) bool {
	m := f.startingAt(i)
	if m == p {
		return true
	} else if m != nil && f.tok(f.after(m)).surf == "の" {
		return f.startingAt(f.after(m)+1) == p
	}
	// 東西電機顧問の山田氏, 顧問の山田氏: the person with a post before the name.
	if f.tok(p.ti-1).surf == "の" {
		if rs, _, _ := f.rolePhraseBefore(p.ti - 1); rs >= 0 && (rs == i || m != nil && f.after(m) == rs) {
			return true
		}
	}
	return false
}

// appointed: "NAME が X の ROLE に就任する", "ROLE には…NAME が就任する": the person takes the role
// (at X). And "X にいる NAME", "X に勤める NAME": the person works at X.
func (f *frame) appointed() {
	for _, m := range f.ms {
		if !isType(m.ent, Person) {
			continue
		}
		k := m.ti
		if w := f.tok(k - 1).lemma(); (w == "いる" || w == "勤める" || w == "務める") && f.tok(k-2).surf == "に" {
			if o := f.endingAt(k - 2); o != nil && isType(o.ent, Firm, Organization) {
				f.emit(f.si, m.ent, "works_at", o.ent, "", "に"+f.tok(k-1).surf, o.start, m.end, confNominal, false)
			}
		}
	}
	for k := range f.s.toks {
		if t := f.tok(k); t.verb() && t.lemma() == "務める" && f.tok(k-1).surf == "を" {
			f.serves(k)
			continue
		}
		w := f.tok(k).surf
		appoints := (w == "起用" || w == "任命" || w == "選任" || w == "選出" || w == "抜擢") && f.tok(k).noun()
		if (w != "就任" && w != "昇格" && w != "昇任" || !f.tok(k).noun()) && !appoints {
			continue
		}
		var by *entity // XはYを社長に起用する: the body that appoints
		var persons []*mention
		if appoints {
			// XはYを新社長に起用する, Xは新社長にYを起用する: Y takes the post at X.
			persons = slices.DeleteFunc(f.marked(0, k, "を"), func(m *mention) bool { return !isType(m.ent, Person) })
			if bs := slices.DeleteFunc(f.marked(0, k, "が", "は"), func(m *mention) bool { return !isType(m.ent, Firm, Organization) }); len(bs) > 0 {
				by = bs[len(bs)-1].ent
			}
			if by != nil && assembly(by.name) {
				by = nil // 総会は山田氏を総裁に選出した: an assembly elects the officers of another body
			}
			if f.tok(k+1).lemma() == "する" && (f.tok(k+2).lemma() == "れる" || f.tok(k+2).surf == "さ") {
				continue // 社長に起用された: the passive names no body that appoints
			}
		} else {
			persons = slices.DeleteFunc(f.marked(0, k, "が", "は"), func(m *mention) bool { return !isType(m.ent, Person) })
		}
		if len(persons) == 0 {
			continue
		}
		p := persons[len(persons)-1]
		// The role: the noun phrase before に (or には), maybe with a parenthesised abbreviation.
		for i := k - 1; i > 0; i-- {
			t := f.tok(i)
			if t.surf == "。" {
				break
			}
			if t.surf != "に" || !t.particle() {
				continue
			}
			j := i
			if f.tok(j-1).surf == ")" {
				for j > 0 && f.tok(j-1).surf != "(" {
					j--
				}
				j--
			}
			rs, role, kind := f.rolePhraseBefore(j)
			if rs < 0 {
				continue
			}
			if appoints && !(i+1 == k && f.after(p) == rs-1 && f.tok(rs-1).surf == "を" || f.startsPerson(i+1, p) && f.after(p) == k-1 && f.tok(k-1).surf == "を") {
				break // Yを社長に起用, 社長にYを起用: nothing else between (…に代わりYを起用)
			}
			f.emit(f.si, p.ent, "role", nil, role, role+"に"+w, f.tok(rs).start, f.tok(k).end, confNominal, false)
			if f.tok(rs-1).surf == "の" {
				if o := f.endingAt(rs - 1); o != nil && isType(o.ent, Firm, Organization) {
					f.emitRole(p.ent, kind, o.ent, "", "の"+role+"に"+w, o.start, f.tok(k).end, confNominal, false)
				}
			} else if by != nil {
				f.emitRole(p.ent, kind, by, "", role+"に"+w, min(p.start, f.tok(rs).start), f.tok(k).end, confNominal, false)
			} else if e := f.topicFirmBefore(p.ti); e != nil && !appoints && f.d.x.lex.officer[role] != "" {
				// Xは…山田副社長が社長に昇格し: an officer's post at the company the sentence is
				// about.
				f.emitRole(p.ent, kind, e, "", role+"に"+w, min(p.start, f.tok(rs).start), f.tok(k).end, confNominal-0.1, false)
			}
			break
		}
	}
}

// serves: "NAME は X の ROLE を務める", "NAME は X の ROLE を務めた": the person holds (or held) the
// role at X; a post held in the past is no lead now. The verb is token k, after を.
func (f *frame) serves(k int) {
	persons := slices.DeleteFunc(f.marked(0, k, "が", "は"), func(m *mention) bool { return !isType(m.ent, Person) })
	if len(persons) == 0 {
		return
	}
	p := persons[len(persons)-1]
	rs, role, kind := f.rolePhraseBefore(k - 1)
	if rs < 0 || rs <= p.ti {
		return
	}
	// No other predicate between the person and the post (山田氏が当選した後は、…顧問を務めている:
	// the post is someone else's, the subject left out).
	if slices.ContainsFunc(f.s.toks[f.after(p):rs], func(t token) bool { return t.verb() }) {
		return
	}
	// The chain after the verb: 務めた, 務めている, 務めていた. A noun after it is what the clause
	// modifies (社長を務めた山田氏, 自身が社長を務める会社), read by the apposition rules.
	n := k + 1
	for n < len(f.s.toks) && n < k+4 && (f.tok(n).aux() || f.tok(n).surf == "て" || f.tok(n).verb() && f.tok(n).pos[1] == "非自立") {
		n++
	}
	switch w := f.tok(n).surf; {
	case w == "他" || w == "ほか" || w == "一方" || w == "後" || w == "こと":
		// …を務めていた他, 務めたこともある: the clause goes on, it modifies no noun.
	case f.tok(n).noun() || f.startingAt(n) != nil:
		return
	}
	past := f.tok(k+1).surf == "た" || f.tok(k+1).surf == "て" && f.tok(k+2).surf == "いた"
	if past {
		kind = "-"
	}
	text := role + "を" + f.tok(k).surf
	f.emit(f.si, p.ent, "role", nil, role, text, f.tok(rs).start, f.tok(k).end, confNominal, false)
	if f.tok(rs-1).surf == "の" {
		if o := f.endingAt(rs - 1); o != nil && isType(o.ent, Firm, Organization) {
			f.emitRole(p.ent, kind, o.ent, "", "の"+text, o.start, f.tok(k).end, confNominal, false)
		}
	}
}

// byAgent: "A による B の買収" — A acquires B (and so for the lexicon's predicate nouns).
func (f *frame) byAgent() {
	for _, a := range f.ms {
		i := f.after(a)
		if f.tok(i).surf != "による" && !(f.tok(i).surf == "に" && f.tok(i+1).surf == "よる") {
			continue
		}
		j := i + 1
		if f.tok(i).surf == "に" {
			j++
		}
		b := f.startingAt(j)
		if b == nil {
			continue
		}
		k := f.after(b)
		if f.tok(k).surf != "の" {
			continue
		}
		rel := f.d.x.lex.predicate[f.tok(k+1).surf]
		if rel == "" || !f.tok(k+1).noun() || !subjectFits(rel, a.ent) || !objectFits(rel, b.ent) {
			continue
		}
		f.emit(f.si, a.ent, rel, b.ent, "", "による…の"+f.tok(k+1).surf, a.start, f.tok(k+1).end, confNominal, false)
	}
}

// headOffice: "A の本社がある B", "A の本社は B にある": A is located in B.
func (f *frame) headOffice() {
	for _, a := range append(slices.Clone(f.ms), f.anaphors()...) {
		if !isType(a.ent, Firm, Organization) {
			continue
		}
		i := f.after(a)
		if f.tok(i).surf != "の" || (f.tok(i+1).surf != "本社" && f.tok(i+1).surf != "本部" && f.tok(i+1).surf != "本拠") {
			continue
		}
		var b *mention
		switch k := i + 2; {
		case f.tok(k).surf == "が" && f.tok(k+1).lemma() == "ある":
			// The place the clause modifies, maybe after a time word (本社がある現在のX).
			for n := k + 2; n < len(f.s.toks) && n < k+5; n++ {
				if b = f.startingAt(n); b != nil || !f.tok(n).noun() {
					break
				}
			}
		case f.tok(k).surf == "は" || f.tok(k).surf == "も":
			b = f.startingAt(k + 1)
			if b != nil && !(f.tok(f.after(b)).surf == "に" && f.tok(f.after(b)+1).lemma() == "ある") {
				b = nil
			}
		}
		if b != nil && isType(b.ent, Location, Country) {
			f.emit(f.si, a.ent, "located_in", b.ent, "", "の"+f.tok(i+1).surf, a.start, b.end, confNo, false)
		}
	}
}

// underParent: "A 傘下の B", "A の傘下の B", "Aは傘下の B" (B is A's), and "B は A 傘下に入る / A の傘下となる"
// (B becomes A's): A is B's parent. Without a subject in its sentence (2009年にA傘下となり) B is
// the topic the text goes on with.
func (f *frame) underParent() {
	for _, a := range f.ms {
		if !isType(a.ent, Firm, Organization) {
			continue
		}
		i := f.after(a)
		topic := false
		switch t := f.tok(i); {
		case t.surf == "の":
			i++
		case (t.surf == "は" || t.surf == "が") && t.particle():
			// Aは傘下のBを通じて, Aは、傘下のBと: the topic's own company.
			i, topic = i+1, true
			if f.tok(i).surf == "、" {
				i++
			}
		}
		if f.tok(i).surf != "傘下" || topic && f.tok(i+1).surf != "の" {
			continue
		}
		var b *mention
		switch n := f.tok(i + 1); {
		case n.surf == "の":
			k := f.skipModifiers(i + 2)
			if b = f.startingAt(k); b == nil {
				b = f.startingAt(f.pastFirmCue(k)) // A傘下の投資会社、B: B with what it is
			}
		case (n.surf == "に" || n.surf == "と") && (f.tok(i+2).lemma() == "入る" || f.tok(i+2).lemma() == "なる"):
			if ms := f.marked(0, a.ti, "は"); len(ms) > 0 {
				b = ms[len(ms)-1]
			} else if ms := f.marked(0, a.ti, "が"); len(ms) > 0 {
				b = ms[len(ms)-1]
			} else if ms := f.previousTopic(a.ti); len(ms) > 0 {
				b = ms[0]
			}
		}
		if b == nil || b.ent == a.ent || !isType(b.ent, Firm, Organization) {
			continue
		}
		bs := []*mention{b}
		if f.tok(i+1).surf == "の" {
			bs = f.listStartingWith(b) // A傘下のB、C、D: each of them
		}
		for _, b := range bs {
			if b.ent != a.ent {
				f.emit(f.si, a.ent, "parent_of", b.ent, "", "傘下", min(a.start, b.start), max(a.end, b.end), confNo, false)
			}
		}
	}
}

// rivalOf: "AのライバルのB", "Aの競合他社、B", "Aと競合するB", "Aと競うB": A competes with B.
func (f *frame) rivalOf() {
	for _, a := range f.ms {
		if !isType(a.ent, Firm) {
			continue
		}
		i := f.after(a)
		j := -1
		switch {
		case f.tok(i).surf == "の":
			n := 0
			switch w := f.tok(i + 1).surf; {
			case w == "ライバル" || w == "競争相手" || w == "競合他社" || w == "競合企業":
				n = 1
			case w == "競合" && (f.tok(i+2).surf == "他社" || f.tok(i+2).surf == "企業"):
				n = 2
			case w == "競合":
				n = 1
			}
			if n == 0 {
				continue
			}
			j = i + 1 + n
			switch {
			case f.tok(j).surf == "の" || f.tok(j).surf == "、":
				j++
			case f.tok(j).surf == "で" && f.tok(j+1).surf == "ある":
				j += 2
			}
		case f.tok(i).surf == "と" && f.tok(i).particle() && (f.tok(i+1).surf == "競合" && f.tok(i+2).surf == "する" || f.tok(i+1).lemma() == "競う" && f.tok(i+1).surf == "競う"):
			j = i + 2
			if f.tok(i+1).surf == "競合" {
				j++
			}
		default:
			continue
		}
		if b := f.startingAt(j); b != nil && b.ent != a.ent && isType(b.ent, Firm) {
			f.emit(f.si, a.ent, "competes_with", b.ent, "", joinTokens(f.s.toks[i:j]), a.start, b.end, confApposition, false)
		}
	}
}

// supplierWord reports whether w names a company that supplies another (供給業者, 供給元,
// サプライヤー, 納入業者).
func supplierWord(w string) bool {
	switch w {
	case "供給業者", "供給元", "サプライヤー", "納入業者", "供給会社":
		return true
	}
	return false
}

// overseenBy: "A 所管の B", "A 管轄(下)の B", "A の(が)所管する B": a ministry, agency or
// government (A) oversees the body or company B (a few words of its kind may stand before its
// name: A所管の独立行政法人・B): A regulates B.
func (f *frame) overseenBy() {
	for _, a := range f.ms {
		if !isType(a.ent, Organization, Country) {
			continue
		}
		i := f.after(a)
		j := -1
		switch t := f.tok(i); {
		case oversees(t.surf) && f.tok(i+1).surf == "の":
			j = i + 2
		case oversees(t.surf) && f.tok(i+1).surf == "下" && f.tok(i+2).surf == "の":
			j = i + 3
		case (t.surf == "の" || t.surf == "が") && oversees(f.tok(i+1).surf) && f.tok(i+2).surf == "する":
			j = i + 3
		}
		if j < 0 {
			continue
		}
		for k := j; k < len(f.s.toks) && k < j+5; k++ {
			if b := f.startingAt(k); b != nil {
				if b.ent != a.ent && isType(b.ent, Organization, Firm) {
					f.emit(f.si, a.ent, "regulates", b.ent, "", joinTokens(f.s.toks[i:j]), a.start, b.end, confNo, false)
				}
				break
			}
			if t := f.tok(k); !(t.noun() && t.pos[1] != "数") && t.surf != "・" && t.surf != "「" {
				break
			}
		}
	}
}

// licensed: "Bは A から(…の)免許を取得した", "Bは A に事業免許を返上した", "Bは A に認可を申請した": a
// licence, permit or approval taken from, asked of or given back to an authority (A, a body or
// a country) puts the holder (B, the sentence's subject, else the topic of the sentence before)
// under it: A regulates B.
func (f *frame) licensed() {
	for _, a := range f.ms {
		if !isType(a.ent, Organization, Country) {
			continue
		}
		i := f.after(a)
		from := f.tok(i).surf == "から"
		if !from && f.tok(i).surf != "に" {
			continue
		}
		j := i + 1
		for j < len(f.s.toks) && j < i+8 && !licenceWord(f.tok(j).surf) && (f.tok(j).noun() || f.tok(j).surf == "の") {
			j++
		}
		if !licenceWord(f.tok(j).surf) || f.tok(j+1).surf != "を" {
			continue
		}
		switch v := f.tok(j + 2).lemma(); {
		case from && (v == "取得" || v == "受ける" || v == "得る"):
		case !from && (v == "返上" || v == "申請"):
		default:
			continue
		}
		var b *mention
		if ms := f.marked(0, a.ti, "は", "が"); len(ms) > 0 {
			b = ms[len(ms)-1]
		} else if ms := f.previousTopic(a.ti); len(ms) > 0 {
			b = ms[0]
		}
		if b != nil && b.ent != a.ent && isType(b.ent, Firm, Organization) {
			f.emit(f.si, a.ent, "regulates", b.ent, "", joinTokens(f.s.toks[j:j+3]), min(a.start, b.start), f.tok(j+2).end, confNo, false)
		}
	}
}

// licenceWord reports whether a noun names a licence, permit or approval an authority grants
// (免許, 事業免許, 認可, 許可).
func licenceWord(w string) bool {
	return strings.HasSuffix(w, "免許") || w == "認可" || w == "許可" || w == "営業許可"
}

// oversees reports whether a noun says that a body is under an authority's oversight (所管,
// 管轄).
func oversees(w string) bool { return w == "所管" || w == "管轄" }

// phraseAt returns a mention introduced by the noun phrase at token i that the mention
// abbreviates in parentheses: グラフィック処理装置(GPU) stands for GPU.
func (f *frame) phraseAt(i int) *mention {
	j := i
	for j < len(f.s.toks) && f.tok(j).noun() && f.tok(j).surf != "(" && j-i < 6 {
		j++
	}
	if j == i || f.tok(j).surf != "(" {
		return nil
	}
	if m := f.startingAt(j + 1); m != nil && f.tok(m.tj).surf == ")" {
		return m
	}
	return nil
}

// listStartingWith returns the names listed from m on (m と B, m、B、C, m、B、並びにC), all firms or bodies like
// m: m itself when nothing is listed after it, or when the next name has its own の-modifier.
func (f *frame) listStartingWith(m *mention) []*mention {
	list := []*mention{m}
	for cur := m; ; {
		k := f.after(cur)
		sep := f.tok(k).surf
		if sep == "、" && listConjunction(f.tok(k+1).surf) {
			k, sep = k+1, f.tok(k+1).surf // A、B、並びにC
		}
		if sep != "、" && sep != "と" && sep != "や" && !listConjunction(sep) {
			break
		}
		next := f.startingAt(k + 1)
		if next == nil || next.ent == nil || !isType(next.ent, Firm, Organization) || f.tok(f.after(next)).surf == "の" {
			break
		}
		list = append(list, next)
		cur = next
	}
	return list
}

// listConjunction reports whether w joins the last name of a list to the ones before it as
// および, 及び, 並びに or ならびに do (A、B、並びにC; AおよびB).
func listConjunction(w string) bool {
	return w == "および" || w == "及び" || w == "並びに" || w == "ならびに"
}

// listEndingWith returns the names listed up to m (A、B、m; A、B、並びにm), all of m's type or all
// firms and bodies.
func (f *frame) listEndingWith(m *mention) []*mention {
	list := []*mention{m}
	cur := m
	for {
		k := cur.ti
		for k > 0 && f.tok(k-1).surf == " " {
			k--
		}
		if c := f.endingAt(k - 1); f.tok(k-1).surf == "の" && c != nil && isType(c.ent, Country, Location) && isType(m.ent, Firm, Organization) {
			k = c.ti // 日本のAと米国のB: each with its country
		}
		sep := f.tok(k - 1).surf
		if sep != "、" && sep != "と" && sep != "や" && sep != "," && !listConjunction(sep) {
			break
		}
		k--
		if listConjunction(sep) && f.tok(k-1).surf == "、" {
			k-- // A、B、並びにC
		}
		for k > 0 && f.tok(k-1).surf == " " {
			k--
		}
		if sep == "、" && f.tok(k-1).surf == "と" && f.tok(k-1).particle() {
			k-- // Aと、B
		}
		prev := f.endingAt(k)
		if prev == nil && f.tok(k-1).surf == ")" {
			// A(略称)とB: the name before its alias in parentheses.
			for o := k - 2; o > 0 && o > k-12; o-- {
				if f.tok(o).surf == "(" {
					if a := f.startingAt(o + 1); a != nil && a.aliasOf != nil {
						prev = f.endingAt(o)
					}
					break
				}
			}
		}
		if prev == nil || prev.ent == nil || prev.ent.typ != m.ent.typ && !(isType(prev.ent, Firm, Organization) && isType(m.ent, Firm, Organization)) {
			break
		}
		list = append([]*mention{prev}, list...)
		cur = prev
	}
	return list
}

// lists: "A、B、C などの X の企業" places every listed firm in X.
func (f *frame) lists() {
	for _, m := range f.ms {
		if !isType(m.ent, Firm, Organization) {
			continue
		}
		i := f.after(m)
		if w := f.tok(i).surf; w != "など" && w != "ら" && w != "といった" {
			continue
		}
		i++
		if f.tok(i).surf == "の" {
			i++
		}
		c := f.startingAt(i)
		if c == nil || !isType(c.ent, Country, Location) || f.tok(f.after(c)).surf != "の" {
			continue
		}
		head := f.tok(f.after(c) + 1).surf
		if !f.d.x.lex.firmCue[head] {
			continue
		}
		for _, e := range f.listEndingWith(m) {
			f.emit(f.si, e.ent, "located_in", c.ent, "", "などの"+c.text+"の"+head, e.start, c.end, confNo, false)
		}
	}
}

// basedIn: "A を拠点とする … B", "A に本社を置く B" (を構える, に拠点を置く, 本店, Bは…A に本社がある):
// B is located in A.
func (f *frame) basedIn() {
	for _, a := range f.ms {
		if !isType(a.ent, Location, Country) {
			continue
		}
		i := f.after(a)
		var n int
		switch w := joinTokens(f.s.toks[i:min(i+5, len(f.s.toks))]); {
		case strings.HasPrefix(w, "を拠点とする"), strings.HasPrefix(w, "を拠点に"):
			n = 3
		case strings.HasPrefix(w, "に本社を置"), strings.HasPrefix(w, "に本拠を置"), strings.HasPrefix(w, "に本部を置"),
			strings.HasPrefix(w, "に本社を構え"), strings.HasPrefix(w, "に本拠を構え"), strings.HasPrefix(w, "に本部を構え"),
			strings.HasPrefix(w, "に拠点を置"), strings.HasPrefix(w, "に拠点を構え"), strings.HasPrefix(w, "に本社がある"),
			strings.HasPrefix(w, "に本店を置"), strings.HasPrefix(w, "に本店を構え"), strings.HasPrefix(w, "に本店がある"):
			// 本店: a bank's or a shop's head office. 置く in any form: に本社を置き、…を手掛ける,
			// に本社を置いている (not 置かず, 置かない).
			n = 4
			if f.tok(i+3).surf == "置か" {
				continue
			}
		case strings.HasPrefix(w, "にある"):
			// Xにある…Y: Y is in X (the name it modifies, below).
			n = 2
		default:
			continue
		}
		// The name the phrase modifies: the next one within a few words; or, when the phrase
		// ends the clause (Xは福岡市に本社を置く), the clause's topic.
		var b *mention
		for k := i + n; k < len(f.s.toks) && k < i+n+8; k++ {
			if t := f.tok(k); t.particle() && t.surf != "の" || t.surf == "。" || t.surf == "、" {
				if t.surf == "、" && k > i+n && f.firmCueEnds(k-1, i+n) {
					b = f.startingAt(k + 1) // Xに本社を置く電機メーカー、B: B, what it is said first
				}
				break
			}
			if b = f.startingAt(k); b != nil {
				if isType(b.ent, Product) && f.tok(f.after(b)).surf == "の" {
					k, b = f.after(b), nil // Xに本社を置く生成AIのスタートアップ: what the company does
					continue
				}
				break
			}
		}
		aru := f.tok(i+1).lemma() == "ある"
		if b == nil && !f.tok(i+n).noun() && !aru {
			if ts := f.marked(0, a.ti, "は", "が"); len(ts) > 0 {
				b = ts[len(ts)-1]
			}
		}
		if b == nil && !aru {
			b = f.topicOfCopula(i+n, f.nounRunEnd(i+n)) // Xは福岡市に本社を置く電機メーカーである
		}
		if b != nil && aru {
			// XにあるBのY, XにあるB品川変電所: what is there is B's Y, not B; XにあるBの子会社
			// 「C」: C is.
			k := f.after(b)
			if t := f.tok(k); t.surf == "の" && (headOfficeWord(f.tok(k+1).surf) || f.tok(k+1).surf == "拠点" || f.tok(k+1).surf == "本拠") {
				// XにあるBの本社, XにあるBの拠点: B is based in X.
			} else if w, n := f.parentWordAt(k + 1); t.surf == "の" && (w == "子会社" || f.tok(k+1).surf == "関連会社") {
				k += 1 + max(n, 1)
				if f.tok(k).surf == "「" || f.tok(k).surf == "『" {
					k++
				}
				b = f.startingAt(k)
			} else if t.surf == "の" || t.noun() || t.surf == "・" {
				b = nil
			}
		}
		// XにあるY of places: a place right after the phrase is in X too (北東県にある南川町), and
		// so is a country after a region (西アフリカにあるリベリア).
		place := b != nil && aru && b.ti == i+n && b.ent != a.ent &&
			(isType(b.ent, Location) || isType(b.ent, Country) && isType(a.ent, Location))
		if b != nil && (isType(b.ent, Firm, Organization) || place) {
			f.emit(f.si, b.ent, "located_in", a.ent, "", joinTokens(f.s.toks[i:i+n]), min(a.start, b.start), max(a.end, b.end), confNo, false)
		}
	}
}

// titled: "X の NAME 教授", "X の NAME 社長": the title after the name is the role at X.
func (f *frame) titled(m *mention) {
	title := m.title
	if b := f.startingAt(m.tj); title == "" && b != nil && b != m && b.ent != nil && isType(b.ent, Firm, Organization) &&
		!(m.ti > 0 && f.tok(m.ti-1).surf == "の") {
		// 山田太郎東西商事名誉会長: a company or body named right after the name, then the
		// post, is where the post is (titledAcross), not part of a role. After Xの (東西商事の
		// 山田太郎総務局次長) the body after the name is a unit of X's: the role's.
		f.titledAcross(m)
		return
	}
	kind, officer, ok := f.d.x.titleKind(title)
	if title == "" || !ok && classOfString(title) == clsKatakana {
		// No title, or a katakana one the lexicon lists as a role modified (チーフエコノミスト,
		// シニア・アナリスト): the role after the name.
		if t, _, isRole := f.roleAfter(m); isRole || title == "" {
			title, ok = t, isRole
		}
		kind = f.roleKind(title)
		// An officer's title the name did not take as its own (a name whose last word is also
		// a common word, read without it) is still an officer's.
		if k, o, isTitle := f.d.x.titleKind(title); isTitle && o {
			kind, officer = k, true
		}
	}
	if !ok {
		f.titledAcross(m)
		return
	}
	if !ok || title == "氏" || title == "さん" || title == "様" {
		return
	}
	f.emit(f.si, m.ent, "role", nil, title, title, m.start, m.end+len([]rune(title)), confApposition, false)
	k := m.ti
	// 東西電機山田社長: the company right before the name, without の.
	if org := f.endingAt(k); org != nil && org.tj == k && isType(org.ent, Firm, Organization) {
		f.emitRole(m.ent, kind, org.ent, "", joinTokens(f.s.toks[org.ti:k])+title, org.start, m.end, confApposition-0.1, false)
		if m.ent.employer == nil {
			m.ent.employer = org.ent
		}
		return
	}
	for k > 0 && f.tok(k-1).surf == " " {
		k--
	}
	if f.tok(k-1).surf == "の" {
		if org := f.endingAt(k - 1); org != nil && isType(org.ent, Firm, Organization) {
			f.emitRole(m.ent, kind, org.ent, "", "の"+title, org.start, m.end, confApposition, false)
			if m.ent.employer == nil {
				m.ent.employer = org.ent
			}
			return
		}
		// 北浜大学の物理学の山田教授, 北浜大学の工学部の山田教授: the field or faculty between the
		// body and the name; the person works at the body.
		if org := f.fieldOf(k - 1); org != nil {
			f.emit(f.si, m.ent, "works_at", org.ent, "", joinTokens(f.s.toks[org.tj:k])+title, org.start, m.end, confApposition-0.1, false)
			return
		}
		// 東西電機日本法人の山田社長, 東西電機子会社の山田社長: a unit of the company; the person
		// works for the company, and heads the unit, not the company.
		if org := f.parentOfUnit(k - 1); org != nil {
			f.emit(f.si, m.ent, "works_at", org.ent, "", f.tok(k-2).surf+"の"+title, org.start, m.end, confApposition-0.1, false)
			return
		}
		// 同社の山田社長: the company the anaphor refers back to.
		if a := f.anaphorBefore(k - 1); a.ent != nil && isType(a.ent, Firm, Organization) {
			f.emitRole(m.ent, kind, a.ent, "", f.tok(k-2).surf+"の"+title, f.tok(k-2).start, m.end, confApposition-0.1, false)
			if m.ent.employer == nil {
				m.ent.employer = a.ent
			}
			return
		}
	}
	// 東西電機から山田社長が出席した, 東西電機からは山田社長、川村専務が: the body the officers
	// come from, for each of them listed.
	if org := f.bodyFrom(k, 0); org != nil && !f.sentTo(m) {
		f.emitRole(m.ent, kind, org.ent, "", "から"+title, org.start, m.end, confApposition-0.1, false)
		if m.ent.employer == nil {
			m.ent.employer = org.ent
		}
		return
	}
	if !officer {
		return
	}
	if f.namesBody() {
		// 東西電機は…山田専務を社長に昇格させる: the officer of the company the sentence is about.
		if e := f.topicFirmBefore(m.ti); e != nil {
			f.emitRole(m.ent, kind, e, "", title, m.start, m.end+len([]rune(title)), confNominal-0.1, false)
		}
		return
	}
	// 山田社長 again after 東西電機の山田社長: the company named with the title before.
	if e := m.ent.employer; e != nil {
		f.emitRole(m.ent, kind, e, "", title, m.start, m.end+len([]rune(title)), confNominal, false)
		return
	}
	// 森副社長, 山田常勤監査役 with no company named in the sentence: an officer of the company
	// the text is about (the latest company that was a topic, else a subject).
	if e := f.d.aboutBefore(Firm, m.start); e != nil {
		f.emitRole(m.ent, kind, e, "", title, m.start, m.end+len([]rune(title)), confNominal-0.1, false)
	}
}

// fieldOf returns the body named before a field of study or a faculty that ends at the の at
// token i (北浜大学の物理学の, 北浜大学の工学部の, 北浜研究所の素粒子物理学の), or nil.
func (f *frame) fieldOf(i int) *mention {
	k := i
	for k > 0 && i-k < 3 && f.tok(k-1).noun() && !f.tok(k-1).proper() && f.endingAt(k) == nil {
		k--
	}
	if k == i || f.tok(k-1).surf != "の" {
		return nil
	}
	r, _ := utf8.DecodeLastRuneInString(f.tok(i - 1).surf)
	switch r {
	case '学', '部', '科', '攻', '系':
	default:
		return nil
	}
	if org := f.endingAt(k - 1); org != nil && isType(org.ent, Organization) {
		return org
	}
	return nil
}

// firmPeople: a company's people named right after it with an honorific and no post (東西電機の
// 山田太郎氏, 東西電機の山田氏と川村氏, 東西電機の山田太郎、川村次郎、森本三郎氏 with the honorific
// after the last only): each works at the company.
func (f *frame) firmPeople() {
	for _, org := range f.ms {
		if org.ent == nil || !isType(org.ent, Firm) || f.tok(org.tj).surf != "の" {
			continue
		}
		var list []*mention
		for k := org.tj + 1; ; k++ {
			p := f.startingAt(k)
			if p == nil || p.ent == nil || !isType(p.ent, Person) || p.title != "" && !honorific(p.title) {
				break
			}
			list = append(list, p)
			k = f.after(p)
			if t := f.tok(k); !(t.surf == "、" || t.surf == "と" && t.particle()) {
				break
			}
		}
		if len(list) == 0 || !honorific(list[len(list)-1].title) {
			continue
		}
		for _, p := range list {
			f.emit(f.si, p.ent, "works_at", org.ent, "", "の"+list[len(list)-1].title, org.start, p.end, confNominal-0.1, false)
		}
	}
}

// honorific reports whether a title is only an honorific (氏, さん, 様), no post.
func honorific(title string) bool { return title == "氏" || title == "さん" || title == "様" }

// sentTo reports whether a name is marked に, に対する or へ (AからB社長に贈った: B receives, from A).
func (f *frame) sentTo(m *mention) bool {
	p, _ := f.particleAfter(m)
	return strings.HasPrefix(p, "に") || p == "へ" // に, に対する, に対し
}

// bodyFrom returns the company or body marked から (or からは) right before token k, where a
// titled person's name starts (Xから山田社長), or before an earlier titled name of the same list
// (Xから山田社長、川村専務); nil otherwise.
func (f *frame) bodyFrom(k, depth int) *mention {
	j := k - 1
	if f.tok(j).surf == "は" && f.tok(j-1).surf == "から" {
		j--
	}
	if f.tok(j).surf == "から" && f.tok(j).particle() {
		if org := f.endingAt(j); org != nil && isType(org.ent, Firm, Organization) {
			return org
		}
		return nil
	}
	if f.tok(j).surf == "、" && depth < 3 {
		if p := f.endingAt(j); p != nil && isType(p.ent, Person) && p.title != "" {
			return f.bodyFrom(p.ti, depth+1)
		}
	}
	return nil
}

// roleAfter returns the role written right after a person's name that carries no title of its
// own (荻野和功院長, 関田康雄地震火山部課長: common nouns ending in a role word, at most four),
// and the token after it.
func (f *frame) roleAfter(m *mention) (title string, end int, ok bool) {
	toks := f.s.toks
	from := m.tj
	if c := readingAfter(toks, from); c > 0 {
		from = c // 李文傑(LiWen-jie)局長: the role after the name's reading
	} else if c := noteAfter(toks, from); c > 0 && m.ti > 0 && toks[m.ti-1].surf == "の" {
		from = c // Xの山田太郎(東西電機会長)理事長: the role after a note on the person
	} else if from+1 < len(toks) && toks[from].surf == "・" && m.typ == Person && toks[from+1].cls == clsKanji {
		// 山田太郎・工学部長: the post joined to the name by ・ (a post of a named firm or body,
		// 山田太郎・北浜銀行総裁, is dotBodyPost's)
		if _, _, _, _, body := f.dotBody(m); !body {
			from++
		}
	}
	for j := from; j < len(toks) && j < from+5; j++ {
		// Common nouns and places (福岡支社長).
		if t := &toks[j]; !(t.noun() && (!t.proper() || t.pos[2] == "地域") || t.pos[0] == "接頭詞") {
			return "", 0, false
		}
		if next := f.tok(j + 1); next.noun() || next.pos[0] == "接頭詞" {
			continue
		}
		if f.tok(j+1).surf == "・" && f.tok(j+2).noun() && j+2 < from+5 && toks[j].cls == clsKatakana && f.tok(j+2).cls == clsKatakana {
			j++ // シニア・アナリスト: katakana words of one title joined by ・
			continue
		}
		word := toks[j].surf
		ok = f.d.x.roleWord(word)
		if !ok && j > from {
			word = toks[j-1].surf + word
			_, ok = f.d.x.lex.role[word]
		}
		// 長, 相 and 官 after nouns head what the nouns name: 支社長, 環境相, 報道官.
		if !ok && j > from && toks[j].headSuffix() {
			word, ok = joinTokens(toks[j-1:j+1]), true
		}
		if !ok {
			return "", 0, false
		}
		title = joinTokens(toks[from : j+1])
		if title != word {
			// One character left before the role, other than a prefix of rank, is most likely
			// the end of a name cut short (仲井真弘|多知事).
			if first := toks[from].surf; utf8.RuneCountInString(first) == 1 && !strings.Contains("副元前新現第総初次", first) {
				return "", 0, false
			}
		}
		return title, j + 1, true
	}
	return "", 0, false
}

// noteAfter returns the token after a note in parentheses that starts at token i (a person's
// post elsewhere, 東西電機取締役相談役), or 0: a run of words that holds no bracket, sentence end
// or second parenthesis.
func noteAfter(toks []token, i int) int {
	if i >= len(toks) || toks[i].surf != "(" {
		return 0
	}
	for k := i + 1; k < len(toks) && k < i+12; k++ {
		switch toks[k].surf {
		case ")":
			if k == i+1 || k == i+2 && strings.Contains("前元旧", toks[i+1].surf) {
				return 0 // (前)学長: a former post, not held
			}
			return k + 1
		case "(", "「", "」", "。", "、":
			return 0
		}
	}
	return 0
}

// roleKind returns the kind of a role found after a name (roleAfter) when the role word is the
// whole of it, else "-": the chief of a bureau or a deputy does not lead the body named before
// (県の山田太郎環境局長, 副院長).
func (f *frame) roleKind(role string) string {
	if k, whole := f.d.x.lex.role[role]; whole {
		return k
	}
	return "-"
}

// titledAcross reads a title that follows a person's name across the name of the country or
// body the post is in (山田米大統領, 金朝鮮労働党委員長), or the place a governor or mayor heads
// (山田太郎北東県知事, 山田太郎南町市長): the person has the post, and leads or works at the body
// when it is a company or an organisation.
func (f *frame) titledAcross(m *mention) {
	b := f.startingAt(m.tj)
	if b == nil && f.tok(m.tj).surf == "・" && isType(m.ent, Person) {
		b = f.startingAt(m.tj + 1) // ジョン・ゼフィラ・トルコ首相: the country or body after ・
	}
	if b == nil || b == m || b.ent == nil || b.title != "" || !isType(b.ent, Country, Firm, Organization, Location) {
		return
	}
	if isType(b.ent, Location) && !f.d.x.placePost(f.tok(b.tj).surf) {
		return // a place's head only (山田太郎北東県知事, 山田太郎南町市長): no post is in a place
	}
	var title, kind string
	if n := f.d.x.titleAt(f.s.toks, b.tj); n > 0 {
		if f.tok(b.tj + n).noun() {
			return // 大統領夫人: the title is part of a longer word
		}
		title = joinTokens(f.s.toks[b.tj : b.tj+n])
		kind, _, _ = f.d.x.titleKind(title)
	} else {
		t, _, ok := f.roleAfter(b)
		if !ok {
			return
		}
		title, kind = t, f.roleKind(t)
	}
	f.emit(f.si, m.ent, "role", nil, title, joinTokens(f.s.toks[b.ti:b.tj])+title, m.start, b.end+len([]rune(title)), confApposition-0.1, false)
	if isType(b.ent, Firm, Organization) {
		f.emitRole(m.ent, kind, b.ent, "", joinTokens(f.s.toks[b.ti:b.tj])+title, m.start, b.end+len([]rune(title)), confApposition-0.1, false)
		if m.ent.employer == nil {
			m.ent.employer = b.ent
		}
	}
}

// parentOfUnit returns the company named before a word for one of its units that ends before
// token i (東西電機日本法人, 東西電機の米国法人, 東西電機子会社), or nil.
func (f *frame) parentOfUnit(i int) *mention {
	switch f.tok(i - 1).surf {
	case "法人", "子会社", "支社", "支店":
	default:
		return nil
	}
	j := i - 1
	if c := f.endingAt(j); c != nil && isType(c.ent, Country, Location) {
		j = c.ti // 日本法人, 米国法人
	} else if g := f.d.x.gaz.lookup(f.tok(j - 1).surf); g != nil && g.typ == Country && f.startingAt(j-1) == nil {
		j-- // the same, the country no name of its own (東西電機|日本|法人)
	}
	if f.tok(j-1).surf == "の" {
		j--
	}
	if org := f.endingAt(j); org != nil && isType(org.ent, Firm) {
		return org
	}
	return nil
}

// topicFirmBefore returns the company that is the topic (Xは) of the sentence before token i, when
// no other company or organisation is named between it and i.
func (f *frame) topicFirmBefore(i int) *entity {
	ts := f.marked(0, i, "は")
	if len(ts) == 0 || !isType(ts[len(ts)-1].ent, Firm) || former(f, ts[len(ts)-1]) {
		return nil
	}
	t := ts[len(ts)-1]
	for _, m := range f.ms {
		if m.ti >= t.tj && m.tj <= i && m.ent != t.ent && isType(m.ent, Firm, Organization) && !f.asideBody(m) {
			return nil
		}
	}
	return t.ent
}

// asideBody reports whether a firm or body named between a sentence's topic and an officer
// takes no part in the officer's post: it names another post of someone (X社長でもある, X社長の
// 山田氏), or the agent of a passive (X地検に逮捕された).
func (f *frame) asideBody(m *mention) bool {
	k := f.after(m)
	if n := f.d.x.titleAt(f.s.toks, k); n > 0 {
		if w := f.tok(k + n).surf; w == "の" || w == "で" && f.tok(k+n+1).surf == "も" {
			return true
		}
	}
	if f.tok(k).surf == "に" {
		for j := k + 1; j < k+4; j++ {
			if t := f.tok(j); t.lemma() == "れる" || t.lemma() == "られる" {
				return true
			}
			if t := f.tok(j); !(t.verb() || t.noun() && t.pos[1] == "サ変接続") {
				break
			}
		}
	}
	return false
}

// aboutBefore returns the entity of type typ the text is about before offset pos: the latest
// one that was a clause's topic (Xは, Xでは), else the latest subject (topicBefore). A subject
// inside a clause (東西電機は、北浜化学が保有していた株を…) is not what the text is about.
func (d *doc) aboutBefore(typ string, pos int) *entity {
	var topic *entity
	d.eachBefore(typ, pos, true, func(f *frame, m *mention) {
		if p, _ := f.particleAfter(m); (p == "は" || p == "では") && !former(f, m) {
			topic = m.ent
		}
	})
	if topic != nil {
		return topic
	}
	return d.topicBefore(typ, pos, true)
}

// kindedNext returns the product named in brackets after a product, と or 、, and words of its
// kind (「X」と画像ソフト「Y」), or nil.
func (f *frame) kindedNext(b *mention) *mention {
	k := f.after(b)
	if f.tok(k).surf == "」" || f.tok(k).surf == "』" {
		k++
	}
	if f.tok(k).surf != "と" && f.tok(k).surf != "、" {
		return nil
	}
	k++
	j := k
	for j < k+3 && (f.tok(j).noun() || f.tok(j).pos[0] == "接頭詞") && f.startingAt(j) == nil {
		j++
	}
	if j == k || !f.d.x.lex.productCue[f.tok(j-1).surf] || f.tok(j).surf != "「" && f.tok(j).surf != "『" {
		return nil
	}
	if c := f.startingAt(j + 1); c != nil && c.ent != nil && c.ent.typ == Product && c.ent != b.ent {
		return c
	}
	return nil
}

// former reports whether a name is written as a former one (旧・南山製作所, 旧南山銀行): a
// predecessor the text recalls, not what it is about.
func former(f *frame, m *mention) bool { return formerBefore(f.s.toks, m.ti) }

// namesBody reports whether the sentence names a company or an organisation.
func (f *frame) namesBody() bool {
	return slices.ContainsFunc(f.ms, func(m *mention) bool { return isType(m.ent, Firm, Organization) && !f.d.x.lex.isOutlet(m.text) })
}

// emitRole states a person's role at an organisation: works_at, and leads or founded as the
// role's kind says. The head of a body works there too.
func (f *frame) emitRole(p *entity, kind string, org *entity, value, text string, start, end int, conf float64, negated bool) {
	rel := roleRelation(kind)
	f.emit(f.si, p, rel, org, value, text, start, end, conf, negated)
	if rel == "leads" {
		f.emit(f.si, p, "works_at", org, value, text, start, end, conf, negated)
	}
}

// roleRelation maps a role's kind to the relation between its holder and the organisation.
func roleRelation(kind string) string {
	switch kind {
	case "leads":
		return "leads"
	case "founded":
		return "founded"
	}
	return "works_at"
}

// predicativeRole: "NAME は X の Y で(も)ある / だ": the person holds role Y at X.
func (f *frame) predicativeRole(m *mention) {
	part, pi := f.particleAfter(m)
	if part != "は" && part != "も" {
		return
	}
	// The sentence must end with the copula: …で(も)ある。 / …だ。
	end := len(f.s.toks)
	for end > 0 && f.tok(end-1).symbol() {
		end--
	}
	k := end
	switch {
	case f.tok(k-1).surf == "ある" && f.tok(k-2).surf == "も" && f.tok(k-3).surf == "で":
		k -= 3
	case f.tok(k-1).surf == "ある" && f.tok(k-2).surf == "で":
		k -= 2
	case f.tok(k-1).surf == "だ":
		k--
	default:
		return
	}
	rs, role, kind := f.rolePhraseBefore(k)
	if rs <= pi {
		return
	}
	f.emit(f.si, m.ent, "role", nil, role, role, m.start, f.tok(k-1).end, confApposition-0.1, false)
	if f.tok(rs-1).surf != "の" {
		return
	}
	if org := f.endingAt(rs - 1); org != nil && isType(org.ent, Firm, Organization) {
		f.emitRole(m.ent, kind, org.ent, "", role, m.start, f.tok(k-1).end, confApposition-0.1, false)
	}
}

// stateEnd reports whether w ends as a state's formal name does (アラブ共和国, …連邦): with a
// stateWord.
func stateEnd(w string) bool {
	for i := range w {
		if stateWord(w[i:]) {
			return true
		}
	}
	return false
}

// japaneseRegion reports whether w names a part of Japan as 中国 of 中国・四国 and 中国・九州
// (the Chūgoku region, not China) is joined to: a prefecture (…県), a region (…地方), 四国 or 九州.
func japaneseRegion(w string) bool {
	return strings.HasSuffix(w, "県") || strings.HasSuffix(w, "地方") || strings.HasPrefix(w, "四国") || strings.HasPrefix(w, "九州")
}
