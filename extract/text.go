package extract

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// normalized is an article's text after NFKC (width and compatibility forms), with the map back
// to code points of the original. Matching runs on the normalized text; offsets reported to
// callers are always the original's.
type normalized struct {
	text  string
	runes []rune
	// orig[i] is the original code point offset of normalized code point i; orig[len(runes)] is
	// the original length.
	orig []int32
	// bytes[i] is the byte offset in text of normalized code point i; bytes[len(runes)] is
	// len(text). slice cuts text with it instead of building strings from runes.
	bytes []int32
}

// normalize returns s in NFKC with its map back to the original.
func normalize(s string) normalized {
	if quickSpanNFKC(s) == len(s) {
		return normalizedAlready(s)
	}
	return normalizeSpans(s)
}

// quickSpanNFKC is norm.NFKC.QuickSpanString(s) (the end of the prefix of s that is in NFKC, as
// far as norm's quick check reads it), reading the code points of the kana, the common kanji
// and the scripts before them from a table: they are most of a Japanese text, and norm's
// lookups of them cost as much as the rest of normalize.
func quickSpanNFKC(s string) int {
	stable := nfkcStable()
	last := 0 // where the last code point of the table starts
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			if r3, ok := decode3(s[i:]); ok {
				r, size = r3, 3
			} else {
				r, size = decodeRune(s[i:])
			}
		}
		if !(r < nfkcTableEnd && stable[r/64]&(1<<(r%64)) != 0 || r >= 0x4E00 && r <= 0x9FFF) {
			// The quick check passes the code points of the table, and after one of them,
			// a starter, it is in the same state whatever came before: it reads the rest
			// from there as it would in the whole text.
			return last + norm.NFKC.QuickSpanString(s[last:])
		}
		last = i
		i += size
	}
	return len(s)
}

// nfkcTableEnd: nfkcStable covers the code points below it.
const nfkcTableEnd = 0x3400

// nfkcStable is the set of code points below nfkcTableEnd that norm's NFKC quick check passes
// on their own and that are starters (combining class 0, their decomposition if any starting
// with a starter): a text of such code points is in NFKC, whatever their order. The CJK
// Unified Ideographs (U+4E00 to U+9FFF) all are (TestQuickSpanNFKC).
var nfkcStable = sync.OnceValue(func() *[nfkcTableEnd / 64]uint64 {
	var t [nfkcTableEnd / 64]uint64
	for r := rune(0); r < nfkcTableEnd; r++ {
		if nfkcStarter(r) {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return &t
})

// nfkcStarter reports whether norm's NFKC quick check passes r on its own and r is a starter.
func nfkcStarter(r rune) bool {
	if !utf8.ValidRune(r) {
		return false
	}
	c := string(r)
	p := norm.NFKC.PropertiesString(c)
	return norm.NFKC.QuickSpanString(c) == len(c) && p.CCC() == 0 && p.LeadCCC() == 0
}

// normalizeSpans is normalize with norm's iterator (normalizeIter, the reference in
// text_test.go), but copies the stretches already in NFKC as they are: most of a text that is
// not in NFKC is (a full-width bracket or digit here and there), and the iterator's segments
// cost more than the copy. A stretch ends where QuickSpan says, at a segment boundary of the
// iterator (TestNormalizeSpans), so that the text is cut into the same segments.
func normalizeSpans(s string) normalized {
	var n normalized
	n.runes = make([]rune, 0, len(s)/2)
	n.orig = make([]int32, 0, len(s)/2+1)
	n.bytes = make([]int32, 0, len(s)/2+1)
	var it norm.Iter
	var b strings.Builder
	b.Grow(len(s))
	bytePos, runePos := 0, 0
	for bytePos < len(s) {
		if q := quickSpanNFKC(s[bytePos:]); q > 0 {
			// Already in NFKC: every code point maps to its own.
			for k, r := range s[bytePos : bytePos+q] {
				n.runes = append(n.runes, r)
				n.bytes = append(n.bytes, int32(b.Len()+k))
				n.orig = append(n.orig, int32(runePos))
				runePos++
			}
			b.WriteString(s[bytePos : bytePos+q])
			bytePos += q
			continue
		}
		// The iterator's segments, as normalizeIter maps them, until it has read past the first
		// code point: one that decomposes into several segments (㈱ into (, 株 and )) stays at
		// its start until the last.
		it.InitString(norm.NFKC, s[bytePos:])
		for start := bytePos; bytePos == start && !it.Done(); {
			seg := it.Next()
			next := start + it.Pos()
			origLen := utf8.RuneCountInString(s[bytePos:next])
			oneToOne := utf8.RuneCount(seg) == origLen
			i := 0
			for k := 0; k < len(seg); {
				r, size := utf8.DecodeRune(seg[k:])
				n.runes = append(n.runes, r)
				n.bytes = append(n.bytes, int32(b.Len()+k))
				if oneToOne {
					n.orig = append(n.orig, int32(runePos+i))
				} else {
					n.orig = append(n.orig, int32(runePos))
				}
				i++
				k += size
			}
			b.Write(seg)
			runePos += origLen
			bytePos = next
		}
	}
	n.orig = append(n.orig, int32(runePos))
	n.bytes = append(n.bytes, int32(b.Len()))
	n.text = b.String()
	return n
}

// normalizedAlready is normalize for text already in NFKC (most articles): the text itself,
// every code point mapping to its own.
func normalizedAlready(s string) normalized {
	nr := utf8.RuneCountInString(s)
	n := normalized{text: s, runes: make([]rune, 0, nr), orig: make([]int32, nr+1), bytes: make([]int32, 0, nr+1)}
	for k, r := range s {
		n.runes = append(n.runes, r)
		n.bytes = append(n.bytes, int32(k))
	}
	for i := range n.orig {
		n.orig[i] = int32(i)
	}
	n.bytes = append(n.bytes, int32(len(s)))
	return n
}

// span maps a normalized span to the original text's code points.
func (n normalized) span(start, end int) Span {
	s, e := int(n.orig[start]), int(n.orig[end])
	if e < s {
		e = s
	}
	return Span{Start: s, End: e}
}

// slice returns normalized code points [start, end) as a string, a substring of n.text.
func (n normalized) slice(start, end int) string { return n.text[n.bytes[start]:n.bytes[end]] }

// charClass is the script class of a character.
type charClass uint8

const (
	clsOther charClass = iota
	clsSpace
	clsHiragana
	clsKatakana
	clsKanji
	clsLatin
	clsDigit
	clsPunct
)

func classOf(r rune) charClass {
	switch {
	case r == ' ' || r == '\t' || r == '\u3000':
		return clsSpace
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= 0xC0 && r <= 0x24F && unicode.IsLetter(r):
		return clsLatin
	case r >= '0' && r <= '9':
		return clsDigit
	case r >= 0x3041 && r <= 0x309F:
		return clsHiragana
	case r >= 0x30A1 && r <= 0x30FA, r == 0x30FC, r >= 0x31F0 && r <= 0x31FF:
		return clsKatakana
	// Japanese punctuation (、。「」『』【】〜・), a token in five, is punctuation without the
	// searches of unicode's tables below, Han's and then the punctuation's (TestClassOfPunct).
	case r >= 0x3001 && r <= 0x3003, r >= 0x3008 && r <= 0x301F, r == 0x30FB:
		return clsPunct
	// The CJK Unified Ideographs block is all Han (TestClassOfHanBlock): most kanji are
	// there, without unicode.Is's search of the Han ranges.
	case r >= 0x4E00 && r <= 0x9FFF, unicode.Is(unicode.Han, r), r == '々', r == '〆', r == 'ヶ':
		return clsKanji
	case unicode.IsPunct(r) || unicode.IsSymbol(r):
		return clsPunct
	}
	return clsOther
}

// decodeRune is utf8.DecodeRuneInString, with the three-byte code points of kana and kanji
// decoded inline: the hot loops over token surfaces spent a tenth of their time in the call.
func decodeRune(s string) (rune, int) {
	if r, ok := decode3(s); ok {
		return r, 3
	}
	return utf8.DecodeRuneInString(s)
}

// decode3 decodes the first code point of s when it is well-formed and takes three bytes (kana,
// kanji, full-width forms); it inlines, where decodeRune does not.
func decode3(s string) (rune, bool) {
	if len(s) >= 3 && s[0]&0xF0 == 0xE0 && s[1]&0xC0 == 0x80 && s[2]&0xC0 == 0x80 {
		r := rune(s[0]&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F)
		return r, r >= 0x800 && (r < 0xD800 || r > 0xDFFF)
	}
	return 0, false
}

// decodeLastRune is utf8.DecodeLastRuneInString, with three-byte code points decoded inline.
func decodeLastRune(s string) (rune, int) {
	if r, ok := decodeLast3(s); ok {
		return r, 3
	}
	return utf8.DecodeLastRuneInString(s)
}

// decodeLast3 is decode3 for the last code point of s (too large to inline, but cheaper than
// decodeLastRune's call of utf8).
func decodeLast3(s string) (rune, bool) {
	if n := len(s); n >= 3 && s[n-3]&0xF0 == 0xE0 && s[n-2]&0xC0 == 0x80 && s[n-1]&0xC0 == 0x80 {
		r := rune(s[n-3]&0x0F)<<12 | rune(s[n-2]&0x3F)<<6 | rune(s[n-1]&0x3F)
		return r, r >= 0x800 && (r < 0xD800 || r > 0xDFFF)
	}
	return 0, false
}

// classOfString returns the class shared by every character of s, or clsOther when mixed.
// The long vowel mark and the middle dot count as katakana.
func classOfString(s string) charClass {
	c := clsOther
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			if r3, ok := decode3(s[i:]); ok {
				r, size = r3, 3
			} else {
				r, size = decodeRune(s[i:])
			}
		}
		first := i == 0
		i += size
		rc := classOf(r)
		if r == 'ー' || r == '・' {
			rc = clsKatakana
		}
		if first {
			c = rc
		} else if rc != c {
			return clsOther
		}
	}
	return c
}

// Bracket pairs that sentence splitting never splits inside.
func closingBracket(r rune) (rune, bool) {
	switch r {
	case '「':
		return '」', true
	case '『':
		return '』', true
	case '(':
		return ')', true
	case '【':
		return '】', true
	case '[':
		return ']', true
	}
	return 0, false
}

// sentenceSpans splits normalized text into sentences: after 。!? and at line breaks, never
// inside 「」『』() and the like, nor at a ! or ? between a Latin letter and more of a word. A
// bracket its line never closes holds nothing: the sentences around it end as if it were not there.
// Spans exclude surrounding white space; empty sentences are dropped.
func sentenceSpans(rs []rune) [][2]int {
	var out [][2]int
	start := 0
	var stack []rune
	emit := func(end int) {
		s, e := start, end
		for s < e && unicode.IsSpace(rs[s]) {
			s++
		}
		for e > s && unicode.IsSpace(rs[e-1]) {
			e--
		}
		if e > s {
			out = append(out, [2]int{s, e})
		}
		start = end
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' {
			stack = stack[:0]
			emit(i + 1)
			continue
		}
		if c, ok := closingBracket(r); ok {
			if closedOnLine(rs, i, r, c) {
				stack = append(stack, c)
			}
			continue
		}
		if len(stack) > 0 {
			if r == stack[len(stack)-1] {
				stack = stack[:len(stack)-1]
			}
			continue
		}
		if r == '。' || r == '!' || r == '?' {
			if r != '。' && i > 0 && i+1 < len(rs) && latinLetter(rs[i-1]) && !unicode.IsSpace(rs[i+1]) && !unicode.IsPunct(rs[i+1]) {
				continue // a mark inside a name (Hokuto!ニュース, Hokuto!Net), not a sentence's end
			}
			if r != '。' && i > 0 && i+1 < len(rs) && markBeforeParticle(rs[i-1], rs[i+1]) {
				continue // a name ending with the mark, then a particle (ミナト!と, 何だ?の): no sentence starts so
			}
			end := i + 1
			// Keep runs of terminators and a closing bracket or quote right after together.
			for end < len(rs) && (rs[end] == '。' || rs[end] == '!' || rs[end] == '?' || rs[end] == '」' || rs[end] == '』' || rs[end] == ')') {
				end++
			}
			i = end - 1
			emit(end)
		}
	}
	emit(len(rs))
	return out
}

// markBeforeParticle reports whether a ! or ? between prev and next ends a name or a title inside
// a sentence rather than the sentence: next is a case particle (の, は, が, を, に, で, へ), which
// no sentence starts with, or と after anything but hiragana (ミナト!と、…; …ですか?とまれ starts one).
func markBeforeParticle(prev, next rune) bool {
	switch next {
	case 'の', 'は', 'が', 'を', 'に', 'で', 'へ':
		return true
	case 'と':
		return !unicode.Is(unicode.Hiragana, prev)
	}
	return false
}

// latinLetter reports whether r is an ASCII letter.
func latinLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// closedOnLine reports whether the bracket open at rs[i] is closed (by c, counting nested pairs of
// the same kind) before the end of its line.
func closedOnLine(rs []rune, i int, open, c rune) bool {
	depth := 0
	for _, r := range rs[i:] {
		switch r {
		case '\n', '\r', '\u2028', '\u2029':
			return false
		case open:
			depth++
		case c:
			if depth--; depth == 0 {
				return true
			}
		}
	}
	return false
}
