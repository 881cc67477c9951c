package graph

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/kg-news/kg/extract"
)

// Export formats.
const (
	NQuads  = "nquads"
	JSONLD  = "jsonld"
	GraphML = "graphml"
	CSV     = "csv"
)

// ExportFormats lists the formats Export writes.
func ExportFormats() []string { return []string{NQuads, JSONLD, GraphML, CSV} }

// Export writes the store in a format, streaming it: nothing but ids and small caches is held
// in memory. The store is held for reading throughout, so a long export of a memory store keeps
// writers waiting.
//
//   - NQuads: every quad, in the store's own order (ImportNQuads reads it back).
//   - JSONLD: a JSON-LD document whose @graph holds every entity, by id, with its type, name,
//     aliases, and its direct relations: entity objects as {"@id": …}, literal values as strings.
//   - GraphML: entities as nodes (id, name, type, and a "rel.NAME" attribute for each relation
//     with literal values, the values joined by "; "), and a directed edge, labelled with the
//     relation, for each direct relation between two entities.
//   - CSV: one row per quote (RFC 4180, with a header): quote id, speaker name (empty for an
//     unnamed speaker), speaker id, the speaker as the article gives it, the quote, its verb, and
//     the article's id, published date, title and URL.
func (s *Store) Export(ctx context.Context, w io.Writer, format string) error {
	var err error
	switch format {
	case NQuads:
		_, err = s.ExportNQuads(ctx, w)
	case JSONLD:
		err = s.exportEntities(ctx, newJSONLD(w))
	case GraphML:
		err = s.exportEntities(ctx, newGraphML(w))
	case CSV:
		err = s.exportQuotes(ctx, w)
	default:
		return fmt.Errorf("graph: export: unknown format %q (want %s)", format, strings.Join(ExportFormats(), ", "))
	}
	if err != nil {
		return fmt.Errorf("graph: export %s: %w", format, err)
	}
	return nil
}

// ExportNQuads writes every quad in the store as N-Quads and returns how many it wrote.
func (s *Store) ExportNQuads(ctx context.Context, w io.Writer) (int, error) {
	n := 0
	err := s.read(ctx, func(r reader) error {
		bw := bufio.NewWriterSize(w, 64<<10)
		qw := nquads.NewWriter(bw)
		it := r.qs.QuadsAllIterator().Iterate()
		defer it.Close()
		for it.Next(ctx) {
			q, err := r.qs.Quad(it.Result())
			if err != nil {
				return err
			}
			if q.Subject == pinSubject {
				continue // a write's temporary pin (see pin)
			}
			if err := qw.WriteQuad(q); err != nil {
				return err
			}
			n++
		}
		if err := it.Err(); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return bw.Flush()
	})
	if err != nil {
		return n, fmt.Errorf("graph: export n-quads: %w", err)
	}
	return n, nil
}

// exportedEntity is an entity with its direct relations, as the entity exports write it.
type exportedEntity struct {
	Entity
	edges  map[string][]string // relation → object entity ids, sorted
	values map[string][]string // relation → literal values, sorted
}

// entityWriter writes entities one at a time.
type entityWriter interface {
	begin() error
	entity(e *exportedEntity) error
	end() error
}

// exportEntities reads every entity in id order and hands it to ew.
func (s *Store) exportEntities(ctx context.Context, ew entityWriter) error {
	return s.read(ctx, func(r reader) error {
		ids, err := r.allEntities()
		if err != nil {
			return err
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
		if err := ew.begin(); err != nil {
			return err
		}
		for _, id := range ids {
			e, err := r.exportedEntity(id)
			if err != nil {
				return err
			}
			if e == nil {
				continue
			}
			if err := ew.entity(e); err != nil {
				return err
			}
		}
		return ew.end()
	})
}

func (r reader) exportedEntity(id string) (*exportedEntity, error) {
	qs, err := r.quads(quad.Subject, entityIRI(id))
	if err != nil {
		return nil, err
	}
	e, err := r.entityFrom(id, qs)
	if err != nil || e == nil {
		return nil, err
	}
	x := &exportedEntity{Entity: *e, edges: map[string][]string{}, values: map[string][]string{}}
	for _, q := range qs {
		p, ok := q.Predicate.(quad.IRI)
		if !ok || !strings.HasPrefix(string(p), relPrefix) {
			continue
		}
		rel := unescape(string(p[len(relPrefix):]))
		if obj, ok := idOf(q.Object, entityPrefix); ok {
			x.edges[rel] = append(x.edges[rel], obj)
		} else {
			x.values[rel] = append(x.values[rel], text(q.Object))
		}
	}
	for _, m := range []map[string][]string{x.edges, x.values} {
		for k := range m {
			slices.Sort(m[k])
		}
	}
	return x, nil
}

func sortedKeysOf(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// jsonldContext maps the exported terms to kg's vocabulary. kg's IRIs are "kg:…"; the context
// makes kg a prefix, so that "kg:entity/x" stays as it is in the store.
var jsonldContext = map[string]any{
	"kg":       "urn:kg:",
	"name":     "kg:name",
	"type":     "kg:type",
	"alias":    "kg:alias",
	"articles": "kg:articles",
	"rel":      "kg:rel/",
}

type jsonldWriter struct {
	w     *bufio.Writer
	first bool
}

func newJSONLD(w io.Writer) *jsonldWriter { return &jsonldWriter{w: bufio.NewWriter(w), first: true} }

func (j *jsonldWriter) begin() error {
	ctx, err := json.Marshal(jsonldContext)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(j.w, "{\n\"@context\": %s,\n\"@graph\": [", ctx)
	return err
}

func (j *jsonldWriter) entity(e *exportedEntity) error {
	// A map marshals with sorted keys: a stable order without a struct per relation set.
	node := map[string]any{
		"@id":      string(entityIRI(e.ID)),
		"@type":    "kg:Entity",
		"name":     e.Name,
		"type":     e.Type,
		"articles": e.Articles,
	}
	if len(e.Aliases) > 0 {
		node["alias"] = e.Aliases
	}
	for rel, objs := range e.edges {
		refs := make([]map[string]string, len(objs))
		for i, o := range objs {
			refs[i] = map[string]string{"@id": string(entityIRI(o))}
		}
		node["rel:"+escape(rel)] = refs
	}
	for rel, vals := range e.values {
		key := "rel:" + escape(rel)
		if refs, ok := node[key].([]map[string]string); ok {
			// Both kinds under one relation: entity references first, then the literals.
			all := make([]any, 0, len(refs)+len(vals))
			for _, r := range refs {
				all = append(all, r)
			}
			for _, v := range vals {
				all = append(all, v)
			}
			node[key] = all
			continue
		}
		node[key] = vals
	}
	b, err := json.Marshal(node)
	if err != nil {
		return err
	}
	sep := ",\n"
	if j.first {
		sep, j.first = "\n", false
	}
	if _, err := j.w.WriteString(sep); err != nil {
		return err
	}
	_, err = j.w.Write(b)
	return err
}

func (j *jsonldWriter) end() error {
	if _, err := j.w.WriteString("\n]\n}\n"); err != nil {
		return err
	}
	return j.w.Flush()
}

// graphmlWriter writes GraphML with encoding/xml, one element at a time.
type graphmlWriter struct {
	w    *bufio.Writer
	enc  *xml.Encoder
	rels []string // relations that may carry literal values: one node attribute each
}

func newGraphML(w io.Writer) *graphmlWriter {
	bw := bufio.NewWriter(w)
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	return &graphmlWriter{w: bw, enc: enc, rels: extract.RelationNames()}
}

type graphmlKey struct {
	XMLName  xml.Name `xml:"key"`
	ID       string   `xml:"id,attr"`
	For      string   `xml:"for,attr"`
	AttrName string   `xml:"attr.name,attr"`
	AttrType string   `xml:"attr.type,attr"`
}

type graphmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

type graphmlNode struct {
	XMLName xml.Name      `xml:"node"`
	ID      string        `xml:"id,attr"`
	Data    []graphmlData `xml:"data"`
}

type graphmlEdge struct {
	XMLName xml.Name      `xml:"edge"`
	Source  string        `xml:"source,attr"`
	Target  string        `xml:"target,attr"`
	Data    []graphmlData `xml:"data"`
}

func (g *graphmlWriter) begin() error {
	if _, err := g.w.WriteString(xml.Header); err != nil {
		return err
	}
	root := xml.StartElement{Name: xml.Name{Local: "graphml"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "xmlns"}, Value: "http://graphml.graphdrawing.org/xmlns"},
	}}
	if err := g.enc.EncodeToken(root); err != nil {
		return err
	}
	keys := []graphmlKey{
		{ID: "name", For: "node", AttrName: "name", AttrType: "string"},
		{ID: "type", For: "node", AttrName: "type", AttrType: "string"},
		{ID: "articles", For: "node", AttrName: "articles", AttrType: "int"},
		{ID: "relation", For: "edge", AttrName: "relation", AttrType: "string"},
	}
	for _, r := range g.rels {
		keys = append(keys, graphmlKey{ID: "rel." + r, For: "node", AttrName: "rel." + r, AttrType: "string"})
	}
	for _, k := range keys {
		if err := g.enc.Encode(k); err != nil {
			return err
		}
	}
	return g.enc.EncodeToken(xml.StartElement{Name: xml.Name{Local: "graph"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "id"}, Value: "kg"},
		{Name: xml.Name{Local: "edgedefault"}, Value: "directed"},
	}})
}

func (g *graphmlWriter) entity(e *exportedEntity) error {
	n := graphmlNode{ID: e.ID, Data: []graphmlData{
		{Key: "name", Value: e.Name}, {Key: "type", Value: e.Type}, {Key: "articles", Value: fmt.Sprint(e.Articles)},
	}}
	for _, r := range g.rels {
		if vals := e.values[r]; len(vals) > 0 {
			n.Data = append(n.Data, graphmlData{Key: "rel." + r, Value: strings.Join(vals, "; ")})
		}
	}
	if err := g.enc.Encode(n); err != nil {
		return err
	}
	for _, rel := range sortedKeysOf(e.edges) {
		for _, o := range e.edges[rel] {
			if err := g.enc.Encode(graphmlEdge{Source: e.ID, Target: o, Data: []graphmlData{{Key: "relation", Value: rel}}}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (g *graphmlWriter) end() error {
	for _, name := range []string{"graph", "graphml"} {
		if err := g.enc.EncodeToken(xml.EndElement{Name: xml.Name{Local: name}}); err != nil {
			return err
		}
	}
	if err := g.enc.Flush(); err != nil {
		return err
	}
	if _, err := g.w.WriteString("\n"); err != nil {
		return err
	}
	return g.w.Flush()
}

// quoteColumns are the header of the CSV export.
var quoteColumns = []string{"quote", "speaker", "speaker_id", "speaker_text", "text", "verb", "article", "published", "title", "url"}

// exportQuotes writes one CSV row per quote, in quote id order.
func (s *Store) exportQuotes(ctx context.Context, w io.Writer) error {
	return s.read(ctx, func(r reader) error {
		subs, err := r.in(classQuote, predType)
		if err != nil {
			return err
		}
		ids := quoteIDs(subs)
		slices.Sort(ids)
		ids = slices.Compact(ids)
		cw := csv.NewWriter(w)
		if err := cw.Write(quoteColumns); err != nil {
			return err
		}
		names := map[string]string{}
		articles := map[string]*Article{}
		for _, id := range ids {
			q, err := r.quote(id)
			if err != nil {
				return err
			}
			if q == nil {
				continue
			}
			name, ok := names[q.Speaker]
			if !ok && q.Speaker != "" {
				e, err := r.entity(q.Speaker)
				if err != nil {
					return err
				}
				if e != nil {
					name = e.Name
				}
				names[q.Speaker] = name
			}
			a, ok := articles[q.Article]
			if !ok {
				if a, err = r.article(q.Article); err != nil {
					return err
				}
				if a == nil {
					a = &Article{ID: q.Article}
				}
				if len(articles) > 10000 {
					clear(articles) // quotes come in article order: old entries are rarely needed
				}
				articles[q.Article] = a
			}
			if err := cw.Write([]string{id, name, q.Speaker, q.SpeakerText, q.Text, q.Verb, a.ID, a.Published, a.Title, a.URL}); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	})
}
