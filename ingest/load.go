package ingest

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
)

// Store is what loading needs from the graph.
type Store interface {
	Hashes(ctx context.Context, ids []string) (map[string]string, error)
	Load(ctx context.Context, a extract.Article, doc *extract.Document) (graph.LoadResult, error)
}

// Extractor turns an article into a document.
type Extractor interface {
	Extract(a extract.Article) (*extract.Document, error)
}

// Loader loads articles: it skips those already stored with the same content before extracting
// them, extracts the rest in parallel and stores each in its own transaction.
type Loader struct {
	Store     Store
	Extractor Extractor
	// Workers is the number of articles extracted at once; 0 means one per CPU.
	Workers int
	// Report, when set, is called for every record that fails, with its source (file:line).
	Report func(source string, err error)
	// Progress, when set, is called as input is consumed with the bytes read so far.
	Progress func(Summary, int64)
	// Stored, when set, is called for every article once it is stored: after its transaction
	// committed, or when the same content was found already stored.
	Stored func(source, id string, outcome graph.Outcome)
}

// Summary counts what a load did.
type Summary struct {
	New, Unchanged, Replaced, Failed int
	// Entities, Relations and Quotes count what was extracted from the new and replaced articles.
	Entities, Relations, Quotes int
	Elapsed                     time.Duration
}

// Stored returns the number of articles now stored from the input.
func (s Summary) Stored() int { return s.New + s.Unchanged + s.Replaced }

// LoadArticle extracts and stores one article, unless the same content is already stored.
// The document is nil when nothing was extracted.
func (l *Loader) LoadArticle(ctx context.Context, a extract.Article) (graph.LoadResult, *extract.Document, error) {
	if err := extract.Check(a.Text); err != nil {
		return graph.LoadResult{}, nil, err
	}
	if a.ID == "" {
		return graph.LoadResult{}, nil, extract.ErrNoID
	}
	hashes, err := l.Store.Hashes(ctx, []string{a.ID})
	if err != nil {
		return graph.LoadResult{}, nil, err
	}
	if hashes[a.ID] == graph.ContentHash(a) {
		return graph.LoadResult{Outcome: graph.Unchanged}, nil, nil
	}
	doc, err := l.Extractor.Extract(a)
	if err != nil {
		return graph.LoadResult{}, nil, err
	}
	res, err := l.Store.Load(ctx, a, doc)
	return res, doc, err
}

// Load reads the files ("-" is stdin) and loads every article in them. Bad records are reported
// and counted as failed; Load fails only when an input cannot be read or the store fails.
func (l *Loader) Load(ctx context.Context, files []string, stdin io.Reader) (Summary, error) {
	start := time.Now()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	workers := l.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}

	var (
		mu    sync.Mutex
		sum   Summary
		bytes atomic.Int64
	)
	progress := func() {
		if l.Progress != nil {
			l.Progress(sum, bytes.Load())
		}
	}
	fail := func(src string, err error) {
		sum.Failed++
		if l.Report != nil {
			l.Report(src, err)
		}
	}

	recs := make(chan Record, workers*2)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rec := range recs {
				if rec.Err != nil {
					mu.Lock()
					fail(rec.Source, rec.Err)
					progress()
					mu.Unlock()
					continue
				}
				res, doc, err := l.LoadArticle(ctx, rec.Article)
				mu.Lock()
				switch {
				case graph.IsInputError(err):
					fail(rec.Source, err)
				case err != nil:
					// A store failure stops the load: the next articles would fail the same way.
					cancel(fmt.Errorf("%s: %w", rec.Source, err))
				default:
					if l.Stored != nil {
						l.Stored(rec.Source, rec.Article.ID, res.Outcome)
					}
					switch res.Outcome {
					case graph.New:
						sum.New++
					case graph.Replaced:
						sum.Replaced++
					case graph.Unchanged:
						sum.Unchanged++
					}
					if doc != nil && res.Outcome != graph.Unchanged {
						sum.Entities += len(doc.Entities)
						sum.Relations += len(doc.Relations)
						sum.Quotes += len(doc.Quotes)
					}
				}
				progress()
				mu.Unlock()
			}
		}()
	}

	var readErr error
	for _, f := range files {
		err := Read(ctx, f, stdin, func(n int64) { bytes.Add(n) }, func(rec Record) error {
			select {
			case recs <- rec:
				return nil
			case <-ctx.Done():
				return context.Cause(ctx)
			}
		})
		if err != nil {
			readErr = err
			break
		}
	}
	close(recs)
	wg.Wait()
	sum.Elapsed = time.Since(start)
	if cause := context.Cause(ctx); cause != nil {
		return sum, cause
	}
	return sum, readErr
}
