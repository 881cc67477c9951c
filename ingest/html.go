package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/kg-news/kg/extract"
)

// isHTML reports whether text is clearly an HTML document: it starts (after white space and a
// byte order mark) with <!doctype html or <html.
func isHTML(text []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(text, []byte("\uFEFF")), " \t\r\n\f")
	if len(t) > 16 {
		t = t[:16]
	}
	t = bytes.ToLower(t)
	if bytes.HasPrefix(t, []byte("<!doctype html")) {
		return len(t) == 14 || strings.ContainsRune(" \t\r\n>", rune(t[14]))
	}
	if bytes.HasPrefix(t, []byte("<html")) {
		return len(t) == 5 || strings.ContainsRune(" \t\r\n>", rune(t[5]))
	}
	return false
}

// htmlDocument returns the title and text of an HTML file in any encoding ToUTF8 reads: valid
// UTF-8 is taken as such, otherwise the charset its <meta> declares is tried before detection.
func htmlDocument(b []byte) (title, text string, err error) {
	var u []byte
	if label := metaCharset(b); label != "" && !utf8.Valid(b) {
		u, err = ToUTF8(b, label)
	}
	if u == nil {
		if u, err = ToUTF8(b, ""); err != nil {
			return "", "", err
		}
	}
	title, text = htmlText(string(u))
	return title, text, nil
}

// metaCharset returns the charset a document's <meta charset> or <meta http-equiv=Content-Type>
// declares in its first 4 KiB, or "".
func metaCharset(b []byte) string {
	if len(b) > 4<<10 {
		b = b[:4<<10]
	}
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if a := atom.Lookup(name); a == atom.Body {
				return ""
			} else if a != atom.Meta || !hasAttr {
				continue
			}
			var charset, httpEquiv, content string
			for more := true; more; {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					charset = string(v)
				case "http-equiv":
					httpEquiv = string(v)
				case "content":
					content = string(v)
				}
			}
			if charset = strings.TrimSpace(charset); charset != "" {
				return charset
			}
			if strings.EqualFold(strings.TrimSpace(httpEquiv), "content-type") {
				if _, params, err := mime.ParseMediaType(content); err == nil && params["charset"] != "" {
					return params["charset"]
				}
			}
		}
	}
}

// skipped elements contribute no text (the document head contributes its title alone).
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Head: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true, atom.Math: true,
	atom.Canvas: true, atom.Audio: true, atom.Video: true,
}

// blocks start and end a line of text.
var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Br: true,
	atom.Caption: true, atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Li: true,
	atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Td: true, atom.Th: true, atom.Tr: true, atom.Ul: true,
	atom.Body: true,
}

// htmlText returns the title and the text of an HTML document: the text of its body without
// scripts, styles and other non-text elements, one line per block (paragraph, heading, list
// item, table cell…), white space collapsed as a browser would, except in <pre>.
func htmlText(src string) (title, text string) {
	src = strings.ToValidUTF8(src, "\uFFFD")
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil { // only a failing reader, which a strings.Reader is not
		return "", ""
	}
	var b strings.Builder
	pre := 0
	enter := func(n *html.Node) bool {
		switch n.Type {
		case html.ElementNode:
			if n.Namespace != "" {
				return false // inside <svg> or <math>
			}
			if n.DataAtom == atom.Title && title == "" {
				title = collapse(nodeText(n), false)
			}
			if skipped[n.DataAtom] {
				if n.DataAtom == atom.Head && title == "" {
					title = findTitle(n)
				}
				return false
			}
			if blocks[n.DataAtom] {
				b.WriteByte('\n')
			}
			if n.DataAtom == atom.Pre || n.DataAtom == atom.Textarea || n.DataAtom == atom.Listing {
				pre++
			}
		case html.TextNode:
			if pre > 0 {
				b.WriteString(n.Data)
			} else {
				b.WriteString(collapse(n.Data, true))
			}
		}
		return true
	}
	leave := func(n *html.Node) {
		if n.Type != html.ElementNode || n.Namespace != "" || skipped[n.DataAtom] {
			return
		}
		if blocks[n.DataAtom] {
			b.WriteByte('\n')
		}
		if n.DataAtom == atom.Pre || n.DataAtom == atom.Textarea || n.DataAtom == atom.Listing {
			pre--
		}
	}
	// Walk the tree without recursion: documents may nest deeply.
	for n, done := doc, false; !done; {
		if enter(n) && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		// n is done: leave it, and its ancestors up to the first with a next sibling.
		for {
			leave(n)
			if n == doc {
				done = true
				break
			}
			if n.NextSibling != nil {
				n = n.NextSibling
				break
			}
			n = n.Parent
		}
	}
	var lines []string
	for line := range strings.SplitSeq(b.String(), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}
	return title, strings.Join(lines, "\n")
}

// findTitle returns the collapsed text of the first <title> under n, or "".
func findTitle(root *html.Node) string {
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.Namespace == "" && n.DataAtom == atom.Title {
			return collapse(nodeText(n), false)
		}
	}
	return ""
}

// nodeText returns the text directly inside n.
func nodeText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// collapse replaces each run of HTML white space with one space, or with nothing when it breaks
// a line between two wide (CJK) characters, as wrapped Japanese source text should read.
func collapse(s string, keepEdges bool) string {
	var b strings.Builder
	b.Grow(len(s))
	var prev rune
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isHTMLSpace(r) {
			b.WriteRune(r)
			prev = r
			i += size
			continue
		}
		j, newline := i, false
		for j < len(s) && isHTMLSpace(rune(s[j])) {
			newline = newline || s[j] == '\n' || s[j] == '\r'
			j++
		}
		next, _ := utf8.DecodeRuneInString(s[j:])
		switch {
		case i == 0 || j == len(s):
			if keepEdges {
				b.WriteByte(' ')
			}
		case newline && isWide(prev) && isWide(next):
		default:
			b.WriteByte(' ')
		}
		i = j
	}
	return b.String()
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}

// isWide reports whether r is an East Asian wide character (kana, kanji, full-width forms).
func isWide(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFF60
}

// DecodeHTML reads a request body holding one HTML document and calls fn with it as the article
// a (whose id, and title, url and published if known, the caller gives): its text is the
// document's text, its title the document's <title> unless a has one. charset is the one
// declared for the body, "" if none: then UTF-8, the document's <meta charset> and detection
// decide, as for an HTML file. The body is read whole: callers cap its size.
func DecodeHTML(ctx context.Context, name, charset string, r io.Reader, a extract.Article, fn func(Record) error) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("ingest: %s: %w", name, err)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return fmt.Errorf("ingest: %s: %w", name, ErrNoRecords)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	rec := Record{Source: name, Article: a}
	var title string
	if charset != "" {
		var u []byte
		if u, err = ToUTF8(b, charset); err != nil {
			return fmt.Errorf("ingest: %s: %w", name, err)
		}
		title, rec.Article.Text = htmlText(string(u))
	} else if title, rec.Article.Text, err = htmlDocument(b); err != nil {
		return fmt.Errorf("ingest: %s: %w", name, err)
	}
	if strings.TrimSpace(rec.Article.Title) == "" {
		rec.Article.Title = title
	}
	switch {
	case strings.TrimSpace(a.ID) == "":
		rec.Err = extract.ErrNoID
	default:
		if err := extract.Check(rec.Article.Text); err != nil {
			rec.Err = fmt.Errorf("text: %w", err)
		}
	}
	return fn(rec)
}
