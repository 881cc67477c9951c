package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
)

// reader looks quads up by one of their nodes. It uses the quad indexes directly rather than
// Cayley's path API: the indexes answer every lookup kg makes, and the path API panics on some
// backends when a start node is absent.
type reader struct {
	ctx context.Context
	qs  cgraph.QuadStore
}

// quads returns the quads whose direction d is v.
func (r reader) quads(d quad.Direction, v quad.Value) ([]quad.Quad, error) {
	ref, err := r.qs.ValueOf(v)
	if err != nil {
		return nil, fmt.Errorf("graph: look up %v: %w", v, err)
	}
	if ref == nil {
		return nil, nil
	}
	it := r.qs.QuadIterator(d, ref).Iterate()
	defer it.Close()
	var out []quad.Quad
	for it.Next(r.ctx) {
		q, err := r.qs.Quad(it.Result())
		if err != nil {
			return nil, fmt.Errorf("graph: read quad of %v: %w", v, err)
		}
		out = append(out, q)
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("graph: iterate %v: %w", v, err)
	}
	if err := r.ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// out returns the objects of s's quads with predicate p.
func (r reader) out(s quad.Value, p quad.IRI) ([]quad.Value, error) {
	qs, err := r.quads(quad.Subject, s)
	if err != nil {
		return nil, err
	}
	var vs []quad.Value
	for _, q := range qs {
		if q.Predicate == p {
			vs = append(vs, q.Object)
		}
	}
	return vs, nil
}

// in returns the subjects of quads with predicate p and object o.
func (r reader) in(o quad.Value, p quad.IRI) ([]quad.Value, error) {
	qs, err := r.quads(quad.Object, o)
	if err != nil {
		return nil, err
	}
	var vs []quad.Value
	for _, q := range qs {
		if q.Predicate == p {
			vs = append(vs, q.Subject)
		}
	}
	return vs, nil
}

// countIn counts the quads with predicate p and object o. It compares node references and
// never reads the other nodes' values, which on SQL backends costs a query per node.
func (r reader) countIn(o quad.Value, p quad.IRI) (int, error) {
	oref, err := r.qs.ValueOf(o)
	if err != nil {
		return 0, fmt.Errorf("graph: look up %v: %w", o, err)
	}
	pref, err := r.qs.ValueOf(p)
	if err != nil {
		return 0, fmt.Errorf("graph: look up %v: %w", p, err)
	}
	if oref == nil || pref == nil {
		return 0, nil
	}
	want := refs.ToKey(pref)
	it := r.qs.QuadIterator(quad.Object, oref).Iterate()
	defer it.Close()
	n := 0
	for it.Next(r.ctx) {
		got, err := r.qs.QuadDirection(it.Result(), quad.Predicate)
		if err != nil {
			return 0, fmt.Errorf("graph: read quad of %v: %w", o, err)
		}
		if refs.ToKey(got) == want {
			n++
		}
	}
	if err := it.Err(); err != nil {
		return 0, fmt.Errorf("graph: iterate %v: %w", o, err)
	}
	return n, r.ctx.Err()
}

func str(vs []quad.Value) string {
	if len(vs) == 0 {
		return ""
	}
	return text(vs[0])
}

// text returns a literal's text (not its N-Quads form).
func text(v quad.Value) string {
	switch v := v.(type) {
	case quad.String:
		return string(v)
	case nil:
		return ""
	}
	return fmt.Sprint(v.Native())
}

func num(vs []quad.Value) int {
	if len(vs) == 0 {
		return 0
	}
	switch v := vs[0].(type) {
	case quad.Int:
		return int(v)
	case quad.Float:
		return int(v)
	}
	return 0
}

func float(vs []quad.Value) float64 {
	if len(vs) == 0 {
		return 0
	}
	switch v := vs[0].(type) {
	case quad.Float:
		return float64(v)
	case quad.Int:
		return float64(v)
	}
	return 0
}
