package schema

import (
	"context"
	"slices"
	"strings"

	"github.com/graphql-go/graphql"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
)

func (s *Schema) queryType() *graphql.Object {
	t := s.buildTypes()
	s.t = t
	entityFilter := graphql.NewInputObject(graphql.InputObjectConfig{Name: "EntityFilter", Fields: graphql.InputObjectConfigFieldMap{
		"type":         {Type: t.entityType},
		"name":         {Type: graphql.String, Description: "a name or alias, in any width or case"},
		"nameContains": {Type: graphql.String, Description: "part of a name or alias, in any width or case"},
	}})
	relationFilter := graphql.NewInputObject(graphql.InputObjectConfig{Name: "RelationFilter", Fields: graphql.InputObjectConfigFieldMap{
		"subject":  {Type: graphql.String, Description: "an entity id or name"},
		"relation": {Type: graphql.String},
		"object":   {Type: graphql.String, Description: "an entity id or name"},
	}})
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "Query",
		Fields: graphql.Fields{
			"entity": {
				Type:        t.entity,
				Description: "An entity by id, or by name or alias in any script or width.",
				Args:        graphql.FieldConfigArgument{"id": {Type: graphql.ID}, "name": {Type: graphql.String}},
				Resolve: func(p graphql.ResolveParams) (any, error) {
					ids, err := s.resolveEntity(p.Context, str(p, "id"), str(p, "name"))
					if err != nil || len(ids) == 0 {
						return nil, err
					}
					return loadEntity(p, ids[0])
				},
			},
			"search": {
				Type:        graphql.NewList(graphql.NewNonNull(t.entity)),
				Description: "Entities whose names or aliases match text in any script and width (グーグル, google and Ｇｏｏｇｌｅ find Google): exact names first, then prefixes, sound-alikes across scripts and substrings.",
				Args: graphql.FieldConfigArgument{
					"text":  {Type: graphql.NewNonNull(graphql.String)},
					"type":  {Type: t.entityType},
					"first": {Type: graphql.Int, DefaultValue: 10, Description: "at most this many (1 to 100)"},
				},
				Resolve: func(p graphql.ResolveParams) (any, error) {
					n, err := first(p)
					if err != nil {
						return nil, err
					}
					es, err := s.store.Search(p.Context, str(p, "text"), str(p, "type"), n)
					return nonNilList(es), internal(err)
				},
			},
			"entities": {
				Type:        t.entityConn,
				Description: "Entities, filtered and ordered; the cursors are keyset cursors, stable under inserts.",
				Args: pageArgs(graphql.FieldConfigArgument{
					"filter":  {Type: entityFilter},
					"orderBy": {Type: t.entityOrder, DefaultValue: graph.ByID},
				}),
				Resolve: s.resolveEntities,
			},
			"relations": {
				Type:        t.relationConn,
				Description: "Facts, by subject and object (ids or names) and relation name.",
				Args:        pageArgs(graphql.FieldConfigArgument{"filter": {Type: relationFilter}}),
				Resolve:     s.resolveRelations,
			},
			"quotes": {
				Type:        t.quoteConn,
				Description: "Who said what: by speaker (an id, a name, or an unnamed speaker's words), by what it is about, by words and by date.",
				Args: quoteArgsWith(graphql.FieldConfigArgument{
					"speaker": {Type: graphql.String}, "about": {Type: graphql.String},
				}),
				Resolve: s.resolveQuotes,
			},
			"article": {
				Type: t.article,
				Args: graphql.FieldConfigArgument{"id": {Type: graphql.NewNonNull(graphql.ID)}},
				Resolve: func(p graphql.ResolveParams) (any, error) {
					return loadArticle(p, str(p, "id"))
				},
			},
			"articles": {
				Type: t.articleConn,
				Args: pageArgs(nil),
				Resolve: func(p graphql.ResolveParams) (any, error) {
					page, err := pageOf(p)
					if err != nil {
						return nil, err
					}
					as, err := s.store.ListArticles(p.Context, page)
					if err != nil {
						return nil, internal(err)
					}
					return makeConnection(as, page.First, func(a *graph.Article) string { return a.ID }), nil
				},
			},
			"path": {
				Type:        t.path,
				Description: "A shortest chain of facts from one entity to another (ids or names), walked in either direction; null when there is none within maxHops.",
				Args: graphql.FieldConfigArgument{
					"from":    {Type: graphql.NewNonNull(graphql.String)},
					"to":      {Type: graphql.NewNonNull(graphql.String)},
					"maxHops": {Type: graphql.Int, DefaultValue: 4, Description: "1 to 4"},
				},
				Resolve: s.resolvePath,
			},
			"stats": {
				Type: graphql.NewNonNull(t.stats),
				Resolve: func(p graphql.ResolveParams) (any, error) {
					st, err := s.store.Stats(p.Context)
					return st, internal(err)
				},
			},
		},
	})
}

func quoteArgsWith(extra graphql.FieldConfigArgument) graphql.FieldConfigArgument {
	args := quoteArgs()
	for k, v := range extra {
		args[k] = v
	}
	return args
}

func (s *Schema) mutationType() *graphql.Object {
	input := graphql.NewInputObject(graphql.InputObjectConfig{Name: "ArticleInput", Fields: graphql.InputObjectConfigFieldMap{
		"id":        {Type: graphql.NewNonNull(graphql.ID)},
		"title":     {Type: graphql.String},
		"url":       {Type: graphql.String},
		"published": {Type: graphql.String, Description: "YYYY-MM-DD"},
		"text":      {Type: graphql.NewNonNull(graphql.String)},
	}})
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "Mutation",
		Fields: graphql.Fields{
			"loadArticle": {
				Type:        graphql.NewNonNull(s.t.loadDone),
				Description: "Extract and store an article; the same content again writes nothing. Needs the server's bearer token.",
				Args:        graphql.FieldConfigArgument{"input": {Type: graphql.NewNonNull(input)}},
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if err := s.mayWrite(p.Context); err != nil {
						return nil, err
					}
					in, _ := p.Args["input"].(map[string]any)
					get := func(k string) string { v, _ := in[k].(string); return v }
					a := extract.Article{ID: get("id"), Title: get("title"), URL: get("url"), Published: get("published"), Text: get("text")}
					return s.load(p.Context, a)
				},
			},
			"deleteArticle": {
				Type:        graphql.NewNonNull(graphql.Boolean),
				Description: "Remove an article and what only it supported; false when there was none. Needs the server's bearer token.",
				Args:        graphql.FieldConfigArgument{"id": {Type: graphql.NewNonNull(graphql.ID)}},
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if err := s.mayWrite(p.Context); err != nil {
						return nil, err
					}
					ok, err := s.writer.Delete(p.Context, str(p, "id"))
					return ok, internal(err)
				},
			},
		},
	})
}

// loadResult is what loadArticle returns.
type loadResult struct {
	ID, Outcome                 string
	Entities, Relations, Quotes int
}

// mayWrite checks the request's access before a mutation.
func (s *Schema) mayWrite(ctx context.Context) error {
	a := accessFrom(ctx)
	switch {
	case s.writer == nil:
		return &Error{Code: CodeForbidden, Message: "this server is read-only"}
	case a.Write:
		return nil
	case a.Denied == CodeUnauthenticated:
		return &Error{Code: CodeUnauthenticated, Message: "mutations need the server's bearer token (Authorization: Bearer …)"}
	}
	return &Error{Code: CodeForbidden, Message: "mutations are not allowed here (read-only server, or a GET request)"}
}

func (s *Schema) load(ctx context.Context, a extract.Article) (any, error) {
	res, doc, err := s.writer.LoadArticle(ctx, a)
	if err != nil {
		if graph.IsInputError(err) {
			return nil, badInput("article %q: %v", a.ID, err)
		}
		return nil, internal(err)
	}
	out := loadResult{ID: a.ID, Outcome: strings.ToUpper(res.Outcome.String())}
	if doc != nil {
		out.Entities, out.Relations, out.Quotes = len(doc.Entities), len(doc.Relations), len(doc.Quotes)
	}
	return out, nil
}

func str(p graphql.ResolveParams, name string) string {
	s, _ := p.Args[name].(string)
	return s
}

// first reads the "first" argument, capped.
func first(p graphql.ResolveParams) (int, error) {
	n, ok := p.Args["first"].(int)
	if !ok {
		return 20, nil
	}
	if n < 1 || n > MaxFirst {
		return 0, badInput("first must be between 1 and %d", MaxFirst)
	}
	return n, nil
}

// pageOf reads "first" and "after".
func pageOf(p graphql.ResolveParams) (graph.Page, error) {
	n, err := first(p)
	if err != nil {
		return graph.Page{}, err
	}
	after, err := decodeCursor(str(p, "after"))
	return graph.Page{First: n, After: after}, err
}

func (s *Schema) entityRelations(p graphql.ResolveParams) (any, error) {
	page, err := pageOf(p)
	if err != nil {
		return nil, err
	}
	dir, _ := p.Args["direction"].(graph.Direction)
	k := relKey{id: p.Source.(*graph.Entity).ID, filter: graph.RelationFilter{Direction: dir, Relation: str(p, "relation")}, page: page}
	return thunk(loadersFrom(p.Context).relations.Load(p.Context, k), func(rs []*graph.Relation) (any, error) {
		return makeConnection(rs, page.First, func(r *graph.Relation) string { return r.ID }), nil
	}), nil
}

func (s *Schema) entityNeighbors(p graphql.ResolveParams) (any, error) {
	n, err := first(p)
	if err != nil {
		return nil, err
	}
	depth, _ := p.Args["depth"].(int)
	if depth < 1 || depth > 3 {
		return nil, badInput("depth must be between 1 and 3")
	}
	k := neighborKey{id: p.Source.(*graph.Entity).ID, depth: depth, relation: str(p, "relation"), limit: n}
	return thunk(loadersFrom(p.Context).neighbors.Load(p.Context, k), same[[]graph.Neighbor]), nil
}

func quoteFilterOf(p graphql.ResolveParams) graph.QuoteFilter {
	return graph.QuoteFilter{Since: str(p, "since"), Until: str(p, "until"), Contains: str(p, "contains")}
}

func (s *Schema) entityQuotes(role graph.QuoteRole) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		page, err := pageOf(p)
		if err != nil {
			return nil, err
		}
		k := quoteKey{id: p.Source.(*graph.Entity).ID, role: role, filter: quoteFilterOf(p), page: page}
		return thunk(loadersFrom(p.Context).quotesOf.Load(p.Context, k), func(qs []*graph.Quote) (any, error) {
			return makeConnection(qs, page.First, func(q *graph.Quote) string { return q.ID }), nil
		}), nil
	}
}

func (s *Schema) entityMentions(p graphql.ResolveParams) (any, error) {
	page, err := pageOf(p)
	if err != nil {
		return nil, err
	}
	k := pageKey{id: p.Source.(*graph.Entity).ID, page: page}
	return thunk(loadersFrom(p.Context).mentions.Load(p.Context, k), func(ms []graph.Mention) (any, error) {
		return makeConnection(ms, page.First, func(m graph.Mention) string { return m.Article }), nil
	}), nil
}

func loadStatement(p graphql.ResolveParams, id string) (any, error) {
	if id == "" {
		return nil, nil
	}
	return thunk(loadersFrom(p.Context).statements.Load(p.Context, id), func(r *graph.Relation) (any, error) {
		if r == nil {
			return nil, nil
		}
		return r, nil
	}), nil
}

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

// lookup resolves a string that is an entity id or a name: the id itself when it names an
// entity, else the entities with that exact name or alias, else the best search match.
func (s *Schema) lookup(ctx context.Context, key string) ([]string, error) {
	es, err := s.store.Entities(ctx, []string{key})
	if err != nil {
		return nil, internal(err)
	}
	if es[0] != nil {
		return []string{key}, nil
	}
	page, err := s.store.ListEntities(ctx, graph.EntityQuery{Name: key})
	if err != nil {
		return nil, internal(err)
	}
	ids := make([]string, len(page.Entities))
	for i, e := range page.Entities {
		ids[i] = e.ID
	}
	if len(ids) == 0 {
		// Another script or width: the best search hit, if it is an exact or sound-alike match.
		hits, err := s.store.Search(ctx, key, "", 1)
		if err != nil {
			return nil, internal(err)
		}
		if len(hits) > 0 {
			ids = []string{hits[0].ID}
		}
	}
	return ids, nil
}

func (s *Schema) resolveEntities(p graphql.ResolveParams) (any, error) {
	page, err := pageOf(p)
	if err != nil {
		return nil, err
	}
	q := graph.EntityQuery{Page: page}
	q.OrderBy, _ = p.Args["orderBy"].(string)
	if f, ok := p.Args["filter"].(map[string]any); ok {
		q.Type, _ = f["type"].(string)
		q.Name, _ = f["name"].(string)
		q.NameContains, _ = f["nameContains"].(string)
	}
	res, err := s.store.ListEntities(p.Context, q)
	if err != nil {
		return nil, internal(err)
	}
	c := connection{Edges: []edge{}, HasNext: res.More, Total: res.Total}
	for i, e := range res.Entities {
		c.Edges = append(c.Edges, edge{Cursor: cursor(res.Cursors[i]), Node: e})
	}
	return c, nil
}

func (s *Schema) resolveRelations(p graphql.ResolveParams) (any, error) {
	page, err := pageOf(p)
	if err != nil {
		return nil, err
	}
	f, _ := p.Args["filter"].(map[string]any)
	get := func(k string) string { v, _ := f[k].(string); return v }
	subjects, objects := []string{""}, []string{""}
	if v := get("subject"); v != "" {
		if subjects, err = s.lookup(p.Context, v); err != nil {
			return nil, err
		}
	}
	if v := get("object"); v != "" {
		if objects, err = s.lookup(p.Context, v); err != nil {
			return nil, err
		}
	}
	var out []*graph.Relation
	for _, subj := range subjects {
		for _, obj := range objects {
			rs, err := s.store.Relations(p.Context, graph.RelationQuery{Subject: subj, Object: obj, Relation: get("relation"), Page: page})
			if err != nil {
				return nil, internal(err)
			}
			out = append(out, rs...)
		}
	}
	slices.SortFunc(out, func(a, b *graph.Relation) int { return strings.Compare(a.ID, b.ID) })
	out = slices.CompactFunc(out, func(a, b *graph.Relation) bool { return a.ID == b.ID })
	return makeConnection(out, page.First, func(r *graph.Relation) string { return r.ID }), nil
}

func (s *Schema) resolveQuotes(p graphql.ResolveParams) (any, error) {
	page, err := pageOf(p)
	if err != nil {
		return nil, err
	}
	filter := quoteFilterOf(p)
	var queries []graph.QuoteQuery
	abouts := []string{""}
	if v := str(p, "about"); v != "" {
		if abouts, err = s.lookup(p.Context, v); err != nil {
			return nil, err
		}
		if len(abouts) == 0 {
			return makeConnection([]*graph.Quote{}, page.First, func(q *graph.Quote) string { return q.ID }), nil
		}
	}
	for _, about := range abouts {
		base := graph.QuoteQuery{About: about, QuoteFilter: filter, Page: page}
		if v := str(p, "speaker"); v != "" {
			speakers, err := s.lookup(p.Context, v)
			if err != nil {
				return nil, err
			}
			for _, sp := range speakers {
				q := base
				q.Speaker = sp
				queries = append(queries, q)
			}
			// An unnamed speaker is known by their words.
			q := base
			q.SpeakerText = v
			queries = append(queries, q)
		} else {
			queries = append(queries, base)
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
	slices.SortFunc(out, func(a, b *graph.Quote) int { return strings.Compare(a.ID, b.ID) })
	return makeConnection(out, page.First, func(q *graph.Quote) string { return q.ID }), nil
}

func (s *Schema) resolvePath(p graphql.ResolveParams) (any, error) {
	hops, _ := p.Args["maxHops"].(int)
	if hops < 1 || hops > 4 {
		return nil, badInput("maxHops must be between 1 and 4")
	}
	ends := make([]string, 2)
	for i, arg := range []string{"from", "to"} {
		ids, err := s.lookup(p.Context, str(p, arg))
		if err != nil {
			return nil, err
		}
		if len(ids) == 0 {
			return nil, nil
		}
		ends[i] = ids[0]
	}
	path, err := s.store.Path(p.Context, ends[0], ends[1], hops)
	if err != nil {
		return nil, internal(err)
	}
	if path == nil {
		return nil, nil
	}
	return path, nil
}

func nonNilList[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}
