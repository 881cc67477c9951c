package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/ingest"
	"github.com/kg-news/kg/schema"
	"github.com/kg-news/kg/server"
)

type serveOptions struct {
	dsn   *string
	addr  string
	token string
	loads listFlag

	timeout       time.Duration
	loadTimeout   time.Duration
	maxConcurrent int
	production    bool
}

func (m *Main) serveFlags(o *serveOptions) *flag.FlagSet {
	fs := m.flagSet("serve", "[--store DSN] [--addr 127.0.0.1:8080] [--load PATH]...")
	o.dsn = storeFlag(fs)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "listen `address`")
	fs.Var(&o.loads, "load", "load articles from `PATH` before serving (repeatable)")
	fs.StringVar(&o.token, "token", os.Getenv("KG_TOKEN"), "bearer `token` that mutations and POST /articles need; without one the server is read-only (default $KG_TOKEN)")
	fs.DurationVar(&o.timeout, "timeout", server.DefaultTimeout, "deadline of one GraphQL request")
	fs.DurationVar(&o.loadTimeout, "load-timeout", server.DefaultLoadTimeout, "deadline of one POST /articles request")
	fs.IntVar(&o.maxConcurrent, "max-concurrent", server.DefaultMaxConcurrent, "GraphQL executions and loads running at once; more wait a second, then get 503")
	fs.BoolVar(&o.production, "production", os.Getenv("KG_ENV") == "production", "production mode: no introspection, no \"Did you mean\" hints (default true when KG_ENV=production)")
	return fs
}

func (m *Main) runServe(ctx context.Context, args []string) error {
	var o serveOptions
	fs := m.serveFlags(&o)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("serve: unexpected arguments %q (use --load PATH to load articles)", fs.Args())
	}
	store, err := m.openStore(ctx, *o.dsn)
	if err != nil {
		return err
	}
	defer store.Close()
	if len(o.loads) > 0 {
		if _, err := m.load(ctx, store, o.loads, loadOptions{workers: 0}); err != nil {
			return err
		}
	}
	// The dictionary loads at the first article to extract: a server that only answers queries
	// never holds it (about 200 MB).
	w := writer{Loader: &ingest.Loader{Store: store, Extractor: lazyExtractor{m}}, store: store}
	sch, err := schema.New(store, schema.WithWriter(w), schema.WithProduction(o.production))
	if err != nil {
		return err
	}
	srv := server.New(sch, store, server.WithLogger(m.Log), server.WithToken(o.token), server.WithWriter(w),
		server.WithTimeout(o.timeout), server.WithLoadTimeout(o.loadTimeout), server.WithMaxConcurrent(o.maxConcurrent))
	if o.token == "" {
		m.Log.Info("read-only: start with --token (or KG_TOKEN) to allow loading and deleting over HTTP")
	}
	if err := srv.Open(o.addr); err != nil {
		return err
	}
	m.Log.Info("serving", "production", o.production, "url", srv.URL(), "graphql", srv.URL()+"/graphql", "store", store.DSN().String())
	go func() {
		// Entity reads answer from the index once it is built.
		start := time.Now()
		if err := store.WarmIndex(ctx); err != nil {
			if ctx.Err() == nil {
				m.Log.Warn("building the entity index", "err", err)
			}
			return
		}
		m.Log.Info("entity index built", "seconds", time.Since(start).Seconds())
	}()
	<-ctx.Done()
	m.Log.Info("shutting down")
	// Loads in flight get a while to commit; then they are cancelled and roll back.
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Close(shutdown)
}

// writer loads through the ingest pipeline and deletes through the store: what the schema's
// mutations and POST /articles need.
type writer struct {
	*ingest.Loader
	store *graph.Store
}

func (w writer) Delete(ctx context.Context, id string) (bool, error) { return w.store.Delete(ctx, id) }
