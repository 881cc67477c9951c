package schema

import (
	"github.com/graphql-go/graphql"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
)

// connection is a Relay connection as resolved.
type connection struct {
	Edges   []edge
	HasNext bool
	Total   int
}

type edge struct {
	Cursor string
	Node   any
}

// makeConnection turns a page read with one item more than asked into a connection.
func makeConnection[T any](items []T, first int, key func(T) string) connection {
	c := connection{Edges: []edge{}}
	if len(items) > first {
		items, c.HasNext = items[:first], true
	}
	for _, it := range items {
		c.Edges = append(c.Edges, edge{Cursor: cursor(key(it)), Node: it})
	}
	return c
}

type types struct {
	entityType, direction, entityOrder                 *graphql.Enum
	pageInfo                                           *graphql.Object
	entity, relation, evidence, quote, article         *graphql.Object
	mention, neighbor, path, pathStep, stats, loadDone *graphql.Object
	entityConn, relationConn, quoteConn                *graphql.Object
	articleConn, mentionConn                           *graphql.Object
}

func (s *Schema) buildTypes() *types {
	t := &types{}
	values := graphql.EnumValueConfigMap{}
	for _, ty := range extract.Types() {
		values[ty] = &graphql.EnumValueConfig{Value: ty}
	}
	t.entityType = graphql.NewEnum(graphql.EnumConfig{Name: "EntityType", Values: values,
		Description: "The kind of thing an entity is (../shared/ontology.md)."})
	t.direction = graphql.NewEnum(graphql.EnumConfig{Name: "Direction", Values: graphql.EnumValueConfigMap{
		"OUT":  {Value: graph.Out, Description: "the entity is the subject"},
		"IN":   {Value: graph.In, Description: "the entity is the object"},
		"BOTH": {Value: graph.Both},
	}})
	t.entityOrder = graphql.NewEnum(graphql.EnumConfig{Name: "EntityOrder", Values: graphql.EnumValueConfigMap{
		"ID":       {Value: graph.ByID},
		"NAME":     {Value: graph.ByName},
		"ARTICLES": {Value: graph.ByArticles, Description: "most mentioned first"},
	}})
	t.pageInfo = graphql.NewObject(graphql.ObjectConfig{Name: "PageInfo", Fields: graphql.Fields{
		"hasNextPage": {Type: graphql.NewNonNull(graphql.Boolean), Resolve: field(func(c connection) any { return c.HasNext })},
		"endCursor": {Type: graphql.String, Resolve: field(func(c connection) any {
			if len(c.Edges) == 0 {
				return nil
			}
			return c.Edges[len(c.Edges)-1].Cursor
		})},
	}})
	conn := func(name string, node graphql.Output, total bool, edgeFields graphql.Fields) *graphql.Object {
		ef := graphql.Fields{
			"cursor": {Type: graphql.NewNonNull(graphql.String), Resolve: field(func(e edge) any { return e.Cursor })},
			"node":   {Type: graphql.NewNonNull(node), Resolve: field(func(e edge) any { return e.Node })},
		}
		for k, v := range edgeFields {
			ef[k] = v
		}
		e := graphql.NewObject(graphql.ObjectConfig{Name: name + "Edge", Fields: ef})
		fields := graphql.Fields{
			"edges":    {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(e))), Resolve: field(func(c connection) any { return c.Edges })},
			"pageInfo": {Type: graphql.NewNonNull(t.pageInfo), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source, nil }},
		}
		if total {
			fields["totalCount"] = &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(c connection) any { return c.Total })}
		}
		return graphql.NewObject(graphql.ObjectConfig{Name: name + "Connection", Fields: fields})
	}

	t.article = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Article",
		Description: "A news article the graph was built from.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id":        {Type: graphql.NewNonNull(graphql.ID), Resolve: field(func(a *graph.Article) any { return a.ID })},
				"title":     {Type: graphql.String, Resolve: field(func(a *graph.Article) any { return nilIfEmpty(a.Title) })},
				"url":       {Type: graphql.String, Resolve: field(func(a *graph.Article) any { return nilIfEmpty(a.URL) })},
				"published": {Type: graphql.String, Resolve: field(func(a *graph.Article) any { return nilIfEmpty(a.Published) })},
				"entities": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t.entity))), Description: "The entities it mentions.",
					Resolve: func(p graphql.ResolveParams) (any, error) {
						return thunk(loadersFrom(p.Context).articleEntities.Load(p.Context, p.Source.(*graph.Article).ID), same[[]*graph.Entity]), nil
					}},
				"relations": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t.relation))), Description: "The facts it is evidence for.",
					Resolve: func(p graphql.ResolveParams) (any, error) {
						return thunk(loadersFrom(p.Context).articleRelations.Load(p.Context, p.Source.(*graph.Article).ID), same[[]*graph.Relation]), nil
					}},
				"quotes": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t.quote))), Description: "Who said what in it.",
					Resolve: func(p graphql.ResolveParams) (any, error) {
						return thunk(loadersFrom(p.Context).articleQuotes.Load(p.Context, p.Source.(*graph.Article).ID), same[[]*graph.Quote]), nil
					}},
			}
		}),
	})

	t.evidence = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Evidence",
		Description: "Where a relation was found: the article, the sentence and code-point offsets into the article text.",
		Fields: graphql.Fields{
			"article": {Type: t.article, Resolve: func(p graphql.ResolveParams) (any, error) {
				return loadArticle(p, p.Source.(graph.Evidence).Article)
			}},
			"sentence":   {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(e graph.Evidence) any { return e.Sentence })},
			"start":      {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(e graph.Evidence) any { return e.Start })},
			"end":        {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(e graph.Evidence) any { return e.End })},
			"snippet":    {Type: graphql.String, Description: "the sentence", Resolve: field(func(e graph.Evidence) any { return nilIfEmpty(e.Snippet) })},
			"text":       {Type: graphql.String, Description: "the original predicate", Resolve: field(func(e graph.Evidence) any { return nilIfEmpty(e.Text) })},
			"confidence": {Type: graphql.NewNonNull(graphql.Float), Resolve: field(func(e graph.Evidence) any { return e.Confidence })},
		},
	})

	t.relation = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Relation",
		Description: "A fact: subject, relation, and an entity or a literal value as object, with the evidence for it.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id": {Type: graphql.NewNonNull(graphql.ID), Resolve: field(func(r *graph.Relation) any { return r.ID })},
				"subject": {Type: t.entity, Resolve: func(p graphql.ResolveParams) (any, error) {
					return loadEntity(p, p.Source.(*graph.Relation).Subject)
				}},
				"relation": {Type: graphql.NewNonNull(graphql.String), Description: "the ontology's relation name",
					Resolve: field(func(r *graph.Relation) any { return r.Relation })},
				"object": {Type: t.entity, Description: "null when the object is a literal value", Resolve: func(p graphql.ResolveParams) (any, error) {
					return loadEntity(p, p.Source.(*graph.Relation).Object)
				}},
				"value":      {Type: graphql.String, Description: "the literal object (a role, an alias)", Resolve: field(func(r *graph.Relation) any { return nilIfEmpty(r.Value) })},
				"text":       {Type: graphql.String, Description: "the original predicate", Resolve: field(func(r *graph.Relation) any { return nilIfEmpty(r.Text) })},
				"confidence": {Type: graphql.NewNonNull(graphql.Float), Description: "the highest of its evidence", Resolve: field(func(r *graph.Relation) any { return r.Confidence })},
				"negated":    {Type: graphql.NewNonNull(graphql.Boolean), Resolve: field(func(r *graph.Relation) any { return r.Negated })},
				"evidence":   {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t.evidence))), Resolve: field(func(r *graph.Relation) any { return r.Evidence })},
			}
		}),
	})

	t.quote = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Quote",
		Description: "Something said, with who said it, what it is about and where it stands.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id": {Type: graphql.NewNonNull(graphql.ID), Resolve: field(func(q *graph.Quote) any { return q.ID })},
				"speaker": {Type: t.entity, Description: "null when the speaker is unnamed", Resolve: func(p graphql.ResolveParams) (any, error) {
					return loadEntity(p, p.Source.(*graph.Quote).Speaker)
				}},
				"speakerText": {Type: graphql.NewNonNull(graphql.String), Description: "the speaker as the article names them",
					Resolve: field(func(q *graph.Quote) any { return q.SpeakerText })},
				"text": {Type: graphql.NewNonNull(graphql.String), Resolve: field(func(q *graph.Quote) any { return q.Text })},
				"verb": {Type: graphql.String, Resolve: field(func(q *graph.Quote) any { return nilIfEmpty(q.Verb) })},
				"about": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t.entity))), Resolve: func(p graphql.ResolveParams) (any, error) {
					return loadMany(p.Context, loadersFrom(p.Context).entities, p.Source.(*graph.Quote).About), nil
				}},
				"article": {Type: t.article, Resolve: func(p graphql.ResolveParams) (any, error) {
					return loadArticle(p, p.Source.(*graph.Quote).Article)
				}},
				"sentence":   {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(q *graph.Quote) any { return q.Sentence })},
				"start":      {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(q *graph.Quote) any { return q.Start })},
				"end":        {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(q *graph.Quote) any { return q.End })},
				"confidence": {Type: graphql.NewNonNull(graphql.Float), Resolve: field(func(q *graph.Quote) any { return q.Confidence })},
			}
		}),
	})

	t.mention = graphql.NewObject(graphql.ObjectConfig{
		Name: "Mention", Description: "An article that names an entity, and how often.",
		Fields: graphql.Fields{
			"article": {Type: t.article, Resolve: func(p graphql.ResolveParams) (any, error) {
				return loadArticle(p, p.Source.(graph.Mention).Article)
			}},
			"count": {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(m graph.Mention) any { return m.Count })},
		},
	})

	t.neighbor = graphql.NewObject(graphql.ObjectConfig{
		Name: "Neighbor", Description: "An entity reached from another, with the fact it was first reached through.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"entity": {Type: t.entity, Resolve: func(p graphql.ResolveParams) (any, error) { return loadEntity(p, p.Source.(graph.Neighbor).Entity) }},
				"depth":  {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(n graph.Neighbor) any { return n.Depth })},
				"via": {Type: t.relation, Resolve: func(p graphql.ResolveParams) (any, error) {
					return loadStatement(p, p.Source.(graph.Neighbor).Via.Statement)
				}},
				"from": {Type: t.entity, Description: "the entity the last step left from", Resolve: func(p graphql.ResolveParams) (any, error) {
					return loadEntity(p, p.Source.(graph.Neighbor).Via.From)
				}},
			}
		}),
	})

	t.pathStep = graphql.NewObject(graphql.ObjectConfig{
		Name: "PathStep", Description: "One fact on a path, walked forward (subject to object) or backward.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"from":    {Type: t.entity, Resolve: func(p graphql.ResolveParams) (any, error) { return loadEntity(p, p.Source.(graph.Edge).From) }},
				"to":      {Type: t.entity, Resolve: func(p graphql.ResolveParams) (any, error) { return loadEntity(p, p.Source.(graph.Edge).To) }},
				"forward": {Type: graphql.NewNonNull(graphql.Boolean), Resolve: field(func(e graph.Edge) any { return e.Forward })},
				"relation": {Type: t.relation, Resolve: func(p graphql.ResolveParams) (any, error) {
					return loadStatement(p, p.Source.(graph.Edge).Statement)
				}},
			}
		}),
	})
	t.path = graphql.NewObject(graphql.ObjectConfig{
		Name: "Path", Description: "A shortest chain of facts between two entities.",
		Fields: graphql.Fields{
			"length": {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(es []graph.Edge) any { return len(es) })},
			"steps":  {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t.pathStep))), Resolve: field(func(es []graph.Edge) any { return es })},
		},
	})

	t.stats = graphql.NewObject(graphql.ObjectConfig{
		Name: "Stats", Fields: graphql.Fields{
			"articles":  {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(s graph.Stats) any { return s.Articles })},
			"entities":  {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(s graph.Stats) any { return s.Entities })},
			"relations": {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(s graph.Stats) any { return s.Relations })},
			"quotes":    {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(s graph.Stats) any { return s.Quotes })},
			"quads":     {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(s graph.Stats) any { return s.Quads })},
		},
	})

	t.relationConn = conn("Relation", t.relation, false, nil)
	t.quoteConn = conn("Quote", t.quote, false, nil)
	t.articleConn = conn("Article", t.article, false, nil)
	t.mentionConn = conn("Mention", t.mention, false, nil)

	t.entity = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Entity",
		Description: "A person, firm, organization, country, location, product or event, merged across articles and scripts.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id":           {Type: graphql.NewNonNull(graphql.ID), Resolve: field(func(e *graph.Entity) any { return e.ID })},
				"name":         {Type: graphql.NewNonNull(graphql.String), Resolve: field(func(e *graph.Entity) any { return e.Name })},
				"type":         {Type: graphql.NewNonNull(t.entityType), Resolve: field(func(e *graph.Entity) any { return e.Type })},
				"aliases":      {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.String))), Resolve: field(func(e *graph.Entity) any { return nonNil(e.Aliases) })},
				"mentionCount": {Type: graphql.NewNonNull(graphql.Int), Description: "the number of articles that mention it", Resolve: field(func(e *graph.Entity) any { return e.Articles })},
				"relations": {
					Type:        t.relationConn,
					Description: "Facts about it: as subject (OUT), as object (IN) or both.",
					Args: pageArgs(graphql.FieldConfigArgument{
						"direction": {Type: t.direction, DefaultValue: graph.Out},
						"relation":  {Type: graphql.String, Description: "only this relation (works_at, develops, …)"},
					}),
					Resolve: s.entityRelations,
				},
				"neighbors": {
					Type:        graphql.NewList(graphql.NewNonNull(t.neighbor)),
					Description: "Entities within depth facts of it, nearest first.",
					Args: graphql.FieldConfigArgument{
						"depth":    {Type: graphql.Int, DefaultValue: 1, Description: "1 to 3"},
						"relation": {Type: graphql.String, Description: "walk only this relation"},
						"first":    {Type: graphql.Int, DefaultValue: 20, Description: "at most this many (≤ 100)"},
					},
					Resolve: s.entityNeighbors,
				},
				"said":        {Type: t.quoteConn, Description: "Quotes it said.", Args: quoteArgs(), Resolve: s.entityQuotes(graph.Speaker)},
				"quotedAbout": {Type: t.quoteConn, Description: "Quotes about it.", Args: quoteArgs(), Resolve: s.entityQuotes(graph.About)},
				"mentionedIn": {Type: t.mentionConn, Description: "Articles that name it.", Args: pageArgs(nil), Resolve: s.entityMentions},
			}
		}),
	})
	t.entityConn = conn("Entity", t.entity, true, nil)

	t.loadDone = graphql.NewObject(graphql.ObjectConfig{
		Name: "LoadResult", Fields: graphql.Fields{
			"outcome":   {Type: graphql.NewNonNull(graphql.String), Description: "NEW, UNCHANGED or REPLACED", Resolve: field(func(r loadResult) any { return r.Outcome })},
			"article":   {Type: t.article, Resolve: func(p graphql.ResolveParams) (any, error) { return loadArticle(p, p.Source.(loadResult).ID) }},
			"entities":  {Type: graphql.NewNonNull(graphql.Int), Description: "extracted (0 when unchanged)", Resolve: field(func(r loadResult) any { return r.Entities })},
			"relations": {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(r loadResult) any { return r.Relations })},
			"quotes":    {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(r loadResult) any { return r.Quotes })},
		},
	})
	return t
}

func pageArgs(extra graphql.FieldConfigArgument) graphql.FieldConfigArgument {
	args := graphql.FieldConfigArgument{
		"first": {Type: graphql.Int, DefaultValue: 20, Description: "at most this many (1 to 100)"},
		"after": {Type: graphql.String, Description: "the endCursor of the page before"},
	}
	for k, v := range extra {
		args[k] = v
	}
	return args
}

func quoteArgs() graphql.FieldConfigArgument {
	return pageArgs(graphql.FieldConfigArgument{
		"since":    {Type: graphql.String, Description: "articles published on or after this date (YYYY-MM-DD)"},
		"until":    {Type: graphql.String, Description: "articles published before this date (YYYY-MM-DD)"},
		"contains": {Type: graphql.String, Description: "quotes containing these words (any width or case)"},
	})
}

// field adapts a getter on a source value to a resolver.
func field[T any](get func(T) any) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		v, ok := p.Source.(T)
		if !ok {
			return nil, nil
		}
		return get(v), nil
	}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}
