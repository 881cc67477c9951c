// Package schema is the GraphQL schema over the knowledge graph: entities, the relations between
// them with their evidence, who said what, the articles it all comes from, paths between
// entities, search in any script, and mutations that load and delete articles.
//
// The schema reads the graph through Store, a small interface of batch reads, and writes through
// Writer. Lists are Relay connections with keyset cursors. Resolvers of nested fields return
// thunks backed by per-request loaders, so that a list of N entities with their relations costs
// a constant number of store calls per level, not N. Parsed and validated documents are cached
// by query text.
package schema

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
)

// Store is what the schema reads from the graph.
type Store interface {
	Entities(ctx context.Context, ids []string) ([]*graph.Entity, error)
	Articles(ctx context.Context, ids []string) ([]*graph.Article, error)
	Statements(ctx context.Context, ids []string) ([]*graph.Relation, error)
	QuotesByID(ctx context.Context, ids []string) ([]*graph.Quote, error)
	RelationsOf(ctx context.Context, ids []string, f graph.RelationFilter, page graph.Page) ([][]*graph.Relation, error)
	QuotesOf(ctx context.Context, ids []string, role graph.QuoteRole, f graph.QuoteFilter, page graph.Page) ([][]*graph.Quote, error)
	MentionsOf(ctx context.Context, ids []string, page graph.Page) ([][]graph.Mention, error)
	ArticleContents(ctx context.Context, ids []string) ([]graph.ArticleContents, error)
	NeighborsOf(ctx context.Context, ids []string, depth int, relation string, limit int) ([][]graph.Neighbor, error)
	Path(ctx context.Context, from, to string, maxHops int) ([]graph.Edge, error)
	ListEntities(ctx context.Context, q graph.EntityQuery) (graph.EntityPage, error)
	Search(ctx context.Context, text, typ string, first int) ([]*graph.Entity, error)
	Relations(ctx context.Context, q graph.RelationQuery) ([]*graph.Relation, error)
	Quotes(ctx context.Context, q graph.QuoteQuery) ([]*graph.Quote, error)
	ListArticles(ctx context.Context, page graph.Page) ([]*graph.Article, error)
	Stats(ctx context.Context) (graph.Stats, error)
}

// Writer loads and deletes articles, for the mutations.
type Writer interface {
	LoadArticle(ctx context.Context, a extract.Article) (graph.LoadResult, *extract.Document, error)
	Delete(ctx context.Context, id string) (bool, error)
}

// Error codes carried in extensions.code.
const (
	CodeBadInput        = "BAD_USER_INPUT"
	CodeInternal        = "INTERNAL"
	CodeTimeout         = "TIMEOUT"
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeForbidden       = "FORBIDDEN"
	CodeParse           = "GRAPHQL_PARSE_FAILED"
	CodeValidation      = "GRAPHQL_VALIDATION_FAILED"
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
		return &Error{Code: CodeTimeout, Message: "request timed out or was cancelled", Err: err}
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

// MaxFirst caps the size of a page.
const MaxFirst = 100

// Schema is the executable GraphQL schema.
type Schema struct {
	store  Store
	writer Writer
	gql    graphql.Schema
	t      *types
	wait   time.Duration
	docs   *lru.Cache[string, *ast.Document]

	limits     Limits
	production bool
}

// Option configures New.
type Option func(*Schema)

// WithBatchWait makes loaders collect keys for d after the first before they read them in one
// batch. By default (d ≤ 0) a batch is read when the first of its values is needed, which is
// after every key of the level was asked for, with no wait.
func WithBatchWait(d time.Duration) Option { return func(s *Schema) { s.wait = d } }

// WithWriter enables the mutations, through w.
func WithWriter(w Writer) Option { return func(s *Schema) { s.writer = w } }

// WithDocumentCache sets how many parsed and validated documents are kept (0 turns the cache
// off). The default is 512.
func WithDocumentCache(n int) Option {
	return func(s *Schema) {
		s.docs = nil
		if n > 0 {
			s.docs, _ = lru.New[string, *ast.Document](n)
		}
	}
}

// WithLimits sets the limits every request is checked against before graphql-go sees it. The
// default is DefaultLimits.
func WithLimits(l Limits) Option { return func(s *Schema) { s.limits = l } }

// WithProduction turns production mode on: introspection is refused and validation errors
// carry no "Did you mean" suggestions, so that the schema cannot be mapped by probing.
func WithProduction(on bool) Option { return func(s *Schema) { s.production = on } }

// New builds the schema over store.
func New(store Store, opts ...Option) (*Schema, error) {
	s := &Schema{store: store, limits: DefaultLimits()}
	s.docs, _ = lru.New[string, *ast.Document](512)
	for _, o := range opts {
		o(s)
	}
	gql, err := graphql.NewSchema(graphql.SchemaConfig{Query: s.queryType(), Mutation: s.mutationType()})
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

// Access says what a request may do.
type Access struct {
	// Write allows mutations. When false, Denied is the error code mutations get:
	// UNAUTHENTICATED (a token is configured but was not given) or FORBIDDEN (the server is
	// read-only, or the request came by GET).
	Write  bool
	Denied string
}

type accessKey struct{}

// WithAccess returns a context that carries the request's access.
func WithAccess(ctx context.Context, a Access) context.Context {
	return context.WithValue(ctx, accessKey{}, a)
}

func accessFrom(ctx context.Context) Access {
	a, ok := ctx.Value(accessKey{}).(Access)
	if !ok {
		return Access{Denied: CodeForbidden}
	}
	return a
}

// Do executes a request. The document is checked against the limits, then parsed and
// validated once per query text; the cost, which depends on variables, is checked every time.
func (s *Schema) Do(ctx context.Context, req Request) *graphql.Result {
	doc, errs := s.document(req.Query, req.Variables)
	if errs != nil {
		return &graphql.Result{Errors: errs}
	}
	ctx = context.WithValue(ctx, loadersKey{}, s.newLoaders())
	res := graphql.Execute(graphql.ExecuteParams{
		Schema:        s.gql,
		AST:           doc,
		OperationName: req.OperationName,
		Args:          req.Variables,
		Context:       ctx,
	})
	for i, fe := range res.Errors {
		if _, ok := ErrorOf(fe); !ok && len(fe.Path) > 0 {
			// Not one of ours, raised while resolving: a recovered panic, whose text is for
			// the log only.
			nf := gqlerrors.FormatError(&Error{Code: CodeInternal, Message: "internal error", Err: fmt.Errorf("resolving %v: %s", fe.Path, fe.Message)})
			nf.Path, nf.Locations = fe.Path, fe.Locations
			nf.Extensions = map[string]any{"code": CodeInternal}
			res.Errors[i] = nf
		}
	}
	return res
}

// document returns the parsed, checked and validated document of a query, from the cache when
// it can. Nothing reaches graphql-go's parser before the raw nesting check, nor its validator
// before the document limits: both recurse without bounds.
func (s *Schema) document(query string, vars map[string]any) (*ast.Document, []gqlerrors.FormattedError) {
	if s.docs != nil {
		if doc, ok := s.docs.Get(query); ok {
			if err := s.checkDocument(doc, vars); err != nil {
				return nil, limitErrors(err)
			}
			return doc, nil
		}
	}
	if err := checkNesting(query, s.limits.MaxNesting); err != nil {
		return nil, limitErrors(err)
	}
	doc, err := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: []byte(stripComments(query)), Name: "GraphQL request"})})
	if err != nil {
		fe := gqlerrors.FormatError(err)
		fe.Extensions = map[string]any{"code": CodeParse}
		return nil, []gqlerrors.FormattedError{fe}
	}
	if err := s.checkDocument(doc, vars); err != nil {
		return nil, limitErrors(err)
	}
	if v := s.validate(doc); !v.IsValid {
		for i := range v.Errors {
			v.Errors[i].Extensions = map[string]any{"code": CodeValidation}
			if s.production {
				v.Errors[i].Message = withoutSuggestions(v.Errors[i].Message)
			}
		}
		return nil, v.Errors
	}
	if s.docs != nil {
		s.docs.Add(query, doc)
	}
	return doc, nil
}

// validate runs graphql-go's validation, turning a panic in it (its validator trusts the
// parser more than it should) into an invalid document.
func (s *Schema) validate(doc *ast.Document) (v graphql.ValidationResult) {
	defer func() {
		if r := recover(); r != nil {
			v = graphql.ValidationResult{Errors: []gqlerrors.FormattedError{{Message: "the document is invalid"}}}
		}
	}()
	return graphql.ValidateDocument(&s.gql, doc, nil)
}

func limitErrors(err error) []gqlerrors.FormattedError {
	var e *Error
	if !errors.As(err, &e) {
		e = &Error{Code: CodeBadInput, Message: err.Error()}
	}
	return []gqlerrors.FormattedError{{Message: e.Message, Extensions: map[string]any{"code": e.Code}}}
}

// withoutSuggestions drops graphql-go's "Did you mean …?" hints from a validation message.
func withoutSuggestions(msg string) string {
	if i := strings.Index(msg, " Did you mean "); i >= 0 {
		return msg[:i]
	}
	return msg
}

// Operation returns the type ("query", "mutation", "subscription") of the operation a request
// runs, or "" when the request cannot be parsed or names no operation it holds.
func Operation(query, name string) string {
	if checkNesting(query, DefaultLimits().MaxNesting) != nil {
		return ""
	}
	doc, err := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: []byte(stripComments(query))})})
	if err != nil {
		return ""
	}
	var ops []*ast.OperationDefinition
	for _, d := range doc.Definitions {
		if op, ok := d.(*ast.OperationDefinition); ok {
			ops = append(ops, op)
		}
	}
	for _, op := range ops {
		if name == "" && len(ops) == 1 || op.Name != nil && op.Name.Value == name {
			return op.Operation
		}
	}
	return ""
}

// Cursors are opaque to clients: base64 of the key the page ends at.
func cursor(key string) string { return base64.RawURLEncoding.EncodeToString([]byte("k:" + key)) }

func decodeCursor(c string) (string, error) {
	if c == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !strings.HasPrefix(string(b), "k:") {
		return "", badInput("invalid cursor %q", c)
	}
	return string(b[2:]), nil
}
