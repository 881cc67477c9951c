package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/ingest"
)

func (m *Main) runLoad(ctx context.Context, args []string) error {
	fs := m.flagSet("load", "[--store DSN] [--workers N] [--batch N] [-v] PATH...")
	dsn := storeFlag(fs)
	workers := fs.Int("workers", 0, "articles extracted at once (0: one per CPU)")
	batch := fs.Int("batch", ingest.DefaultBatch, "new articles written per transaction, at most (1: one transaction each)")
	verbose := fs.Bool("v", false, "print each article's id and outcome on standard output once it is stored (committed)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("load: no PATH given")
	}
	store, err := m.openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer store.Close()
	var stored func(src, id string, o graph.Outcome)
	if *verbose {
		stored = func(src, id string, o graph.Outcome) { fmt.Fprintf(m.Stdout, "%s\t%s\t%s\n", id, o, src) }
	}
	if *batch < 1 {
		return fmt.Errorf("load: --batch must be at least 1")
	}
	sum, err := m.load(ctx, store, fs.Args(), loadOptions{workers: *workers, batch: *batch, stored: stored})
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		return fmt.Errorf("load: %d record(s) failed", sum.Failed)
	}
	return nil
}

// load loads the paths into the store, with a progress bar on a terminal and a summary.
// loadOptions tune a load: 0 workers is one per CPU, 0 batch the default; stored, when set, is
// called for each article once it is committed.
type loadOptions struct {
	workers, batch int
	stored         func(src, id string, o graph.Outcome)
}

func (m *Main) load(ctx context.Context, store *graph.Store, paths []string, o loadOptions) (ingest.Summary, error) {
	files, err := ingest.Files(paths)
	if err != nil {
		return ingest.Summary{}, fmt.Errorf("load: %w", err)
	}
	var total int64
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil && f != "-" {
			total += fi.Size()
		}
	}
	var bar *progressbar.ProgressBar
	if f, ok := m.Stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) && total > 0 {
		bar = progressbar.NewOptions64(total,
			progressbar.OptionSetWriter(m.Stderr),
			progressbar.OptionSetDescription("loading"),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100_000_000),
			progressbar.OptionClearOnFinish(),
		)
	}
	report := func(src string, err error) {
		if bar != nil {
			bar.Clear()
		}
		fmt.Fprintf(m.Stderr, "%s: %v\n", src, err)
	}
	l := &ingest.Loader{Store: store, Extractor: lazyExtractor{m}, Workers: o.workers, Batch: o.batch, Report: report, Stored: o.stored}
	if bar != nil {
		l.Progress = func(s ingest.Summary, n int64) {
			bar.Describe(fmt.Sprintf("loading: %d new, %d unchanged, %d failed", s.New, s.Unchanged, s.Failed))
			bar.Set64(n)
		}
	}
	sum, err := l.Load(ctx, files, m.Stdin)
	if bar != nil {
		bar.Finish()
	}
	m.summary(m.Stderr, store.DSN(), sum)
	if err != nil {
		return sum, fmt.Errorf("load: %w", err)
	}
	return sum, nil
}

func (m *Main) summary(w io.Writer, dsn graph.DSN, s ingest.Summary) {
	var b strings.Builder
	fmt.Fprintf(&b, "loaded into %s: %d new, %d unchanged, %d replaced, %d failed articles", dsn, s.New, s.Unchanged, s.Replaced, s.Failed)
	fmt.Fprintf(&b, "; extracted %d entities, %d relations, %d quotes", s.Entities, s.Relations, s.Quotes)
	fmt.Fprintf(&b, "; %.1f s\n", s.Elapsed.Seconds())
	io.WriteString(w, b.String())
}

func (m *Main) runDelete(ctx context.Context, args []string) error {
	fs := m.flagSet("delete", "[--store DSN] ID...")
	dsn := storeFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("delete: no ID given")
	}
	store, err := m.openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer store.Close()
	missing := 0
	for _, id := range fs.Args() {
		ok, err := store.Delete(ctx, id)
		if err != nil {
			return err
		}
		if ok {
			fmt.Fprintf(m.Stdout, "deleted %s\n", id)
		} else {
			missing++
			fmt.Fprintf(m.Stderr, "%s: no such article\n", id)
		}
	}
	if missing > 0 {
		return fmt.Errorf("delete: %d article(s) not found", missing)
	}
	return nil
}

func (m *Main) runStats(ctx context.Context, args []string) error {
	fs := m.flagSet("stats", "[--store DSN]")
	dsn := storeFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	store, err := m.openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer store.Close()
	st, err := store.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "articles\t%d\nentities\t%d\nrelations\t%d\nquotes\t%d\nquads\t%d\n",
		st.Articles, st.Entities, st.Relations, st.Quotes, st.Quads)
	return nil
}
