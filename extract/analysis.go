package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome/v2/tokenizer"
	"github.com/ikawaha/kagome/v2/tokenizer/lattice"
	"golang.org/x/text/unicode/norm"
)

// token is one morpheme, with offsets in code points of the normalized article text.
type token struct {
	surf       string
	pos        *[4]string // 品詞, 細分類1, 細分類2, 細分類3: shared by the tokens that have it, never written
	base       string
	start, end int
	cls        charClass
	known      bool
}

func (t *token) noun() bool { return t.pos[0] == "名詞" }

// headSuffix reports whether t is the suffix 長, 相 or 官, which after nouns makes the head of
// what they name: 支社長, 環境相, 報道官.
func (t *token) headSuffix() bool {
	return t.pos[1] == "接尾" && (t.surf == "長" || t.surf == "相" || t.surf == "官")
}

// fusedBracket reports whether t is a run of symbols kagome joined into one word that holds a
// quotation bracket or a parenthesis (!」, )』, 「(, )( between two notes).
func (t *token) fusedBracket() bool {
	return t.symbol() && utf8.RuneCountInString(t.surf) > 1 && strings.ContainsAny(t.surf, "「」『』()")
}
func (t *token) proper() bool   { return t.pos[0] == "名詞" && t.pos[1] == "固有名詞" }
func (t *token) particle() bool { return t.pos[0] == "助詞" }
func (t *token) symbol() bool   { return t.pos[0] == "記号" }
func (t *token) verb() bool     { return t.pos[0] == "動詞" }
func (t *token) aux() bool      { return t.pos[0] == "助動詞" }
func (t *token) is(s string) bool {
	return t.surf == s
}

// lemma is the dictionary form, or the surface for unknown words.
func (t *token) lemma() string {
	if t.base != "" && t.base != "*" {
		return t.base
	}
	return t.surf
}

// sentence is one sentence of an article.
type sentence struct {
	idx        int
	start, end int    // normalized code points
	runes      []rune // the sentence's normalized text
	toks       []token
	boiler     bool // page furniture or a citation line: no relations or quotes
	citation   bool // a citation's publisher and date: its outlet is still an entity

	gazM []gazMatch // computed once by gazMatches
	// clus: per token, what tokenCluster found, for the span typer and the boundary chooser
	clus []fhash
	// modelGazM: the matches of the model's gazetteer, when it differs (features.go gazTags)
	modelGazM []gazMatch
	nameH     []nameHit // computed once by nameHits
	// typSent: the span typer's scores of the sentence's own features (sentenceTypeRow)
	typSent   [typerCols]int32
	typSentOK bool
}

// analyze tokenizes one sentence of normalized text. With the dictionary's index (WithDictionary)
// it finds kagome's best path itself (bestPath, lattice.go) and reads the words off it, without
// the tokenizer's Token values, which cost a tenth of the time tokenizing takes, nor the pooled
// nodes of kagome's lattice, which cost a quarter of it.
func (x *Extractor) analyze(n *normalized, idx, start, end int) sentence {
	s := sentence{idx: idx, start: start, end: end, runes: n.runes[start:end:end]}
	text := n.slice(start, end)
	if x.pos.dict == nil {
		kts := x.tok.Analyze(text, tokenizer.Normal)
		s.toks = make([]token, 0, len(kts)+2)
		for _, kt := range kts {
			if kt.Class == tokenizer.DUMMY {
				continue
			}
			t := token{surf: kt.Surface, start: start + kt.Start, end: start + kt.End, known: kt.Class == tokenizer.KNOWN,
				pos: new([4]string)}
			for i := 0; i < 4; i++ {
				t.pos[i], _ = kt.FeatureAt(i)
			}
			t.base, _ = kt.FeatureAt(6)
			s.push(x, t)
		}
		return s
	}
	sc, _ := x.scratch.Get().(*nerScratch)
	if sc == nil {
		sc = new(nerScratch)
	}
	defer x.scratch.Put(sc)
	if ls := &sc.lat; ls.bestPath(x.pos.dict, x.pos.morphs, x.pos.runeKeys, x.pos.runeNodes, text) {
		s.toks = make([]token, 0, len(ls.path)) // with BOS and EOS: room for two 氏 split off
		for k := len(ls.path) - 1; k >= 0; k-- {
			nd := &ls.sorted[ls.path[k]]
			class := lattice.NodeClass(nd.class)
			if class == lattice.DUMMY {
				continue
			}
			t := token{surf: text[nd.b0:nd.b1], start: start + int(nd.start), end: start + int(nd.end),
				known: class == lattice.KNOWN}
			if !x.pos.read(&t, class, int(nd.id), int(nd.left)) {
				t.pos = &x.fixed.none // a user dictionary's word: none without one
			}
			s.push(x, t)
		}
		return s
	}
	la := lattice.New(x.pos.dict, nil)
	la.Build(text)
	la.Forward(lattice.Normal)
	la.Backward(lattice.Normal)
	s.toks = make([]token, 0, len(la.Output)) // with BOS and EOS: room for two 氏 split off
	for k := len(la.Output) - 1; k >= 0; k-- {
		nd := la.Output[k]
		if nd.Class == lattice.DUMMY {
			continue
		}
		t := token{surf: nd.Surface, start: start + nd.Start, end: start + nd.Start + utf8.RuneCountInString(nd.Surface),
			known: nd.Class == lattice.KNOWN}
		if !x.pos.read(&t, nd.Class, nd.ID, int(nd.Left)) {
			t.pos = &x.fixed.none // a user dictionary's word: none without one
		}
		s.push(x, t)
	}
	la.Free()
	return s
}

// push appends t, whose surface, offsets and parts of speech are kagome's, to the sentence's
// tokens, with its character class and the corrections of kagome's analysis.
func (s *sentence) push(x *Extractor, t token) {
	t.cls = classOfString(t.surf)
	// kagome types ASCII punctuation and spaces it does not know as nouns.
	switch t.cls {
	case clsPunct:
		t.pos = &x.fixed.symbol
		if t.surf == "(" || t.surf == "[" {
			t.pos = &x.fixed.open
		} else if t.surf == ")" || t.surf == "]" {
			t.pos = &x.fixed.close
		}
	case clsSpace:
		t.pos = &x.fixed.space
	}
	if t.surf == "・" {
		t.pos = &x.fixed.symbol
	}
	// The dictionary joins a name's last character with the honorific (李明華氏 → 李 明 華氏,
	// 華氏 being Fahrenheit): split it again after a name.
	if first, size := utf8.DecodeRuneInString(t.surf); t.surf[size:] == "氏" && classOf(first) == clsKanji && len(s.toks) > 0 {
		if prev := &s.toks[len(s.toks)-1]; prev.proper() && prev.pos[2] == "人名" {
			name := t
			name.surf, name.end, name.base = t.surf[:size], t.start+1, ""
			name.pos = &x.fixed.given
			t.surf, t.start, t.base = t.surf[size:], t.start+1, "氏"
			t.pos = &x.fixed.honorific
			s.toks = append(s.toks, name)
		}
	}
	s.toks = append(s.toks, t)
}

// splitBrackets cuts the symbol tokens that hold a bracket into one token per character: kagome
// joins a run of symbols into one unknown word (!」, )』, 「(), and a bracket inside such a run
// opens or closes nothing for the rules that read brackets (「…!」と述べた). Extraction only: the
// name model was trained on kagome's tokens, where such runs are rare.
func (s *sentence) splitBrackets(x *Extractor) {
	if !slices.ContainsFunc(s.toks, func(t token) bool { return t.fusedBracket() }) {
		return
	}
	toks := make([]token, 0, len(s.toks)+8)
	for _, t := range s.toks {
		if !t.fusedBracket() {
			toks = append(toks, t)
			continue
		}
		pos := t.start
		for k, r := range t.surf {
			c := t.surf[k : k+utf8.RuneLen(r)] // a slice of the sentence's text, as every token's surface
			p := &x.fixed.symbol
			switch c {
			case "「", "『", "(", "【":
				p = &x.fixed.open
			case "」", "』", ")", "】":
				p = &x.fixed.close
			}
			toks = append(toks, token{surf: c, base: c, start: pos, end: pos + 1, pos: p, cls: classOf(r)})
			pos++
		}
	}
	s.toks = toks
}

// splitLeague cuts a katakana word that the dictionary does not know and that joins a league
// and a name with ・ (サッカーリーグ・ミナミーナ) into the league, the ・ and the name, as
// Jリーグ・北浜FC reads: two names (see splitLeagues). Extraction only, as splitBrackets.
func (s *sentence) splitLeague(x *Extractor) {
	if !slices.ContainsFunc(s.toks, leagueJoined) {
		return
	}
	toks := make([]token, 0, len(s.toks)+2)
	for _, t := range s.toks {
		if !leagueJoined(t) {
			toks = append(toks, t)
			continue
		}
		league, dot, rest := cutAtDot(x, t, strings.LastIndex(t.surf, "リーグ・")+len("リーグ"))
		toks = append(toks, league, dot, rest)
	}
	s.toks = toks
}

// cutAtDot cuts token t at the ・ at byte offset i of its surface into the words before it, the
// ・ (a symbol) and the words after it; the two parts keep t's other fields but their base form.
func cutAtDot(x *Extractor, t token, i int) (before, dot, after token) {
	n := utf8.RuneCountInString(t.surf[:i])
	before, after = t, t
	before.surf, before.base, before.end = t.surf[:i], "", t.start+n
	dot = token{surf: t.surf[i : i+len("・")], base: "・", start: t.start + n, end: t.start + n + 1, pos: &x.fixed.symbol, cls: clsKatakana}
	after.surf, after.base, after.start = t.surf[i+len("・"):], "", t.start+n+1
	return before, dot, after
}

// leagueJoined reports whether an unknown word is a league's name and another joined by ・.
func leagueJoined(t token) bool {
	i := strings.LastIndex(t.surf, "リーグ・")
	return !t.known && i > 0 && i+len("リーグ・") < len(t.surf)
}

// splitNamePlace cuts a katakana word the dictionary does not know that joins a foreign name and
// a country with ・ (ゼフィラ・トルコ), or a place before its unit's suffix (ゼフィラ・チューリンゲン|州),
// when a post follows, maybe after a body's words (…・トルコ|首相, …・イタリア|中央|銀行|総裁),
// into the name, the ・ and the country or place: the person holds the post of the country, the
// place or its body. Extraction only, as splitBrackets; it runs before splitPlacePost, which then
// reads the place before 州知事 (ゼフィラ・バイエルン|州知事).
func (s *sentence) splitNamePlace(x *Extractor) {
	var cut []int // per token, the byte offset of the ・ to cut at, or 0
	for k := range s.toks {
		if i := s.namePlaceAt(x, k); i > 0 {
			if cut == nil {
				cut = make([]int, len(s.toks))
			}
			cut[k] = i
		}
	}
	if cut == nil {
		return
	}
	toks := make([]token, 0, len(s.toks)+4)
	for k, t := range s.toks {
		i := cut[k]
		if i == 0 {
			toks = append(toks, t)
			continue
		}
		name, dot, place := cutAtDot(x, t, i)
		place.pos = &x.fixed.place
		if g := x.gaz.lookupNorm(place.surf); g != nil && g.typ == Country {
			place.pos = &x.fixed.country
		}
		toks = append(toks, name, dot, place)
	}
	s.toks = toks
}

// namePlaceAt returns the byte offset in token k of the ・ before the country or place that
// splitNamePlace cuts off, or 0.
func (s *sentence) namePlaceAt(x *Extractor, k int) int {
	t := &s.toks[k]
	if t.known || t.cls != clsKatakana || k+1 >= len(s.toks) {
		return 0
	}
	i := strings.LastIndex(t.surf, "・")
	if i <= 0 || i+len("・") >= len(t.surf) || utf8.RuneCountInString(t.surf[:i]) < 2 {
		return 0
	}
	next := k + 1
	if g := x.gaz.lookupNorm(t.surf[i+len("・"):]); g != nil && g.typ == Country {
		// ゼフィラ・トルコ|首相
	} else if _, ok := x.lex.locSfx[s.toks[next].surf]; ok && s.toks[next].pos[1] == "接尾" {
		next++ // ゼフィラ・チューリンゲン|州|首相
	} else if unitGovernor(s.toks[next].surf) {
		return i // ゼフィラ・バイエルン|州知事 (splitPlacePost cuts the post after)
	} else {
		return 0
	}
	// The post, maybe after up to three nouns of a body's name (中央|銀行).
	for j := next; j < len(s.toks) && j <= next+3; j++ {
		if x.titleAt(s.toks, j) > 0 {
			return i
		}
		if !s.toks[j].noun() || s.toks[j].cls != clsKanji {
			break
		}
	}
	return 0
}

// splitPlacePost cuts a governor's post the dictionary reads as one word with the unit's suffix
// (県知事, 府知事, 都知事, 州知事), after a place's name, into the suffix and 知事: 高知|県|知事
// names 高知県, as 高知|県 does elsewhere, and its governor. Extraction only, as splitBrackets.
func (s *sentence) splitPlacePost(x *Extractor) {
	n := 0
	for k := 1; k < len(s.toks); k++ {
		if s.placePostAt(k) {
			n++
		}
	}
	if n == 0 {
		return
	}
	toks := make([]token, 0, len(s.toks)+n)
	for k, t := range s.toks {
		if k == 0 || !s.placePostAt(k) {
			toks = append(toks, t)
			continue
		}
		unit := token{surf: t.surf[:3], base: t.surf[:3], start: t.start, end: t.start + 1, pos: &x.fixed.placeSuffix, cls: clsKanji, known: true}
		post := token{surf: t.surf[3:], base: t.surf[3:], start: t.start + 1, end: t.end, pos: &x.fixed.noun, cls: clsKanji, known: true}
		toks = append(toks, unit, post)
	}
	s.toks = toks
}

// placePostAt reports whether token k is 知事 written with the suffix of the unit governed (県知事)
// after a place's name, and not the start of an election's name (東京都知事選, …県知事選挙),
// which the name model reads whole.
func (s *sentence) placePostAt(k int) bool {
	t := &s.toks[k]
	if !unitGovernor(t.surf) {
		return false
	}
	if p := &s.toks[k-1]; !p.proper() || p.pos[2] != "地域" {
		return false
	}
	return k+1 == len(s.toks) || !strings.HasPrefix(s.toks[k+1].surf, "選")
}

// unitGovernor reports whether w is a governor's post written as one word with the unit it
// governs (県知事, 都知事, 府知事, 道知事, 州知事).
func unitGovernor(w string) bool {
	return len(w) == 9 && w[3:] == "知事" && strings.Contains("都道府県州", w[:3])
}

// fixedPOS are the parts of speech analyze gives tokens itself, for the tokens to share.
type fixedPOS struct {
	symbol, open, close, space [4]string // ASCII punctuation and white space, which kagome types as nouns
	given, honorific           [4]string // a name's last character and 氏, split again
	placeSuffix, noun          [4]string // a unit's suffix and 知事, split again (splitPlacePost)
	country, place             [4]string // a country or a place cut from a foreign name (splitNamePlace)
	none                       [4]string // no word: frame.tok out of the sentence, say
}

func newFixedPOS() *fixedPOS {
	return &fixedPOS{
		symbol:      [4]string{"記号", "一般", "*", "*"},
		open:        [4]string{"記号", "括弧開", "*", "*"},
		close:       [4]string{"記号", "括弧閉", "*", "*"},
		space:       [4]string{"記号", "空白", "*", "*"},
		given:       [4]string{"名詞", "固有名詞", "人名", "名"},
		honorific:   [4]string{"名詞", "接尾", "人名", "*"},
		placeSuffix: [4]string{"名詞", "接尾", "地域", "*"},
		noun:        [4]string{"名詞", "一般", "*", "*"},
		country:     [4]string{"名詞", "固有名詞", "地域", "国"},
		place:       [4]string{"名詞", "固有名詞", "地域", "一般"},
	}
}

// posIndex is the dictionary's parts of speech in a form cheap to read: one byte per entry
// naming one of the few distinct tuples (IPA has 69), instead of four lookups through the
// dictionary's tables per token, which cost a fifth of the time kagome takes to tokenize. The
// tuple is read through the entry's left context id where that names one (always, in IPA): a
// table of a few kilobytes that stays in the cache, where the one byte per entry did not.
// Unknown words have their tuples and base forms per unknown-word class. Tokens share the
// tuples. The zero posIndex reads nothing (read reports false) and analyze asks kagome.
type posIndex struct {
	of       []uint8     // per known entry, its tuple
	byLeft   []int16     // per left context id, the tuple of all its entries, or -1 if they differ
	tuples   [][4]string // 品詞, 細分類1, 細分類2, 細分類3
	inflects []bool      // per tuple: 動詞, 形容詞 and 助動詞, whose base form is not the surface
	contents [][]string  // the dictionary's other features per entry, for base forms
	unk      [][4]string // per unknown-word class, its tuple
	unkBase  []string    // per unknown-word class, its base form
	dict     *dict.Dict  // the dictionary indexed, for analyze's lattice
	morphs   []latMorph  // the entries for analyze's lattice; nil if a count of Dup exceeds 255
	runeKeys bool        // no key of the dictionary ends inside a code point (runeAlignedKeys)
	// runeNodes is where the search for a dictionary word starts at a code point
	// (runePrefixNodes); nil unless runeKeys.
	runeNodes []int32
}

// baseFeature is where the base form stands in an entry's features after the four levels of
// its part of speech: kagome's FeatureAt(6).
const baseFeature = 6 - 4

// newPOSIndex indexes the parts of speech of d. It returns the zero posIndex when d's entries
// do not have the IPA dictionary's shape (four levels, at most 256 tuples).
func newPOSIndex(d *dict.Dict) posIndex {
	if d == nil || len(d.POSTable.POSs) == 0 || len(d.Contents) != len(d.POSTable.POSs) {
		return posIndex{}
	}
	ix := posIndex{of: make([]uint8, len(d.POSTable.POSs)), contents: d.Contents, dict: d}
	seen := map[[4]string]uint8{}
	for id, p := range d.POSTable.POSs {
		if len(p) != 4 {
			return posIndex{}
		}
		var k [4]string
		for i, n := range p {
			if int(n) >= len(d.POSTable.NameList) {
				return posIndex{}
			}
			k[i] = d.POSTable.NameList[n]
		}
		v, ok := seen[k]
		if !ok {
			if len(ix.tuples) == 256 {
				return posIndex{}
			}
			v = uint8(len(ix.tuples))
			seen[k] = v
			ix.tuples = append(ix.tuples, k)
			switch k[0] {
			case "動詞", "形容詞", "助動詞":
				ix.inflects = append(ix.inflects, true)
			default:
				ix.inflects = append(ix.inflects, false)
			}
		}
		ix.of[id] = v
	}
	for _, c := range d.UnkDict.Contents {
		var k [4]string
		copy(k[:], c)
		ix.unk = append(ix.unk, k)
		b := ""
		if len(c) > 4+baseFeature {
			b = c[4+baseFeature]
		}
		ix.unkBase = append(ix.unkBase, b)
	}
	ix.runeKeys = runeAlignedKeys(d.Index.Da)
	if ix.runeKeys {
		ix.runeNodes = runePrefixNodes(d.Index.Da)
	}
	ix.morphs = latMorphs(d)
	if len(d.Morphs) == len(ix.of) {
		const unseen = -2
		for id, m := range d.Morphs {
			if m.LeftID < 0 {
				continue
			}
			for int(m.LeftID) >= len(ix.byLeft) {
				ix.byLeft = append(ix.byLeft, unseen)
			}
			switch k := &ix.byLeft[m.LeftID]; *k {
			case unseen:
				*k = int16(ix.of[id])
			case int16(ix.of[id]):
			default:
				*k = -1
			}
		}
		for i, k := range ix.byLeft {
			if k == unseen {
				ix.byLeft[i] = -1
			}
		}
	}
	return ix
}

// read sets t's parts of speech and, for inflecting and unknown words, its base form from the
// class, id and left context id (-1 if not known) of its lattice node, and reports whether it
// could: not for the nodes of a user dictionary nor with an empty index. The base form of a
// known word that does not inflect is its surface, which lemma returns when base is empty.
func (ix *posIndex) read(t *token, class lattice.NodeClass, id, left int) bool {
	if class == lattice.UNKNOWN && id >= 0 && id < len(ix.unk) {
		t.pos, t.base = &ix.unk[id], ix.unkBase[id]
		return true
	}
	if class != lattice.KNOWN || id < 0 || id >= len(ix.of) {
		return false
	}
	var k uint8
	if left >= 0 && left < len(ix.byLeft) && ix.byLeft[left] >= 0 {
		k = uint8(ix.byLeft[left])
	} else {
		k = ix.of[id]
	}
	t.pos = &ix.tuples[k]
	if ix.inflects[k] {
		if c := ix.contents[id]; baseFeature < len(c) {
			t.base = c[baseFeature]
		}
	}
	return true
}

// fold normalizes a name for comparison: NFKC, case folding, no white space.
func fold(s string) string {
	var buf [64]byte
	if quickSpanNFKC(s) != len(s) { // most names are in NFKC already: norm's check of that is slower
		s = norm.NFKC.String(s)
	}
	return string(appendFold(buf[:0], s))
}

// foldNorm is fold for text that is already NFKC-normalized: the cheap case of the hot paths.
func foldNorm(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || (c >= 'A' && c <= 'Z') || c == ' ' || c == '\t' {
			var buf [64]byte
			return string(appendFold(buf[:0], s))
		}
	}
	return s
}

// appendFold appends s lower-cased and without white space. s must be NFKC-normalized.
func appendFold(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			case c >= 'A' && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			default:
				dst = append(dst, c)
			}
			i++
			continue
		}
		// Kana and kanji (three bytes led by E3 to E9, U+3000 to U+9FFF) are copied as they
		// are when caseless: decoding and encoding them again gives the same bytes.
		if c >= 0xE3 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 &&
			caseless(rune(c&0x0F)<<12|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F)) {
			dst = append(dst, s[i:i+3]...)
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if caseless(r) {
			dst = utf8.AppendRune(dst, r)
			continue
		}
		if unicode.IsSpace(r) {
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// caseless reports whether r is in the block of kana, CJK symbols and ideographs after the
// ideographic space (U+3001 to U+9FFF), whose code points have no case and are no white space:
// unicode.ToLower and unicode.IsSpace, which search tables for them, need not be asked.
func caseless(r rune) bool { return r > 0x3000 && r < 0xA000 }

// sidebarWords mark a run of sidebar headlines: category links and lists of recent or related news.
var sidebarWords = []string{"最近の記事", "(Category)", "関連ニュース"}

// isBoiler reports whether a line (or a sentence) is page furniture rather than article text: a
// line from the boilerplate lexicon (ソース, コメント (0)), a bracketed tag ([広告2]), a source
// note in parentheses ((…によると)), a cited title (『…』。, "…"。, スポニチAnnex『…』。), a citation's
// publisher and date (朝日新聞社、2009年12月19日。) or a run of sidebar headlines (…最近の記事…).
func (x *Extractor) isBoiler(text string) bool {
	t := strings.TrimSpace(text)
	if t == "" {
		return false
	}
	if x.lex.boiler[t] {
		return true
	}
	if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") && runesAtMost(t, 12) {
		return true
	}
	// "コメント (0)", "ソース:" and the like: a boilerplate word followed by a count or colon.
	for _, w := range x.lex.boilerList {
		if rest, ok := strings.CutPrefix(t, w); ok {
			rest = strings.TrimSpace(rest)
			if rest == "" || strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, ":") {
				return true
			}
		}
	}
	// Sidebars: category links and lists of recent headlines run together.
	for _, w := range sidebarWords {
		if strings.Contains(t, w) {
			return true
		}
	}
	body := strings.TrimSuffix(strings.TrimSuffix(t, "。"), ".")
	// A whole-line parenthesis is a source note, not text.
	if strings.HasPrefix(body, "(") && strings.HasSuffix(body, ")") {
		return true
	}
	// A cited title: 『…』, 「…」 or "…" filling the line, maybe after a short publisher name.
	for _, q := range [][2]string{{"『", "』"}, {"「", "」"}, {"\"", "\""}} {
		if !strings.HasSuffix(body, q[1]) {
			continue
		}
		if i := strings.Index(body, q[0]); i >= 0 && runesAtMost(body[:i], 24) &&
			!strings.ContainsAny(body[:i], "はがをにと、。") {
			return true
		}
	}
	return isCitationSource(body) || latinCitation(body)
}

// latinCitation reports whether a line is a citation in a Latin script: a quoted title and a
// year in a line written almost wholly in Latin letters ("Title". Publisher, Sept 23, 2005).
func latinCitation(line string) bool {
	if !strings.Contains(line, "\"") {
		return false
	}
	var latin, other int
	year := false
	rs := []rune(line)
	for i, r := range rs {
		switch c := classOf(r); {
		case c == clsLatin || c == clsDigit || r < 0x80:
			latin++
		default:
			other++
		}
		if i+4 <= len(rs) && (string(rs[i:i+2]) == "19" || string(rs[i:i+2]) == "20") && isDigits(string(rs[i+2:i+4])) {
			year = true
		}
	}
	return year && latin >= 20 && other*10 <= latin
}

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// isCitationSource reports whether a line is a citation's publisher and date (朝日新聞社、2009年12月19日).
func isCitationSource(body string) bool {
	if !mayEndInDate(body) {
		return false
	}
	body = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(body), "。"), ".")
	i := strings.LastIndex(body, "、")
	return i > 0 && runesAtMost(body[:i], 40) && (isDate(body[i+len("、"):]) || isDate(datePrefix(body[i+len("、"):])))
}

// mayEndInDate reports whether body, without its white space and a final 。 or ., ends with a
// code point that a date, or a date with a time and a time zone or an update note (datePrefix),
// can end with: most lines cannot be a citation's source, and this spares looking for the last 、
// in them.
func mayEndInDate(body string) bool {
	body = strings.TrimRightFunc(body, unicode.IsSpace)
	body = strings.TrimSuffix(strings.TrimSuffix(body, "。"), ".")
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(body, unicode.IsSpace))
	return r >= '0' && r <= '9' || strings.ContainsRune("年月日-/時分秒()+:新C", r)
}

// runesAtMost reports whether s has at most n code points (as []rune counts them), without
// counting those of a long line: a code point takes one to four bytes.
func runesAtMost(s string, n int) bool {
	if len(s) <= n {
		return true
	}
	return len(s) <= 4*n && utf8.RuneCountInString(s) <= n
}

// datePrefix returns the date at the start of s when the rest is a time and a time zone or an
// update note (2008年7月14日 of 2008年7月14日18時35分(最終更新19時44分)(UTC+9)), or "".
func datePrefix(s string) string {
	s = strings.TrimSpace(s)
	i := strings.Index(s, "日")
	if i <= 0 {
		return ""
	}
	rest := strings.ReplaceAll(strings.ReplaceAll(s[i+len("日"):], "最終更新", ""), "UTC", "")
	for _, r := range rest {
		if !(r >= '0' && r <= '9') && !strings.ContainsRune("時分秒月日()+-: ", r) {
			return ""
		}
	}
	return s[:i+len("日")]
}

// isDate reports whether s is a date like 2009年12月19日 (or 2009-12-19).
func isDate(s string) bool {
	s = strings.TrimSpace(s)
	digits, kanji := 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '年' || r == '月' || r == '日':
			kanji++
		case r == '-' || r == '/' || r == ' ':
		default:
			return false
		}
	}
	return digits >= 4 && (kanji >= 2 || strings.Count(s, "-") == 2 || strings.Count(s, "/") == 2)
}
