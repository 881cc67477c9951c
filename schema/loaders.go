package schema

import (
	"context"

	"github.com/graph-gophers/dataloader/v7"
	"github.com/graphql-go/graphql"

	"github.com/kg-news/kg/graph"
)

// loaders batch the reads of one request: every resolver of a level asks for its keys, and the
// first thunk called reads them all in one store call (see onDemand).
type loaders struct {
	entities   loader[string, *graph.Entity]
	articles   loader[string, *graph.Article]
	statements loader[string, *graph.Relation]
	quotes     loader[string, *graph.Quote]
	// The entities, facts and quotes of articles: one batch reads the contents of every
	// article asked for, then every item they name.
	articleEntities  loader[string, []*graph.Entity]
	articleRelations loader[string, []*graph.Relation]
	articleQuotes    loader[string, []*graph.Quote]
	relations        loader[relKey, []*graph.Relation]
	quotesOf         loader[quoteKey, []*graph.Quote]
	mentions         loader[pageKey, []graph.Mention]
	neighbors        loader[neighborKey, []graph.Neighbor]
}

type loadersKey struct{}

// relKey asks for a page of an entity's statements.
type relKey struct {
	id     string
	filter graph.RelationFilter
	page   graph.Page
}

// quoteKey asks for a page of an entity's quotes.
type quoteKey struct {
	id     string
	role   graph.QuoteRole
	filter graph.QuoteFilter
	page   graph.Page
}

type pageKey struct {
	id   string
	page graph.Page
}

type neighborKey struct {
	id       string
	depth    int
	relation string
	limit    int
}

func (s *Schema) newLoaders() *loaders {
	w := s.wait
	return &loaders{
		entities:         newLoader(byID(s.store.Entities), w),
		articles:         newLoader(byID(s.store.Articles), w),
		statements:       newLoader(byID(s.store.Statements), w),
		quotes:           newLoader(byID(s.store.QuotesByID), w),
		articleEntities:  newLoader(contentsOf(s.store, s.store.Entities, func(c graph.ArticleContents) []string { return c.Entities }), w),
		articleRelations: newLoader(contentsOf(s.store, s.store.Statements, func(c graph.ArticleContents) []string { return c.Relations }), w),
		articleQuotes:    newLoader(contentsOf(s.store, s.store.QuotesByID, func(c graph.ArticleContents) []string { return c.Quotes }), w),
		relations: newLoader(grouped(func(ctx context.Context, k relKey, ids []string) ([][]*graph.Relation, error) {
			return s.store.RelationsOf(ctx, ids, k.filter, k.page)
		}, func(k relKey) (string, relKey) { id := k.id; k.id = ""; return id, k }), w),
		quotesOf: newLoader(grouped(func(ctx context.Context, k quoteKey, ids []string) ([][]*graph.Quote, error) {
			return s.store.QuotesOf(ctx, ids, k.role, k.filter, k.page)
		}, func(k quoteKey) (string, quoteKey) { id := k.id; k.id = ""; return id, k }), w),
		mentions: newLoader(grouped(func(ctx context.Context, k pageKey, ids []string) ([][]graph.Mention, error) {
			return s.store.MentionsOf(ctx, ids, k.page)
		}, func(k pageKey) (string, pageKey) { id := k.id; k.id = ""; return id, k }), w),
		neighbors: newLoader(grouped(func(ctx context.Context, k neighborKey, ids []string) ([][]graph.Neighbor, error) {
			return s.store.NeighborsOf(ctx, ids, k.depth, k.relation, k.limit)
		}, func(k neighborKey) (string, neighborKey) { id := k.id; k.id = ""; return id, k }), w),
	}
}

// contentsOf makes the batch function of an article-items loader: the contents of all the
// articles, then all the items they name, in two store calls.
func contentsOf[V any](store Store, read func(context.Context, []string) ([]*V, error), pick func(graph.ArticleContents) []string) dataloader.BatchFunc[string, []*V] {
	return func(ctx context.Context, ids []string) []*dataloader.Result[[]*V] {
		cs, err := store.ArticleContents(ctx, ids)
		if err != nil {
			return results(len(ids), err, func(int) []*V { return nil })
		}
		var all []string
		for _, c := range cs {
			all = append(all, pick(c)...)
		}
		byID := map[string]*V{}
		if len(all) > 0 {
			vs, err := read(ctx, all)
			if err != nil {
				return results(len(ids), err, func(int) []*V { return nil })
			}
			for i, id := range all {
				byID[id] = vs[i]
			}
		}
		return results(len(ids), nil, func(i int) []*V {
			out := []*V{}
			for _, id := range pick(cs[i]) {
				if v := byID[id]; v != nil {
					out = append(out, v)
				}
			}
			return out
		})
	}
}

func results[V any](n int, err error, at func(int) V) []*dataloader.Result[V] {
	out := make([]*dataloader.Result[V], n)
	for i := range out {
		out[i] = &dataloader.Result[V]{Error: internal(err)}
		if err == nil {
			out[i].Data = at(i)
		}
	}
	return out
}

// byID adapts a store read of many ids to a loader's batch function.
func byID[V any](read func(context.Context, []string) ([]*V, error)) dataloader.BatchFunc[string, *V] {
	return func(ctx context.Context, ids []string) []*dataloader.Result[*V] {
		vs, err := read(ctx, ids)
		return results(len(ids), err, func(i int) *V { return vs[i] })
	}
}

// grouped makes a batch function for keys made of an id and arguments: keys with the same
// arguments are read in one store call.
func grouped[K comparable, V any](read func(context.Context, K, []string) ([]V, error), split func(K) (string, K)) dataloader.BatchFunc[K, V] {
	return func(ctx context.Context, keys []K) []*dataloader.Result[V] {
		out := make([]*dataloader.Result[V], len(keys))
		groups := map[K][]int{}
		var order []K
		for i, k := range keys {
			_, args := split(k)
			if _, ok := groups[args]; !ok {
				order = append(order, args)
			}
			groups[args] = append(groups[args], i)
		}
		for _, args := range order {
			idx := groups[args]
			ids := make([]string, len(idx))
			for j, i := range idx {
				ids[j], _ = split(keys[i])
			}
			vs, err := read(ctx, args, ids)
			for j, i := range idx {
				out[i] = &dataloader.Result[V]{Error: internal(err)}
				if err == nil {
					out[i].Data = vs[j]
				}
			}
		}
		return out
	}
}

func loadersFrom(ctx context.Context) *loaders {
	l, _ := ctx.Value(loadersKey{}).(*loaders)
	return l
}

// thunk turns a loader's thunk into the form graphql-go resolves lazily, mapping its value.
func thunk[V any](t dataloader.Thunk[V], f func(V) (any, error)) func() (any, error) {
	return func() (any, error) {
		v, err := t()
		if err != nil {
			return nil, err
		}
		return f(v)
	}
}

func same[V any](v V) (any, error) { return v, nil }

// loadEntity returns a thunk for the entity id ("" resolves to null).
func loadEntity(p graphql.ResolveParams, id string) (any, error) {
	if id == "" {
		return nil, nil
	}
	return thunk(loadersFrom(p.Context).entities.Load(p.Context, id), func(e *graph.Entity) (any, error) {
		if e == nil {
			return nil, nil
		}
		return e, nil
	}), nil
}

func loadArticle(p graphql.ResolveParams, id string) (any, error) {
	if id == "" {
		return nil, nil
	}
	return thunk(loadersFrom(p.Context).articles.Load(p.Context, id), func(a *graph.Article) (any, error) {
		if a == nil {
			return nil, nil
		}
		return a, nil
	}), nil
}

// loadMany returns a thunk for several values of a by-id loader, dropping missing ones.
func loadMany[V any](ctx context.Context, l loader[string, *V], ids []string) func() (any, error) {
	if len(ids) == 0 {
		return func() (any, error) { return []*V{}, nil }
	}
	t := l.LoadMany(ctx, ids)
	return func() (any, error) {
		vs, errs := t()
		out := make([]*V, 0, len(vs))
		for i, v := range vs {
			if len(errs) > i && errs[i] != nil {
				return nil, errs[i]
			}
			if v != nil {
				out = append(out, v)
			}
		}
		return out, nil
	}
}
