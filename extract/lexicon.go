package extract

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"iter"
	"slices"
	"strings"
	"unicode/utf8"
)

//go:embed data/lexicon.tsv data/gazetteer.tsv data/clusters.tsv data/names.tsv.gz data/*.model
var dataFS embed.FS

// lexicon holds the cue words of data/lexicon.tsv.
type lexicon struct {
	speech     map[string]string            // predicate -> reported verb lemma
	idiom      map[string]map[string]string // noun -> verb lemma -> phrase reported (「…」と胸を張った)
	predicate  map[string]string            // predicate -> relation
	role       map[string]string            // role noun -> "leads", "founded" or "-"
	title      map[string]string            // title after a name -> "leads" or "-"
	officer    map[string]string            // a company officer's title after a name -> "leads" or "-"
	office     map[string]string            // another title after a name, not a feature of the name model
	personSfx  map[string]bool
	orgSfx     map[string]string // suffix -> type
	unmodelled map[string]bool   // kind+"\t"+word of entries added after the name model was trained: no features of it
	locSfx     map[string]string
	productCue map[string]bool
	firmCue    map[string]bool
	anaphor    map[string]string // anaphor -> type
	generic    map[string]bool   // folded
	boiler     map[string]bool
	boilerList []string        // the words of boiler, for trying each as a prefix
	outlet     map[string]bool // news outlets and their suffixes
	industry   map[string]bool // words of a trade that end company names after a place (北山電子)
	sfxAbbr    [][2]string     // a body's suffix and its short form (地方裁判所, 地裁)
	people     map[string]bool // nouns naming people without a name (母親, 住民)
	maxSfx     int             // longest suffix, in code points
	// titles are the words of title, officer and office, and titlePrefixes every byte prefix
	// of one: titleAt grows a key token by token and stops when no title starts with it.
	titles, titlePrefixes map[string]bool
	titleFirst            runeSet // the first code points of the titles
	sfxFirst              runeSet // the first code points of the organisation and place suffixes
	anaphorFirst          runeSet // the first code points of the anaphors
	predicateFirst        runeSet // the first code points of the predicates
	// firmWords are the folded company words of orgSfx that end a company's full name after
	// its short one (電機, ホールディングス), for mergeCompanyShortNames.
	firmWords map[string]bool
	// The byte lengths of the words of outlet, orgSfx, productCue and firmCue (wordLens): the
	// words that end a string are found with a lookup per length (endings), not a scan of
	// the map per string.
	outletLens, orgSfxLens, productCueLens, firmCueLens []int
}

// wordLens returns the distinct byte lengths of the keys of m, ascending.
func wordLens[V any](m map[string]V) []int {
	var out []int
	for w := range m {
		if !slices.Contains(out, len(w)) {
			out = append(out, len(w))
		}
	}
	slices.Sort(out)
	return out
}

// endings yields the suffixes of s whose byte lengths are in lens (wordLens) and at most
// maxLen, shortest first: the only suffixes of s that can be words of the map of lens.
func endings(s string, lens []int, maxLen int) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, n := range lens {
			if n > maxLen || n > len(s) || !yield(s[len(s)-n:]) {
				return
			}
		}
	}
}

// indexTitles fills titles, titlePrefixes and titleFirst, and sfxFirst, anaphorFirst and
// predicateFirst.
func (l *lexicon) indexTitles() {
	l.titles, l.titlePrefixes, l.titleFirst = map[string]bool{}, map[string]bool{}, newRuneSet()
	for _, m := range []map[string]string{l.title, l.officer, l.office} {
		for w := range m {
			l.titles[w] = true
			for k := 1; k <= len(w); k++ {
				l.titlePrefixes[w[:k]] = true
			}
			l.titleFirst.addFirst(w)
		}
	}
	l.sfxFirst = newRuneSet()
	for _, m := range []map[string]string{l.orgSfx, l.locSfx} {
		for w := range m {
			l.sfxFirst.addFirst(w)
		}
	}
	l.anaphorFirst, l.predicateFirst = newRuneSet(), newRuneSet()
	for w := range l.anaphor {
		l.anaphorFirst.addFirst(w)
	}
	for w := range l.predicate {
		l.predicateFirst.addFirst(w)
	}
}

// predicateOf returns the relation of the predicate w, or "": a word whose first code point
// begins no predicate is not looked up.
func (l *lexicon) predicateOf(w string) string {
	if !l.predicateFirst.hasFirst(w) {
		return ""
	}
	return l.predicate[w]
}

// runeSet is a bit set of code points below 1<<16; it holds every code point above. It tells
// cheaply that no word of a lexicon starts with a code point, before a map lookup.
type runeSet []uint64

func newRuneSet() runeSet { return make(runeSet, 1<<16/64) }

// addFirst adds the first code point of w.
func (s runeSet) addFirst(w string) {
	if r, _ := utf8.DecodeRuneInString(w); r < 1<<16 {
		s[r/64] |= 1 << (r % 64)
	}
}

// hasFirst reports whether the first code point of w may be in s. ASCII and three-byte code
// points (kana, kanji), read inline without checking continuation bytes, are looked up; any
// other word may start with one of s, as code points above 1<<16 may: a lookup follows.
func (s runeSet) hasFirst(w string) bool {
	var r uint
	switch {
	case len(w) >= 3 && w[0]&0xF0 == 0xE0:
		r = uint(w[0]&0x0F)<<12 | uint(w[1]&0x3F)<<6 | uint(w[2]&0x3F)
	case len(w) > 0 && w[0] < utf8.RuneSelf:
		r = uint(w[0])
	default:
		return true
	}
	return s[r/64]&(1<<(r%64)) != 0
}

func readTSV(name string, fn func(line int, f []string) error) error {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(n, strings.Split(line, "\t")); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

func loadLexicon() (*lexicon, error) {
	l := &lexicon{
		speech: map[string]string{}, idiom: map[string]map[string]string{}, predicate: map[string]string{}, role: map[string]string{},
		title: map[string]string{}, officer: map[string]string{}, office: map[string]string{}, personSfx: map[string]bool{}, orgSfx: map[string]string{}, unmodelled: map[string]bool{},
		locSfx: map[string]string{}, productCue: map[string]bool{}, firmCue: map[string]bool{},
		anaphor: map[string]string{}, generic: map[string]bool{}, boiler: map[string]bool{}, outlet: map[string]bool{}, industry: map[string]bool{}, people: map[string]bool{},
	}
	modelledKinds := map[string]bool{"personsfx": true, "title": true, "orgsfx": true, "locsfx": true, "role": true, "firmcue": true, "productcue": true}
	listed := map[string]bool{} // kind+"\t"+word of the entries of the model's kinds
	err := readTSV("data/lexicon.tsv", func(_ int, f []string) error {
		if len(f) < 2 || f[1] == "" {
			return fmt.Errorf("want kind, word[, value]")
		}
		if key := f[0] + "\t" + f[1]; modelledKinds[f[0]] {
			// A word listed again as unmodelled would take a feature from the trained model.
			if listed[key] {
				return fmt.Errorf("%s %q listed twice", f[0], f[1])
			}
			listed[key] = true
		}
		if len(f) > 2 && f[len(f)-1] == "unmodelled" {
			// Added since the name model was trained: the rules use it, the model's features
			// do not (features.go lexKind), so the models rebuild byte for byte.
			f = f[:len(f)-1]
			l.unmodelled[f[0]+"\t"+f[1]] = true
		}
		word, val := f[1], ""
		if len(f) > 2 {
			val = f[2]
		}
		need := func() error {
			if val == "" {
				return fmt.Errorf("%s %q needs a value", f[0], word)
			}
			return nil
		}
		switch f[0] {
		case "speech":
			l.speech[word] = val
			return need()
		case "idiom":
			if len(f) != 4 || val == "" || f[3] == "" {
				return fmt.Errorf("idiom %q: want noun, verb lemma and the phrase reported", word)
			}
			if l.idiom[word] == nil {
				l.idiom[word] = map[string]string{}
			}
			l.idiom[word][val] = f[3]
		case "predicate":
			if !IsRelation(val) {
				return fmt.Errorf("predicate %q: unknown relation %q", word, val)
			}
			l.predicate[word] = val
		case "role":
			l.role[word] = val
			return need()
		case "title":
			l.title[word] = val
			return need()
		case "officer":
			l.officer[word] = val
			return need()
		case "office":
			l.office[word] = val
			return need()
		case "personsfx":
			l.personSfx[word] = true
		case "orgsfx", "locsfx":
			if !IsType(val) {
				return fmt.Errorf("%s %q: unknown type %q", f[0], word, val)
			}
			if f[0] == "orgsfx" {
				l.orgSfx[word] = val
			} else {
				l.locSfx[word] = val
			}
			l.maxSfx = max(l.maxSfx, len([]rune(word)))
		case "productcue":
			l.productCue[word] = true
		case "firmcue":
			l.firmCue[word] = true
		case "anaphor":
			if !IsType(val) {
				return fmt.Errorf("anaphor %q: unknown type %q", word, val)
			}
			l.anaphor[word] = val
		case "generic":
			l.generic[fold(word)] = true
		case "boiler":
			l.boiler[word] = true
			l.boilerList = append(l.boilerList, word)
		case "outlet":
			l.outlet[word] = true
		case "industry":
			l.industry[word] = true
		case "sfxabbr":
			if val == "" || len(val) >= len(word) {
				return fmt.Errorf("sfxabbr %q: want a shorter form, have %q", word, val)
			}
			l.sfxAbbr = append(l.sfxAbbr, [2]string{fold(word), fold(val)}) // keys are folded: ホールディングス, HD -> hd
		case "people":
			l.people[word] = true
		default:
			return fmt.Errorf("unknown kind %q", f[0])
		}
		return nil
	})
	l.indexTitles()
	l.firmWords = map[string]bool{}
	for w, typ := range l.orgSfx {
		if typ == Firm && w != "社" && w != "会社" && w != "株式会社" {
			l.firmWords[fold(w)] = true
		}
	}
	l.outletLens, l.orgSfxLens = wordLens(l.outlet), wordLens(l.orgSfx)
	l.productCueLens, l.firmCueLens = wordLens(l.productCue), wordLens(l.firmCue)
	return l, err
}

// gazEntry is one gazetteer entry.
type gazEntry struct {
	name    string // canonical name
	key     string // folded canonical name
	typ     string
	capital string // for capitals: the canonical name of the country they stand for
	// unmodelled: added since the name model was trained, no feature of it (Extractor.modelGaz)
	unmodelled bool
}

// gazetteer maps folded names to entries.
type gazetteer struct {
	byKey    map[string]*gazEntry
	abbrev   map[string]*gazEntry // one-character abbreviations of countries (米, 中)
	prefixes map[string]bool      // every prefix of every key, to stop a match early
	first    []uint64             // bit set of the first code points (below 1<<16) of the keys
	pairs    []uint64             // bit set of the hashes of the first two code points of the keys
	maxLen   int                  // longest name, in code points
	// unmodelled counts the entries added since the name model was trained (fifth field
	// "unmodelled"): they name things, but are no features of the model (Extractor.modelGaz).
	unmodelled int
}

// mayStartRune reports whether a gazetteer key may start with the (folded) code point r:
// false when none does. It is a cheap test before the prefixes map.
func (g *gazetteer) mayStartRune(r rune) bool {
	return r >= 1<<16 || g.first[r/64]&(1<<(r%64)) != 0
}

// pairBit is the bit of pairs for the first two code points of a key.
func pairBit(a, b rune) uint32 { return uint32(a*31+b) % (1 << 16) }

// mayStart reports whether a gazetteer key may start with folded text k: false when k has two
// code points or more and no key starts with its first two. It is a cheap test before the
// prefixes map.
func (g *gazetteer) mayStart(k []byte) bool {
	a, n := utf8.DecodeRune(k)
	if n == len(k) {
		return true
	}
	b, _ := utf8.DecodeRune(k[n:])
	h := pairBit(a, b)
	return g.pairs[h/64]&(1<<(h%64)) != 0
}

// loadGazetteer reads data/gazetteer.tsv. With modelled, it leaves out the entries marked
// unmodelled: that is the gazetteer the name model was trained with, whose matches are its
// features.
func loadGazetteer(modelled bool) (*gazetteer, error) {
	g := &gazetteer{byKey: map[string]*gazEntry{}, abbrev: map[string]*gazEntry{}, prefixes: map[string]bool{},
		first: make([]uint64, 1<<16/64), pairs: make([]uint64, 1<<16/64)}
	var abbrevs [][2]string
	add := func(name string, e *gazEntry) error {
		k := fold(name)
		if k == "" {
			return fmt.Errorf("empty name")
		}
		if old, ok := g.byKey[k]; ok && old != e && old.name != e.name {
			return fmt.Errorf("%q names both %q and %q", name, old.name, e.name)
		}
		g.byKey[k] = e
		g.maxLen = max(g.maxLen, len([]rune(k)))
		for i := range k {
			if i > 0 {
				g.prefixes[k[:i]] = true
			}
		}
		g.prefixes[k] = true
		r, n := utf8.DecodeRuneInString(k)
		if r < 1<<16 {
			g.first[r/64] |= 1 << (r % 64)
		}
		if n < len(k) {
			b, _ := utf8.DecodeRuneInString(k[n:])
			h := pairBit(r, b)
			g.pairs[h/64] |= 1 << (h % 64)
		}
		return nil
	}
	err := readTSV("data/gazetteer.tsv", func(_ int, f []string) error {
		if len(f) != 4 && !(len(f) == 5 && f[4] == "unmodelled") {
			return fmt.Errorf("want 4 fields (type, name, other names, source) and maybe \"unmodelled\", got %d", len(f))
		}
		if len(f) == 5 {
			if modelled {
				return nil
			}
			g.unmodelled++
		}
		if strings.TrimSpace(f[3]) == "" {
			return fmt.Errorf("%q has no source", f[1])
		}
		if f[0] == "Abbrev" {
			abbrevs = append(abbrevs, [2]string{f[1], f[2]})
			return nil
		}
		e := &gazEntry{name: f[1], key: fold(f[1]), typ: f[0], unmodelled: len(f) == 5}
		if f[0] == "Capital" {
			e.typ, e.capital = Location, f[2]
			return add(f[1], e)
		}
		if !IsType(f[0]) {
			return fmt.Errorf("unknown type %q", f[0])
		}
		if err := add(f[1], e); err != nil {
			return err
		}
		if f[2] == "" {
			return nil
		}
		for _, v := range strings.Split(f[2], "|") {
			if err := add(v, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, a := range abbrevs {
		c, ok := g.byKey[fold(a[1])]
		if !ok || c.typ != Country {
			return nil, fmt.Errorf("data/gazetteer.tsv: abbreviation %q: no country %q", a[0], a[1])
		}
		g.abbrev[a[0]] = c
	}
	for _, e := range g.byKey {
		if e.capital != "" {
			c, ok := g.byKey[fold(e.capital)]
			if !ok || c.typ != Country {
				return nil, fmt.Errorf("data/gazetteer.tsv: capital %q: no country %q", e.name, e.capital)
			}
		}
	}
	return g, nil
}

func (g *gazetteer) lookup(s string) *gazEntry { return g.byKey[fold(s)] }

// lookupNorm looks up text that is already NFKC-normalized.
func (g *gazetteer) lookupNorm(s string) *gazEntry {
	var buf [64]byte
	return g.byKey[string(appendFold(buf[:0], s))]
}

// nameSuffix reports whether w is an organisation's or a place's suffix (大学, 協会, 市, 州).
func (l *lexicon) nameSuffix(w string) bool {
	_, org := l.orgSfx[w]
	_, loc := l.locSfx[w]
	return org || loc
}

// isGeneric reports whether NFKC-normalized text is a generic word of the lexicon, which names
// nothing; it folds the text on the stack, as the hot paths of mentions ask it often.
func (l *lexicon) isGeneric(s string) bool {
	var buf [64]byte
	return l.generic[string(appendFold(buf[:0], s))]
}

// isOutlet reports whether a name is a news outlet's: one of the lexicon's, or ending with an
// outlet's suffix (…新聞, …通信).
func (l *lexicon) isOutlet(name string) bool {
	if l.outlet[name] {
		return true
	}
	for o := range endings(name, l.outletLens, len(name)-1) {
		if l.outlet[o] {
			return true
		}
	}
	return false
}

// isSfxAbbr reports whether w is a suffix of bodies' names that has a usual short form (地方裁判所,
// 高等学校, 教育委員会: the sfxabbr kind).
func (l *lexicon) isSfxAbbr(w string) bool {
	for _, p := range l.sfxAbbr {
		if p[0] == w {
			return true
		}
	}
	return false
}

// unitSuffix reports whether w is an organisation's or a place's suffix (党, 州), or 会 (凛の会):
// the word for a kind of body or place, not a name.
func (l *lexicon) unitSuffix(w string) bool {
	return l.nameSuffix(w) || w == "会"
}
