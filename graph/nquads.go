package graph

import (
	"context"
	"fmt"
	"io"

	"github.com/cayleygraph/quad/nquads"

	"github.com/kg-news/kg/extract"
)

// WriteNQuads writes, as N-Quads, the quads that loading the article into an empty store would
// write.
func WriteNQuads(w io.Writer, a extract.Article, doc *extract.Document) error {
	b, err := build(a, doc)
	if err != nil {
		return fmt.Errorf("graph: %s: %w", a.ID, err)
	}
	qw := nquads.NewWriter(w)
	if _, err := qw.WriteQuads(b.all()); err != nil {
		return fmt.Errorf("graph: write n-quads: %w", err)
	}
	return qw.Close()
}

// Size counts the nodes and quads in the store, exactly, by scanning it.
func (s *Store) Size(ctx context.Context) (nodes, quads int, err error) {
	err = s.read(ctx, func(r reader) error {
		for _, c := range []struct {
			it interface {
				Next(context.Context) bool
				Err() error
				Close() error
			}
			n *int
		}{{r.qs.NodesAllIterator().Iterate(), &nodes}, {r.qs.QuadsAllIterator().Iterate(), &quads}} {
			for c.it.Next(ctx) {
				*c.n++
			}
			err := c.it.Err()
			c.it.Close()
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("graph: size: %w", err)
	}
	return nodes, quads, nil
}
