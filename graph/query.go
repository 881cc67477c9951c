package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// Direction selects the statements of an entity: as subject (Out), as object (In) or both.
type Direction int

// Directions of RelationsOf.
const (
	Out Direction = iota
	In
	Both
)

// RelationFilter narrows the statements of RelationsOf.
type RelationFilter struct {
	Direction Direction
	Relation  string // one relation name, or all
}

// RelationsOf returns, for each entity id, a page of its statements ordered by statement id. A
// page holds up to page.First+1 items, so that the caller can tell whether more follow.
func (s *Store) RelationsOf(ctx context.Context, ids []string, f RelationFilter, page Page) ([][]*Relation, error) {
	out := make([][]*Relation, len(ids))
	err := s.read(ctx, func(r reader) error {
		for i, id := range ids {
			var cands []quad.Value
			ent := entityIRI(id)
			if f.Direction == Out || f.Direction == Both {
				vs, err := r.in(ent, predSubject)
				if err != nil {
					return err
				}
				cands = append(cands, vs...)
			}
			if f.Direction == In || f.Direction == Both {
				vs, err := r.in(ent, predObject)
				if err != nil {
					return err
				}
				cands = append(cands, vs...)
			}
			rels, err := r.statementsPage(statementIDs(cands), page, func(rel *Relation) bool {
				return f.Relation == "" || rel.Relation == f.Relation
			})
			if err != nil {
				return err
			}
			out[i] = rels
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: relations of entities: %w", err)
	}
	return out, nil
}

func statementIDs(vs []quad.Value) []string {
	ids := make([]string, 0, len(vs))
	for _, v := range vs {
		if id, ok := idOf(v, stmtPrefix); ok {
			ids = append(ids, id)
		}
	}
	return ids
}

// statementsPage loads statements in id order after page.After until page.First+1 pass keep.
func (r reader) statementsPage(ids []string, page Page, keep func(*Relation) bool) ([]*Relation, error) {
	var out []*Relation
	for _, id := range (Page{After: page.After}).apply(ids) {
		rel, err := r.statement(id)
		if err != nil {
			return nil, err
		}
		if rel == nil || !keep(rel) {
			continue
		}
		out = append(out, rel)
		if page.First > 0 && len(out) > page.First {
			break
		}
	}
	return out, nil
}

// Statements returns the statements with the given ids, in order; missing ones are nil.
func (s *Store) Statements(ctx context.Context, ids []string) ([]*Relation, error) {
	out := make([]*Relation, len(ids))
	err := s.read(ctx, func(r reader) error {
		for i, id := range ids {
			rel, err := r.statement(id)
			if err != nil {
				return err
			}
			out[i] = rel
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: statements: %w", err)
	}
	return out, nil
}

// QuoteRole says how an entity takes part in a quote.
type QuoteRole int

// Roles of QuotesOf.
const (
	Speaker QuoteRole = iota // the entity said it
	About                    // the quote is about the entity
)

// QuoteFilter narrows quotes: by the published date of their article (ISO dates compare as
// text; Since is inclusive, Until exclusive) and by words they contain.
type QuoteFilter struct {
	Since, Until string
	Contains     string
}

// QuotesOf returns, for each entity id, a page of the quotes it said or is the subject of,
// ordered by quote id, with up to page.First+1 items.
func (s *Store) QuotesOf(ctx context.Context, ids []string, role QuoteRole, f QuoteFilter, page Page) ([][]*Quote, error) {
	out := make([][]*Quote, len(ids))
	err := s.read(ctx, func(r reader) error {
		pred := predSpeaker
		if role == About {
			pred = predAbout
		}
		published := map[string]string{}
		for i, id := range ids {
			vs, err := r.in(entityIRI(id), pred)
			if err != nil {
				return err
			}
			qs, err := r.quotesPage(quoteIDs(vs), f, published, page)
			if err != nil {
				return err
			}
			out[i] = qs
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: quotes of entities: %w", err)
	}
	return out, nil
}

func quoteIDs(vs []quad.Value) []string {
	ids := make([]string, 0, len(vs))
	for _, v := range vs {
		if iri, ok := v.(quad.IRI); ok && strings.HasPrefix(string(iri), quotePrefix) {
			ids = append(ids, string(iri[len(quotePrefix):]))
		}
	}
	return ids
}

// quotesPage loads quotes in id order after page.After that pass the filter, up to First+1.
// published caches the articles' dates.
func (r reader) quotesPage(ids []string, f QuoteFilter, published map[string]string, page Page) ([]*Quote, error) {
	var out []*Quote
	contains := fold(f.Contains)
	for _, id := range (Page{After: page.After}).apply(ids) {
		q, err := r.quote(id)
		if err != nil {
			return nil, err
		}
		if q == nil || (contains != "" && !strings.Contains(fold(q.Text), contains)) {
			continue
		}
		if f.Since != "" || f.Until != "" {
			date, ok := published[q.Article]
			if !ok {
				a, err := r.article(q.Article)
				if err != nil {
					return nil, err
				}
				if a != nil {
					date = a.Published
				}
				published[q.Article] = date
			}
			if date == "" || (f.Since != "" && date < f.Since) || (f.Until != "" && date >= f.Until) {
				continue
			}
		}
		out = append(out, q)
		if page.First > 0 && len(out) > page.First {
			break
		}
	}
	return out, nil
}

// QuoteIDs returns the quotes with the given ids, in order; missing ones are nil.
func (s *Store) QuotesByID(ctx context.Context, ids []string) ([]*Quote, error) {
	out := make([]*Quote, len(ids))
	err := s.read(ctx, func(r reader) error {
		for i, id := range ids {
			q, err := r.quote(id)
			if err != nil {
				return err
			}
			out[i] = q
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: quotes: %w", err)
	}
	return out, nil
}

// Mention says that an article names an entity, and how often.
type Mention struct {
	Article string
	Count   int
}

// MentionsOf returns, for each entity id, a page of the articles that mention it, ordered by
// article id, with up to page.First+1 items.
func (s *Store) MentionsOf(ctx context.Context, ids []string, page Page) ([][]Mention, error) {
	out := make([][]Mention, len(ids))
	err := s.read(ctx, func(r reader) error {
		for i, id := range ids {
			vs, err := r.in(entityIRI(id), predEntity)
			if err != nil {
				return err
			}
			byArticle := map[string]quad.Value{}
			var arts []string
			for _, v := range vs {
				iri, ok := v.(quad.IRI)
				if !ok || !strings.HasPrefix(string(iri), mentionPrefix) {
					continue
				}
				rest := string(iri[len(mentionPrefix):])
				a, _, _ := strings.Cut(rest, "/")
				art := unescape(a)
				byArticle[art] = v
				arts = append(arts, art)
			}
			for _, art := range (Page{After: page.After}).apply(arts) {
				cnt, err := r.out(byArticle[art], predCount)
				if err != nil {
					return err
				}
				out[i] = append(out[i], Mention{Article: art, Count: num(cnt)})
				if page.First > 0 && len(out[i]) > page.First {
					break
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: mentions: %w", err)
	}
	return out, nil
}

// ArticleContents lists what one article contributed: ids of the entities it mentions, of the
// statements it is evidence for, and of its quotes, each sorted.
type ArticleContents struct {
	Entities, Relations, Quotes []string
}

// ArticleContents returns the contents of each article, in order.
func (s *Store) ArticleContents(ctx context.Context, ids []string) ([]ArticleContents, error) {
	out := make([]ArticleContents, len(ids))
	err := s.read(ctx, func(r reader) error {
		for i, id := range ids {
			nodes, err := r.in(articleIRI(id), predArticle)
			if err != nil {
				return err
			}
			esc := escape(id)
			var c ArticleContents
			for _, n := range nodes {
				if !ownedBy(n, esc) {
					continue
				}
				iri := string(n.(quad.IRI))
				switch {
				case strings.HasPrefix(iri, mentionPrefix):
					if e, ok := mentionEntity(n); ok {
						eid, _ := idOf(e, entityPrefix)
						c.Entities = append(c.Entities, eid)
					}
				case strings.HasPrefix(iri, evidencePrefix):
					st, err := r.out(n, predSupports)
					if err != nil {
						return err
					}
					c.Relations = append(c.Relations, statementIDs(st)...)
				case strings.HasPrefix(iri, quotePrefix):
					c.Quotes = append(c.Quotes, iri[len(quotePrefix):])
				}
			}
			for _, l := range []*[]string{&c.Entities, &c.Relations, &c.Quotes} {
				slices.Sort(*l)
				*l = slices.Compact(*l)
			}
			out[i] = c
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: article contents: %w", err)
	}
	return out, nil
}

// Edge is one step through the graph: a positive statement between two entities, walked from
// From to To (Forward is false when the walk goes against the statement's direction).
type Edge struct {
	From, To  string // entity ids
	Relation  string
	Statement string // statement id
	Forward   bool
}

// Walk limits: hub entities fan out to thousands of edges, so each step reads at most
// maxFanOut edges of a node, and a walk visits at most maxVisited entities.
const (
	maxFanOut  = 500
	maxVisited = 20000
)

// edges returns the direct edges of an entity in both directions, up to maxFanOut. The walk
// reads the direct edges with the quad indexes, never Cayley's Both(), which panics on some
// backends. On bolt it lists the entity's predicates from the index keys first and reads the
// quads of kg:rel/ predicates only: a much mentioned entity is the object of thousands of
// mention quads. Either way the edges come in the index's order.
func (r reader) edges(id string, relation string) ([]Edge, error) {
	ent := entityIRI(id)
	ref, err := r.ref(ent)
	if err != nil || ref == nil {
		return nil, err
	}
	var out []Edge
	full := errors.New("fan-out reached")
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		add := func(q cgraph.Ref) error {
			pv, err := r.node(q, quad.Predicate)
			if err != nil {
				return err
			}
			p, ok := pv.(quad.IRI)
			if !ok || !strings.HasPrefix(string(p), relPrefix) {
				return nil
			}
			rel := unescape(string(p[len(relPrefix):]))
			if relation != "" && rel != relation {
				return nil
			}
			sv, err := r.node(q, quad.Subject)
			if err != nil {
				return err
			}
			ov, err := r.node(q, quad.Object)
			if err != nil {
				return err
			}
			subj, _ := idOf(sv, entityPrefix)
			obj, ok := idOf(ov, entityPrefix)
			if !ok {
				return nil // a literal: role, alias
			}
			e := Edge{Relation: rel, Statement: strings.TrimPrefix(string(statementIRI(subj, rel, obj, "", false)), stmtPrefix)}
			if d == quad.Subject {
				e.From, e.To, e.Forward = subj, obj, true
			} else {
				e.From, e.To = obj, subj
			}
			out = append(out, e)
			if len(out) >= maxFanOut {
				return full
			}
			return nil
		}
		err := r.eachRel(d, ent, ref, add)
		if err == full {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(a, b Edge) int { return strings.Compare(a.To+a.Relation, b.To+b.Relation) })
	return out, nil
}

// eachRel calls fn with the quads whose direction d is v (whose reference is ref), in index
// order; on bolt only with those whose predicate is a kg:rel/ IRI.
func (r reader) eachRel(d quad.Direction, v quad.Value, ref cgraph.Ref, fn func(q cgraph.Ref) error) error {
	preds, ok, err := kvPredicates(r.bolt, d, ref)
	if err != nil {
		return fmt.Errorf("graph: predicates of %v: %w", v, err)
	}
	if !ok {
		return r.each(d, v, "", fn)
	}
	for _, p := range preds {
		pv, err := r.name(p)
		if err != nil {
			return err
		}
		iri, isIRI := pv.(quad.IRI)
		if !isIRI || !strings.HasPrefix(string(iri), relPrefix) {
			continue
		}
		if err := r.each(d, v, iri, fn); err != nil {
			return err
		}
	}
	return nil
}

// Neighbor is an entity reached from another, with the edge it was first reached by.
type Neighbor struct {
	Entity string
	Depth  int
	Via    Edge
}

// Neighbors returns the entities within depth steps of id (depth 1 to 3), nearest first, at most
// limit of them, optionally walking only one relation.
func (s *Store) Neighbors(ctx context.Context, id string, depth int, relation string, limit int) ([]Neighbor, error) {
	ns, err := s.NeighborsOf(ctx, []string{id}, depth, relation, limit)
	if err != nil {
		return nil, err
	}
	return ns[0], nil
}

// NeighborsOf is Neighbors for many entities at once.
func (s *Store) NeighborsOf(ctx context.Context, ids []string, depth int, relation string, limit int) ([][]Neighbor, error) {
	if depth < 1 || depth > 3 {
		return nil, fmt.Errorf("graph: neighbors: depth %d not in 1..3", depth)
	}
	out := make([][]Neighbor, len(ids))
	err := s.read(ctx, func(r reader) error {
		for i, id := range ids {
			ns, err := r.neighbors(id, depth, relation, limit)
			if err != nil {
				return err
			}
			out[i] = ns
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: neighbors: %w", err)
	}
	return out, nil
}

func (r reader) neighbors(id string, depth int, relation string, limit int) ([]Neighbor, error) {
	var out []Neighbor
	err := func() error {
		seen := map[string]bool{id: true}
		frontier := []string{id}
		for d := 1; d <= depth && len(frontier) > 0; d++ {
			var next []string
			for _, n := range frontier {
				es, err := r.edges(n, relation)
				if err != nil {
					return err
				}
				for _, e := range es {
					if seen[e.To] || len(seen) >= maxVisited {
						continue
					}
					seen[e.To] = true
					out = append(out, Neighbor{Entity: e.To, Depth: d, Via: e})
					next = append(next, e.To)
					if limit > 0 && len(out) >= limit {
						return nil
					}
				}
			}
			frontier = next
		}
		return nil
	}()
	return out, err
}

// Path returns a shortest chain of statements from one entity to another, walking statements
// in either direction, of at most maxHops (1 to 4) steps; nil when there is none.
func (s *Store) Path(ctx context.Context, from, to string, maxHops int) ([]Edge, error) {
	if maxHops < 1 || maxHops > 4 {
		return nil, fmt.Errorf("graph: path: maxHops %d not in 1..4", maxHops)
	}
	var path []Edge
	err := s.read(ctx, func(r reader) error {
		if from == to {
			return nil
		}
		// Breadth-first from both ends would halve the reads; from one end is simpler and
		// bounded by maxVisited.
		prev := map[string]Edge{from: {}}
		frontier := []string{from}
		for hop := 1; hop <= maxHops && len(frontier) > 0; hop++ {
			var next []string
			for _, n := range frontier {
				es, err := r.edges(n, "")
				if err != nil {
					return err
				}
				for _, e := range es {
					if _, ok := prev[e.To]; ok || len(prev) >= maxVisited {
						continue
					}
					prev[e.To] = e
					if e.To == to {
						for at := to; at != from; at = prev[at].From {
							path = append(path, prev[at])
						}
						slices.Reverse(path)
						return nil
					}
					next = append(next, e.To)
				}
			}
			frontier = next
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: path %s → %s: %w", from, to, err)
	}
	return path, nil
}
