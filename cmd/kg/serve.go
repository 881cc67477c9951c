package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/kg-news/kg/schema"
	"github.com/kg-news/kg/server"
)

type serveOptions struct {
	dsn   *string
	addr  string
	loads listFlag
}

func (m *Main) serveFlags(o *serveOptions) *flag.FlagSet {
	fs := m.flagSet("serve", "[--store DSN] [--addr 127.0.0.1:8080] [--load PATH]...")
	o.dsn = storeFlag(fs)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "listen `address`")
	fs.Var(&o.loads, "load", "load articles from `PATH` before serving (repeatable)")
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
		if _, err := m.load(ctx, store, o.loads, 0); err != nil {
			return err
		}
	}
	sch, err := schema.New(store)
	if err != nil {
		return err
	}
	srv := server.New(sch, store, server.WithLogger(m.Log))
	if err := srv.Open(o.addr); err != nil {
		return err
	}
	m.Log.Info("serving", "url", srv.URL(), "graphql", srv.URL()+"/graphql", "store", store.DSN().String())
	<-ctx.Done()
	m.Log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Close(shutdown)
}
