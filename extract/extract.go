// Package extract turns a Japanese news article into typed entities, subject–relation–object
// statements and quotes, each with its provenance (sentence, code-point offsets, confidence).
//
// Text is matched in a normalized form (NFKC) while every offset reported refers to the article
// text as received. Sentences are tokenized with kagome (IPA dictionary); names come from
// dictionary cues, suffixes, honorifics, scripts and a gazetteer; statements and quotes from
// Japanese case particles, apposition and speech verbs. The cue words, the gazetteer and trained
// weights are data files under data/, embedded in the binary. The ontology is
// ../shared/ontology.md.
//
// An Extractor is safe for concurrent use. Create it once, with a tokenizer built from a
// dictionary loaded once:
//
//	tok, err := tokenizer.New(ipa.Dict(), tokenizer.OmitBosEos())
//	x, err := extract.New(tok, extract.WithDictionary(ipa.Dict()))
//	doc, err := x.Extract(extract.Article{ID: "a1", Text: text})
package extract

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome/v2/tokenizer"
	"github.com/ikawaha/kagome/v2/tokenizer/lattice"
)

// MaxTextLen is the longest article text Extract accepts, in bytes.
const MaxTextLen = 1 << 20

// maxRun is the longest run of one character kept as it is: kagome's lattice grows with the
// square of an unbroken run, so longer runs are split into sentences of this size.
const maxRun = 256

// Errors returned by Extract for input that cannot be an article.
var (
	ErrEmpty    = errors.New("empty text")
	ErrTooLarge = fmt.Errorf("text longer than %d bytes", MaxTextLen)
	ErrEncoding = errors.New("text is not valid UTF-8")
	ErrBinary   = errors.New("text contains NUL or other control bytes")
	ErrNoID     = errors.New(`missing "id"`)
)

// Extractor extracts documents from articles. It is safe for concurrent use.
type Extractor struct {
	tok *tokenizer.Tokenizer
	lex *lexicon
	gaz *gazetteer
	// modelGaz is the gazetteer the name model was trained with (gaz without its unmodelled
	// entries; gaz itself when it has none): its matches are the model's features.
	modelGaz *gazetteer
	ner      *nerModel
	// typer retypes the model's spans as whole names; nil when data/ner-types.model is absent.
	typer *spanTyper
	// clusters are the word clusters of data/clusters.tsv, features of both models.
	clusters wordClusters
	// names is the name dictionary of data/names.tsv.gz (names.go), features of both models.
	names nameTable

	scratch   *sync.Pool             // of *nerScratch; a pointer, as Extractors are copied
	kinds     map[string][2]kindHash // lexKind hashes of the cue words: see kindHashes
	noKind    kindHash               // the hash of lexKind "-"
	kindFirst runeSet                // the first code points of the cue words
	pos       posIndex               // the dictionary's parts of speech, when New was given it
	fixed     *fixedPOS              // the parts of speech analyze gives tokens itself
	posH      map[*[4]string]posHash // the hashes of the tuples of pos and fixed (posHashes)
}

// Option configures New.
type Option func(*options)

type options struct {
	noModel bool
	dict    *dict.Dict
}

// WithoutModel leaves the trained name model out: for training a new one (TrainNER), when the
// embedded one may be of an older format.
func WithoutModel() Option { return func(o *options) { o.noModel = true } }

// WithDictionary gives New the dictionary tok was built with. New then indexes its parts of
// speech (half a megabyte for IPA), and the Extractor runs kagome's lattice over the dictionary
// itself, which makes extraction about a tenth cheaper than reading the words through tok token
// by token; the output is the same. New checks that the dictionary is tok's; a user dictionary
// of tok is not used.
func WithDictionary(d *dict.Dict) Option { return func(o *options) { o.dict = d } }

// New returns an Extractor that tokenizes with tok (built with the IPA dictionary). It loads
// its embedded data once.
func New(tok *tokenizer.Tokenizer, opts ...Option) (*Extractor, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	if tok == nil {
		return nil, errors.New("extract: nil tokenizer")
	}
	lex, err := loadLexicon()
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	gaz, err := loadGazetteer(false)
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	modelGaz := gaz
	if gaz.unmodelled > 0 {
		if modelGaz, err = loadGazetteer(true); err != nil {
			return nil, fmt.Errorf("extract: %w", err)
		}
	}
	x := &Extractor{tok: tok, lex: lex, gaz: gaz, modelGaz: modelGaz, scratch: &sync.Pool{}, noKind: hashKind("-", ""), fixed: newFixedPOS()}
	x.kinds = x.kindHashes()
	x.kindFirst = newRuneSet()
	for w := range x.kinds {
		x.kindFirst.addFirst(w)
	}
	if o.dict != nil {
		x.pos = newPOSIndex(o.dict)
		if err := x.checkPOSIndex(); err != nil {
			return nil, err
		}
	}
	x.posH = x.posHashes()
	cf, err := dataFS.Open("data/clusters.tsv")
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	defer cf.Close()
	if x.clusters, err = readClusters(cf); err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	nf, err := dataFS.Open("data/names.tsv.gz")
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	defer nf.Close()
	if x.names, err = readNameDict(nf); err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	if o.noModel {
		return x, nil
	}
	f, err := dataFS.Open("data/ner.model")
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	defer f.Close()
	if x.ner, err = readNERModel(f); err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	if tf, err := dataFS.Open("data/ner-types.model"); err == nil {
		defer tf.Close()
		if x.typer, err = readSpanTyper(tf); err != nil {
			return nil, fmt.Errorf("extract: %w", err)
		}
	}
	return x, nil
}

// checkPOSIndex compares the index with what kagome reads for the words of a probe sentence:
// a dictionary other than the tokenizer's would type every word wrongly.
func (x *Extractor) checkPOSIndex() error {
	for _, kt := range x.tok.Analyze("政府は東京で新しい半導体を開発したと述べた。", tokenizer.Normal) {
		var t token
		if !x.pos.read(&t, lattice.NodeClass(kt.Class), kt.ID, -1) {
			continue
		}
		for i := range 4 {
			if f, _ := kt.FeatureAt(i); f != t.pos[i] {
				return fmt.Errorf("extract: the dictionary given is not the tokenizer's (%q is %q, not %q)", kt.Surface, f, t.pos[i])
			}
		}
		if b, _ := kt.FeatureAt(6); t.base != "" && b != t.base {
			return fmt.Errorf("extract: the dictionary given is not the tokenizer's (%q has base form %q, not %q)", kt.Surface, b, t.base)
		}
	}
	return nil
}

// Check reports whether text can be extracted from: valid UTF-8, not empty, not binary and not
// too large.
func Check(text string) error {
	switch {
	case len(text) > MaxTextLen:
		return ErrTooLarge
	case !utf8.ValidString(text):
		return ErrEncoding
	case strings.TrimSpace(text) == "":
		return ErrEmpty
	}
	// A control character is one byte of valid UTF-8: the bytes of other code points are all
	// 0x80 or above.
	for i := 0; i < len(text); i++ {
		if b := text[i]; b < 0x20 && b != '\n' && b != '\r' && b != '\t' {
			return ErrBinary
		}
	}
	return nil
}

// Extract returns what the article says. Offsets refer to a.Text.
func (x *Extractor) Extract(a Article) (*Document, error) {
	d, err := x.resolved(a, nil)
	if err != nil {
		return nil, err
	}
	rels := d.relations()
	quotes := d.quotes()
	return d.document(rels, quotes), nil
}

// resolved reads an article's names and resolves them into entities: all of Extract but the
// relations, the quotes and the output. trace, when not nil, sees the work after the mention
// rules ("mentions"), after the names found again and the aliases ("repeat") and after
// resolution ("resolve"): for diagnostics.
func (x *Extractor) resolved(a Article, trace func(stage string, d *doc)) (*doc, error) {
	if err := Check(a.Text); err != nil {
		return nil, fmt.Errorf("extract %s: %w", a.ID, err)
	}
	d := &doc{x: x, a: a, n: normalize(a.Text)}
	d.orig = d.n.runes // the same code points when the text was in NFKC already
	if d.n.text != a.Text {
		d.orig = []rune(a.Text)
	}
	boilerLine := x.boilerLines(&d.n)
	spans, body := x.splitSidebars(&d.n, splitLong(d.n.runes, sentenceSpans(d.n.runes)))
	d.sents = make([]sentence, 0, len(spans))
	for _, sp := range spans {
		s := x.analyze(&d.n, len(d.sents), sp[0], sp[1])
		s.splitBrackets(x)
		s.splitNamePlace(x)
		s.splitPlacePost(x)
		s.splitLeague(x)
		s.boiler = !body[sp[0]] && (boilerLine(sp[0]) || x.isBoiler(d.n.slice(sp[0], sp[1])) && !quoteBeforeProse(d.n.runes, sp[0], sp[1]))
		s.citation = isCitationSource(d.n.slice(sp[0], sp[1]))
		d.sents = append(d.sents, s)
	}
	d.ments = make([][]*mention, len(d.sents))
	for i := range d.sents {
		ms := x.mentions(&d.sents[i])
		if d.sents[i].citation {
			if m := x.citedOutlet(&d.sents[i]); m != nil && !slices.ContainsFunc(ms, func(o *mention) bool { return o.start < m.end && m.start < o.end }) {
				ms = append(ms, m)
				slices.SortFunc(ms, func(a, b *mention) int { return a.start - b.start })
			}
		}
		if d.sents[i].boiler {
			// Page furniture names nothing but its sources: the outlets of citations
			// (東都新聞社、2015年4月1日。) and names the gazetteer knows.
			cite := d.sents[i].citation
			kept := ms[:0]
			for _, m := range ms {
				switch {
				case m.gaz != nil:
				case cite && x.lex.isOutlet(m.text) && (m.rule == "citation" || m.ti == 0):
					m.typ = Firm // the publisher, whatever the model read its name as
				default:
					continue
				}
				kept = append(kept, m)
			}
			ms = kept
		}
		d.ments[i] = ms
	}
	if trace != nil {
		trace("mentions", d)
	}
	for i := range d.sents {
		d.joinSlashed(i)
	}
	d.splitListed()
	for i := range d.sents {
		d.splitLeagues(i)
	}
	d.parenAcronyms()
	for i := range d.sents {
		d.acronymAliases(i) // before repeatNames: an abbreviation is a name the text repeats
		d.henceAliases(i)
	}
	d.repeatNames()
	d.titledNameParts()
	d.kanjiShortNames()
	for i := range d.sents {
		d.linkParenAliases(i)
		d.linkNicknames(i)
	}
	if trace != nil {
		trace("repeat", d)
	}
	d.resolve()
	if trace != nil {
		trace("resolve", d)
	}
	return d, nil
}

// joinSlashed extends a Latin name that the model read from half of a word written with a
// slash (no/ko read as ko) over the whole word, when the other half is no name of its own and
// both halves are short: the slash joins the letters of one name (names listed together, CNN/AP,
// have both halves read).
func (d *doc) joinSlashed(si int) {
	toks := d.sents[si].toks
	covered := func(k int) bool {
		return slices.ContainsFunc(d.ments[si], func(m *mention) bool { return m.ti <= k && k < m.tj })
	}
	latin := func(k int) bool { return k >= 0 && k < len(toks) && toks[k].cls == clsLatin }
	// Halves of a few letters (am/pm, b/g, SPLM/A): two longer words so joined are two names,
	// as sources are cited (UPI/NewsKerala).
	short := func(k int) bool { return latin(k) && utf8.RuneCountInString(toks[k].surf) <= 4 }
	// Nor is a piece of an address or a path (www.example.org/IP) one name, nor a unit after
	// its number (3.2GB/sec, 100km/h).
	joined := func(k int) bool {
		if k < 0 || k >= len(toks) {
			return false
		}
		if w := toks[k].surf; w == " " && k > 0 && toks[k-1].cls == clsDigit {
			return true // 10.6 GB/sec
		}
		w := toks[k].surf
		return latin(k) || toks[k].cls == clsDigit || w == "." || w == "/" || w == ":" || w == "-"
	}
	for _, m := range d.ments[si] {
		if m.gaz != nil || !latin(m.ti) || !latin(m.tj-1) {
			continue
		}
		ti, tj := m.ti, m.tj
		if ti >= 2 && toks[ti-1].surf == "/" && short(ti) && short(ti-2) && !covered(ti-2) && !joined(ti-3) {
			ti -= 2
		}
		if tj+1 < len(toks) && toks[tj].surf == "/" && short(tj-1) && short(tj+1) && !covered(tj+1) && !joined(tj+2) {
			tj += 2
		}
		if ti == m.ti && tj == m.tj {
			continue
		}
		m.ti, m.tj, m.start, m.end = ti, tj, toks[ti].start, toks[tj-1].end
		m.text = joinTokens(toks[ti:tj])
	}
}

// splitListed cuts a company's or body's name that the model read over a list of names
// (北浜ファンド・東西商事による買い集め, 東西モバイル/南北通信) into the names it lists, when the
// article names each of them alone elsewhere as a company, a body or a country: each part
// takes the type it has there. A name whose parts are not all named alone (a joint venture
// named after its parents, ソニー・エリクソン, with one parent absent; アンハイザー・ブッシュ)
// stays whole, as do persons, places and names the gazetteer knows.
func (d *doc) splitListed() {
	listed := func(m *mention) bool { return strings.Contains(m.text, "・") || strings.Contains(m.text, "/") }
	if !slices.ContainsFunc(d.ments, func(ms []*mention) bool { return slices.ContainsFunc(ms, listed) }) {
		return // most articles: no map of names
	}
	alone := map[string]string{}
	for _, ms := range d.ments {
		for _, m := range ms {
			if (m.typ == Firm || m.typ == Organization || m.typ == Country) && !listed(m) {
				if _, ok := alone[m.text]; !ok {
					alone[m.text] = m.typ
				}
			}
		}
	}
	for si, ms := range d.ments {
		var out []*mention
		for mi, m := range ms {
			parts := d.listedParts(si, m, alone)
			if parts == nil {
				if out != nil {
					out = append(out, m)
				}
				continue
			}
			if out == nil {
				out = append(make([]*mention, 0, len(ms)+len(parts)), ms[:mi]...)
			}
			out = append(out, parts...)
		}
		if out != nil {
			d.ments[si] = out
		}
	}
}

// splitLeagues cuts a name the model read over a league and one of its teams joined by ・
// (Jリーグ・北浜FC, 東西サッカーリーグ・ミナミーナ, セ・リーグ・東西ベアーズ戦) into the league and
// the team, two bodies. The team is a name, not a common word (東西リーグ・マーケティング, a
// company, stays whole), and a match (…戦) after it is left out.
func (d *doc) splitLeagues(si int) {
	toks := d.sents[si].toks
	var out []*mention
	for _, m := range d.ments[si] {
		if m.gaz != nil || m.aliasOf != nil || !strings.Contains(m.text, "リーグ・") || toks[m.ti].start != m.start || toks[m.tj-1].end != m.end {
			out = append(out, m)
			continue
		}
		j := -1
		for k := m.ti + 1; k < m.tj-1; k++ {
			if league := joinTokens(toks[m.ti:k]); toks[k].surf == "・" && strings.HasSuffix(league, "リーグ") && league != "リーグ" {
				j = k
			}
		}
		end := m.tj
		if j >= 0 && end-1 > j+1 && toks[end-1].surf == "戦" {
			end--
		}
		if j < 0 || end-(j+1) == 1 && toks[j+1].known && !toks[j+1].proper() && toks[j+1].cls != clsLatin {
			out = append(out, m)
			continue
		}
		out = append(out,
			&mention{sent: si, ti: m.ti, tj: j, start: toks[m.ti].start, end: toks[j-1].end, text: joinTokens(toks[m.ti:j]),
				typ: Organization, conf: m.conf, rule: m.rule},
			&mention{sent: si, ti: j + 1, tj: end, start: toks[j+1].start, end: toks[end-1].end, text: joinTokens(toks[j+1 : end]),
				typ: Organization, conf: m.conf, rule: m.rule, title: m.title})
	}
	d.ments[si] = out
}

// kanjiShortNames finds a company's or body's kanji name again in its abbreviation (東洋石油 then
// 東石は, 東西電力 then 東電が): kanji taken in order from the name, after the name in the text,
// standing alone before a particle or a comma, and not a common word of the dictionary (警察 is
// no abbreviation of 北浜警察署).
func (d *doc) kanjiShortNames() {
	type full struct {
		m   *mention
		pos int
	}
	var names []full
	for _, ms := range d.ments {
		for _, m := range ms {
			if (m.typ == Firm || m.typ == Organization) && utf8.RuneCountInString(m.text) >= 4 && classOfString(m.text) == clsKanji &&
				!slices.ContainsFunc(names, func(f full) bool { return f.m.text == m.text }) {
				names = append(names, full{m, m.start})
			}
		}
	}
	if len(names) == 0 {
		return
	}
	for si := range d.sents {
		toks := d.sents[si].toks
		covered := func(k int) bool {
			return slices.ContainsFunc(d.ments[si], func(m *mention) bool { return m.ti <= k && k < m.tj })
		}
		abbreviated := func(text string, pos int) *mention {
			var of *mention
			for _, f := range names {
				if f.pos < pos && kanjiAbbreviation(text, f.m.text) && !d.abbreviatesPrefix(text, f.m.text) {
					if of != nil && of.text != f.m.text {
						return nil // two names it could shorten
					}
					of = f.m
				}
			}
			return of
		}
		var add []*mention
		for i := 0; i < len(toks); i++ {
			if toks[i].cls != clsKanji || !toks[i].noun() || i > 0 && toks[i-1].cls == clsKanji || covered(i) {
				continue
			}
			j := i
			for j < len(toks) && j < i+3 && toks[j].cls == clsKanji && toks[j].noun() && !covered(j) {
				j++
			}
			if j >= len(toks) || toks[j].cls == clsKanji || !(toks[j].particle() || toks[j].surf == "、") {
				continue
			}
			if j == i+1 && toks[i].known && !toks[i].proper() {
				continue // a common word
			}
			if j > i+1 && !slices.ContainsFunc(toks[i:j], func(t token) bool { return !t.known || t.proper() || utf8.RuneCountInString(t.surf) < 2 }) {
				continue // words of the dictionary (宇宙開発, 私立中学), no abbreviation
			}
			text := joinTokens(toks[i:j])
			of := abbreviated(text, toks[i].start)
			if of == nil {
				continue
			}
			add = append(add, &mention{sent: si, ti: i, tj: j, start: toks[i].start, end: toks[j-1].end, text: text,
				typ: of.typ, conf: confLatin, rule: "acronym", aliasOf: of})
		}
		if len(add) > 0 {
			d.ments[si] = append(d.ments[si], add...)
			slices.SortFunc(d.ments[si], func(a, b *mention) int { return a.start - b.start })
		}
	}
}

// abbreviatesPrefix reports whether short abbreviates a body named at the start of name rather
// than name (衆院 of 衆議院民主党): its kanji all lie within a prefix that the gazetteer knows or that
// ends in a body's suffix or in 議院, a house of parliament.
func (d *doc) abbreviatesPrefix(short, name string) bool {
	s, n := []rune(short), []rune(name)
	k := 0
	for p := 0; p < len(n)-1; p++ {
		if k < len(s) && n[p] == s[k] {
			k++
		}
		if prefix := string(n[:p+1]); k == len(s) && p+1 > len(s) && (d.x.gaz.lookup(prefix) != nil || d.x.endsInBodySuffix(prefix) || strings.HasSuffix(prefix, "議院")) {
			return true
		}
	}
	return false
}

// listedParts returns the names a mention lists (see splitListed), or nil.
func (d *doc) listedParts(si int, m *mention, alone map[string]string) []*mention {
	if m.typ != Firm && m.typ != Organization || m.gaz != nil || m.aliasOf != nil ||
		!strings.Contains(m.text, "・") && !strings.Contains(m.text, "/") {
		return nil
	}
	toks := d.sents[si].toks
	if toks[m.ti].start != m.start || toks[m.tj-1].end != m.end {
		return nil
	}
	var parts []*mention
	k := m.ti
	for j := m.ti; j <= m.tj; j++ {
		if j < m.tj && toks[j].surf != "・" && toks[j].surf != "/" {
			continue
		}
		if j == k {
			return nil // a separator at an end or two together
		}
		text := joinTokens(toks[k:j])
		typ, ok := alone[text]
		if !ok {
			return nil
		}
		parts = append(parts, &mention{sent: si, ti: k, tj: j, start: toks[k].start, end: toks[j-1].end, text: text,
			typ: typ, conf: m.conf, rule: m.rule})
		k = j + 1
	}
	if len(parts) < 2 {
		return nil
	}
	parts[len(parts)-1].title = m.title
	return parts
}

// bodyWord reports whether a word ends the name of a company or a body: a trade (電子, 製紙), an
// organisation's suffix (協会, リーグ) or a newspaper's (新報).
func (d *doc) bodyWord(w string) bool {
	_, org := d.x.lex.orgSfx[w]
	return org || d.x.lex.industry[w] || newspaperSuffix(w)
}

// quoteBeforeProse reports whether the sentence [start, end) is words in 「」 with more text after
// them on the same line (「…」。山田社長はこう語った。), or on a line of its own with the next line
// saying who spoke (…はこう語った): a statement, not a cited title.
func quoteBeforeProse(text []rune, start, end int) bool {
	if start >= end || text[start] != '「' {
		return false
	}
	i := end
	for ; i < len(text) && text[i] != '\n'; i++ {
		if !unicode.IsSpace(text[i]) {
			return true
		}
	}
	// A quote on a line of its own, attributed by the next line (「…」\n山田社長はこう語った。).
	for i < len(text) && unicode.IsSpace(text[i]) {
		i++
	}
	j := i
	for j < len(text) && j < i+80 && text[j] != '。' && text[j] != '\n' {
		j++
	}
	next := string(text[i:j])
	for _, w := range []string{"こう", "そう"} {
		if k := strings.Index(next, w); k > 0 {
			rest := next[k+len(w):]
			for _, v := range []string{"語", "述べ", "話", "説明", "強調", "明か", "コメント", "答え"} {
				if strings.HasPrefix(rest, v) {
					return true
				}
			}
		}
	}
	return false
}

// titledNameParts finds a person named again by one katakana part of the name and a post
// (ジョン・ゼフィラント, then ゼフィラント党首 or ゼフィラント警部), or by the surname and a post
// (山田太郎, then 山田選手): the part is the person, even where the model read nothing there or
// read the part and the post as a body or a place.
func (d *doc) titledNameParts() {
	var parts map[string]bool
	add := func(p string) {
		if parts == nil {
			parts = map[string]bool{}
		}
		parts[p] = true
	}
	for _, ms := range d.ments {
		for _, m := range ms {
			if m.typ != Person {
				continue
			}
			toks := d.sents[m.sent].toks
			if f := &toks[m.ti]; m.tj-m.ti >= 2 && f.cls == clsKanji && f.proper() && f.pos[2] == "人名" && f.pos[3] == "姓" {
				add(f.surf) // 山田太郎, then 山田選手: the surname the dictionary reads in the full name
			}
			if !strings.Contains(m.text, "・") {
				continue
			}
			for k := m.ti; k < m.tj; k++ {
				// A part of the name (the dictionary may read the whole name as one word), not a
				// place's, nor a common word first (サッカー・…, the model's name over a sport):
				// the family name comes last in the Western order.
				common := toks[k].known && !toks[k].proper() && k < m.tj-1
				for p := range strings.SplitSeq(toks[k].surf, "・") {
					if !common && utf8.RuneCountInString(p) >= 2 && classOfString(p) == clsKatakana && d.x.gaz.lookupNorm(p) == nil {
						add(p)
					}
				}
			}
		}
	}
	if parts == nil {
		return
	}
	for si := range d.sents {
		toks := d.sents[si].toks
		var extra []*mention
		for i := 0; i+1 < len(toks); i++ {
			if !parts[toks[i].surf] || katakanaWord(toks, i-1) || i > 0 && toks[i-1].surf == "・" ||
				toks[i].cls == clsKanji && i > 0 && toks[i-1].cls == clsKanji {
				continue // a part of a longer word
			}
			n := d.x.titleAt(toks, i+1)
			if n == 0 && d.x.postWord(toks[i+1].surf) {
				n = 1
			}
			if n == 0 {
				continue
			}
			start, end := toks[i].start, toks[i+n].end
			if slices.ContainsFunc(d.ments[si], func(o *mention) bool {
				return o.start < end && start < o.end && (o.typ == Person || o.rule != "ner" && o.rule != "proper" || o.start < start || o.end > end)
			}) {
				continue // the person already, or another name over the words
			}
			d.ments[si] = slices.DeleteFunc(d.ments[si], func(o *mention) bool { return o.start < end && start < o.end })
			extra = append(extra, &mention{sent: si, ti: i, tj: i + 1, start: toks[i].start, end: toks[i].end, text: toks[i].surf,
				typ: Person, conf: confTitle, rule: "honorific", title: joinTokens(toks[i+1 : i+1+n])})
		}
		if len(extra) > 0 {
			d.ments[si] = append(d.ments[si], extra...)
			slices.SortFunc(d.ments[si], func(a, b *mention) int { return a.start - b.start })
		}
	}
}

// repeatNames finds the names already recognised somewhere in the article (often with a cue
// that only their first mention has: 電池メーカーの青葉エナジー) wherever else they occur.
func (d *doc) repeatNames() {
	type known struct {
		typ, rule string
		gaz       *gazEntry
		conf      float64
	}
	names := map[string]known{}
	for _, ms := range d.ments {
		for _, m := range ms {
			if _, n := utf8.DecodeRuneInString(m.text); m.conf >= confLatin && n < len(m.text) && m.rule != "gazetteer" { // two code points or more
				if _, ok := names[m.text]; !ok || m.conf > 0.8 {
					names[m.text] = known{m.typ, m.rule, m.gaz, m.conf}
				}
			}
			if m.surname != "" {
				if _, ok := names[m.surname]; !ok {
					names[m.surname] = known{Person, m.rule, nil, m.conf} // 山田(やまだ)太郎, then 山田容疑者
				}
			}
		}
	}
	if len(names) == 0 {
		return
	}
	var first [1024 / 64]uint64 // the first code points of the names, hashed: most words start none
	// The names in order: the names a key begins follow it.
	sorted := make([]string, 0, len(names))
	for name := range names {
		sorted = append(sorted, name)
		if r, ok := leadRune(name); ok {
			first[r%1024/64] |= 1 << (r % 64)
		}
	}
	slices.Sort(sorted)
	var key []byte
	for si := range d.sents {
		toks := d.sents[si].toks
		var extra []*mention
		for i := range toks {
			if r, ok := leadRune(toks[i].surf); ok && first[r%1024/64]&(1<<(r%64)) == 0 {
				continue
			}
			key = key[:0]
			for j := i; j < len(toks) && j < i+8; j++ {
				key = append(key, toks[j].surf...)
				// The first name not before the key: the key itself, or a longer name it begins.
				n, hi := 0, len(sorted)
				for n < hi {
					if h := int(uint(n+hi) >> 1); sorted[h] < string(key) {
						n = h + 1
					} else {
						hi = h
					}
				}
				if n == len(sorted) || len(key) == 0 || len(sorted[n]) < len(key) || sorted[n][:len(key)] != string(key) {
					break
				}
				if len(sorted[n]) > len(key) {
					continue
				}
				k := names[sorted[n]]
				start, end := toks[i].start, toks[j].end
				overlaps := func(o *mention) bool { return start < o.end && o.start < end }
				// A part of the name the model read alone (大和田|電子: 大和田 a place; 深|藍智能: a
				// person) gives way to the whole name known from elsewhere in the article: a name
				// a company cue introduced, or one that ends in a body's word.
				part := func(o *mention) bool {
					if o.start < start || o.end > end || o.end-o.start >= end-start || o.rule != "ner" && o.rule != "proper" || j == i ||
						k.typ != Firm && k.typ != Organization || o.typ == k.typ {
						return false
					}
					return k.rule == "cue" ||
						o.start == start && k.conf >= confNER && o.typ != Person && d.bodyWord(toks[j].surf)
				}
				inside := func(o *mention) bool { return start <= o.start && o.end <= end && o.end-o.start < end-start }
				if slices.ContainsFunc(extra, overlaps) {
					continue
				}
				if slices.ContainsFunc(d.ments[si], overlaps) {
					switch {
					case !slices.ContainsFunc(d.ments[si], func(o *mention) bool { return overlaps(o) && !part(o) }):
						d.ments[si] = slices.DeleteFunc(d.ments[si], part)
					case orgLike(k.typ) && utf8.RuneCountInString(string(key)) >= 4 &&
						!slices.ContainsFunc(d.ments[si], func(o *mention) bool { return overlaps(o) && (!inside(o) || o.typ == Person) }) &&
						slices.ContainsFunc(d.ments[si], func(o *mention) bool { return inside(o) && o.end == end }):
						// A body's name found again with only its end read as a name (スカ|パー|KRAT
						// without the cue of its first mention: KRAT): the whole name, not the part.
						// Not over a person, nor when the part ends elsewhere (台湾 in 台湾メディア
						// stays the country).
						d.ments[si] = slices.DeleteFunc(d.ments[si], inside)
					default:
						continue
					}
				}
				extra = append(extra, &mention{sent: si, ti: i, tj: j + 1, start: start, end: end, text: string(key),
					typ: k.typ, conf: confProper, rule: "repeat", gaz: k.gaz})
			}
		}
		if len(extra) > 0 {
			d.ments[si] = append(d.ments[si], extra...)
			slices.SortFunc(d.ments[si], func(a, b *mention) int { return a.start - b.start })
		}
	}
}

// leadRune returns the first code point of s when it is ASCII or takes three bytes (kana,
// kanji, full-width forms), read without checking the continuation bytes; false for an empty
// string or another lead. A string that begins with s begins with the same code point.
func leadRune(s string) (rune, bool) {
	switch {
	case len(s) == 0:
		return 0, false
	case s[0] < utf8.RuneSelf:
		return rune(s[0]), true
	case s[0]&0xF0 == 0xE0 && len(s) >= 3:
		return rune(s[0]&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F), true
	}
	return 0, false
}

// citedOutlet returns the publisher of a citation line (北西新聞社、2019年3月1日。) as a firm, when
// its name is an outlet's.
func (x *Extractor) citedOutlet(s *sentence) *mention {
	end := 0
	for end < len(s.toks) && s.toks[end].surf != "、" && s.toks[end].surf != "(" {
		end++
	}
	if end == 0 || end == len(s.toks) {
		return nil
	}
	text := joinTokens(s.toks[:end])
	if !x.lex.isOutlet(text) || !hasNameChar(text) || x.lex.isGeneric(text) {
		return nil
	}
	return &mention{sent: s.idx, ti: 0, tj: end, start: s.toks[0].start, end: s.toks[end-1].end, text: text,
		typ: Firm, conf: confSuffix, rule: "citation"}
}

// boilerLines judges every line of the text and returns whether the line holding a code point is
// page furniture. Citations and sidebars are judged by the line, since sentence splitting cuts
// them at their 。.
func (x *Extractor) boilerLines(n *normalized) func(int) bool {
	rs := n.runes
	type line struct {
		end    int
		boiler bool
	}
	var lines []line
	var texts []string
	start := 0
	for i := 0; i <= len(rs); i++ {
		if i == len(rs) || rs[i] == '\n' {
			t := n.slice(start, i)
			lines = append(lines, line{end: i, boiler: x.isBoiler(t) && !quoteBeforeProse(rs, start, i)})
			texts = append(texts, t)
			start = i + 1
		}
	}
	// The list of sources that ends an article: from the first citation (a publisher and date
	// line next to another line of furniture) on, every line is furniture, whatever its shape
	// (an unusual date, a title in another script); and so is a title right before it, however
	// long its author's name (株式会社…ニュースリリース(PDF)『…』。).
	for k := range lines {
		if !isCitationSource(texts[k]) || !((k > 0 && lines[k-1].boiler) || (k+1 < len(lines) && lines[k+1].boiler)) {
			continue
		}
		from := k
		if k > 0 {
			if t := strings.TrimSpace(texts[k-1]); lines[k-1].boiler || strings.HasSuffix(t, "』。") || strings.HasSuffix(t, "\"。") {
				from = k - 1
			}
		}
		for j := from; j < len(lines); j++ {
			lines[j].boiler = true
		}
		break
	}
	return func(pos int) bool {
		for _, l := range lines {
			if pos <= l.end {
				return l.boiler
			}
		}
		return false
	}
}

// splitSidebars cuts a sentence that is a run of sidebar headlines glued to the article's first
// sentence (鉄道2009年鉄道関連ニュース…見出し…見出し東都新聞・西町通信によると、…。) where the
// article begins, and returns the spans and the starts of the sentences so freed from the sidebar,
// which are article text although their line is furniture.
func (x *Extractor) splitSidebars(n *normalized, spans [][2]int) ([][2]int, map[int]bool) {
	var out [][2]int
	var body map[int]bool
	for k, sp := range spans {
		b := x.sidebarBody(n, sp)
		if b <= sp[0] {
			if out != nil {
				out = append(out, sp)
			}
			continue
		}
		if out == nil {
			out = append(make([][2]int, 0, len(spans)+1), spans[:k]...)
			body = map[int]bool{}
		}
		out = append(out, [2]int{sp[0], b}, [2]int{b, sp[1]})
		body[b] = true
	}
	if out == nil {
		return spans, nil
	}
	return out, body
}

// sidebarTime matches a date with the time of day (12月28日午後9時, 2013年3月2日午後4時): a
// headline gives no hour.
var sidebarTime = regexp.MustCompile(`(?:[0-9]{4}年)?[0-9]{1,2}月[0-9]{1,2}日(?:午前|午後|早朝|未明|夜)?[0-9]{1,2}時`)

// sidebarTopicDate matches a topic's は before a date (は12月4日, は2013年3月2日).
var sidebarTopicDate = regexp.MustCompile(`は(?:[0-9]{4}年)?[0-9]{1,2}月[0-9]{1,2}日`)

// sidebarBody returns where the article begins in a sentence that starts with a run of sidebar
// headlines (see isBoiler): at the source it cites first after them, a run of outlets' names
// before によると or によれば (…見出し東都新聞・西町通信によると、), or at a date with the hour
// before it (…見出し12月28日午後9時40分頃、), or -1 when the sentence is no such run or has
// neither there (the headlines have no mark of their end).
func (x *Extractor) sidebarBody(n *normalized, sp [2]int) int {
	text := n.slice(sp[0], sp[1])
	end := -1
	for _, w := range sidebarWords {
		if !strings.Contains(text, w) {
			continue // (most sentences: Index finds the first byte fast, LastIndex hashes all)
		}
		if i := strings.LastIndex(text, w); i >= 0 && i+len(w) > end {
			end = i + len(w)
		}
	}
	if end < 0 {
		return -1
	}
	cite := -1
	for _, w := range []string{"によると", "によれば"} {
		if i := strings.Index(text[end:], w); i >= 0 && (cite < 0 || i < cite) {
			cite = i
		}
	}
	from := sp[0] + utf8.RuneCountInString(text[:end])
	// The article may begin with the time of what happened (…見出し12月28日午後9時40分頃、…).
	if loc := sidebarTime.FindStringIndex(text[end:]); loc != nil && (cite < 0 || loc[0] < cite) {
		if r, _ := utf8.DecodeLastRuneInString(text[:end+loc[0]]); r < '0' || r > '9' {
			return from + utf8.RuneCountInString(text[end:end+loc[0]])
		}
	}
	// Or with a company or body as the topic and a date (…見出し東西電鉄は12月4日、…).
	topic := false
	if loc := sidebarTopicDate.FindStringIndex(text[end:]); loc != nil && loc[0] > 0 && (cite < 0 || loc[0] < cite) {
		cite, topic = loc[0], true
	}
	if cite <= 0 {
		return -1
	}
	at := from + utf8.RuneCountInString(text[end:end+cite])
	s := x.analyze(n, 0, sp[0], sp[1])
	s.splitBrackets(x)
	ms := x.mentions(&s)
	ti := slices.IndexFunc(s.toks, func(t token) bool { return t.start >= at })
	if ti <= 0 || s.toks[ti].start != at {
		return -1
	}
	first := -1
	for j := ti; j > 0; {
		k := slices.IndexFunc(ms, func(m *mention) bool { return m.tj == j })
		if k >= 0 && (x.lex.isOutlet(ms[k].text) || topic || ms[k].typ == Firm || ms[k].typ == Organization) {
			first, j = ms[k].ti, ms[k].ti
			// The last headline's verbal noun read into the name (…が開業東都新聞).
			for first+2 < ms[k].tj && s.toks[first].pos[1] == "サ変接続" && s.toks[first+1].noun() {
				first++
			}
			if topic {
				break // one topic, no list of sources
			}
			continue
		}
		if first >= 0 && slices.Contains([]string{"・", "、", "や", "および", "及び", "と", "(", ")"}, s.toks[j-1].surf) {
			j--
			continue
		}
		break
	}
	if first < 0 || s.toks[first].start < from {
		return -1
	}
	return s.toks[first].start
}

// splitLong cuts sentences longer than maxRun code points without a break into pieces, so
// that a pathological input (5 MB of one character) costs linear time.
func splitLong(rs []rune, spans [][2]int) [][2]int {
	var out [][2]int
	for _, sp := range spans {
		for sp[1]-sp[0] > maxRun*4 {
			cut := sp[0] + maxRun*4
			out = append(out, [2]int{sp[0], cut})
			sp[0] = cut
		}
		out = append(out, sp)
	}
	return out
}

// otherNameLabel reports whether w, the words opening a parenthesis before a name, label it as
// another name of what precedes the parenthesis (通称:, 略称・, 商品名, 旧社名:).
func otherNameLabel(w string) bool {
	w = strings.TrimRight(w, ":・ ")
	switch w {
	case "通称", "略称", "愛称", "商品名", "製品名", "旧社名", "正式名称", "正式名", "旧称", "別名":
		return true
	}
	return false
}

// linkParenAliases marks "NAME(ALIAS)" as one entity: 天津師範大学(TJNU), Diffusion Transformer (DiT).
func (d *doc) linkParenAliases(si int) {
	ms := d.ments[si]
	toks := d.sents[si].toks
	for k := 1; k < len(ms); k++ {
		prev, m := ms[k-1], ms[k]
		i := prev.tj
		for i < len(toks) && toks[i].surf == " " {
			i++
		}
		bracketed := false
		if i < len(toks) && (toks[i].surf == "」" || toks[i].surf == "』") && prev.ti > 0 && (toks[prev.ti-1].surf == "「" || toks[prev.ti-1].surf == "『") {
			i++ // 「東西文化協会」(TBK): the bracketed name's alias
			bracketed = true
		}
		if i >= len(toks) || toks[i].surf != "(" || m.tj >= len(toks) || toks[m.tj].surf != ")" && toks[m.tj].surf != "、" {
			continue
		}
		body := prev.typ == Firm || prev.typ == Organization
		latin := classOfString(strings.NewReplacer(" ", "", "-", "", ".", "").Replace(m.text)) == clsLatin
		if toks[m.tj].surf == "、" && !(m.ti == i+1 && body && (latin || m.rule == "acronym") && placeNoteEnd(toks, m.tj+1) > 0) {
			continue
		}
		if bracketed && !latin && m.rule != "acronym" && !(classOfString(m.text) == clsKatakana && (sameReading(m.text, prev.text) || m.gaz != nil && m.gaz == prev.gaz)) {
			// 「X」(ソニー), 「X」(ジョージ): after a bracketed name, a katakana word in parentheses
			// is a note (its maker, a role), unless it reads as the Latin name or the gazetteer
			// knows both as one thing's names.
			continue
		}
		if w := joinTokens(toks[i+1 : m.ti]); (w == "現在の" || w == "現・" || w == "現" || w == "旧・" || w == "旧") &&
			(prev.typ == Firm || prev.typ == Organization) && (m.typ == Firm || m.typ == Organization) {
			// 南山電装(現在の東西電機), 東西電機(旧・南山電装): the same body under its other name.
			m.aliasOf = prev
			continue
		}
		if otherNameLabel(joinTokens(toks[i+1:m.ti])) && m.gaz == nil {
			// 南門(通称:北門), 東西興業(旧社名・南山商事), ゼフィラ(商品名:ノーザミン): the same
			// thing's other name, labelled so (each name keeps its own reading of the type).
			m.aliasOf = prev
			continue
		}
		if m.ti != i+1 && !(m.rule == "acronym" && toks[i+1].surf == "以下") {
			continue
		}
		if body && (m.typ == Firm || m.typ == Organization) && formerBefore(toks, prev.ti) {
			// 旧・東西電機(南山電装), 旧東西銀行(北浜銀行): a body written as a former one, its
			// other name (the older or the later) in parentheses.
			m.aliasOf = prev
			continue
		}
		// The alias is an abbreviation or another script of the name (LiWen-jie, J.K.), not a note (2019年), nor
		// the place a name is from (東西ビール(ベルギー)).
		if m.gaz != nil && m.gaz != prev.gaz && (m.gaz.typ == Country || m.gaz.typ == Location || m.gaz.capital != "") {
			continue
		}
		if m.gaz != nil && m.gaz.typ == Firm && m.gaz != prev.gaz && prev.typ == Product {
			continue // X 5(ソニー): a product's maker in parentheses (makerNote), not its other name
		}
		// Another name the gazetteer gives the same thing, in any script (台湾(中華民国), 北朝鮮(朝鮮民主主義人民共和国)),
		// is an alias too.
		if c := classOfString(strings.NewReplacer(" ", "", "-", "", ".", "").Replace(m.text)); c == clsLatin || c == clsKatakana || m.rule == "acronym" || latinKatakana(m.text) ||
			prev.typ == Product && numberedShort(m.text, prev.text) || m.gaz != nil && m.gaz == prev.gaz {
			m.aliasOf = prev
			m.typ = prev.typ
		}
	}
}

// linkNicknames marks a bracketed name given as the nickname of the name after it as that name's
// alias: 「北浜メトロ」の愛称で知られる北浜地下鉄, 「ロッキー」の愛称で親しまれた歌手の山田太郎.
// The named is the first name after the phrase (past words for its kind, 歌手の), or the product
// of a company named right after it (…で親しまれた東西航空のX型機: X型機); a person named after
// a company with の (…で知られる北浜地下鉄の山田社長) is the company's, not the nickname's.
func (d *doc) linkNicknames(si int) {
	ms := d.ments[si]
	toks := d.sents[si].toks
	for k, m := range ms {
		i := m.tj
		if m.ti == 0 || m.aliasOf != nil || i+4 >= len(toks) || !(toks[m.ti-1].surf == "「" && toks[i].surf == "」" || toks[m.ti-1].surf == "『" && toks[i].surf == "』") ||
			toks[i+1].surf != "の" || toks[i+2].surf != "愛称" || toks[i+3].surf != "で" {
			continue
		}
		// The words of being known by it (知られている, 親しまれた, 有名な, 呼ばれる) up to the
		// next name, with no break of the clause.
		known := false
		var named *mention
		for j := i + 4; j < len(toks) && j < i+16 && named == nil; j++ {
			t := toks[j]
			if t.surf == "、" || t.surf == "。" || t.surf == "「" || t.pos[1] == "格助詞" && t.surf != "の" {
				break
			}
			switch t.base {
			case "知る", "親しむ", "呼ぶ", "有名", "人気":
				known = true
			}
			for _, n := range ms[k+1:] {
				if n.ti == j {
					named = n
				}
			}
			if named != nil && named.tj < len(toks) && toks[named.tj].noun() && toks[named.tj].pos[1] != "接尾" {
				named = nil // 衆議院 of 元衆議院議員の: a word for its kind, not the name
			}
		}
		if !known || named == nil || named.typ == m.typ && fold(named.text) == fold(m.text) {
			continue
		}
		if named.typ == Firm || named.typ == Organization {
			if j := named.tj; j+1 < len(toks) && toks[j].surf == "の" {
				if toks[j+1].surf == "「" || toks[j+1].surf == "『" {
					j++
				}
				for _, n := range ms {
					if n.ti == j+1 && n.typ == Product {
						named = n
					}
				}
			}
		}
		m.aliasOf = named
		m.typ = named.typ
		m.rule = "nickname"
	}
}

// numberedShort reports whether short is Latin letters and a number (PS 3, XB2) and name ends
// with the same number (…ステーション3): the short form of a numbered product's name.
func numberedShort(short, name string) bool {
	letters := strings.TrimRight(short, "0123456789")
	num := short[len(letters):]
	letters = strings.TrimRight(letters, " ")
	if num == "" || letters == "" || classOfString(letters) != clsLatin {
		return false
	}
	rest, ok := strings.CutSuffix(strings.TrimRight(name, " "), num)
	if !ok || rest == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(rest)
	return r < '0' || r > '9' // 13 is not 3
}

// formerBefore reports whether the name at token i is written as a former one: 旧 or 旧・ before it.
func formerBefore(toks []token, i int) bool {
	if i > 0 && toks[i-1].surf == "・" {
		i--
	}
	return i > 0 && toks[i-1].surf == "旧"
}

// placeNoteEnd returns the index of the ")" that closes a place's name from token i in a note
// after a name (東西電機(TZ、大阪市), (TZ、本社・大阪市)): the place's tokens, maybe after a word
// of a head office, and nothing else; else 0.
func placeNoteEnd(toks []token, i int) int {
	if i+1 < len(toks) && headOfficeWord(toks[i].surf) && (toks[i+1].surf == "・" || toks[i+1].surf == ":") {
		i += 2
	}
	place := false
	for k := i; k < len(toks) && k < i+6; k++ {
		switch t := &toks[k]; {
		case t.surf == ")":
			if place {
				return k
			}
			return 0
		case t.pos[2] == "地域" || place && t.noun() && (t.pos[1] == "接尾" || t.pos[2] == "地域"):
			place = true
		default:
			return 0
		}
	}
	return 0
}

// acronymAliases adds the short Latin acronym in parentheses after an organisation's or a
// company's name (東西電機(TZ), 北浜化学(KH)社) as a mention: too short to be a name on its own,
// it is the name's abbreviation there; linkParenAliases then links it. So is a Latin name's
// reading in katakana (ZENTA(ゼンタ)), which the dictionary takes for a common word.
func (d *doc) acronymAliases(si int) {
	toks := d.sents[si].toks
	var add []*mention
	var drop [][2]int // parentheses whose mentions give way to an abbreviation
	for _, prev := range d.ments[si] {
		body := prev.typ == Firm || prev.typ == Organization
		i := prev.tj
		if i+2 >= len(toks) || toks[i].surf != "(" {
			continue
		}
		hence := body && toks[i+1].surf == "以下" // 東西電機(以下、東西): the name the text uses from here on
		if hence {
			i++
			if toks[i+1].surf == "、" {
				i++
			}
		}
		j := i + 1
		for j < len(toks) && j-i <= 3 && toks[j].surf != ")" && toks[j].surf != "、" {
			j++
		}
		if j >= len(toks) || j == i+1 || toks[j].surf != ")" && !(toks[j].surf == "、" && !hence && placeNoteEnd(toks, j+1) > 0) {
			continue // (TZ、大阪市): an abbreviation and the place of the body
		}
		text := joinTokens(toks[i+1 : j])
		reading := false
		// A place in the parentheses is where the name is from (西山高校(岡山)); a name the
		// rules found there already is kept.
		place := slices.ContainsFunc(toks[i+1:j], func(t token) bool { return t.pos[2] == "地域" })
		found := slices.ContainsFunc(d.ments[si], func(m *mention) bool { return m.ti == i+1 })
		switch {
		case hence && !place && !slices.ContainsFunc(toks[i+1:j], func(t token) bool { return t.symbol() }):
			drop = append(drop, [2]int{i, j})
		case body && isAcronym(text):
			if found {
				continue
			}
		case prev.typ != Person && classOfString(text) == clsKatakana && classOfString(prev.text) == clsLatin && sameReading(text, prev.text):
			// The name's reading in katakana after a Latin name (ZENTA(ゼンタ)): the same name.
			if found {
				continue
			}
			reading = true
		case (prev.typ == Product || prev.typ == Firm) && !place && classOfString(text) == clsKatakana && utf8.RuneCountInString(text) >= 3 &&
			strings.ContainsFunc(prev.text, func(r rune) bool { return classOf(r) == clsKanji }) && d.x.gaz.lookup(text) == nil:
			// A kanji name's reading or other name in katakana (文心一言(ウェンシン), 東洋精機(トーヨー)):
			// the same thing.
			if found {
				continue
			}
			reading = true
		case body && kanjiAbbreviation(text, prev.text) && !place:
			// 東洋石油(東石): whatever the dictionary read in the parentheses (a given name, a
			// part of the word) gives way to the abbreviation.
			drop = append(drop, [2]int{i, j})
		default:
			continue
		}
		m := &mention{sent: si, ti: i + 1, tj: j, start: toks[i+1].start, end: toks[j-1].end,
			text: text, typ: prev.typ, conf: confLatin, rule: "acronym"}
		if reading {
			// A reading says nothing of the type: it must not repeat the name's first guess.
			m.conf, m.rule = confKatakana, "reading"
		}
		add = append(add, m)
	}
	if len(add) > 0 {
		d.ments[si] = slices.DeleteFunc(d.ments[si], func(m *mention) bool {
			return slices.ContainsFunc(drop, func(p [2]int) bool { return m.ti > p[0] && m.tj <= p[1] })
		})
		d.ments[si] = append(d.ments[si], add...)
		slices.SortFunc(d.ments[si], func(a, b *mention) int { return a.start - b.start })
	}
}

// henceAliases reads the name a note in parentheses gives in brackets as the one the text uses
// from there on (東西火災海上保険(以下、「東西火災」), 北浜協会(京都市、以下「北協」), 南山ビルト(本社:
// 大阪市。以下、「ビルト社」)) as the named body's, place's or product's alias, whatever was read there.
func (d *doc) henceAliases(si int) {
	toks := d.sents[si].toks
	var add []*mention
	var drop [][2]int
	for _, prev := range d.ments[si] {
		if prev.typ != Firm && prev.typ != Organization && prev.typ != Country && prev.typ != Location && prev.typ != Product {
			continue
		}
		open := prev.tj
		if open < len(toks) && (toks[open].surf == "」" || toks[open].surf == "』") && prev.ti > 0 && (toks[prev.ti-1].surf == "「" || toks[prev.ti-1].surf == "『") {
			open++ // 『北浜の会』(以下、「北の会」)
		}
		if open >= len(toks) || toks[open].surf != "(" {
			continue
		}
		k := open + 1
		for k < len(toks) && k < open+16 && toks[k].surf != ")" && toks[k].surf != "(" &&
			!(toks[k].surf == "以下" && (k == open+1 || toks[k-1].surf == "、" || toks[k-1].surf == "。")) {
			k++
		}
		if k >= len(toks) || toks[k].surf != "以下" {
			continue
		}
		j := k + 1
		if j < len(toks) && toks[j].surf == "、" {
			j++
		}
		if j >= len(toks) || toks[j].surf != "「" {
			continue
		}
		c := j + 1
		for c < len(toks) && c < j+8 && toks[c].surf != "」" && toks[c].surf != "、" && toks[c].surf != "。" {
			c++
		}
		if c == j+1 || c+1 >= len(toks) || toks[c].surf != "」" || toks[c+1].surf != ")" {
			continue
		}
		text := joinTokens(toks[j+1 : c])
		if n := utf8.RuneCountInString(text); n < 2 || n > 15 || fold(text) == fold(prev.text) {
			continue
		}
		if i := slices.IndexFunc(d.ments[si], func(m *mention) bool { return m.ti == j+1 && m.tj == c }); i >= 0 {
			m := d.ments[si][i]
			m.aliasOf, m.typ = prev, prev.typ
			continue
		}
		drop = append(drop, [2]int{j + 1, c})
		add = append(add, &mention{sent: si, ti: j + 1, tj: c, start: toks[j+1].start, end: toks[c-1].end,
			text: text, typ: prev.typ, conf: confLatin, rule: "acronym", aliasOf: prev})
	}
	if len(add) > 0 {
		d.ments[si] = slices.DeleteFunc(d.ments[si], func(m *mention) bool {
			return slices.ContainsFunc(drop, func(p [2]int) bool { return m.ti < p[1] && m.tj > p[0] })
		})
		d.ments[si] = append(d.ments[si], add...)
		slices.SortFunc(d.ments[si], func(a, b *mention) int { return a.start - b.start })
	}
}

// parenAcronyms reads the words before an acronym in parentheses that was taken for a company.
// Where they are a phrase of common words (大陸間弾道ミサイル(ICBM), 自由貿易協定(FTA), 政府開発
// 援助(ODA)), the acronym abbreviates a kind of thing, as the phrase does, and names no company
// there or elsewhere in the text: its mentions are dropped. A phrase with a proper noun in it or
// before it (日本郵政(JP)) may be a name, and so may one ending in a body's or company's word
// (…研究所(IRD), …会社(FHC)): where no rule read it as one, it becomes the full name (below).
func (d *doc) parenAcronyms() {
	var generic []string
	var name []*mention
	for si, ms := range d.ments {
		toks := d.sents[si].toks
		for _, m := range ms {
			if m.typ != Firm || m.rule != "latin" && m.rule != "ner" || m.gaz != nil || !isAcronym(m.text) || m.ti < 3 || m.tj >= len(toks) ||
				toks[m.ti-1].surf != "(" || toks[m.tj].surf != ")" || slices.Contains(generic, m.text) || d.x.gaz.lookup(m.text) != nil {
				continue
			}
			if d.x.commonPhraseBefore(toks, m.ti-1) {
				generic = append(generic, m.text)
			} else if k := d.x.namePhraseBefore(toks, m.ti-1); k >= 0 && !slices.ContainsFunc(ms, func(o *mention) bool { return o.ti < m.ti-1 && o.tj > k }) {
				// 北東半導体(NESC), 長鑫存儲技術(CXMT): the words before the company's acronym,
				// which no rule read as a name, are its full name (linkParenAliases links the two)
				// when they end in a company's or body's word, whose type they take, or hold a
				// kanji the dictionary does not know (a Chinese company's name); other words may
				// name anything (a party, a machine).
				text := joinTokens(toks[k : m.ti-1])
				typ := d.x.suffixTypeOf(text)
				if typ == "" && slices.ContainsFunc(toks[k:m.ti-1], func(t token) bool { return !t.known && t.cls == clsKanji }) {
					typ = Firm
				}
				if typ == Firm || typ == Organization {
					name = append(name, &mention{sent: si, ti: k, tj: m.ti - 1, start: toks[k].start, end: toks[m.ti-2].end,
						text: text, typ: typ, conf: confLatin, rule: "acronym"})
				}
			}
		}
	}
	for _, m := range name {
		d.ments[m.sent] = append(d.ments[m.sent], m)
		slices.SortFunc(d.ments[m.sent], func(a, b *mention) int { return a.start - b.start })
	}
	if len(generic) == 0 {
		return
	}
	for si := range d.ments {
		d.ments[si] = slices.DeleteFunc(d.ments[si], func(m *mention) bool {
			return m.typ == Firm && (m.rule == "latin" || m.rule == "ner") && slices.Contains(generic, m.text)
		})
	}
}

// commonPhraseBefore reports whether the tokens before token i are a phrase of two or more
// common words (nouns, prefixes and suffixes the dictionary knows, none of them a proper noun)
// that begins after a word of another kind (a particle, a verb, punctuation) and does not end
// in a body's, place's or company's word.
func (x *Extractor) commonPhraseBefore(toks []token, i int) bool {
	// The last word, or its last one to three characters (社会民主|党 is one word): a body's,
	// place's, company's or outlet's word.
	last := []rune(toks[i-1].surf)
	for n := range min(len(last), 3) + 1 {
		w := string(last)
		if n > 0 {
			w = string(last[len(last)-n:])
		}
		if x.lex.nameSuffix(w) || x.lex.firmCue[w] || x.lex.industry[w] || x.lex.isOutlet(w) {
			return false
		}
	}
	k := i
	for k > 0 {
		t := &toks[k-1]
		common := t.known && (t.cls == clsKanji || t.cls == clsKatakana) &&
			(t.noun() && !t.proper() && t.pos[1] != "代名詞" && t.pos[1] != "数" && t.pos[1] != "非自立" || t.pos[0] == "接頭詞")
		if !common {
			break
		}
		k--
	}
	if i-k < 2 {
		return false
	}
	if k > 0 && (toks[k-1].proper() || toks[k-1].noun() || toks[k-1].cls == clsLatin) {
		return false // 日本|農林|規格: a name's words after a proper noun
	}
	return true
}

// suffixTypeOf returns the type of the organisation suffix that ends name (its last one to
// four characters: …半導体, …研究所), or "".
func (x *Extractor) suffixTypeOf(name string) string {
	r := []rune(name)
	for n := min(len(r)-1, 4); n >= 1; n-- {
		if typ, ok := x.lex.orgSfx[string(r[len(r)-n:])]; ok {
			return typ
		}
	}
	return ""
}

// namePhraseBefore returns the first token of the words before token i that may be a
// company's full name before its acronym in parentheses: two to eight nouns (or three characters
// or more in one) with a kanji among them, after a particle, punctuation, the text's start or
// a word that says what the company is (半導体大手北東半導体(NESC)); -1 if there are none.
func (x *Extractor) namePhraseBefore(toks []token, i int) int {
	k, kanji := i, false
	for k > 0 && i-k < 8 {
		t := &toks[k-1]
		if !(t.noun() || t.pos[0] == "接頭詞") || t.pos[1] == "代名詞" || t.pos[1] == "数" || t.pos[1] == "非自立" || t.cls == clsLatin || t.cls == clsDigit || t.symbol() {
			break
		}
		if x.lex.firmCue[t.surf] || x.lex.isGeneric(t.surf) {
			break
		}
		kanji = kanji || t.cls == clsKanji
		k--
	}
	if k == i || !kanji || i-k == 1 && utf8.RuneCountInString(toks[k].surf) < 3 {
		return -1
	}
	if k > 0 && (toks[k-1].noun() || toks[k-1].cls == clsLatin) && !x.lex.firmCue[toks[k-1].surf] && !x.lex.isGeneric(toks[k-1].surf) {
		return -1 // a run longer than a name
	}
	return k
}

// sameReading reports whether a katakana word reads as a Latin name: their consonant skeletons
// agree (ゼンタ and ZENTA are "znt", ユーネ and UNE "n"). Shorter skeletons than
// sameByTransliteration's are enough here, where the parentheses say the two are one name.
func sameReading(kana, latin string) bool {
	r, ok := romaji(kana)
	if !ok || r == "" {
		return false
	}
	a := skeleton(r)
	return a != "" && a == skeleton(latin)
}

// latinKatakana reports whether s is written in Latin letters, digits and katakana only, with
// both scripts in it (ジャパンFMネットワーク).
func latinKatakana(s string) bool {
	var latin, kana bool
	for _, r := range s {
		switch classOf(r) {
		case clsLatin:
			latin = true
		case clsKatakana:
			kana = true
		case clsDigit:
		default:
			if r != ' ' && r != '・' && r != '-' {
				return false
			}
		}
	}
	return latin && kana
}

// kanjiAbbreviation reports whether short is a kanji abbreviation of name: two to four kanji
// taken in order from it, starting with its first but not only its first ones (新日本石油 →
// 新日石, 東洋石油 → 東石, 東京証券取引所 → 東証).
func kanjiAbbreviation(short, name string) bool {
	s, n := []rune(short), []rune(name)
	if len(s) < 2 || len(s) > 4 || len(s) >= len(n) || s[0] != n[0] || strings.HasPrefix(name, short) {
		return false // a name's first word is where it is from as often (西山高校(西山))
	}
	k := 0
	for _, r := range n {
		if classOf(r) != clsKanji {
			return false
		}
		if k < len(s) && r == s[k] {
			k++
		}
	}
	return k == len(s) && !slices.ContainsFunc(s, func(r rune) bool { return classOf(r) != clsKanji })
}

// isAcronym reports whether s is two to six capital letters or digits, starting with a letter.
func isAcronym(s string) bool {
	if len(s) < 2 || len(s) > 6 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '&') {
			return false
		}
	}
	return true
}

// document assembles the output with offsets into the original text.
func (d *doc) document(rels []Relation, quotes []Quote) *Document {
	out := &Document{ID: d.a.ID, Title: d.a.Title, URL: d.a.URL, Published: d.a.Published,
		Entities: make([]Entity, 0, len(d.ents)), Sentences: make([]Span, 0, len(d.sents)), Relations: rels, Quotes: quotes}
	if out.Relations == nil {
		out.Relations = []Relation{}
	}
	if out.Quotes == nil {
		out.Quotes = []Quote{}
	}
	for _, s := range d.sents {
		out.Sentences = append(out.Sentences, d.n.span(s.start, s.end))
	}
	slices.SortStableFunc(d.ents, func(a, b *entity) int { return a.first - b.first })
	// Two entities whose names differ only in spacing or punctuation folded away ("BS-1",
	// "BS 1") get one id: they are one entity, named by the first.
	byID := map[string]int{}
	for _, e := range d.ents {
		id := entityID(e.name)
		k, dup := byID[id]
		if !dup {
			k = len(out.Entities)
			byID[id] = k
			out.Entities = append(out.Entities, Entity{ID: id, Name: e.name, Type: e.typ, Mentions: make([]Span, 0, len(e.mentions))})
		}
		oe := &out.Entities[k]
		// An entity's aliases are few: a look along them is cheaper than a map of them.
		addAlias := func(s string) {
			if s = strings.TrimSpace(s); s != "" && s != oe.Name && !slices.Contains(oe.Aliases, s) {
				oe.Aliases = append(oe.Aliases, s)
			}
		}
		addAlias(e.name)
		for _, m := range e.mentions {
			if m.rule == "anaphor" {
				continue // 同監視委員会: refers back to the entity, as 同社 does, and names it not
			}
			oe.Mentions = append(oe.Mentions, d.n.span(m.start, m.end))
			addAlias(stripTitle(d.origText(m.start, m.end)))
		}
		for _, a := range e.aliases {
			addAlias(a)
		}
		if dup {
			slices.SortFunc(oe.Mentions, func(a, b Span) int { return a.Start - b.Start })
			oe.Mentions = slices.Compact(oe.Mentions)
		}
	}
	return out
}

// id returns the output id of an entity.
func (e *entity) id() string { return entityID(e.name) }
