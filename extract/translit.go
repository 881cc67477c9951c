package extract

import "strings"

// kanaRomaji maps katakana to Hepburn-style romaji; two-character combinations (ディ, ファ) are
// tried before single characters.
var kanaRomaji = map[string]string{
	"ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o",
	"カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
	"ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go",
	"サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so",
	"ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo",
	"タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to",
	"ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do",
	"ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
	"ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho",
	"バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
	"パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
	"マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo",
	"ヤ": "ya", "ユ": "yu", "ヨ": "yo",
	"ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
	"ワ": "wa", "ヲ": "o", "ン": "n", "ヴ": "vu",
	"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o", "ャ": "ya", "ュ": "yu", "ョ": "yo", "ッ": "",
	"ディ": "di", "ティ": "ti", "ドゥ": "du", "トゥ": "tu", "ファ": "fa", "フィ": "fi", "フェ": "fe",
	"フォ": "fo", "ウィ": "wi", "ウェ": "we", "ウォ": "wo", "ヴァ": "va", "ヴィ": "vi", "ヴェ": "ve",
	"ヴォ": "vo", "シェ": "she", "ジェ": "je", "チェ": "che", "キャ": "kya", "キュ": "kyu", "キョ": "kyo",
	"シャ": "sha", "シュ": "shu", "ショ": "sho", "チャ": "cha", "チュ": "chu", "チョ": "cho",
	"ジャ": "ja", "ジュ": "ju", "ジョ": "jo", "ニャ": "nya", "ニュ": "nyu", "ニョ": "nyo",
	"リャ": "rya", "リュ": "ryu", "リョ": "ryo", "ギャ": "gya", "ギュ": "gyu", "ギョ": "gyo",
	"ビャ": "bya", "ビュ": "byu", "ビョ": "byo", "ピャ": "pya", "ピュ": "pyu", "ピョ": "pyo",
	"ミャ": "mya", "ミュ": "myu", "ミョ": "myo", "ヒャ": "hya", "ヒュ": "hyu", "ヒョ": "hyo",
}

// romaji spells a katakana word in Latin letters; ok is false for anything else.
func romaji(kana string) (string, bool) {
	rs := []rune(kana)
	var b strings.Builder
	for i := 0; i < len(rs); {
		if rs[i] == 'ー' || rs[i] == '・' || rs[i] == ' ' {
			i++
			continue
		}
		if i+1 < len(rs) {
			if r, ok := kanaRomaji[string(rs[i:i+2])]; ok {
				b.WriteString(r)
				i += 2
				continue
			}
		}
		r, ok := kanaRomaji[string(rs[i])]
		if !ok {
			return "", false
		}
		b.WriteString(r)
		i++
	}
	return b.String(), true
}

// digraphs are the letter groups skeleton hears as one consonant. A Replacer is immutable and
// safe for concurrent use; building it on every call cost more than using it.
var digraphs = strings.NewReplacer("ph", "f", "th", "s", "sh", "s", "ch", "s", "ts", "s", "ck", "k", "qu", "k", "x", "ks")

// skeleton reduces a Latin spelling to its consonants as a Japanese ear hears them: l is r, v is
// b, c is k or s, ph is f, doubled letters are one, vowels and y, w, h go. Nvidia and エヌビディア
// (enubidia) both become "nbd"; Tencent and テンセント "tnsnt".
func skeleton(latin string) string {
	s := strings.ToLower(latin)
	s = digraphs.Replace(s)
	var b strings.Builder
	var last byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'w', 'h':
			last = 0 // only letters written twice in a row are one sound
			continue
		case 'l':
			c = 'r'
		case 'v':
			c = 'b'
		case 'j':
			c = 'z'
		case 'q':
			c = 'k'
		case 'c':
			if i+1 < len(s) && (s[i+1] == 'e' || s[i+1] == 'i' || s[i+1] == 'y') {
				c = 's'
			} else {
				c = 'k'
			}
		}
		if c < 'a' || c > 'z' || c == last {
			continue
		}
		b.WriteByte(c)
		last = c
	}
	return b.String()
}

// sameByTransliteration reports whether a katakana name and a Latin name spell the same sounds:
// their consonant skeletons agree and are at least three consonants long.
func sameByTransliteration(kana, latin string) bool {
	r, ok := romaji(kana)
	if !ok || r == "" || latin == "" {
		return false
	}
	a, b := skeleton(r), skeleton(latin)
	return len(a) >= 3 && a == b
}

// SoundKey returns the consonant skeleton of a katakana or Latin name, for matching a name
// across scripts (グーグル and Google both give "ggr"), or "" for other names and for skeletons
// too short to tell names apart.
func SoundKey(name string) string {
	name = strings.TrimSpace(name)
	var k string
	switch classOfString(strings.ReplaceAll(name, " ", "")) {
	case clsKatakana:
		r, ok := romaji(name)
		if !ok {
			return ""
		}
		k = skeleton(r)
	case clsLatin:
		k = skeleton(name)
	}
	if len(k) < 3 {
		return ""
	}
	return k
}
