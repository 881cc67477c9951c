package extract

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Votes given by context to a name's type.
const voteContext = 0.6

// voteCue is the vote of a cue that names the type outright (首都X is a place).
const voteCue = 5

// contextTypes adds type votes from what surrounds each mention of a name the gazetteer does not
// know: a firm's product (GoogleのTPU), a product cue (ツールであるX, Xアーキテクチャ), the object of
// a development or release (Xを公開), a passive release (Xは発売された), a company cue (企業X).
func (d *doc) contextTypes() {
	for si := range d.sents {
		if d.sents[si].boiler {
			continue // headlines and citations are no prose: their words say little about a name
		}
		f := &frame{d: d, s: &d.sents[si], ms: d.ments[si], si: si}
		for _, m := range f.ms {
			// A capital named (首都X, 州都X) is a place, whatever its words look like and
			// however the model read its other mentions.
			// So is what has one (Xの首都).
			capital := func(w string) bool { return w == "首都" || w == "州都" || w == "県都" }
			if m.ent != nil && m.ent.gaz == nil && (capital(f.tok(m.ti-1).surf) || f.tok(m.tj).surf == "の" && capital(f.tok(m.tj+1).surf)) {
				m.ent.votes[Location] += voteCue
				continue
			}
			if t := f.definedAs(m); t != "" && m.ent != nil && m.ent.gaz == nil {
				m.ent.votes[t] += voteCue
				continue
			}
			if t := f.cueOutright(m); t != "" && m.ent != nil && m.ent.gaz == nil {
				m.ent.votes[t] += voteCue
				continue
			}
			if m.ent != nil && m.ent.gaz == nil && m.typ == Location && m.rule == "ner" {
				// The model's place that a cue right before calls a company or a product
				// (メーカー大手・X, サービスX).
				if t := f.cueType(m); t != "" {
					m.ent.votes[t] += voteContext
				}
				continue
			}
			if m.ent != nil && m.ent.gaz == nil && isType(&entity{typ: m.typ}, Firm, Organization) && m.rule == "ner" && f.tok(m.ti-1).surf != "の" && f.cueType(m) == Product {
				// The model's company that a product cue written against it calls a product
				// (サービスNorthVideo, アプリ「X」).
				m.ent.votes[Product] += voteContext
				continue
			}
			if m.ent == nil || m.ent.gaz != nil || (m.typ == Person && m.rule == "honorific") || m.typ == Country || m.typ == Location {
				continue
			}
			if t := f.contextType(m); t != "" {
				m.ent.votes[t] += voteContext
			}
		}
	}
}

// reportOf reports whether m is named as the author of a report: followed by の and, within
// two more words, 報道 or 記事 (Xの報道, 「X」の以下の報道によると).
func (f *frame) reportOf(m *mention) bool {
	k := f.after(m)
	if f.tok(k).surf != "の" {
		return false
	}
	for n := k + 1; n <= k+3; n++ {
		if w := f.tok(n).surf; w == "報道" || w == "記事" {
			return true
		}
	}
	return false
}

// citedSource reports whether m is cited as the source of the sentence: followed by によると or
// によれば, maybe through a list of sources (朝日と読売によると, 朝日、NHKによれば).
func (f *frame) citedSource(m *mention) bool {
	k := f.after(m)
	for n := 0; n < 4; n++ {
		if accordingToAt(f.s.toks, k) {
			return true
		}
		if w := f.tok(k).surf; w != "と" && w != "、" && w != "や" {
			return false
		}
		next := f.startingAt(k + 1)
		if next == nil {
			return false
		}
		k = f.after(next)
	}
	return false
}

// definedAs returns the type that a sentence defining a name gives it: the name, its topic, and
// the kind of thing it is as the sentence's last noun (Xは、…を管理するソフトウェア。Xは…の電機
// メーカーである。): a product's kind makes a product, a company's a company. Not when another
// topic or subject follows (Xは…が開発したゲームだ: X is still the topic, but Xは…、Yは…ソフト
// ウェアだ is about Y), nor when the last noun ends another name.
func (f *frame) definedAs(m *mention) string {
	i := f.after(m)
	if t := f.tok(i); t.surf != "は" || !t.particle() {
		return ""
	}
	end := i + 1
	for end < len(f.s.toks) && f.tok(end).surf != "。" {
		if t := f.tok(end); t.particle() && t.surf == "は" {
			return ""
		}
		end++
	}
	k := end - 1
	switch {
	case f.tok(k).surf == "だ" || f.tok(k).surf == "です":
		k--
	case f.tok(k).surf == "ある" && f.tok(k-1).surf == "で":
		k -= 2
	}
	t := f.tok(k)
	if k <= i || !t.noun() || t.proper() || f.endingAt(k+1) != nil {
		return ""
	}
	lex := f.d.x.lex
	switch {
	case lex.productCue[t.surf]:
		return Product
	case lex.firmCue[t.surf] && t.surf != "グループ" && t.surf != "傘下" && t.surf != "紙":
		return Firm
	}
	return ""
}

func (f *frame) contextType(m *mention) string {
	lex := f.d.x.lex
	prev := m.ti - 1
	for prev >= 0 && f.tok(prev).surf == " " {
		prev--
	}
	// A name the model reads as a person's stays one: a firm's people are named after it (…物産
	// の太田), heads of bodies have staff, and persons announce and release things.
	person := m.typ == Person && m.rule == "ner"
	// Firm の X: a firm's product.
	if f.tok(prev).surf == "の" && !person {
		if o := f.endingAt(prev); o != nil && o.ent != nil && (o.ent.gaz != nil && isType(o.ent, Firm) || o.typ == Firm && o.rule != "latin") {
			return Product
		}
	}
	// ブラウザのX, ソフトウェアの「X」: the kind of product, then its name.
	if k := prev; !person && (f.tok(k).surf == "の" || (f.tok(k).surf == "「" || f.tok(k).surf == "『") && f.tok(k-1).surf == "の") {
		if f.tok(k).surf != "の" {
			k--
		}
		if t := f.tok(k - 1); t.noun() && lex.productCue[t.surf] && f.endingAt(k) == nil {
			return Product
		}
	}
	// Product cue before (ツールである X, ツール「X」) or after (X アーキテクチャ).
	if f.tok(prev).surf == "ある" && f.tok(prev-1).surf == "で" && f.cueBefore(prev-1) {
		return Product
	}
	if f.tok(prev).surf == "、" && f.cueBefore(prev) {
		return Product
	}
	next := f.after(m)
	if t := f.tok(next); t.noun() && lex.productCue[t.surf] && f.startingAt(next) == nil {
		return Product
	}
	// Company cue: 企業 X, メーカーの X, スタートアップ、X, 会社である X, メーカー・『X』.
	cue := prev
	if w := f.tok(cue).surf; w == "「" || w == "『" {
		cue--
	}
	if w := f.tok(cue).surf; w == "の" || w == "、" || w == "・" {
		cue--
	} else if w == "ある" && f.tok(cue-1).surf == "で" {
		cue -= 2
	}
	if t := f.tok(cue); t.noun() && lex.firmCue[t.surf] {
		return Firm
	}
	// Body cue: 標準化団体である X, 組織・X: a body of members, not a company (unless named X社).
	// After ・ a name the model reads as a person's is the body's officer (組織・X会長).
	if w := f.tok(prev).surf; (w == "・" && !person || w == "ある" && f.tok(prev-1).surf == "で") && !strings.HasSuffix(m.text, "社") {
		c := prev - 1
		if w == "ある" {
			c = prev - 2
		}
		if t := f.tok(c); t.noun() && (t.surf == "団体" || t.surf == "組織") {
			return Organization
		}
	}
	// 新社名は「X」: a company's name.
	if w := f.tok(prev).surf; w == "「" || w == "『" {
		k := prev - 1
		if f.tok(k).particle() && (f.tok(k).surf == "は" || f.tok(k).surf == "が" || f.tok(k).surf == "を") {
			k--
		}
		if w := f.tok(k).surf; w == "社名" || w == "商号" || w == "新会社" {
			return Firm
		}
	}
	// …アプリを提供する X: the name a clause of making or supplying something describes.
	// People develop things too; supplying them is a company's business.
	if t := f.tok(prev); t.verb() || t.aux() {
		for k := prev; k >= 0 && k > prev-4; k-- {
			p := f.predicateAt(k)
			if p == nil {
				continue
			}
			if p.adnomial && p.next == m.ti && !p.passive && f.tok(p.i-1).surf == "を" &&
				(p.rel == "supplies" || (!person && (p.rel == "develops" || p.rel == "releases"))) {
				return Firm
			}
			break
		}
	}
	if t := f.calledProduct(m, prev); t != "" {
		return t
	}
	// 同社のパソコン「X」, NのOS「X」: a company's thing named in brackets is its product.
	if w := f.tok(prev).surf; (w == "「" || w == "『") && !person {
		k := prev - 1
		for k > 0 && k > prev-5 && f.tok(k).noun() && f.startingAt(k) == nil {
			k--
		}
		if k < prev-1 && f.tok(k).surf == "の" {
			if o := f.endingAt(k); o != nil && isType(o.ent, Firm) && o.ent != m.ent {
				return Product
			}
			if a := f.anaphorBefore(k); a.ent != nil && isType(a.ent, Firm) && a.ent != m.ent {
				return Product
			}
		}
	}
	// Xは、同社の… / Xが、同社サービス…: what 同社 takes up at once is a company.
	if p, pi := f.particleAfter(m); p == "は" || p == "が" {
		k := pi + 1
		for f.tok(k).surf == "、" || f.tok(k).surf == " " {
			k++
		}
		if f.tok(k).surf == "同社" && !(m.typ == Organization || m.typ == Country) {
			return Firm
		}
	}
	next0 := f.after(m)
	// X の製造元, X の販売元: what has a maker or a seller is a product.
	if f.tok(next0).surf == "の" && makerWord(f.tok(next0+1).surf) != "" && !person {
		return Product
	}
	// X の本社, X の株価, X の買収: only a company has them.
	if f.tok(next0).surf == "の" {
		switch f.tok(next0 + 1).surf {
		case "本社", "株価", "株式", "株主", "社員", "従業員", "経営陣", "買収", "子会社", "親会社", "傘下", "決算", "社名":
			return Firm
		}
	}
	// X の代表, X の CEO: a company with a head or staff, unless it is read as another body
	// (a ministry, an event) that has heads and staff too.
	if f.tok(next).surf == "の" {
		if _, ok := lex.role[f.tok(next+1).surf]; ok && m.typ != Person && m.typ != Organization && m.typ != Event {
			return Firm
		}
		if _, ok := lex.role[f.tok(next+1).surf]; ok && m.rule == "katakana" {
			return Firm
		}
	}
	// Argument of a predicate.
	part, pi := f.particleAfter(m)
	if part == "" {
		return ""
	}
	for k := pi + 1; k < len(f.s.toks) && k < pi+12; k++ {
		if t := f.tok(k); t.surf == "。" || (t.particle() && (t.surf == "は" || t.surf == "が") && k != pi) {
			break
		}
		// A subject that speaks (Xは…と発表した) is a company, not its product, unless it reads
		// as a person or another body (…という is hearsay: anything can be its topic).
		if v, _ := f.speechAt(k); v != "" && v != "言う" && (part == "は" || part == "が") && !person && m.typ != Organization && m.typ != Person {
			return Firm
		}
		p := f.predicateAt(k)
		if p != nil && p.adnomial && part == "が" && !p.passive && !person && (p.rel == "develops" || p.rel == "releases" || p.rel == "supplies") {
			return Firm // Xが提供するサービス: the maker of the noun it modifies
		}
		if p == nil || p.adnomial {
			continue // a relative clause (…公開されているモデル) is about another noun
		}
		product := p.rel == "develops" || p.rel == "releases" || p.rel == "uses"
		if strings.HasPrefix(p.text, "搭載") && part != "を" {
			break // Xは…を搭載している: a device as often as its maker carries a part
		}
		switch {
		case p.rel == "acquires" && part == "を" && !p.passive:
			return Firm // Xを買収: what is bought is a company
		case product && part == "を" && !p.passive:
			return Product
		case product && (part == "は" || part == "が") && p.passive:
			return Product
		case (product || p.rel == "supplies" || p.rel == "acquires") && (part == "は" || part == "が") && !p.passive && !p.adnomial && !person && m.typ != Organization:
			return Firm // (bodies develop, release and use things too: 財務省は結果を発表した)
		}
		break
	}
	return ""
}

// cueType returns the type a cue right before a name gives it: a company cue (メーカー大手・X,
// 企業のX, 大手X) makes it a firm; a product cue written against a Latin or katakana name
// (サービスX, ツール「X」) a product.
func (f *frame) cueType(m *mention) string {
	prev := m.ti - 1
	for prev >= 0 && f.tok(prev).surf == " " {
		prev--
	}
	bracket := false
	if w := f.tok(prev).surf; w == "「" || w == "『" {
		prev--
		bracket = true
	}
	// A name written against the cue word is a name only in another script than kanji (大手町
	// is a place); and a group's members (グループの日本人) are not companies.
	c := classOfString(m.text)
	name := c == clsLatin || c == clsKatakana && slices.ContainsFunc(f.s.toks[m.ti:m.tj], func(t token) bool { return !t.known || t.proper() })
	cue := prev
	if w := f.tok(cue).surf; w == "の" || w == "・" || w == "、" {
		cue--
	}
	if t := f.tok(cue); t.noun() && f.d.x.lex.firmCue[t.surf] && t.surf != "グループ" && (cue < prev || bracket || name) {
		return Firm
	}
	if t := f.tok(prev); t.noun() && (bracket || name) && f.d.x.productCueAt(f.s.toks, prev) {
		return Product
	}
	return ""
}

// cueBefore reports whether the noun phrase ending at token i (exclusive) ends with a product cue.
func (f *frame) cueBefore(i int) bool {
	for i > 0 && f.tok(i-1).surf == " " {
		i--
	}
	return i > 0 && f.tok(i-1).noun() && f.d.x.productCueAt(f.s.toks, i-1)
}

// calledProduct: このソフトウェアは「X」と呼ばれ, 「X」と呼ばれるソフトウェア — a bracketed name given
// to what a product cue names is a product.
func (f *frame) calledProduct(m *mention, prev int) string {
	if w := f.tok(prev).surf; w != "「" && w != "『" {
		return ""
	}
	k := m.tj
	if f.tok(k).surf == "(" {
		for k < len(f.s.toks) && f.tok(k).surf != ")" && k-m.tj < 8 {
			k++
		}
		k++
	}
	if w := f.tok(k).surf; w != "」" && w != "』" {
		return ""
	}
	if f.tok(k+1).surf != "と" || (f.tok(k+2).lemma() != "呼ぶ" && f.tok(k+2).lemma() != "称する") {
		return ""
	}
	j := k + 3
	for j < len(f.s.toks) && j < k+6 && (f.tok(j).aux() || f.tok(j).verb()) {
		j++
	}
	if t := f.tok(j); t.noun() && f.d.x.lex.productCue[t.surf] {
		return Product
	}
	for i := 0; i < prev; i++ {
		if t := f.tok(i); t.particle() && t.surf == "は" {
			if f.cueBefore(i) {
				return Product
			}
			break
		}
	}
	return ""
}

// cueOutright returns the type that the words around a name give outright: a storm's name
// (台風15号「X」, ハリケーン「X」) is an event; a news outlet's (X新聞, X日報, Xタイムズ紙, Xスポーツ)
// is a company, the publisher, not a product, a body or a person.
func (f *frame) cueOutright(m *mention) string {
	k := m.ti - 1
	if w := f.tok(k).surf; w == "「" || w == "『" {
		k--
	}
	switch w := f.tok(k).surf; {
	case w == "台風" || w == "ハリケーン" || w == "サイクロン" || w == "熱帯低気圧" || w == "号" && (f.tok(k-2).surf == "台風" || f.tok(k-2).surf == "ハリケーン"):
		return Event
	}
	// A storm named with its kind (ハリケーン・カトリーナ, 台風13号) is an event too.
	if strings.HasPrefix(m.text, "ハリケーン・") || strings.HasPrefix(m.text, "サイクロン・") || m.tj-m.ti >= 2 && f.tok(m.ti).surf == "台風" {
		return Event
	}
	// A katakana or Latin name + 紙, the word for newspaper after the name or inside it
	// (ワシントン・クーリエ紙, ル・モンド紙).
	for _, k := range []int{m.tj, m.tj - 1} {
		if f.tok(k).surf == "紙" && k-1 >= m.ti && (f.tok(k-1).cls == clsKatakana || f.tok(k-1).cls == clsLatin) {
			return Firm
		}
	}
	// X株 (X株を取得, X株の売却, X株大量誤発注): shares are a listed company's. (A place's market,
	// 東京株, 米国株, is a gazetteer name and gets no votes here.)
	if t := f.tok(f.after(m)); t.surf == "株" && t.noun() && m.typ != Country && m.typ != Product && m.tj-m.ti <= 3 {
		return Firm
	}
	// X(Aの子会社), X(A傘下): what a company owns is a company, whatever its name looks like.
	if f.subsidiaryNote(f.after(m)) {
		return Firm
	}
	if f.d.x.lex.outlet[m.text] && f.citedSource(m) {
		return Firm // 朝日によると, 読売と時事通信によれば: an outlet's short name cited as the source
	}
	if utf8.RuneCountInString(m.text) < 3 {
		return ""
	}
	switch m.typ {
	case Organization, Location, Event:
		// A news outlet's name (X新聞, Xスポーツ, Xテレビ, ITmedia) read as a body, a place or an
		// event: the outlet is a company.
		if lex := f.d.x.lex; lex.isOutlet(m.text) && !lex.isGeneric(m.text) && !strings.HasPrefix(m.text, "同") {
			return Firm
		}
	case Product, Person:
		// A product may end in an outlet's word (Xスポーツ, a game; Xテレビ, a set), a person's
		// name run into a post (…・スポーツ相): only a newspaper's or a news site's name is the
		// company's, or a name whose report is cited (「Xスポーツ」の以下の報道, Xスポーツの記事).
		if f.d.x.lex.outlet[m.text] || f.d.x.lex.isOutlet(m.text) && f.reportOf(m) {
			return Firm
		}
		for _, sfx := range []string{"新聞", "新報", "日報", "タイムズ", "タイムス", "ポスト", "通信社", "Watch"} {
			if strings.HasSuffix(m.text, sfx) {
				return Firm
			}
		}
	}
	return ""
}

// subsidiaryNote reports whether a note in parentheses at token i says that the name before it
// is a company's subsidiary: (Aの子会社), (Aの完全子会社), (A傘下), a name and の at most
// five tokens long before the word.
func (f *frame) subsidiaryNote(i int) bool {
	if f.tok(i).surf != "(" {
		return false
	}
	for k := i + 2; k <= i+7; k++ {
		switch w := f.tok(k).surf; {
		case w == ")" || w == "(" || w == "、" || w == "。" || w == "":
			return false
		case (w == "子会社" || w == "傘下") && f.tok(k+1).surf == ")":
			return true
		}
	}
	return false
}
