package extract

import (
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// mention is one candidate name in a sentence.
type mention struct {
	sent       int
	ti, tj     int // token range [ti, tj) in the sentence
	start, end int // normalized code points
	text       string
	typ        string
	conf       float64
	rule       string
	gaz        *gazEntry
	title      string // honorific or title written right after the name (氏, 社長)
	ent        *entity
	aliasOf    *mention // a parenthesised alias: merge into this mention's entity
	// kindCue marks a name introduced by a word for a kind of company standing alone
	// (スタートアップの…, 新興企業である…): the company, whatever person the model read.
	kindCue bool
	// surname is the surname of a name written around its reading (山田 of 山田(やまだ)太郎),
	// which later sentences use alone.
	surname string
}

// mentionBlock is how many candidate mentions mentions allocates at once.
const mentionBlock = 16

func (m *mention) length() int { return m.end - m.start }

// Rule confidences: how sure each mention rule is of a name and its type.
const (
	confGazetteer = 0.95
	confHonorific = 0.9
	confTitle     = 0.8
	confSuffix    = 0.85
	confWeakSfx   = 0.8
	confProper    = 0.7
	confLatin     = 0.55
	confKatakana  = 0.5
	confBracket   = 0.6
	confNER       = 0.75
)

// nameToken reports whether a token can be part of a name run before a suffix.
func nameToken(t *token) bool {
	if t.symbol() {
		return t.surf == "・" || t.surf == "&" || t.surf == "-" || t.surf == "."
	}
	if !t.noun() {
		return t.pos[0] == "接頭詞"
	}
	switch t.pos[1] {
	case "代名詞", "非自立", "副詞可能":
		return false
	case "数":
		return true
	}
	return true
}

// mentions finds candidate names in a sentence and keeps the best non-overlapping ones.
func (x *Extractor) mentions(s *sentence) []*mention {
	// The candidates are many and most are dropped by choose: they come from blocks of
	// mentionBlock, one allocation for many, and cands starts with room for a sentence's share.
	cands := make([]*mention, 0, len(s.toks)/2+4)
	var block []mention
	add := func(ti, tj int, typ string, conf float64, rule string) *mention {
		if ti < 0 || tj > len(s.toks) || ti >= tj {
			return nil
		}
		// Trim symbols at the edges.
		for ti < tj && s.toks[ti].symbol() {
			ti++
		}
		for tj > ti && s.toks[tj-1].symbol() && !initialsDot(s.toks, ti, tj) && !titleMark(s.toks, ti, tj) {
			tj--
		}
		if ti >= tj {
			return nil
		}
		text := joinTokens(s.toks[ti:tj])
		// A name has a kanji, katakana or Latin letter, unless the gazetteer knows it in
		// hiragana. A generic word is none, nor is one with a number (AI 2); a title that fills
		// its brackets is a name whatever words it has (「NEWS23」), if not a generic word alone.
		if x.lex.isGeneric(text) || !fillsBrackets(s.toks, ti, tj) && x.lex.isGeneric(strings.TrimRight(text, "+-0123456789:. ")) ||
			!hasNameChar(text) && rule != "gazetteer" || eraName(s.toks, ti, tj, typ) || timeNote(s.toks[ti:tj], text) || zoneAfter(s.toks[tj:]) || diseaseAfter(s.toks[tj:]) {
			return nil
		}
		// One kanji is no company, body, product or event (「震」, 「税」): a word quoted.
		if typ != Person && typ != Location && typ != Country && utf8.RuneCountInString(text) == 1 && classOf([]rune(text)[0]) == clsKanji {
			return nil
		}
		if len(block) == 0 {
			block = make([]mention, min(mentionBlock, len(s.toks)/4+2))
		}
		m := &block[0]
		block = block[1:]
		*m = mention{sent: s.idx, ti: ti, tj: tj, start: s.toks[ti].start, end: s.toks[tj-1].end,
			text: text, typ: typ, conf: conf, rule: rule}
		// A country's one-character abbreviation before a colon names a language, in a note on
		// a word's original (『X』(英:Y)): no country.
		if x.gaz.abbrev[m.text] != nil && tj < len(s.toks) && strings.HasPrefix(s.toks[tj].surf, ":") {
			return nil
		}
		// 露 before わ (不満を露わにした, 露わに) is the word あらわ, not Russia.
		if x.gaz.abbrev[m.text] != nil && tj < len(s.toks) && strings.HasPrefix(s.toks[tj].surf, "わ") {
			return nil
		}
		// A country's one-character abbreviation read as a place (独, 仏) is that country.
		if e := x.gaz.abbrev[m.text]; e != nil && (typ == Location || typ == Country) {
			m.gaz, m.typ = e, e.typ
		}
		cands = append(cands, m)
		return m
	}
	// leadCountries adds the countries that lead tokens [ti, tj), read as one name of type typ
	// (英国BBC, 米国デラウェア大学, エジプト・トルコ・イラク; countryLead), and returns where the name
	// starts after them.
	leadCountries := func(ti, tj int, typ string, conf float64, rule string) int {
		for k := x.countryLead(s.toks, ti, tj, typ); k > ti; k = x.countryLead(s.toks, ti, tj, typ) {
			if c := add(ti, ti+1, Country, conf, rule); c != nil {
				c.gaz = x.gaz.lookupNorm(s.toks[ti].surf)
			}
			ti = k
		}
		return ti
	}
	toks := s.toks
	// personBeforePlace adds the person of a foreign name read together with the country, place
	// or body whose post follows at tj (ジョン・ゼフィラ・トルコ|首相, ジョン・ゼフィラ・北浜中央銀行|
	// 総裁; namePlaceDot), the post its title, and returns the token the country, place or body
	// starts at; ti when the name is no such run.
	personBeforePlace := func(ti, tj int, conf float64, rule string) int {
		n := x.titleAt(toks, tj)
		if n == 0 {
			return ti
		}
		d := x.namePlaceDot(toks, ti, tj)
		if d == 0 {
			return ti
		}
		if p := add(ti, d, Person, conf, rule); p != nil {
			p.title = joinTokens(toks[d+1 : tj+n])
		}
		return d + 1
	}

	// The trained model: typed spans learnt from annotated sentences. Each span's parts are
	// made in partsBuf, which the next span reuses.
	var partsBuf [][2]int
	for _, sp := range x.nerSpans(s) {
		// A span that fills its brackets (「X」, maybe with the closing bracket: 「X」) is a
		// title, a name quoted whole: its words, spaces and conjunctions are the name's
		// (「ABCの旅 XとY」).
		title := false
		partsBuf = append(partsBuf[:0], [2]int{sp.i, sp.j})
		parts := partsBuf
		if sp.j-sp.i >= 2 && quoteClose(toks[sp.j-1].surf) && fillsBrackets(toks, sp.i, sp.j-1) {
			parts[0][1]--
		}
		if title = x.quotedTitle(toks, parts[0][0], parts[0][1]); title {
			parts = x.splitAtConjunction(toks, parts, sp.typ)
		} else {
			parts = x.splitAtConjunction(toks, splitAtScriptSpace(toks, sp.i, sp.j, partsBuf[:0]), sp.typ)
			parts = splitAtOpenParen(toks, parts)
		}
		for _, part := range parts {
			typ := sp.typ
			// A span that runs over a topic particle or が/を (XもY, XがY) ends before it: the
			// name is the words before; what the model read the whole as says little of it. A
			// title that fills its brackets (『…を待ちながら』) keeps its words; the start of a
			// quote (「XもYは…」) does not.
			bracketed := part[0] > 0 && (toks[part[0]-1].surf == "「" || toks[part[0]-1].surf == "『") &&
				part[1] < len(toks) && (toks[part[1]].surf == "」" || toks[part[1]].surf == "』")
			cut := false
			for k := part[0] + 1; k < part[1] && !bracketed; k++ {
				if t := &toks[k]; t.particle() && (t.pos[1] == "係助詞" || t.surf == "が" || t.surf == "を") {
					part[1], cut = k, true
					if c := &toks[part[0]]; c.proper() && c.pos[2] == "組織" {
						typ = Organization
						if c.cls == clsKatakana {
							typ = Firm
						}
					}
					break
				}
			}
			if cut && !slices.ContainsFunc(toks[part[0]:part[1]], func(t token) bool { return t.proper() || !t.known }) {
				continue // 「目標は…」: the words before the particle are common words, no name
			}
			ti, tj := part[0], part[1]
			if !title {
				ti, tj = x.trimSpan(toks, ti, tj)
			}
			if tj-ti >= 3 && tj+1 < len(toks) && toks[tj].surf == "." && toks[tj-1].cls == clsDigit && toks[tj+1].cls == clsDigit &&
				toks[ti].cls == clsLatin && toks[tj-2].surf == " " {
				// Gemini 1|.5 Pro: a name the model cut at a version's decimal point goes on to
				// the end of its Latin run.
				tj += 2
				for tj+1 < len(toks) && toks[tj].surf == " " && latinName(&toks[tj+1]) && !x.lex.isGeneric(toks[tj+1].surf) {
					tj += 2
				}
			}
			// Blu-|rayDisc, Kiss|-FM: a name the model cut at a hyphen between letters takes the
			// words the hyphen joins.
			for ti >= 2 && ti < tj && x.hyphenJoins(toks, ti-1) {
				ti -= 2
			}
			for ti < tj && x.hyphenJoins(toks, tj) {
				tj += 2
			}
			if ti > 0 && ti < tj && paperWord(&toks[ti-1]) &&
				(toks[ti].cls == clsKatakana || toks[ti].cls == clsLatin) {
				typ = Firm // 英紙|X, 米|紙|X: a newspaper
			}
			if tj > ti && tj < len(toks) && newspaperSuffix(toks[tj].surf) && toks[tj].noun() {
				// A name the model ended before a newspaper's word (北東|新報, 西海|タイムズ): the
				// newspaper.
				tj++
				typ = Firm
			}
			if tj-ti >= 2 && toks[tj-1].surf == "社" && toks[tj-2].pos[1] == "数" {
				continue // 国内3社: a count of companies, not a name
			}
			if tj-ti >= 2 && (toks[tj-1].surf == "株" || toks[tj-1].surf == "株式") {
				tj-- // 東西電機株: the company's shares, named by the company
			}
			if tj-ti >= 2 && (typ == Firm || typ == Organization) && groupPost(x, toks, tj-1) {
				typ, tj = Person, tj-1 // 山田|グループ|ディレクター: the person (groupPost)
			}
			if typ != Person && toks[ti].pos[2] == "人名" && (toks[ti].pos[3] == "姓" || toks[ti].pos[3] == "一般") && x.postAt(toks, tj) {
				// 山田|幸三|日本|南町|協会|専務理事: a person's name, the body and the person's post
				// read as one name; the person is named first, the body after.
				k := ti
				for k < tj && toks[k].pos[2] == "人名" {
					k++
				}
				// A surname and a given name, or one dictionary word of a whole name (a ring name).
				// The body's first word is no single character, which may still be the name's.
				full := k-ti >= 2 && toks[ti].pos[3] == "姓" && toks[k-1].pos[3] == "名" ||
					k-ti == 1 && toks[ti].pos[3] == "一般" && utf8.RuneCountInString(toks[ti].surf) >= 3
				if full && toks[ti].cls != clsKatakana && k < tj && toks[k].noun() && utf8.RuneCountInString(toks[k].surf) >= 2 {
					if p := add(ti, k, Person, confNER, "ner"); p != nil {
						p.title = joinTokens(toks[k:tj]) + joinTokens(toks[tj:tj+max(x.titleAt(toks, tj), 1)])
					}
					ti = k
				}
			}
			if typ == Person && tj-ti >= 3 && tj < len(toks) && (x.titleAt(toks, tj) > 0 || x.postAt(toks, tj)) {
				// 山田|太郎|ソニー|名誉会長: a name in kanji ending in a given name, then a company
				// the dictionary names, then the person's post, read as one person: the person,
				// then the company. The name may start with a word the dictionary does not call a
				// name (a first kanji read as a common word before the surname's).
				k := ti + 1
				for k < tj && toks[k].cls == clsKanji && !(toks[k].proper() && toks[k].pos[2] == "組織") {
					k++
				}
				// The company has two code points or more: one after a given name (山田|健|也) is
				// the name's last character.
				if k-ti >= 2 && k < tj && toks[k-1].pos[2] == "人名" && toks[k-1].pos[3] == "名" && toks[ti].cls == clsKanji &&
					slices.ContainsFunc(toks[ti:k-1], func(t token) bool { return t.pos[2] == "人名" && t.pos[3] == "姓" }) &&
					utf8.RuneCountInString(joinTokens(toks[k:tj])) >= 2 &&
					!slices.ContainsFunc(toks[k:tj], func(t token) bool { return !t.proper() || t.pos[2] != "組織" }) {
					add(ti, k, Person, confNER, "ner")
					ti, typ = k, Firm
				}
			}
			if tj-ti >= 2 && typ != Person && tj < len(toks) {
				// ジョン・ゼフィラ|下院|議員, ジョン・ゼフィラ|英|下院|議員: the first words of a
				// title after a foreign name (a katakana name of parts joined by ・) read into
				// it; the name is a person's.
				for k := ti + 1; k < tj; k++ {
					// The title may have a standing (元, 前) and a country (英|下院議員,
					// 前|ペルー|首相) before it.
					j := k
					if t := toks[j].surf; j+1 < len(toks) && (t == "元" || t == "前" || t == "現") {
						j++
					}
					if g := x.gaz.lookupNorm(toks[j].surf); j+1 < len(toks) && (x.gaz.abbrev[toks[j].surf] != nil || g != nil && g.typ == Country) {
						j++
					}
					if n := x.titleAt(toks, j); n == 0 || j+n <= tj {
						continue
					}
					if strings.Contains(joinTokens(toks[ti:k]), "・") &&
						!slices.ContainsFunc(toks[ti:k], func(t token) bool { return t.cls != clsKatakana && t.surf != "・" }) {
						typ, tj = Person, k
					}
					break
				}
			}
			if k := personBeforePlace(ti, tj, confNER, "ner"); k > ti {
				// A foreign name, ・ and the country, place or body whose post follows, read as
				// one name: the person, then the country, place or body.
				ti = k
				if g := x.gaz.lookupNorm(joinTokens(toks[ti:tj])); g != nil {
					typ = g.typ
				} else if typ == Person {
					typ = Location
					if t := x.suffixTypeOf(joinTokens(toks[ti:tj])); t != "" {
						typ = t
					}
				}
			}
			if tj-ti >= 2 && (typ == Location || typ == Country) && placeTail(toks[tj-1].surf) && !(ti > 0 && (toks[ti-1].surf == "「" || toks[ti-1].surf == "『")) {
				// 日本市場, 日本円: a market or a currency of the place. The place is named when
				// the gazetteer knows it or the dictionary calls it a place; else nothing is
				// (日米市場). A name in brackets (「東西市場」) is the name.
				g := x.gaz.lookup(joinTokens(toks[ti : tj-1]))
				switch {
				case g != nil && (g.typ == Country || g.typ == Location):
					typ, tj = g.typ, tj-1
				case tj-ti == 2 && toks[ti].proper() && toks[ti].pos[2] == "地域":
					tj--
				default:
					continue
				}
			}
			// 英半導体設計(大手)X: a country's abbreviation and the common words of a company
			// cue describing the company after them; the country is the name.
			if tj-ti >= 2 && x.gaz.abbrev[toks[ti].surf] != nil && toks[ti].proper() && toks[ti].pos[3] == "国" &&
				!slices.ContainsFunc(toks[ti+1:tj], func(t token) bool { return !t.known || t.proper() || !t.noun() || t.cls == clsLatin }) &&
				x.firmCueRun(toks, ti+1) {
				if c := add(ti, ti+1, Country, confNER, "ner"); c != nil {
					c.gaz = x.gaz.abbrev[toks[ti].surf]
				}
				continue
			}
			// 仏アルストム, 米IBM, 米紙X: a country's abbreviation before a name (or before 紙,
			// a newspaper) is the country.
			if tj-ti >= 2 && x.gaz.abbrev[toks[ti].surf] != nil && (toks[ti+1].cls == clsKatakana || toks[ti+1].cls == clsLatin ||
				tj-ti >= 3 && toks[ti+1].surf == "紙" && toks[ti+1].pos[1] == "接尾") {
				if c := add(ti, ti+1, Country, confNER, "ner"); c != nil {
					c.gaz = x.gaz.abbrev[toks[ti].surf]
				}
				ti++
				if toks[ti].surf == "紙" {
					ti++
					typ = Firm
				}
			}
			// 英国BBC, 米国フロリダ州, アメリカ・ニューヨーク, エジプト・トルコ・イラク: a country's
			// name before a place, or before a company's name, is the country.
			if k := leadCountries(ti, tj, typ, confNER, "ner"); k > ti {
				ti = k
				if g := x.gaz.lookupNorm(joinTokens(toks[ti:tj])); g != nil && g.typ == Country {
					typ = Country
				} else if typ == Country {
					typ = Location
				}
			}
			if tj < part[1] && !slices.ContainsFunc(toks[ti:tj], func(t token) bool { return t.pos[2] != "人名" }) {
				typ = Person // a title's words cut from a personal name (溝上恵|東京大学名誉教授)
			}
			if tj < part[1] && x.placePost(toks[part[1]-1].surf) && slices.ContainsFunc(toks[ti:tj], func(t token) bool { return t.pos[2] == "人名" }) {
				typ = Person // a place's post cut from a name (山田太郎・北東県知事)
			}
			// 南山|通販や: a company's name that the model ends before its trade word, the last
			// word of the name, takes it.
			// After a company cue (通販大手・南山|通販) the model's place is the company too.
			cued := ti >= 2 && (toks[ti-1].surf == "・" || toks[ti-1].surf == "の") && x.lex.firmCue[toks[ti-2].surf]
			if (typ == Firm || typ == Location && cued) && tj == part[1] && tj+1 < len(toks) && x.lex.industry[toks[tj].surf] &&
				(toks[tj+1].particle() || toks[tj+1].symbol()) && !slices.ContainsFunc(toks[ti:tj], func(t token) bool { return !t.proper() }) {
				typ, tj = Firm, tj+1
			}
			m := add(ti, tj, typ, confNER, "ner")
			if m == nil {
				continue
			}
			m.typ = x.suffixType(toks, m)
			if m.typ == Person && x.firmBeforeDot(m.text) {
				m.typ = Firm // 東西・南町モビリティ: a company's name first, no person's
			}
			if m.typ == Location && tj-ti >= 2 && x.lex.industry[toks[tj-1].surf] && (!slices.ContainsFunc(toks[ti:tj-1], func(t token) bool { return !t.proper() || t.pos[2] != "地域" && t.pos[2] != "人名" }) ||
				toks[ti].proper() && toks[ti].pos[2] == "地域" && !slices.ContainsFunc(toks[ti+1:tj-1], func(t token) bool { return t.pos[0] != "名詞" || t.pos[1] == "接尾" || t.pos[1] == "数" })) {
				// 南山|電子: a place's name and a trade name a company; so do a place, a
				// name the dictionary cuts into common words and a trade (上海|南|町|食品).
				m.typ = Firm
			}
			if m.typ != Person && x.foreignNameBeforePost(toks, ti, tj) {
				m.typ = Person // ジョン・スミス米国務長官: a foreign name with a post after it
			}
			// A one-character abbreviation of a country (米, 中, 日) tagged as a place is that
			// country: 米中貿易摩擦 names the United States and China.
			if e := x.gaz.abbrev[m.text]; e != nil && (m.typ == Location || m.typ == Country) {
				m.gaz, m.typ = e, e.typ
			}
		}
	}

	// Gazetteer: the longest token-aligned match at each position.
	for _, g := range s.gazMatches(x) {
		best, entry := g.j, g.entry
		// A katakana name inside a longer katakana word is a part of another name (フォード in
		// ウッドフォード), not that name.
		if toks[g.i].cls == clsKatakana && (katakanaWord(toks, g.i-1) || katakanaWord(toks, g.j)) {
			continue
		}
		// A place name takes its administrative suffix along: 横浜市, 福岡県.
		suffixed := false
		if (entry.typ == Location || entry.capital != "") && best < len(toks) && toks[best].pos[1] == "接尾" {
			if _, ok := x.lex.locSfx[toks[best].surf]; ok {
				best++
				suffixed = true
			}
		}
		if suffixed && entry.capital != "" {
			// A capital with its suffix is the city or prefecture and its own government
			// (東京都, 北京市), never the country the bare name can stand for.
			add(g.i, best, Location, confGazetteer, "suffix")
			continue
		}
		if m := add(g.i, best, entry.typ, confGazetteer, "gazetteer"); m != nil {
			m.gaz = entry
		}
	}

	// Persons: a name right before an honorific or a title (山田氏, 豊田社長, Alexander Harrowell 氏).
	var titles [][2]int  // the titles' tokens, which name no one (上院 in 上院議員)
	var named []*mention // persons before a title whose names the dictionary knows (川村俊夫)
	for i := range toks {
		title, strong := x.personTitle(toks, i)
		if title == 0 || strong && inWorkTitle(toks, i) {
			continue
		}
		end, at := i, i // the name's end, and the title's start
		if !strong && unitPlaceBefore(toks, i) {
			end, at = i-2, i-1 // 山田太郎|東京|都|知事: the person, then the place and its post
		}
		if !strong && end >= 2 && toks[end-1].surf == "・" && toks[end-2].cls == clsKanji {
			end-- // 山田太郎・会長兼社長
		}
		ti := x.nameRunBefore(toks, end, strong)
		if ti < 0 && !strong {
			ti = x.officerNameBefore(toks, end, joinTokens(toks[i:i+title]))
		}
		if ti < 0 {
			continue
		}
		if !strong && end-ti == 1 && x.organisationName(&toks[ti]) {
			continue // ポルシェ社長, 東西銀行頭取: the company's president, not a person called so
		}
		if !strong && x.postOfNext(toks, i+title) {
			continue // X最高経営責任者の山田太郎氏: the post is the person's named next, X its body
		}
		name := x.nameEnd(toks, ti, end)
		conf := confTitle
		if strong {
			conf = confHonorific
		}
		if m := add(ti, name, Person, conf, "honorific"); m != nil {
			from := name
			if from < end && toks[from].surf == "・" {
				from++ // ジョン・ゼフィラ|・|トルコ|首相: the ・ is no part of the title
			}
			m.title = joinTokens(toks[from:end]) + joinTokens(toks[at:i+title])
			titles = append(titles, [2]int{i, i + title})
			if end-ti >= 2 && slices.ContainsFunc(toks[ti:end], func(t token) bool { return t.pos[2] == "人名" }) {
				named = append(named, m)
			}
		}
	}

	// Runs of proper nouns: persons (姓 名), places, countries, organisations.
	for i := 0; i < len(toks); {
		if !toks[i].proper() || toks[i].cls == clsLatin {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].proper() && toks[j].cls != clsLatin && toks[j].pos[2] == toks[i].pos[2] {
			j++
		}
		// A katakana name the dictionary found inside a longer katakana word (アレン|ジャー,
		// プレ|ー) is a piece of that word; a currency after a country (アメリカ|ドル) is not.
		if toks[i].cls == clsKatakana && (katakanaWord(toks, i-1) || katakanaWord(toks, j) && !placeTail(toks[j].surf)) {
			i = j
			continue
		}
		switch toks[i].pos[2] {
		case "人名":
			// A person needs a family and a given name, or two characters at least.
			if j-i >= 2 || len([]rune(toks[i].surf)) >= 3 {
				add(i, j, Person, confProper-0.1, "proper")
			}
		case "地域":
			typ := Location
			if toks[i].pos[3] == "国" {
				typ = Country
			}
			// One character alone is a country's abbreviation (英首相, 米軍), but not after 全
			// (全英, all of it: a national scope), nor one that is no country's (a piece of a
			// word the dictionary cut: 威|迫, 曽|祖父) unless a unit's word follows (柏|市内).
			if j == i+1 && utf8.RuneCountInString(toks[i].surf) == 1 &&
				(typ != Country && !(j < len(toks) && adminUnit([]rune(toks[j].surf)[0])) || i > 0 && toks[i-1].surf == "全") {
				break
			}
			if m := add(i, j, typ, confProper, "proper"); m != nil && typ == Country && m.gaz == nil {
				// アメリカ|ドル: the country the gazetteer's match, inside a longer katakana
				// word, gave up.
				if g := x.gaz.lookup(m.text); g != nil && g.typ == Country {
					m.gaz = g
				}
			}
		case "組織":
			// The dictionary's organisations in katakana are companies (ソニー, ホンダ); in
			// kanji they are parties, agencies and schools as often (自民党, 警視庁, 東大).
			typ := Organization
			if toks[i].cls == clsKatakana {
				typ = Firm
			}
			// One word of the dictionary that ends in an organisation's suffix (東京大学,
			// 上智大学) is typed by it, as the suffix rule types the names it ends.
			rule, conf := "proper", confProper-0.1
			if j == i+1 && toks[i].cls == clsKanji && x.endsInBodySuffix(toks[i].surf) {
				typ, rule, conf = Organization, "suffix", confSuffix
			}
			add(i, j, typ, conf, rule)
		}
		i = j
	}

	// Organisation and place suffixes: 東京大学, 国家…管理局, 中国平安証券, 川崎市.
	for i := 1; i < len(toks); i++ {
		typ, weak, n := x.orgSuffix(toks, i)
		if typ == "" {
			continue
		}
		if toks[i].surf == "社" && toks[i-1].pos[1] == "数" {
			continue // 3社, 数社: a count of companies
		}
		_, place := x.lex.locSfx[toks[i].surf]
		ti := i
		// A katakana role before the suffix names the profession of the body's members
		// (…ジャーナリスト組合, …アナリスト協会), not a post.
		for ti > 0 && nameToken(&toks[ti-1]) && i-ti < 6 && (!x.stopsName(&toks[ti-1]) || toks[ti-1].cls == clsKatakana && x.roleWord(toks[ti-1].surf)) && !withinWord(&toks[ti-1]) {
			// A person's name before a place (山田太郎|東京|都|知事): the place's name starts after
			// it; a governor's place is one word, maybe after a one-character prefix
			// (北|スマトラ|州|知事), not after a surname (小池|東京|都|知事, 加戸|愛媛|県|知事).
			if place && (toks[ti-1].pos[2] == "人名" && toks[ti].proper() && toks[ti].pos[2] == "地域" ||
				ti < i && len(toks[ti-1].surf) > 3 && unitPlaceBefore(toks, i+1)) {
				break
			}
			// A person's name before a body and a post (山田幸三|日本|南町|協会|専務理事): the body's
			// name starts after it.
			if ti < i && ti >= 2 && toks[ti-1].pos[2] == "人名" && toks[ti-1].pos[3] == "名" && toks[ti-2].pos[3] == "姓" && toks[ti].pos[2] != "人名" &&
				utf8.RuneCountInString(toks[ti].surf) >= 2 && x.postAt(toks, i+n) {
				break
			}
			// A date before a name (6月|千住|署, 10日|北浜|大学) is no part of it.
			if w := toks[ti-1].surf; (w == "年" || w == "月" || w == "日") && ti >= 2 && toks[ti-2].pos[1] == "数" {
				break
			}
			// A symbol joins only katakana (サウス・…): 下関駅-門司駅 and 市・市 are lists.
			if t := &toks[ti-1]; t.symbol() && !(t.surf == "・" && ti >= 2 && toks[ti-2].cls == clsKatakana && toks[ti].cls == clsKatakana) {
				break
			}
			// A company cue before a name describes it (通信会社アイピー社, 鉱山会社Majescor社);
			// before common words it is part of the name (企業再生支援機構, 新聞労働組合).
			if t := &toks[ti-1]; ti < i && x.lex.firmCue[t.surf] && !t.proper() && (ti < 2 || toks[ti-2].surf != "株式") &&
				slices.ContainsFunc(toks[ti:i], func(t token) bool { return t.proper() || t.cls == clsLatin || t.cls == clsKatakana && !t.known }) {
				break
			}
			ti--
		}
		hira := false
		if typ == Firm && (ti == i || classOfString(joinTokens(toks[ti:i])) == clsHiragana) {
			if h := hiraganaName(toks, ti, i); h >= 0 {
				ti, hira = h, true
			}
		}
		if ti == i {
			continue
		}
		// A personal name before 党 and a post (山田太郎党委員長, 山田党最高顧問) is the person
		// with the party's post, not a party named after them.
		if toks[i].surf == "党" && n == 1 && slices.ContainsFunc(toks[max(ti, i-2):i], func(t token) bool { return t.pos[2] == "人名" }) && x.postAt(toks, i+1) {
			continue
		}
		// So is a name before a group's or a team's post (groupPost).
		if n == 1 && groupPost(x, toks, i) {
			continue
		}
		nameish := func(t token) bool {
			return (t.proper() || t.cls == clsLatin || (t.cls == clsKatakana && !t.known)) && !x.lex.isGeneric(t.surf)
		}
		properish := slices.ContainsFunc(toks[ti:i], nameish)
		if weak && !properish && !hira && !x.headedBy(toks, i+n) {
			continue
		}
		if typ == Firm && x.gaz.abbrev[toks[ti].surf] != nil && !slices.ContainsFunc(toks[ti+1:i], nameish) {
			// 米|半導体, 英|自動車 (大手), 米|投資|ファンド: a country's industry or a kind of
			// company, no company's name.
			continue
		}
		// A strong suffix after one common word is a description (実行委員会, 当該局); after two
		// or more (南洋理工大学) or a name (天津師範大学) it names an institution.
		if !weak && !properish && i-ti < 2 && !x.headedBy(toks, i+n) && !ministry(toks, ti, i) {
			continue
		}
		conf := confSuffix
		if weak {
			conf = confWeakSfx
		}
		switch {
		case legalForm(toks[ti].surf) || (i+n < len(toks) && legalForm(toks[i+n].surf)):
			// A company's legal form makes it a company whatever its last word
			// (株式会社…研究所, …協会株式会社).
			typ = Firm
		case typ == Organization && n == 1 && toks[i].surf == "省" && toks[i-1].proper() && toks[i-1].pos[2] != "組織":
			// 省 after a proper name is a province (四川省, 湖南省), after a common word a
			// ministry (財務省, 商務省, 経産省).
			typ = Location
		case typ == Location && n == 1 && governmentOffice(toks, ti, i+1):
			// 府 after a proper name is a prefecture (大阪府), after a common word a government
			// office (内閣府, 総理府).
			typ = Organization
		}
		if i-ti >= 2 && x.gaz.abbrev[toks[ti].surf] != nil && (toks[ti+1].cls == clsKatakana || toks[ti+1].cls == clsLatin) {
			// 米ゼフィラ社: the country, then the company.
			if c := add(ti, ti+1, Country, confSuffix, "suffix"); c != nil {
				c.gaz = x.gaz.abbrev[toks[ti].surf]
			}
			ti++
		}
		// ジョン・ゼフィラ・北浜中央銀行総裁, ジョン・ゼフィラ・チューリンゲン州首相: the person,
		// then the body or place whose post follows.
		ti = personBeforePlace(ti, i+n, confSuffix, "suffix")
		// 米国デラウェア大学, 韓国KBS放送, アメリカ・ハワイ州: the country, then the name.
		ti = leadCountries(ti, i+n, typ, confSuffix, "suffix")
		add(ti, i+n, typ, conf, "suffix")
	}

	// Laws named where the text applies them (X法違反, X法に基づく, X法の施行): the run of
	// nouns that ends in 法, as lawNames reads it.
	for i := 1; i+1 < len(toks); i++ {
		if toks[i].surf != "法" || toks[i].pos[1] != "接尾" {
			continue
		}
		switch next := toks[i+1].surf; {
		case next == "違反", next == "に" && i+2 < len(toks) && strings.HasPrefix(toks[i+2].surf, "基づ"),
			next == "の" && i+2 < len(toks) && (toks[i+2].surf == "施行" || toks[i+2].surf == "改正" || toks[i+2].surf == "規定"):
		default:
			continue
		}
		k := i
		for k > 0 && i-k < 5 && lawWord(&toks[k-1]) {
			k--
		}
		if i-k >= 1 && utf8.RuneCountInString(joinTokens(toks[k:i])) >= 2 {
			add(k, i+1, Event, confSuffix-0.1, "law")
		}
	}

	// A katakana name cited as a source (アオバプレスによると, ボイス・オブ・X によれば), even when
	// no other rule knows the name: mostly an outlet or a company. Common words (サイト,
	// プレスリリース) are none.
	for i := 1; i+1 < len(toks); i++ {
		if !accordingToAt(toks, i) {
			continue
		}
		k := i
		for k > 0 && i-k < 6 && (toks[k-1].cls == clsKatakana || toks[k-1].surf == "・") {
			k--
		}
		if k == i || toks[k].surf == "・" || k > 0 && (toks[k-1].cls == clsKanji || toks[k-1].cls == clsLatin || toks[k-1].cls == clsDigit) {
			continue // no katakana, or the end of a longer name the other rules read
		}
		text := joinTokens(toks[k:i])
		if !slices.ContainsFunc(toks[k:i], func(t token) bool { return !t.known || t.proper() }) ||
			text == "ウェブ" || strings.HasSuffix(text, "サイト") || strings.HasSuffix(text, "ページ") {
			continue // common words (プレスリリース, ウェブサイト)
		}
		add(k, i, Firm, confWeakSfx, "source")
	}

	// Names introduced by a company cue: 電池メーカーの青葉エナジー, 企業である…, スタートアップ、….
	for i := 0; i+1 < len(toks); i++ {
		// kindFirst holds the first code points of the cue words: most nouns begin none. The
		// cue may be two of the dictionary's words (スタート|アップ).
		if !toks[i].noun() || toks[i].surf == "紙" && toks[i].pos[1] != "接尾" { // 紙の百科事典: paper, not a newspaper
			continue
		}
		if !(x.kindFirst.hasFirst(toks[i].surf) && x.lex.firmCue[toks[i].surf]) &&
			!(i > 0 && toks[i-1].noun() && x.kindFirst.hasFirst(toks[i-1].surf) && x.lex.firmCue[toks[i-1].surf+toks[i].surf]) {
			continue
		}
		j := i + 1
		switch {
		case toks[j].surf == "の" || toks[j].surf == "、":
			j++
		case toks[j].surf == "で" && j+1 < len(toks) && toks[j+1].surf == "ある":
			j += 2
		case toks[j].surf == "・" && i > 0 && (toks[i-1].verb() || toks[i-1].aux() || toks[i-1].surf == "の") && j+1 < len(toks) && toks[j+1].cls != clsLatin:
			// The cue and the name in apposition after what describes the company (倉庫を運営する
			// 会社・港湾物流, 北海グループの会社・港湾物流), not in a list (企業・団体・個人).
			j++
		case toks[j].proper() && toks[j].pos[2] != "人名" && j+1 < len(toks) && toks[j+1].noun() || toks[j].cls == clsKatakana && !toks[j].known:
			// The cue right before the name (企業北山ソフトウェア, 電池メーカー北斗エナジー).
		default:
			continue
		}
		for j < len(toks) && toks[j].surf == " " {
			j++
		}
		if j < len(toks) && toks[j].cls == clsLatin {
			continue // a Latin name is whole only as a Latin run (Kraftwagen Werke)
		}
		k := j
		for k < len(toks) && k-j < 5 && (toks[k].noun() || toks[k].surf == "・" || kanjiInName(toks, k)) && toks[k].pos[1] != "非自立" &&
			toks[k].pos[1] != "代名詞" && toks[k].pos[1] != "数" && !x.stopsName(&toks[k]) {
			k++
		}
		// 企業のX株: the company's shares, named by the company's name.
		if k-1 > j && (toks[k-1].surf == "株" || toks[k-1].surf == "株式") {
			k--
		}
		// One common word is a description (企業の製品), and so are common kanji words with a
		// verbal noun or a suffix among them (企業の従業員, 企業の売上高, 企業の研究結果); a name has a
		// proper, unknown or foreign word (日刊スポーツ) or is made of plain nouns (北斗半導体).
		// After the cue and ・ (会社・北山通信), the words are a name whatever they are made of.
		if k == j+1 && toks[j].known && !toks[j].proper() ||
			toks[j-1].surf != "・" && !slices.ContainsFunc(toks[j:k], func(t token) bool { return t.proper() || !t.known || t.cls != clsKanji }) &&
				slices.ContainsFunc(toks[j:k], func(t token) bool { return t.pos[1] != "一般" }) {
			continue
		}
		if k < len(toks) {
			_, title := x.lex.title[toks[k].surf]
			_, role := x.lex.role[toks[k].surf]
			if title || role {
				continue // …グループの孫正義会長: a name with a post after it is a person's
			}
		}
		if toks[j-1].surf == "・" && (k < len(toks) && toks[k].surf == "・" || slices.ContainsFunc(toks[j:k], func(t token) bool { return t.surf == "・" })) {
			continue // a list of kinds (企業・大学・研究機関)
		}
		if k > j && slices.ContainsFunc(toks[j:k], func(t token) bool { return t.cls == clsKanji || t.cls == clsKatakana || t.cls == clsLatin }) {
			if c := add(j, k, Firm, confSuffix-0.1, "cue"); c != nil {
				cue, before := toks[i].surf, i-1
				if i > 0 && x.lex.firmCue[toks[i-1].surf+cue] {
					cue, before = toks[i-1].surf+cue, i-2
				}
				switch cue {
				case "企業", "メーカー", "スタートアップ", "大手", "子会社", "親会社":
					// (…銀行の呉金川: a bank's person; 台湾銀行 is a name, not a kind.)
					c.kindCue = before < 0 || toks[before].known && !toks[before].proper() || x.lex.isGeneric(toks[before].surf)
				}
			}
		}
	}

	// Companies counted after a list of their names: A、B、Cの3社, AとBの2社, the count that of
	// the names. A name so listed that no other rule reads (a Chinese firm's kanji, 東方微電子)
	// is a company.
	for i := 3; i+1 < len(toks); i++ {
		if toks[i].surf != "社" || toks[i].pos[2] != "助数詞" || toks[i-1].pos[1] != "数" || toks[i-2].surf != "の" || toks[i+1].noun() {
			continue
		}
		n := smallCount(toks[i-1].surf)
		if n < 2 {
			continue
		}
		var items [][2]int
		for end := i - 2; end > 0 && len(items) < n; {
			k := end
			for k > 0 && end-k < 5 && (toks[k-1].noun() || toks[k-1].pos[0] == "接頭詞" && k < end) && toks[k-1].pos[1] != "数" &&
				toks[k-1].pos[1] != "非自立" && toks[k-1].pos[1] != "代名詞" && toks[k-1].surf != "同" {
				k--
			}
			if k == end || k > 0 && (toks[k-1].noun() || toks[k-1].surf == "同") {
				break // not a whole name of nouns (nor 同市営地下鉄, the city's named before)
			}
			items = append(items, [2]int{k, end})
			if k < 2 || toks[k-1].surf != "、" && toks[k-1].surf != "と" && toks[k-1].surf != "や" {
				break
			}
			end = k - 1
		}
		if len(items) != n {
			continue
		}
		for _, it := range items {
			k, end := it[0], it[1]
			if slices.ContainsFunc(toks[k:end], func(t token) bool { return t.pos[2] == "地域" || t.pos[2] == "人名" }) ||
				end == k+1 && toks[k].known && !toks[k].proper() {
				continue // a place or a person named, or one common word: other rules read them
			}
			if r := utf8.RuneCountInString(joinTokens(toks[k:end])); r >= 2 && r <= 12 {
				add(k, end, Firm, confWeakSfx, "cue")
			}
		}
	}

	// A katakana name the dictionary cuts into common words, before の and a word for the people a
	// company employs (ブルー|ウイングの社員, 元ブルー|ウイングの副操縦士): the company.
	for i := 2; i+1 < len(toks); i++ {
		if toks[i].surf != "の" || !x.employeeAt(toks, i+1) {
			continue
		}
		j := i
		for j > 0 && toks[j-1].cls == clsKatakana && toks[j-1].noun() && !toks[j-1].proper() {
			j--
		}
		if i-j < 2 || j > 0 && (toks[j-1].noun() || toks[j-1].cls == clsKatakana || toks[j-1].surf == "・") {
			continue
		}
		add(j, i, Firm, confSuffix-0.1, "employer")
	}

	// Latin names: capitalised words joined by single spaces (360 Security Technology).
	for i := 0; i < len(toks); {
		if !latinName(&toks[i]) {
			i++
			continue
		}
		j := i + 1
		for {
			if j+1 < len(toks) && toks[j].surf == " " && latinName(&toks[j+1]) && !x.lex.isGeneric(toks[j+1].surf) {
				j += 2
				continue
			}
			// A hyphen between letters joins the words (Blu-ray Disc, Wi-Fi, T-Mobile).
			if x.hyphenJoins(toks, j) {
				j += 2
				continue
			}
			// A version's decimal point joins its digits (Gemini 1.5 Pro).
			if j+1 < len(toks) && toks[j].surf == "." && toks[j-1].cls == clsDigit && toks[j+1].cls == clsDigit {
				j += 2
				continue
			}
			// An initial's period joins the words around it (George W. Bush).
			if j+2 < len(toks) && toks[j].surf == "." && initial(&toks[j-1]) && toks[j+1].surf == " " && latinName(&toks[j+2]) {
				j += 3
				continue
			}
			break
		}
		// Letters written against a number (EMU100, ABC7型) are a code, one word with it: the
		// letters alone name nothing (the model reads the whole when it is a name).
		if j < len(toks) && toks[j].cls == clsDigit {
			i = j
			continue
		}
		// A lone generic word is no name; generic words at the edges of a run are cut.
		ti, tj := i, j
		for ti < tj && x.lex.isGeneric(toks[ti].surf) {
			ti += 2
		}
		// One or two letters (C, EC, kW) are initials, units and abbreviations far more often
		// than names; the gazetteer knows the short names that are (LG, HP).
		if ti < tj && (tj-ti > 1 || utf8.RuneCountInString(toks[ti].surf) >= 3) {
			add(ti, tj, Firm, confLatin, "latin")
		}
		i = j
	}

	// Katakana names joined by ・ (ノース・パシフィック・タイムズ), and unknown katakana words.
	for i := 0; i < len(toks); {
		if toks[i].cls != clsKatakana || toks[i].surf == "・" {
			i++
			continue
		}
		j := i + 1
		dots := strings.Count(toks[i].surf, "・")
		for {
			// The dictionary cuts long katakana words (ウッド|フォード): the run goes on.
			for j < len(toks) && toks[j].cls == clsKatakana && toks[j].surf != "・" {
				j++
			}
			if j+1 < len(toks) && toks[j].surf == "・" && toks[j+1].cls == clsKatakana {
				j += 2
				dots++
				continue
			}
			break
		}
		// Common words the dictionary knows, joined by ・ (デジタル・カメラ, テレビ・ラジオ), are a
		// term or a list, not a foreign person's name: a name has a word the dictionary does not
		// know or knows as a name, or ends in a body's or an outlet's word (…・リーグ, …・タイムズ)
		// or before 紙, 誌 or 社, or its Latin short form or original in parentheses (インターネット・
		// リレー・チャット(IRC), SolarWing(ソーラー・ウイング)), or a word right before it says what
		// kind of thing it names (首都ポート・ソレイユ, 企業デジタル・アーク), or it goes on a Latin
		// word (Zetaニュース・エージェンシー).
		named := slices.ContainsFunc(toks[i:j], func(t token) bool { return t.surf != "・" && (!t.known || t.proper()) }) ||
			x.lex.nameSuffix(toks[j-1].surf) || x.lex.isOutlet(joinTokens(toks[i:j])) ||
			j < len(toks) && (toks[j].surf == "紙" || toks[j].surf == "誌" || toks[j].surf == "社") ||
			j+1 < len(toks) && toks[j].surf == "(" && toks[j+1].cls == clsLatin ||
			i >= 2 && toks[i-1].surf == "(" && toks[i-2].cls == clsLatin ||
			i > 0 && (kindBefore(x, &toks[i-1]) || toks[i-1].cls == clsLatin)
		// A role of words joined by ・ (チーフ・ストラテジスト) is no one's name.
		if dots > 0 && named && !x.roleWord(joinTokens(toks[i:j])) {
			add(i, j, Person, confKatakana, "katakana")
		}
		// A katakana word the dictionary does not know after the kind of company it is and の
		// (投資ファンドのベインキャピタル, IT大手のミカンド) names that company.
		if dots == 0 && j == i+1 && !toks[i].known && i >= 2 && toks[i-1].surf == "の" && (x.lex.firmCue[toks[i-2].surf] || toks[i-2].surf == "ファンド") {
			add(i, j, Firm, confKatakana, "cue")
		}
		i = j
	}

	// Bracketed names: ツール「X」, 「X」という製品.
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].surf != "「" && toks[i].surf != "『" {
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].surf != "」" && toks[j].surf != "』" && j-i <= 8 {
			j++
		}
		if j >= len(toks) || toks[j].surf == "「" || j-i > 8 {
			continue
		}
		inner := joinTokens(toks[i+1 : j])
		c := classOfString(strings.ReplaceAll(inner, " ", ""))
		if newspaperAfter(toks, j) && (c == clsLatin || c == clsKatakana) {
			add(i+1, j, Firm, confBracket, "bracket") // 「X」紙, 「X」「Y」紙: newspapers
			continue
		}
		if x.launchedAt(toks, i+1, j) {
			// 「X」を開発, 「X」を発売: what is made or launched is a product, whatever its script.
			add(i+1, j, Product, confBracket, "bracket")
			continue
		}
		if c != clsLatin && c != clsKatakana {
			// A kanji name right after a product's kind (言語モデル「星雲」, 半導体「昇騰」).
			if i > 0 && toks[i-1].noun() && (x.productCueAt(toks, i-1) || productAcronym(toks[i-1].surf)) && !slices.ContainsFunc(toks[i+1:j], func(t token) bool { return !t.noun() }) {
				add(i+1, j, Product, confBracket, "bracket")
			}
			continue
		}
		// A company cue before the bracket: 医療機器メーカー・『X』, 子会社の「X」.
		k := i - 1
		if k > 0 && (toks[k].surf == "・" || toks[k].surf == "の" || toks[k].surf == "、") {
			k--
		}
		if k >= 0 && toks[k].noun() && x.lex.firmCue[toks[k].surf] {
			add(i+1, j, Firm, confBracket, "bracket")
			continue
		}
		cue := i > 0 && toks[i-1].noun() && (x.productCueAt(toks, i-1) || productAcronym(toks[i-1].surf))
		if cue || c == clsLatin {
			add(i+1, j, Product, confBracket, "bracket")
		}
	}
	// Titles of works in 『』 (映画『X』, 『X』を出版): the whole title is one name, whatever
	// names its words contain. Citation lines, where 『』 hold headlines, name nothing.
	for i := 0; i+2 < len(toks) && !s.boiler && !s.citation; i++ {
		if toks[i].surf != "『" {
			continue
		}
		j := i + 1
		for j < len(toks) && j-i <= 12 && !slices.Contains([]string{"』", "『", "「", "」", "。"}, toks[j].surf) {
			j++
		}
		if j >= len(toks) || toks[j].surf != "』" || j-i > 12 {
			continue
		}
		inner := joinTokens(toks[i+1 : j])
		if utf8.RuneCountInString(inner) > 30 || strings.Count(inner, "(") != strings.Count(inner, ")") || strings.ContainsAny(inner, "、|:") {
			continue
		}
		if citedTitle(toks, i, j) || inQuote(toks, i) {
			continue // a headline cited, or 『』 quoting words within a quote
		}
		if k := j - 1; toks[k].surf == ")" {
			// 『X(Y)』: the title is X; its reading or original in parentheses is an alias,
			// linked as any name's parenthesised alias is.
			for k > i+1 && toks[k].surf != "(" {
				k--
			}
			if k <= i+1 {
				continue
			}
			j = k
			inner = joinTokens(toks[i+1 : j])
		}
		typ := Product
		if j+1 < len(toks) && (toks[j+1].surf == "紙" || toks[j+1].surf == "誌") || x.lex.isOutlet(inner) {
			typ = Firm // 『X』紙: a newspaper
		}
		add(i+1, j, typ, confBracket, "title")
	}
	if len(titles) > 0 {
		// A title names no one (上院 in 上院議員); nor does a span that runs from inside a
		// person's name into its title (俊夫取締役会 in 川村俊夫取締役会議長).
		cands = slices.DeleteFunc(cands, func(m *mention) bool {
			return m.typ != Person && slices.ContainsFunc(titles, func(t [2]int) bool {
				return t[0] <= m.ti && m.tj <= t[1]
			}) || slices.ContainsFunc(named, func(p *mention) bool {
				return p.ti <= m.ti && m.ti < p.tj && p.tj < m.tj
			})
		})
	}
	// A body's name the suffix rule read back over a person's name (山田一郎|東西銀行 of 山田一郎
	// 東西銀行頭取) is the person and the body when the model reads them so, one after the other.
	cands = slices.DeleteFunc(cands, func(m *mention) bool {
		if m.rule != "suffix" {
			return false
		}
		person := slices.IndexFunc(cands, func(p *mention) bool {
			return p.rule == "ner" && p.typ == Person && p.start == m.start && p.end < m.end
		})
		return person >= 0 && slices.ContainsFunc(cands, func(b *mention) bool {
			return b.rule == "ner" && b.typ != Person && b.start == cands[person].end && b.end == m.end
		})
	})
	out := x.choose(toks, cands)
	// A katakana name joined by ・ whose last part ends in a company's word (コムスター・ネットワークス,
	// さくら・クオリティー・プロダクツ) is a company, whatever the model read: the dictionary keeps
	// unknown katakana words and their ・ as one token, so the suffix rule never sees the word.
	for _, m := range out {
		if m.gaz == nil && m.typ != Firm && x.katakanaFirmEnd(m.text) {
			m.typ = Firm
		}
	}
	x.lawNames(toks, out)
	out = x.namesBeforeReadings(s, toks, out)
	out = x.namesAroundReadings(s, toks, out)
	// A body read right after a person's name and ending in a role (山田太郎|運転車両部長) is
	// the person's title, not a body.
	var endsBuf [16]int
	ends := endsBuf[:0] // where the persons' names end
	for _, m := range out {
		if m.typ == Person {
			ends = append(ends, m.tj)
		}
	}
	afterPerson := func(m *mention) bool { return slices.Contains(ends, m.ti) }
	out = slices.DeleteFunc(out, func(m *mention) bool {
		if m.gaz == nil && inscription(toks, m) {
			return true
		}
		if m.typ == Person && m.gaz == nil && initialsList(toks[m.ti:m.tj]) {
			return true // セ・パ(両リーグ): one-letter short forms in a list, nobody's name
		}
		if k := m.tj - 2; k > m.ti && m.gaz == nil && toks[k].surf == "両" && toks[k].pos[0] == "接頭詞" && toks[k+1].noun() {
			// AとB両球団, A・B両社: the two named before 両, not a name ending in it.
			m.tj, m.end, m.text = k, toks[k-1].end, joinTokens(toks[m.ti:k])
		}
		last := toks[m.tj-1].surf
		_, role := x.lex.role[last]
		if (m.typ == Organization || m.typ == Firm) && m.gaz == nil && role && (afterPerson(m) || strings.HasSuffix(last, "長")) {
			// …企画部長: a post, never a body's name. The body it heads, when named before
			// the post's words (IAEA事務局長, 外務省北米局長), is the name.
			k := m.tj - 1
			orgWord := func(t *token) bool { _, sfx := x.lex.orgSfx[t.surf]; return sfx }
			for k > m.ti && (toks[k-1].noun() || toks[k-1].pos[0] == "接頭詞") && !toks[k-1].proper() && toks[k-1].cls != clsLatin &&
				toks[k-1].pos[1] != "接尾" && !orgWord(&toks[k-1]) {
				k--
			}
			g := x.gaz.lookup(joinTokens(toks[m.ti:k]))
			body := k > m.ti && (toks[k-1].cls == clsLatin || toks[k-1].pos[2] == "組織" || orgWord(&toks[k-1]) || strings.ContainsAny(toks[k-1].surf, "省庁府") ||
				g != nil) && !(g != nil && (g.typ == Country || g.typ == Location))
			if afterPerson(m) || !body {
				return true
			}
			m.tj, m.end, m.text = k, toks[k-1].end, joinTokens(toks[m.ti:k])
			return false
		}
		// 東西電機日本|法人: the country goes with 法人 (the company's Japanese unit), the name
		// is the company's.
		if (m.typ == Firm || m.typ == Organization) && m.gaz == nil && m.tj < len(toks) && toks[m.tj].surf == "法人" && m.tj-m.ti >= 2 {
			if g := x.gaz.lookup(toks[m.tj-1].surf); g != nil && g.typ == Country {
				m.tj--
				m.end, m.text = toks[m.tj-1].end, joinTokens(toks[m.ti:m.tj])
			}
		}
		// 667 MHz, 9 Mバイト: a quantity is no name; FSB 667 MHz: the name before it is.
		if measureUnit(m.text) && m.gaz == nil {
			return true // MHz alone
		}
		if m.gaz == nil && onlyQuantities(toks, m.ti, m.tj) {
			return true // 4 GB 199, 4 G|バイト: numbers and units, a price list or a size
		}
		for n := 0; n < 3 && m.gaz == nil; n++ { // 18 m 22 cm
			q := quantityFrom(toks, m.ti, m.tj)
			if q == m.tj {
				break
			}
			for q > m.ti && toks[q-1].surf == " " {
				q--
			}
			if q == m.ti || q == m.ti+1 && toks[m.ti].known && !toks[m.ti].proper() && toks[m.ti].cls == clsKanji {
				return true // 標高3067メートル: a common word and a quantity
			}
			m.tj, m.end, m.text = q, toks[q-1].end, joinTokens(toks[m.ti:q])
		}
		if !x.commonNotName(toks, m) {
			return false
		}
		if c := x.countryEntry(toks[m.ti].surf); c != nil && m.gaz == nil && m.tj-m.ti >= 2 && !x.demonym(m.text) && !mangledLatin(m.text) {
			// 米調査会社X, 中国企業: common words, but the country before them is a name.
			m.tj, m.end, m.text, m.typ, m.gaz = m.ti+1, toks[m.ti].end, toks[m.ti].surf, c.typ, c
			return false
		}
		return true
	})
	// A person the model found, with a title right after the name (山田太郎会長は): the title
	// is the person's, as for names found by the title. Not when the span ends in another word
	// than a name (…球団, …米): the model took part of the title's body into the name; nor
	// after an acronym (JFA会長), the body the title heads.
	for _, m := range out {
		if m.typ == Person && m.title == "" && m.tj-m.ti >= 3 && m.tj < len(toks) && x.titleAt(toks, m.tj) == 0 {
			// 劉揚偉董|事|長: a title whose first character the model read into the name
			// (董事長 cut by the dictionary) ends the name before it.
			if n := x.titleAt(toks, m.tj-1); n > 1 && utf8.RuneCountInString(toks[m.tj-1].surf) == 1 {
				m.tj--
				m.end, m.text = toks[m.tj-1].end, joinTokens(toks[m.ti:m.tj])
				m.title = joinTokens(toks[m.tj : m.tj+n])
			}
		}
		if last := &toks[m.tj-1]; m.typ == Person && m.title == "" && m.tj < len(toks) &&
			(last.pos[2] == "人名" || !last.known || last.cls == clsKatakana && last.surf != "・" || last.cls == clsLatin && strings.ToUpper(m.text) != m.text) {
			if n := x.titleAt(toks, m.tj); n > 0 {
				m.title = joinTokens(toks[m.tj : m.tj+n])
			}
		}
		// 山田太郎(やまだ・たろう)社長: the title after the name's reading.
		if c := readingAfter(toks, m.tj); m.typ == Person && m.title == "" && c > 0 {
			if n := x.titleAt(toks, c); n > 0 {
				m.title = joinTokens(toks[c : c+n])
			}
		}
	}
	// WindowsXP, iPhone 15 Pro: a Latin name that extends a product the gazetteer knows by a
	// short edition or version is that product's kind.
	for _, m := range out {
		if m.gaz == nil && m.typ != Product && m.typ != Person && toks[m.ti].cls == clsLatin && x.productEdition(m.text) {
			m.typ = Product
		}
	}
	// 米オープンブレイン, 英アルカディア: a name the dictionary does not know, in katakana or
	// Latin letters, right after a country's one-character abbreviation is a company of that
	// country (news writes places with their state or city: 米カリフォルニア州); the model's place.
	for k, m := range out {
		if k > 0 && m.typ == Location && m.gaz == nil && m.rule == "ner" && out[k-1].tj == m.ti && out[k-1].typ == Country &&
			out[k-1].tj-out[k-1].ti == 1 && x.gaz.abbrev[toks[m.ti-1].surf] != nil &&
			!slices.ContainsFunc(toks[m.ti:m.tj], func(t token) bool { return t.known || t.cls != clsKatakana && t.cls != clsLatin }) {
			m.typ = Firm
		}
	}
	nationalTeams(toks, out)
	out = campuses(toks, out)
	out = ministryUnits(toks, out)
	return x.officersCompany(toks, out)
}

// ministryUnits splits a body's name read over a ministry and one of its units written after it
// with no の (北浜省鉄道局, 北浜省南町運輸局, 北浜省市町村税課) into the ministry and the unit, each
// a body of its own (the unit is part of the ministry: see unitOfBody). A province's office
// (X省民政庁, a place the dictionary knows before 省) and a name the gazetteer knows whole stay
// whole.
func ministryUnits(toks []token, out []*mention) []*mention {
	var added []*mention
	for _, m := range out {
		if m.typ != Organization || m.tj-m.ti < 2 || m.gaz != nil {
			continue // (a name the gazetteer knows whole stays whole)
		}
		for k := m.ti; k < m.tj-1; k++ {
			// 北浜|省 or one word 北浜省 the dictionary knows as a body's name.
			if !(toks[k].surf == "省" && k > m.ti && ministry(toks, k-1, k) && toks[k-1].pos[2] != "地域" ||
				strings.HasSuffix(toks[k].surf, "省") && utf8.RuneCountInString(toks[k].surf) >= 3 && toks[k].pos[2] == "組織") {
				continue
			}
			last := toks[m.tj-1].surf
			if r, _ := utf8.DecodeLastRuneInString(last); r != '局' && r != '課' && r != '庁' && r != '院' && last != "部" || directionWord(joinTokens(toks[k+1:m.tj])) {
				break
			}
			added = append(added, &mention{sent: m.sent, ti: k + 1, tj: m.tj, start: toks[k+1].start, end: m.end,
				text: joinTokens(toks[k+1 : m.tj]), typ: Organization, conf: m.conf, rule: "unit"})
			m.tj, m.end, m.text = k+1, toks[k].end, joinTokens(toks[m.ti:k+1])
			break
		}
	}
	if len(added) == 0 {
		return out
	}
	out = append(out, added...)
	slices.SortFunc(out, func(a, b *mention) int { return a.start - b.start })
	return out
}

// campuses makes a university's name followed by a campus's (ノースウッド大学・サウスヒル校,
// 東西大学北山校) one organisation: the campus of that university, not a place or a person
// named 北山 or サウスヒル beside it.
func campuses(toks []token, out []*mention) []*mention {
	for k := 0; k < len(out); k++ {
		m := out[k]
		if m.typ != Organization || !strings.HasSuffix(m.text, "大学") {
			continue
		}
		j := m.tj
		if j < len(toks) && toks[j].surf == "・" {
			j++
		}
		end := -1
		for e := j + 1; e < len(toks) && e <= j+4; e++ {
			if t := &toks[e-1]; !t.noun() || t.cls != clsKatakana && t.cls != clsKanji {
				break
			}
			if toks[e].surf == "校" {
				end = e + 1
				break
			}
		}
		if end < 0 {
			continue
		}
		m.tj, m.end, m.gaz = end, toks[end-1].end, nil
		m.text = joinTokens(toks[m.ti:end])
		out = slices.DeleteFunc(out, func(o *mention) bool { return o != m && o.ti < end && o.tj > m.ti })
		k = slices.Index(out, m)
	}
	return out
}

// nationalTeams makes a country's name followed by 代表 (日本代表, カナダ代表チーム) the national
// team it names: an organisation, not the country. 代表取締役, 代表権, 代表者 and 代表的 are other
// words.
func nationalTeams(toks []token, out []*mention) {
	for _, m := range out {
		if m.typ != Country || m.tj+1 >= len(toks) || toks[m.tj].surf != "代表" || !toks[m.tj].noun() {
			continue
		}
		switch toks[m.tj+1].surf {
		case "取締役", "権", "者", "的", "作", "例", "格", "質問", "理事", "幹事", "社員", "執行役", "委員":
			continue
		}
		tj := m.tj + 1
		if toks[tj].surf == "チーム" || toks[tj].surf == "団" {
			tj++
		}
		m.tj, m.end, m.typ, m.gaz = tj, toks[tj-1].end, Organization, nil
		m.text = joinTokens(toks[m.ti:tj])
	}
}

// kindBefore reports whether t, right before a name, says what kind of thing the name is: a
// capital (首都), a company cue or a product cue.
func kindBefore(x *Extractor, t *token) bool {
	return t.noun() && (t.surf == "首都" || t.surf == "州都" || t.surf == "県都" || x.lex.firmCue[t.surf] || x.lex.productCue[t.surf])
}

// fillsBrackets reports whether tokens [i, j) are all that a pair of 「」 or 『』 holds, with no
// bracket among them: a title quoted whole.
func fillsBrackets(toks []token, i, j int) bool {
	if i <= 0 || j >= len(toks) || i >= j || !quoteOpen(toks[i-1].surf) || !quoteClose(toks[j].surf) {
		return false
	}
	return !slices.ContainsFunc(toks[i:j], func(t token) bool { return quoteOpen(t.surf) || quoteClose(t.surf) })
}

// quotedTitle reports whether tokens [i, j), a name the model read, fill their brackets as a
// title's words do: not a lone common word (「協会」), nor words with a verb, an auxiliary or a
// comma, which are said (「またおいでね!」), not titles, nor an unclosed parenthesis.
func (x *Extractor) quotedTitle(toks []token, i, j int) bool {
	if !fillsBrackets(toks, i, j) || j == i+1 && toks[i].known && !toks[i].proper() {
		return false
	}
	depth := 0
	for k := i; k < j; k++ {
		switch t := &toks[k]; {
		case t.verb() || t.aux() || t.surf == "、":
			return false
		case t.surf == "(":
			depth++
		case t.surf == ")":
			if depth--; depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

// quoteOpen and quoteClose report whether a word opens or closes 「」 or 『』.
func quoteOpen(w string) bool  { return w == "「" || w == "『" }
func quoteClose(w string) bool { return w == "」" || w == "』" }

// titleMark reports whether the last of tokens [i, j) is an exclamation or a question mark that
// ends a title filling its brackets (「知らないの?」, 『走れ!』): a part of the title.
func titleMark(toks []token, i, j int) bool {
	w := toks[j-1].surf
	return j-1 > i && (w == "!" || w == "?" || w == "!!" || w == "!?") && fillsBrackets(toks, i, j)
}

// productEdition reports whether an ASCII name is a product of the gazetteer followed by at most
// six more letters, digits or spaces (WindowsXP, Windows 7, iPhone 15 Pro).
func (x *Extractor) productEdition(name string) bool {
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			return false
		}
	}
	for n := len(name) - 1; n >= 4 && len(name)-n <= 6; n-- {
		if g := x.gaz.lookup(strings.TrimSpace(name[:n])); g != nil && g.typ == Product {
			return true
		}
	}
	return false
}

// officersCompany adds the company before a company officer's name and title (さくら|インターネット
// の田中邦裕社長) when no rule named it: words before の that the dictionary reads as common
// nouns, one of them katakana or Latin, no company cue or generic word among them.
func (x *Extractor) officersCompany(toks []token, out []*mention) []*mention {
	var added []*mention
	for _, m := range out {
		if m.typ != Person || m.title == "" || m.ti < 3 || toks[m.ti-1].surf != "の" {
			continue
		}
		if _, officer, _ := x.titleKind(m.title); !officer {
			continue
		}
		end := m.ti - 1
		if i := slices.IndexFunc(out, func(o *mention) bool { return o.tj == end }); i >= 0 {
			// The model's place that no dictionary or gazetteer knows as one (はなみずき|ネットワーク
			// の山田社長) is the officer's company.
			if o := out[i]; o.typ == Location && o.gaz == nil && (o.rule == "ner" || o.rule == "katakana") &&
				toks[o.tj-1].pos[2] != "地域" && !placeTail(toks[o.tj-1].surf) && toks[o.tj-1].pos[1] != "接尾" {
				o.typ = Firm
			}
			continue
		}
		k := end
		for k > 0 && end-k < 4 && toks[k-1].noun() && toks[k-1].pos[1] != "数" && toks[k-1].pos[1] != "代名詞" && toks[k-1].pos[1] != "非自立" &&
			!slices.ContainsFunc(out, func(o *mention) bool { return o.ti < k && k <= o.tj }) {
			k--
		}
		if end-k < 2 || k > 0 && toks[k-1].noun() {
			continue // one word is a description; a longer run is no name read whole
		}
		for k < end-1 { // 所属事務所ルージュ: the kind of company before its name
			if x.lex.people[toks[k].surf+toks[k+1].surf] {
				k += 2
			} else if x.lex.people[toks[k].surf] {
				k++
			} else {
				break
			}
		}
		run := toks[k:end]
		if !slices.ContainsFunc(run, func(t token) bool { return t.cls == clsKatakana || t.cls == clsLatin }) ||
			slices.ContainsFunc(run, func(t token) bool {
				_, anaphor := x.lex.anaphor[t.surf]
				_, title := x.lex.title[t.surf]
				_, role := x.lex.role[t.surf]
				return anaphor || title || role || businessWord(t.surf) || t.surf == "担当" || x.lex.firmCue[t.surf] ||
					x.lex.isGeneric(t.surf) || x.lex.industry[t.surf] && t.cls == clsKanji
			}) {
			continue
		}
		added = append(added, &mention{sent: m.sent, ti: k, tj: end, start: toks[k].start, end: toks[end-1].end,
			text: joinTokens(run), typ: Firm, conf: confWeakSfx, rule: "cue"})
	}
	if len(added) == 0 {
		return out
	}
	out = append(out, added...)
	slices.SortFunc(out, func(a, b *mention) int { return a.start - b.start })
	return out
}

// readingAfter returns the token after a reading in parentheses that starts at token i (kana,
// Latin letters, ・, - and spaces only: (やまだ・たろう), (LiWen-jie)), or 0.
func readingAfter(toks []token, i int) int {
	if i >= len(toks) || toks[i].surf != "(" {
		return 0
	}
	for k := i + 1; k < len(toks) && k < i+12; k++ {
		t := &toks[k]
		switch {
		case t.surf == ")":
			if k == i+1 {
				return 0
			}
			return k + 1
		case t.surf == "・" || t.surf == " " || t.surf == "-" || t.cls == clsHiragana || t.cls == clsKatakana || t.cls == clsLatin:
		default:
			return 0
		}
	}
	return 0
}

// onlyQuantities reports whether tokens [i, j) are only numbers and units of measure, with at
// least one unit (4 GB 199; 4 G when the next token completes the unit: G|バイト).
func onlyQuantities(toks []token, i, j int) bool {
	units := 0
	for k := i; k < j; k++ {
		switch t := &toks[k]; {
		case t.surf == " " || t.surf == "." || t.surf == ",", t.cls == clsDigit:
		case measureUnit(t.surf):
			units++
		case k == j-1 && j < len(toks) && measureUnit(t.surf+toks[j].surf):
			units++
		default:
			return false
		}
	}
	return units > 0
}

// newspaperAfter reports whether the bracket closing at token j is followed by 紙 or 誌, maybe
// after more bracketed names (「X」紙, 「X」「Y」紙).
func newspaperAfter(toks []token, j int) bool {
	for n := 0; n < 4 && j+1 < len(toks); n++ {
		switch toks[j+1].surf {
		case "紙", "誌":
			return true
		case "「", "『":
			k := j + 2
			for k < len(toks) && k < j+12 && toks[k].surf != "」" && toks[k].surf != "』" {
				k++
			}
			if k >= len(toks) || k >= j+12 {
				return false
			}
			j = k
		default:
			return false
		}
	}
	return false
}

// firmCueRun reports whether common nouns from token i end, within four words, with a company
// cue (半導体|設計|大手, 化学|メーカー) before a name.
func (x *Extractor) firmCueRun(toks []token, i int) bool {
	for k := i; k < len(toks) && k < i+4; k++ {
		t := &toks[k]
		if !t.noun() || !t.known || t.proper() || t.cls == clsLatin {
			return false
		}
		if x.lex.firmCue[t.surf] {
			return k+1 < len(toks) && (toks[k+1].cls == clsKatakana || toks[k+1].cls == clsLatin || toks[k+1].proper() || !toks[k+1].known)
		}
	}
	return false
}

// kanjiInName reports whether token k is a kanji word of another part of speech that the
// dictionary cut from an unknown name of kanji (深|藍|智能: 深 read as an adjective): a
// prefix or an adjective's stem written in kanji alone, with a kanji noun after it.
func kanjiInName(toks []token, k int) bool {
	return kanjiModifier(&toks[k]) && k+1 < len(toks) && toks[k+1].cls == clsKanji && toks[k+1].noun()
}

// kanjiModifier reports whether t is a prefix or an adjective's stem written in kanji alone (深
// of 深|藍|智能).
func kanjiModifier(t *token) bool {
	return t.cls == clsKanji && (t.pos[0] == "形容詞" || t.pos[0] == "接頭詞")
}

// endsInBodySuffix reports whether a word ends in the suffix of an organisation's name, not a
// weak one (東京大学, 検察庁): the word names a body.
func (x *Extractor) endsInBodySuffix(w string) bool {
	for sfx := range endings(w, x.lex.orgSfxLens, len(w)-1) {
		if x.lex.orgSfx[sfx] == Organization && !weakSuffix(sfx) {
			return true
		}
	}
	return false
}

// paperWord reports whether t is a word of three code points at most ending in 紙, a kind of
// newspaper (英紙, 地元紙) or 紙 itself.
func paperWord(t *token) bool {
	return t.noun() && strings.HasSuffix(t.surf, "紙") && utf8.RuneCountInString(t.surf) <= 3
}

// quantityFrom returns the first token of a number and a unit of measure ending tokens [i, j)
// (667 MHz, 1.66 GHz, 9 Mバイト), or j when they end otherwise.
func quantityFrom(toks []token, i, j int) int {
	d := j - 1
	for d >= i && toks[d].cls != clsDigit {
		d--
	}
	if d < i || d == j-1 {
		return j
	}
	var b strings.Builder
	for _, t := range toks[d+1 : j] {
		if t.surf != " " {
			b.WriteString(t.surf)
		}
	}
	if !measureUnit(b.String()) {
		return j
	}
	for d > i && (toks[d-1].cls == clsDigit || toks[d-1].surf == "." || toks[d-1].surf == "," || toks[d-1].surf == " " && toks[d-2].cls == clsDigit) {
		d--
	}
	return d
}

// measureUnit reports whether a word is a unit of measure written after a number (not B, W or
// V alone, which end model names: H-2 B, 01 W).
func measureUnit(w string) bool {
	switch strings.TrimSuffix(strings.TrimSuffix(w, "/sec"), "/s") {
	case "Hz", "kHz", "MHz", "GHz", "THz", "KB", "kB", "MB", "GB", "TB", "PB", "bps", "kbps", "Kbps", "Mbps", "Gbps",
		"kW", "MW", "GW", "Wh", "kWh", "mAh", "kV", "mA", "nm", "mm", "cm", "m", "km", "kg", "mg", "ml", "mL", "fps", "dpi", "ppm", "PPM", "ppb", "bit",
		"hPa", "kPa", "Sv", "mSv", "μSv", "Bq", "dB",
		"バイト", "Kバイト", "Mバイト", "Gバイト", "Tバイト", "キロバイト", "メガバイト", "ギガバイト", "テラバイト", "ビット", "ヘルツ",
		"メガヘルツ", "ギガヘルツ", "ワット", "キロワット", "メートル", "キロメートル", "インチ":
		return true
	}
	return false
}

// countryLead returns where the rest of tokens [i, j), a span read as one name of type typ,
// starts when a country's name leads it as a name of its own, and i when none does. The country
// is one word of the dictionary's countries that the gazetteer knows (英国, アメリカ; the
// one-character abbreviations are read apart). The rest starts, maybe after ・, with a place
// that goes on to the end of a place's name (アメリカ・ニューヨーク, 米国フロリダ州, エジプト・トルコ;
// placeEnd) or of a body's named after it (米国|デラウェア大学), or, right after a country in
// kanji, with a company's or body's name in Latin letters or a katakana one the dictionary lists
// (英国BBC, 米国ソニー). None does before
//   - a part of the country (中国|東北|部, ブラジル|東端, タイ|深|南部);
//   - a body in kanji (米国財務省, 中国国民党): the country's own, the country part of its name;
//   - a company after 日本, its Japanese arm (日本IBM);
//   - a body named by a place alone (ニュージーランド・マオリ), a team of the country;
//   - another name (an event, a product);
//
// nor in a country's name of several places (ボスニア・ヘルツェゴビナ, also before more words:
// セルビア・モンテネグロ・サッカー協会) or a state's formal name (エジプト・アラブ共和国).
func (x *Extractor) countryLead(toks []token, i, j int, typ string) int {
	if j-i < 2 || toks[i].pos[3] != "国" || !toks[i].proper() || len(toks[i].surf) < 4 {
		return i
	}
	if g := x.gaz.lookupNorm(toks[i].surf); g == nil || g.typ != Country {
		return i
	}
	k := i + 1
	dot := toks[k].surf == "・"
	if dot {
		k++
	}
	if k >= j {
		return i
	}
	if x.gaz.lookupNorm(joinTokens(toks[i:j])) != nil || x.gaz.lookupNorm(joinTokens(toks[i:k+1])) != nil || stateWord(toks[j-1].surf) {
		return i
	}
	r := &toks[k]
	body := typ == Firm || typ == Organization
	if r.proper() && r.pos[2] == "地域" && len(r.surf) > 3 && !directionWord(r.surf) && !(k+1 < j && strings.HasSuffix(toks[k+1].surf, "部")) &&
		(body && j-k >= 2 || (typ == Location || typ == Country) && x.placeEnd(toks, k, j)) {
		return k
	}
	// A city the dictionary does not know, one word after a country and ・ (スイス・ジュネーヴ):
	// read as one place, it is the city in the country. A name with a ・ of its own after it is
	// left as the model read it (オランダ・デン・ハーグ, one place in the NER data).
	if dot && typ == Location && k+1 == j && r.cls == clsKatakana && !r.known && !strings.Contains(r.surf, "・") {
		return k
	}
	if !dot && body && toks[i].cls == clsKanji && toks[i].surf != "日本" &&
		(r.cls == clsLatin || r.cls == clsKatakana && r.proper() && r.pos[2] == "組織") {
		return k
	}
	return i
}

// groupPost reports whether token i, グループ or チーム, follows a person's name and precedes a
// post (山田|グループ|ディレクター, 山田太郎|グループ|長, 山田|チーム|リーダー): the person holds
// the group's post, no group is named after the person.
func groupPost(x *Extractor, toks []token, i int) bool {
	if i < 1 || i+1 >= len(toks) || toks[i].surf != "グループ" && toks[i].surf != "チーム" || toks[i-1].pos[2] != "人名" {
		return false
	}
	return x.postAt(toks, i+1) || toks[i+1].surf == "長"
}

// directionWord reports whether w names a part of a place by its direction (ブラジル|東端,
// 中国|東北|部), which the dictionary lists as a place (東北).
func directionWord(w string) bool {
	switch w {
	case "東北", "東南", "西北", "西南", "北東", "北西", "南東", "南西", "東端", "西端", "南端", "北端", "東部", "西部", "南部", "北部", "中部":
		return true
	}
	return false
}

// stateWord reports whether w ends a state's formal name (エジプト・アラブ|共和国, …連邦).
func stateWord(w string) bool {
	switch w {
	case "共和国", "王国", "連邦", "公国", "首長国", "合衆国", "連合王国", "民主共和国", "人民共和国":
		return true
	}
	return false
}

// placeEnd reports whether tokens [i, j) end as a place's name does: with a place's name
// (…ニューヨーク, …トルコ) or a place's suffix (ハワイ州, 浙江省台州市), not with a common word
// (インド・オーストラリア|プレート, エチオピア・エリトリア|国境紛争).
func (x *Extractor) placeEnd(toks []token, i, j int) bool {
	last := &toks[j-1]
	if last.proper() && last.pos[2] == "地域" {
		return true
	}
	_, loc := x.lex.locSfx[last.surf]
	return loc && last.pos[1] == "接尾" && j-i >= 2
}

// splitAtConjunction cuts the model's spans at a conjunction between two names: および, 及び and
// 並びに (A 100およびA 200, 沖縄本島および石垣島) and the alternatives または, 又は, もしくは,
// 若しくは, あるいは, 或いは, ないし and 乃至 (A航空またはB航空). A name holds no conjunction,
// except the title of a law or an event (…の推進及び…に関する条例), which keeps it. A piece of
// common words only (竜巻もしくは|ダウンバースト) names nothing and is left out, unless it ends in
// an organisation's or a place's suffix (東西航空).
func (x *Extractor) splitAtConjunction(toks []token, parts [][2]int, typ string) [][2]int {
	if typ == Event {
		return parts
	}
	var out [][2]int // nil while no part is cut: parts are returned as they are
	for n, p := range parts {
		last := toks[p[1]-1].surf
		cuts := false
		for k := p[0] + 1; k < p[1]-1 && !cuts; k++ {
			cuts = conjunction(&toks[k])
		}
		if !cuts || strings.HasSuffix(last, "法") || strings.HasSuffix(last, "条例") || strings.HasSuffix(last, "法律") || strings.HasSuffix(last, "条約") {
			if out != nil {
				out = append(out, p)
			}
			continue
		}
		if out == nil {
			out = append(make([][2]int, 0, len(parts)+2), parts[:n]...)
		}
		start := p[0]
		for k := p[0] + 1; k < p[1]-1; k++ {
			if conjunction(&toks[k]) {
				out = x.appendNamePiece(out, toks, start, k)
				start = k + 1
			}
		}
		out = x.appendNamePiece(out, toks, start, p[1])
	}
	if out == nil {
		return parts
	}
	return out
}

// appendNamePiece appends tokens [i, j), a piece of a span cut at a conjunction, unless they are
// common words the dictionary knows and no suffix of an organisation or a place ends them.
func (x *Extractor) appendNamePiece(out [][2]int, toks []token, i, j int) [][2]int {
	if slices.ContainsFunc(toks[i:j], func(t token) bool { return t.proper() || !t.known || t.cls == clsLatin || t.cls == clsDigit }) {
		return append(out, [2]int{i, j})
	}
	if x.lex.nameSuffix(toks[j-1].surf) {
		return append(out, [2]int{i, j})
	}
	return out
}

// conjunction reports whether t joins two names as a conjunction: および, 及び, 並びに, or one
// of the alternatives (または, もしくは, ないし, …), which the dictionary reads as 接続詞.
func conjunction(t *token) bool {
	switch t.surf {
	case "および", "及び", "並びに":
		return true
	case "または", "又は", "もしくは", "若しくは", "あるいは", "或いは", "ないし", "乃至":
		return t.pos[0] == "接続詞"
	}
	return false
}

// splitAtScriptSpace appends to out tokens [i, j) cut at spaces that separate a Latin word from Japanese
// (machine-translated news writes "AI プレイヤー"): such a space ends a name. Spaces between
// Latin words stay inside (360 Security Technology).
func splitAtScriptSpace(toks []token, i, j int, out [][2]int) [][2]int {
	start := i
	for k := i; k < j; k++ {
		if toks[k].surf != " " || k == i || k == j-1 {
			continue
		}
		// Katakana words apart (ザ コカ・コーラ カンパニー) are one name as the model read them.
		if toks[k-1].cls == clsKatakana && toks[k+1].cls == clsKatakana {
			continue
		}
		// An initial's period (Michael S. Maurer) is on the Latin side too.
		if left := &toks[k-1]; left.cls == clsLatin || left.cls == clsDigit || (left.surf == "." && k-2 >= i && toks[k-2].cls == clsLatin) {
			if toks[k+1].cls == clsLatin || toks[k+1].cls == clsDigit {
				continue
			}
		}
		out = append(out, [2]int{start, k})
		start = k + 1
	}
	out = append(out, [2]int{start, j})
	if len(out) == 1 {
		return out
	}
	// Of the pieces keep only the Latin names: the Japanese side is a common noun the model
	// took along ("Kumo トライアル").
	kept := out[:0]
	for _, p := range out {
		if p[1]-p[0] >= 1 && latinName(&toks[p[0]]) {
			kept = append(kept, p)
		}
	}
	return kept
}

// splitAtOpenParen splits a span the model ran over an opening parenthesis it did not close
// (東西ホールディングス(旧東西商事)): the name before it and, when 旧 or 現 opens the
// parentheses, the former or present name inside. trimSpan would keep only the name before.
func splitAtOpenParen(toks []token, parts [][2]int) [][2]int {
	var out [][2]int // nil while no part is split: parts are returned as they are
	for n, p := range parts {
		k := slices.IndexFunc(toks[p[0]:p[1]], func(t token) bool { return t.surf == "(" })
		if k <= 0 || slices.ContainsFunc(toks[p[0]+k:p[1]], func(t token) bool { return t.surf == ")" }) {
			if out != nil {
				out = append(out, p)
			}
			continue
		}
		if out == nil {
			out = append(make([][2]int, 0, len(parts)+1), parts[:n]...)
		}
		k += p[0]
		// Only a former or present name (旧X, 現X): other words in parentheses are as often a
		// venue, a place or a note (広島(ナゴヤドーム), 成田(空港)); trimSpan cuts them off.
		in := k + 2
		if in < p[1] && (toks[in].surf == "社名" || toks[in].surf == "名称") {
			in++ // 旧社名・X
		}
		if in < p[1] && toks[in].surf == "・" {
			in++ // 旧・X
		}
		if in < p[1] && p[1] < len(toks) && toks[p[1]].surf == ")" && toks[in].noun() && toks[k+1].pos[0] == "接頭詞" &&
			(toks[k+1].surf == "旧" || toks[k+1].surf == "現") {
			out = append(out, [2]int{p[0], k}, [2]int{in, p[1]})
		} else {
			out = append(out, p)
		}
	}
	if out == nil {
		return parts
	}
	return out
}

// initialsList reports whether tokens are single katakana letters joined by ・ (セ・パ), short
// forms listed, never a person's name.
func initialsList(toks []token) bool {
	if len(toks) < 3 {
		return false
	}
	for k, t := range toks {
		if k%2 == 1 {
			if t.surf != "・" {
				return false
			}
		} else if t.cls != clsKatakana || utf8.RuneCountInString(t.surf) != 1 {
			return false
		}
	}
	return len(toks)%2 == 1
}

// roleWord reports whether w is a role of the lexicon, or katakana words joined by ・ into one
// token whose last is one (チーフ・ストラテジスト).
func (x *Extractor) roleWord(w string) bool {
	if _, ok := x.lex.role[w]; ok {
		return true
	}
	if k := strings.LastIndex(w, "・"); k > 0 && classOfString(w) == clsKatakana {
		_, ok := x.lex.role[w[k+len("・"):]]
		return ok
	}
	return false
}

// trimSpan drops what a model span should not hold at its edges: function words and adverbs
// (まずKumo), and descriptive nouns after a Latin name (Hokutoニュースサイト, AIクラウドサービス).
func (x *Extractor) trimSpan(toks []token, i, j int) (int, int) {
	function := func(t *token) bool {
		switch t.pos[0] {
		case "副詞", "助詞", "助動詞", "接続詞", "連体詞", "記号":
			return t.surf != "・"
		}
		return false
	}
	// An unbalanced bracket ends the name on its side: 火):台風14号, …web)(アーカイブ.
	for k := i; k < j; k++ {
		switch toks[k].surf {
		case ")", "」", "』", "]":
			if !slices.ContainsFunc(toks[i:k], func(t token) bool { return t.surf == "(" || t.surf == "「" || t.surf == "『" || t.surf == "[" }) {
				i = k + 1
			}
		case "(", "「", "『", "[":
			if !slices.ContainsFunc(toks[k:j], func(t token) bool { return t.surf == ")" || t.surf == "」" || t.surf == "』" || t.surf == "]" }) {
				j = k
			}
		}
	}
	// A name, its short form in brackets and a suffix (ノヴァテック(NT)社) is the name and its
	// alias: the alias rule finds the bracket.
	if k := slices.IndexFunc(toks[i:j], func(t token) bool { return t.surf == "(" }); k > 0 && j-2 > i+k && toks[j-2].surf == ")" &&
		toks[j-1].pos[1] == "接尾" {
		j = i + k
	}
	for i < j && (function(&toks[i]) || toks[i].pos[0] == "形容詞") {
		i++ // 新しい研究所: the adjective describes, it does not name
	}
	// (ZQ・いわゆる南町熱): a word that qualifies the next name (いわゆる, 通称) after ・ begins
	// another name, not a part of this one.
	for k := i + 2; k < j; k++ {
		if toks[k-1].surf == "・" && toks[k].pos[0] == "連体詞" {
			j = k - 1
			break
		}
	}
	// 元, 前 or 現 before a name and a post (元北浜銀行頭取, 前東西商事社長) says the post is
	// former or present: the name is the bank's.
	if i+1 < j && j < len(toks) && toks[i].pos[0] == "接頭詞" && (toks[i].surf == "元" || toks[i].surf == "前" || toks[i].surf == "現") &&
		toks[i+1].noun() && toks[i+1].cls != clsDigit && x.postWord(toks[j].surf) {
		i++
	}
	// 英字紙X, 地元紙X: the kind of newspaper is no part of its name (a country's abbreviation
	// before 紙, 米紙X, is read with the other abbreviations).
	if i+2 < j && toks[i+1].surf == "紙" && toks[i+1].pos[1] == "接尾" && toks[i].noun() && x.gaz.abbrev[toks[i].surf] == nil {
		i += 2
	} else if i+1 < j && toks[i].pos[1] == "一般" && paperWord(&toks[i]) &&
		(toks[i+1].cls == clsKatakana || toks[i+1].cls == clsLatin || toks[i+1].proper()) {
		i++ // 英紙|ガーディアン, one word in the dictionary
	}
	// A date or a duration in front (17日気象庁, 12年間総務省) is not part of the name; a
	// numbered event keeps its number (第78回選抜高等学校野球大会, 2014 W杯).
	// The dictionary reads 月 after a number (6|月) as a common noun, not a counter.
	if k := i; k+1 < j && toks[k].pos[1] == "数" {
		for k < j && (toks[k].pos[1] == "数" || toks[k].pos[2] == "助数詞" || toks[k].surf == "間" || toks[k].surf == "月" && k > i) {
			k++
		}
		if k < j && k > i && (toks[k-1].surf == "間" || toks[k-1].surf == "日" || toks[k-1].surf == "月" || toks[k-1].surf == "時") {
			i = k
		}
	}
	// Words that qualify a name rather than belong to it (鳩山新…, 渡辺孝一両氏).
	for j > i+1 && x.stopsName(&toks[j-1]) && len([]rune(toks[j-1].surf)) == 1 {
		j--
	}
	// A title the dictionary cuts into a word and a suffix (裁判|長, 裁判|官), whose word the
	// model took into the name before it (山田裁判|長): the name ends before the word.
	if j > i+1 && j < len(toks) && toks[j].pos[1] == "接尾" && toks[j-1].noun() && !toks[j-1].proper() &&
		x.isTitle(toks[j-1].surf+toks[j].surf) && !x.isTitle(toks[j-1].surf) {
		j--
	}
	if j < len(toks) && x.titleAt(toks, j) > 0 {
		j = x.nameEnd(toks, i, j)
	}
	// A title the model was not trained on ends the name before it (佐藤教諭, 高橋署長), and so
	// does a role or title it took into the name (丸田恭介騎手, アレックス・ミラーコーチ, 小泉総理),
	// and a place's post with its place (山田太郎|北東県知事, 山田太郎・北東県知事, 山田前|北東市長).
	// A party's post after a name (山田太郎|党|委員長): the name is the person's.
	if j > i+1 && toks[j-1].surf == "党" && toks[j-2].pos[2] == "人名" && x.postAt(toks, j) {
		j--
	}
	// 東京|都内|病院, 広島|市内|ホテル: the place, and common words for what is in it.
	for k := i + 1; k < j-1; k++ {
		if withinWord(&toks[k]) && !slices.ContainsFunc(toks[k+1:j], func(t token) bool { return t.proper() || !t.known }) {
			j = k + 1
			break
		}
	}
	// 東西電力|管内, 北浜鉄道|管内: the area a company or an office serves, no part of its name
	// (a place's 管内, 北浜|管内, is left as the district it names).
	if j > i+1 && toks[j-1].surf == "管内" && slices.ContainsFunc(toks[i:j-1], func(t token) bool { return !t.proper() || t.pos[2] != "地域" }) {
		j--
	}
	// A person's name, then a place and a role (山田太郎|西浜|店長, 山田|西浜|支店長): the place names
	// the branch the person runs, no part of the name.
	if j > i+2 && j < len(toks) && toks[j-1].proper() && toks[j-1].pos[2] == "地域" && toks[j-2].pos[2] == "人名" &&
		x.roleWord(toks[j].surf) {
		j--
	}
	if j > i+2 && unitPlaceBefore(toks, j) {
		if slices.ContainsFunc(toks[i:j-2], func(t token) bool { return t.pos[2] == "人名" }) {
			j -= 2 // 山田太郎|東京|都 before 知事: the person's name, then the place's
		} else {
			i = j - 2 // 小池|東京|都 before 知事: the place's name (a surname the dictionary does not know)
		}
	}
	if j > i+1 {
		p := j - 1
		if x.placePost(toks[j-1].surf) {
			for p > i+1 && (toks[p-1].proper() && toks[p-1].pos[2] == "地域" && utf8.RuneCountInString(toks[p-1].surf) >= 2 || titlePrefix(toks[p-1].surf) || toks[p-1].surf == "・") {
				p--
			}
			if !slices.ContainsFunc(toks[i:p], func(t token) bool { return t.pos[2] == "人名" }) {
				p = j - 1 // no personal name before the place: the place's post (北東県知事)
			}
		}
		if p == j-1 && x.placePost(toks[j-1].surf) && !slices.ContainsFunc(toks[i:p], func(t token) bool { return !t.proper() || t.pos[2] != "地域" }) {
			// A place and its post (北東|県知事) without a person: the place.
			j = p
		} else if toks[p-1].pos[2] == "人名" || p < j-1 || toks[p-1].cls == clsKatakana && slices.ContainsFunc(toks[i:p], func(t token) bool { return t.surf == "・" }) ||
			strings.Contains(toks[j-1].surf, "・") && slices.ContainsFunc(toks[i:p], func(t token) bool { return t.pos[2] == "人名" }) {
			// (A title of katakana words joined by ・ after a name the dictionary cut, 登|英:
			// the name is still a person's.)
			_, office := x.lex.office[toks[j-1].surf]
			role := x.roleWord(toks[j-1].surf)
			if office || role || x.isTitle(toks[j-1].surf) && toks[j-1].surf != "氏" && toks[j-1].surf != "さん" || x.placePost(toks[j-1].surf) {
				j = p
			}
		}
	}
	// A post the model took into a body's name (北浜党|幹部, 東山|署|幹部, 南川|省|報道官): the
	// body; the post names its unnamed officer, not a body of its own.
	if j > i+1 && x.postWord(toks[j-1].surf) && (toks[j-2].proper() && toks[j-2].pos[2] == "組織" || x.lex.orgSfx[toks[j-2].surf] != "") {
		j--
	}
	// A title of several words the model took into a foreign name, maybe after a country's
	// abbreviation (マルコ・ロッシ|伊|経済|相, ジャン・デュポン|仏|財務|相): the name ends before them,
	// and starts after a country joined to it by ・.
	if j > i+2 && slices.ContainsFunc(toks[i:j], func(t token) bool { return strings.Contains(t.surf, "・") }) {
		for k := max(i+1, j-4); k < j-1; k++ {
			if x.titleAt(toks, k) == j-k {
				if e := x.nameEnd(toks, i, k); toks[e-1].cls == clsKatakana && toks[e-1].surf != "・" {
					j = e
					if e-i > 2 && toks[i+1].surf == "・" && x.countryWord(toks[i].surf) && x.publicPostAt(toks, k) {
						i += 2 // シリア・ユセフ|内相: the country the minister serves
					}
				}
				break
			}
		}
	}
	// A family and a given name, then common words the lexicon does not know as posts
	// (大山一郎|コミッショナー, 大山一郎|審判部長): the person and a post; but an office named after
	// its founder (大山一郎建築設計事務所, 大山一郎事務所) is the office.
	// A surname alone before common words may name a company (松山電機), and a given name the
	// dictionary cuts leaves a short common word of its own (柴|咲|コウ, 森田|まさ|のり).
	if j > i+2 && toks[i].pos[3] == "姓" && toks[i+1].pos[3] == "名" && !slices.ContainsFunc(toks[i+2:j], func(t token) bool {
		return !t.known || t.proper() || x.lex.nameSuffix(t.surf) || x.lex.outlet[t.surf] || t.pos[1] != "一般" && t.pos[1] != "サ変接続" || t.surf == "事務所"
	}) && (utf8.RuneCountInString(joinTokens(toks[i+2:j])) >= 3 && classOfString(joinTokens(toks[i+2:j])) != clsHiragana ||
		postLike(toks[j-1].surf) || j < len(toks) && toks[j].pos[1] == "接尾" && postLike(toks[j-1].surf+toks[j].surf)) {
		j = i + 2
	}
	for j > i && function(&toks[j-1]) && !initialsDot(toks, i, j) {
		j--
	}
	// A description before the name ends with a cue word: セキュリティ企業Nova Labs Group names
	// Nova Labs Group.
	for k := j - 2; k >= i; k-- {
		if t := &toks[k]; t.noun() && !t.proper() && (x.lex.firmCue[t.surf] || x.lex.productCue[t.surf]) {
			i = k + 1
			break
		}
	}
	// A lone common word (研究所, 政府) is a description, not a name.
	if j == i+1 {
		t := &toks[i]
		if _, sfx := x.lex.orgSfx[t.surf]; (sfx || x.lex.firmCue[t.surf] || x.lex.productCue[t.surf]) && !t.proper() {
			return i, i
		}
	}
	// A department named by what it does (広報|部, 営業|課, 調査|室) is part of a body, no name;
	// a club is named by its sport (野球|部, ア式蹴球|部).
	if j == i+2 && toks[i].known && toks[i].pos[0] == "名詞" && toks[i].pos[1] == "サ変接続" && toks[i+1].pos[1] == "接尾" &&
		(toks[i+1].surf == "部" || toks[i+1].surf == "課" || toks[i+1].surf == "室") {
		return i, i
	}
	// Common words right before a cue noun describe the kind of company or product
	// (セキュリティ企業, 動画生成ツール): no name.
	if i < j && j < len(toks) && toks[j].noun() && (x.lex.firmCue[toks[j].surf] || x.lex.productCue[toks[j].surf]) &&
		!slices.ContainsFunc(toks[i:j], func(t token) bool { return !t.known || t.proper() || t.cls == clsLatin || t.cls == clsDigit }) {
		return i, i
	}
	// Latin name + katakana common nouns: the name is the Latin part, unless the nouns end
	// with an organisation suffix (VBenchチーム).
	for k := i + 1; k < j; k++ {
		if latinName(&toks[k-1]) && toks[k].cls == clsKatakana && toks[k].surf != "・" && !toks[k].proper() {
			if _, org := x.lex.orgSfx[toks[j-1].surf]; org {
				break
			}
			if x.lex.isGeneric(joinTokens(toks[i:k])) {
				return i, i // AIクラウドサービス: a generic word and common nouns, no name
			}
			// An acronym names a thing together with the word after it (Jリーグ, NBAドラフト,
			// KDEコミュニティ) unless that word is a cue (…ニュースサイト, …サービス).
			tail, last := joinTokens(toks[k:j]), toks[j-1].surf
			cue := x.lex.firmCue[tail] || x.lex.productCue[tail] || x.lex.firmCue[last] || x.lex.productCue[last]
			if !cue && strings.ToUpper(toks[k-1].surf) == toks[k-1].surf {
				break
			}
			return i, k
		}
	}
	return i, j
}

// suffixType types a model span by its last word where that word says what the name is: an
// institution's suffix (大学, 研究所, 省) makes an organisation, a place suffix (市, 県) a place.
func (x *Extractor) suffixType(toks []token, m *mention) string {
	last := &toks[m.tj-1]
	// Laws and treaties are named events in the ontology (銃刀法, 京都議定書).
	switch last.surf {
	case "法", "法案", "条約", "協定", "議定書", "憲章", "宣言":
		if m.tj-m.ti > 1 {
			return Event
		}
	}
	if typ, ok := x.lex.orgSfx[last.surf]; ok && typ == Organization && !weakSuffix(last.surf) {
		return Organization
	}
	// 京都大, ソウル|大, 神戸|国際|大: a university's short name, which the dictionary lists as an
	// organisation's or writes as a place's and the suffix 大 (not 山田|将|大, a given name).
	if strings.HasSuffix(last.surf, "大") && !slices.ContainsFunc(toks[m.ti:m.tj], func(t token) bool { return t.pos[2] == "人名" }) &&
		(last.proper() && last.pos[2] == "組織" || last.surf == "大" && last.pos[1] == "接尾" && m.tj-m.ti > 1 && toks[m.ti].proper() && toks[m.ti].pos[2] == "地域") {
		return Organization
	}
	// 北浜地裁南山支部, 東西地方裁判所北町支部: a branch of a body named with a suffix that has
	// a short form (a court's, a prosecutors' office's) is that body's, read by the model as a place.
	if last.surf == "支部" && m.tj-m.ti > 2 && (m.typ == Location || m.typ == Country) {
		base := joinTokens(toks[m.ti : m.tj-1])
		for _, p := range x.lex.sfxAbbr {
			for _, w := range p {
				if k := strings.LastIndex(base, w); utf8.RuneCountInString(w) >= 2 && k > 0 && utf8.RuneCountInString(base[k+len(w):]) <= 4 {
					return Organization
				}
			}
		}
	}
	// 北浜州|北部|連邦|地方裁判所: the dictionary's word for a kind of body that has a short form
	// (地方裁判所, 地方検察庁, 教育委員会) and ends in a body's suffix, read by the model as a place.
	if x.lex.isSfxAbbr(last.surf) && x.endsInBodySuffix(last.surf) && m.tj-m.ti > 1 && (m.typ == Location || m.typ == Country) {
		return Organization
	}
	// 東京|地方|検察庁: the dictionary's organisation word ending in a body's suffix.
	if last.proper() && last.pos[2] == "組織" && m.tj-m.ti > 1 && x.endsInBodySuffix(last.surf) &&
		!slices.ContainsFunc(toks[m.ti:m.tj], func(t token) bool { return t.pos[2] == "人名" }) {
		return Organization
	}
	// 全国放送協議会 (協議 + 会), 華|東大|学: a body's suffix of several words, or one the
	// dictionary cut inside.
	for sfx := range endings(m.text, x.lex.orgSfxLens, len(m.text)-1) {
		if (threeRunes(sfx) || len(last.surf) < len(sfx)) && x.lex.orgSfx[sfx] == Organization && !strings.HasSuffix(last.surf, sfx) {
			return Organization
		}
	}
	// 松屋フーズ, 北斗ホールディングス read as some body: a company's suffix makes it a company.
	if m.typ == Organization {
		for sfx := range endings(m.text, x.lex.orgSfxLens, len(m.text)-1) {
			if threeRunes(sfx) && x.lex.orgSfx[sfx] == Firm && !weakSuffix(sfx) {
				return Firm
			}
		}
	}
	if typ, ok := x.lex.locSfx[last.surf]; ok && last.pos[1] == "接尾" {
		if governmentOffice(toks, m.ti, m.tj) {
			return Organization
		}
		return typ
	}
	return m.typ
}

// governmentOffice reports whether tokens [i, j) are a common word and 府, a government office
// (内閣府, 総理府), not a prefecture (大阪府, a proper name before it).
func governmentOffice(toks []token, i, j int) bool {
	return j-i == 2 && toks[j-1].surf == "府" && !toks[i].proper() && toks[i].pos[1] == "一般"
}

// threeRunes reports whether s has three code points or more: nine bytes or more always have
// (a code point takes four bytes at most), and shorter strings are counted.
func threeRunes(s string) bool { return len(s) >= 9 || utf8.RuneCountInString(s) >= 3 }

// personTitle returns the length in tokens of an honorific or title starting at token i, and
// whether it is a plain honorific (氏, さん), which marks a person whatever precedes it.
func (x *Extractor) personTitle(toks []token, i int) (int, bool) {
	t := &toks[i]
	if (t.pos[1] == "接尾" || t.surf == "氏" || t.surf == "さん" || !t.known) && x.lex.personSfx[t.surf] {
		return 1, true
	}
	return x.titleAt(toks, i), false
}

// titleAt returns the length in tokens of a title starting at token i, or 0: a title of the
// lexicon, maybe split by the dictionary (官房 長官, 常勤 監査 役), after a prefix of standing
// (元社長, 前会長, 次期CEO), and titles joined by 兼 (会長兼社長).
func (x *Extractor) titleAt(toks []token, i int) int {
	if i < 0 || i >= len(toks) {
		return 0
	}
	var buf [64]byte
	// one returns the length of the longest title of up to four tokens at token i (one token
	// only if a noun).
	one := func(i int) int {
		if !x.lex.titleFirst.hasFirst(toks[i].surf) {
			return 0 // no title starts with the word's first code point
		}
		key, best := buf[:0], 0
		for n := 1; n <= 4 && i+n <= len(toks); n++ {
			key = append(key, toks[i+n-1].surf...)
			if !x.lex.titlePrefixes[string(key)] {
				break
			}
			if x.lex.titles[string(key)] && (n > 1 || toks[i].noun()) {
				best = n
			}
		}
		return best
	}
	p := 0
	if i+1 < len(toks) && titlePrefix(toks[i].surf) {
		p = 1
	}
	n := one(i + p)
	if n == 0 && p == 0 && toks[i].cls == clsKatakana && i+1 < len(toks) && toks[i+1].cls == clsKatakana && x.katakanaTitle(toks[i+1].surf) {
		// A katakana word before a katakana title is part of it (フライトディレクター,
		// プロダクトマネージャー).
		p, n = 1, 1
	}
	if n == 0 {
		return 0
	}
	k := i + p + n
	for {
		// A title's acronym in parentheses before the next post (最高経営責任者(CEO)兼社長)
		// is part of the title.
		j := acronymParenEnd(toks, k)
		if j+1 >= len(toks) || toks[j].surf != "兼" {
			break
		}
		m := one(j + 1)
		if m == 0 {
			break
		}
		k = j + 1 + m
	}
	return k - i
}

// acronymParenEnd returns the index after a Latin acronym in parentheses at token i ((CEO)),
// or i when there is none.
func acronymParenEnd(toks []token, i int) int {
	if i+2 >= len(toks) || toks[i].surf != "(" {
		return i
	}
	k := i + 1
	for k < len(toks) && k < i+4 && toks[k].cls == clsLatin {
		k++
	}
	if k == i+1 || k >= len(toks) || toks[k].surf != ")" {
		return i
	}
	return k + 1
}

// katakanaTitle reports whether w is a job written in katakana after a name: a title of the
// lexicon or a role (ディレクター, マネージャー, アナリスト).
func (x *Extractor) katakanaTitle(w string) bool {
	if classOfString(w) != clsKatakana {
		return false
	}
	_, role := x.lex.role[w]
	return role || x.lex.titles[w]
}

// publicPostAt reports whether a title at token i is a public post (内相, 大統領), not a
// company officer's (CEO, 社長) nor an honorific (氏): a country joined by ・ to the name before
// such a post is the country the person serves (シリア・ユセフ内相), while before 氏 or CEO it
// may be part of the name (チャド・…氏).
func (x *Extractor) publicPostAt(toks []token, i int) bool {
	n := x.titleAt(toks, i)
	if n == 0 {
		return false
	}
	w := joinTokens(toks[i : i+n])
	_, officer := x.lex.officer[w]
	return !officer && !x.lex.personSfx[w]
}

// titlePrefix reports whether a word before a title says the person's standing in it.
func titlePrefix(w string) bool {
	switch w {
	case "元", "前", "現", "新", "次期":
		return true
	}
	return false
}

// inWorkTitle reports whether the honorific at token i is inside a bracketed title of a work,
// followed by の and more of the title's words (「太郎ちゃんの大冒険」): a short bracketed phrase
// without a verb, which names a show or a book, not the person it is called after.
func inWorkTitle(toks []token, i int) bool {
	open, close := -1, -1
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		if toks[k].surf == "「" || toks[k].surf == "『" {
			open = k
			break
		}
		if toks[k].surf == "」" || toks[k].surf == "』" {
			return false
		}
	}
	for k := i + 1; k < len(toks) && k <= i+8; k++ {
		if toks[k].surf == "」" || toks[k].surf == "』" {
			close = k
			break
		}
	}
	if open < 0 || close < 0 || close <= i+2 || toks[i+1].surf != "の" {
		return false
	}
	return !slices.ContainsFunc(toks[open+1:close], func(t token) bool {
		return t.pos[0] == "動詞" || t.pos[0] == "助動詞" || t.pos[0] == "形容詞"
	})
}

// namePlaceDot returns the index of the last ・ in tokens [i, j) that ends a foreign name and
// begins a country, a place or a body whose post comes after them (タイイップ・ゼフィラ|・|トルコ,
// ジョン・ゼフィラ|・|北浜|中央|銀行, ジョン・ゼフィラ|・|チューリンゲン|州; see splitNamePlace): the
// name is katakana with a ・ of its own, and the words after the ・ begin with a country the
// gazetteer knows or a katakana word and a place's suffix; or 0.
func (x *Extractor) namePlaceDot(toks []token, i, j int) int {
	d := j - 1
	for d > i && toks[d].surf != "・" {
		d--
	}
	if d == i || d+1 >= j || slices.ContainsFunc(toks[i:d], func(t token) bool { return t.cls != clsKatakana }) ||
		!slices.ContainsFunc(toks[i:d], func(t token) bool { return strings.Contains(t.surf, "・") }) ||
		slices.ContainsFunc(toks[d+1:j], func(t token) bool { return !t.noun() }) {
		return 0
	}
	p := &toks[d+1]
	if g := x.gaz.lookupNorm(p.surf); g != nil && g.typ == Country {
		return d
	}
	// The place's suffix may begin the post after the words (ゼフィラ・バイエルン|州知事).
	if d+2 < len(toks) && d+2 <= j && p.cls == clsKatakana && toks[d+2].pos[1] == "接尾" {
		if _, ok := x.lex.locSfx[toks[d+2].surf]; ok {
			return d
		}
	}
	return 0
}

// postAt reports whether a title, role or office of up to three tokens begins at token i
// (委員|長, 最高|顧問).
func (x *Extractor) postAt(toks []token, i int) bool {
	if i >= len(toks) {
		return false
	}
	if x.titleAt(toks, i) > 0 {
		return true
	}
	w := ""
	for k := i; k < min(i+3, len(toks)); k++ {
		w += toks[k].surf
		_, role := x.lex.role[w]
		_, office := x.lex.office[w]
		if role || office || strings.HasSuffix(w, "顧問") {
			return true
		}
	}
	return false
}

// initialsDot reports whether the last of tokens [i, j) is the period of a run of initials
// (D.C., U.S.): a letter, a period, a letter, a period.
func initialsDot(toks []token, i, j int) bool {
	return j-i >= 4 && toks[j-1].surf == "." && toks[j-3].surf == "." &&
		toks[j-2].cls == clsLatin && utf8.RuneCountInString(toks[j-2].surf) == 1 &&
		toks[j-4].cls == clsLatin
}

// withinWord reports whether t is a unit's suffix with 内, "within" (東京|都内|の病院, 大阪|市内):
// the words after it are what is in the place, not a name with it. 国内 is left out: it starts
// words of its own (国内線, 国内法).
func withinWord(t *token) bool {
	if len(t.surf) != 6 || t.surf[3:] != "内" || !t.noun() {
		return false
	}
	switch t.surf[:3] {
	case "都", "道", "府", "県", "市", "区", "州":
		return true
	}
	return false
}

// unitPlaceBefore reports whether 知事 at token i follows a place's name and the unit's suffix
// (東京|都|知事, as splitPlacePost cuts 都知事): the governor's post of that place.
func unitPlaceBefore(toks []token, i int) bool {
	return i >= 2 && i < len(toks) && toks[i].surf == "知事" && toks[i-1].pos[1] == "接尾" && toks[i-1].pos[2] == "地域" &&
		toks[i-2].proper() && toks[i-2].pos[2] == "地域"
}

// placePost reports whether a word is the post of a place's head written as one word with the
// unit it heads (都知事, 県知事, 市長): the words before it name the place.
func (x *Extractor) placePost(w string) bool {
	switch w {
	case "知事", "市長", "町長", "村長", "区長":
		return true
	}
	return unitGovernor(w)
}

// foreignNameBeforePost reports whether tokens [i, j) are a foreign full name (katakana words
// joined by ・) followed by a post, maybe after a country and a few kanji nouns naming the body
// (…米国務長官, …国連人権高等弁務官, …元首相).
func (x *Extractor) foreignNameBeforePost(toks []token, i, j int) bool {
	dot := false
	for k := i; k < j; k++ {
		switch {
		case strings.Contains(toks[k].surf, "・"):
			dot = true // the unknown-word reader keeps ジョン・スミス as one token
		case toks[k].cls != clsKatakana:
			return false
		}
	}
	if !dot {
		return false
	}
	for k := j; k < len(toks) && k < j+6; k++ {
		if x.titleAt(toks, k) > 0 || x.postAt(toks, k) || toks[k].pos[1] == "接尾" && (toks[k].surf == "官" || toks[k].surf == "長") {
			return true
		}
		if !toks[k].noun() || toks[k].cls != clsKanji {
			return false
		}
	}
	return false
}

// postLike reports whether a common word looks like a post: a katakana word of four or more
// characters (コミッショナー, マネージャー) or a kanji word of two or more ending like a post
// (…長, …官, …員, …手, …師, 親方).
func postLike(w string) bool {
	n := utf8.RuneCountInString(w)
	switch classOfString(w) {
	case clsKatakana:
		return n >= 4
	case clsKanji:
		r, _ := utf8.DecodeLastRuneInString(w)
		return n >= 2 && strings.ContainsRune("長官員手師士方", r)
	}
	return false
}

// newspaperSuffix reports whether a word ends a newspaper's name whatever comes before it
// (…新報, …タイムズ); 通信, 放送 and 紙 also end common words (中国通信, 日本紙).
func newspaperSuffix(w string) bool {
	switch w {
	case "新聞", "新聞社", "新報", "日報", "通信社", "タイムズ", "タイムス", "ジャーナル":
		return true
	}
	return false
}

// isTitle reports whether a word is a title written after a name (社長, 副社長, 上院議員).
func (x *Extractor) isTitle(w string) bool { return x.lex.titles[w] }

// postKind returns what a post written as a word says, "leads", "founded" or "-" (a role's kind,
// or a title's as titleKind reads it: 元社長 leads no more), and whether the word is a post at all:
// a role or a title, not an honorific or a standing (氏, 容疑者).
func (x *Extractor) postKind(w string) (string, bool) {
	if x.lex.personSfx[w] {
		return "", false
	}
	if kind, ok := x.lex.role[w]; ok {
		return kind, true
	}
	kind, _, ok := x.titleKind(w)
	return kind, ok
}

// postWord reports whether w is a post held by a person (postKind).
func (x *Extractor) postWord(w string) bool {
	_, ok := x.postKind(w)
	return ok
}

// titleKind returns what a title written after a name says (元副社長, 会長兼社長): "leads" when
// the person heads the body now, else "-"; whether a part of it is a company officer's title;
// and whether it is a title at all.
func (x *Extractor) titleKind(title string) (kind string, officer, ok bool) {
	former := false
	for _, p := range []string{"元", "前", "現", "新", "次期"} {
		if rest, cut := strings.CutPrefix(title, p); cut && x.isTitle(strings.Split(rest, "兼")[0]) {
			title, former = rest, p == "元" || p == "前" || p == "次期"
			break
		}
	}
	kind = "-"
	for _, part := range strings.Split(title, "兼") {
		if i := strings.IndexByte(part, '('); i > 0 && strings.HasSuffix(part, ")") {
			part = part[:i] // 最高経営責任者(CEO)兼社長: the post without its acronym
		}
		k, t := x.lex.title[part]
		if o, isOfficer := x.lex.officer[part]; isOfficer {
			k, t, officer = o, true, true
		}
		if f, isOffice := x.lex.office[part]; isOffice && !t {
			k, t = f, true
		}
		if !t {
			return "", false, false
		}
		if k == "leads" && !former {
			kind = "leads"
		}
	}
	return kind, officer, true
}

// firmBeforeDot reports whether the first part of a name joined by ・ is a company the
// gazetteer lists (a joint venture or a unit named after its parent: X・Yモビリティ, X・ミュージック):
// the name is a company's, though the model read a foreign person's name.
func (x *Extractor) firmBeforeDot(name string) bool {
	first, _, ok := strings.Cut(name, "・")
	if !ok || first == "" {
		return false
	}
	e := x.gaz.lookupNorm(first)
	return e != nil && e.typ == Firm
}

// suffixedWord reports a common kanji word of two or more characters, which a suffix after it
// (創業|者, 会社|員) makes a word for a person, not the start of a name.
func suffixedWord(t *token) bool {
	return t.cls == clsKanji && (t.pos[1] == "一般" || t.pos[1] == "サ変接続") && t.noun() && t.known && utf8.RuneCountInString(t.surf) >= 2
}

// nameRunBefore returns the first token of a person's name ending right before token i, or -1.
// Names are Latin words, katakana runs joined by ・, or up to four kanji.
func (x *Extractor) nameRunBefore(toks []token, i int, strong bool) int {
	j := i
	for j > 0 && toks[j-1].surf == " " {
		j--
	}
	if j == 0 {
		return -1
	}
	prev := &toks[j-1]
	switch {
	case latinName(prev):
		// An acronym before a title is the body the title heads (JFA会長, IBM社長).
		if !strong && strings.ToUpper(prev.surf) == prev.surf {
			return -1
		}
		ti := j - 1
		for j-ti < 8 {
			if ti >= 2 && toks[ti-1].surf == " " && latinName(&toks[ti-2]) {
				ti -= 2
			} else if ti >= 3 && toks[ti-1].surf == " " && toks[ti-2].surf == "." && initial(&toks[ti-3]) {
				ti -= 3 // an initial (John F. Kennedy)
			} else {
				break
			}
		}
		return ti
	case prev.cls == clsKatakana && prev.surf != "・":
		ti := j - 1
		for {
			// A katakana word the dictionary cuts in two (ウッド|フォード) is one name.
			for ti >= 1 && katakanaWord(toks, ti-1) {
				ti--
			}
			if ti >= 2 && toks[ti-1].surf == "・" && toks[ti-2].cls == clsKatakana {
				ti -= 2
				continue
			}
			break
		}
		if !strong && prev.known && !prev.proper() && ti == j-1 {
			return -1 // 新しいリーダー社長: a common katakana noun, not a name
		}
		if ti+2 < j && toks[ti+1].surf == "・" && x.countryWord(toks[ti].surf) && x.publicPostAt(toks, i) {
			ti += 2 // シリア・ユセフ・ハリル内相: the country the person serves, then the name
		}
		return ti
	case !strong && j >= 3 && prev.cls == clsKanji && prev.pos[1] == "一般" && utf8.RuneCountInString(prev.surf) == 1 &&
		toks[j-2].surf == "の" && toks[j-2].particle() && toks[j-3].noun() && !x.stopsName(prev) &&
		x.names.lookup(prev.surf)&ndSurname != 0 && !x.lex.unitSuffix(prev.surf):
		// 北京大学の王教授: one character the dictionary read as a word (王, a king) between a
		// body and a post is the surname the name dictionary lists, unless it names a kind of
		// body or place (党代表, 州知事).
		return j - 1
	case prev.cls == clsKanji && prev.noun():
		ti, chars, named := j, 0, false
		for ti > 0 {
			t := &toks[ti-1]
			// の|王|小明教授: a one-character word the lexicon takes for a title (王, a king) right
			// before a proper noun of one or two characters, after の, is a Chinese surname when the
			// name dictionary lists it as one.
			surname := ti == j-1 && ti >= 2 && toks[ti-2].surf == "の" && utf8.RuneCountInString(t.surf) == 1 && toks[ti].proper() &&
				utf8.RuneCountInString(toks[ti].surf) <= 2 && x.names.lookup(t.surf)&ndSurname != 0
			if t.cls != clsKanji || !t.noun() || t.pos[1] == "代名詞" || t.pos[1] == "非自立" || x.stopsName(t) && !surname {
				break
			}
			named = named || surname
			if named && t.pos[1] == "接尾" && t.pos[2] == "一般" && ti >= 2 && suffixedWord(&toks[ti-2]) {
				break // 共同創業|者|山田太郎氏, 会社|員|山田氏: the suffix ends the word before the name
			}
			n := len([]rune(t.surf))
			if chars+n > 6 {
				break
			}
			// A two-character common noun is a word, not part of a name, unless the
			// dictionary calls it a name.
			if n >= 2 && !t.proper() && t.known {
				break
			}
			if t.pos[2] == "人名" {
				named = true
			}
			chars += n
			ti--
		}
		// 古|森|重隆氏: a surname the dictionary does not know, read as a prefix and a known
		// surname, is one when the name dictionary lists the two together as a surname.
		if ti > 0 && ti < j && toks[ti-1].pos[0] == "接頭詞" && toks[ti-1].cls == clsKanji && toks[ti].pos[3] == "姓" &&
			!x.stopsName(&toks[ti-1]) && x.names.lookup(toks[ti-1].surf+toks[ti].surf)&ndSurname != 0 {
			ti--
			chars++
		}
		// One character names someone before a title only when the dictionary calls it a
		// surname (森|貫主, 林|監督): a short form of a name given in full before.
		if ti == j || chars < 1 || (chars < 2 && !strong && toks[ti].pos[3] != "姓") {
			return -1
		}
		if !strong && !named {
			return -1
		}
		return ti
	}
	return -1
}

// officerNameBefore returns the first token of a name made of two common kanji words (the
// dictionary reads some names as words) between a company's name and its officer's title
// (東西電機の星正義社長), or -1. The company's name is a proper, katakana or Latin word, or ends in 社.
func (x *Extractor) officerNameBefore(toks []token, i int, title string) int {
	title, _, _ = strings.Cut(title, "兼") // 会長兼社長: the first post names the officer
	if _, ok := x.lex.officer[title]; !ok || i < 4 {
		return -1
	}
	a, b := &toks[i-2], &toks[i-1]
	n := utf8.RuneCountInString(a.surf) + utf8.RuneCountInString(b.surf)
	for _, t := range []*token{a, b} {
		if t.cls != clsKanji || !t.noun() || t.pos[1] != "一般" || x.stopsName(t) {
			return -1
		}
	}
	if n < 3 || n > 4 || toks[i-3].surf != "の" {
		return -1
	}
	if o := &toks[i-4]; !(o.proper() || o.cls == clsKatakana || o.cls == clsLatin || o.surf == "社") {
		return -1
	}
	return i - 2
}

// stopsName reports whether a token ends a name run going leftwards: roles, titles and words
// that describe rather than name (担当, 同).
func (x *Extractor) stopsName(t *token) bool {
	if _, ok := x.lex.role[t.surf]; ok {
		return true
	}
	if _, ok := x.lex.title[t.surf]; ok {
		return true
	}
	if _, ok := x.lex.anaphor[t.surf]; ok {
		return true
	}
	switch t.surf {
	case "同", "元", "前", "新", "故", "両", "現", "各", "旧", "副", "次期":
		return true
	case "ら", "たち", "達", "など", "等":
		return t.pos[1] == "接尾" || t.particle() // 山田らの高校: people, not part of a name
	case "勢":
		return t.pos[1] == "接尾" // 日本勢, 韓国勢: a country's firms or players, not a name
	}
	return false
}

// katakanaFirmEnd reports whether a name is katakana or hiragana words joined by ・ whose last
// part is, or ends in, a company's word of the lexicon written in katakana (…・ネットワークス,
// …・プロダクツ).
func (x *Extractor) katakanaFirmEnd(text string) bool {
	i := strings.LastIndex(text, "・")
	if i <= 0 {
		return false
	}
	last := text[i+len("・"):]
	for _, part := range strings.Split(text[:i], "・") {
		if c := classOfString(part); c != clsKatakana && c != clsHiragana {
			return false // katakana or hiragana words (くめ・…・プロダクツ), no kanji nor Latin
		}
	}
	for r := range last {
		w := last[r:]
		if typ, ok := x.lex.orgSfx[w]; ok && typ == Firm && utf8.RuneCountInString(w) >= 3 && classOfString(w) == clsKatakana {
			return true
		}
	}
	return false
}

// orgSuffix reports whether token i (possibly with the next) is an organisation or place suffix:
// its type, whether it is weak (needs a proper noun before it) and its length in tokens.
func (x *Extractor) orgSuffix(toks []token, i int) (typ string, weak bool, n int) {
	t := &toks[i]
	if (!t.noun() && t.cls != clsLatin) || (t.surf != "" && !x.lex.sfxFirst.hasFirst(t.surf)) {
		return "", false, 0
	}
	var buf [64]byte // the two tokens' key, without allocating
	for k := 2; k >= 1; k-- {
		if i+k > len(toks) {
			continue
		}
		w := append(buf[:0], t.surf...)
		if k == 2 {
			w = append(w, toks[i+1].surf...)
		}
		if typ, ok := x.lex.orgSfx[string(w)]; ok {
			// A company suffix also ends common nouns (電気自動車, 証券): a company name needs a
			// proper noun, a katakana or a Latin word before it.
			return typ, typ == Firm || weakSuffix(string(w)), k
		}
		if typ, ok := x.lex.locSfx[string(w)]; ok {
			// Place suffixes are single characters that also end common words (地方, 州立):
			// only the dictionary's suffix tokens count.
			if t.pos[1] == "接尾" {
				return typ, false, k
			}
		}
	}
	return "", false, 0
}

// hiraganaName returns where a company's name written in hiragana starts before its suffix at
// token i (じぶん|銀行, あおぞら|銀行, りそな|ホールディングス), the tokens from ti to i being the
// hiragana words the suffix rule already took, or -1. The dictionary cuts such a name into
// odd pieces (り|そ|な, あ|おぞ|ら, じ|ぶん); the run is a name when it has two to five
// characters after a particle, a symbol, である or the sentence's start, and reads as no phrase
// of the language: it starts with a one-character auxiliary no inflection starts with, holds a
// filler or a "special" noun, or is common nouns only (もみじ; not すべて, いろいろ). A determiner or a verb's form (ある|銀行, した|銀行,
// られる|証券) is no name.
func hiraganaName(toks []token, ti, i int) int {
	h := ti
	for h > 0 && toks[h-1].cls == clsHiragana && !toks[h-1].particle() && i-h < 6 {
		h--
	}
	if h == i {
		return -1
	}
	copula := false
	if h+1 < i && toks[h].surf == "で" && toks[h+1].surf == "ある" {
		h, copula = h+2, true // 銀行であるじぶん銀行: the copula is no part of the name
	}
	if h > 0 && !copula && !(toks[h-1].particle() || toks[h-1].symbol()) {
		return -1
	}
	name := joinTokens(toks[h:i])
	if n := utf8.RuneCountInString(name); n < 2 || n > 5 || classOfString(name) != clsHiragana {
		return -1
	}
	odd, nouns := false, true
	for k := h; k < i; k++ {
		t := &toks[k]
		if t.pos[0] == "フィラー" || t.noun() && t.pos[1] == "特殊" {
			odd = true
		}
		if !t.noun() || t.pos[1] != "一般" && t.pos[1] != "固有名詞" && t.pos[1] != "特殊" {
			nouns = false
		}
	}
	if first := &toks[h]; first.aux() && utf8.RuneCountInString(first.surf) == 1 && !strings.Contains("でだなたぬんう", first.surf) {
		odd = true // じ|ぶん, り|そ|な: no inflection starts so (not で|なく, だ|けど)
	}
	if !odd && !nouns {
		return -1
	}
	return h
}

// headedBy reports whether a name ending before token i is followed by "の" and a role or title
// (東西電機の社長): the name then heads an organisation, whatever words it is made of.
func (x *Extractor) headedBy(toks []token, i int) bool {
	if i+1 >= len(toks) || toks[i].surf != "の" {
		return false
	}
	w := toks[i+1].surf
	_, role := x.lex.role[w]
	_, title := x.lex.title[w]
	return (role || title) && w != "氏" && w != "さん" && w != "様"
}

// launchedAt reports whether the bracketed words in tokens [i, j) (「」 around them) are the object of
// a verb of making or launching (「X」を開発, 「X」を発売): nouns only, no more than a few, not a
// quotation (「…」を発表 may report words).
func (x *Extractor) launchedAt(toks []token, i, j int) bool {
	if j+2 >= len(toks) || toks[j].surf != "」" || j-i > 5 {
		return false
	}
	switch {
	case toks[j+1].surf == "を":
		if rel := x.lex.predicate[toks[j+2].surf]; rel != "develops" && rel != "releases" || toks[j+2].surf == "発表" || !toks[j+2].noun() {
			return false
		}
	case toks[j+1].surf == "の" && productActivity(toks[j+2].surf):
		// 「X」の量産を始めた, 「X」の最新版を公開した: what is made, shipped or updated.
	default:
		return false
	}
	for k := i; k < j; k++ {
		if t := &toks[k]; !t.noun() && t.surf != "・" && t.pos[0] != "接頭詞" || t.pos[1] == "数" && k == i {
			return false
		}
	}
	return true
}

// productActivity reports whether a noun after "X の" says that X is made, shipped or brought out
// anew (量産, 出荷, 提供, 最新版): X is a product.
func productActivity(w string) bool {
	switch w {
	case "量産", "生産", "出荷", "販売", "発売", "提供", "開発", "公開", "新版", "最新版", "改良版", "新型", "新モデル", "後継機", "次世代版":
		return true
	}
	return false
}

// placeTail reports whether a word after a place's name makes the whole something of that
// place, not a place: a market or a currency (日本市場, 日本円). (A shop, 北浜店, is a facility.)
func placeTail(w string) bool {
	switch w {
	case "市場", "円", "ドル", "ユーロ", "元", "ウォン", "ポンド", "人民元":
		return true
	}
	return false
}

// legalForm reports whether w is a Japanese company's legal form, written before or after its
// name.
func legalForm(w string) bool {
	switch w {
	case "株式会社", "有限会社", "合同会社", "合資会社", "合名会社":
		return true
	}
	return false
}

// citedTitle reports whether the title in 『』 at tokens i and j is a cited headline: the
// sentence is only a source's name, the title and a full stop (東都新聞『…』。).
func citedTitle(toks []token, i, j int) bool {
	if j+1 < len(toks) && toks[j+1].surf != "。" {
		return false
	}
	if j+2 < len(toks) {
		return false
	}
	return !slices.ContainsFunc(toks[:i], func(t token) bool { return t.particle() || t.verb() })
}

// inQuote reports whether token i stands inside 「」 opened before it in the sentence.
func inQuote(toks []token, i int) bool {
	depth := 0
	for k := range i {
		switch toks[k].surf {
		case "「":
			depth++
		case "」":
			depth = max(depth-1, 0)
		}
	}
	return depth > 0
}

// organisationName reports whether a token is, by itself, a company's or body's name: the
// dictionary's organisation or a firm or organisation of the gazetteer.
func (x *Extractor) organisationName(t *token) bool {
	if t.pos[2] == "組織" && t.known {
		return true // (the dictionary calls unknown katakana words organisations too)
	}
	e := x.gaz.lookup(t.surf)
	return e != nil && (e.typ == Firm || e.typ == Organization)
}

// ministry reports whether the word at token ti and the suffix at token i name a ministry or
// an agency: 省 or 庁 after one word of two characters or more (総務省, 財務省, 金融庁), not
// after 同, 各 or 本.
func ministry(toks []token, ti, i int) bool {
	if i != ti+1 || (toks[i].surf != "省" && toks[i].surf != "庁") {
		return false
	}
	return toks[ti].cls == clsKanji && utf8.RuneCountInString(toks[ti].surf) >= 2 && toks[ti].pos[0] == "名詞"
}

// nameEnd returns where a person's name in tokens [i, end) ends when a title follows at end:
// the words between the name and the title belong to the title (伊達忠一|参議院議長,
// 溝上恵|東京大学名誉教授, ハワード|豪首相, 亀井久興|元衆院議員, 王毅|駐日大使). The name keeps its
// first token.
func (x *Extractor) nameEnd(toks []token, i, end int) int {
	k := end
	if d := x.namePlaceDot(toks, i, k); d > 0 {
		return d // ジョン・ゼフィラ|・|トルコ|首相: the country is the post's
	}
	if toks[i].pos[2] == "人名" {
		for k > i+1 && bodyWord(&toks[k-1]) {
			k--
		}
	}
	if k > i+1 && x.gaz.abbrev[toks[k-1].surf] != nil && toks[k-1].pos[2] != "人名" {
		k--
	}
	if k > i+1 && (titlePrefix(toks[k-1].surf) || toks[k-1].surf == "駐") {
		k--
	}
	return k
}

// bodyWord reports whether a token between a person's name and a title is part of the title's
// body rather than of the name (参議院, 東京, 大学, 名誉 in …東京大学名誉教授): a word of two kanji or
// more that is not a personal name (the dictionary cuts given names into such pieces less often
// than into single characters).
func bodyWord(t *token) bool {
	return t.cls == clsKanji && t.pos[2] != "人名" && utf8.RuneCountInString(t.surf) >= 2 && t.noun()
}

// eraName reports whether tokens [ti, tj), a name of type typ, are a Japanese era's name before
// a year (文久元年, 安政4年, 昭和20年) or a period's before 時代: a date, not the place or person the
// dictionary may call it.
func eraName(toks []token, ti, tj int, typ string) bool {
	if tj-ti != 1 || tj >= len(toks) || toks[ti].cls != clsKanji || utf8.RuneCountInString(toks[ti].surf) != 2 {
		return false
	}
	next := &toks[tj]
	// A period named after its seat of government (江戸時代, 鎌倉時代): the period, not the place
	// (nor the person the dictionary may read); a body's time (国鉄時代, a team's) is the body's.
	return next.surf == "元年" || next.surf == "時代" && typ != Organization && typ != Firm ||
		(next.pos[1] == "数" && tj+1 < len(toks) && toks[tj+1].surf == "年")
}

// timeNote reports whether tokens ts, whose text is text, tell a time of day rather than name a
// thing: a time zone (太平洋標準時, 欧州中央夏時間) or an offset from universal time (UTC+2, 1211 GMT),
// which a note on a time joins to the place or country whose clock it is (UTC-5日本時間, UTC+2=ドイツ
// 夏時間): no name of a place, a body or a product.
func timeNote(ts []token, text string) bool {
	if strings.Contains(text, "標準時") || strings.Contains(text, "夏時間") || strings.Contains(text, "冬時間") {
		return true
	}
	for i := range ts {
		switch ts[i].surf {
		case "UTC", "GMT", "JST":
			return true
		}
	}
	return false
}

// zoneAfter reports whether the tokens after a name begin a time zone's name, so that the name is
// the zone's region (欧州|中央夏時間, 太平洋|標準時, 米国|東部夏時間, アメリカ|太平洋岸夏時間, 日本|時間), part
// of a time, not a place spoken of.
func zoneAfter(ts []token) bool {
	if len(ts) == 0 {
		return false
	}
	switch r, _ := decodeRune(ts[0].surf); r {
	case '東', '西', '中', '山', '太', '岸', '地', '標', '夏', '冬':
	case '時':
		return ts[0].surf == "時間" // 日本|時間, 米国|時間: a country's clock
	default:
		return false // most words after a name begin no zone
	}
	rest := joinTokens(ts[:min(len(ts), 4)])
	region := false // a region's words stripped: 米国|東部|時間, 太平洋地域時間
	for _, w := range []string{"東部", "西部", "中部", "中央", "山岳部", "山岳", "太平洋岸", "太平洋"} {
		if strings.HasPrefix(rest, w) {
			rest, region = rest[len(w):], true
			break
		}
	}
	if r := strings.TrimPrefix(strings.TrimPrefix(rest, "岸"), "地域"); r != rest { // アメリカ|太平洋岸夏時間, 太平洋地域夏時間
		rest, region = r, true
	}
	return strings.HasPrefix(rest, "標準時") || strings.HasPrefix(rest, "夏時間") || strings.HasPrefix(rest, "冬時間") ||
		region && strings.HasPrefix(rest, "時間") // 米国|東部|時間
}

// diseaseAfter reports whether the word after a name makes it a disease's or a virus's name
// (エボラ|出血熱, エボラ|熱, パーキンソン|病, 北浜|ウイルス): the place or person it is named after
// is not spoken of.
func diseaseAfter(ts []token) bool {
	if len(ts) == 0 {
		return false
	}
	switch ts[0].surf {
	case "熱", "出血熱", "病", "ウイルス", "ウィルス":
		return true
	case "出血":
		return len(ts) > 1 && ts[1].surf == "熱"
	}
	return false
}

// weakSuffix: organisation suffixes that also end common noun phrases (研究者グループ, 開発チーム).
func weakSuffix(w string) bool {
	switch w {
	case "グループ", "チーム", "センター", "会社", "機関", "政府", "軍", "警察", "病院", "社", "部隊",
		"通信", "放送", "テレビ", "ガス", "生命", "保険", "建設", "産業", "工業", "化学", "化成", "連合", "Group":
		return true
	}
	return false
}

// productAcronym reports whether a word is an acronym for a kind of product that names the
// product in brackets after it (動画生成AI「X」, 独自のLLM「X」, 新型GPU「X」); alone it is
// no cue (AIクラウドサービス is no product's name).
func productAcronym(w string) bool {
	switch w {
	case "AI", "LLM", "GPU", "CPU", "NPU", "SoC", "OS":
		return true
	}
	return false
}

// productCueAt reports whether the noun phrase ending at token i ends with a product cue
// (動画モーションコントロールツール).
func (x *Extractor) productCueAt(toks []token, i int) bool {
	text := ""
	for k := i; k >= 0 && k > i-4 && toks[k].noun(); k-- {
		text = toks[k].surf + text
		if x.lex.productCue[text] {
			return true
		}
	}
	for cue := range endings(text, x.lex.productCueLens, len(text)) {
		if x.lex.productCue[cue] && utf8.RuneCountInString(cue) >= 2 {
			return true
		}
	}
	return false
}

// katakanaWord reports whether token i is a katakana word (not the ・ between names).
func katakanaWord(toks []token, i int) bool {
	return i >= 0 && i < len(toks) && toks[i].cls == clsKatakana && toks[i].surf != "・"
}

// initial reports whether t is one capital Latin letter, as the initial of a name.
func initial(t *token) bool { return len(t.surf) == 1 && t.surf[0] >= 'A' && t.surf[0] <= 'Z' }

func latinName(t *token) bool {
	if t.cls != clsLatin && t.cls != clsDigit && t.cls != clsOther {
		return false
	}
	hasUpper, hasLetter := false, false
	for _, r := range t.surf {
		switch {
		case r >= 'A' && r <= 'Z':
			hasUpper, hasLetter = true, true
		case r >= 'a' && r <= 'z':
			hasLetter = true
		case r >= '0' && r <= '9', r == '-', r == '.', r == '&', r == '\'':
		default:
			return false
		}
	}
	if !hasLetter {
		return t.cls == clsDigit // 360 in "360 Security Technology"
	}
	return hasUpper
}

func hasNameChar(s string) bool {
	for _, r := range s {
		switch classOf(r) {
		case clsKanji, clsKatakana, clsLatin:
			return true
		}
	}
	return false
}

func joinTokens(ts []token) string {
	if len(ts) == 1 {
		return ts[0].surf
	}
	if len(ts) == 0 {
		return ""
	}
	// A sentence's tokens are slices of its text, one after another (analyze, splitBrackets,
	// splitLeague): a run of them is the slice of the text from the first to the last, which
	// needs no copy. Where one does not follow the other in memory, they are copied.
	p, n := unsafe.StringData(ts[0].surf), len(ts[0].surf)
	for i := 1; i < len(ts); i++ {
		if len(ts[i].surf) == 0 || unsafe.StringData(ts[i].surf) != (*byte)(unsafe.Add(unsafe.Pointer(p), n)) {
			p = nil
			break
		}
		n += len(ts[i].surf)
	}
	if p != nil {
		return unsafe.String(p, n)
	}
	n = 0
	for i := range ts {
		n += len(ts[i].surf)
	}
	var b strings.Builder
	b.Grow(n)
	for i := range ts {
		b.WriteString(ts[i].surf)
	}
	return b.String()
}

// choose keeps the best non-overlapping candidates. Candidates come in tiers of reliability: a
// name marked by an honorific; the trained model's spans with the gazetteer and suffix names;
// then the weaker script and cue rules. Within a tier the longer name goes first (日本自由党 over
// 日本, 上海人工知能研究所 over 上海), then the model, then confidence; a candidate overlapping one
// already kept is dropped. A gazetteer match with exactly the span of a kept mention lends it
// its entry and type: the model found the name, the gazetteer knows the thing.
func (x *Extractor) choose(toks []token, cands []*mention) []*mention {
	tier := func(m *mention) int {
		switch {
		case m.rule == "honorific" && m.conf >= confHonorific, m.rule == "title":
			return 0
		case m.rule == "ner" || m.rule == "gazetteer" || m.rule == "suffix" || m.rule == "honorific":
			return 1
		}
		return 2
	}
	slices.SortStableFunc(cands, func(a, b *mention) int {
		if ta, tb := tier(a), tier(b); ta != tb {
			return ta - tb
		}
		if la, lb := a.length(), b.length(); la != lb {
			return lb - la
		}
		// At equal length a rule goes first: its type is the better evidence.
		if (a.rule == "ner") != (b.rule == "ner") {
			if a.rule == "ner" {
				return 1
			}
			return -1
		}
		switch {
		case a.conf > b.conf:
			return -1
		case a.conf < b.conf:
			return 1
		}
		return a.start - b.start
	})
	out := make([]*mention, 0, len(cands))
	for _, c := range cands {
		i := slices.IndexFunc(out, func(o *mention) bool { return c.start < o.end && o.start < c.end })
		switch {
		case i < 0:
			out = append(out, c)
		case c.rule == "ner" && c.typ != Person && out[i].rule == "honorific" && c.start <= out[i].start && out[i].end <= c.end &&
			fillsBrackets(toks, c.ti, c.tj) && slices.IndexFunc(out[i+1:], func(o *mention) bool { return c.start < o.end && o.start < c.end }) < 0:
			// 「山田さんの料理教室」: a work the model read whole, named after a person whose
			// honorific is in its title; the title is the name.
			out[i] = c
		case c.gaz != nil && out[i].gaz == nil && out[i].start == c.start && out[i].end == c.end &&
			!(out[i].rule == "honorific" && out[i].conf >= confHonorific && (c.typ == Country || c.typ == Location)):
			// (A place's name written with 氏 or さん is a person's: ジョージア氏.)
			out[i].gaz, out[i].typ = c.gaz, c.typ
		case out[i].rule == "title" && out[i].typ == Product && out[i].start == c.start && out[i].end == c.end && (c.rule == "suffix" || c.rule == "gazetteer" || c.rule == "proper" || c.rule == "ner" && c.typ != Person):
			// A title in 『』 that is itself a known or suffixed name (『東西医学協会』) keeps
			// that name's type.
			out[i].gaz, out[i].typ = c.gaz, c.typ
		case (c.rule == "bracket" || c.rule == "cue" && (out[i].typ != Person || c.kindCue)) && out[i].rule == "ner" && out[i].start == c.start && out[i].end == c.end:
			// A cue names the kind of thing outright (ツール「X」, 企業のX): the model found
			// the name, the cue types it. A company's person (…銀行の呉金川) stays a person, unless
			// the cue is a kind of company alone (スタートアップの智源未来).
			out[i].typ, out[i].rule, out[i].conf = c.typ, c.rule, c.conf
		case c.rule == "cue" && c.typ == Firm && out[i].rule == "ner" && c.start <= out[i].start && out[i].end <= c.end && c.length() > out[i].length() &&
			slices.IndexFunc(out[i+1:], func(o *mention) bool { return c.start < o.end && o.start < c.end }) < 0 &&
			!slices.ContainsFunc(toks[c.ti:out[i].ti], func(t token) bool {
				return !(t.proper() || !t.known || kanjiModifier(&t))
			}) &&
			!slices.ContainsFunc(toks[out[i].tj:c.tj], func(t token) bool {
				return !(t.proper() || !t.known || t.cls == clsKanji && t.noun() && t.pos[1] == "一般")
			}):
			// スタートアップ、深|藍|智能: the model read a part of the name the cue introduces
			// whole (the dictionary cut it into a surname and words); the cue's name is the name.
			out[i] = c
		}
	}
	slices.SortFunc(out, func(a, b *mention) int { return a.start - b.start })
	return out
}

// inscription reports whether a mention is words written on something, quoted in brackets
// before と書かれた, とある or と表示 (ラベルに「ABC」「XYZ」とあるもの): the text of a label, not a
// name.
func inscription(toks []token, m *mention) bool {
	if m.ti == 0 || toks[m.ti-1].surf != "「" || m.tj >= len(toks) || toks[m.tj].surf != "」" {
		return false
	}
	k := m.tj + 1
	for n := 0; n < 12 && k < len(toks) && toks[k].surf == "「"; n++ { // a run of labels: 「A」「B」とある
		for k < len(toks) && toks[k].surf != "」" {
			k++
		}
		k++
	}
	if k+1 >= len(toks) || toks[k].surf != "と" {
		return false
	}
	switch toks[k+1].lemma() {
	case "ある", "書く", "表示", "印字": // not 記載: 「X」と記載されている names a thing by its designation
		return true
	}
	return false
}

// mangledLatin reports whether a Latin span is no name but a title or a date of a reference in
// English, as the dump writes them: letters spaced one by one (T h e J o u r nal…), or a month
// and a day (October 22, May 13).
func mangledLatin(s string) bool {
	if !strings.Contains(s, " ") || s[0] >= utf8.RuneSelf {
		return false // both forms are Latin words with spaces between them
	}
	f := strings.Fields(s)
	run := 0
	for _, w := range f {
		if utf8.RuneCountInString(w) == 1 && latinLetter([]rune(w)[0]) {
			if run++; run >= 3 {
				return true
			}
		} else {
			run = 0
		}
	}
	if len(f) >= 2 && f[1] != "" && f[1][0] >= '0' && f[1][0] <= '9' {
		switch f[0] {
		case "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December":
			return true
		}
	}
	return false
}

// commonNotName reports whether a mention is a common phrase rather than a name: a people's name
// (日本人, フランス人), common words ending in 企業, 会社 or メーカー (海外企業, 自動車部品メーカー), or a country's market or currency
// read as some other name than a place (台湾ドル as a company; places are cut where the model's
// spans are read, placeTail).
func (x *Extractor) commonNotName(toks []token, m *mention) bool {
	if m.gaz == nil && (x.demonym(m.text) || mangledLatin(m.text)) {
		return true
	}
	if m.gaz != nil || m.tj-m.ti < 2 {
		return false
	}
	last := &toks[m.tj-1]
	first := m.ti
	if x.countryWord(toks[first].surf) {
		first++ // 米調査会社, 中国企業: a country's companies in general
		if m.tj < len(toks) && (toks[m.tj].surf == "大手" || toks[m.tj].surf == "最大手") {
			return true // 独化学|大手, 英通信|大手: the industry of the company named next
		}
	}
	if (last.surf == "企業" || last.surf == "会社" || last.surf == "メーカー") && (m.typ == Firm || m.typ == Organization) &&
		!slices.ContainsFunc(toks[first:m.tj], func(t token) bool {
			if (t.proper() || t.cls == clsLatin) && x.lex.isGeneric(t.surf) {
				return false
			}
			return !t.known || t.proper() || t.cls == clsLatin || t.cls == clsDigit || t.cls == clsKatakana && !t.noun()
		}) {
		return true // (AI新興企業, IT関連会社: a generic acronym is a common word)
	}
	if !placeTail(last.surf) {
		return false
	}
	for _, t := range toks[m.ti : m.tj-1] {
		if g := x.gaz.lookup(t.surf); g == nil || g.typ != Country {
			if x.gaz.abbrev[t.surf] == nil && !slices.ContainsFunc([]rune(t.surf), func(r rune) bool { return x.gaz.abbrev[string(r)] != nil }) {
				return false
			}
		}
	}
	return true
}

// demonym reports whether a name is a country's people (日本人, アメリカ人): the country + 人, no
// name of its own.
func (x *Extractor) demonym(text string) bool {
	country, ok := strings.CutSuffix(text, "人")
	if !ok || country == "" {
		return false
	}
	g := x.gaz.lookupNorm(country)
	return g != nil && g.typ == Country
}

// lawNames gives back to a law's name the nouns the model left before it (覚せい剤|取締法, 廃棄物|処理法):
// a law is named by the run of nouns that ends in 法, up to a word that amends it (改正).
func (x *Extractor) lawNames(toks []token, out []*mention) {
	for i, m := range out {
		if m.gaz != nil || m.typ != Event && m.typ != Product || toks[m.tj-1].surf != "法" || toks[m.tj-1].pos[1] != "接尾" {
			continue
		}
		lo := 0 // the previous name's end: never run into it
		if i > 0 {
			lo = out[i-1].tj
		}
		k := m.ti
		for k > lo && m.ti-k < 4 && lawWord(&toks[k-1]) {
			k--
		}
		if k < m.ti {
			m.ti, m.start = k, toks[k].start
			m.text = joinTokens(toks[m.ti:m.tj])
		}
	}
}

// lawWord reports whether a token can be part of a law's name before its 法: a common kanji or
// hiragana noun (覚せい剤, 取締, 生活再建), not one that amends or points at the law (改正, 同).
func lawWord(t *token) bool {
	return t.noun() && !t.proper() && (t.cls == clsKanji || t.cls == clsHiragana || t.cls == clsOther) &&
		(t.pos[1] == "一般" || t.pos[1] == "サ変接続" || t.pos[1] == "形容動詞語幹" || t.pos[1] == "接尾" && t.pos[2] == "一般") &&
		t.pos[2] != "副詞可能" && t.surf != "改正" && t.surf != "現行" && t.surf != "同" && t.surf != "等"
}

// hyphenJoins reports whether token k is a hyphen that joins the Latin words around it into one
// name (Blu-ray, W-CDMA), not one after a country's name (US-CERT: the country and a body).
func (x *Extractor) hyphenJoins(toks []token, k int) bool {
	return k > 0 && k+1 < len(toks) && toks[k].surf == "-" && toks[k-1].cls == clsLatin && toks[k+1].cls == clsLatin &&
		!x.countryWord(toks[k-1].surf)
}

// countryWord reports whether a word is a country's name or its one-character abbreviation (米, 中).
func (x *Extractor) countryWord(w string) bool { return x.countryEntry(w) != nil }

// countryEntry returns the country a word names, by name or one-character abbreviation, or nil.
func (x *Extractor) countryEntry(w string) *gazEntry {
	if g := x.gaz.abbrev[w]; g != nil {
		return g
	}
	if g := x.gaz.lookupNorm(w); g != nil && g.typ == Country {
		return g
	}
	return nil
}

// namesAroundReadings joins a surname and a given name written on either side of the surname's
// reading in hiragana (山田(やまだ)太郎容疑者, 川村(かわむら)みどりさん): the two are one person's
// name, not two names. The surname is the run of one to four kanji before the reading (or, in a
// longer run, a name of up to three kanji the model read there) with no given name in it; the given
// name, one to three kanji or hiragana, is a person's name the model read or is followed by an
// honorific or a title. A place's unit on either side (…市(…)…県, …(…)…町長) is no person's name.
func (x *Extractor) namesAroundReadings(s *sentence, toks []token, out []*mention) []*mention {
	joined := false
	for p := 1; p+3 < len(toks); p++ {
		if toks[p].surf != "(" {
			continue
		}
		r := p + 1
		for r < len(toks) && toks[r].cls == clsHiragana {
			r++
		}
		if r == p+1 || r+1 >= len(toks) || toks[r].surf != ")" {
			continue
		}
		// the surname: [f, p)
		f := p
		for f > 0 && toks[f-1].cls == clsKanji {
			f--
		}
		if utf8.RuneCountInString(joinTokens(toks[f:p])) > 4 {
			k := slices.IndexFunc(out, func(m *mention) bool { return m.tj == p && m.gaz == nil })
			if k < 0 {
				continue
			}
			f = max(f, out[k].ti)
		}
		sur := []rune(joinTokens(toks[f:p]))
		if f == p || len(sur) > 4 || toks[p-1].pos[1] == "接尾" && toks[p-1].pos[2] == "地域" ||
			slices.ContainsFunc(toks[f:p], func(t token) bool { return t.pos[2] == "人名" && t.pos[3] == "名" }) {
			continue
		}
		// the given name: [g, e)
		g, e := r+1, r+1
		if k := slices.IndexFunc(out, func(m *mention) bool { return m.ti == g }); k >= 0 && out[k].gaz != nil {
			continue
		} else if k >= 0 && out[k].typ == Person {
			e = out[k].tj
		} else {
			titled := func(e int) bool {
				n, _ := x.personTitle(toks, e)
				return n > 0 || x.lex.personSfx[toks[e].surf] || e+1 < len(toks) && x.lex.personSfx[toks[e].surf+toks[e+1].surf]
			}
			for e < len(toks) && e-g < 3 && !titled(e) &&
				(toks[e].cls == clsKanji && toks[e].noun() || toks[e].cls == clsHiragana && (toks[e].noun() || toks[e].pos[0] == "動詞")) {
				e++
			}
			if e == g || e >= len(toks) || !titled(e) {
				continue
			}
		}
		given := []rune(joinTokens(toks[g:e]))
		if cls := classOfString(string(given)); len(given) > 3 || cls != clsKanji && cls != clsHiragana || adminUnit(given[len(given)-1]) ||
			e < len(toks) && adminUnit([]rune(toks[e].surf)[0]) {
			continue
		}
		m := &mention{sent: s.idx, ti: f, tj: e, start: toks[f].start, end: toks[e-1].end,
			text: string(sur) + string(given), typ: Person, conf: confHonorific, rule: "proper", surname: string(sur)}
		if e < len(toks) {
			if n, _ := x.personTitle(toks, e); n > 0 {
				m.title = joinTokens(toks[e : e+n])
			}
		}
		out = slices.DeleteFunc(out, func(o *mention) bool { return o.ti < e && f < o.tj })
		out = append(out, m)
		joined = true
	}
	if joined {
		slices.SortFunc(out, func(a, b *mention) int { return a.start - b.start })
	}
	return out
}

// namesBeforeReadings adds a name written in kanji before its katakana reading in parentheses
// (梁文峰(リャン・ウェンフォン), as Chinese and Korean names are written) when the reading is a
// person's and the kanji are no name yet: the kanji name the same person (linkParenAliases then
// makes the reading its alias).
func (x *Extractor) namesBeforeReadings(s *sentence, toks []token, out []*mention) []*mention {
	var add []*mention
	for _, r := range out {
		if r.typ != Person || r.ti < 2 || r.tj >= len(toks) || toks[r.ti-1].surf != "(" || toks[r.tj].surf != ")" ||
			classOfString(r.text) != clsKatakana || !strings.Contains(r.text, "・") {
			continue
		}
		end := r.ti - 1
		k := end
		for k > 0 && end-k < 3 && toks[k-1].cls == clsKanji && toks[k-1].noun() && !x.stopsName(&toks[k-1]) {
			k--
		}
		n := utf8.RuneCountInString(joinTokens(toks[k:end]))
		if k == end || n < 2 || n > 4 || slices.ContainsFunc(out, func(m *mention) bool { return m.ti < end && k < m.tj }) {
			continue
		}
		add = append(add, &mention{sent: s.idx, ti: k, tj: end, start: toks[k].start, end: toks[end-1].end,
			text: joinTokens(toks[k:end]), typ: Person, conf: confProper - 0.1, rule: "proper"})
	}
	if len(add) == 0 {
		return out
	}
	out = append(out, add...)
	slices.SortFunc(out, func(a, b *mention) int { return a.start - b.start })
	return out
}

// smallCount returns the number a count of two to nine is written with (3, ３ after NFKC, 三), or 0.
func smallCount(w string) int {
	if len(w) == 1 && w[0] >= '2' && w[0] <= '9' {
		return int(w[0] - '0')
	}
	if i := strings.Index("二三四五六七八九", w); i >= 0 && len(w) == 3 {
		return i/3 + 2
	}
	return 0
}

// postOfNext reports whether the words from token k, right after a title, hand it to the person
// named next: の and a name with an honorific (…最高経営責任者の山田太郎氏), or 、 and one (…社長、
// 山田太郎氏).
func (x *Extractor) postOfNext(toks []token, k int) bool {
	if k >= len(toks) || toks[k].surf != "の" && toks[k].surf != "、" {
		return false
	}
	for n := k + 2; n < len(toks) && n <= k+5; n++ {
		if _, strong := x.personTitle(toks, n); strong {
			return toks[n-1].noun() && !toks[n-1].known || toks[n-1].proper()
		}
		if !toks[n-1].noun() {
			return false
		}
	}
	return false
}

// employeeAt reports whether tokens from i spell a word for the people a company employs
// (社員, 従業員, 副|操縦|士, 客室|乗務|員; not 職員, which bodies employ too: ケア|マネジャーの職員).
func (x *Extractor) employeeAt(toks []token, i int) bool {
	// Each word is matched against the tokens' surfaces in turn, with no string built: this runs
	// at every の of every sentence.
	for _, w := range [...]string{"社員", "元社員", "従業員", "操縦士", "副操縦士", "機長", "乗務員", "客室乗務員", "整備士"} {
		k := i
		for k < len(toks) && k < i+4 && w != "" && toks[k].surf != "" && strings.HasPrefix(w, toks[k].surf) {
			w = w[len(toks[k].surf):]
			k++
		}
		if w == "" {
			return k == len(toks) || !toks[k].noun() || toks[k].pos[1] == "接尾"
		}
	}
	return false
}
