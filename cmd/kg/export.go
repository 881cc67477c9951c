package main

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kg-news/kg/graph"
)

func (m *Main) runExport(ctx context.Context, args []string) error {
	fs := m.flagSet("export", "[--store DSN] [--format nquads|jsonld|graphml|csv] [-o FILE]")
	dsn := storeFlag(fs)
	format := fs.String("format", graph.NQuads, "output `format`: "+strings.Join(graph.ExportFormats(), ", "))
	out := fs.String("o", "", "write to `FILE` (gzip-compressed when it ends in .gz) instead of standard output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("export: unexpected argument %q", fs.Arg(0))
	}
	store, err := m.openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer store.Close()
	if *out == "" {
		return store.Export(ctx, m.Stdout, *format)
	}
	f, err := os.Create(*out)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	var w io.Writer = f
	var zw *gzip.Writer
	if strings.HasSuffix(strings.ToLower(*out), ".gz") {
		zw = gzip.NewWriter(f)
		w = zw
	}
	err = store.Export(ctx, w, *format)
	if zw != nil {
		err = errors.Join(err, zw.Close())
	}
	if err = errors.Join(err, f.Close()); err != nil {
		os.Remove(*out)
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
