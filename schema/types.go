package schema

import (
	"github.com/graphql-go/graphql"

	"github.com/kg-news/kg/graph"
)

func (s *Schema) queryType() *graphql.Object {
	var entity, relation, quote, article *graphql.Object
	pageArgs := func(extra graphql.FieldConfigArgument) graphql.FieldConfigArgument {
		args := graphql.FieldConfigArgument{
			"first": {Type: graphql.Int, DefaultValue: 20, Description: "at most this many (≤ 100)"},
			"after": {Type: graphql.String, Description: "the id after which the page starts"},
		}
		for k, v := range extra {
			args[k] = v
		}
		return args
	}

	article = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Article",
		Description: "A news article the graph was built from.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id":        {Type: graphql.NewNonNull(graphql.ID), Resolve: field(func(a *graph.Article) any { return a.ID })},
				"title":     {Type: graphql.String, Resolve: field(func(a *graph.Article) any { return nilIfEmpty(a.Title) })},
				"url":       {Type: graphql.String, Resolve: field(func(a *graph.Article) any { return nilIfEmpty(a.URL) })},
				"published": {Type: graphql.String, Resolve: field(func(a *graph.Article) any { return nilIfEmpty(a.Published) })},
				"quotes": {
					Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(quote))),
					Description: "Who said what in this article.",
					Resolve: func(p graphql.ResolveParams) (any, error) {
						qs, err := s.store.Quotes(p.Context, graph.QuoteQuery{Article: p.Source.(*graph.Article).ID})
						return qs, internal(err)
					},
				},
			}
		}),
	})

	evidence := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Evidence",
		Description: "Where a relation was found: the article, the sentence and code-point offsets into the article text.",
		Fields: graphql.Fields{
			"article": {Type: article, Resolve: func(p graphql.ResolveParams) (any, error) {
				return loadArticle(p, p.Source.(graph.Evidence).Article)
			}},
			"sentence":   {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(e graph.Evidence) any { return e.Sentence })},
			"start":      {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(e graph.Evidence) any { return e.Start })},
			"end":        {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(e graph.Evidence) any { return e.End })},
			"text":       {Type: graphql.String, Description: "the original predicate", Resolve: field(func(e graph.Evidence) any { return e.Text })},
			"confidence": {Type: graphql.NewNonNull(graphql.Float), Resolve: field(func(e graph.Evidence) any { return e.Confidence })},
		},
	})

	relation = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Relation",
		Description: "A fact: subject, relation, and an entity or a literal value as object, with the evidence for it.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id": {Type: graphql.NewNonNull(graphql.ID), Resolve: field(func(r *graph.Relation) any { return r.ID })},
				"subject": {Type: entity, Resolve: func(p graphql.ResolveParams) (any, error) {
					return loadEntity(p, p.Source.(*graph.Relation).Subject)
				}},
				"relation": {Type: graphql.NewNonNull(graphql.String), Resolve: field(func(r *graph.Relation) any { return r.Relation })},
				"object": {Type: entity, Resolve: func(p graphql.ResolveParams) (any, error) {
					return loadEntity(p, p.Source.(*graph.Relation).Object)
				}},
				"value":    {Type: graphql.String, Description: "the literal object (a role, an alias)", Resolve: field(func(r *graph.Relation) any { return nilIfEmpty(r.Value) })},
				"negated":  {Type: graphql.NewNonNull(graphql.Boolean), Resolve: field(func(r *graph.Relation) any { return r.Negated })},
				"evidence": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(evidence))), Resolve: field(func(r *graph.Relation) any { return r.Evidence })},
			}
		}),
	})

	quote = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Quote",
		Description: "Something said, with who said it, what it is about and where it stands.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id": {Type: graphql.NewNonNull(graphql.ID), Resolve: field(func(q *graph.Quote) any { return q.ID })},
				"speaker": {Type: entity, Description: "null when the speaker is unnamed", Resolve: func(p graphql.ResolveParams) (any, error) {
					return loadEntity(p, p.Source.(*graph.Quote).Speaker)
				}},
				"speakerText": {Type: graphql.NewNonNull(graphql.String), Resolve: field(func(q *graph.Quote) any { return q.SpeakerText })},
				"text":        {Type: graphql.NewNonNull(graphql.String), Resolve: field(func(q *graph.Quote) any { return q.Text })},
				"verb":        {Type: graphql.String, Resolve: field(func(q *graph.Quote) any { return q.Verb })},
				"about": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(entity))), Resolve: func(p graphql.ResolveParams) (any, error) {
					ids := p.Source.(*graph.Quote).About
					if len(ids) == 0 {
						return []*graph.Entity{}, nil
					}
					t := loadersFrom(p.Context).entities.LoadMany(p.Context, ids)
					return func() (any, error) {
						es, errs := t()
						out := make([]*graph.Entity, 0, len(es))
						for i, e := range es {
							if len(errs) > i && errs[i] != nil {
								return nil, errs[i]
							}
							if e != nil {
								out = append(out, e)
							}
						}
						return out, nil
					}, nil
				}},
				"article": {Type: article, Resolve: func(p graphql.ResolveParams) (any, error) {
					return loadArticle(p, p.Source.(*graph.Quote).Article)
				}},
				"sentence":   {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(q *graph.Quote) any { return q.Sentence })},
				"start":      {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(q *graph.Quote) any { return q.Start })},
				"end":        {Type: graphql.NewNonNull(graphql.Int), Resolve: field(func(q *graph.Quote) any { return q.End })},
				"confidence": {Type: graphql.NewNonNull(graphql.Float), Resolve: field(func(q *graph.Quote) any { return q.Confidence })},
			}
		}),
	})

	entity = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Entity",
		Description: "A person, firm, organization, country, location, product or event, merged across articles.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id":           {Type: graphql.NewNonNull(graphql.ID), Resolve: field(func(e *graph.Entity) any { return e.ID })},
				"name":         {Type: graphql.NewNonNull(graphql.String), Resolve: field(func(e *graph.Entity) any { return e.Name })},
				"type":         {Type: graphql.NewNonNull(graphql.String), Resolve: field(func(e *graph.Entity) any { return e.Type })},
				"aliases":      {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.String))), Resolve: field(func(e *graph.Entity) any { return nonNil(e.Aliases) })},
				"articleCount": {Type: graphql.NewNonNull(graphql.Int), Description: "articles that mention it", Resolve: field(func(e *graph.Entity) any { return e.Articles })},
				"relations": {
					Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(relation))),
					Description: "Facts with this entity as subject.",
					Args:        pageArgs(graphql.FieldConfigArgument{"relation": {Type: graphql.String}}),
					Resolve: func(p graphql.ResolveParams) (any, error) {
						n, err := first(p)
						if err != nil {
							return nil, err
						}
						rs, err := s.store.Relations(p.Context, graph.RelationQuery{Subject: p.Source.(*graph.Entity).ID,
							Relation: str(p, "relation"), Page: graph.Page{First: n, After: str(p, "after")}})
						return rs, internal(err)
					},
				},
				"said": {
					Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(quote))),
					Description: "Quotes with this entity as speaker.",
					Args:        pageArgs(nil),
					Resolve: func(p graphql.ResolveParams) (any, error) {
						n, err := first(p)
						if err != nil {
							return nil, err
						}
						qs, err := s.store.Quotes(p.Context, graph.QuoteQuery{Speaker: p.Source.(*graph.Entity).ID,
							Page: graph.Page{First: n, After: str(p, "after")}})
						return qs, internal(err)
					},
				},
			}
		}),
	})

	return graphql.NewObject(graphql.ObjectConfig{
		Name: "Query",
		Fields: graphql.Fields{
			"entity": {
				Type:        entity,
				Description: "An entity by id, or by name or alias (in any script or width).",
				Args:        graphql.FieldConfigArgument{"id": {Type: graphql.ID}, "name": {Type: graphql.String}},
				Resolve: func(p graphql.ResolveParams) (any, error) {
					ids, err := s.resolveEntity(p.Context, str(p, "id"), str(p, "name"))
					if err != nil || len(ids) == 0 {
						return nil, err
					}
					return loadEntity(p, ids[0])
				},
			},
			"entities": {
				Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(entity))),
				Description: "Entities ordered by id, optionally of one type or with a name containing some text.",
				Args: pageArgs(graphql.FieldConfigArgument{
					"type":         {Type: graphql.String, Description: "Person, Firm, Organization, Country, Location, Product or Event"},
					"nameContains": {Type: graphql.String},
				}),
				Resolve: func(p graphql.ResolveParams) (any, error) {
					n, err := first(p)
					if err != nil {
						return nil, err
					}
					es, err := s.store.FindEntities(p.Context, graph.EntityQuery{Type: str(p, "type"),
						NameContains: str(p, "nameContains"), Page: graph.Page{First: n, After: str(p, "after")}})
					return es, internal(err)
				},
			},
			"relations": {
				Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(relation))),
				Description: "Facts, by subject and object (ids or names) and relation name.",
				Args: pageArgs(graphql.FieldConfigArgument{
					"subject": {Type: graphql.String}, "relation": {Type: graphql.String}, "object": {Type: graphql.String},
				}),
				Resolve: s.resolveRelations,
			},
			"quotes": {
				Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(quote))),
				Description: "Who said what: by speaker (an id, a name, or an unnamed speaker's words) and by what it is about.",
				Args: pageArgs(graphql.FieldConfigArgument{
					"speaker": {Type: graphql.String}, "about": {Type: graphql.String},
				}),
				Resolve: s.resolveQuotes,
			},
			"article": {
				Type: article,
				Args: graphql.FieldConfigArgument{"id": {Type: graphql.NewNonNull(graphql.ID)}},
				Resolve: func(p graphql.ResolveParams) (any, error) {
					return loadArticle(p, str(p, "id"))
				},
			},
			"articles": {
				Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(article))),
				Args: pageArgs(nil),
				Resolve: func(p graphql.ResolveParams) (any, error) {
					n, err := first(p)
					if err != nil {
						return nil, err
					}
					as, err := s.store.ListArticles(p.Context, graph.Page{First: n, After: str(p, "after")})
					return as, internal(err)
				},
			},
		},
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
