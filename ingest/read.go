// Package ingest reads articles from files, folders and streams of JSON lines, and loads them
// into the graph through a pipeline that extracts in parallel and writes one article per
// transaction. Input in Shift_JIS, EUC-JP, ISO-2022-JP or UTF-16 is converted to UTF-8 (ToUTF8),
// and HTML documents are reduced to their text.
package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kg-news/kg/extract"
)

// MaxLine is the longest JSON line accepted, in bytes. Longer lines are reported and skipped.
// It also bounds .json, text and HTML files (whose text must still fit extract.MaxTextLen).
const MaxLine = 8 << 20

// MaxRecords is the most records Decode accepts in one body: a request body is loaded while
// the client waits, so larger batches belong in several requests (or kg load, which streams
// files and has no such limit).
const MaxRecords = 1000

// Errors about a whole input rather than one record.
var (
	// ErrTooMany is returned by Decode for a body of more than MaxRecords records.
	ErrTooMany = fmt.Errorf("more than %d articles in one request", MaxRecords)
	// ErrNoRecords is returned by Decode, and reported for a file, that holds no article at all.
	ErrNoRecords = errors.New("no articles: the input is empty")
)

// Record is one article read from a source, or the reason a record could not be read.
type Record struct {
	Article extract.Article
	// Source says where the record came from: "file:line", or the file name for a text file.
	Source string
	// Err is set for a bad record; Article is then incomplete and must not be loaded.
	Err error
}

// Source is an input to read: a path, or "-" for standard input.
type Source struct {
	Path  string
	Stdin io.Reader // read when Path is "-"
}

// Files expands paths into the files to read, in a stable order: a folder contributes the
// article files under it (.txt, .md, .html, .htm, .json, .jsonl, .jsonl.gz), sorted by name. "-" stands for
// standard input.
func Files(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		if p == "-" {
			out = append(out, p)
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, de fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if de.IsDir() {
				if path != p && strings.HasPrefix(de.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if articleFile(de.Name()) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		slices.Sort(found)
		out = append(out, found...)
	}
	return out, nil
}

func articleFile(name string) bool {
	if strings.HasPrefix(name, ".") || strings.EqualFold(name, "README.md") {
		return false
	}
	for _, ext := range []string{".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".jsonl.gz", ".ndjson"} {
		if strings.HasSuffix(strings.ToLower(name), ext) {
			return true
		}
	}
	return false
}

// Read reads every record of a file ("-" reads stdin as JSON lines) and calls fn for each, in
// order. A bad record is passed to fn with Err set; Read itself fails only when the file cannot
// be read at all, or when fn fails. counted, when not nil, is told how many bytes of the file
// have been consumed (compressed bytes for .gz), for progress reports.
//
// Files may be UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark,
// Shift_JIS, EUC-JP or ISO-2022-JP (see ToUTF8). .html and .htm files, and text files that are
// HTML documents, are reduced to their text, their <title> becoming the article's title.
func Read(ctx context.Context, path string, stdin io.Reader, counted func(int64), fn func(Record) error) error {
	var r io.Reader
	if path == "-" {
		if stdin == nil {
			return errors.New("ingest: no standard input")
		}
		r = stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
		defer f.Close()
		r = f
	}
	if counted != nil {
		r = &countingReader{r: r, fn: counted}
	}
	name := path
	if path == "-" {
		name = "stdin"
	}
	lower := strings.ToLower(path)
	gz := strings.HasSuffix(lower, ".gz")
	if gz {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return fmt.Errorf("ingest: %s: %w", name, err)
		}
		defer zr.Close()
		r = zr
		lower = strings.TrimSuffix(lower, ".gz")
	}
	switch {
	case path == "-" || strings.HasSuffix(lower, ".jsonl") || strings.HasSuffix(lower, ".ndjson") || gz:
		n, err := readLines(ctx, name, bomReader(r), &lineDecoder{}, fn)
		if err == nil && n == 0 {
			err = fn(Record{Source: name, Err: ErrNoRecords})
		}
		return err
	case strings.HasSuffix(lower, ".json"):
		return readJSON(name, r, true, fn)
	}
	return readText(path, r, strings.HasSuffix(lower, ".html") || strings.HasSuffix(lower, ".htm"), fn)
}

type countingReader struct {
	r  io.Reader
	fn func(int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.fn(int64(n))
	}
	return n, err
}

// readText reads a text file (or an HTML file, when html is set or the text is an HTML
// document) as one article whose id is the file name without extension.
func readText(path string, r io.Reader, html bool, fn func(Record) error) error {
	b, err := io.ReadAll(io.LimitReader(r, MaxLine+1))
	if err != nil {
		return fmt.Errorf("ingest: %s: %w", path, err)
	}
	base := filepath.Base(path)
	id := strings.TrimSuffix(base, filepath.Ext(base))
	rec := Record{Source: path, Article: extract.Article{ID: id}}
	if len(b) > MaxLine {
		rec.Err = fmt.Errorf("file larger than %d bytes", MaxLine)
		return fn(rec)
	}
	if html || isHTML(b) {
		rec.Article.Title, rec.Article.Text, rec.Err = htmlDocument(b)
	} else {
		var u []byte
		u, rec.Err = ToUTF8(b, "")
		rec.Article.Text = string(u)
	}
	if rec.Err == nil {
		rec.Err = extract.Check(rec.Article.Text)
	}
	return fn(rec)
}

// readJSON reads a .json file holding one article object or an array of them. With detect set,
// a file that is not UTF-8 is converted first (see ToUTF8).
func readJSON(name string, r io.Reader, detect bool, fn func(Record) error) error {
	b, err := io.ReadAll(io.LimitReader(r, MaxLine+1))
	if err != nil {
		return fmt.Errorf("ingest: %s: %w", name, err)
	}
	if len(b) > MaxLine {
		return fn(Record{Source: name, Err: fmt.Errorf("file larger than %d bytes", MaxLine)})
	}
	if detect {
		if b, err = ToUTF8(b, ""); err != nil {
			return fn(Record{Source: name, Err: err})
		}
	}
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return fn(Record{Source: name, Err: ErrNoRecords})
	}
	if len(b) > 0 && b[0] == '[' {
		var raws []json.RawMessage
		if err := json.Unmarshal(b, &raws); err != nil {
			return fn(Record{Source: name, Err: jsonError(err)})
		}
		for i, raw := range raws {
			if err := fn(decode(fmt.Sprintf("%s[%d]", name, i), raw)); err != nil {
				return err
			}
		}
		return nil
	}
	return fn(decode(name, b))
}

// Decode reads a request body holding one JSON article (pretty-printed or not), a JSON array of
// them, or JSON lines, and calls fn for each record; sources are "name:N" for line N and
// "name[N]" for element N of an array. The body is read whole: callers cap its size.
//
// JSON is UTF-8 (a byte order mark is allowed, and UTF-16 with one is converted); a line that is
// not is a bad record: a body in another encoding needs DecodeCharset. Records are counted
// before fn sees any: a body of more than MaxRecords fails with ErrTooMany, one with none with
// ErrNoRecords, and fn is then never called. A text that is an HTML document is reduced to its
// text (its <title> becoming the title when none is given).
func Decode(ctx context.Context, name string, r io.Reader, fn func(Record) error) error {
	return DecodeCharset(ctx, name, "", r, fn)
}

// DecodeCharset is Decode for a body whose charset is declared, as by the charset parameter of
// an HTTP Content-Type ("shift_jis", "euc-jp", "iso-2022-jp", any WHATWG label; "" is UTF-8).
// The body is converted whole before it is parsed: a body not valid in its charset fails with
// ErrCharset, an unknown charset with ErrUnknownCharset.
func DecodeCharset(ctx context.Context, name, charset string, r io.Reader, fn func(Record) error) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("ingest: %s: %w", name, err)
	}
	if out, ok, err := fromBOM(b); ok {
		if err != nil {
			return fmt.Errorf("ingest: %s: %w", name, err)
		}
		b = out
	} else if charset != "" {
		if b, err = ToUTF8(b, charset); err != nil {
			return fmt.Errorf("ingest: %s: %w", name, err)
		}
	}
	var recs []Record
	collect := func(rec Record) error {
		if len(recs) == MaxRecords {
			return ErrTooMany
		}
		recs = append(recs, rec)
		return nil
	}
	t := bytes.TrimSpace(b)
	switch {
	case len(t) == 0:
		return fmt.Errorf("ingest: %s: %w", name, ErrNoRecords)
	case t[0] == '[':
		var raws []json.RawMessage
		if err := json.Unmarshal(t, &raws); err != nil {
			err = collect(Record{Source: name, Err: jsonError(err)})
			break
		}
		if len(raws) > MaxRecords {
			return fmt.Errorf("ingest: %s: %w", name, ErrTooMany)
		}
		for i, raw := range raws {
			recs = append(recs, decode(fmt.Sprintf("%s[%d]", name, i), raw))
		}
	case t[0] == '{' && json.Valid(t):
		err = collect(decode(name, t)) // one object, maybe over several lines
	default:
		_, err = readLines(ctx, name, bytes.NewReader(b), nil, collect)
	}
	if err != nil {
		return fmt.Errorf("ingest: %s: %w", name, err)
	}
	if len(recs) == 0 {
		return fmt.Errorf("ingest: %s: %w", name, ErrNoRecords)
	}
	for _, rec := range recs {
		if err := fn(rec); err != nil {
			return err
		}
	}
	return nil
}

// readLines reads JSON lines, one article each, and returns how many records it found. Blank
// lines are skipped. ld, when not nil, converts lines that are not UTF-8.
func readLines(ctx context.Context, name string, r io.Reader, ld *lineDecoder, fn func(Record) error) (int, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	count := 0
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return count, err
		}
		line, tooLong, err := readLine(br)
		if tooLong || len(bytes.TrimSpace(line)) > 0 {
			count++
			src := fmt.Sprintf("%s:%d", name, n)
			rec := Record{Source: src, Err: fmt.Errorf("line longer than %d bytes", MaxLine)}
			if !tooLong {
				var cerr error
				if ld != nil {
					line, cerr = ld.decode(line)
				}
				if cerr != nil {
					rec.Err = cerr
				} else {
					rec = decode(src, line)
				}
			}
			if ferr := fn(rec); ferr != nil {
				return count, ferr
			}
		}
		if err == io.EOF {
			return count, nil
		}
		if err != nil {
			return count, fmt.Errorf("ingest: %s:%d: %w", name, n, err)
		}
	}
}

// readLine returns the next line without its end, or reports that it was longer than MaxLine
// (its bytes are then consumed and dropped).
func readLine(br *bufio.Reader) ([]byte, bool, error) {
	var line []byte
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(chunk) > MaxLine {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		line = bytes.TrimRight(line, "\r\n")
		return line, tooLong, err
	}
}

// wire is an article as JSON: every field optional in form, checked by decode.
type wire struct {
	ID        json.RawMessage `json:"id"`
	Title     *string         `json:"title"`
	URL       *string         `json:"url"`
	Published json.RawMessage `json:"published"`
	Text      *string         `json:"text"`
}

// decode parses one JSON article and checks it.
func decode(src string, b []byte) Record {
	rec := Record{Source: src}
	if !utf8.Valid(b) {
		rec.Err = errors.New("not valid UTF-8 (declare the charset of other text: application/json; charset=shift_jis)")
		return rec
	}
	var w wire
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&w); err != nil {
		rec.Err = jsonError(err)
		return rec
	}
	if dec.More() {
		rec.Err = errors.New("more than one JSON value on the line")
		return rec
	}
	id, err := scalar(w.ID)
	switch {
	case err != nil:
		rec.Err = fmt.Errorf("id: %w", err)
		return rec
	case id == "":
		rec.Err = extract.ErrNoID
		return rec
	case w.Text == nil:
		rec.Err = errors.New(`missing "text"`)
		return rec
	}
	pub, err := scalar(w.Published)
	if err != nil {
		rec.Err = fmt.Errorf("published: %w", err)
		return rec
	}
	rec.Article = extract.Article{ID: id, Text: *w.Text, Published: pub}
	if w.Title != nil {
		rec.Article.Title = *w.Title
	}
	if isHTML([]byte(rec.Article.Text)) {
		title, text := htmlText(rec.Article.Text)
		rec.Article.Text = text
		if strings.TrimSpace(rec.Article.Title) == "" {
			rec.Article.Title = title
		}
	}
	if w.URL != nil {
		rec.Article.URL = *w.URL
	}
	if err := extract.Check(rec.Article.Text); err != nil {
		rec.Err = fmt.Errorf("text: %w", err)
	}
	return rec
}

// scalar reads a JSON string or number as text; null and absence are empty.
func scalar(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", err
		}
		return strings.TrimSpace(s), nil
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		var n json.Number
		if err := json.Unmarshal(raw, &n); err != nil {
			return "", err
		}
		return n.String(), nil
	}
	return "", errors.New("want a string or a number")
}

// jsonError rewords encoding/json errors for people: what was wrong, not Go type names.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field == "" {
		return fmt.Errorf("want a JSON object {\"id\", \"text\", …}, got a JSON %s", te.Value)
	}
	if errors.As(err, &te) {
		return fmt.Errorf("field %q: want %s, got a JSON %s", te.Field, jsonKind(te.Type.Kind().String()), te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("invalid JSON at byte %d: %v", se.Offset, err)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("invalid JSON: unexpected end")
	}
	return fmt.Errorf("invalid JSON: %v", err)
}

func jsonKind(k string) string {
	switch k {
	case "string", "ptr":
		return "a string"
	case "struct", "map":
		return "an object"
	}
	return k
}
