package schema

import (
	"context"
	"slices"

	"github.com/graphql-go/graphql"

	"github.com/kg-news/kg/graph"
)

// resolveEntity returns the ids of the entities an argument names: an id, else a name or alias.
func (s *Schema) resolveEntity(ctx context.Context, id, name string) ([]string, error) {
	switch {
	case id != "" && name != "":
		return nil, badInput("give id or name, not both")
	case id != "":
		return []string{id}, nil
	case name == "":
		return nil, badInput("give id or name")
	}
	return s.lookup(ctx, name)
}

// lookup resolves a string that is an entity id or a name.
func (s *Schema) lookup(ctx context.Context, key string) ([]string, error) {
	es, err := s.store.Entities(ctx, []string{key})
	if err != nil {
		return nil, internal(err)
	}
	if es[0] != nil {
		return []string{key}, nil
	}
	found, err := s.store.FindEntities(ctx, graph.EntityQuery{Name: key})
	if err != nil {
		return nil, internal(err)
	}
	ids := make([]string, len(found))
	for i, e := range found {
		ids[i] = e.ID
	}
	return ids, nil
}

func (s *Schema) resolveRelations(p graphql.ResolveParams) (any, error) {
	n, err := first(p)
	if err != nil {
		return nil, err
	}
	subjects, objects := []string{""}, []string{""}
	if v := str(p, "subject"); v != "" {
		if subjects, err = s.lookup(p.Context, v); err != nil {
			return nil, err
		}
	}
	if v := str(p, "object"); v != "" {
		if objects, err = s.lookup(p.Context, v); err != nil {
			return nil, err
		}
	}
	var out []*graph.Relation
	for _, subj := range subjects {
		for _, obj := range objects {
			rs, err := s.store.Relations(p.Context, graph.RelationQuery{Subject: subj, Object: obj,
				Relation: str(p, "relation"), Page: graph.Page{First: n, After: str(p, "after")}})
			if err != nil {
				return nil, internal(err)
			}
			out = append(out, rs...)
		}
	}
	slices.SortFunc(out, func(a, b *graph.Relation) int { return compare(a.ID, b.ID) })
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return nonNilList(out), nil
}

func (s *Schema) resolveQuotes(p graphql.ResolveParams) (any, error) {
	n, err := first(p)
	if err != nil {
		return nil, err
	}
	page := graph.Page{First: n, After: str(p, "after")}
	var queries []graph.QuoteQuery
	abouts := []string{""}
	if v := str(p, "about"); v != "" {
		if abouts, err = s.lookup(p.Context, v); err != nil {
			return nil, err
		}
		if len(abouts) == 0 {
			return []*graph.Quote{}, nil
		}
	}
	for _, about := range abouts {
		if v := str(p, "speaker"); v != "" {
			speakers, err := s.lookup(p.Context, v)
			if err != nil {
				return nil, err
			}
			for _, sp := range speakers {
				queries = append(queries, graph.QuoteQuery{Speaker: sp, About: about, Page: page})
			}
			// An unnamed speaker is known by their words.
			queries = append(queries, graph.QuoteQuery{SpeakerText: v, About: about, Page: page})
		} else {
			queries = append(queries, graph.QuoteQuery{About: about, Page: page})
		}
	}
	seen := map[string]bool{}
	var out []*graph.Quote
	for _, q := range queries {
		qs, err := s.store.Quotes(p.Context, q)
		if err != nil {
			return nil, internal(err)
		}
		for _, q := range qs {
			if !seen[q.ID] {
				seen[q.ID] = true
				out = append(out, q)
			}
		}
	}
	slices.SortFunc(out, func(a, b *graph.Quote) int { return compare(a.ID, b.ID) })
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return nonNilList(out), nil
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func nonNilList[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}
