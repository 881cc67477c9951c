package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Entity is a stored entity.
type Entity struct {
	ID      string
	Name    string
	Type    string
	Aliases []string
	// Articles is the number of articles that mention the entity.
	Articles int
}

// Evidence is one place a statement was found.
type Evidence struct {
	Article    string
	Sentence   int
	Start, End int
	Text       string // the original predicate
	Snippet    string // the sentence
	Confidence float64
}

// Relation is a stored statement with its evidence.
type Relation struct {
	ID         string
	Subject    string // entity id
	Relation   string
	Object     string // entity id, or empty when Value holds a literal
	Value      string
	Negated    bool
	Text       string  // the original predicate of the first evidence
	Confidence float64 // the highest confidence of its evidence
	Evidence   []Evidence
}

// Quote is a stored quote.
type Quote struct {
	ID          string
	Article     string
	Speaker     string // entity id, or empty for an unnamed speaker
	SpeakerText string
	Text        string
	Verb        string
	About       []string // entity ids
	Sentence    int
	Start, End  int
	Confidence  float64
}

// Article is a stored article's metadata.
type Article struct {
	ID        string
	Title     string
	URL       string
	Published string
	Hash      string
}

// Page selects a window of a list ordered by id: the First items after the id After.
// First ≤ 0 means no limit.
type Page struct {
	First int
	After string
}

func (p Page) apply(ids []string) []string {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if p.After != "" {
		i, _ := slices.BinarySearch(ids, p.After)
		for i < len(ids) && ids[i] <= p.After {
			i++
		}
		ids = ids[i:]
	}
	if p.First > 0 && len(ids) > p.First {
		ids = ids[:p.First]
	}
	return ids
}

// Entities returns the entities with the given ids, in order; missing ones are nil.
//
// On bolt and memory stores, which no other process writes, entities come from the entity index
// when it is built and up to date for them: counting an entity's articles reads every mention.
func (s *Store) Entities(ctx context.Context, ids []string) ([]*Entity, error) {
	out := make([]*Entity, len(ids))
	indexed := s.dsn.Kind == Bolt || s.dsn.Kind == Memory
	err := s.read(ctx, func(r reader) error {
		for i, id := range ids {
			if indexed {
				if e, ok := s.index.lookup(id); ok {
					out[i] = e
					continue
				}
			}
			e, err := r.entity(id)
			if err != nil {
				return err
			}
			out[i] = e
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: entities: %w", err)
	}
	return out, nil
}

func (r reader) entity(id string) (*Entity, error) {
	ent := entityIRI(id)
	qs, err := r.quads(quad.Subject, ent)
	if err != nil {
		return nil, err
	}
	return r.entityFrom(id, qs)
}

// entityFrom builds the entity id from its quads qs.
func (r reader) entityFrom(id string, qs []quad.Quad) (*Entity, error) {
	ent := entityIRI(id)
	p := groupProps(qs)
	if len(p[predName]) == 0 {
		return nil, nil
	}
	e := &Entity{ID: id, Name: str(p[predName]), Type: str(p[predEntityType])}
	for _, a := range p[predAlias] {
		if a := text(a); a != e.Name {
			e.Aliases = append(e.Aliases, a)
		}
	}
	slices.Sort(e.Aliases)
	n, err := r.countIn(ent, predEntity)
	if err != nil {
		return nil, err
	}
	e.Articles = n
	return e, nil
}

// EntityQuery selects entities. Empty fields select everything.
type EntityQuery struct {
	Type         string
	Name         string // exact name or alias, after width and case folding
	NameContains string // substring of the name or an alias, after width and case folding
	OrderBy      string // ByID (default), ByName or ByArticles; for ListEntities
	Page
}

// FindEntities returns the entities matching q, ordered by id.
func (s *Store) FindEntities(ctx context.Context, q EntityQuery) ([]*Entity, error) {
	var out []*Entity
	err := s.read(ctx, func(r reader) error {
		var ids []string
		var err error
		switch {
		case q.Name != "":
			ids, err = r.entitiesNamed(q.Name)
		case q.Type != "":
			ids, err = r.entitiesOfType(q.Type)
		default:
			ids, err = r.allEntities()
		}
		if err != nil {
			return err
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
		if q.After != "" {
			ids = Page{After: q.After}.apply(ids)
		}
		sub := fold(q.NameContains)
		for _, id := range ids {
			e, err := r.entity(id)
			if err != nil {
				return err
			}
			if e == nil || (q.Type != "" && e.Type != q.Type) {
				continue
			}
			if sub != "" && !slices.ContainsFunc(append([]string{e.Name}, e.Aliases...),
				func(n string) bool { return strings.Contains(fold(n), sub) }) {
				continue
			}
			out = append(out, e)
			if q.First > 0 && len(out) == q.First {
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: find entities: %w", err)
	}
	return out, nil
}

// fold normalises a name for matching: NFKC (width), case folding, no white space.
func fold(s string) string {
	s = cases.Fold().String(norm.NFKC.String(s))
	return strings.Join(strings.Fields(s), "")
}

func (r reader) entitiesNamed(name string) ([]string, error) {
	var ids []string
	for _, n := range dedup(name, norm.NFKC.String(name)) {
		for _, p := range []quad.IRI{predName, predAlias} {
			subs, err := r.in(quad.String(n), p)
			if err != nil {
				return nil, err
			}
			for _, s := range subs {
				if id, ok := idOf(s, entityPrefix); ok {
					ids = append(ids, id)
				}
			}
		}
	}
	return ids, nil
}

func dedup(ss ...string) []string {
	slices.Sort(ss)
	return slices.Compact(ss)
}

func (r reader) entitiesOfType(t string) ([]string, error) {
	subs, err := r.in(quad.String(t), predEntityType)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, s := range subs {
		if id, ok := idOf(s, entityPrefix); ok {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

func (r reader) allEntities() ([]string, error) {
	subs, err := r.in(classEntity, predType)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(subs))
	for _, s := range subs {
		if id, ok := idOf(s, entityPrefix); ok {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// RelationQuery selects statements. Subject and Object are entity ids; empty fields select
// everything.
type RelationQuery struct {
	Subject  string
	Relation string
	Object   string
	Page
}

// Relations returns the statements matching q with their evidence, ordered by id: up to
// q.First+1, so that the caller can tell whether more follow.
func (s *Store) Relations(ctx context.Context, q RelationQuery) ([]*Relation, error) {
	var out []*Relation
	err := s.read(ctx, func(r reader) error {
		var cands []quad.Value
		var err error
		switch {
		case q.Subject != "":
			cands, err = r.in(entityIRI(q.Subject), predSubject)
		case q.Object != "":
			cands, err = r.in(entityIRI(q.Object), predObject)
		case q.Relation != "":
			cands, err = r.in(quad.String(q.Relation), predRelation)
		default:
			cands, err = r.in(classStatement, predType)
		}
		if err != nil {
			return err
		}
		ids := make([]string, 0, len(cands))
		for _, c := range cands {
			if id, ok := idOf(c, stmtPrefix); ok {
				ids = append(ids, id)
			}
		}
		for _, id := range (Page{After: q.After}).apply(ids) {
			rel, err := r.statement(id)
			if err != nil {
				return err
			}
			if rel == nil || (q.Subject != "" && rel.Subject != q.Subject) ||
				(q.Object != "" && rel.Object != q.Object) || (q.Relation != "" && rel.Relation != q.Relation) {
				continue
			}
			out = append(out, rel)
			if q.First > 0 && len(out) > q.First {
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: relations: %w", err)
	}
	return out, nil
}

func (r reader) statement(id string) (*Relation, error) {
	st := quad.IRI(stmtPrefix + id)
	qs, err := r.quads(quad.Subject, st)
	if err != nil {
		return nil, err
	}
	p := groupProps(qs)
	if len(p[predSubject]) == 0 {
		return nil, nil
	}
	rel := &Relation{ID: id, Relation: str(p[predRelation]), Value: str(p[predValue]), Negated: len(p[predNegated]) > 0}
	rel.Subject, _ = idOf(p[predSubject][0], entityPrefix)
	if len(p[predObject]) > 0 {
		rel.Object, _ = idOf(p[predObject][0], entityPrefix)
	}
	evs, err := r.in(st, predSupports)
	if err != nil {
		return nil, err
	}
	for _, ev := range evs {
		eqs, err := r.quads(quad.Subject, ev)
		if err != nil {
			return nil, err
		}
		ep := groupProps(eqs)
		e := Evidence{Sentence: num(ep[predSentence]), Start: num(ep[predStart]), End: num(ep[predEnd]),
			Text: str(ep[predText]), Snippet: str(ep[predSnippet]), Confidence: float(ep[predConfidence])}
		if len(ep[predArticle]) > 0 {
			e.Article, _ = idOf(ep[predArticle][0], articlePrefix)
		}
		rel.Evidence = append(rel.Evidence, e)
	}
	slices.SortFunc(rel.Evidence, func(a, b Evidence) int {
		if c := strings.Compare(a.Article, b.Article); c != 0 {
			return c
		}
		return a.Start - b.Start
	})
	for i, e := range rel.Evidence {
		rel.Confidence = max(rel.Confidence, e.Confidence)
		if i == 0 {
			rel.Text = e.Text
		}
	}
	return rel, nil
}

// QuoteQuery selects quotes. Speaker and About are entity ids; SpeakerText matches unnamed
// speakers' words; empty fields select everything.
type QuoteQuery struct {
	Speaker     string
	SpeakerText string
	About       string
	Article     string
	QuoteFilter
	Page
}

// Quotes returns the quotes matching q, ordered by id: up to q.First+1, so that the caller can
// tell whether more follow.
func (s *Store) Quotes(ctx context.Context, q QuoteQuery) ([]*Quote, error) {
	var out []*Quote
	err := s.read(ctx, func(r reader) error {
		var cands []quad.Value
		var err error
		switch {
		case q.Speaker != "":
			cands, err = r.in(entityIRI(q.Speaker), predSpeaker)
		case q.SpeakerText != "":
			cands, err = r.in(quad.String(q.SpeakerText), predSpeakerTxt)
		case q.About != "":
			cands, err = r.in(entityIRI(q.About), predAbout)
		case q.Article != "":
			cands, err = r.in(articleIRI(q.Article), predArticle)
		default:
			cands, err = r.in(classQuote, predType)
		}
		if err != nil {
			return err
		}
		ids := make([]string, 0, len(cands))
		for _, c := range cands {
			if iri, ok := c.(quad.IRI); ok && strings.HasPrefix(string(iri), quotePrefix) {
				ids = append(ids, string(iri[len(quotePrefix):]))
			}
		}
		page, err := r.quotesPage(ids, q.QuoteFilter, map[string]string{}, q.Page)
		if err != nil {
			return err
		}
		for _, qt := range page {
			if (q.Speaker != "" && qt.Speaker != q.Speaker) ||
				(q.SpeakerText != "" && qt.SpeakerText != q.SpeakerText) ||
				(q.About != "" && !slices.Contains(qt.About, q.About)) ||
				(q.Article != "" && qt.Article != q.Article) {
				continue
			}
			out = append(out, qt)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: quotes: %w", err)
	}
	return out, nil
}

func (r reader) quote(id string) (*Quote, error) {
	qs, err := r.quads(quad.Subject, quad.IRI(quotePrefix+id))
	if err != nil {
		return nil, err
	}
	p := groupProps(qs)
	if len(p[predText]) == 0 {
		return nil, nil
	}
	q := &Quote{ID: id, SpeakerText: str(p[predSpeakerTxt]), Text: str(p[predText]), Verb: str(p[predVerb]),
		Sentence: num(p[predSentence]), Start: num(p[predStart]), End: num(p[predEnd]),
		Confidence: float(p[predConfidence])}
	if len(p[predArticle]) > 0 {
		q.Article, _ = idOf(p[predArticle][0], articlePrefix)
	}
	if len(p[predSpeaker]) > 0 {
		q.Speaker, _ = idOf(p[predSpeaker][0], entityPrefix)
	}
	for _, a := range p[predAbout] {
		if id, ok := idOf(a, entityPrefix); ok {
			q.About = append(q.About, id)
		}
	}
	slices.Sort(q.About)
	return q, nil
}

// Articles returns the articles with the given ids, in order; missing ones are nil.
func (s *Store) Articles(ctx context.Context, ids []string) ([]*Article, error) {
	out := make([]*Article, len(ids))
	err := s.read(ctx, func(r reader) error {
		for i, id := range ids {
			a, err := r.article(id)
			if err != nil {
				return err
			}
			out[i] = a
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: articles: %w", err)
	}
	return out, nil
}

func (r reader) article(id string) (*Article, error) {
	qs, err := r.quads(quad.Subject, articleIRI(id))
	if err != nil {
		return nil, err
	}
	p := groupProps(qs)
	if len(p[predHash]) == 0 {
		return nil, nil
	}
	return &Article{ID: id, Title: str(p[predTitle]), URL: str(p[predURL]), Published: str(p[predPublished]),
		Hash: str(p[predHash])}, nil
}

// ListArticles returns a page of articles ordered by id: up to page.First+1, so that the caller
// can tell whether more follow.
func (s *Store) ListArticles(ctx context.Context, page Page) ([]*Article, error) {
	var out []*Article
	err := s.read(ctx, func(r reader) error {
		subs, err := r.in(classArticle, predType)
		if err != nil {
			return err
		}
		ids := make([]string, 0, len(subs))
		for _, s := range subs {
			if id, ok := idOf(s, articlePrefix); ok {
				ids = append(ids, id)
			}
		}
		more := page
		if more.First > 0 {
			more.First++
		}
		for _, id := range more.apply(ids) {
			a, err := r.article(id)
			if err != nil {
				return err
			}
			if a != nil {
				out = append(out, a)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: articles: %w", err)
	}
	return out, nil
}

// Stats counts what the store holds.
type Stats struct {
	Articles, Entities, Relations, Quotes, Quads int
}

// Stats returns counts of the store's contents.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.read(ctx, func(r reader) error {
		for _, c := range []struct {
			class quad.IRI
			n     *int
		}{{classArticle, &st.Articles}, {classEntity, &st.Entities}, {classStatement, &st.Relations}, {classQuote, &st.Quotes}} {
			subs, err := r.in(c.class, predType)
			if err != nil {
				return err
			}
			*c.n = len(subs)
		}
		cs, err := r.qs.Stats(ctx, false)
		if err == nil && !cs.Quads.Exact {
			// PostgreSQL's estimate lags until the table is analysed: count.
			cs, err = r.qs.Stats(ctx, true)
		}
		if err != nil {
			return err
		}
		st.Quads = int(cs.Quads.Value)
		return nil
	})
	if err != nil {
		return Stats{}, fmt.Errorf("graph: stats: %w", err)
	}
	return st, nil
}

// Ping checks that the store answers.
func (s *Store) Ping(ctx context.Context) error {
	return s.read(ctx, func(r reader) error {
		_, err := r.quads(quad.Subject, articleIRI(""))
		return err
	})
}
