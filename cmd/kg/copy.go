package main

import (
	"context"
	"fmt"
	"time"

	"github.com/kg-news/kg/graph"
)

func (m *Main) runCopy(ctx context.Context, args []string) error {
	fs := m.flagSet("copy", "--from DSN --to DSN [--batch N]")
	from := fs.String("from", "", "source store `DSN`")
	to := fs.String("to", "", "destination store `DSN`")
	batch := fs.Int("batch", graph.ImportBatch, "quads written per transaction")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *from == "" || *to == "" || fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("copy: want --from DSN and --to DSN")
	}
	if *from == *to {
		return fmt.Errorf("copy: source and destination are the same store")
	}
	src, err := m.openStore(ctx, *from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := m.openStore(ctx, *to)
	if err != nil {
		return err
	}
	defer dst.Close()
	start := time.Now()
	res, err := src.Copy(ctx, dst, *batch)
	m.importSummary(fmt.Sprintf("copied %s to %s", src.DSN(), dst.DSN()), res, time.Since(start))
	return err
}
