// Package schema is the GraphQL schema over the knowledge graph: entities, the relations between
// them with their evidence, who said what, and the articles it all comes from.
//
// The schema reads the graph through Store, a small interface of batch reads; resolvers of nested
// fields return thunks backed by per-request loaders, so a list of N entities costs a constant
// number of store calls per level rather than N.
package schema

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/graph-gophers/dataloader/v7"
	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"

	"github.com/kg-news/kg/graph"
)

// Store is what the schema reads from the graph.
type Store interface {
	Entities(ctx context.Context, ids []string) ([]*graph.Entity, error)
	FindEntities(ctx context.Context, q graph.EntityQuery) ([]*graph.Entity, error)
	Relations(ctx context.Context, q graph.RelationQuery) ([]*graph.Relation, error)
	Quotes(ctx context.Context, q graph.QuoteQuery) ([]*graph.Quote, error)
	Articles(ctx context.Context, ids []string) ([]*graph.Article, error)
	ListArticles(ctx context.Context, page graph.Page) ([]*graph.Article, error)
}

// Error codes carried in extensions.code.
const (
	CodeBadInput = "BAD_USER_INPUT"
	CodeInternal = "INTERNAL"
)

// Error is an error a client may see: Message is safe to show, Err (internal errors only) is
// for the log.
type Error struct {
	Code    string
	Message string
	Err     error
}

func (e *Error) Error() string { return e.Message }
func (e *Error) Unwrap() error { return e.Err }

// Extensions implements gqlerrors.ExtendedError.
func (e *Error) Extensions() map[string]any { return map[string]any{"code": e.Code} }

func badInput(format string, args ...any) error {
	return &Error{Code: CodeBadInput, Message: fmt.Sprintf(format, args...)}
}

// internal hides a store error from clients; the server logs Err.
func internal(err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return &Error{Code: "TIMEOUT", Message: "request timed out or was cancelled", Err: err}
	}
	return &Error{Code: CodeInternal, Message: "internal error", Err: err}
}

// ErrorOf returns the *Error behind an error of a GraphQL result, if there is one.
func ErrorOf(fe gqlerrors.FormattedError) (*Error, bool) {
	err := fe.OriginalError()
	var located *gqlerrors.Error
	if errors.As(err, &located) && located.OriginalError != nil {
		err = located.OriginalError
	}
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// MaxFirst caps the size of a list.
const MaxFirst = 100

// Schema is the executable GraphQL schema.
type Schema struct {
	store Store
	gql   graphql.Schema
	wait  time.Duration
}

// Option configures New.
type Option func(*Schema)

// WithBatchWait sets how long a loader collects keys before it reads them in one batch.
func WithBatchWait(d time.Duration) Option { return func(s *Schema) { s.wait = d } }

// New builds the schema over store.
func New(store Store, opts ...Option) (*Schema, error) {
	s := &Schema{store: store, wait: time.Millisecond}
	for _, o := range opts {
		o(s)
	}
	gql, err := graphql.NewSchema(graphql.SchemaConfig{Query: s.queryType()})
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	s.gql = gql
	return s, nil
}

// Request is one GraphQL request.
type Request struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName,omitempty"`
	Variables     map[string]any `json:"variables,omitempty"`
}

// Do executes a request.
func (s *Schema) Do(ctx context.Context, req Request) *graphql.Result {
	ctx = context.WithValue(ctx, loadersKey{}, s.newLoaders())
	return graphql.Do(graphql.Params{
		Schema:         s.gql,
		RequestString:  req.Query,
		OperationName:  req.OperationName,
		VariableValues: req.Variables,
		Context:        ctx,
	})
}

// loaders batch the reads of one request.
type loaders struct {
	entities *dataloader.Loader[string, *graph.Entity]
	articles *dataloader.Loader[string, *graph.Article]
}

type loadersKey struct{}

func (s *Schema) newLoaders() *loaders {
	return &loaders{
		entities: dataloader.NewBatchedLoader(batch(s.store.Entities), dataloader.WithWait[string, *graph.Entity](s.wait)),
		articles: dataloader.NewBatchedLoader(batch(s.store.Articles), dataloader.WithWait[string, *graph.Article](s.wait)),
	}
}

// batch adapts a store read of many ids to a loader's batch function.
func batch[V any](read func(context.Context, []string) ([]*V, error)) dataloader.BatchFunc[string, *V] {
	return func(ctx context.Context, ids []string) []*dataloader.Result[*V] {
		out := make([]*dataloader.Result[*V], len(ids))
		vs, err := read(ctx, ids)
		for i := range ids {
			out[i] = &dataloader.Result[*V]{Error: internal(err)}
			if err == nil {
				out[i].Data = vs[i]
			}
		}
		return out
	}
}

func loadersFrom(ctx context.Context) *loaders {
	l, _ := ctx.Value(loadersKey{}).(*loaders)
	return l
}

// thunk turns a loader's thunk into the form graphql-go resolves lazily.
func thunk[V any](t dataloader.Thunk[V]) func() (any, error) {
	return func() (any, error) {
		v, err := t()
		if err != nil {
			return nil, err
		}
		return v, nil
	}
}

// loadEntity returns a thunk for the entity id ("" resolves to null).
func loadEntity(p graphql.ResolveParams, id string) (any, error) {
	if id == "" {
		return nil, nil
	}
	return thunk(loadersFrom(p.Context).entities.Load(p.Context, id)), nil
}

func loadArticle(p graphql.ResolveParams, id string) (any, error) {
	if id == "" {
		return nil, nil
	}
	return thunk(loadersFrom(p.Context).articles.Load(p.Context, id)), nil
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

func str(p graphql.ResolveParams, name string) string {
	s, _ := p.Args[name].(string)
	return s
}
