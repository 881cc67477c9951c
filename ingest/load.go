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
	LoadBatch(ctx context.Context, items []graph.Item) ([]graph.LoadResult, []error, error)
}

// DefaultBatch is the most new articles Load writes in one transaction by default.
const DefaultBatch = 32

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
	// Batch is the most new articles written in one transaction (all of them or none);
	// 0 means DefaultBatch, 1 one transaction per article.
	Batch int
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
	doc, unchanged, err := l.prepare(ctx, a)
	if err != nil || unchanged {
		return graph.LoadResult{Outcome: graph.Unchanged}, nil, err
	}
	res, err := l.Store.Load(ctx, a, doc)
	return res, doc, err
}

// prepare checks an article and extracts it, unless the same content is already stored.
func (l *Loader) prepare(ctx context.Context, a extract.Article) (doc *extract.Document, unchanged bool, err error) {
	if err := extract.Check(a.Text); err != nil {
		return nil, false, err
	}
	if a.ID == "" {
		return nil, false, extract.ErrNoID
	}
	hashes, err := l.Store.Hashes(ctx, []string{a.ID})
	if err != nil {
		return nil, false, err
	}
	if hashes[a.ID] == graph.ContentHash(a) {
		return nil, true, nil
	}
	doc, err = l.Extractor.Extract(a)
	return doc, false, err
}

// Load reads the files ("-" is stdin) and loads every article in them. Bad records are reported
// and counted as failed; Load fails only when an input cannot be read or the store fails.
//
// Workers check each article's content hash and extract the new and changed ones in parallel;
// one writer stores them, up to Batch new articles per transaction, as soon as they are ready: a
// batch closes when it is full or when no extracted article is waiting. Memory stays bounded
// whatever the input size: records flow through small channels.
func (l *Loader) Load(ctx context.Context, files []string, stdin io.Reader) (Summary, error) {
	start := time.Now()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	workers := l.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	batch := l.Batch
	if batch <= 0 {
		batch = DefaultBatch
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
	// stored counts an article once it is stored; the caller holds mu.
	stored := func(src, id string, res graph.LoadResult, doc *extract.Document) {
		if l.Stored != nil {
			l.Stored(src, id, res.Outcome)
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

	// Articles are written in input order, so that a load is deterministic: the first article
	// to name an entity gives its name and type. Every record sends the writer an extracted,
	// skip for those already accounted for (failed or unchanged).
	type numbered struct {
		seq int
		rec Record
	}
	type extracted struct {
		seq    int
		skip   bool
		source string
		item   graph.Item
	}
	recs := make(chan numbered, workers*2)
	docs := make(chan extracted, batch)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for nr := range recs {
				rec := nr.rec
				send := func(e extracted) {
					select {
					case docs <- e:
					case <-ctx.Done():
					}
				}
				if rec.Err != nil {
					mu.Lock()
					fail(rec.Source, rec.Err)
					progress()
					mu.Unlock()
					send(extracted{seq: nr.seq, skip: true})
					continue
				}
				doc, unchanged, err := l.prepare(ctx, rec.Article)
				if err == nil && !unchanged {
					send(extracted{seq: nr.seq, source: rec.Source, item: graph.Item{Article: rec.Article, Doc: doc}})
					continue
				}
				send(extracted{seq: nr.seq, skip: true})
				switch {
				case err == nil:
					mu.Lock()
					stored(rec.Source, rec.Article.ID, graph.LoadResult{Outcome: graph.Unchanged}, nil)
				case graph.IsInputError(err):
					mu.Lock()
					fail(rec.Source, err)
				default:
					// A store failure stops the load: the next articles would fail the same way.
					cancel(fmt.Errorf("%s: %w", rec.Source, err))
					continue
				}
				progress()
				mu.Unlock()
			}
		}()
	}
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		var pending []extracted
		waiting := map[int]extracted{} // arrived before an earlier record
		next := 0
		write := func() {
			if len(pending) == 0 {
				return
			}
			items := make([]graph.Item, len(pending))
			for i, p := range pending {
				items[i] = p.item
			}
			results, errs, err := l.Store.LoadBatch(ctx, items)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				cancel(fmt.Errorf("%s: %w", pending[0].source, err))
				pending = pending[:0]
				return
			}
			for i, p := range pending {
				if errs[i] != nil {
					fail(p.source, errs[i])
					continue
				}
				stored(p.source, p.item.Article.ID, results[i], p.item.Doc)
			}
			progress()
			pending = pending[:0]
		}
		for {
			var (
				d  extracted
				ok bool
			)
			if len(pending) == 0 {
				d, ok = <-docs
			} else {
				select {
				case d, ok = <-docs:
				default:
					write() // nothing waiting: store what is ready
					continue
				}
			}
			if !ok {
				write()
				return
			}
			if ctx.Err() != nil {
				continue // drain
			}
			waiting[d.seq] = d
			for {
				e, ok := waiting[next]
				if !ok {
					break
				}
				delete(waiting, next)
				next++
				if !e.skip {
					pending = append(pending, e)
					if len(pending) >= batch {
						write()
					}
				}
			}
		}
	}()

	var readErr error
	seq := 0
	for _, f := range files {
		err := Read(ctx, f, stdin, func(n int64) { bytes.Add(n) }, func(rec Record) error {
			select {
			case recs <- numbered{seq, rec}:
				seq++
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
	close(docs)
	<-writerDone
	sum.Elapsed = time.Since(start)
	if cause := context.Cause(ctx); cause != nil {
		return sum, cause
	}
	return sum, readErr
}
