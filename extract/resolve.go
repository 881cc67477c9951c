package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// entity is one real-world thing in an article, with its mentions.
type entity struct {
	key      string
	name     string
	typ      string
	gaz      *gazEntry
	mentions []*mention
	votes    map[string]float64
	aliases  []string // extra names learnt from context (parenthesised aliases)
	first    int
	employer *entity // for a person: the body a title first placed them at (同社の山田社長)
}

// doc is the working state of one extraction.
type doc struct {
	x     *Extractor
	a     Article
	orig  []rune // the original text's code points, read only
	n     normalized
	sents []sentence
	ments [][]*mention // per sentence, in order
	ents  []*entity
	byKey map[string]*entity
}

// origText returns the original text of a normalized span.
func (d *doc) origText(start, end int) string {
	sp := d.n.span(start, end)
	return string(d.orig[sp.Start:sp.End])
}

// allMentions returns every mention in document order.
func (d *doc) allMentions() []*mention {
	var out []*mention
	for _, ms := range d.ments {
		out = append(out, ms...)
	}
	return out
}

// resolve groups mentions into entities: same canonical name, gazetteer variants, short forms
// of persons' names, parenthesised aliases and capitals standing for their governments.
func (d *doc) resolve() {
	d.byKey = map[string]*entity{}
	for si, ms := range d.ments {
		for _, m := range ms {
			key, e := d.canonical(&d.sents[si], m)
			ent := d.byKey[key]
			if ent == nil {
				ent = &entity{key: key, votes: map[string]float64{}, first: m.start}
				if e != nil {
					ent.gaz, ent.name, ent.typ = e, e.name, e.typ
				}
				d.byKey[key] = ent
				d.ents = append(d.ents, ent)
			}
			ent.mentions = append(ent.mentions, m)
			vote(ent.votes, m)
			m.ent = ent
		}
	}
	// Parenthesised aliases: 天津師範大学(TJNU) is one entity.
	for _, m := range d.allMentions() {
		if m.aliasOf != nil && m.ent != m.aliasOf.ent {
			d.merge(m.aliasOf.ent, m.ent)
		}
	}
	d.mergeShortNames()
	d.mergeCompanySuffix()
	d.mergeLegalForm()
	d.mergePublicPrefix()
	d.mergeSameHead()
	d.mergeTailNames()
	d.mergeInitials()
	d.mergeCompanyShortNames()
	d.mergeJapanUnit()
	d.mergeSeries()
	d.mergeProductTail()
	d.mergeSuffixAbbrev()
	d.mergeMinistryAbbrev()
	d.mergePoliceStation()
	d.contextTypes()
	d.mergeTransliterations()
	for _, e := range d.ents {
		if e.typ == "" || e.gaz == nil {
			e.typ = bestType(e.votes)
		}
		if e.name == "" {
			e.name = d.longestName(e)
		}
	}
	d.nameAnaphors()
	d.mergeCountryBodies()
}

// mergeCountryBodies joins the bodies named after one country written in different forms with
// the same words after it (米政府, 米国政府 and アメリカ政府; 中国商務省 and 中商務省): one body.
func (d *doc) mergeCountryBodies() {
	seen := map[string]*entity{}
	for _, e := range slices.Clone(d.ents) {
		if e.gaz != nil || e.typ != Organization {
			continue
		}
		var key string
		rs := []rune(e.name)
		for n := min(len(rs)-1, 8); n >= 1; n-- {
			if g := d.x.countryEntry(string(rs[:n])); g != nil {
				key = g.key + "\x00" + string(rs[n:])
				break
			}
		}
		if key == "" {
			continue
		}
		if into := seen[key]; into != nil {
			d.merge(into, e)
			into.name = d.longestName(into)
			continue
		}
		seen[key] = e
	}
}

// nameAnaphors names a body or place written with an anaphor as its first word (同国政府,
// 同市東山区, 同党総務会) after what the anaphor refers back to (ブラジル政府, 京都市東山区,
// 民主党総務会), and joins it to the entity of that name when the article has one; the written
// form stays an alias. 同国 refers to the foreign country last named (not Japan); 同市,
// 同党, 同大学 and the like to the latest place or body whose name ends so.
func (d *doc) nameAnaphors() {
	for _, e := range slices.Clone(d.ents) {
		if e.gaz != nil || e.typ == Person || e.typ == Firm || !strings.HasPrefix(e.name, "同") {
			continue
		}
		ana, typ := "", ""
		for w, t := range d.x.lex.anaphor {
			if (t == Country || t == Location || t == Organization) && len(w) > len(ana) && len(e.name) > len(w) && strings.HasPrefix(e.name, w) {
				ana, typ = w, t
			}
		}
		if ana == "" {
			continue
		}
		pos := e.mentions[0].start
		var ante *entity
		if typ == Country {
			// Japanese news writes its own country 日本 (or 国内): 同国 is the foreign country
			// last named (and stays as written when there is none: フィリピン中西部 names
			// no country of its own, 日本時間 is no antecedent).
			d.eachBefore(Country, pos, false, func(_ *frame, m *mention) {
				if m.ent.name != "日本" {
					ante = m.ent
				}
			})
		} else {
			unit := strings.TrimPrefix(ana, "同")
			d.eachBefore(typ, pos, false, func(_ *frame, m *mention) {
				if strings.HasSuffix(m.ent.name, unit) && !strings.HasPrefix(m.ent.name, "同") {
					ante = m.ent
				}
			})
		}
		if ante == nil || ante == e {
			continue
		}
		name := ante.name + strings.TrimPrefix(e.name, ana)
		if other := d.byKey[string(appendFold(nil, name))]; other != nil && other != e {
			d.merge(other, e)
			continue
		}
		e.name = name
	}
}

// canonical returns an entity key for a mention, and the gazetteer entry it stands for. It is
// called while resolve makes the entities, before any is merged.
func (d *doc) canonical(s *sentence, m *mention) (string, *gazEntry) {
	if g := m.gaz; g != nil {
		if g.capital != "" && d.governmentContext(s, m) {
			c := d.x.gaz.lookup(g.capital)
			m.typ = c.typ
			return c.key, c
		}
		m.typ = g.typ
		return g.key, g
	}
	// The key of an entity resolve has made already is its key string: no new one.
	var buf [64]byte
	key := appendFold(buf[:0], stripTitle(m.text))
	if ent := d.byKey[string(key)]; ent != nil {
		return ent.key, nil
	}
	return string(key), nil
}

// adminUnit reports whether r ends the name of an administrative unit: a prefecture, city, town,
// village, ward, state or province (東京都, 横浜市, 四川省).
func adminUnit(r rune) bool { return strings.ContainsRune("都道府県市区町村州省", r) }

// stripTitle removes honorifics written as part of a name, and 内 after an administrative unit
// (東京都内, 大阪市内: the dictionary writes 都内 and 市内 as one word, so the span keeps it, but
// the place is 東京都, 大阪市).
func stripTitle(s string) string {
	for _, h := range []string{"氏", "さん", "様"} {
		if t, ok := strings.CutSuffix(s, h); ok && t != "" {
			return t
		}
	}
	if t, ok := strings.CutSuffix(s, "内"); ok && utf8.RuneCountInString(t) >= 2 {
		if r, _ := utf8.DecodeLastRuneInString(t); adminUnit(r) {
			return t
		}
	}
	return s
}

// stripTitleRunes is stripTitle on code points. A reading in hiragana inside the name, between
// a surname and a given name (山田(やまだ)太郎), is left out too.
func stripTitleRunes(rs []rune) []rune {
	rs = dropInnerReading(rs)
	for _, h := range [][]rune{{'氏'}, {'さ', 'ん'}, {'様'}} {
		if len(rs) > len(h) && slices.Equal(rs[len(rs)-len(h):], h) {
			return rs[:len(rs)-len(h)]
		}
	}
	if n := len(rs); n >= 3 && rs[n-1] == '内' && adminUnit(rs[n-2]) {
		return rs[:n-1]
	}
	return rs
}

// governmentContext reports whether a capital's name stands for its government: the actor of a
// government act (ワシントンは…を阻止した) or the owner of one (ワシントンの制裁).
func (d *doc) governmentContext(s *sentence, m *mention) bool {
	if m.tj >= len(s.toks) {
		return false
	}
	next := &s.toks[m.tj]
	switch next.surf {
	case "の":
		if m.tj+1 < len(s.toks) {
			w := s.toks[m.tj+1].surf
			if rel, ok := d.x.lex.predicate[w]; ok && governmentAct(rel) {
				return true
			}
			switch w {
			case "政府", "当局", "政策", "方針", "意向", "措置", "政権", "判断":
				return true
			}
		}
	case "へ", "に", "に対する":
		// ワシントンへの制裁, 北京に対する規制, 北京への半導体輸出規制: the target of a
		// government act, maybe after the words of what it restricts.
		k := m.tj + 1
		if s.toks[m.tj].surf == "に" && k < len(s.toks) && s.toks[k].lemma() == "対する" {
			k++
		} else if s.toks[m.tj].surf == "へ" && k < len(s.toks) && s.toks[k].surf == "の" {
			k++
		} else if s.toks[m.tj].surf != "に対する" {
			return false
		}
		for n := 0; n < 4 && k < len(s.toks) && s.toks[k].noun(); n, k = n+1, k+1 {
			if rel, ok := d.x.lex.predicate[s.toks[k].surf]; ok && governmentAct(rel) {
				return true
			}
		}
	case "は", "が", "も":
		for k := m.tj; k < len(s.toks); k++ {
			if rel, ok := d.x.lex.predicate[s.toks[k].surf]; ok && governmentAct(rel) {
				return true
			}
			// 北京は強く反発した: a capital that objects or protests speaks for its government.
			if next.surf == "は" && k < m.tj+6 && reaction(s.toks[k].lemma()) {
				return true
			}
		}
	}
	return false
}

// reaction reports whether a lemma is a government's reaction to another's act (反発, 抗議, 非難).
func reaction(w string) bool {
	switch w {
	case "反発", "抗議", "非難", "批判", "反対", "報復", "対抗":
		return true
	}
	return false
}

func governmentAct(rel string) bool {
	return rel == "restricts" || rel == "regulates" || rel == "sanctions"
}

func (d *doc) merge(into, from *entity) {
	if into == from {
		return
	}
	for _, m := range from.mentions {
		m.ent = into
	}
	into.mentions = append(into.mentions, from.mentions...)
	slices.SortFunc(into.mentions, func(a, b *mention) int { return a.start - b.start })
	for t, v := range from.votes {
		into.votes[t] += v
	}
	into.aliases = append(into.aliases, from.aliases...)
	if into.gaz == nil && from.gaz != nil {
		into.gaz, into.name, into.typ = from.gaz, from.name, from.typ
	}
	into.first = min(into.first, from.first)
	d.ents = slices.DeleteFunc(d.ents, func(e *entity) bool { return e == from })
	for k, e := range d.byKey {
		if e == from {
			d.byKey[k] = into
		}
	}
}

// mergeShortNames joins a person's short name to the full name it abbreviates: a family name
// (山田氏 → 山田太郎), the first part of a katakana name (ルー氏 → ルー・ヤンシア) or the last word of a
// Latin name (Harrowell 氏 → Alexander Harrowell). Ambiguous short names are left alone.
func (d *doc) mergeShortNames() {
	persons := func() []*entity {
		var ps []*entity
		for _, e := range d.ents {
			if bestType(e.votes) == Person && e.gaz == nil {
				ps = append(ps, e)
			}
		}
		return ps
	}
	shorts := persons()
	ps := persons() // made again after a merge, which changes the entities and their votes
	// A name the model typed otherwise but written with a person's title (松本会長 read as a
	// place) is a short name too.
	for _, e := range d.ents {
		if e.gaz == nil && bestType(e.votes) != Person && slices.ContainsFunc(e.mentions, d.titledName) {
			shorts = append(shorts, e)
		}
	}
	for _, short := range shorts {
		var full []*entity
		for _, e := range ps {
			if e != short && abbreviates(short.key, e.key) {
				full = append(full, e)
			}
		}
		if len(full) == 1 {
			if bestType(short.votes) != Person {
				// The model's other reading of the short name must not retype the person, and
				// the title after it is the person's.
				clear(short.votes)
				for _, m := range short.mentions {
					if toks := d.sents[m.sent].toks; m.title == "" && d.titledName(m) {
						m.title = joinTokens(toks[m.tj : m.tj+d.x.titleAt(toks, m.tj)])
					}
				}
			}
			d.merge(full[0], short)
			ps = persons()
		}
	}
}

// titledName reports whether a mention is a short kanji name followed by a person's title
// (松本会長).
func (d *doc) titledName(m *mention) bool {
	toks := d.sents[m.sent].toks
	return m.tj < len(toks) && utf8.RuneCountInString(m.text) <= 2 && classOfString(m.text) == clsKanji &&
		d.x.titleAt(toks, m.tj) > 0
}

// mergeCompanySuffix joins "X社" to X when the article names X too (インテル社製 and インテル): the
// suffix only says that X is a company.
func (d *doc) mergeCompanySuffix() {
	for _, e := range slices.Clone(d.ents) {
		base, ok := strings.CutSuffix(e.key, "社")
		if !ok || utf8.RuneCountInString(base) < 2 || !slices.Contains(d.ents, e) {
			continue
		}
		var into *entity
		if g := d.x.gaz.lookupNorm(base); g != nil && g.typ == Firm {
			into = d.byKey[g.key]
		} else if g != nil && g.typ == Product {
			// A service named as its company (ビデオサイトのX and X社): the article speaks of
			// the company, which the gazetteer knows only as its product.
			if into = d.byKey[g.key]; into != nil && into != e {
				d.merge(into, e)
				into.typ = Firm
			}
			continue
		} else if o := d.byKey[base]; o != nil && !slices.ContainsFunc(o.mentions, func(m *mention) bool { return m.rule == "honorific" }) {
			into = o // X read as a person's name, unless written with an honorific: X社 says it is a company
		} else if o == nil {
			// リーダーズ社 after リーダーズ・ダイジェスト・アソシエーション社: the first word of
			// one company's name of words joined by ・.
			for _, c := range d.ents {
				if c != e && strings.HasPrefix(c.key, base+"・") && bestType(c.votes) == Firm {
					if into != nil {
						into = nil
						break
					}
					into = c
				}
			}
		}
		if into != nil && into != e && (into.gaz == nil || into.typ == Firm) {
			d.merge(into, e)
		}
	}
}

// mergeLegalForm joins "株式会社X" (or "X株式会社", 有限会社…) to X when the article names X too
// (株式会社東西電機 and 東西電機): the legal form only says that X is a company. The merged
// entity is named without it.
func (d *doc) mergeLegalForm() {
	for _, e := range slices.Clone(d.ents) {
		if !slices.Contains(d.ents, e) {
			continue
		}
		base := ""
		for _, lf := range []string{"株式会社", "有限会社", "合同会社"} {
			if b, ok := strings.CutPrefix(e.key, lf); ok {
				base = b
			} else if b, ok := strings.CutSuffix(e.key, lf); ok {
				base = b
			}
		}
		base = strings.TrimSpace(base)
		if utf8.RuneCountInString(base) < 2 {
			continue
		}
		into := d.byKey[base]
		if g := d.x.gaz.lookupNorm(base); into == nil && g != nil && g.typ == Firm {
			into = d.byKey[g.key]
		}
		if into == nil || into == e || into.gaz != nil && into.typ != Firm || bestType(into.votes) == Person {
			continue
		}
		d.merge(into, e)
		if into.name == "" {
			into.name = d.longestName(&entity{mentions: slices.DeleteFunc(slices.Clone(into.mentions), func(m *mention) bool {
				return m.ent == into && strings.Contains(m.text, "会社")
			})})
		}
	}
}

// mergePublicPrefix joins X to "国立X" (県立X, 市立X, …) when the article names both (国立北浜
// 研究センター and 北浜研究センター): the prefix says who runs the body, and the article drops it
// once it has been named in full; so is 日本X to X, both bodies (日本相撲協会 and 相撲協会). Only
// bodies are joined, never a person's name.
func (d *doc) mergePublicPrefix() {
	for _, e := range slices.Clone(d.ents) {
		if !slices.Contains(d.ents, e) || bestType(e.votes) != Organization && bestType(e.votes) != Location {
			continue
		}
		for _, p := range [...]string{"国立", "都立", "道立", "府立", "県立", "市立", "区立", "町立", "村立", "公立", "私立"} {
			base, ok := strings.CutPrefix(e.key, p)
			if !ok || utf8.RuneCountInString(base) < 3 {
				continue
			}
			if o := d.byKey[base]; o != nil && o != e && o.gaz == nil && bestType(o.votes) != Person && slices.Contains(d.ents, o) {
				d.merge(e, o)
			}
			break
		}
		// 日本相撲協会 and 相撲協会, 日本野球機構 and 野球機構: a national body named without its
		// country once named in full. Bodies only: 日本マクドナルド is not マクドナルド.
		if base, ok := strings.CutPrefix(e.key, "日本"); ok && utf8.RuneCountInString(base) >= 3 && bestType(e.votes) == Organization {
			if o := d.byKey[base]; o != nil && o != e && o.gaz == nil && bestType(o.votes) == Organization && slices.Contains(d.ents, o) {
				d.merge(e, o)
			}
		}
	}
}

// mergeSameHead joins "同X" (同監視委員会, 同研究所: the X named before) to the latest entity
// before it whose name ends with X, when X is a word of two characters or more and no anaphor
// of the lexicon. The 同X mentions give the entity no name or alias.
func (d *doc) mergeSameHead() {
	for _, e := range slices.Clone(d.ents) {
		rest, ok := strings.CutPrefix(e.key, "同")
		if !ok {
			// 同 as a word of its own before the name (同|監視委員会): the key is the rest.
			rest, ok = e.key, !slices.ContainsFunc(e.mentions, func(m *mention) bool {
				toks := d.sents[m.sent].toks
				return m.ti == 0 || toks[m.ti-1].surf != "同"
			})
		}
		if !ok || utf8.RuneCountInString(rest) < 2 || !slices.Contains(d.ents, e) || d.x.lex.anaphor[e.key] != "" {
			continue
		}
		var into *entity
		for _, o := range d.ents {
			if o != e && o.first < e.first && strings.HasSuffix(o.key, rest) && !strings.HasPrefix(o.key, "同") &&
				(into == nil || o.latestBefore(e.first) > into.latestBefore(e.first)) {
				into = o
			}
		}
		if into == nil {
			continue
		}
		for _, m := range e.mentions {
			m.rule = "anaphor"
		}
		d.merge(into, e)
	}
}

// mergeTailNames joins a body named later by the last words of its name (北浜産業振興機構, then
// 振興機構) to the body named in full: the short name is four kanji or more, both read as bodies,
// the full name adds two code points or more before it, and only one body of the article ends in
// it.
func (d *doc) mergeTailNames() {
	all := slices.Clone(d.ents) // counted as named, before any is joined to another
	for _, e := range all {
		if !slices.Contains(d.ents, e) || classOfString(e.key) != clsKanji || utf8.RuneCountInString(e.key) < 4 ||
			bestType(e.votes) != Organization || e.gaz != nil {
			continue
		}
		var into *entity
		n := 0
		for _, o := range all {
			if o != e && strings.HasSuffix(o.key, e.key) {
				n++
				if o.first < e.first && bestType(o.votes) == Organization && utf8.RuneCountInString(o.key)-utf8.RuneCountInString(e.key) >= 2 {
					into = o
				}
			}
		}
		if n == 1 && into != nil && slices.Contains(d.ents, into) {
			d.merge(into, e)
		}
	}
}

// mergeInitials joins a company or body named by the first kanji of the two words of its name
// (東西電機, then 東電; 北浜銀行, then 北銀) to the name in full: the short name is two kanji, the
// full name four, the short one not in the gazetteer, both read as companies or bodies, and only one
// name of the article abbreviates so.
func (d *doc) mergeInitials() {
	all := slices.Clone(d.ents)
	for _, e := range all {
		if !slices.Contains(d.ents, e) || e.gaz != nil || len(e.key) != 6 || classOfString(e.key) != clsKanji || !orgLike(bestType(e.votes)) ||
			bestType(e.votes) == Product {
			continue
		}
		short := []rune(e.key)
		if len(short) != 2 {
			continue
		}
		var into *entity
		n := 0
		for _, o := range all {
			if o == e || classOfString(o.key) != clsKanji {
				continue
			}
			if long := []rune(o.key); len(long) == 4 && long[0] == short[0] && long[2] == short[1] {
				n++
				if t := bestType(o.votes); t == Firm || t == Organization {
					into = o
				}
			}
		}
		if n == 1 && into != nil && slices.Contains(d.ents, into) {
			d.merge(into, e)
		}
	}
}

// latestBefore returns the start of an entity's last mention before pos, or -1.
func (e *entity) latestBefore(pos int) int {
	last := -1
	for _, m := range e.mentions {
		if m.start < pos {
			last = max(last, m.start)
		}
	}
	return last
}

// mergeCompanyShortNames joins a company's short name to its full name in the same article
// (トヨタ and トヨタ自動車, 東西 and 東西電機): the full name is the short one followed by a company
// word of the lexicon. A short name that could be either of two full names (三菱電機, 三菱商事),
// that names a person or a place (日本 in 日本電気), or that the gazetteer knows, stays apart.
func (d *doc) mergeCompanyShortNames() {
	words := d.x.lex.firmWords
	for _, short := range slices.Clone(d.ents) {
		if !slices.Contains(d.ents, short) || utf8.RuneCountInString(short.key) < 2 {
			continue
		}
		t := bestType(short.votes)
		// A katakana name the gazetteer does not know, before a word of a trade (ノルデン of
		// ノルデン製菓), is the company's short name even when read as a foreign surname; before a
		// group's word (ユニマットグループ) such a name may be its founder's: not then.
		kana := short.gaz == nil && classOfString(short.key) == clsKatakana && utf8.RuneCountInString(short.key) >= 3
		if t != Firm && t != Organization && t != Person || short.gaz != nil && short.gaz.typ != Firm {
			continue
		}
		// A name read as a person's is a company's short name only inside the full name after a
		// place, and never when written with an honorific or a title.
		person := t == Person
		if person && slices.ContainsFunc(short.mentions, func(m *mention) bool { return m.rule == "honorific" || d.titledName(m) }) {
			continue
		}
		var full []*entity
		kanjiShort := short.gaz == nil && classOfString(short.key) == clsKanji
		for _, e := range d.ents {
			// A company the gazetteer knows, followed by a word of a business (パナソニック航空,
			// ソニー銀行), is another company: its subsidiary. Followed by a word of the group
			// or of broadcasting (ARMホールディングス, 東西グループ, 東西放送) it is the same.
			rest, ok := strings.CutPrefix(e.key, short.key)
			if !ok && e.gaz != nil && short.gaz == nil {
				// A company the gazetteer names otherwise, as the article writes it (東西電器産業
				// for its canonical name).
				for _, m := range e.mentions {
					if r, found := strings.CutPrefix(fold(m.text), short.key); found && r != "" {
						rest, ok = r, true
						break
					}
				}
			}
			if r, dot := strings.CutPrefix(rest, "・"); dot && classOfString(short.key) == clsKatakana {
				rest = r // ミカンド・テクノロジー: katakana words joined by ・
			}
			trade := false
			if kanjiShort {
				// 南町 and 上海南町食品: a name the gazetteer does not know, after a place the
				// gazetteer knows and before a word of a trade, is its company's short name.
				// A kanji name read as a person's, written with neither honorific nor title
				// (東西の特許を侵害した after 東西食品工業), is one too when the words after it are a
				// trade's and a company's, not a newspaper's.
				written := rest
				personTrade := person && ok && !mediaWord(rest) &&
					(words[rest] || d.x.lex.industry[rest] || d.tradeRun(rest))
				if (!ok || person) && strings.Contains(e.key, short.key) {
					rest, ok = d.pastPlace(e.key, short.key)
				}
				if personTrade && !ok {
					rest, ok = written, true
				}
				trade = ok && (d.x.lex.industry[rest] || d.tradeRun(rest))
			} else if kana && person {
				if trade = ok && d.x.lex.industry[rest]; !trade {
					continue
				}
			} else if person {
				continue
			} else {
				trade = ok && d.tradeRun(rest)
			}
			if ok && e != short && (words[rest] || trade) && bestType(e.votes) == Firm &&
				(short.gaz == nil || rest == "ホールディングス" || rest == "グループ" || rest == "hd" || rest == "放送" || rest == "テレビ") {
				full = append(full, e)
			}
		}
		if len(full) == 1 {
			if t != Firm {
				// The model's other reading of the short name must not retype the company.
				clear(short.votes)
			}
			d.merge(full[0], short)
		}
	}
}

// mediaWord reports whether w ends a news outlet's or broadcaster's name (新聞, 通信社, 放送): a
// person's name before it is no company's short name (中日 and 中日新聞).
func mediaWord(w string) bool {
	switch w {
	case "通信", "放送", "テレビ":
		return true
	}
	return newspaperSuffix(w)
}

// tradeRun reports whether rest is two words of a trade or a company (電器産業, 食品工業): what
// follows a company's short name in its full name.
func (d *doc) tradeRun(rest string) bool {
	trade := func(w string) bool { return d.x.lex.industry[w] || d.x.lex.firmWords[w] }
	for i := range rest {
		if i > 0 && trade(rest[:i]) && trade(rest[i:]) {
			return true
		}
	}
	return false
}

// pastPlace returns what follows short in key when key is a place the gazetteer knows (a country
// or a location) and then short: 上海南町食品 is 上海, 南町 and 食品.
func (d *doc) pastPlace(key, short string) (string, bool) {
	for n, i := 0, 0; i < len(key) && n < 4; n++ {
		_, size := decodeRune(key[i:])
		i += size
		if n == 0 {
			continue
		}
		if rest, ok := strings.CutPrefix(key[i:], short); ok {
			if g := d.x.gaz.lookupNorm(key[:i]); g != nil && (g.typ == Location || g.typ == Country) {
				return rest, true
			}
		}
	}
	return "", false
}

// mergeJapanUnit joins a brand X to the company "Xジャパン" or "X・ジャパン" that runs it in Japan
// when the article names both (北浜マート and 北浜マート・ジャパン): the article's X is the company
// (X側, Xの店舗), whatever the model read it as; the company keeps its type. A person's name stays
// apart.
func (d *doc) mergeJapanUnit() {
	// The companies named X(・)ジャパン, found first: most articles have none, and then no
	// entity's mentions need reading.
	var units []*entity
	for _, e := range d.ents {
		if strings.HasSuffix(e.key, "ジャパン") && bestType(e.votes) == Firm {
			units = append(units, e)
		}
	}
	if len(units) == 0 {
		return
	}
	for _, short := range slices.Clone(d.ents) {
		if !slices.Contains(d.ents, short) || utf8.RuneCountInString(short.key) < 2 || bestType(short.votes) == Person {
			continue
		}
		var full *entity
		for _, m := range short.mentions {
			var buf [64]byte
			name := appendFold(buf[:0], stripTitle(m.text))
			for _, e := range units {
				rest, ok := strings.CutPrefix(e.key, string(name))
				if ok && e != short && (rest == "ジャパン" || rest == "・ジャパン") {
					full = e
				}
			}
		}
		if full != nil {
			clear(short.votes)
			d.merge(full, short)
		}
	}
}

// mergeSeries joins a product's series, named as the product and シリーズ (北浜オイルシリーズ,
// X・シリーズ), to the product when the article names both: one brand, whatever the model read the
// series as (a company, a person). A series named after a country or a place (日本シリーズ,
// アジアシリーズ) is no product's and stays an event of its own.
func (d *doc) mergeSeries() {
	for _, s := range slices.Clone(d.ents) {
		base, ok := strings.CutSuffix(s.key, "シリーズ")
		if !ok || !slices.Contains(d.ents, s) {
			continue
		}
		p := d.byKey[strings.TrimSuffix(base, "・")]
		if p == nil || p == s || !slices.Contains(d.ents, p) {
			continue
		}
		if !readAsProduct(p) {
			continue
		}
		clear(s.votes)
		d.merge(p, s)
	}
}

// readAsProduct reports whether e is a product: by the gazetteer when it knows e, else by its votes.
func readAsProduct(e *entity) bool {
	if e.gaz != nil {
		return e.gaz.typ == Product
	}
	return bestType(e.votes) == Product
}

// mergeProductTail joins a name that the article writes as the last words of a product's name,
// without the brand before them (「北浜ミスト東西スプレー」, then 東西スプレーは), to the product,
// whatever the model read the shorter run as (ミスト or スプレー a person) but a product of its own
// (ビール beside 第3のビール). The run before the mention and the mention together are a proper end
// of the product's name of three code points or more, starting with kanji or katakana; the brand
// left out is two or more and ends in another script than the run starts with (katakana before
// kanji); and the mention itself adds to the run: the model cut the name short.
// The run becomes a name of the product.
func (d *doc) mergeProductTail() {
	for _, p := range slices.Clone(d.ents) {
		if !slices.Contains(d.ents, p) || !readAsProduct(p) {
			continue
		}
		name := []rune(p.key)
		for _, e := range slices.Clone(d.ents) {
			if e == p || e.gaz != nil || !slices.Contains(d.ents, e) || !strings.HasSuffix(p.key, e.key) || e.key == p.key ||
				bestType(e.votes) == Product {
				continue
			}
			run := d.productTailRun(name, e)
			if run == "" {
				continue
			}
			clear(e.votes)
			d.merge(p, e)
			if !slices.Contains(p.aliases, run) {
				p.aliases = append(p.aliases, run)
			}
		}
	}
}

// productTailRun returns the text of a mention of e with the words before it that end the
// product's name (folded) name, when they are a shorter form of it as mergeProductTail asks; "" if
// no mention of e is one.
func (d *doc) productTailRun(name []rune, e *entity) string {
	for _, m := range e.mentions {
		n := utf8.RuneCountInString(m.text)
		for k := len(name) - n - 2; k >= 1; k-- {
			start := m.start - k
			if start < 0 || n+k < 3 {
				continue
			}
			run := string(d.n.runes[start:m.end])
			tail := name[len(name)-n-k:]
			if fold(run) != string(tail) {
				continue
			}
			brand := name[:len(name)-n-k]
			if c := classOf(tail[0]); len(brand) < 2 || classOf(brand[len(brand)-1]) == c || c != clsKanji && c != clsKatakana {
				continue
			}
			if start > 0 && classOf(d.n.runes[start-1]) == classOf(tail[0]) {
				continue // the run goes on before: not where the short name starts
			}
			return d.origText(start, m.end)
		}
	}
	return ""
}

// mergeTransliterations joins a katakana name to the Latin name it transliterates (テンセント and
// Tencent in one article), when the gazetteer does not know them already. The Latin spelling
// becomes the name.
func (d *doc) mergeTransliterations() {
	for _, k := range slices.Clone(d.ents) {
		kn := k.mentions[0].text
		if classOfString(kn) != clsKatakana || !slices.Contains(d.ents, k) {
			continue
		}
		for _, l := range d.ents {
			ln := l.mentions[0].text
			if l == k || classOfString(strings.ReplaceAll(ln, " ", "")) != clsLatin {
				continue
			}
			if k.gaz != nil && l.gaz != nil {
				continue // the gazetteer has spoken for both
			}
			// A company and its product often share a name in two scripts (トーザイ runs tozai):
			// those stay apart.
			if tk, tl := bestType(k.votes), bestType(l.votes); tk != tl && (!(orgLike(tk) && orgLike(tl)) || (tk == Product) != (tl == Product)) {
				continue
			}
			if sameByTransliteration(kn, ln) {
				d.merge(l, k)
				break
			}
		}
	}
}

// mergeSuffixAbbrev joins a body named with the short form of its suffix to the body named
// in full in the same article (神戸地裁 and 神戸地方裁判所, 北浜高校 and 北浜高等学校): the
// lexicon's sfxabbr pairs.
func (d *doc) mergeSuffixAbbrev() {
	for _, e := range slices.Clone(d.ents) {
		if slices.Contains(d.ents, e) {
			d.mergeAbbrevOf(e, e.key)
		}
	}
}

// mergeAbbrevOf joins into e the entities named key with its suffix in the short form of the
// lexicon's sfxabbr pairs (key 神戸地方裁判所: 神戸地裁). A ・ written before the full suffix is
// not written before the short one (key 東西ネット・ホールディングス: 東西ネットHD).
func (d *doc) mergeAbbrevOf(e *entity, key string) {
	for _, p := range d.x.lex.sfxAbbr {
		if base, ok := strings.CutSuffix(key, p[0]); ok && base != "" {
			d.mergeNamed(e, base+p[1])
			if bare, ok := strings.CutSuffix(base, "・"); ok && bare != "" {
				d.mergeNamed(e, bare+p[1])
			}
		}
	}
}

// mergeMinistryAbbrev joins a ministry or agency named by two words of two kanji each
// (東西交易省, 北南振興庁) to the body named by the first kanji of each word and the suffix
// (東交省, 北振庁) in the same article, the usual short form of such names.
func (d *doc) mergeMinistryAbbrev() {
	for _, e := range slices.Clone(d.ents) {
		if !slices.Contains(d.ents, e) || e.typ != Organization && e.typ != "" {
			continue
		}
		rs := []rune(e.key)
		if len(rs) != 5 || rs[4] != '省' && rs[4] != '庁' || slices.ContainsFunc(rs, func(r rune) bool { return classOf(r) != clsKanji }) {
			continue
		}
		d.mergeNamed(e, string([]rune{rs[0], rs[2], rs[4]}))
	}
}

// mergeNamed joins into e the article's other entity named key, if there is one.
func (d *doc) mergeNamed(e *entity, key string) {
	if other := d.byKey[key]; other != nil && other != e && slices.Contains(d.ents, other) {
		d.merge(e, other)
	}
}

// mergePoliceStation joins a police station named with its force (北浜県警南山署, 警視庁南山警察署)
// to the station named alone in the same article (南山署, 南山警察署, or short as sfxabbr writes it).
func (d *doc) mergePoliceStation() {
	for _, e := range slices.Clone(d.ents) {
		if !slices.Contains(d.ents, e) || !strings.HasSuffix(e.key, "署") {
			continue
		}
		for _, force := range [...]string{"警視庁", "県警", "府警", "道警"} {
			k := strings.Index(e.key, force)
			if k < 0 {
				continue
			}
			rest := e.key[k+len(force):]
			if !strings.HasSuffix(rest, "署") || utf8.RuneCountInString(rest) < 3 {
				continue
			}
			d.mergeNamed(e, rest)
			d.mergeAbbrevOf(e, rest)
			break
		}
	}
}

func orgLike(t string) bool { return t == Firm || t == Organization || t == Product }

// abbreviates reports whether the name key short is a short form of the name key long.
func abbreviates(short, long string) bool {
	if len(short) >= len(long) || short == "" {
		return false
	}
	if first, _, ok := strings.Cut(long, "・"); ok {
		return short == first || strings.HasSuffix(long, "・"+short)
	}
	sc, lc := classOfString(short), classOfString(long)
	switch {
	case sc == clsKanji && lc == clsKanji:
		n := utf8.RuneCountInString(short)
		return strings.HasPrefix(long, short) && n <= 2 && utf8.RuneCountInString(long)-n <= 3
	case sc == clsLatin:
		return strings.HasSuffix(long, short) // keys have no spaces: "alexanderharrowell"
	}
	return false
}

// vote adds a mention's evidence to its entity's type votes. Strong evidence adds up; a weak
// guess, and the dictionary's or a repeated guess (which repeat the same mistake on every
// mention), count once, however often they are repeated. The model's reading counts once and a
// little more for every further mention read alike (see nerAgain).
func vote(votes map[string]float64, m *mention) {
	switch w := typeWeight(m); {
	case m.rule == "ner" && m.gaz == nil && w >= 0.5:
		if votes[m.typ] >= w {
			w = min(votes[m.typ]+nerAgain, nerMax)
		}
		votes[m.typ] = max(votes[m.typ], w)
	case w >= 0.5 && m.rule != "proper" && m.rule != "repeat":
		votes[m.typ] += w
	default:
		votes[m.typ] = max(votes[m.typ], w)
	}
}

// The model's vote for an entity's type: its first reading weighs typeWeight, each further
// mention read alike adds nerAgain, up to nerMax.
const (
	nerAgain = 0.05
	nerMax   = 0.75
)

// typeWeight is how much a mention's rule says about its type. A Latin or katakana word is a
// name by its script, but says little about what it names: context decides (see contextTypes).
func typeWeight(m *mention) float64 {
	switch m.rule {
	case "reading":
		return 0 // a Latin name's reading in katakana: the name's own mention votes
	case "latin":
		return 0.1
	case "katakana":
		return 0.2
	case "repeat":
		// A name found again carries the type guessed where it was found first, which that
		// mention votes for already: no more than a weak guess here.
		if m.gaz != nil {
			return confGazetteer
		}
		return min(m.conf, 0.5)
	case "ner":
		// The model types by the words of one sentence and by the conventions of its training
		// data: a guess that one context cue alone does not overturn, but cues that add up and
		// the gazetteer do.
		if m.gaz != nil {
			return confGazetteer
		}
		return 0.55
	}
	return m.conf
}

func bestType(votes map[string]float64) string {
	// The type of the most votes (more than -1), the first in the order of Types of equals:
	// the votes are read as they are, a map of a few, rather than looked up type by type.
	best, bv, bi := "", -1.0, -1
	for t, v := range votes {
		i := typeIndex(t)
		if i >= 0 && (v > bv || v == bv && i < bi) {
			best, bv, bi = t, v, i
		}
	}
	return best
}

// typeIndex returns the index of t in Types, or -1.
func typeIndex(t string) int {
	switch t {
	case Person:
		return 0
	case Firm:
		return 1
	case Organization:
		return 2
	case Country:
		return 3
	case Location:
		return 4
	case Product:
		return 5
	case Event:
		return 6
	}
	return -1
}

// longestName picks the most complete surface form as the entity's name.
func (d *doc) longestName(e *entity) string {
	var name []rune // the original text's code points: no string per mention
	readingOnly := !slices.ContainsFunc(e.mentions, func(m *mention) bool {
		return m.rule != "anaphor" && m.rule != "reading" && m.rule != "nickname"
	})
	for _, m := range e.mentions {
		if m.rule == "anaphor" || (m.rule == "reading" || m.rule == "nickname") && !readingOnly {
			continue // a reading in parentheses or a nickname names the thing only when nothing else does
		}
		sp := d.n.span(m.start, m.end)
		if t := stripTitleRunes(d.orig[sp.Start:sp.End]); len(t) > len(name) {
			name = t
		}
	}
	return strings.TrimSpace(string(name))
}

// entityID derives the canonical id of an entity from its canonical name: folded (NFKC, case),
// with runs of white space as one hyphen, so that the same thing gets the same id in every
// article.
func entityID(name string) string {
	// A name without white space is one field: no bytes of a space (ASCII, U+0085, U+00A0,
	// U+1680, U+2000 to U+205F, U+3000) spare strings.Fields' search of the code points.
	spaced := false
	for i := 0; i < len(name) && !spaced; i++ {
		c := name[i]
		spaced = c == ' ' || c >= '\t' && c <= '\r' || c == 0xC2 || c == 0xE1 || c == 0xE2 ||
			c == 0xE3 && i+2 < len(name) && name[i+1] == 0x80 && name[i+2] == 0x80
	}
	if !spaced {
		return fold(name)
	}
	parts := strings.Fields(name)
	for i, p := range parts {
		parts[i] = fold(p)
	}
	return strings.Join(parts, "-")
}

// dropInnerReading returns a name without a reading in hiragana in parentheses inside it, after a
// kanji and before more of the name (山田(やまだ)太郎 → 山田太郎); other names are returned as they are.
func dropInnerReading(rs []rune) []rune {
	open := slices.IndexFunc(rs, func(r rune) bool { return r == '(' || r == '（' })
	if open < 1 || !unicode.Is(unicode.Han, rs[open-1]) {
		return rs
	}
	k := open + 1
	for k < len(rs) && unicode.Is(unicode.Hiragana, rs[k]) {
		k++
	}
	if k == open+1 || k+1 >= len(rs) || rs[k] != ')' && rs[k] != '）' {
		return rs
	}
	return append(slices.Clone(rs[:open]), rs[k+1:]...)
}
