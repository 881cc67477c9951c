package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ikawaha/kagome/v2/tokenizer"
	"golang.org/x/text/unicode/norm"
)

// token is one morpheme, with offsets in code points of the normalized article text.
type token struct {
	surf       string
	pos        [4]string // 品詞, 細分類1, 細分類2, 細分類3
	base       string
	start, end int
	cls        charClass
	known      bool
}

func (t *token) noun() bool     { return t.pos[0] == "名詞" }
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

	gaz  []gazTag   // per token, computed once by gazetteer
	gazM []gazMatch // computed once by gazMatches
}

// analyze tokenizes one sentence of normalized text.
func (x *Extractor) analyze(n *normalized, idx, start, end int) sentence {
	s := sentence{idx: idx, start: start, end: end, runes: n.runes[start:end:end]}
	text := n.slice(start, end)
	kts := x.tok.Analyze(text, tokenizer.Normal)
	s.toks = make([]token, 0, len(kts)+2)
	for _, kt := range kts {
		if kt.Class == tokenizer.DUMMY {
			continue
		}
		t := token{surf: kt.Surface, start: start + kt.Start, end: start + kt.End, known: kt.Class == tokenizer.KNOWN}
		for i := 0; i < 4; i++ {
			t.pos[i], _ = kt.FeatureAt(i)
		}
		t.base, _ = kt.FeatureAt(6)
		t.cls = classOfString(t.surf)
		// kagome types ASCII punctuation and spaces it does not know as nouns.
		switch t.cls {
		case clsPunct:
			t.pos = [4]string{"記号", "一般", "*", "*"}
			if t.surf == "(" || t.surf == "[" {
				t.pos[1] = "括弧開"
			} else if t.surf == ")" || t.surf == "]" {
				t.pos[1] = "括弧閉"
			}
		case clsSpace:
			t.pos = [4]string{"記号", "空白", "*", "*"}
		}
		if t.surf == "・" {
			t.pos = [4]string{"記号", "一般", "*", "*"}
		}
		// The dictionary joins a name's last character with the honorific (李明華氏 → 李 明 華氏,
		// 華氏 being Fahrenheit): split it again after a name.
		if r := []rune(t.surf); len(r) == 2 && r[1] == '氏' && classOf(r[0]) == clsKanji && len(s.toks) > 0 {
			if prev := &s.toks[len(s.toks)-1]; prev.proper() && prev.pos[2] == "人名" {
				name := t
				name.surf, name.end, name.base = string(r[0]), t.start+1, ""
				name.pos = [4]string{"名詞", "固有名詞", "人名", "名"}
				t.surf, t.start, t.base = "氏", t.start+1, "氏"
				t.pos = [4]string{"名詞", "接尾", "人名", "*"}
				s.toks = append(s.toks, name)
			}
		}
		s.toks = append(s.toks, t)
	}
	return s
}

// fold normalizes a name for comparison: NFKC, case folding, no white space.
func fold(s string) string {
	return string(appendFold(nil, norm.NFKC.String(s)))
}

// foldNorm is fold for text that is already NFKC-normalized: the cheap case of the hot paths.
func foldNorm(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || (c >= 'A' && c <= 'Z') || c == ' ' || c == '\t' {
			return string(appendFold(nil, s))
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
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if unicode.IsSpace(r) {
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// isBoiler reports whether a sentence is page furniture rather than article text: a line from the
// boilerplate lexicon, a bracketed tag ([広告2]), a comment counter (コメント (0)), or a citation
// line (『…』。共同通信社、2012年10月20日。 or (…によると)).
func (x *Extractor) isBoiler(text string) bool {
	t := strings.TrimSpace(text)
	if x.lex.boiler[t] {
		return true
	}
	if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") && len([]rune(t)) <= 12 {
		return true
	}
	// "コメント (0)", "ソース:" and the like: a boilerplate word followed by a count or colon.
	for w := range x.lex.boiler {
		if rest, ok := strings.CutPrefix(t, w); ok {
			rest = strings.TrimSpace(rest)
			if rest == "" || strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, ":") {
				return true
			}
		}
	}
	// A whole-line parenthesis is a source note, not text.
	if strings.HasPrefix(t, "(") && (strings.HasSuffix(t, ")") || strings.HasSuffix(t, ")。")) {
		return true
	}
	// Citation: a title in 『』 or 「」 followed by a publisher and a date.
	if (strings.HasPrefix(t, "『") || strings.HasPrefix(t, "「")) && strings.Contains(t, "年") && strings.Contains(t, "日") {
		if i := strings.LastIndexAny(t, "』」"); i > 0 && i < len(t)-3 {
			rest := t[i:]
			if strings.Contains(rest, "、") && !strings.ContainsAny(rest, "はがを") {
				return true
			}
		}
	}
	return false
}
