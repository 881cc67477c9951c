package extract

import (
	"slices"
	"strings"
)

// predicate is a predicate found at a token: its relation and how it is used.
type predicate struct {
	i, j     int // tokens [i, j) of the predicate word
	rel      string
	text     string
	negated  bool
	passive  bool
	adnomial bool // modifies the noun after it: Nvidiaが設計したGPU
	// nounObject: the relation is a noun object of the verb (規制を強化した): the object is what
	// the noun phrase restricts, given as its words.
	nounObject bool
	next       int // first token after the predicate's verb chain
	// shares: a verb of buying or holding (取得, 買い取る) whose object, shares of a company, makes
	// the subject invest in that company.
	shares bool
	// order: an order issued or an inspection begun (命令を出す, 検査に入る): its object is a name
	// (Xに対し), never the order's own words.
	order bool
	// inquiry: an investigation opened (調査を開始した): its target is marked as one (に, への).
	inquiry bool
	// holding: a verb of holding (保有する, 所有する): shares held invest in their company, a
	// company or team held is owned (parent_of).
	holding bool
	// received: an investment received (Yから出資を受けた): the giver, marked から, invests in
	// the subject.
	received bool
	// transfer: a verb of selling or handing over (売却する, 事業譲渡する): the receiver, marked
	// に, acquires the company sold, or the seller's business.
	transfer bool
	// deal: the token of a deal noun (買収, 提携, 出資) that is the object of a verb of announcing
	// or deciding (Yの買収を発表した): its name before の is the object; 0 when none.
	deal int
	// venture: the token of 合弁 before a verb of founding (Yと合弁会社を設立した): only the
	// partner marked と is the object, never the new company's own name; 0 when none.
	venture int
}

// dealDecided reports whether a token is a verb (or サ変 noun) of announcing, deciding or
// completing a deal (発表, 決定, 決める, 表明, 完了), which with a deal noun as its object states
// the deal (Yの買収を発表した), unlike verbs of weighing or proposing one (検討, 提案).
func dealDecided(t *token) bool {
	switch t.lemma() {
	case "発表", "決定", "決める", "表明", "完了":
		return true
	}
	return false
}

// dealAt returns the token of the deal noun that is the を-object of the verb at token i, maybe
// after 正式 (Yの買収を正式発表した), with its object's particle before it: の for buying
// (Yの買収), との for a tie-up (Yとの提携), への for an investment (Yへの出資); else -1.
func (f *frame) dealAt(i int) int {
	k := i - 1
	if f.tok(k).surf == "正式" {
		k--
	}
	if f.tok(k).surf != "を" && !(f.tok(k).surf == "も" && f.tok(k).particle()) { // Yとの提携も発表した
		return -1
	}
	k--
	no := k - 1 // Yの買収; Yとの業務提携, a noun before the deal's
	if f.tok(no).surf != "の" && f.tok(no).noun() && f.tok(no-1).surf == "の" {
		no--
	}
	if f.tok(no).surf != "の" || !f.tok(k).noun() {
		return -1
	}
	switch f.d.x.lex.predicate[f.tok(k).surf] {
	case "acquires":
		if f.tok(k).surf == "合併" || f.tok(k).surf == "吸収合併" || f.tok(no-1).particle() {
			return -1 // Yとの合併: two companies become one, neither buys the other
		}
	case "partners_with":
		if f.tok(no-1).surf != "と" {
			return -1
		}
	case "invests_in":
		if f.tok(no-1).surf != "へ" {
			return -1
		}
	default:
		return -1
	}
	return k
}

// transfers reports whether a token is a noun of selling or handing over a company or business.
func transfers(t *token) bool {
	return t.noun() && (strings.HasSuffix(t.surf, "譲渡") || t.surf == "売却")
}

// businessWord reports whether a noun names a company's business or control, whose sale hands
// over the company (事業, 営業権; not 株式, which may be another company's).
func businessWord(w string) bool {
	switch w {
	case "事業", "全事業", "営業", "営業権", "経営権", "部門", "事業部":
		return true
	}
	return false
}

// objectHead returns the last noun of the を-argument of the predicate at token i and the
// argument's first token, if it has one.
func (f *frame) objectHead(i int) (string, int, bool) {
	cs := f.chunks()
	c := chunkOf(cs, i)
	if c < 0 {
		return "", 0, false
	}
	for _, d := range dependents(cs, c) {
		if cs[d].marker == "を" && cs[d].noun && cs[d].fn > cs[d].i {
			return f.tok(cs[d].fn - 1).surf, cs[d].i, true
		}
	}
	return "", 0, false
}

// predicateAt recognises a relation predicate at token i: a verb of the lexicon, or a サ変 noun of
// the lexicon used as a verb (開発した, 公開していません, 義務付けています).
// imposesAt returns the number of tokens of a verb (or サ変 noun) of imposing or tightening at
// token k (強化, 科す; 厳格|化, two), or 0.
func (f *frame) imposesAt(k int) int {
	switch {
	case imposes(f.tok(k)):
		return 1
	case f.tok(k).surf == "厳格" && f.tok(k+1).surf == "化":
		return 2
	}
	return 0
}

// imposes reports whether a token is a verb (or サ変 noun) of imposing or tightening.
func imposes(t *token) bool {
	switch t.lemma() {
	case "強化", "導入", "発動", "実施", "拡大", "課す", "科す", "強める", "科する", "課する", "敷く":
		return true
	}
	return false
}

// procures reports whether a token is a verb (or サ変 noun) of buying goods from a supplier
// (調達, 購入, 輸入, 仕入れる).
func procures(t *token) bool {
	switch t.lemma() {
	case "調達", "購入", "輸入", "仕入れる", "買い付ける":
		return true
	}
	return false
}

// procuredGoods reports whether what the procuring verb at token i buys is goods: money raised
// (資金を調達, 融資) comes from a lender or investor, who supplies nothing.
func (f *frame) procuredGoods(i int) bool {
	for k := max(0, i-6); k < i; k++ {
		if w := f.tok(k).surf; strings.Contains(w, "資金") || strings.Contains(w, "資本") || strings.Contains(w, "融資") || w == "株" || w == "株式" || w == "債" {
			return false
		}
		if f.tok(k).pos[2] == "助数詞" && currency(f.tok(k).surf) && f.tok(k+1).surf == "を" {
			return false // 50億円を調達: a sum of money
		}
	}
	return true
}

// currency reports whether a counter word is a unit of money (円, ドル, ユーロ, 元, ウォン, ポンド).
func currency(w string) bool {
	switch w {
	case "円", "ドル", "ユーロ", "元", "ウォン", "ポンド", "万円", "億円", "兆円":
		return true
	}
	return false
}

// coordinatedVerb returns the token of する after the nouns joined by ・ from token i (開発・販売
// する, 開発・製造・販売した), each a predicate noun, or 0.
func (f *frame) coordinatedVerb(i int) int {
	k := i + 1
	for k < i+7 && f.tok(k).surf == "・" && f.tok(k+1).noun() && f.d.x.lex.predicateOf(f.tok(k+1).surf) != "" {
		k += 2
	}
	if k == i+1 || !f.tok(k).verb() || f.tok(k).lemma() != "する" {
		return 0
	}
	return k
}

// levies reports whether a token is a verb of imposing a penalty or duty on someone (課す, 科す,
// 発動): its name marked に is the one it falls on.
func levies(t *token) bool {
	switch t.lemma() {
	case "課す", "科す", "科する", "課する", "発動":
		return true
	}
	return false
}

// buysShares reports whether a token is a verb (or サ変 noun) of buying or acquiring, which with
// shares as its object is an investment.
func buysShares(t *token) bool {
	switch t.lemma() {
	case "取得", "買い取る", "購入", "買い増す", "買い付ける", "買い集める":
		return true
	}
	return false
}

// holds reports whether a token is a verb (or サ変 noun) of holding or owning.
func holds(t *token) bool {
	switch t.lemma() {
	case "保有", "所有":
		return true
	}
	return false
}

// begins reports whether a token is a verb (or サ変 noun) of starting or resuming (開始, 再開,
// 始める).
func begins(t *token) bool {
	switch t.lemma() {
	case "開始", "再開", "始める", "スタート":
		return true
	}
	return false
}

// pursues reports whether a token is a verb of carrying on or speeding up an activity (開発を
// 進める, 急ぐ, 続ける, 手掛ける, 加速する).
func pursues(t *token) bool {
	switch t.lemma() {
	case "進める", "急ぐ", "続ける", "手掛ける", "手がける", "加速":
		return true
	}
	return false
}

// takesUp reports whether a token is a verb of taking up an activity, which marks it with に
// (開発に取り組む, 着手する, 乗り出す).
func takesUp(t *token) bool {
	switch t.lemma() {
	case "取り組む", "着手", "乗り出す":
		return true
	}
	return false
}

// ends reports whether a token ends an activity (終了, 中止, 打ち切る, 取りやめる).
func ends(t *token) bool {
	switch t.lemma() {
	case "終了", "中止", "打ち切る", "打ち切り", "取りやめる":
		return true
	}
	return false
}

// activityRelation returns the relation a noun of making, shipping or selling a product states
// (出荷, 提供 and 販売 supply it, 生産 and 量産 develop it, 発売 releases it), or "".
func activityRelation(lex map[string]string, t *token) string {
	if !t.noun() {
		return ""
	}
	if t.surf == "量産" {
		return "develops"
	}
	switch r := lex[t.surf]; r {
	case "supplies", "develops", "releases":
		return r
	}
	return ""
}

// accountDemanded reports whether a noun names an account an authority demands of someone
// (報告, 説明, 報告書の提出, 改善, 是正).
func accountDemanded(w string) bool {
	switch w {
	case "報告", "説明", "提出", "改善", "是正":
		return true
	}
	return false
}

// issues reports whether a token is a verb of issuing an order (命令を出す, 下す, 発出する, 行う).
func issues(t *token) bool {
	switch t.lemma() {
	case "出す", "下す", "発出", "発令", "行う":
		return true
	}
	return false
}

// addresseeThenIssues returns the token of the verb of issuing after a name at token i and
// に対して, に対し or に (…命令を東西電機に対して出した), or 0.
func (f *frame) addresseeThenIssues(i int) int {
	m := f.startingAt(i)
	if m == nil {
		return 0
	}
	k := f.after(m)
	if w := f.tok(k).surf; w != "に" && w != "に対して" && w != "に対し" {
		return 0
	}
	k++
	if issues(f.tok(k)) {
		return k
	}
	return 0
}

// changesAmount reports whether a token is a verb (or サ変 noun) of raising or lowering an
// amount (引き上げる, 高める, 拡大, 縮小).
func changesAmount(t *token) bool {
	switch t.lemma() {
	case "引き上げる", "引き下げる", "高める", "下げる", "増やす", "減らす", "拡大", "縮小":
		return true
	}
	return false
}

// stakeChangedAt returns, for the verb of change at token i, the token of 出資 in the object
// Yへの出資比率を (maybe with the new amount between: を20%に, を33.4%から50%に, を約3割まで), or -1.
func (f *frame) stakeChangedAt(i int) int {
	k := i - 1
	for ; k > 0 && k >= i-8 && f.tok(k).surf != "を"; k-- {
		if t := f.tok(k); !t.noun() && t.pos[0] != "接頭詞" && t.surf != "%" && t.surf != "." && t.surf != "に" && t.surf != "まで" && t.surf != "から" {
			return -1
		}
	}
	if f.tok(k).surf != "を" || f.tok(k-1).surf != "比率" || f.tok(k-2).surf != "出資" ||
		f.tok(k-3).surf != "の" || f.tok(k-4).surf != "へ" {
		return -1
	}
	return k - 2
}

// onSiteInspection reports whether token i is the noun of an on-site inspection or
// investigation: 立入検査 in one token, or 検査 or 調査 after 立ち入り, 立入り or 立入.
func (f *frame) onSiteInspection(i int) bool {
	t := f.tok(i)
	if !t.noun() {
		return false
	}
	switch t.surf {
	case "立入検査", "立入調査":
		return true
	case "検査", "調査":
		switch f.tok(i - 1).surf {
		case "立ち入り", "立入り", "立入":
			return true
		}
	}
	return false
}

func (f *frame) predicateAt(i int) *predicate {
	t := f.tok(i)
	lex := f.d.x.lex.predicate
	var p *predicate
	var buf [64]byte // the compound key of a noun and the next lemma, without allocating
	// The relations of the token's lemma and, for a noun, of its surface, looked up once for
	// the cases below.
	l := f.d.x.lex
	lemmaRel, surfRel := l.predicateOf(t.lemma()), ""
	if t.noun() {
		surfRel = lemmaRel
		if t.surf != t.lemma() {
			surfRel = l.predicateOf(t.surf)
		}
	}
	switch {
	case t.verb() && t.lemma() == "受ける" && f.tok(i-1).surf == "を" && (f.tok(i-2).surf == "出資" || f.tok(i-2).surf == "投資" || f.tok(i-2).surf == "資本参加"):
		// XはYから出資を受けた: Y invests in X.
		p = &predicate{i: i, j: i + 1, rel: "invests_in", text: f.tok(i-2).surf + "を" + t.surf, received: true}
	case f.tok(i-1).surf == "に" && putsOnList(t) && (t.verb() || f.tok(i+1).lemma() == "する" || f.tok(i+1).surf == "。") && f.listRelation(f.listEnd(i-2)) != "":
		// Xをエンティティリストに追加した, Xを制裁対象に指定した, Xを輸出規制の対象に加えた,
		// Xを「エンティティー・リスト」に追加した: the list or the measure says the relation.
		e := f.listEnd(i - 2)
		k := f.listStart(e)
		if f.tok(k-1).surf == "「" || f.tok(k-1).surf == "『" {
			k--
		}
		p = &predicate{i: i, j: i + 1, rel: f.listRelation(e), text: joinTokens(f.s.toks[k : i+1])}
	case takesUp(t) && f.tok(i-1).surf == "に" && f.tok(i-1).particle() && activityRelation(lex, f.tok(i-2)) != "" && f.tok(i-3).surf == "の" &&
		(t.verb() || f.tok(i+1).lemma() == "する" || f.tok(i+1).surf == "。"):
		// 「X」の開発に取り組む, 着手した: the activity taken up is marked に, X before its の.
		p = &predicate{i: i, j: i + 1, rel: activityRelation(lex, f.tok(i-2)), text: f.tok(i-2).surf + "に" + t.surf, deal: i - 2}
	case (begins(t) || pursues(t) || t.surf == "発表") && f.tok(i-1).surf == "を" && activityRelation(lex, f.tok(i-2)) != "" && (f.tok(i-3).surf == "の" || f.tok(i-3).noun() && f.tok(i-4).surf == "の") &&
		(t.verb() || f.tok(i+1).lemma() == "する" || f.tok(i+1).surf == "。"):
		// 「X」の出荷を再開する, 「X」の一般提供を開始した: the activity noun says what the
		// subject does with X (and only with X: 「X」は発売を開始した says nothing of its maker);
		// so does an announced or pursued one (「X」の開発を発表した, 開発を急ぐ develop X).
		p = &predicate{i: i, j: i + 1, rel: activityRelation(lex, f.tok(i-2)), text: f.tok(i-2).surf + "を" + t.surf}
	case (t.surf == "発表" || t.lemma() == "決める" || t.surf == "決定") && f.tok(i-1).surf == "を" && ends(f.tok(i-2)) && activityRelation(lex, f.tok(i-3)) != "" && f.tok(i-4).surf == "の" &&
		(t.verb() || f.tok(i+1).lemma() == "する" || f.tok(i+1).surf == "。"):
		// 「X」の開発終了を発表した, 「X」の販売中止を決めた: the subject that stops making or
		// selling X made or sold it.
		p = &predicate{i: i, j: i + 1, rel: activityRelation(lex, f.tok(i-3)), deal: i - 3}
	case ends(t) && f.tok(i-1).surf == "を" && activityRelation(lex, f.tok(i-2)) != "" && f.tok(i-3).surf == "の" &&
		(t.verb() || f.tok(i+1).lemma() == "する" || f.tok(i+1).surf == "。"):
		// 「X」の開発を中止した, 「X」の販売を終了する: so does the subject that stops it.
		p = &predicate{i: i, j: i + 1, rel: activityRelation(lex, f.tok(i-2)), deal: i - 2}
	case dealDecided(t) && (t.verb() || f.tok(i+1).lemma() == "する" || f.tok(i+1).surf == "。") && f.dealAt(i) >= 0:
		// Yの買収を発表した, Yとの提携を正式決定した, Yへの出資を決めた: the deal noun says the
		// relation, its object is the name before の.
		k := f.dealAt(i)
		p = &predicate{i: i, j: i + 1, rel: lex[f.tok(k).surf], text: f.tok(k).surf + "を" + t.surf, deal: k}
	case t.verb() && lemmaRel != "":
		p = &predicate{i: i, j: i + 1, rel: lemmaRel, text: t.surf}
	case t.noun() && i+1 < len(f.s.toks) && (t.surf == "" || l.predicateFirst.hasFirst(t.surf)) &&
		lex[string(append(append(buf[:0], t.surf...), f.tok(i+1).lemma()...))] != "" &&
		(t.surf+f.tok(i+1).surf != "制裁金" || f.tok(i+2).surf == "を" && imposes(f.tok(i+3))):
		// Split compounds: 義務 + 付ける; 制裁 + 金 when imposed (制裁金を科した), not received.
		p = &predicate{i: i, j: i + 2, rel: lex[t.surf+f.tok(i+1).lemma()], text: t.surf + f.tok(i+1).surf}
	case t.noun() && f.tok(i+1).verb() && f.tok(i+1).lemma() == "する" && surfRel != "":
		p = &predicate{i: i, j: i + 1, rel: surfRel, text: t.surf}
	case t.noun() && surfRel != "" && f.tok(i+1).surf == "・" && f.coordinatedVerb(i) > 0:
		// 「X」を開発・販売している, Yが開発・製造するX: each noun of the coordination is a
		// predicate of its own, sharing the verb after the last.
		p = &predicate{i: i, j: f.coordinatedVerb(i), rel: surfRel, text: t.surf}
	case t.noun() && (surfRel == "restricts" || surfRel == "sanctions") && (f.tok(i+1).surf == "に" || f.tok(i+1).surf == "と") && f.tok(i+2).lemma() == "する":
		// Xを禁輸にする, Xを輸出禁止とする: the measure the subject makes of X.
		p = &predicate{i: i, j: i + 3, rel: surfRel, text: t.surf + f.tok(i+1).surf + f.tok(i+2).surf}
	case t.noun() && surfRel == "develops" && f.tok(i+1).surf == "中" && f.tok(i + 1).pos[1] == "接尾" &&
		(f.tok(i+2).surf == "だ" || f.tok(i+2).surf == "です" || f.tok(i+2).surf == "。" || f.tok(i+2).surf == "で" && f.tok(i+3).lemma() == "ある"):
		// Xは「Y」を開発中だ: the work in progress is the predicate.
		p = &predicate{i: i, j: i + 2, rel: surfRel, text: t.surf + "中"}
	case t.noun() && surfRel != "" && (f.tok(i+1).surf == "。" || f.tok(i+1).surf == "、" && f.tok(i-1).surf != "て") &&
		(f.tok(i-1).surf == "を" || f.tok(i-1).surf == "として" || f.tok(i-1).surf == "て" && f.tok(i-1).particle() || f.timeAfterObject(i-1)):
		// …「X」を開発。, …が独立して創業。: the news style's clipped predicate, a noun ending the
		// sentence; or ending a clause before a comma (Yを買収、社名を変更した; 「Z」として創業、…).
		p = &predicate{i: i, j: i + 1, rel: surfRel, text: t.surf}
	case t.noun() && surfRel == "partners_with" && f.tok(i+1).surf == "に" && (agreesTo(f.tok(i+2)) || f.tok(i+2).surf == "基本" && agreesTo(f.tok(i+3))):
		// AとBは業務提携に合意した, Yとの提携に(基本)合意した, Yとの提携に踏み切る: the tie-up
		// agreed to.
		v := i + 2
		if f.tok(v).surf == "基本" {
			v++
		}
		p = &predicate{i: v, j: v + 1, rel: surfRel, text: t.surf + "に" + joinTokens(f.s.toks[i+2:v+1])}
	case t.noun() && surfRel == "partners_with" && f.tok(i+1).surf == "を" && concludes(f.tok(i+2)):
		// Yと(の)業務提携を結ぶ, Yとの提携を図る: the tie-up noun as the object of a verb of
		// concluding or pursuing.
		p = &predicate{i: i + 2, j: i + 3, rel: surfRel, text: t.surf + "を" + f.tok(i+2).surf}
	case t.surf == "合弁" && t.noun() && f.ventureFounded(i) > 0:
		// Yと合弁会社を設立した, AとBは合弁で新会社を立ち上げる: a joint company founded ties its
		// founders up.
		v := f.ventureFounded(i)
		p = &predicate{i: v, j: v + 1, rel: "partners_with", venture: i}
	case (t.surf == "子会社" || t.surf == "傘下") && t.noun() && f.tok(i+1).surf == "に" && (f.tok(i+2).lemma() == "する" && t.surf == "子会社" || f.tok(i+2).lemma() == "収める" || f.tok(i+2).lemma() == "入れる"):
		// Yを(完全)子会社にする, Yを傘下に収める: the subject acquires Y.
		p = &predicate{i: i, j: i + 3, rel: "acquires", text: t.surf + "に" + f.tok(i+2).surf}
	case lemmaRel == "" && procures(t) && (t.verb() || f.tok(i+1).lemma() == "する") && f.procuredGoods(i):
		// XはYから半導体を調達している: Y supplies X (see received).
		p = &predicate{i: i, j: i + 1, rel: "supplies", text: t.surf, received: true}
	case t.lemma() == "求める" && f.tok(i-1).surf == "を" && accountDemanded(f.tok(i-2).surf):
		// Xに対して報告を求めた, Xに説明を求める: an authority demanding an account oversees X
		// (a firm's own demand is no oversight: the subject must be a body or a state).
		p = &predicate{i: i, j: i + 1, rel: "regulates", text: f.tok(i-2).surf + "を" + t.surf, order: true}
	case (t.surf == "命令" || t.surf == "指示" || t.surf == "指導" || t.surf == "勧告") && t.noun() && f.tok(i+1).surf == "を" && issues(f.tok(i+2)):
		// Xに対し業務改善命令を出した, …するように指示を出した, 行政指導を行った, 是正勧告を出した:
		// an authority's order, instruction, guidance or recommendation oversees X; an order to
		// stop (業務停止命令) restricts.
		p = &predicate{i: i + 2, j: i + 3, rel: "regulates", text: t.surf + "を" + f.tok(i+2).surf, order: true}
		for k := i - 1; t.surf == "命令" && k >= 0 && k >= i-6 && (f.tok(k).noun() || f.tok(k).pos[0] == "接続詞"); k-- {
			if w := f.tok(k).surf; w == "停止" || w == "禁止" {
				p.rel = "restricts"
			}
		}
	case (t.surf == "命令" || t.surf == "勧告") && t.noun() && f.tok(i+1).surf == "を" && f.addresseeThenIssues(i+2) > 0:
		// 緊急命令を東西電機に対して出した: the order's addressee written between the order and
		// the verb of issuing it, as Xに対し業務改善命令を出した.
		k := f.addresseeThenIssues(i + 2)
		p = &predicate{i: k, j: k + 1, rel: "regulates", text: t.surf + "を" + f.tok(k).surf, order: true}
	case (t.verb() && t.lemma() == "命じる" || (t.surf == "厳重注意" || t.surf == "注意" && f.tok(i-1).surf == "厳重") && t.noun() && f.tok(i+1).lemma() == "する") &&
		f.tok(i-1).surf != "と":
		// Xに製品の回収を命じた, Xを厳重注意した: an authority's order or reprimand oversees X
		// (a name, not the words of what is ordered).
		p = &predicate{i: i, j: i + 1, rel: "regulates", text: t.surf, order: true}
		if t.surf == "注意" {
			p.text = "厳重注意"
		}
	case transfers(t) && (f.tok(i+1).lemma() == "する" || f.tok(i+1).surf == "。" || f.tok(i+1).surf == "、"):
		// AはBに事業譲渡した, AをBに売却する: B acquires A.
		p = &predicate{i: i, j: i + 1, rel: "acquires", text: t.surf, transfer: true}
	case lemmaRel == "" && buysShares(t) && (t.verb() || f.tok(i+1).lemma() == "する"):
		// Xの株式を取得した, X株を買い取った: an investment in X.
		p = &predicate{i: i, j: i + 1, rel: "invests_in", text: t.surf, shares: true}
	case lemmaRel == "" && holds(t) && (t.verb() || f.tok(i+1).lemma() == "する"):
		// Xの株式を保有する, 球団「X」を保有するY: see casesOf.
		p = &predicate{i: i, j: i + 1, rel: "invests_in", text: t.surf, shares: true, holding: true}
	case changesAmount(t) && (t.verb() || f.tok(i+1).lemma() == "する") && f.stakeChangedAt(i) > 0:
		// Yへの出資比率を20%に引き上げる, Yへの出資比率を高める: a stake changed in Y is a stake
		// held in it.
		k := f.stakeChangedAt(i)
		p = &predicate{i: i, j: i + 1, rel: "invests_in", text: t.surf, deal: k}
	case t.surf == "検査" && t.noun() && f.tok(i+1).surf == "に" && f.tok(i+2).lemma() == "入る":
		// Xに対し検査に入った: an inspection begun oversees X (検査 alone is as often a test).
		p = &predicate{i: i, j: i + 3, rel: "regulates", text: t.surf + "に" + f.tok(i+2).surf, order: true}
	case t.surf == "調査" && t.noun() && (f.tok(i+1).surf == "を" && (f.tok(i+2).surf == "開始" || f.tok(i+2).lemma() == "始める" || f.tok(i+2).surf == "着手") ||
		f.tok(i+1).surf == "に" && f.tok(i+2).lemma() == "乗り出す"):
		// Xに対し調査を開始した, Xに対する調査に乗り出した: an authority's investigation opened
		// oversees X (a firm's own survey is no oversight: the subject must be a body or a state).
		p = &predicate{i: i + 2, j: i + 3, rel: "regulates", text: t.surf + f.tok(i+1).surf + f.tok(i+2).surf, order: true, inquiry: true}
	case f.onSiteInspection(i) && f.tok(i+1).surf == "を" && (issues(f.tok(i+2)) || f.tok(i+2).surf == "実施" && f.tok(i+3).lemma() == "する"):
		// Xに立ち入り検査を行った, Xに立入検査を実施した: an authority's on-site inspection
		// oversees X.
		p = &predicate{i: i + 2, j: i + 3, rel: "regulates", text: t.surf + "を" + f.tok(i+2).surf, order: true}
	case t.noun() && f.tok(i+1).surf == "を" && (governmentAct(surfRel) || t.surf == "管理" && f.tok(i-1).surf == "輸出") && f.imposesAt(i+2) > 0:
		// 輸出規制を強化する, 制裁を科す, 規制を厳格化した: the restriction noun carries the relation;
		// so does export control tightened, 輸出管理を強化する, as 輸出規制 does (管理 alone,
		// 品質管理を強化, is no restriction).
		rel, n := surfRel, f.imposesAt(i+2)
		if !governmentAct(rel) {
			rel = "restricts"
		}
		p = &predicate{i: i + 2, j: i + 2 + n, rel: rel, text: t.surf + "を" + joinTokens(f.s.toks[i+2:i+2+n]), nounObject: true}
		if f.tok(i+2).noun() && f.tok(i+2+n).verb() {
			p.j++
		}
	default:
		return nil
	}
	// The verb chain: する, れる (passive), て, いる, ます, ない, た …
	k := p.j
	for ; k < len(f.s.toks) && k < p.j+8; k++ {
		c := f.tok(k)
		switch {
		case c.verb() && (c.lemma() == "する" || c.pos[1] == "非自立" || c.pos[1] == "接尾"):
			if c.lemma() == "れる" || c.lemma() == "られる" {
				p.passive = true
			}
			if c.lemma() == "する" && c.surf == "さ" && f.tok(k+1).lemma() == "れる" {
				p.passive = true
			}
		case c.aux():
			if c.lemma() == "ない" || c.lemma() == "ぬ" || c.surf == "ず" || c.surf == "ん" {
				p.negated = true
			}
		case c.particle() && (c.surf == "て" || c.surf == "で"):
		default:
			goto done
		}
	}
done:
	p.next = k
	if p.order && (f.tok(k).surf == "よう" || f.tok(k).surf == "ように") {
		return nil // …命令を出すよう勧告した: asked for, not issued
	}
	if (f.tok(k).surf == "として" || f.tok(k).surf == "と" && f.tok(k+1).lemma() == "する" || f.tok(k).surf == "疑い") && f.chargedAfter(k) {
		// 北浜県警は、Xの株式を不正に取得したとして(した疑いで, したとする容疑で)、元社長を
		// 逮捕した: the charge is the suspect's act, not the topic's.
		return nil
	}
	// A verb before a noun modifies it, unless the noun only nominalises the clause
	// (…を発売することを発表した, …したのは).
	// A chain ending with し (発売し人気を集めた) is the continuative form: it joins the next clause
	// and modifies no noun; nor does …たうえで (then).
	if n := f.tok(k); (n.noun() && n.pos[1] != "非自立" && !intention(n.surf) && !((n.surf == "うえ" || n.surf == "上") && f.tok(k+1).surf == "で") || f.startingAt(k) != nil || ((n.surf == "「" || n.surf == "『") && f.startingAt(k+1) != nil) || n.pos[0] == "接頭詞" && f.tok(k+1).noun()) && (k > p.j || f.tok(p.i).verb() && p.j == p.i+1 && f.tok(p.i).surf == f.tok(p.i).base) &&
		!(f.tok(k-1).surf == "し" && f.tok(k-1).lemma() == "する") && !(f.tok(k-1).particle() && (f.tok(k-1).surf == "て" || f.tok(k-1).surf == "で")) {
		// (The て-form, 使用して訓練を行った, joins the next clause as し does. A verb in its plain
		// form, Xが率いるY, modifies the noun after it; a サ変 noun with no verb after it is
		// part of a compound.)
		p.adnomial = true
	}
	if n := f.tok(k).surf; (n == "の" || n == "こと") && f.tok(k+1).surf == "を" {
		switch f.tok(k + 2).lemma() {
		case "取りやめる", "やめる", "中止", "停止", "見送る", "断念":
			p.negated = true // …から仕入れるのを取りやめた: no longer so
		}
	}
	if p.adnomial && p.received && p.rel == "supplies" {
		return nil // Yから仕入れた鶏肉: what was bought, not who bought it
	}
	p.text = joinTokens(f.s.toks[p.i:k])
	if p.deal > 0 {
		p.text = joinTokens(f.s.toks[p.deal:k]) // 買収を発表した
	}
	if p.venture > 0 {
		p.text = joinTokens(f.s.toks[p.venture:k]) // 合弁会社を設立した
	}
	return p
}

// putsOnList reports whether a token is a verb (or サ変 noun) of putting something on a list or
// among the targets of a measure (加える, 追加, 指定, 掲載, 載せる, 登録).
func putsOnList(t *token) bool {
	switch t.lemma() {
	case "加える", "追加", "指定", "掲載", "載せる", "登録", "含める", "入れる":
		return true
	}
	return false
}

// listStart returns the first token of the noun phrase ending at token i (輸出規制の対象,
// 制裁リスト, エンティティー・リスト): nouns, and の or ・ between them, at most six tokens back.
func (f *frame) listStart(i int) int {
	k := i
	for k > 0 && k > i-6 && (f.tok(k-1).noun() || (f.tok(k-1).surf == "の" || f.tok(k-1).surf == "・") && f.tok(k-2).noun()) {
		k--
	}
	return k
}

// listEnd returns the last word of a list's name that ends at token i, inside its brackets when
// they close there (「エンティティー・リスト」).
func (f *frame) listEnd(i int) int {
	if w := f.tok(i).surf; (w == "」" || w == "』") && f.tok(i-1).noun() {
		return i - 1
	}
	return i
}

// listRelation returns the relation of putting a name on the list or among the targets the noun
// phrase ending at token i names: a sanctions or entity list sanctions (制裁リスト,
// エンティティリスト, 制裁対象), the targets of a restriction restrict (輸出規制の対象, 禁輸対象);
// "" for other lists and targets.
func (f *frame) listRelation(i int) string {
	last := f.tok(i).surf
	if !f.tok(i).noun() || !(last == "対象" || strings.HasSuffix(last, "リスト")) {
		return ""
	}
	rel := ""
	for k := f.listStart(i); k <= i; k++ {
		switch w := f.tok(k).surf; {
		case strings.Contains(w, "制裁") || strings.HasPrefix(w, "エンティティ") || w == "ブラックリスト" || w == "禁輸リスト":
			return "sanctions"
		case strings.Contains(w, "規制") || strings.Contains(w, "禁輸") || w == "制限" || w == "禁止":
			rel = "restricts"
		}
	}
	return rel
}

// ventureFounded returns the founding verb after the noun 合弁 at token i (合弁会社を設立,
// 合弁で新会社を立ち上げる, 合弁企業を設ける), or -1: the company's nouns (and a bracketed name)
// then を, or で and the company's nouns then を, at most eight tokens on.
func (f *frame) ventureFounded(i int) int {
	k := i + 1
	if f.tok(k).surf == "で" {
		k++
	}
	for end := i + 8; k < end && k < len(f.s.toks) && f.tok(k).surf != "を"; k++ {
		if t := f.tok(k); t.particle() || t.verb() || t.surf == "。" || t.surf == "、" {
			return -1
		}
	}
	if f.tok(k).surf != "を" {
		return -1
	}
	switch t := f.tok(k + 1); t.lemma() {
	case "設立", "立ち上げる", "設ける", "作る", "つくる", "発足", "創設":
		return k + 1
	case "立つ":
		if t.surf == "立ち" && f.tok(k+2).lemma() == "上げる" {
			return k + 1
		}
	}
	return -1
}

// concludes reports whether a token after 提携を concludes or pursues the tie-up (結ぶ, 締結, 図る,
// 進める, 深める, 強化).
func concludes(t *token) bool {
	switch t.lemma() {
	case "結ぶ", "図る", "進める", "深める":
		return t.verb()
	}
	return t.surf == "締結" || t.surf == "強化"
}

// agreesTo reports whether a token is a verb (or サ変 noun) of agreeing to or going ahead with
// what is marked に (合意, 基本合意, 同意, 踏み切る).
func agreesTo(t *token) bool {
	switch t.lemma() {
	case "合意", "基本合意", "同意", "踏み切る":
		return true
	}
	return false
}

// timeAfterObject reports whether token i is the に of a time (…「X」を8月に発売。, …を来年に) that
// follows the object marked を.
func (f *frame) timeAfterObject(i int) bool {
	if f.tok(i).surf != "に" {
		return false
	}
	k := i - 1
	for k > 0 && k > i-4 && f.tok(k).noun() && (f.tok(k).pos[1] == "数" || f.tok(k).pos[2] == "助数詞" || f.tok(k).pos[1] == "副詞可能" || timeWord(f.tok(k).surf)) {
		k--
	}
	return k < i-1 && f.tok(k).surf == "を"
}

// timeWord reports whether a noun is a unit or part of a date (8月, 上旬).
func timeWord(w string) bool {
	switch w {
	case "年", "月", "日", "上旬", "中旬", "下旬", "末", "春", "夏", "秋", "冬":
		return true
	}
	return false
}

// chargedAfter reports whether a word of arrest or prosecution (逮捕, 送検, 起訴, 告発, 摘発,
// 提訴) follows token k in the sentence.
func (f *frame) chargedAfter(k int) bool {
	for n := k + 1; n < len(f.s.toks); n++ {
		switch f.tok(n).surf {
		case "逮捕", "送検", "書類送検", "起訴", "告発", "摘発", "提訴", "再逮捕":
			return true
		}
	}
	return false
}

// intention reports whether a noun after a predicate states the subject's plan or undertaking
// rather than a thing the clause describes (…を買収する方針を固めた, …に出資する計画だ, …に部品を
// 供給する契約を結んだ, …を子会社化する方向で調整している): the clause keeps the sentence's subject.
func intention(w string) bool {
	switch w {
	case "方針", "予定", "計画", "意向", "考え", "構え", "契約", "合意", "方向":
		return true
	}
	return false
}

// marked returns the mentions before token limit followed by one of the particles, nearest last.
func (f *frame) marked(from, limit int, particles ...string) []*mention {
	var out []*mention
	for _, m := range f.ms {
		if m.ti < from || m.tj > limit {
			continue
		}
		if p, _ := f.particleAfter(m); p != "" {
			for _, want := range particles {
				if p == want {
					out = append(out, m)
				}
			}
		}
	}
	// Anaphors stand for the names they refer back to: 同社は, 彼が.
	for i := from + 1; i < limit; i++ {
		t := f.tok(i)
		if !t.particle() || !slices.Contains(particles, t.surf) || f.endingAt(i) != nil {
			continue
		}
		if a := f.anaphorBefore(i); a.ok() {
			ent := a.ent
			if _, ana := f.d.x.lex.anaphor[f.tok(i-1).surf]; ana && t.surf != "は" && t.surf != "が" && t.surf != "も" && f.subjectBefore(ent, i) {
				// Xは同社に出資した, Xは同社の技術を採用した: an anaphor as an object refers to
				// another than the clause's own topic (which would be 自社): the previous
				// sentence's topic, or nothing we can tell.
				if e := f.previousSentenceTopic(ent.typ); e != nil && e != ent {
					ent = e
				} else {
					continue
				}
			}
			prev := f.tok(i - 1)
			out = append(out, &mention{sent: f.si, ti: i - 1, tj: i, start: prev.start, end: prev.end, text: prev.surf, ent: ent, typ: ent.typ})
		}
	}
	slices.SortFunc(out, func(a, b *mention) int { return a.start - b.start })
	return out
}

// previousSentenceTopic returns the entity of type typ marked as the topic (は, も) of the sentence
// before, or nil.
func (f *frame) previousSentenceTopic(typ string) *entity {
	if f.si == 0 {
		return nil
	}
	pf := &frame{d: f.d, s: &f.d.sents[f.si-1], ms: f.d.ments[f.si-1], si: f.si - 1}
	for _, m := range pf.ms {
		if p, _ := pf.particleAfter(m); (p == "は" || p == "も") && m.ent != nil && m.ent.typ == typ {
			return m.ent
		}
	}
	return nil
}

// subjectBefore reports whether e is named as the topic (は, も) before token i of the sentence
// (a name marked が may be a relative clause's subject).
func (f *frame) subjectBefore(e *entity, i int) bool {
	for _, m := range f.ms {
		if m.ent != e || m.tj > i {
			continue
		}
		if p, _ := f.particleAfter(m); p == "は" || p == "も" {
			return true
		}
	}
	return false
}

// clauseStart returns the first token of the clause that ends at token i: after the last 、 that
// is not inside a coordination of names, or the sentence start.
func (f *frame) clauseStart(i int) int {
	for k := i - 1; k > 0; k-- {
		if f.tok(k).surf == "。" {
			return k + 1
		}
	}
	return 0
}

// subjects returns the subject of a predicate: the nearest name marked は (the topic) before it,
// else the nearest marked が, with the names coordinated with it (A、B、Cはいずれも).
func (f *frame) subjects(p *predicate) []*mention {
	if ms, decided := f.depSubjects(p.i); decided {
		if len(ms) == 0 {
			return nil
		}
		if len(ms) > 1 && ms[0].ti == ms[len(ms)-1].ti {
			return ms // an anaphor that stands for several (両社)
		}
		return f.listEndingWith(ms[len(ms)-1])
	}
	for _, parts := range [][]string{{"は", "も"}, {"が"}} {
		ms := f.marked(0, p.i, parts...)
		if parts[0] == "が" {
			ms = slices.DeleteFunc(ms, f.inRelativeClause)
		}
		if len(ms) > 0 {
			return f.listEndingWith(ms[len(ms)-1])
		}
	}
	// 日本の政府は…を禁輸にする措置を取った: a government named by its country, the last topic
	// before the predicate, as for a named topic above.
	cs := f.chunks()
	for d := len(cs) - 1; d >= 0; d-- {
		if cs[d].i < p.i && cs[d].marker == "は" {
			if m := f.countryOfAuthority(cs, d); m != nil {
				return []*mention{m}
			}
			return nil
		}
	}
	return nil
}

// inRelativeClause reports whether a name is the subject of a clause that modifies a noun (Xが
// 作ったエンジン「Y」を採用している: X made Y, it is not the one adopting it).
func (f *frame) inRelativeClause(m *mention) bool {
	cs := f.chunks()
	c := chunkOf(cs, m.ti)
	if c < 0 {
		return false
	}
	if cs[c].comma {
		return false // Xが、…されているYに義務付けた: a comma sends X to the main predicate
	}
	h := cs[c].head
	if h >= 0 && cs[h].fn < cs[h].j && f.tok(cs[h].fn).surf == "で" && f.tok(cs[h].fn+1).lemma() == "ある" && cs[h].fn+2 == cs[h].j {
		// Xが後継機である「Y」を発表した: a copula describing the noun after it (Y, a new product);
		// X is the sentence's subject, not the copula's.
		return false
	}
	return h >= 0 && cs[h].pred && !cs[h].conj && !cs[h].comma && cs[h].marker == "" && cs[h].head >= 0 && cs[cs[h].head].noun && !cs[cs[h].head].pred
}

// measureAt reports whether the noun at token k, maybe after an adjective (新たな規則, 厳しい
// 規制), names a government's measure: a rule, law, order or policy.
func (f *frame) measureAt(k int) bool {
	if f.tok(k).pos[1] == "形容動詞語幹" && f.tok(k+1).surf == "な" {
		k += 2
	} else if f.tok(k).pos[0] == "形容詞" {
		k++
	}
	switch f.tok(k).surf {
	case "規則", "規制", "措置", "方針", "法案", "法律", "制度", "規定", "政令", "省令", "命令", "大統領令", "ルール", "政策":
		return true
	}
	return false
}

// caseFrames: relations stated by predicates with their arguments.
func (f *frame) caseFrames() {
	for i := range f.s.toks {
		p := f.predicateAt(i)
		if p == nil {
			continue
		}
		f.casesOf(p)
	}
	f.nominal()
	f.inHouse()
}

func (f *frame) casesOf(p *predicate) {
	conf := confCaseFrame
	subj := f.subjects(p)
	if t := f.describedTopic(p); t != nil {
		// Xは、Yに出資する投資会社だ: the clause says what the topic does, as a predicate of its
		// own would (XはYに出資する).
		q := *p
		q.adnomial, p = false, &q
		subj = f.listEndingWith(t)
	}
	var objs []*mention
	// Xは「Y」も公開した: a product marked も after the topic is the object the topic acts on
	// too, not the subject.
	var also []*mention
	if len(subj) > 0 && !p.passive && !p.adnomial && isType(subj[len(subj)-1].ent, Product) {
		if pt, _ := f.particleAfter(subj[len(subj)-1]); pt == "も" {
			if top := f.marked(0, subj[0].ti, "は"); len(top) > 0 && isType(top[len(top)-1].ent, Firm, Organization, Country) {
				also, subj = subj, f.listEndingWith(top[len(top)-1])
			}
		}
	}
	literal := ""
	litStart := 0
	switch {
	case p.transfer:
		// AはBに事業を譲渡した: B acquires A; AはCの事業をBに売却した, AはCをBに売却した: B
		// acquires C.
		if p.passive || p.adnomial {
			return
		}
		from := afterSubjects(subj)
		to := f.nearestArg(p.i, from, "に", "へ")
		if len(to) == 0 {
			return
		}
		thing := subj
		if o := f.ownerOfPart(p.i); o != nil {
			thing = []*mention{o}
		} else if wo := f.nearestArg(p.i, from, "を"); len(wo) > 0 {
			thing = wo
		} else if w, at, ok := f.objectHead(p.i); ok && !businessWord(w) {
			return // 土地を売却した: no company changes hands
		} else if !ok && !businessWord(strings.TrimSuffix(f.tok(p.i).surf, "譲渡")) && !businessWord(f.tok(p.i-1).surf) {
			return // Bに譲渡することを決めた: what is sold is left unsaid, maybe not the seller
		} else if ok {
			// Cの全ての事業を: the company before the words that qualify its business.
			for k := at - 1; k >= 0 && k > at-5; k-- {
				if m := f.endingAt(k); m != nil && f.tok(k).surf == "の" && isType(m.ent, Firm) {
					thing = []*mention{m}
					break
				}
			}
		}
		subj, objs = to, nil
		for _, m := range thing {
			if isType(m.ent, Firm) && m.ent != to[0].ent {
				objs = append(objs, m)
			}
		}
	case p.holding:
		// Xの株式を保有するY: Y invests in X; 球団「X」を保有するY: Y owns X. The holder is the
		// name the clause modifies, else the subject.
		if p.passive {
			return
		}
		if p.adnomial {
			head := f.headAt(p.next)
			if head == nil && !f.shareholderNounAt(p.next) {
				return
			}
			if head != nil {
				subj = []*mention{head}
			}
			// (Xは…株式の10%を保有する第2位株主だ: the holder is the clause's own subject.)
		}
		if o := f.sharesOf(p.i); o != nil {
			objs = f.listEndingWith(o)
		} else if wo := f.marked(0, p.i, "を"); len(wo) > 0 && f.after(wo[len(wo)-1])+1 == p.i && isType(wo[len(wo)-1].ent, Firm, Organization) {
			p.rel = "parent_of"
			objs = f.listEndingWith(wo[len(wo)-1])
			subj = slices.DeleteFunc(slices.Clone(subj), func(m *mention) bool { return !isType(m.ent, Firm, Organization) })
		}
	case p.adnomial && !(governmentAct(p.rel) && !p.passive && f.headAt(p.next) == nil && f.measureAt(p.next)):
		// (Xは…輸出を制限する新たな規則を発表した: a measure the subject takes restricts what
		// the clause names, as the plain predicate does: the default case.)
		head := f.headAt(p.next)
		if head == nil {
			head = f.modifiedName(p.i)
		}
		if head != nil && isType(head.ent, Country, Location) && f.unnamedFirmAfter(head) {
			head = nil // …を運営する日本のIT大手となった: a company left unnamed, not the country
		}
		if head == nil {
			// Xは、「Y」を運営するIT大手だ: the description is said of the topic X.
			k := f.nounRunEnd(p.next)
			head = f.topicOfCopula(p.next, k)
			if head == nil {
				head = f.productTopic(p.next, k) // Xは、Yが開発した新型ロケット。
			}
		}
		if wo := f.marked(0, p.i, "を"); len(wo) > 0 && p.i-f.after(wo[len(wo)-1]) <= 2 && head != nil && !p.passive &&
			subjectFits(p.rel, head.ent) && !(len(f.marked(wo[len(wo)-1].tj, p.i, "が")) > 0) {
			// 「X」を経営するY, GPUを設計したNvidia: the modified name is the subject, the を-name
			// right before the predicate its object.
			subj, objs = []*mention{head}, []*mention{wo[len(wo)-1]}
			break
		}
		if head != nil && (p.rel == "uses" && isType(head.ent, Product) || p.rel == "parent_of") && !p.passive && f.tok(p.i-1).surf == "を" &&
			f.endingAt(p.i-1) == nil && len(f.marked(f.clauseStart(p.i), p.i, "が")) == 0 {
			// このシステムを利用したソフト「Y」, 倉庫を運営する会社・Y: Y is what uses or runs the
			// unnamed thing, not what the sentence's subject owns.
			return
		}
		if head != nil && isType(head.ent, Event) && governmentAct(p.rel) {
			return // AIを規制する「AI法」: the law restricts, nobody restricts the law
		}
		// Nvidiaが…設計したGPU, Xが提供するサービス「Y」: the modified name is the object, the
		// が-name the subject.
		if head != nil {
			objs = []*mention{head}
		}
		if ga := f.nearestArg(p.i, 0, "が"); ga != nil {
			subj = f.listEndingWith(ga[0]) // AとBが開発したX: both
		} else if m := f.endingAt(p.i); m != nil && isType(m.ent, Person) && !p.passive {
			subj = []*mention{m} // X氏率いるY: the person right before the verb, its particle left out
		} else if m := f.endingAt(p.i - 1); m != nil && f.tok(p.i-1).surf == "の" && isType(m.ent, Firm, Organization) && !p.passive {
			// 東西社の提供するサービス「Y」: の marks the relative clause's subject, not the
			// sentence's topic.
			subj = []*mention{m}
		}
	case p.received:
		// XはYから出資を受けた: the giver invests in the topic. (Not in a relative clause:
		// Yから出資を受けたX is said of X, and the head is found as for others.)
		if p.adnomial || p.passive {
			return
		}
		from := afterSubjects(subj)
		givers := f.nearestArg(p.i, from, "から")
		if len(givers) == 0 {
			return
		}
		subj, objs = f.listEndingWith(givers[0]), subj
		if len(objs) == 0 {
			return
		}
	case p.deal > 0:
		// XはYの買収を発表した: Y, the name before the deal noun's particle, is the object.
		if p.passive || p.adnomial {
			return
		}
		k := p.deal - 1
		if f.tok(k).surf != "の" {
			k-- // Yとの業務提携
		}
		if f.tok(k-1).surf == "と" || f.tok(k-1).surf == "へ" {
			k--
		}
		o := f.nameBeforeNotes(k)
		if o == nil {
			return
		}
		objs = f.listEndingWith(o)
	case p.passive:
		// Kumoが発売された: the subject is what was acted on; an agent may be given with によって.
		objs, subj = subj, nil
		subj = f.nearestArg(p.i, 0, "によって", "により")
		if len(subj) == 0 && p.rel == "uses" {
			// Xの学習には「Y」が使われている: the used product marked が (the topic there is
			// none), its user marked に.
			if len(objs) == 0 {
				objs = f.nearestArg(p.i, 0, "が")
			}
			subj = f.passiveUser(p.i, objs)
		}
	case f.tok(p.i-1).surf == "と" && f.tok(p.i-1).particle() && clauseEnd(f.tok(p.i-2)):
		// …を開発したと発表した: the objects before と belong to the reported clause.
		return
	case p.rel == "founded" && !p.passive && hasFounder(f.foundedBy(p)):
		// 東西電機は…山田太郎が創業した: the company the sentence is about is what the person founded.
		subj, objs = f.foundedBy(p)
	case p.shares:
		// Only shares: 特許を取得した is no investment.
		if o := f.sharesOf(p.i); o != nil {
			objs = []*mention{o}
		}
	default:
		from := afterSubjects(subj)
		if p.rel == "acquires" {
			if s, o := f.topicActedOn(p, Firm); s != nil {
				// YはXが買収した: the topic is what the が-named company bought (and, with
				// 傘下に収める after it, owns).
				f.emit(f.si, s.ent, "acquires", o.ent, "", p.text, o.start, f.tok(p.next-1).end, conf, p.negated)
				for k := p.next; k < p.next+4 && k < len(f.s.toks); k++ {
					if f.tok(k).surf == "傘下" && f.tok(k+1).surf == "に" && f.tok(k+2).lemma() == "収める" {
						f.emit(f.si, s.ent, "parent_of", o.ent, "", "傘下に収める", o.start, f.tok(k+2).end, conf, p.negated)
					}
				}
				return
			}
		}
		if p.rel == "develops" || p.rel == "releases" || p.rel == "uses" {
			if s, o := f.topicActedOn(p, Product); s != nil && f.endsSentence(p.next) {
				// H200は、台湾のTSMCが製造している。 (Not Yは、Xが発売し…ている「Z」と同じもの: the
				// clause goes on to another product.)
				subj, objs = []*mention{s}, []*mention{o}
			}
		}
		switch p.rel {
		case "restricts", "regulates", "sanctions":
			// Xに対し first: …に基づき is the grounds, not the target.
			if objs = f.nearestArg(p.i, from, "に対し", "に対して"); len(objs) == 0 {
				objs = f.nearestArg(p.i, from, "に", "へ")
				// (not the law it acts under, Xに基づき: the grounds)
				objs = slices.DeleteFunc(objs, func(m *mention) bool { return f.tok(f.after(m)+1).lemma() == "基づく" })
			}
			if len(objs) == 0 && p.order {
				// Xに対する調査に乗り出した: the target of the order or inspection it names.
				objs = f.nearestArg(p.i, from, "に対する")
			}
			if len(objs) == 1 {
				objs = f.listEndingWith(objs[0]) // AとBに排除措置命令を出した: each of them
			}

		case "member_of", "works_at", "invests_in", "supplies":
			objs = f.nearestArg(p.i, from, "に", "へ")
			if len(objs) == 0 && len(subj) > 0 && !p.adnomial {
				// Xには、Yが出資している: the name marked には before the subject.
				for _, m := range f.ms {
					if m.tj > subj[0].ti {
						break
					}
					if k := f.after(m); f.tok(k).surf == "に" && f.tok(k+1).surf == "は" && !f.clauseEndBetween(k, p.i) {
						objs = []*mention{m}
					}
				}
			}
		case "partners_with", "competes_with":
			objs = f.nearestArg(p.i, from, "と")
			if len(objs) == 0 && f.tok(p.i).surf == "対抗" {
				objs = f.nearestArg(p.i, from, "に") // Yに対抗する: the rival is marked に
			}
		}
		if p.rel == "supplies" && len(objs) > 0 {
			// XはYをZに供給する: the product supplied, as well as its buyer.
			if wo := f.objArgs(p.i, from, "を"); len(wo) > 0 && isType(wo[len(wo)-1].ent, Product) {
				objs = append(append([]*mention(nil), objs...), f.listEndingWith(wo[len(wo)-1])...)
			}
		}
		if len(objs) == 0 && len(also) > 0 && len(f.marked(also[len(also)-1].tj, p.i, "を")) == 0 {
			objs = also
		}
		if len(objs) == 0 && p.venture == 0 {
			// (A joint company's own name, 合弁会社「C」を設立した, is no partner: AとBは… pairs
			// the subjects, below.)
			// The を-name of this predicate, not of a verb between them (XをYさせるソフトを発表した).
			if wo := f.objArgs(p.i, from, "を"); len(wo) > 0 {
				objs = f.listEndingWith(wo[len(wo)-1])
			} else if wo := f.marked(from, p.i, "を"); len(wo) > 0 && !f.verbBetween(f.after(wo[len(wo)-1])+1, p.i) {
				objs = f.listEndingWith(wo[len(wo)-1])
			} else if wo := f.countedObject(from, p.i); len(wo) > 0 {
				objs = wo
			} else if o := f.cuedObject(from, p.i); o != nil {
				objs = []*mention{o}
			} else if wo := f.sharedObject(p.i); len(wo) > 0 {
				objs = f.listEndingWith(wo[0])
			} else if o := f.ownerOfPart(p.i); o != nil && (p.rel == "acquires" || p.rel == "invests_in") {
				objs = []*mention{o}
			} else if o := f.sharesBefore(p.i); o != nil && subsidiary(p.text) {
				// Yの全株式を取得して完全子会社化する: the company whose shares the first verb takes.
				objs = []*mention{o}
			} else if o := f.chainedHead(p); o != nil {
				// The relative clause's own subject, marked が after the sentence's topic.
				objs = []*mention{o}
				if ga := f.marked(from, p.i, "が"); len(ga) > 0 {
					subj = ga[len(ga)-1:]
				}
			}
		}
		if p.nounObject {
			// 北京への制裁を強化した: the name the restriction is aimed at, else its words.
			objs = nil
			for _, m := range f.ms {
				if m.ti < from || m.tj > p.i {
					continue
				}
				k := f.after(m)
				w := f.tok(k).surf
				if (w == "へ" && f.tok(k+1).surf == "の") || w == "に対する" || w == "に対し" || w == "に対して" || (w == "に" && f.tok(k+1).lemma() == "対する") ||
					w == "向け" && isType(m.ent, Country, Firm, Organization) || // 中国向けの輸出管理
					w == "に" && levies(f.tok(p.i)) && isType(m.ent, Country, Firm, Organization, Person) { // ロシアに制裁を科す
					objs = []*mention{m}
				}
			}
			if len(objs) == 1 {
				objs = f.listEndingWith(objs[0]) // イラン、シリア、北朝鮮に制裁を科す: each of them
			}
			if len(objs) == 0 && levies(f.tok(p.i)) {
				literal, litStart = f.markedPhrase(from, p.i-2, "に") // 中国製品に関税を課す: what it falls on
				if ms := f.namesInPhrase(litStart, p.i); literal != "" && len(ms) > 0 {
					objs, literal = ms, "" // Xなど3社に制裁を科した: the companies named
				}
			}
			if len(objs) == 0 && literal == "" {
				literal, litStart = f.objectPhrase(from, p.i)
				if literal == f.tok(p.i-2).surf {
					// 統制を強めた: the restriction noun alone says nothing of its object.
					literal = ""
				}
			}
		} else if len(objs) == 0 && governmentAct(p.rel) && !p.order && !strings.HasPrefix(p.text, "制裁金") {
			// An object that is no name: keep its words (…へのアクセスを阻止した), unless a
			// company, body or product is named inside them (X製品の調達を禁止した: X is what is
			// restricted).
			literal, litStart = f.objectPhrase(from, p.i)
			if ms := f.namesInPhrase(litStart, p.i); literal != "" && len(ms) > 0 {
				objs, literal = ms, ""
			}
		}
	}
	if len(subj) == 0 && len(objs) > 0 && !p.adnomial && !p.passive && (f.d.x.lex.speech[f.tok(p.i).surf] == "" || p.deal > 0) {
		// 1977年には「X」を発売している。: a statement with its subject left out goes on with the
		// previous sentence's topic (not a speech word: …の解散を発表。 reports, its objects are
		// another verb's; but a deal announced, また、Yとの提携を発表した, is the topic's own).
		subj = f.previousTopic(p.i)
		conf -= 0.1
	}
	if len(subj) == 0 {
		return
	}
	if len(objs) == 0 && literal == "" && (p.rel == "partners_with" || p.rel == "competes_with") && len(subj) > 1 {
		// AとBは提携している: each with the others.
		for i, a := range subj {
			for _, b := range subj[i+1:] {
				if subjectFits(p.rel, a.ent) && objectFits(p.rel, b.ent) {
					f.emit(f.si, a.ent, p.rel, b.ent, "", p.text, a.start, f.tok(p.next-1).end, conf, p.negated)
				}
			}
		}
		return
	}
	if p.rel == "develops" && !p.passive && f.jointly(afterSubjects(subj), p.i) {
		// AとBが共同開発した, AはBと共同で…を開発した: the makers work together, and a partner
		// marked と makes the product too.
		makers := subj
		if to := f.nearestArg(p.i, afterSubjects(subj), "と"); len(to) > 0 && !p.adnomial {
			makers = append(append([]*mention(nil), subj...), f.listEndingWith(to[0])...)
			subj = makers
		}
		text := p.text
		if f.tok(p.i-1).surf == "共同" {
			text = "共同" + text
		}
		for i, a := range makers {
			for _, b := range makers[i+1:] {
				if a.ent != b.ent && isType(a.ent, Firm, Organization) && isType(b.ent, Firm, Organization) {
					f.emit(f.si, a.ent, "partners_with", b.ent, "", text, a.start, f.tok(p.next-1).end, conf, p.negated)
				}
			}
		}
	}
	if p.rel == "founded" && !p.passive && p.venture == 0 && len(subj) > 0 && isType(subj[len(subj)-1].ent, Firm) {
		// 東西商事は新会社「X」を設立した: a company owns the company it sets up (a joint
		// venture's partners are read above).
		q := *p
		q.rel, p = "parent_of", &q
		// A holding company set up (持株会社「Xホールディングス」を設立する) becomes the parent,
		// not the child.
		objs = slices.DeleteFunc(slices.Clone(objs), func(m *mention) bool {
			return strings.Contains(m.text, "ホールディング") || slices.ContainsFunc(f.s.toks[max(0, m.ti-4):m.ti], func(t token) bool {
				return strings.Contains(t.surf, "持株") || strings.Contains(t.surf, "持ち株")
			})
		})
	}
	if literal != "" {
		if ms := f.countedNext(literal); len(ms) > 0 {
			objs, literal = ms, "" // …3社を…に追加した。対象となったのは、A、B、Cの3社。
		}
	}
	for _, s := range subj {
		if governmentAct(p.rel) && literal == "" && isType(s.ent, Person) && f.tok(s.ti-1).surf == "の" && f.heldPost(s) {
			// 米国のY商務長官は中国への輸出規制を強化した: an official acts for the state or
			// body named before the post (on a name: words as the object say too little).
			if c := f.endingAt(s.ti - 1); c != nil && isType(c.ent, Country, Organization) {
				s = c
			}
		}
		if e := s.ent.employer; isType(s.ent, Person) && !subjectFits(p.rel, s.ent) && e != nil && isType(e, Firm) && subjectFits(p.rel, e) {
			// 東西商事の山田社長は、Yを買収すると発表した: a company's act stated by its
			// officer is the company's.
			s = &mention{sent: s.sent, ti: s.ti, tj: s.tj, start: s.start, end: s.end, text: s.text, ent: e, typ: e.typ}
		}
		if !subjectFits(p.rel, s.ent) || strings.HasPrefix(p.text, "搭載") && !isType(s.ent, Product, Firm) {
			// (Only a product carries a part, or its maker mounts one: 日本国産のロケット is no
			// country's use.)
			continue
		}
		if literal != "" {
			f.emit(f.si, s.ent, p.rel, nil, literal, p.text, min(s.start, litStart), f.tok(p.next-1).end, conf-0.1, p.negated)
			continue
		}
		if p.order {
			// An order is given to a party: a company, body, person or state (a law or a
			// product named, 取引法違反, is no target).
			objs = slices.DeleteFunc(slices.Clone(objs), func(m *mention) bool { return isType(m.ent, Event, Product) })
		}
		if p.inquiry {
			// An investigation's target is marked as one (Xに対し, Xへの, Xに対する), not a name
			// another clause shares (Yを設置し、…の調査を開始する).
			objs = slices.DeleteFunc(objs, func(m *mention) bool {
				w := f.tok(f.after(m)).surf
				return w != "に" && w != "に対し" && w != "に対して" && w != "に対する" && w != "へ"
			})
		}
		for _, o := range objs {
			if !objectFits(p.rel, o.ent) {
				continue
			}
			start, end := min(s.start, o.start), max(o.end, f.tok(p.next-1).end)
			f.emit(f.si, s.ent, p.rel, o.ent, "", p.text, start, end, conf, p.negated)
			if p.rel == "acquires" && subsidiary(p.text) && !p.passive && !p.adnomial {
				// Yを(完全)子会社化する, 子会社にする: Y becomes the subject's subsidiary.
				f.emit(f.si, s.ent, "parent_of", o.ent, "", p.text, start, end, conf, p.negated)
			}
		}
	}
}

// describedTopic returns the sentence's topic when the relative clause of predicate p modifies
// the words for a kind of company that end the sentence (Xは、Yを開発した企業である, Xは、Yに出資
// する投資会社だ, Xは、Zに本社を置くメーカー。): the company is the topic, and the clause's subject.
// Nil when the clause names a subject of its own (Xは、Yが買収した企業だ) or modifies a name.
func (f *frame) describedTopic(p *predicate) *mention {
	if !p.adnomial || p.passive || f.headAt(p.next) != nil || f.modifiedName(p.i) != nil {
		return nil
	}
	k := f.nounRunEnd(p.next)
	t := f.topicOfCopula(p.next, k)
	if t == nil || len(f.marked(t.tj, p.i, "が")) > 0 || f.tok(p.i-1).surf == "の" {
		return nil
	}
	return t
}

// nounRunEnd returns the end of the common nouns from token k, at most four, before a name.
func (f *frame) nounRunEnd(k int) int {
	j := k
	for j < len(f.s.toks) && j < k+4 && f.tok(j).noun() && f.startingAt(j) == nil {
		j++
	}
	return j
}

// jointly reports whether the clause before the predicate at token i, from token from, says it
// is done jointly: 共同 right before it (共同開発した) or 共同で, 共同して earlier (Yと共同で…).
func (f *frame) jointly(from, i int) bool {
	if f.tok(i-1).surf == "共同" {
		return true
	}
	for k := max(from, i-12); k < i; k++ {
		if f.tok(k).surf == "共同" && (f.tok(k+1).surf == "で" || f.tok(k+1).lemma() == "する") {
			return true
		}
	}
	return false
}

// heldPost reports whether a person's name is written with a post after it (山田商務長官,
// 山田首相), not an honorific alone (山田氏).
func (f *frame) heldPost(m *mention) bool {
	if m.title != "" && !f.d.x.lex.personSfx[m.title] {
		return true
	}
	_, _, ok := f.roleAfter(m)
	return ok
}

// subsidiary reports whether a predicate's words make a company a subsidiary (子会社化する,
// 子会社にする, 傘下に収める).
func subsidiary(text string) bool {
	return strings.HasPrefix(text, "子会社") || strings.HasPrefix(text, "傘下")
}

// sharesBefore returns the company whose shares a predicate that continues into the one at token i
// takes (Yの全株式を取得して完全子会社化する: Y), or nil.
func (f *frame) sharesBefore(i int) *mention {
	cs := f.chunks()
	c := chunkOf(cs, i)
	if c < 0 {
		return nil
	}
	for _, d := range dependents(cs, c) {
		if cs[d].pred && cs[d].conj && buysShares(f.tok(cs[d].i)) {
			return f.sharesOf(cs[d].i)
		}
	}
	return nil
}

// afterSubjects returns the token after the last of a predicate's subjects, or 0 when it has
// none: where its other arguments may start.
func afterSubjects(subj []*mention) int {
	if len(subj) == 0 {
		return 0
	}
	return subj[len(subj)-1].tj
}

// chainedHead returns the product that a continuative predicate without an object describes
// through the relative clause it joins (Xが先行して発売し好評を得ている端末「Y」: X releases Y), or
// nil: the first predicate after it in the clause modifies the product's name.
func (f *frame) chainedHead(p *predicate) *mention {
	if p.passive || p.adnomial || (p.rel != "releases" && p.rel != "develops" && p.rel != "supplies") || f.tok(p.next-1).surf != "し" {
		return nil
	}
	for k := p.next; k < len(f.s.toks) && k < p.next+12; k++ {
		t := f.tok(k)
		if t.surf == "、" || t.surf == "。" || t.particle() && (t.surf == "は" || t.surf == "が" || t.surf == "も") || f.startingAt(k) != nil {
			return nil
		}
		q := f.predicateAt(k)
		if q == nil && !t.verb() {
			continue
		}
		n := k + 1
		if q != nil {
			n = q.next
		}
		n = f.pastEndings(n)
		if m := f.headAt(n); m != nil && isType(m.ent, Product) {
			return m
		}
		if q != nil || t.verb() && f.tok(k+1).surf != "て" {
			k = n - 1
		}
	}
	return nil
}

// pastEndings returns the token after a verb's endings from token n: auxiliaries, dependent
// verbs and the て or で between them (ている, ていた, ました).
func (f *frame) pastEndings(n int) int {
	for n < len(f.s.toks) && (f.tok(n).aux() || f.tok(n).verb() && f.tok(n).pos[1] != "自立" || f.tok(n).particle() && (f.tok(n).surf == "て" || f.tok(n).surf == "で")) {
		n++
	}
	return n
}

// endsSentence reports whether the sentence ends at token n after a verb's endings.
func (f *frame) endsSentence(n int) bool {
	n = f.pastEndings(n)
	return n >= len(f.s.toks) || f.tok(n).surf == "。"
}

// topicActedOn returns, for a predicate without a を-object, the one company marked が after a
// topic of one of types and the topic, which is what the company acts on: YはXが買収した (types
// Firm), H200は台湾のTSMCが製造している (Product). Nil if there are none.
func (f *frame) topicActedOn(p *predicate, types ...string) (actor, topic *mention) {
	if p.passive || p.adnomial || len(f.marked(0, p.i, "を")) > 0 {
		return nil, nil
	}
	ts := f.marked(0, p.i, "は")
	if len(ts) == 0 || !isType(ts[len(ts)-1].ent, types...) {
		return nil, nil
	}
	t := ts[len(ts)-1]
	ga := f.marked(t.tj, p.i, "が")
	if len(ga) != 1 || !isType(ga[0].ent, Firm) || ga[0].ent == t.ent || f.verbBetween(f.after(ga[0])+1, p.i) {
		return nil, nil
	}
	return ga[0], t
}

// foundedBy returns, for a predicate of founding, the person marked が and the company or
// organisation that is the topic (は) before it: 東西電機は山田太郎氏が創業した. Nil if there is none.
func (f *frame) foundedBy(p *predicate) (persons, topic []*mention) {
	ts := f.marked(0, p.i, "は")
	if len(ts) == 0 || !isType(ts[len(ts)-1].ent, Firm, Organization) {
		return nil, nil
	}
	t := ts[len(ts)-1]
	ga := f.marked(t.tj, p.i, "が")
	if len(ga) == 0 || !isType(ga[0].ent, Person) {
		return nil, nil
	}
	return ga[:1], []*mention{t}
}

func hasFounder(persons, _ []*mention) bool { return len(persons) > 0 }

// previousTopic returns the topic (は) of the sentence before, as subject of a predicate at token
// i whose own sentence names no subject (no は, が or も before it) and does not start a new
// topic with a time or place (…では).
func (f *frame) previousTopic(i int) []*mention {
	if f.si == 0 || f.namesSubject(i) {
		return nil
	}
	// The sentence before, or the one before a run of sentences that name no subject either
	// (Xは…創業。1953年に「Y」を開発。2005年には「Z」を発売。).
	for si := f.si - 1; si >= 0 && si >= f.si-3 && !f.d.sents[si].boiler; si-- {
		pf := &frame{d: f.d, s: &f.d.sents[si], ms: f.d.ments[si], si: si}
		if ts := pf.marked(0, len(pf.s.toks), "は"); len(ts) > 0 {
			if !isType(ts[0].ent, Firm, Organization) || pf.outletReports(ts[0]) {
				return nil // (東都新聞は…と報じている。: the outlet reports the next sentence's act too)
			}
			return []*mention{ts[0]}
		}
		if pf.namesSubject(len(pf.s.toks)) {
			return nil
		}
	}
	return nil
}

// outletReports reports whether m names a news outlet and its sentence says it reports
// (報じる, 伝える, 報道する): an outlet passing news on, not acting.
func (f *frame) outletReports(m *mention) bool {
	if !f.d.x.lex.isOutlet(m.text) {
		return false
	}
	for k := m.tj; k < len(f.s.toks); k++ {
		if reportWord(f.tok(k)) {
			return true
		}
	}
	return false
}

// namesSubject reports whether a particle of a subject or topic (は, が, も, not には) stands before
// token i.
func (f *frame) namesSubject(i int) bool {
	for k := 0; k < i; k++ {
		if t := f.tok(k); t.particle() && (t.surf == "は" || t.surf == "が" || t.surf == "も") && f.tok(k-1).surf != "に" &&
			!(t.surf == "も" && dealDecided(f.tok(k+1))) { // (Yとの提携も発表した: も marks the object)
			return true
		}
	}
	return false
}

// countedObject returns the names counted by a を-object before token i (AとBの2社を買収する,
// 「A」など2機種を発表した): the names listed before "の N社" or "など N機種".
func (f *frame) countedObject(from, i int) []*mention {
	for k := i - 1; k > from+3; k-- {
		if f.tok(k).surf != "を" {
			continue
		}
		// (A comma after を sends the object to the main predicate, past a relative clause:
		// …2機種を、本社で開いた説明会で発表した.)
		if f.tok(k+1).surf != "、" && f.verbBetween(k+1, i) {
			return nil
		}
		if w := f.tok(k - 3).surf; countWord(f.tok(k-1).surf) && f.tok(k - 2).pos[1] == "数" && (w == "の" || w == "など") {
			if m := f.endingAt(k - 3); m != nil && m.ti >= from {
				return f.listEndingWith(m)
			}
			return nil
		}
		// AやBなど中国企業140社を, AやBなどの企業を: the names given as examples of the
		// companies, with a few words of their kind and a count after など.
		j := k - 1
		if countWord(f.tok(j).surf) && f.tok(j - 1).pos[1] == "数" {
			j -= 2
		}
		for n := 0; n < 3 && j > from && f.tok(j).noun() && f.tok(j).surf != "など" && f.tok(j).pos[1] != "数"; n++ {
			j--
		}
		if f.tok(j).surf == "の" {
			j--
		}
		if f.tok(j).surf != "など" {
			return nil
		}
		if f.tok(j-1).surf == ")" {
			for c := j - 2; c > from && c > j-12; c-- {
				if f.tok(c).surf == "(" {
					j = c // A(B)など: the name before its alias
					break
				}
			}
		}
		if m := f.endingAt(j); m != nil && m.ti >= from {
			return f.listEndingWith(m)
		}
		return nil
	}
	return nil
}

// countedNext returns the companies the next sentence names when it ends by counting them as
// many as the words of an object count (…中国企業3社をリストに追加した。対象となったのは、A、B、Cの
// 3社。): the object's words are those companies.
func (f *frame) countedNext(words string) []*mention {
	n := 0
	rs := []rune(words)
	for k := 1; k < len(rs) && n == 0; k++ {
		if rs[k] == '社' {
			n = smallCount(string(rs[k-1]))
		}
	}
	si := f.si + 1
	if n < 2 || si >= len(f.d.sents) {
		return nil
	}
	toks := f.d.sents[si].toks
	for i := 3; i < len(toks); i++ {
		if toks[i].surf != "社" || toks[i-2].surf != "の" || smallCount(toks[i-1].surf) != n {
			continue
		}
		if i+1 < len(toks) && toks[i+1].surf != "。" && toks[i+1].surf != "だ" && toks[i+1].surf != "です" && toks[i+1].surf != "で" {
			return nil // the count must end the sentence: …のは、A、B、Cの3社(だ)。
		}
		var out []*mention
		for _, m := range f.d.ments[si] {
			if m.ent != nil && m.tj <= i-2 && isType(m.ent, Firm, Organization) && !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
		if len(out) > n {
			out = out[len(out)-n:]
		}
		if len(out) != n {
			return nil
		}
		return out
	}
	return nil
}

// countWord reports whether w counts firms or products after a number (3社, 2機種, 4製品).
func countWord(w string) bool {
	switch w {
	case "社", "機種", "種類", "製品", "モデル", "品目", "タイトル":
		return true
	}
	return false
}

// cuedObject returns the product named before the kind of product and a count that the を of
// the predicate at token i marks (XプロセッサをY, Xプロセッサ2種類を発表した), or nil.
func (f *frame) cuedObject(from, i int) *mention {
	k := i - 1
	for k > from && f.tok(k).surf != "を" {
		k--
	}
	if k <= from || f.verbBetween(k+1, i) {
		return nil
	}
	j := k
	if t := f.tok(j - 1); t.noun() && (t.pos[2] == "助数詞" || t.surf == "種類" || t.surf == "機種") && f.tok(j - 2).pos[1] == "数" {
		j -= 2 // 2種類
	}
	n := j
	for j > from && f.tok(j-1).noun() && f.d.x.lex.productCue[f.tok(j-1).surf] && f.startingAt(j-1) == nil {
		j--
	}
	if j == n {
		return nil
	}
	if m := f.endingAt(j); m != nil && m.ti >= from && isType(m.ent, Product) {
		return m
	}
	return nil
}

// verbBetween reports whether a verb in tokens [i, j) modifies a noun (XをYさせるソフトを発表した):
// its を-object belongs to that clause. A verb joined to the predicate (Xを開発し、…提供して
// いる) shares its object.
func (f *frame) verbBetween(i, j int) bool {
	for k := i; k < j; k++ {
		if !f.tok(k).verb() {
			continue
		}
		n := k + 1
		for n < j && (f.tok(n).aux() || (f.tok(n).verb() && (f.tok(n).pos[1] == "接尾" || f.tok(n).pos[1] == "非自立"))) {
			n++
		}
		if n < j && f.tok(n).noun() {
			return true
		}
	}
	return false
}

// headAt returns the name a relative clause ending before token i modifies: the name at i, or
// one named right after a few nouns or in brackets (提供するメッセンジャー「X」).
func (f *frame) headAt(i int) *mention {
	if f.tok(i).pos[1] == "数" {
		// …が製造した7ナノメートルのチップ「X」: a measure before the head qualifies it.
		k := i + 1
		for k < i+3 && f.tok(k).noun() && !f.tok(k).proper() && f.startingAt(k) == nil {
			k++
		}
		if k > i+1 && f.tok(k).surf == "の" {
			i = k + 1
		}
	}
	if f.startingAt(i) == nil {
		// …が製造する携帯型の音楽プレーヤー「X」, 家庭用の浄水器「Y」, 音声案内付きの地球儀「Z」: a
		// word of type, use or what comes with it before the head qualifies it.
		k := i
		for k < i+3 && f.tok(k).noun() && !f.tok(k).proper() && f.startingAt(k) == nil {
			k++
		}
		if k > i && f.tok(k).surf == "の" {
			switch f.tok(k - 1).surf {
			case "型", "用", "式", "製", "向け", "付き", "付":
				i = k + 1
			}
		}
	}
	for k := i; k < len(f.s.toks) && k < i+4; k++ {
		if m := f.startingAt(k); m != nil {
			// …を開発したアメリカのX社: the place qualifies the company that heads the phrase.
			if isType(m.ent, Country, Location) && f.tok(f.after(m)).surf == "の" {
				// …を開発しているノルウェーの企業X: past words that say what the company is.
				j := f.after(m) + 1
				for j < len(f.s.toks) && j < f.after(m)+4 && f.tok(j).noun() && f.d.x.lex.firmCue[f.tok(j).surf] && f.startingAt(j) == nil {
					j++
				}
				if b := f.startingAt(j); b != nil && isType(b.ent, Firm, Organization) {
					return b
				}
				// Xは、…を運営する中国のIT大手だ: X, not the country.
				j = f.after(m) + 1
				for j < len(f.s.toks) && j < f.after(m)+5 && f.tok(j).noun() && f.startingAt(j) == nil {
					j++
				}
				if t := f.topicOfCopula(f.after(m)+1, j); t != nil {
					return t
				}

			}
			if k := f.after(m); isType(m.ent, Product) && (f.tok(k).surf == "「" || f.tok(k).surf == "『") {
				// …が製造するMP3プレーヤー「X」: the kind of product before the name in brackets.
				if b := f.startingAt(k + 1); b != nil && isType(b.ent, Product) {
					return b
				}
			}
			if isType(m.ent, Country) && m.tj-m.ti == 1 && f.d.x.gaz.abbrev[m.text] != nil {
				// …を開発した英X, 米半導体大手X: the country's abbreviation qualifies the
				// company named after it (and the words of its trade).
				if b := f.startingAt(f.pastFirmCue(m.tj)); b != nil && isType(b.ent, Firm, Organization) {
					return b
				}
			}
			return m
		}
		if t := f.tok(k); !(t.noun() || t.pos[0] == "接頭詞" || t.surf == "「" || t.surf == "『" || t.surf == "・" && k > i && f.d.x.lex.firmCue[f.tok(k-1).surf]) || t.pos[1] == "非自立" {
			return nil // 新会社「X」: a prefix goes with the noun after it; so does 会社・X
		}
	}
	return nil
}

// unnamedFirmAfter reports whether a place's name is followed by の and common nouns that
// describe a company (日本のIT大手) with no name after them.
func (f *frame) unnamedFirmAfter(m *mention) bool {
	j := f.after(m)
	if f.tok(j).surf != "の" {
		return false
	}
	k := j + 1
	for k < len(f.s.toks) && k < j+5 && f.tok(k).noun() && f.startingAt(k) == nil {
		k++
	}
	return k > j+1 && f.d.x.lex.firmCue[f.tok(k-1).surf] && f.startingAt(k) == nil && f.tok(k).surf != "「" && f.tok(k).surf != "、"
}

// objectPhrase returns the words of a を-object that is not a name, and its start.
func (f *frame) objectPhrase(from, limit int) (string, int) {
	return f.markedPhrase(from, limit, "を")
}

// markedPhrase returns the words before the last particle marker before token limit, as
// objectPhrase does for を (…中国製品に追加関税を課した: 中国製品 before に), and where they start.
func (f *frame) markedPhrase(from, limit int, marker string) (string, int) {
	wo := -1
	for k := limit - 1; k >= from; k-- {
		if f.tok(k).surf == marker && f.tok(k).particle() {
			wo = k
			break
		}
	}
	if wo <= from {
		return "", 0
	}
	k := wo
	for k > from {
		t := f.tok(k - 1)
		if t.surf == "、" || t.surf == "。" || t.verb() || t.aux() || (t.particle() && (t.surf == "は" || t.surf == "が" || t.surf == "を")) {
			break
		}
		if t.particle() && t.pos[1] == "格助詞" && (t.surf == "に" || t.surf == "で") && f.tok(k).surf != "の" && k-2 > from {
			// 即時に米国産牛肉を, 国内で米国産牛肉を: one word with に or で after a comma or a case
			// marker is a time or a place of its own (開発企業に学習データの開示を keeps its target).
			if b := f.tok(k - 3); b.surf == "、" || b.particle() && (b.surf == "は" || b.surf == "が" || b.surf == "を") {
				break
			}
		}
		if t.surf == "」" || t.surf == "』" {
			// 「X」の利用を: a name in brackets belongs to the phrase.
			if m := f.endingAt(k - 1); m != nil && m.ti > from && (f.tok(m.ti-1).surf == "「" || f.tok(m.ti-1).surf == "『") {
				k = m.ti - 1
				continue
			}
		}
		if t.surf == ")" || t.surf == "」" || t.surf == "』" {
			break // the end of a note or a quote: what follows is the phrase ((…)の…拡大防止の観点から)
		}
		k--
	}
	for k < wo && (f.tok(k).symbol() || f.tok(k).particle()) {
		k++ // a phrase starts with a word, not with の or a bracket
	}
	if k == wo {
		return "", 0
	}
	text := strings.TrimSpace(joinTokens(f.s.toks[k:wo]))
	if text == "" {
		return "", 0
	}
	return text, f.tok(k).start
}

// namesInPhrase returns the companies, bodies and products named in the を-object that starts at
// offset start and ends before token limit, and a country the object is aimed at (対中輸出).
func (f *frame) namesInPhrase(start, limit int) []*mention {
	wo := limit - 1
	for wo > 0 && f.tok(wo).surf != "を" {
		wo--
	}
	var out []*mention
	for _, m := range f.ms {
		if m.start >= start && m.tj <= wo && (isType(m.ent, Firm, Organization, Product) || isType(m.ent, Country) && f.tok(m.ti-1).surf == "対") {
			out = append(out, m)
		}
	}
	return out
}

func subjectFits(rel string, e *entity) bool {
	switch rel {
	case "develops", "releases":
		return isType(e, Firm, Organization, Country)
	case "supplies", "acquires", "partners_with", "competes_with":
		return isType(e, Firm, Organization)
	case "restricts", "regulates", "sanctions":
		return isType(e, Country, Organization)
	case "founded", "works_at", "leads":
		return isType(e, Person)
	case "invests_in":
		return isType(e, Firm, Person, Organization)
	}
	return e != nil
}

func objectFits(rel string, e *entity) bool {
	switch rel {
	case "develops", "releases", "uses":
		return isType(e, Product)
	case "supplies":
		return isType(e, Product, Firm, Country)
	case "acquires", "invests_in", "partners_with", "competes_with":
		return isType(e, Firm, Organization)
	case "founded", "works_at", "leads", "member_of":
		return isType(e, Firm, Organization)
	}
	return e != nil
}

// jobTitle reports whether the act noun at token k of the noun run [from, to) is a job title
// (監督 in 映画監督, サッカー監督・X): a title word of the lexicon after other nouns of the run,
// or one a name follows.
func (f *frame) jobTitle(from, k, to int) bool {
	lex := f.d.x.lex
	w := f.tok(k).surf
	_, title := lex.title[w]
	_, role := lex.role[w]
	if !title && !role {
		return false
	}
	if k > from {
		return true
	}
	next := to
	if f.tok(next).surf == "・" || f.tok(next).surf == "、" {
		next++
	}
	return f.startingAt(next) != nil
}

// nominal: restrictions stated as nouns: "A の輸出規制" (A restricts exports), and lists of names
// on "A の制裁リスト" (A sanctions them).
func (f *frame) nominal() {
	for _, a := range f.ms {
		if !isType(a.ent, Country, Organization) {
			continue
		}
		i := f.after(a)
		if f.tok(i).surf != "の" {
			continue
		}
		j := i + 1
		for j < len(f.s.toks) && f.tok(j).noun() && j-i <= 4 && (j == i+1 || f.startingAt(j) == nil) {
			j++ // (a name ends the phrase: Xの監督|山田太郎 is a post and its holder)
		}
		run := joinTokens(f.s.toks[i+1 : j])
		rel := ""
		for k := i + 1; k < j; k++ {
			if r := f.d.x.lex.predicate[f.tok(k).surf]; governmentAct(r) {
				rel = r
				if f.jobTitle(i+1, k, j) {
					rel = "" // 日本の映画監督・X: a job, not an act
				}
			}
		}
		if rel == "" || run == "" {
			continue
		}
		if rel != "sanctions" {
			if j == i+2 {
				continue // Aの規制で: the restriction noun alone names nothing restricted
			}
			f.emit(f.si, a.ent, rel, nil, run, run, a.start, f.tok(j-1).end, confNominal, false)
			continue
		}
		// Names that the sanction phrase modifies: …の制裁リストに載っているA、B、C.
		for k := j; k < len(f.s.toks) && k < j+10; k++ {
			t := f.tok(k)
			if t.surf == "。" || (t.particle() && (t.surf == "は" || t.surf == "が" || t.surf == "を")) {
				break
			}
			if m := f.startingAt(k); m != nil && (f.tok(k-1).verb() || f.tok(k-1).aux() || f.tok(k-1).surf == "の") {
				end := m
				for {
					ni := f.after(end)
					if f.tok(ni).surf != "、" {
						break
					}
					nx := f.startingAt(ni + 1)
					if nx == nil && f.tok(ni+1).surf == " " {
						nx = f.startingAt(ni + 2)
					}
					if nx == nil {
						break
					}
					end = nx
				}
				for _, e := range f.listEndingWith(end) {
					if isType(e.ent, Firm, Organization, Person, Country) {
						f.emit(f.si, a.ent, "sanctions", e.ent, "", run, a.start, e.end, confNominal, false)
					}
				}
				break
			}
		}
	}
}

// inHouse: a product described as the topic's own (社内の…ツール「X」, 独自のX, 自社開発のX) is
// developed by it.
func (f *frame) inHouse() {
	// Most sentences hold no 社内の, 自社開発の or 独自の: the cheap scan for one comes before
	// the topic, whose anaphors take a search of the article to resolve.
	own := false
	for k := range f.s.toks {
		if w := f.s.toks[k].surf; w == "社内" || w == "自社" || w == "独自" {
			own = true
			break
		}
	}
	if !own {
		return
	}
	topics := f.marked(0, len(f.s.toks), "は", "が")
	if len(topics) == 0 || !isType(topics[0].ent, Firm, Organization) {
		return
	}
	owners := f.listEndingWith(topics[0])
	for k := range f.s.toks {
		w := f.tok(k).surf
		if w != "社内" && w != "自社" && w != "独自" {
			continue
		}
		no := k + 1
		if f.tok(no).surf == "開発" || f.tok(no).surf == "設計" {
			no++ // 自社開発の, 独自設計の
		}
		if f.tok(no).surf != "の" {
			continue
		}
		w = joinTokens(f.s.toks[k:no])
		for j := no + 1; j < len(f.s.toks) && j < k+10; j++ {
			t := f.tok(j)
			if t.particle() && t.surf != "の" || t.surf == "、" {
				break
			}
			if m := f.startingAt(j); m != nil && isType(m.ent, Product) {
				for _, o := range owners {
					f.emit(f.si, o.ent, "develops", m.ent, "", w+"の", f.tok(k).start, m.end, confNo, false)
				}
				break
			}
		}
	}
}

// passiveUser returns the user of a product that a passive predicate of use at token i says is
// used, or nil: the company, body or product it is used in or for, marked に (Xには「Y」が採用
// された, 「Y」はXに搭載される), or the owner of an unnamed thing so marked (Xの学習には「Y」が
// 使われている, Xの新型スマートフォンに…). Places are where, not who.
func (f *frame) passiveUser(i int, used []*mention) []*mention {
	var user *mention
	for _, m := range f.ms {
		if m.tj > i {
			break
		}
		if slices.Contains(used, m) || !isType(m.ent, Firm, Organization, Product, Country) {
			continue
		}
		k := f.after(m)
		if f.tok(k).surf == "の" {
			n := k + 1
			for n < i && n < k+4 && f.tok(n).noun() && f.startingAt(n) == nil {
				n++
			}
			if n == k+1 {
				continue
			}
			k = n
		}
		if t := f.tok(k); t.surf == "に" && t.particle() && !f.clauseEndBetween(k, i) {
			user = m
		}
	}
	if user == nil {
		return nil
	}
	return []*mention{user}
}

// shareholderNounAt reports whether the noun run at token i ends in 株主 (第2位株主, 筆頭株主):
// a clause of holding shares before it describes its own subject.
func (f *frame) shareholderNounAt(i int) bool {
	for k := i; k < len(f.s.toks) && k < i+5 && (f.tok(k).noun() || f.tok(k).pos[0] == "接頭詞"); k++ {
		if f.tok(k).surf == "株主" {
			return true
		}
	}
	return false
}
