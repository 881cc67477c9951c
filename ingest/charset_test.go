package ingest

import (
	"bytes"
	"errors"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// Sentences written for these tests. 表 and ソ end in 0x5C (a backslash) in Shift_JIS.
var sentences = []string{
	"今日は晴れています。明日は雨が降るでしょう。",
	"表示された予定表をソフトで確認する。",
	"株式会社山田製作所",
	"コンピュータ",
	"駅前の図書館は午前九時に開く。",
}

// encode returns s in enc, failing the test if it cannot be encoded.
func encode(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

func TestToUTF8(t *testing.T) {
	type tc struct {
		name    string
		in      []byte
		charset string
		want    string
		wantErr error
	}
	tests := []tc{
		{"ascii", []byte("plain text"), "", "plain text", nil},
		{"utf-8 BOM", []byte("\xEF\xBB\xBF" + sentences[0]), "", sentences[0], nil},
		{"utf-16le BOM", append([]byte{0xFF, 0xFE}, encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), sentences[0])...), "", sentences[0], nil},
		{"utf-16be BOM", append([]byte{0xFE, 0xFF}, encode(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), sentences[1])...), "", sentences[1], nil},
		{"declared shift_jis", encode(t, japanese.ShiftJIS, sentences[0]), "Shift_JIS", sentences[0], nil},
		{"declared sjis label", encode(t, japanese.ShiftJIS, sentences[1]), "x-sjis", sentences[1], nil},
		{"declared euc-jp", encode(t, japanese.EUCJP, sentences[0]), "EUC-JP", sentences[0], nil},
		{"declared iso-2022-jp", encode(t, japanese.ISO2022JP, sentences[0]), "iso-2022-jp", sentences[0], nil},
		{"declared utf-8", []byte(sentences[0]), "utf-8", sentences[0], nil},
		{"declared utf-8, not", encode(t, japanese.ShiftJIS, sentences[0]), "utf-8", "", ErrCharset},
		{"declared euc-jp, Shift_JIS given", encode(t, japanese.ShiftJIS, sentences[0]), "euc-jp", "", ErrCharset},
		{"unknown charset", []byte("x"), "klingon", "", ErrUnknownCharset},
		{"latin-1", []byte("caf\xe9 cr\xe8me br\xfbl\xe9e"), "", "", ErrCharset},
		{"binary", []byte{0x80, 0xA0, 0xFD, 0xFF, 0x00, 0x81}, "", "", ErrCharset},
		{"utf-8 BOM then junk", []byte("\xEF\xBB\xBF\xff\xfe"), "", "", ErrCharset},
	}
	for i, s := range sentences {
		tests = append(tests,
			tc{"shift_jis " + string(rune('0'+i)), encode(t, japanese.ShiftJIS, s), "", s, nil},
			tc{"euc-jp " + string(rune('0'+i)), encode(t, japanese.EUCJP, s), "", s, nil},
			tc{"iso-2022-jp " + string(rune('0'+i)), encode(t, japanese.ISO2022JP, s), "", s, nil},
			tc{"utf-8 " + string(rune('0'+i)), []byte(s), "", s, nil},
		)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ToUTF8(tc.in, tc.charset)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("ToUTF8 = %q, %v; want error %v", got, err, tc.wantErr)
				}
				return
			}
			if err != nil || string(got) != tc.want {
				t.Fatalf("ToUTF8 = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

// The lines of a file keep the encoding detected first, even where a line alone is ambiguous.
func TestLineDecoder(t *testing.T) {
	var ld lineDecoder
	for _, s := range sentences {
		got, err := ld.decode(encode(t, japanese.EUCJP, s))
		if err != nil || string(got) != s {
			t.Errorf("line %q: got %q, %v", s, got, err)
		}
	}
	if ld.enc != japanese.EUCJP {
		t.Errorf("encoding remembered: %v, want EUC-JP", ld.enc)
	}
	if _, err := ld.decode([]byte{0x80, 0xFF, 0xFD}); !errors.Is(err, ErrCharset) {
		t.Errorf("junk line: %v, want ErrCharset", err)
	}
}

func FuzzCharset(f *testing.F) {
	for _, s := range sentences[:2] {
		f.Add(encode(f, japanese.ShiftJIS, s), "")
		f.Add(encode(f, japanese.EUCJP, s), "euc-jp")
	}
	f.Add([]byte("\xFF\xFEa\x00"), "")
	f.Fuzz(func(t *testing.T, b []byte, charset string) {
		out, err := ToUTF8(b, charset)
		if err != nil {
			if !errors.Is(err, ErrCharset) && !errors.Is(err, ErrUnknownCharset) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		if !utf8.Valid(out) {
			t.Fatalf("ToUTF8(%q, %q) = %q: not UTF-8", b, charset, out)
		}
		if charset == "" && utf8.Valid(b) && !hasISO2022Escape(b) && !bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) &&
			!bytes.HasPrefix(b, []byte{0xFE, 0xFF}) && !bytes.HasPrefix(b, []byte{0xFF, 0xFE}) && !bytes.Equal(out, b) {
			t.Fatalf("ToUTF8 changed UTF-8 text %q into %q", b, out)
		}
	})
}
