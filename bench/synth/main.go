// Command synth multiplies a kg graph, for measuring kg on a store larger than the corpus.
//
//	synth -copies N [-in FILE.nq] [-out FILE.nq]
//
// It reads kg's graph as N-Quads (kg export --format nquads) and writes N copies of it. Copy 0 is
// the input unchanged; in copy k every article, entity, mention, evidence, quote and statement
// node gets the suffix "-xK" (statements a new hash of the same length), and so do the
// literals that are particular to an article or an entity: ids, names, aliases, titles, content
// hashes, quote and evidence texts, snippets, literal values. The copies therefore share no
// entity: a real corpus N times larger would name many of the same entities again, so the
// copies overstate the number of distinct entities and nodes, a conservative stand-in for it.
// Vocabulary stays shared, as in a real store: predicates, entity types, relation names and
// quote verbs.
//
//	synth -bodies FILE -copies N
//
// rewrites loadgen request bodies (kg GraphQL requests with variables {"id": …}, one a line)
// for the copies: each body once per copy, with the entity id of that copy, the copies
// interleaved so that consecutive requests go to different parts of the store.
package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
}

func run(args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	copies := fs.Int("copies", 1, "how many copies of the graph")
	in := fs.String("in", "-", "N-Quads `file` to read (- for stdin)")
	bodies := fs.String("bodies", "", "rewrite the loadgen request bodies of `file` instead")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *copies < 1 {
		return errors.New("-copies must be at least 1")
	}
	w := bufio.NewWriterSize(stdout, 1<<20)
	if *bodies != "" {
		data, err := os.ReadFile(*bodies)
		if err != nil {
			return err
		}
		if err := rewriteBodies(string(data), *copies, w); err != nil {
			return err
		}
		return w.Flush()
	}
	var data []byte
	var err error
	if *in == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(*in)
	}
	if err != nil {
		return err
	}
	lines := strings.Split(string(data), "\n")
	for k := 0; k < *copies; k++ {
		for n, line := range lines {
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			out, err := rename(line, k)
			if err != nil {
				return fmt.Errorf("line %d: %w", n+1, err)
			}
			w.WriteString(out)
			w.WriteByte('\n')
		}
	}
	return w.Flush()
}

// renamedLiterals are the predicates whose string objects are particular to one article or
// entity.
var renamedLiterals = map[string]bool{
	"<kg:id>": true, "<kg:name>": true, "<kg:alias>": true, "<kg:title>": true, "<kg:hash>": true,
	"<kg:text>": true, "<kg:snippet>": true, "<kg:speakerText>": true, "<kg:value>": true,
	"<kg:url>": true,
}

// rename returns the quad line for copy k.
func rename(line string, k int) (string, error) {
	if k == 0 {
		return line, nil
	}
	s, rest, ok := cutIRI(line)
	if !ok {
		return "", errors.New("want a subject IRI")
	}
	p, rest, ok := cutIRI(rest)
	if !ok {
		return "", errors.New("want a predicate IRI")
	}
	obj := strings.TrimSuffix(strings.TrimSpace(rest), ".")
	obj = strings.TrimRight(obj, " \t")
	if strings.HasPrefix(obj, "<") {
		obj = renameIRI(obj, k)
	} else if renamedLiterals[p] {
		// A plain string literal: "…" with no datatype or language.
		if !strings.HasPrefix(obj, `"`) || !strings.HasSuffix(obj, `"`) || len(obj) < 2 {
			return "", fmt.Errorf("want a plain string as object of %s: %.60q", p, obj)
		}
		if p == "<kg:hash>" {
			obj = `"` + rehash(obj[1:len(obj)-1], k) + `"`
		} else {
			obj = obj[:len(obj)-1] + suffix(k) + `"`
		}
	}
	return renameIRI(s, k) + " " + p + " " + obj + " .", nil
}

// cutIRI splits "<IRI> rest" into "<IRI>" and rest.
func cutIRI(s string) (iri, rest string, ok bool) {
	s = strings.TrimLeft(s, " \t")
	if !strings.HasPrefix(s, "<") {
		return "", s, false
	}
	i := strings.IndexByte(s, '>')
	if i < 0 {
		return "", s, false
	}
	return s[:i+1], s[i+1:], true
}

func suffix(k int) string { return fmt.Sprintf("-x%d", k) }

// rehash returns a hex string as long as h, different for every copy.
func rehash(h string, k int) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s/%d", h, k)))
	x := hex.EncodeToString(sum[:])
	for len(x) < len(h) {
		x += x
	}
	return x[:len(h)]
}

// renameIRI renames an IRI term "<…>" of kg's data model for copy k; others (predicates,
// classes) stay.
func renameIRI(t string, k int) string {
	iri := t[1 : len(t)-1]
	kind, path, ok := strings.Cut(iri, "/")
	if !ok {
		return t
	}
	parts := strings.Split(path, "/")
	switch kind {
	case "kg:entity", "kg:article":
		parts[0] += suffix(k)
	case "kg:mention": // ARTICLE/ENTITY
		for i := range parts {
			parts[i] += suffix(k)
		}
	case "kg:evidence", "kg:quote": // ARTICLE/N
		parts[0] += suffix(k)
	case "kg:stmt":
		parts[0] = rehash(parts[0], k)
	default:
		return t
	}
	return "<" + kind + "/" + strings.Join(parts, "/") + ">"
}

// rewriteBodies writes each body of data once per copy, copies interleaved.
func rewriteBodies(data string, copies int, w io.Writer) error {
	var bodies []map[string]any
	for _, line := range strings.Split(data, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		var b map[string]any
		if err := json.Unmarshal([]byte(line), &b); err != nil {
			return fmt.Errorf("bodies: %w", err)
		}
		bodies = append(bodies, b)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range bodies {
		for k := 0; k < copies; k++ {
			// Walk the bodies with a stride so that neighbours differ in body and copy.
			b := bodies[(i+k*7)%len(bodies)]
			vars, _ := b["variables"].(map[string]any)
			id, ok := vars["id"].(string)
			if !ok {
				return errors.New("bodies: a body without variables.id")
			}
			if k > 0 {
				id += suffix(k)
			}
			c := map[string]any{}
			for key, v := range b {
				c[key] = v
			}
			c["variables"] = map[string]any{"id": id}
			if err := enc.Encode(c); err != nil {
				return err
			}
		}
	}
	return nil
}
