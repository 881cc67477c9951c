package main

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/kg-news/kg/graph"
)

func (m *Main) runImport(ctx context.Context, args []string) error {
	fs := m.flagSet("import", "[--store DSN] [--batch N] FILE.nq[.gz]|-")
	dsn := storeFlag(fs)
	batch := fs.Int("batch", graph.ImportBatch, "quads written per transaction")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("import: want one FILE")
	}
	name := fs.Arg(0)
	var r io.Reader = m.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		defer f.Close()
		r = f
	}
	if strings.HasSuffix(strings.ToLower(name), ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return fmt.Errorf("import: %s: %w", name, err)
		}
		defer zr.Close()
		r = zr
	}
	store, err := m.openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer store.Close()
	start := time.Now()
	res, err := store.ImportNQuads(ctx, r, *batch)
	m.importSummary("imported into "+store.DSN().String(), res, time.Since(start))
	return err
}

func (m *Main) importSummary(what string, res graph.ImportResult, took time.Duration) {
	fmt.Fprintf(m.Stderr, "%s: %d quads read, %d added, %d already present, %d entity names kept; %d transactions; %.1f s\n",
		what, res.Read, res.Added, res.Present, res.Kept, res.Batches, took.Seconds())
}
