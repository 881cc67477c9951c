// Command loadgen is the load generator and query maker of bench/run.
//
//	loadgen run -url URL -bodies FILE [-c 1] [-d 10s] [-warmup 2s] [-content-type T] [-fail-on S]...
//
// POSTs the request bodies of FILE (one a line, taken in turn) from c concurrent clients for d
// and prints {count, errors, rps, p50_ms, p99_ms, …} as JSON. A request fails when its status is
// not 200 or its body contains a -fail-on string.
//
//	loadgen queries -nquads FILE -dir DIR [-n 200] [-first 20] [-neighbors 50]
//
// Picks the n most-mentioned entities that have relations, from an N-Quads dump of kg's graph
// (ties by IRI), and writes
// the same 1-hop and 2-hop questions about each as kg GraphQL requests (DIR/kg-1hop.txt,
// DIR/kg-2hop.txt) and as Cayley Gizmo queries (DIR/cayley-1hop.txt, DIR/cayley-2hop.txt).
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: loadgen run|queries [flags]")
	}
	switch args[0] {
	case "run":
		return runLoad(ctx, args[1:], stdout)
	case "queries":
		return runQueries(args[1:])
	}
	return fmt.Errorf("unknown command %q (want run or queries)", args[0])
}

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// Result is what one load run measured.
type Result struct {
	URL         string  `json:"url"`
	Bodies      int     `json:"bodies"`
	Concurrency int     `json:"concurrency"`
	Seconds     float64 `json:"seconds"`
	Count       int     `json:"count"`
	Errors      int     `json:"errors"`
	FirstError  string  `json:"first_error,omitempty"`
	RPS         float64 `json:"rps"`
	MeanMS      float64 `json:"mean_ms"`
	P50MS       float64 `json:"p50_ms"`
	P99MS       float64 `json:"p99_ms"`
	MaxMS       float64 `json:"max_ms"`
}

func runLoad(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	url := fs.String("url", "", "`URL` to POST to")
	bodiesFile := fs.String("bodies", "", "`file` of request bodies, one a line")
	conc := fs.Int("c", 1, "concurrent clients")
	dur := fs.Duration("d", 10*time.Second, "how long to measure")
	warm := fs.Duration("warmup", 2*time.Second, "how long to send unmeasured requests first")
	ctype := fs.String("content-type", "application/json", "Content-Type of the requests")
	var failOn listFlag
	fs.Var(&failOn, "fail-on", "a response body containing this `string` counts as an error (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *url == "" || *bodiesFile == "" || *conc < 1 || *dur <= 0 {
		return errors.New("run: need -url, -bodies, -c ≥ 1 and -d > 0")
	}
	f, err := os.Open(*bodiesFile)
	if err != nil {
		return fmt.Errorf("run: %w", err)
	}
	bodies, err := readBodies(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("run: %s: %w", *bodiesFile, err)
	}
	l := &loader{url: *url, bodies: bodies, contentType: *ctype, failOn: failOn,
		client: &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: *conc, MaxConnsPerHost: *conc}}}
	if *warm > 0 {
		l.run(ctx, *conc, *warm)
	}
	res := l.run(ctx, *conc, *dur)
	fmt.Fprintf(os.Stderr, "%s c=%d: %.0f req/s, p50 %.2f ms, p99 %.2f ms, %d errors of %d\n",
		res.URL, res.Concurrency, res.RPS, res.P50MS, res.P99MS, res.Errors, res.Count)
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

// readBodies returns the non-empty lines of r.
func readBodies(r io.Reader) ([][]byte, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	var out [][]byte
	for sc.Scan() {
		if line := bytes.TrimSpace(sc.Bytes()); len(line) > 0 {
			out = append(out, bytes.Clone(line))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errors.New("no request bodies")
	}
	return out, nil
}

type loader struct {
	url         string
	bodies      [][]byte
	contentType string
	failOn      []string
	client      *http.Client
}

// run sends requests from conc clients until d has passed, each client waiting for its answer
// before it sends the next request.
func (l *loader) run(ctx context.Context, conc int, d time.Duration) Result {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var next atomic.Int64
	lat := make([][]time.Duration, conc)
	errs := make([]int, conc)
	var firstErr atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				body := l.bodies[int(next.Add(1)-1)%len(l.bodies)]
				t0 := time.Now()
				err := l.do(ctx, body)
				if ctx.Err() != nil {
					return // cut off by the deadline: not counted
				}
				lat[w] = append(lat[w], time.Since(t0))
				if err != nil {
					errs[w]++
					firstErr.CompareAndSwap(nil, err.Error())
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	nerr := 0
	for w := range conc {
		all = append(all, lat[w]...)
		nerr += errs[w]
	}
	r := Result{URL: l.url, Bodies: len(l.bodies), Concurrency: conc, Seconds: elapsed.Seconds(), Count: len(all), Errors: nerr}
	if s, ok := firstErr.Load().(string); ok {
		r.FirstError = s
	}
	r.RPS = float64(r.Count) / elapsed.Seconds()
	slices.Sort(all)
	r.P50MS = ms(Percentile(all, 50))
	r.P99MS = ms(Percentile(all, 99))
	if len(all) > 0 {
		var sum time.Duration
		for _, x := range all {
			sum += x
		}
		r.MeanMS = ms(sum / time.Duration(len(all)))
		r.MaxMS = ms(all[len(all)-1])
	}
	return r
}

func (l *loader) do(ctx context.Context, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, l.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", l.contentType)
	resp, err := l.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d: %.200s", resp.StatusCode, b)
	}
	for _, s := range l.failOn {
		if bytes.Contains(b, []byte(s)) {
			return fmt.Errorf("response contains %q: %.200s", s, b)
		}
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Percentile returns the p-th percentile (0 < p ≤ 100) of sorted by the nearest-rank method:
// the smallest value with at least p% of the values at or below it; 0 for no values.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	// rank = ceil(p/100 · n), computed in integers to avoid float rounding at exact ranks.
	n := len(sorted)
	k := int(p * 1000)
	rank := (k*n + 100_000 - 1) / 100_000
	rank = max(1, min(rank, n))
	return sorted[rank-1]
}

func runQueries(args []string) error {
	fs := flag.NewFlagSet("queries", flag.ContinueOnError)
	nq := fs.String("nquads", "", "N-Quads `file` of kg's graph (kg extract --format nquads)")
	dir := fs.String("dir", "", "`directory` to write the request files to")
	n := fs.Int("n", 200, "how many entities")
	first := fs.Int("first", 20, "relations per entity in the 1-hop query")
	limit := fs.Int("neighbors", 50, "entities in the 2-hop query")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *nq == "" || *dir == "" {
		return errors.New("queries: need -nquads and -dir")
	}
	f, err := os.Open(*nq)
	if err != nil {
		return fmt.Errorf("queries: %w", err)
	}
	defer f.Close()
	top, rels, err := TopEntities(f, *n)
	if err != nil {
		return fmt.Errorf("queries: %s: %w", *nq, err)
	}
	files := map[string]func(iri, id string) string{
		"kg-1hop.txt":     func(_, id string) string { return kgOneHop(id, *first) },
		"kg-2hop.txt":     func(_, id string) string { return kgTwoHop(id, *limit) },
		"cayley-1hop.txt": func(iri, _ string) string { return gizmoOneHop(iri, *first) },
		"cayley-2hop.txt": func(iri, _ string) string { return gizmoTwoHop(iri, rels, *limit) },
	}
	var ids strings.Builder
	for _, e := range top {
		fmt.Fprintf(&ids, "%d\t%s\n", e.Mentions, e.ID)
	}
	if err := os.WriteFile(filepath.Join(*dir, "entities.txt"), []byte(ids.String()), 0o644); err != nil {
		return fmt.Errorf("queries: %w", err)
	}
	for name, mk := range files {
		var b strings.Builder
		for _, e := range top {
			b.WriteString(mk(e.IRI, e.ID))
			b.WriteByte('\n')
		}
		if err := os.WriteFile(filepath.Join(*dir, name), []byte(b.String()), 0o644); err != nil {
			return fmt.Errorf("queries: %w", err)
		}
	}
	return nil
}

// The queries. kg and Cayley are asked for the same facts: 1-hop, the entity's name and up to
// first of the statements it is subject or object of, each with its relation, subject id and
// name, object id and literal value; 2-hop, up to limit distinct entities within two direct
// relation edges of it, in either direction, with their names.
const (
	kgOneHopQuery = `query($id: ID!) { entity(id: $id) { id name relations(direction: BOTH, first: %d) { edges { node { relation subject { id name } object { id } value } } } } }`
	kgTwoHopQuery = `query($id: ID!) { entity(id: $id) { id name neighbors(depth: 2, first: %d) { depth entity { id name } } } }`
)

func kgOneHop(id string, first int) string {
	return graphQL(fmt.Sprintf(kgOneHopQuery, first), id)
}

func kgTwoHop(id string, limit int) string {
	return graphQL(fmt.Sprintf(kgTwoHopQuery, limit), id)
}

func graphQL(query, id string) string {
	return jsonString(map[string]any{"query": query, "variables": map[string]string{"id": id}})
}

// jsonString encodes v as one line of JSON, without escaping <, > and &.
func jsonString(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	return strings.TrimSuffix(b.String(), "\n")
}

func gizmoOneHop(iri string, first int) string {
	return fmt.Sprintf(`g.V(%s).Save("<kg:name>","name").In(["<kg:subject>","<kg:object>"]).Tag("stmt").Save("<kg:relation>","relation").Out("<kg:subject>").Tag("subject").Save("<kg:name>","subjectName").Back("stmt").SaveOpt("<kg:object>","object").SaveOpt("<kg:value>","value").Limit(%d).All()`,
		jsString("<"+iri+">"), first)
}

func gizmoTwoHop(iri string, rels []string, limit int) string {
	quoted := make([]string, len(rels))
	for i, r := range rels {
		quoted[i] = jsString("<" + r + ">")
	}
	return fmt.Sprintf(`var R=[%s]; var a=g.V(%s); var h1=a.Out(R).Union(a.In(R)).Filter(regex("^kg:entity/", true)); var h2=h1.Out(R).Union(h1.In(R)); h1.Union(h2).Unique().Except(a).Save("<kg:name>","name").Limit(%d).All()`,
		strings.Join(quoted, ","), jsString("<"+iri+">"), limit)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string { return jsonString(s) }

// Entity is an entity of the graph with the number of articles that mention it.
type Entity struct {
	IRI      string // kg:entity/ESCAPED
	ID       string // kg's id
	Mentions int
}

// TopEntities reads kg's graph as N-Quads and returns, of the entities with at least one direct
// relation edge (kg:rel/…, either direction), the n most often the object of a mention's
// kg:entity quad (one per article that mentions them), most first and ties by IRI; and the
// direct relation predicates in the graph, sorted.
func TopEntities(r io.Reader, n int) ([]Entity, []string, error) {
	counts := map[string]int{}
	relSet := map[string]bool{}
	seen := map[string]bool{}
	related := map[string]bool{} // entities with a direct relation edge
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || s[0] == '#' {
			continue
		}
		subj, rest, ok := iriTerm(s)
		if !ok {
			return nil, nil, fmt.Errorf("line %d: want a subject IRI: %.80q", line, s)
		}
		pred, rest, ok := iriTerm(strings.TrimLeft(rest, " \t"))
		if !ok {
			return nil, nil, fmt.Errorf("line %d: want a predicate IRI: %.80q", line, s)
		}
		if strings.HasPrefix(pred, "kg:rel/") {
			relSet[pred] = true
			related[subj] = true
			if obj, _, ok := iriTerm(strings.TrimLeft(rest, " \t")); ok {
				related[obj] = true
			}
			continue
		}
		if pred != "kg:entity" || !strings.HasPrefix(subj, "kg:mention/") {
			continue
		}
		obj, _, ok := iriTerm(strings.TrimLeft(rest, " \t"))
		if !ok || !strings.HasPrefix(obj, "kg:entity/") {
			return nil, nil, fmt.Errorf("line %d: want an entity IRI as object: %.80q", line, s)
		}
		// Count each mention once, however often the dump repeats it.
		if key := subj + " " + obj; !seen[key] {
			seen[key] = true
			counts[obj]++
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	all := make([]Entity, 0, len(counts))
	for iri, c := range counts {
		if !related[iri] {
			continue
		}
		all = append(all, Entity{IRI: iri, ID: unescape(strings.TrimPrefix(iri, "kg:entity/")), Mentions: c})
	}
	slices.SortFunc(all, func(a, b Entity) int {
		if a.Mentions != b.Mentions {
			return b.Mentions - a.Mentions
		}
		return strings.Compare(a.IRI, b.IRI)
	})
	if n >= 0 && len(all) > n {
		all = all[:n]
	}
	rels := make([]string, 0, len(relSet))
	for r := range relSet {
		rels = append(rels, r)
	}
	slices.Sort(rels)
	return all, rels, nil
}

// iriTerm splits "<IRI> rest" into IRI and rest.
func iriTerm(s string) (iri, rest string, ok bool) {
	if !strings.HasPrefix(s, "<") {
		return "", s, false
	}
	end := strings.IndexByte(s, '>')
	if end < 0 {
		return "", s, false
	}
	return s[1:end], s[end+1:], true
}

// unescape undoes kg's percent-escaping of ids in IRIs (graph's escape: %XX for bytes that may
// not appear in an IRI, '/' and '%'); a '%' not followed by two hex digits stays.
func unescape(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if hi, lo := unhex(s[i+1]), unhex(s[i+2]); hi >= 0 && lo >= 0 {
				b.WriteByte(byte(hi<<4 | lo))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
