// Package server serves the knowledge graph over HTTP: GraphQL at /graphql (POST JSON, or GET for
// queries), article loading at POST /articles, a health check at /healthz, the GraphiQL
// playground at / and a graph explorer at /explore.
//
// Writes (mutations and POST /articles) need a bearer token, configured with WithToken and
// compared in constant time; without one the server is read-only.
package server

import (
	"context"
	"crypto/subtle"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"

	"github.com/kg-news/kg/schema"
)

// MaxQueryBody is the largest /graphql request body accepted.
const MaxQueryBody = 64 << 10

// Pinger reports whether the store answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Server is the HTTP server.
type Server struct {
	schema *schema.Schema
	store  Pinger
	writer schema.Writer
	token  string
	log    *slog.Logger
	srv    *http.Server
	ln     net.Listener

	timeout     time.Duration // per GraphQL request
	loadTimeout time.Duration // per POST /articles
	slots       chan struct{} // executions in flight
	queueWait   time.Duration // how long a request waits for a slot before a 503

	base     context.Context // every request's context derives from it
	stop     context.CancelFunc
	inFlight sync.WaitGroup
}

// Defaults of the options.
const (
	DefaultTimeout       = 10 * time.Second
	DefaultLoadTimeout   = 2 * time.Minute
	DefaultMaxConcurrent = 64
)

// Option configures New.
type Option func(*Server)

// WithLogger sets the logger.
func WithLogger(l *slog.Logger) Option { return func(s *Server) { s.log = l } }

// WithToken sets the bearer token that writes need. Without one the server is read-only.
func WithToken(token string) Option { return func(s *Server) { s.token = token } }

// WithWriter enables POST /articles, through w (the schema's mutations take their own).
func WithWriter(w schema.Writer) Option { return func(s *Server) { s.writer = w } }

// WithTimeout sets the deadline of one GraphQL request (default 10s); resolvers and store
// reads give up when it passes and the client gets the code TIMEOUT.
func WithTimeout(d time.Duration) Option { return func(s *Server) { s.timeout = d } }

// WithLoadTimeout sets the deadline of one POST /articles request (default 2m). An article
// whose transaction has not committed by then is rolled back; those committed stay.
func WithLoadTimeout(d time.Duration) Option { return func(s *Server) { s.loadTimeout = d } }

// WithMaxConcurrent caps the GraphQL executions and article loads running at once (default
// 64). A request that finds no free slot within a second gets 503 with Retry-After.
func WithMaxConcurrent(n int) Option {
	return func(s *Server) { s.slots = make(chan struct{}, max(1, n)) }
}

// New returns a server for the schema; store answers health checks.
func New(sch *schema.Schema, store Pinger, opts ...Option) *Server {
	s := &Server{schema: sch, store: store, log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		timeout: DefaultTimeout, loadTimeout: DefaultLoadTimeout, queueWait: time.Second,
		slots: make(chan struct{}, DefaultMaxConcurrent)}
	for _, o := range opts {
		o(s)
	}
	s.base, s.stop = context.WithCancel(context.Background())
	s.srv = &http.Server{
		BaseContext:       func(net.Listener) context.Context { return s.base },
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      max(s.timeout, s.loadTimeout) + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	return s
}

// Handler returns the server's routes.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/graphql", s.handleGraphQL)
	mux.HandleFunc("/articles", s.handleArticles)
	mux.HandleFunc("GET /healthz", s.handleHealth)
	mux.HandleFunc("GET /{$}", page("index.html"))
	mux.HandleFunc("GET /explore", page("explore.html"))
	mux.Handle("GET /assets/", assetHandler())
	return s.recoverPanics(mux)
}

// Open starts listening on addr ("127.0.0.1:8080"; port 0 picks a free one) and serves in the
// background.
func (s *Server) Open(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("server: listen %s: %w", addr, err)
	}
	s.ln = ln
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("server stopped", "err", err)
		}
	}()
	return nil
}

// URL returns the base URL the server listens on.
func (s *Server) URL() string {
	if s.ln == nil {
		return ""
	}
	return "http://" + s.ln.Addr().String()
}

// Close stops the server gracefully: it stops accepting connections and lets requests in flight
// finish until ctx ends. Then it cancels those still running (an article load not yet committed
// rolls back) and waits for them to return, so that the store can be closed safely after.
func (s *Server) Close(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	s.stop()
	s.inFlight.Wait()
	if err != nil {
		return fmt.Errorf("server: shutdown: %w", err)
	}
	return nil
}

// acquire takes an execution slot, waiting a little for one; false means the server is busy
// and the response (503) has been written.
func (s *Server) acquire(w http.ResponseWriter, r *http.Request) bool {
	select {
	case s.slots <- struct{}{}:
		return true
	default:
	}
	t := time.NewTimer(s.queueWait)
	defer t.Stop()
	select {
	case s.slots <- struct{}{}:
		return true
	case <-t.C:
	case <-r.Context().Done():
	}
	w.Header().Set("Retry-After", "1")
	writeJSON(w, http.StatusServiceUnavailable, errorBody("BUSY", "the server is busy: try again shortly"))
	return false
}

func (s *Server) release() { <-s.slots }

func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.inFlight.Add(1)
		defer s.inFlight.Done()
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic serving request", "path", r.URL.Path, "panic", v)
				writeJSON(w, http.StatusInternalServerError, errorBody("INTERNAL", "internal error"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		s.log.Error("health check failed", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// errorBody is a GraphQL-shaped error response for errors outside execution.
func errorBody(code, msg string) map[string]any {
	return map[string]any{"errors": []map[string]any{{"message": msg, "extensions": map[string]string{"code": code}}}}
}

func (s *Server) handleGraphQL(w http.ResponseWriter, r *http.Request) {
	var req schema.Request
	switch r.Method {
	case http.MethodGet:
		q := r.URL.Query()
		req.Query, req.OperationName = q.Get("query"), q.Get("operationName")
		if v := q.Get("variables"); v != "" {
			if err := json.Unmarshal([]byte(v), &req.Variables); err != nil {
				writeJSON(w, http.StatusBadRequest, errorBody(schema.CodeBadInput, "variables: invalid JSON"))
				return
			}
		}
	case http.MethodPost:
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if ct != "application/json" && ct != "application/graphql+json" {
			writeJSON(w, http.StatusUnsupportedMediaType, errorBody(schema.CodeBadInput, "send the request as application/json"))
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxQueryBody))
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				writeJSON(w, http.StatusRequestEntityTooLarge, errorBody("TOO_LARGE", fmt.Sprintf("request body larger than %d bytes", MaxQueryBody)))
				return
			}
			writeJSON(w, http.StatusBadRequest, errorBody(schema.CodeBadInput, "could not read the request body"))
			return
		}
		if err := json.Unmarshal(body, &req); err != nil {
			writeJSON(w, http.StatusBadRequest, errorBody(schema.CodeBadInput, "the body must be a JSON object {query, variables, operationName}"))
			return
		}
	default:
		w.Header().Set("Allow", "GET, POST")
		writeJSON(w, http.StatusMethodNotAllowed, errorBody(schema.CodeBadInput, "use GET or POST"))
		return
	}
	if strings.TrimSpace(req.Query) == "" {
		writeJSON(w, http.StatusBadRequest, errorBody(schema.CodeBadInput, "no query"))
		return
	}
	access := s.access(r)
	if r.Method == http.MethodGet {
		if schema.Operation(req.Query, req.OperationName) == "mutation" {
			w.Header().Set("Allow", "POST")
			writeJSON(w, http.StatusMethodNotAllowed, errorBody(schema.CodeForbidden, "mutations need POST"))
			return
		}
		access = schema.Access{Denied: schema.CodeForbidden}
	}
	if !s.acquire(w, r) {
		return
	}
	defer s.release()
	ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
	defer cancel()
	res := s.schema.Do(schema.WithAccess(ctx, access), req)
	if ctx.Err() != nil && r.Context().Err() == nil {
		// graphql-go reports the bare context error; say what happened instead.
		res = &graphql.Result{Errors: []gqlerrors.FormattedError{{Message: fmt.Sprintf("the request took longer than %s", s.timeout),
			Extensions: map[string]any{"code": schema.CodeTimeout}}}}
	}
	s.logErrors(r, res)
	writeJSON(w, http.StatusOK, res)
}

// access says what a request may write: everything with the right bearer token, nothing
// otherwise. Tokens are compared in constant time.
func (s *Server) access(r *http.Request) schema.Access {
	if s.token == "" {
		return schema.Access{Denied: schema.CodeForbidden}
	}
	given, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if ok && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(given)), []byte(s.token)) == 1 {
		return schema.Access{Write: true}
	}
	return schema.Access{Denied: schema.CodeUnauthenticated}
}

// logErrors logs internal errors once, here at the boundary; clients see only their codes.
func (s *Server) logErrors(r *http.Request, res *graphql.Result) {
	for _, fe := range res.Errors {
		if e, ok := schema.ErrorOf(fe); ok && e.Err != nil {
			s.log.Error("graphql", "path", fe.Path, "code", e.Code, "err", e.Err)
		}
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// assets are the playground's and explorer's pages, scripts and vendored libraries.
//
//go:embed assets/index.html assets/explore.html assets/explore.js assets/explore.css assets/vendor
var assets embed.FS

// page serves one embedded page.
func page(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, err := assets.ReadFile("assets/" + name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(b)
	}
}

// assetHandler serves the embedded scripts and styles under /assets/.
func assetHandler() http.Handler {
	sub, _ := fs.Sub(assets, "assets")
	files := http.StripPrefix("/assets/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/assets/vendor/") {
			w.Header().Set("Cache-Control", "public, max-age=86400")
		}
		files.ServeHTTP(w, r)
	})
}
