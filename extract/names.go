package extract

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/unicode/norm"
)

// The name dictionary (data/names.tsv.gz) lists proper names, each with the kinds of name it is
// listed as: a surname, a given name, a place, a company… Its hits are features of both name
// models: a katakana word the tokenizer does not know is more likely a person's name when the
// dictionary lists it as one. It is made from ENAMDICT (ConvertENAMDICT).

// Name-dictionary kinds, one bit each.
const (
	ndSurname uint16 = 1 << iota
	ndGiven
	ndFull
	ndUnclassified
	ndPlace
	ndStation
	ndOrganization
	ndCompany
	ndProduct
	ndWork
	ndKinds = iota
)

// ndLetters are the letters of the kinds in data/names.tsv.gz, in bit order.
const ndLetters = "SGHUPTOCRW"

// enamdictKinds maps ENAMDICT's name-type codes to the letters of ndLetters.
var enamdictKinds = map[string]byte{"s": 'S', "g": 'G', "f": 'G', "m": 'G', "h": 'H', "u": 'U',
	"p": 'P', "st": 'T', "o": 'O', "c": 'C', "pr": 'R', "wk": 'W'}

// nameTable is an open-addressing hash table from the hash of a name (nameHash) to its kinds:
// a slot holds the hash's top 48 bits and the 16 bits of kinds, 0 when empty. Eight bytes a
// name keep the 600,000 names of ENAMDICT in a few megabytes.
type nameTable struct {
	slots []uint64
	shift uint
	// seen has one bit per hash value's top bits, set for every name: most words looked up are
	// no name, and the bit, in a megabyte, says so without reading the table's eight.
	seen []uint64
}

// seenBits is log2 of the number of bits of nameTable.seen.
const seenBits = 23

func seenBit(h uint64) uint64 { return (h * 0xD6E8FEB86659FD93) >> (64 - seenBits) }

const nameOffset uint64 = 14695981039346656037

// nameHash continues the 64-bit FNV-1a hash h over s: the hash of a run of tokens is the hash of
// their surfaces one after the other.
func nameHash[S string | []byte](h uint64, s S) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

func newNameTable(n int) nameTable {
	bits := uint(4)
	for 1<<bits < n*3/2 { // load factor ≤ 2/3
		bits++
	}
	return nameTable{slots: make([]uint64, 1<<bits), shift: 64 - bits, seen: make([]uint64, 1<<seenBits/64)}
}

func nameSlotKey(h uint64) uint64 {
	if k := h &^ 0xffff; k != 0 {
		return k
	}
	return 1 << 16
}

func (t *nameTable) put(h uint64, kinds uint16) {
	b := seenBit(h)
	t.seen[b/64] |= 1 << (b % 64)
	k := nameSlotKey(h)
	mask := uint64(len(t.slots) - 1)
	for i := (h * 0x9E3779B97F4A7C15) >> t.shift; ; i = (i + 1) & mask {
		switch s := t.slots[i]; {
		case s == 0:
			t.slots[i] = k | uint64(kinds)
			return
		case s&^0xffff == k:
			t.slots[i] = s | uint64(kinds)
			return
		}
	}
}

// get returns the kinds of the name whose hash is h, 0 when it is not listed.
func (t *nameTable) get(h uint64) uint16 {
	if len(t.slots) == 0 {
		return 0
	}
	if b := seenBit(h); t.seen[b/64]&(1<<(b%64)) == 0 {
		return 0
	}
	k := nameSlotKey(h)
	mask := uint64(len(t.slots) - 1)
	for i := (h * 0x9E3779B97F4A7C15) >> t.shift; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return 0
		}
		if s&^0xffff == k {
			return uint16(s)
		}
	}
}

// lookup returns the kinds of name.
func (t *nameTable) lookup(name string) uint16 { return t.get(nameHash(nameOffset, name)) }

// readNameDict reads data/names.tsv.gz: lines "name\tletters" (letters of ndLetters), # comments.
func readNameDict(r io.Reader) (nameTable, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nameTable{}, fmt.Errorf("names: %w", err)
	}
	// Read the whole text at once and size the table by its lines: growing either took more
	// time than reading.
	var buf bytes.Buffer
	if n, ok := r.(interface{ Len() int }); ok {
		buf.Grow(4 * n.Len())
	}
	if _, err := buf.ReadFrom(zr); err != nil {
		return nameTable{}, fmt.Errorf("names: %w", err)
	}
	text := buf.Bytes()
	t := newNameTable(bytes.Count(text, []byte{'\n'}))
	for ln := 1; len(text) > 0; ln++ {
		line := text
		if k := bytes.IndexByte(text, '\n'); k >= 0 {
			line, text = text[:k], text[k+1:]
		} else {
			text = nil
		}
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		tab := bytes.IndexByte(line, '\t')
		if tab <= 0 || tab == len(line)-1 {
			return nameTable{}, fmt.Errorf("names: line %d: want a name, a tab and kinds", ln)
		}
		var kinds uint16
		for _, c := range line[tab+1:] {
			b := strings.IndexByte(ndLetters, c)
			if b < 0 {
				return nameTable{}, fmt.Errorf("names: line %d: unknown kind %q", ln, c)
			}
			kinds |= 1 << b
		}
		t.put(nameHash(nameOffset, line[:tab]), kinds)
	}
	return t, nil
}

// enamdictLine is an ENAMDICT entry: the name, an optional reading, then the glosses, the first
// of which begins with the name types in parentheses.
var enamdictLine = regexp.MustCompile(`^(\S+)(?: \[\S+\])? /\(([^)]*)\)`)

// ConvertENAMDICT reads ENAMDICT (the EDRDG's Japanese proper-name dictionary, EUC-JP, as
// Debian's package enamdict installs it at /usr/share/edict/enamdict) and writes the name
// dictionary kg embeds (data/names.tsv.gz): every name in NFKC with the letters of its kinds,
// sorted, gzip-compressed. The output depends only on the input.
func ConvertENAMDICT(r io.Reader, w io.Writer) error {
	kinds := map[string]uint16{}
	sc := bufio.NewScanner(japanese.EUCJP.NewDecoder().Reader(r))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	header := ""
	for ln := 1; sc.Scan(); ln++ {
		line := sc.Text()
		if ln == 1 && strings.Contains(line, "ENAMDICT") {
			header = line
			continue
		}
		m := enamdictLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		var k uint16
		for _, code := range strings.Split(m[2], ",") {
			if l, ok := enamdictKinds[code]; ok {
				k |= 1 << strings.IndexByte(ndLetters, l)
			}
		}
		if k == 0 {
			continue
		}
		name := norm.NFKC.String(m[1])
		if strings.ContainsAny(name, "\t\n") {
			continue
		}
		kinds[name] |= k
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("enamdict: %w", err)
	}
	if len(kinds) == 0 {
		return fmt.Errorf("enamdict: no entries: is this ENAMDICT in EUC-JP?")
	}
	names := make([]string, 0, len(kinds))
	for n := range kinds {
		names = append(names, n)
	}
	slices.Sort(names)
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	fmt.Fprintf(bw, "# kg name dictionary: name, tab, kinds (S surname, G given name, H full name, U person\n")
	fmt.Fprintf(bw, "# unclassified, P place, T station, O organization, C company, R product, W work).\n")
	fmt.Fprintf(bw, "# Made from ENAMDICT (EDRDG, CC BY-SA 3.0) by kg name-dict; see extract/data/README.md.\n")
	if header != "" {
		fmt.Fprintf(bw, "# Source header: %s\n", header)
	}
	for _, n := range names {
		bw.WriteString(n)
		bw.WriteByte('\t')
		for b := range ndKinds {
			if kinds[n]&(1<<b) != 0 {
				bw.WriteByte(ndLetters[b])
			}
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// nameHit is what the name dictionary says of one token: the kinds of the longest listed run of
// tokens that covers it (runs found left to right, without overlaps), whether the token begins
// that run, and the kinds of the token alone.
type nameHit struct {
	run   uint16
	begin bool
	own   uint16
}

// nameHits returns the name dictionary's hits of the tokens of s, computed once per sentence.
// Runs are of nameable tokens (a name holds no particle), at most six.
func (x *Extractor) nameHits(s *sentence) []nameHit {
	if s.nameH != nil || len(x.names.slots) == 0 {
		return s.nameH
	}
	hits := make([]nameHit, len(s.toks))
	for i := 0; i < len(s.toks); i++ {
		t := &s.toks[i]
		if !nameable(t) {
			continue
		}
		h := nameHash(nameOffset, t.surf)
		own := x.names.get(h)
		hits[i].own = own
		best, kinds := -1, uint16(0)
		if own != 0 {
			best, kinds = i+1, own
		}
		for j := i + 1; j < len(s.toks) && j < i+6 && nameable(&s.toks[j]); j++ {
			h = nameHash(h, s.toks[j].surf)
			if k := x.names.get(h); k != 0 {
				best, kinds = j+1, k
			}
		}
		if best < 0 {
			continue
		}
		hits[i].run, hits[i].begin = kinds, true
		for k := i + 1; k < best; k++ {
			hits[k].run = kinds
			hits[k].own = x.names.lookup(s.toks[k].surf)
		}
		i = best - 1
	}
	s.nameH = hits
	return hits
}

// spanKinds returns the kinds of tokens [i, j) of s as one name.
func (x *Extractor) spanKinds(s *sentence, i, j int) uint16 {
	h := nameOffset
	for k := i; k < j; k++ {
		h = nameHash(h, s.toks[k].surf)
	}
	return x.names.get(h)
}
