package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Errors about the encoding of input.
var (
	// ErrCharset is reported for bytes that are text in none of the encodings read.
	ErrCharset = errors.New("not UTF-8, Shift_JIS or EUC-JP text")
	// ErrUnknownCharset is reported for a declared charset that is not supported.
	ErrUnknownCharset = errors.New("unsupported charset")
)

// ToUTF8 returns b as UTF-8 text. A byte order mark is honoured (UTF-8, UTF-16) and removed.
// With a declared charset ("shift_jis", "euc-jp", "iso-2022-jp", "utf-8", or any WHATWG
// label), b must be valid in it. Without one, b is taken as UTF-8 when valid, as ISO-2022-JP
// when it holds that encoding's escapes, else as whichever of Shift_JIS and EUC-JP decodes it
// without errors into the more plausible Japanese; bytes that fit none are ErrCharset.
func ToUTF8(b []byte, charset string) ([]byte, error) {
	if out, ok, err := fromBOM(b); ok {
		return out, err
	}
	if charset = strings.TrimSpace(charset); charset != "" {
		enc, name, err := lookupCharset(charset)
		if err != nil {
			return nil, err
		}
		if enc == nil { // UTF-8
			if !utf8.Valid(b) {
				return nil, fmt.Errorf("not valid UTF-8 text: %w", ErrCharset)
			}
			return b, nil
		}
		out, ok := decodeStrict(b, enc)
		if !ok {
			return nil, fmt.Errorf("not valid %s text: %w", name, ErrCharset)
		}
		return out, nil
	}
	if utf8.Valid(b) {
		if hasISO2022Escape(b) {
			if out, ok := decodeStrict(b, japanese.ISO2022JP); ok {
				return out, nil
			}
		}
		return b, nil
	}
	if _, out, ok := detect(b); ok {
		return out, nil
	}
	return nil, ErrCharset
}

// lookupCharset returns the encoding a charset label names; nil stands for UTF-8.
func lookupCharset(label string) (encoding.Encoding, string, error) {
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, "", fmt.Errorf("%w %q", ErrUnknownCharset, label)
	}
	name, _ := htmlindex.Name(enc)
	if enc == unicode.UTF8 || name == "utf-8" {
		return nil, "UTF-8", nil
	}
	return enc, name, nil
}

// fromBOM decodes b according to its byte order mark, if it has one.
func fromBOM(b []byte) (out []byte, ok bool, err error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
		if !utf8.Valid(b) {
			return nil, true, fmt.Errorf("not valid UTF-8 text after a UTF-8 byte order mark: %w", ErrCharset)
		}
		return b, true, nil
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}), bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		out, _, err := transform.Bytes(unicode.BOMOverride(transform.Nop), b)
		if err != nil {
			return nil, true, fmt.Errorf("not valid UTF-16 text: %w", ErrCharset)
		}
		return out, true, nil
	}
	return nil, false, nil
}

// bomReader returns r as UTF-8: a UTF-8 byte order mark at its start is dropped, UTF-16 with a
// byte order mark is converted, anything else passes unchanged.
func bomReader(r io.Reader) io.Reader {
	return transform.NewReader(r, unicode.BOMOverride(transform.Nop))
}

// hasISO2022Escape reports whether b switches to a JIS X 0208 character set as ISO-2022-JP does.
func hasISO2022Escape(b []byte) bool {
	return bytes.Contains(b, []byte("\x1b$B")) || bytes.Contains(b, []byte("\x1b$@"))
}

// decodeStrict decodes b with enc, failing where a byte sequence is invalid in it (the decoders
// of x/text put U+FFFD there, which none of the encodings tried can encode).
func decodeStrict(b []byte, enc encoding.Encoding) ([]byte, bool) {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) || !utf8.Valid(out) {
		return nil, false
	}
	return out, true
}

// candidates are the legacy encodings detected, in order of preference on a tie.
var candidates = [...]encoding.Encoding{japanese.ShiftJIS, japanese.EUCJP}

// detect decodes b (not UTF-8) as Shift_JIS or EUC-JP, whichever decodes without error into text
// that looks more like Japanese.
func detect(b []byte) (encoding.Encoding, []byte, bool) {
	var (
		best      encoding.Encoding
		bestOut   []byte
		bestScore int
	)
	for _, enc := range candidates {
		out, ok := decodeStrict(b, enc)
		if !ok {
			continue
		}
		if s := plausibility(out); best == nil || s > bestScore {
			best, bestOut, bestScore = enc, out, s
		}
	}
	return best, bestOut, best != nil
}

// plausibility scores decoded text: kana, kanji and Japanese punctuation count for it; half-width
// katakana (what EUC-JP looks like when read as Shift_JIS) and rare symbols count against it.
func plausibility(text []byte) int {
	score := 0
	for _, r := range string(text) {
		switch {
		case r < 0x80:
		case r >= 0x3040 && r <= 0x30FF: // hiragana, katakana
			score += 2
		case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3000 && r <= 0x303F, r >= 0xFF01 && r <= 0xFF5E:
			score++
		case r >= 0xFF61 && r <= 0xFF9F: // half-width katakana
			score--
		default:
			score -= 2
		}
	}
	return score
}

// lineDecoder converts the lines of one stream to UTF-8, remembering the encoding detected in a
// line for the next ones: the lines of one file share an encoding.
type lineDecoder struct{ enc encoding.Encoding }

func (d *lineDecoder) decode(line []byte) ([]byte, error) {
	if utf8.Valid(line) {
		if hasISO2022Escape(line) {
			if out, ok := decodeStrict(line, japanese.ISO2022JP); ok {
				return out, nil
			}
		}
		return line, nil
	}
	if d.enc != nil {
		if out, ok := decodeStrict(line, d.enc); ok {
			return out, nil
		}
	}
	enc, out, ok := detect(line)
	if !ok {
		return nil, ErrCharset
	}
	d.enc = enc
	return out, nil
}
