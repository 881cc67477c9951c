package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/japanese"
)

const page = `<!DOCTYPE html>
<html lang="ja">
<head>
  <meta charset="utf-8">
  <title> 新しい図書館が
    開館 </title>
  <style>body { color: red }</style>
  <script>var secret = "スクリプト";</script>
</head>
<body>
  <nav><ul><li>ホーム</li><li>地域</li></ul></nav>
  <h1>駅前に図書館</h1>
  <p>駅前の図書館は
     午前九時に開く。<br>入館は無料だ。</p>
  <noscript>JavaScriptを有効にしてください</noscript>
  <template><p>テンプレート</p></template>
  <p>館長は&laquo;本を楽しんで&raquo;と話した &amp; 笑った。</p>
  <svg><title>図のタイトル</title><text>図の文字</text></svg>
  <table><tr><td>開館</td><td>9時</td></tr></table>
  <script>document.write("<p>書き込み</p>")</script>
</body>
</html>`

func TestHTMLText(t *testing.T) {
	tests := []struct {
		name, in, title, text string
	}{
		{"page", page, "新しい図書館が開館", "ホーム\n地域\n駅前に図書館\n駅前の図書館は午前九時に開く。\n入館は無料だ。\n館長は«本を楽しんで»と話した & 笑った。\n開館\n9時"},
		{"no head", "<html><body><p>一行目</p><p>二行目</p>", "", "一行目\n二行目"},
		{"inline elements join", "<!doctype html><p>東京<b>都</b>の<a href=x>天気</a></p>", "", "東京都の天気"},
		{"latin words keep spaces", "<!doctype html><p>New\n  York   Times</p>", "", "New York Times"},
		{"pre keeps lines", "<!doctype html><pre>一\n二</pre>", "", "一\n二"},
		{"only scripts", "<!doctype html><script>x()</script><style>p{}</style>", "", ""},
		{"title in svg is not the title", "<!doctype html><svg><title>図</title></svg><p>本文</p>", "", "本文"},
		{"comments dropped", "<!doctype html><p>前<!-- 注釈 -->後</p>", "", "前後"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			title, text := htmlText(tc.in)
			if title != tc.title || text != tc.text {
				t.Errorf("htmlText:\ntitle %q\ntext  %q\nwant title %q\ntext       %q", title, text, tc.title, tc.text)
			}
		})
	}
}

func TestIsHTML(t *testing.T) {
	for in, want := range map[string]bool{
		"<!DOCTYPE html>":             true,
		"\uFEFF\n  <!doctype HTML>":   true,
		"<html lang=ja>":              true,
		"<HTML>":                      true,
		"<html":                       true,
		"<htmlx>":                     false,
		"<p>段落</p>":                   false,
		"記事の本文。<html>":                false,
		"<!doctype htmlfoo":           false,
		"":                            false,
		"<!-- comment --><html>":      false,
		"  \n\t<!DOCTYPE html PUBLIC": true,
	} {
		if got := isHTML([]byte(in)); got != want {
			t.Errorf("isHTML(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestHTMLDocumentCharset(t *testing.T) {
	body := "<body><p>表示された予定表をソフトで確認する。</p></body></html>"
	want := "表示された予定表をソフトで確認する。"
	sjis := func(s string) []byte { return encode(t, japanese.ShiftJIS, s) }
	euc := func(s string) []byte { return encode(t, japanese.EUCJP, s) }
	tests := []struct {
		name string
		in   []byte
	}{
		{"meta charset Shift_JIS", sjis(`<!DOCTYPE html><html><head><meta charset="Shift_JIS"><title>予定</title></head>` + body)},
		{"http-equiv EUC-JP", euc(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=EUC-JP"><title>予定</title></head>` + body)},
		{"meta says UTF-8 but Shift_JIS", sjis(`<html><head><meta charset="utf-8"><title>予定</title></head>` + body)},
		{"meta says Shift_JIS but UTF-8", []byte(`<html><head><meta charset="shift_jis"><title>予定</title></head>` + body)},
		{"no meta, EUC-JP", euc(`<html><head><title>予定</title></head>` + body)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			title, text, err := htmlDocument(tc.in)
			if err != nil || title != "予定" || text != want {
				t.Errorf("htmlDocument = %q, %q, %v; want 予定, %q", title, text, err, want)
			}
		})
	}
	if _, _, err := htmlDocument([]byte("<html><body>\x80\xff\xfd</body></html>")); err == nil {
		t.Error("undecodable HTML accepted")
	}
}

// scriptMarker is put in a <script> element of fuzzed documents: it must never reach the text.
const scriptMarker = "qzSCRIPTqz"

func FuzzHTML(f *testing.F) {
	f.Add("<html><head><title>題", "</p>本文")
	f.Add("<!doctype html><body><p>", "<p>後</p>")
	f.Add("<textarea>", "</textarea>")
	f.Add("<svg>", "</svg><p>x")
	f.Add(string(encode(f, japanese.ShiftJIS, "<html><p>表示</p>")), "")
	f.Fuzz(func(t *testing.T, before, after string) {
		if strings.Contains(before+after, "qz") {
			return
		}
		doc := before + "<script>" + scriptMarker + "</script>" + after
		title, text := htmlText(doc)
		if !utf8.ValidString(title) || !utf8.ValidString(text) {
			t.Fatalf("not UTF-8: %q %q", title, text)
		}
		if strings.Contains(title, "\n") {
			t.Fatalf("title over several lines: %q", title)
		}
		if markerOnlyInScript(t, doc) && (strings.Contains(text, scriptMarker) || strings.Contains(title, scriptMarker)) {
			t.Fatalf("script content in the text of %q: %q", doc, text)
		}
	})
}

// markerOnlyInScript reports whether the parsed document has the marker in the text of a
// <script> element and nowhere else.
func markerOnlyInScript(t *testing.T, doc string) bool {
	root, err := html.Parse(strings.NewReader(strings.ToValidUTF8(doc, "\uFFFD")))
	if err != nil {
		t.Fatal(err)
	}
	inScript, elsewhere := 0, 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode && strings.Contains(n.Data, scriptMarker) {
			if p := n.Parent; p != nil && p.Type == html.ElementNode && p.DataAtom == atom.Script {
				inScript++
			} else {
				elsewhere++
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return inScript > 0 && elsewhere == 0
}
