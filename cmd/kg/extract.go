package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"runtime"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/ingest"
)

func (m *Main) runExtract(ctx context.Context, args []string) error {
	fs := m.flagSet("extract", "[--format json|jsonl|nquads] [FILE...]")
	format := fs.String("format", "json", "output `format`: json (the evaluation contract), jsonl or nquads")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch *format {
	case "json", "jsonl", "nquads":
	default:
		return fmt.Errorf("extract: unknown format %q (want json, jsonl or nquads)", *format)
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	files, err := ingest.Files(files)
	if err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	x, err := m.Extractor()
	if err != nil {
		return err
	}

	w := bufio.NewWriterSize(m.Stdout, 64<<10)
	defer w.Flush()
	out := &extractWriter{format: *format, w: w}
	failed := 0
	// Extract in parallel, print in input order.
	type job struct {
		rec  ingest.Record
		doc  *extract.Document
		err  error
		done chan struct{}
	}
	jobs := make(chan *job, runtime.GOMAXPROCS(0)*4)
	work := make(chan *job, runtime.GOMAXPROCS(0)*4)
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		go func() {
			for j := range work {
				j.doc, j.err = x.Extract(j.rec.Article)
				close(j.done)
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(jobs)
		defer close(work)
		for _, f := range files {
			err := ingest.Read(ctx, f, m.Stdin, nil, func(rec ingest.Record) error {
				j := &job{rec: rec, done: make(chan struct{})}
				if rec.Err != nil {
					j.err = rec.Err
					close(j.done)
				} else {
					select {
					case work <- j:
					case <-ctx.Done():
						return ctx.Err()
					}
				}
				select {
				case jobs <- j:
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			})
			if err != nil {
				readErr <- err
				return
			}
		}
		readErr <- nil
	}()
	for j := range jobs {
		<-j.done
		if j.err != nil {
			failed++
			fmt.Fprintf(m.Stderr, "%s: %v\n", j.rec.Source, j.err)
			continue
		}
		if err := out.write(j.rec.Article, j.doc); err != nil {
			return fmt.Errorf("extract: %w", err)
		}
	}
	if err := <-readErr; err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	if err := out.close(); err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	if failed > 0 {
		return fmt.Errorf("extract: %d record(s) failed", failed)
	}
	return nil
}

// extractWriter prints documents. In json format a single article prints as one object and
// several as an array, so the first is held back until the second arrives.
type extractWriter struct {
	format  string
	w       *bufio.Writer
	pending *extract.Document
	n       int
}

func (e *extractWriter) write(a extract.Article, d *extract.Document) error {
	switch e.format {
	case "nquads":
		return graph.WriteNQuads(e.w, a, d)
	case "jsonl":
		b, err := json.Marshal(d)
		if err != nil {
			return err
		}
		e.w.Write(b)
		return e.w.WriteByte('\n')
	}
	e.n++
	switch e.n {
	case 1:
		e.pending = d
		return nil
	case 2:
		e.w.WriteString("[\n")
		if err := e.indent(e.pending); err != nil {
			return err
		}
		e.pending = nil
	}
	e.w.WriteString(",\n")
	return e.indent(d)
}

func (e *extractWriter) indent(d *extract.Document) error {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	_, err = e.w.Write(b)
	return err
}

func (e *extractWriter) close() error {
	if e.format != "json" {
		return nil
	}
	switch {
	case e.n == 1:
		if err := e.indent(e.pending); err != nil {
			return err
		}
		e.w.WriteByte('\n')
	case e.n > 1:
		e.w.WriteString("\n]\n")
	}
	return nil
}
