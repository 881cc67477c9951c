package extract

import (
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNormalizeOffsets(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"ＡＢＣ社", "ABC社"},
		{"ｶﾞｲﾄﾞ（案）", "ガイド(案)"},
		{"㈱テスト", "(株)テスト"},
		{"plain", "plain"},
		{"", ""},
	}
	for _, tc := range tests {
		n := normalize(tc.in)
		if n.text != tc.want {
			t.Errorf("normalize(%q) = %q, want %q", tc.in, n.text, tc.want)
		}
		if len(n.orig) != len(n.runes)+1 || int(n.orig[len(n.runes)]) != utf8.RuneCountInString(tc.in) {
			t.Errorf("normalize(%q): map %v does not end at the original length", tc.in, n.orig)
		}
		for i := 1; i < len(n.orig); i++ {
			if n.orig[i] < n.orig[i-1] {
				t.Errorf("normalize(%q): map %v is not monotonic", tc.in, n.orig)
			}
		}
		// slice cuts the text by byte offsets: every span must read as its code points.
		for i := 0; i <= len(n.runes); i++ {
			for j := i; j <= len(n.runes); j++ {
				if got, want := n.slice(i, j), string(n.runes[i:j]); got != want {
					t.Errorf("normalize(%q).slice(%d, %d) = %q, want %q", tc.in, i, j, got, want)
				}
			}
		}
	}
	// ｶﾞ is two code points that become one: the span of ガ covers both.
	n := normalize("xｶﾞy")
	if sp := n.span(1, 2); sp != (Span{1, 3}) {
		t.Errorf("span of ガ in xｶﾞy = %v, want {1 3}", sp)
	}
}

func TestSentenceSpans(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"一文目。二文目!三文目", []string{"一文目。", "二文目!", "三文目"}},
		{"彼は「そうだ。違う。」と述べた。次。", []string{"彼は「そうだ。違う。」と述べた。", "次。"}},
		{"A社(本社。東京)は発表した。", []string{"A社(本社。東京)は発表した。"}},
		{"『題名。副題』を読んだ。", []string{"『題名。副題』を読んだ。"}},
		{"改行\n次の行。", []string{"改行", "次の行。"}},
		{"閉じない「括弧。\n次の行。", []string{"閉じない「括弧。", "次の行。"}},
		{"「終わりだ。」", []string{"「終わりだ。」"}},
		{"「Xの(一部」を搭載。次の文。", []string{"「Xの(一部」を搭載。", "次の文。"}},
		{"Xの(一部を搭載。次の文。", []string{"Xの(一部を搭載。", "次の文。"}},
		{"Hokuto!Netの新サービス。Hokuto!ニュースを見た。", []string{"Hokuto!Netの新サービス。", "Hokuto!ニュースを見た。"}},
		{"ABCだ! 次。Go!", []string{"ABCだ!", "次。", "Go!"}},
		{"It is OK! Next.", []string{"It is OK!", "Next."}},
		{"ミナト!と、ミナト2!の二つを提供する。凶器?の刃物。", []string{"ミナト!と、ミナト2!の二つを提供する。", "凶器?の刃物。"}},
		{"本当ですか?とまれ、次だ。すごい!の声。", []string{"本当ですか?", "とまれ、次だ。", "すごい!の声。"}},
		{"  \n ", nil},
	}
	for _, tc := range tests {
		rs := []rune(tc.in)
		var got []string
		for _, sp := range sentenceSpans(rs) {
			got = append(got, string(rs[sp[0]:sp[1]]))
		}
		if len(got) != len(tc.want) {
			t.Errorf("sentenceSpans(%q) = %q, want %q", tc.in, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("sentenceSpans(%q) = %q, want %q", tc.in, got, tc.want)
				break
			}
		}
	}
}

func TestBoiler(t *testing.T) {
	x := extractor(t)
	tests := []struct {
		line string
		want bool
	}{
		{"ソース", true},
		{"コメント (3)", true},
		{"[広告7]", true},
		{"(北西通信によると)", true},
		{"『新型車を発表』。", true},
		{"北西ニュース『新型車を発表』。", true},
		{"\"New car unveiled\"。", true},
		{"北西新聞社、2019年3月1日。", true},
		{"経済(Category)最近の記事新型車が登場株価が上昇", true},
		{"同社は「新型車を発表する」と述べた。", false},
		{"『新型車』の発表は来月になると同社は述べた。", false},
		{"北西新聞によると、同社は新型車を発表した。", false},
		{"2019年3月1日、同社は新型車を発表した。", false},
	}
	for _, tc := range tests {
		if got := x.isBoiler(normalize(tc.line).text); got != tc.want {
			t.Errorf("isBoiler(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
}

// TestCitationSource checks citation sources (a publisher and a date) with every ending
// mayEndInDate lets through to the full check, and lines it turns away.
func TestCitationSource(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"北西新聞社、2019年3月1日。", true},
		{"北西新聞社、2019年3月1日 。 ", true},
		{"北西新聞社、2019年3月", true},
		{"北西新聞社、2019年", false},
		{"North Press、2019-03-01.", true},
		{"北西新聞社、2019/03/01", true},
		{"北西通信、2019年3月1日18時35分", true},
		{"北西通信、2019年3月1日18時35分12秒", true},
		{"北西通信、2019年3月1日 18:35", true},
		{"北西通信、2019年3月1日18時35分(UTC+9)", true},
		{"北西通信、2019年3月1日18時35分(最終更新19時44分)", true},
		{"北西通信、2019年3月1日(最終更新", true},
		{"北西通信、2019年3月1日UTC", true},
		{"北西通信、2019年3月1日18時35分(UTC", true},
		{"北西新聞社、2019年3月1日に発表。", false},
		{"2019年3月1日、同社は新型車を発表した。", false},
		{"同社は新型車を発表した、2019年", false},
		{"", false},
	}
	for _, tc := range tests {
		if got := isCitationSource(tc.line); got != tc.want {
			t.Errorf("isCitationSource(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
}

// TestNormalizedAlready checks the shortcut for text already in NFKC against the segment by
// segment normalization, over Wikinews articles and made-up text.
func TestNormalizedAlready(t *testing.T) {
	texts := []string{"", "a", "東京都の山田氏は「AI」と述べた。", "é한국어😀", "x\u0301y", "ｶﾞ１２", "abc\n\ndef"}
	if _, err := os.Stat("../../shared/data/wikinews/articles.jsonl.gz"); err == nil {
		texts = append(texts, corpus(t, 300)...)
	}
	quick := 0
	for _, s := range texts {
		if norm.NFKC.QuickSpanString(s) != len(s) {
			continue
		}
		quick++
		if got, want := normalizedAlready(s), normalizeIter(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("%.40q: normalizedAlready differs from normalizeIter", s)
		}
	}
	if quick < 5 {
		t.Fatalf("only %d texts already in NFKC", quick)
	}
}

func TestRunesAtMost(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want bool
	}{
		{"", 0, true},
		{"abc", 3, true},
		{"abcd", 3, false},
		{"東京都", 3, true}, // nine bytes, three code points
		{"東京都庁", 3, false},
		{"\xff\xfe", 2, true}, // invalid bytes count one each
		{"\xff\xfe\xfd", 2, false},
		{"😀😀", 2, true},
	} {
		if got := runesAtMost(c.s, c.n); got != c.want {
			t.Errorf("runesAtMost(%q, %d) = %v, want %v", c.s, c.n, got, c.want)
		}
	}
}

func TestCaseless(t *testing.T) {
	n := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if caseless(r) {
			n++
			if unicode.ToLower(r) != r || unicode.IsSpace(r) {
				t.Fatalf("caseless(%U), but ToLower %U, IsSpace %v", r, unicode.ToLower(r), unicode.IsSpace(r))
			}
		}
	}
	if n == 0 || caseless('\u3000') || caseless('A') {
		t.Error("caseless: wrong range")
	}
}

// TestClassOfHanBlock checks what classOf's shortcut assumes: every code point of the CJK
// Unified Ideographs block (U+4E00 to U+9FFF) is Han, so that the shortcut types none of them
// otherwise than unicode.Is would.
func TestClassOfHanBlock(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !unicode.Is(unicode.Han, r) {
			t.Fatalf("U+%04X is not Han", r)
		}
	}
	for _, tc := range []struct {
		r    rune
		want charClass
	}{{'山', clsKanji}, {'龍', clsKanji}, {'㐂', clsKanji}, {'々', clsKanji}, {'ア', clsKatakana}, {'あ', clsHiragana}, {'。', clsPunct}, {'a', clsLatin}} {
		if got := classOf(tc.r); got != tc.want {
			t.Errorf("classOf(%q) = %d, want %d", tc.r, got, tc.want)
		}
	}
}

// TestClassOfPunct checks the code points classOf takes as punctuation before it looks them up
// in unicode's tables: each is punctuation or a symbol there, and no Han, which classOf looks
// for first.
func TestClassOfPunct(t *testing.T) {
	for r := rune(0x3000); r <= 0x30FF; r++ {
		if r >= 0x3041 && r <= 0x309F || r >= 0x30A1 && r <= 0x30FA || r == 0x30FC || r == 0x3000 || classOf(r) != clsPunct {
			continue // space, kana: cases before
		}
		if unicode.Is(unicode.Han, r) || r == '々' || r == '〆' || !unicode.IsPunct(r) && !unicode.IsSymbol(r) {
			t.Errorf("classOf(%q) = punctuation: Han, or neither punctuation nor a symbol", r)
		}
	}
	for _, r := range "、。〃「」『』【】〒〜〟・" {
		if got := classOf(r); got != clsPunct {
			t.Errorf("classOf(%q) = %d, want punctuation", r, got)
		}
	}
}

// TestNormalizeSpans checks that normalizeSpans, which copies the stretches already in NFKC, maps
// every text as normalizeIter does, segment by segment: over invented texts mixing full-width
// and half-width forms, combining marks and jamo, random strings of such characters, and the
// Wikinews articles when they are there.
func TestNormalizeSpans(t *testing.T) {
	texts := []string{"", "a", "（", "ＡＢＣ社（東京）", "ｶﾞｲﾄﾞ（案）", "アｶﾞ", "ｶﾞｶﾞ", "ﾞ", "ﾞa", "e\u0301", "a\u0301\u0302b",
		"\u1100\u1161\u11a8", "가\u11a8", "㈱テスト①", "ﬁ㍻㌔", "x\u0301\u0301\u0301ｶﾞ", "\xff（a", "a\u0323\u0301（ｶﾞ\u0301）"}
	alphabet := []rune("aAｱｶﾞﾟ（）１２ＡアカガｶﾞhéeĀ\u0301\u0302\u0323\u3099\u309a\u1100\u1161\u11a8가㈱①ﬁ。、 \n東")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		rs := make([]rune, rng.IntN(12))
		for i := range rs {
			rs[i] = alphabet[rng.IntN(len(alphabet))]
		}
		texts = append(texts, string(rs))
	}
	if _, err := os.Stat("../../shared/data/wikinews/articles.jsonl.gz"); err == nil {
		texts = append(texts, corpus(t, 1000)...)
	}
	for _, s := range texts {
		if got, want := normalizeSpans(s), normalizeIter(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("%.60q: normalizeSpans gives %q %v, normalizeIter %q %v", s, got.text, got.orig, want.text, want.orig)
		}
	}
}

// TestQuickSpanNFKC checks quickSpanNFKC against norm's quick check over the CJK Unified Ideographs,
// which it takes as starters without asking norm, and over texts mixing the code points of its
// table with combining marks, long runs of them, jamo, half-width and full-width forms, invalid
// bytes and the Wikinews articles when they are there.
func TestQuickSpanNFKC(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !nfkcStarter(r) {
			t.Fatalf("U+%04X is no NFKC starter", r)
		}
	}
	texts := []string{"", "a", "が", "か\u3099", "が\u3099", "e\u0301", "\u0301", "ｶﾞ", "東京（", "\u1100\u1161", "가\u11a8", "\xffa", "😀",
		"が" + strings.Repeat("\u0301", 40), "が" + strings.Repeat("\u0301", 29), "が" + strings.Repeat("\u0301", 30), "a" + strings.Repeat("\u0323", 29) + "\u0301", "ガ" + strings.Repeat("\u3099", 31)}
	alphabet := []rune("aé東がかパハ゛゜ゝゞヴ。「」ー・ｶﾞ（１\u0301\u0323\u3099\u309a\u1161\u11a8가😀\u0f73\u0344 \n")
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		rs := make([]rune, rng.IntN(10))
		for i := range rs {
			rs[i] = alphabet[rng.IntN(len(alphabet))]
			if rng.IntN(20) == 0 { // a long run of one code point
				for range 28 + rng.IntN(6) {
					rs = append(rs, rs[i])
				}
			}
		}
		texts = append(texts, string(rs))
	}
	if _, err := os.Stat("../../shared/data/wikinews/articles.jsonl.gz"); err == nil {
		texts = append(texts, corpus(t, 1000)...)
	}
	for _, s := range texts {
		for k := 0; k < len(s); k += 1 + len(s)/20 { // and from some of its bytes on
			if got, want := quickSpanNFKC(s[k:]), norm.NFKC.QuickSpanString(s[k:]); got != want {
				t.Fatalf("quickSpanNFKC(%.60q) = %d, want %d", s[k:], got, want)
			}
		}
	}
}

// TestDecodeRune checks decodeRune and decodeLastRune against package utf8 over every string of
// a three-byte lead and two more bytes, with a byte before or after, and over random bytes.
func TestDecodeRune(t *testing.T) {
	check := func(s string) {
		r, n := decodeRune(s)
		wr, wn := utf8.DecodeRuneInString(s)
		lr, ln := decodeLastRune(s)
		wlr, wln := utf8.DecodeLastRuneInString(s)
		if r != wr || n != wn || lr != wlr || ln != wln {
			t.Fatalf("%q: decodeRune %U %d, decodeLastRune %U %d; utf8 %U %d, %U %d", s, r, n, lr, ln, wr, wn, wlr, wln)
		}
	}
	for a := 0xE0; a <= 0xEF; a++ {
		for b := range 256 {
			for c := range 256 {
				s := string([]byte{byte(a), byte(b), byte(c)})
				check(s)
				check(s + "x")
				check("\x80" + s)
			}
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 100000 {
		b := make([]byte, rng.IntN(6))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		check(string(b))
	}
}

// normalizeIter is normalize segment by segment with norm's iterator alone: the reference
// normalizeSpans and normalizedAlready are tested against.
func normalizeIter(s string) normalized {
	var n normalized
	n.runes = make([]rune, 0, len(s)/2)
	n.orig = make([]int32, 0, len(s)/2+1)
	n.bytes = make([]int32, 0, len(s)/2+1)
	var it norm.Iter
	it.InitString(norm.NFKC, s)
	var b strings.Builder
	b.Grow(len(s))
	bytePos, runePos := 0, 0
	for !it.Done() {
		seg := it.Next()
		next := it.Pos()
		origLen := utf8.RuneCountInString(s[bytePos:next])
		// A segment of as many code points as the original maps one to one (a combining mark
		// after a line break stays apart from it); one that composed or decomposed maps every
		// code point to the segment's start.
		oneToOne := utf8.RuneCount(seg) == origLen
		i := 0
		for k, r := range string(seg) {
			n.runes = append(n.runes, r)
			n.bytes = append(n.bytes, int32(b.Len()+k))
			if oneToOne {
				n.orig = append(n.orig, int32(runePos+i))
			} else {
				n.orig = append(n.orig, int32(runePos))
			}
			i++
		}
		b.Write(seg)
		runePos += origLen
		bytePos = next
	}
	n.orig = append(n.orig, int32(runePos))
	n.bytes = append(n.bytes, int32(b.Len()))
	n.text = b.String()
	return n
}

// TestAppendFold checks appendFold, whose kana and kanji are copied without decoding, against
// folding rune by rune, on made-up text and Wikinews articles.
func TestAppendFold(t *testing.T) {
	ref := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if !unicode.IsSpace(r) {
				b.WriteRune(unicode.ToLower(r))
			}
		}
		return b.String()
	}
	texts := []string{
		"", "ABC def", "北西電機", "アオバ・エナジー", "東西\u3000銀行", "ＡＢＣ", "Ünïcode ÀÉ",
		"かなカナ漢字\u3001。「引用」", "\u3000", "x\u9fffy\ua000z", "混在Mixed テキスト\tTAB",
	}
	check := func(t *testing.T, texts []string) {
		for _, s := range texts {
			s = normalize(s).text
			if got, want := string(appendFold(nil, s)), ref(s); got != want {
				t.Errorf("appendFold(%.40q) = %.40q, want %.40q", s, got, want)
			}
		}
	}
	check(t, texts)
	t.Run("wikinews", func(t *testing.T) { check(t, corpus(t, 50)) })
}

// TestThreeRunes checks the count of at least three code points, with the byte length's
// shortcut, against counting.
func TestThreeRunes(t *testing.T) {
	for _, s := range []string{"", "ab", "abc", "協議", "協議会", "会a", "𠮷𠮷", "𠮷𠮷a", "abcdefgh", "ab𠮷𠮷", "ホールディングス"} {
		if got, want := threeRunes(s), utf8.RuneCountInString(s) >= 3; got != want {
			t.Errorf("threeRunes(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestLeadRune checks that leadRune reads the first code point of ASCII and three-byte text as
// utf8 does, and declines the rest, so that repeatNames may skip a word by it.
func TestLeadRune(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"", false},
		{"A社", true},
		{"あいう", true},
		{"漢字", true},
		{"ア", true},
		{"ｱ", true},
		{"é", false}, // two bytes
		{"😀", false}, // four bytes
		{"\xe3\x81", false},
	}
	for _, tt := range tests {
		r, ok := leadRune(tt.in)
		if ok != tt.ok {
			t.Errorf("leadRune(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if want, _ := utf8.DecodeRuneInString(tt.in); ok && r != want {
			t.Errorf("leadRune(%q) = %U, want %U", tt.in, r, want)
		}
	}
}

// TestEntityID checks entityID, which skips strings.Fields for a name without white space,
// against the fields folded one by one, over names with each kind of white space.
func TestEntityID(t *testing.T) {
	tests := []struct{ name, want string }{
		{"", ""},
		{"山田商事", "山田商事"},
		{"ＡＢＣ社", "abc社"},
		{"Acme Corp", "acme-corp"},
		{"Acme\u3000Corp", "acme-corp"},
		{"Acme\u00a0Corp", "acme-corp"},
		{"Acme\u2009Corp", "acme-corp"},
		{"Acme\u1680Corp", "acme-corp"},
		{"Acme\u0085Corp", "acme-corp"},
		{"Acme\u205fCorp", "acme-corp"},
		{" Acme\t\nCorp ", "acme-corp"},
		{"東京\u3000都", "東京-都"},
		{"Ä\u2013Ö", "ä\u2013ö"},
		{"\xffA B", "\uFFFDa-b"},
	}
	for _, tt := range tests {
		if got := entityID(tt.name); got != tt.want {
			t.Errorf("entityID(%q) = %q, want %q", tt.name, got, tt.want)
		}
		parts := strings.Fields(tt.name)
		for i, p := range parts {
			parts[i] = fold(p)
		}
		if got, want := entityID(tt.name), strings.Join(parts, "-"); got != want {
			t.Errorf("entityID(%q) = %q, fields folded %q", tt.name, got, want)
		}
	}
}

// TestJoinTokens checks joinTokens against plain concatenation, on tokens that are slices of one
// text one after another (joined without a copy) and on tokens that are not.
func TestJoinTokens(t *testing.T) {
	text := "東西商事の山田社長"
	at := func(i, j int) token { return token{surf: text[i:j]} }
	other := strings.Clone("の")
	tests := []struct {
		name string
		toks []token
		want string
	}{
		{"none", nil, ""},
		{"one", []token{at(0, 6)}, "東西"},
		{"contiguous", []token{at(0, 6), at(6, 12), at(12, 15)}, "東西商事の"},
		{"gap", []token{at(0, 6), at(12, 15)}, "東西の"},
		{"other text", []token{at(0, 12), {surf: other}, at(15, 21)}, "東西商事の山田"},
		{"empty between", []token{at(0, 6), {surf: ""}, at(6, 12)}, "東西商事"},
	}
	for _, tt := range tests {
		if got := joinTokens(tt.toks); got != tt.want {
			t.Errorf("%s: joinTokens = %q, want %q", tt.name, got, tt.want)
		}
	}
}
