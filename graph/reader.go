package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
)

// reader looks quads up by one of their nodes. It uses the quad indexes directly rather than
// Cayley's path API: the indexes answer every lookup kg makes, and the path API panics on some
// backends when a start node is absent.
//
// A reader made by Store.read also has the store's node caches and, on bolt, scans Cayley's
// key-value indexes by node and predicate together, so that a lookup reads only the quads it
// wants and resolves only the nodes it returns.
type reader struct {
	ctx   context.Context
	qs    cgraph.QuadStore
	cache *nodeCache // nil: no caching
	scan  bool       // qs is Cayley's KV store with its default indexes (see kvScan)
	bolt  *bolt.DB   // the bolt database under qs, when scan is set
}

// ref returns the node reference of v, nil when v is not stored.
func (r reader) ref(v quad.Value) (cgraph.Ref, error) {
	if ref, ok := r.cache.ref(v); ok {
		return ref, nil
	}
	ref, err := r.qs.ValueOf(v)
	if err != nil {
		return nil, fmt.Errorf("graph: look up %v: %w", v, err)
	}
	r.cache.putRef(v, ref)
	return ref, nil
}

// name returns the value of a node reference.
func (r reader) name(ref cgraph.Ref) (quad.Value, error) {
	if ref == nil {
		return nil, nil
	}
	if v, ok := r.cache.name(ref); ok {
		return v, nil
	}
	v, err := r.qs.NameOf(ref)
	if err != nil {
		return nil, fmt.Errorf("graph: read node: %w", err)
	}
	r.cache.putName(ref, v)
	return v, nil
}

// each calls fn with every quad whose direction d is v and, unless p is empty, whose predicate is
// p, in the order of the store's index.
func (r reader) each(d quad.Direction, v quad.Value, p quad.IRI, fn func(q cgraph.Ref) error) error {
	ref, err := r.ref(v)
	if err != nil || ref == nil {
		return err
	}
	var pref cgraph.Ref
	if p != "" {
		if pref, err = r.ref(p); err != nil || pref == nil {
			return err
		}
	}
	var it iterator.Scanner
	filter := pref != nil
	if r.scan && pref != nil {
		if s, ok := kvScan(r.qs, d, ref, pref); ok {
			it, filter = s, false
		}
	}
	if it == nil {
		it = r.qs.QuadIterator(d, ref).Iterate()
	}
	defer it.Close()
	want := refs.ToKey(pref)
	for it.Next(r.ctx) {
		q := it.Result()
		if filter {
			got, err := r.qs.QuadDirection(q, quad.Predicate)
			if err != nil {
				return fmt.Errorf("graph: read quad of %v: %w", v, err)
			}
			if refs.ToKey(got) != want {
				continue
			}
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("graph: iterate %v: %w", v, err)
	}
	return r.ctx.Err()
}

// node returns direction d of quad q.
func (r reader) node(q cgraph.Ref, d quad.Direction) (quad.Value, error) {
	ref, err := r.qs.QuadDirection(q, d)
	if err != nil {
		return nil, fmt.Errorf("graph: read quad: %w", err)
	}
	return r.name(ref)
}

// quad resolves the quad q.
func (r reader) quad(q cgraph.Ref) (quad.Quad, error) {
	if r.cache == nil {
		out, err := r.qs.Quad(q)
		if err != nil {
			return quad.Quad{}, fmt.Errorf("graph: read quad: %w", err)
		}
		return out, nil
	}
	var out quad.Quad
	for _, d := range quad.Directions {
		v, err := r.node(q, d)
		if err != nil {
			return quad.Quad{}, err
		}
		out.Set(d, v)
	}
	return out, nil
}

// quads returns the quads whose direction d is v.
func (r reader) quads(d quad.Direction, v quad.Value) ([]quad.Quad, error) {
	var out []quad.Quad
	err := r.each(d, v, "", func(q cgraph.Ref) error {
		qd, err := r.quad(q)
		if err != nil {
			return fmt.Errorf("graph: read quad of %v: %w", v, err)
		}
		out = append(out, qd)
		return nil
	})
	return out, err
}

// quadKeys returns the content keys (see quadKey) of the quads whose direction d is v. On SQL
// stores a quad's reference is its key: no node value is read.
func (r reader) quadKeys(d quad.Direction, v quad.Value) ([]refs.QuadHash, error) {
	var out []refs.QuadHash
	err := r.each(d, v, "", func(q cgraph.Ref) error {
		if h, ok := q.(csql.QuadHashes); ok {
			out = append(out, h.QuadHash)
			return nil
		}
		qd, err := r.quad(q)
		if err != nil {
			return fmt.Errorf("graph: read quad of %v: %w", v, err)
		}
		out = append(out, quadKey(qd))
		return nil
	})
	return out, err
}

// out returns the objects of s's quads with predicate p.
func (r reader) out(s quad.Value, p quad.IRI) ([]quad.Value, error) {
	var vs []quad.Value
	err := r.each(quad.Subject, s, p, func(q cgraph.Ref) error {
		v, err := r.node(q, quad.Object)
		vs = append(vs, v)
		return err
	})
	return vs, err
}

// in returns the subjects of quads with predicate p and object o.
func (r reader) in(o quad.Value, p quad.IRI) ([]quad.Value, error) {
	var vs []quad.Value
	err := r.each(quad.Object, o, p, func(q cgraph.Ref) error {
		v, err := r.node(q, quad.Subject)
		vs = append(vs, v)
		return err
	})
	return vs, err
}

// countIn counts the quads with predicate p and object o. It compares node references and
// never reads the other nodes' values, which on SQL backends costs a query per node.
func (r reader) countIn(o quad.Value, p quad.IRI) (int, error) {
	n := 0
	err := r.each(quad.Object, o, p, func(cgraph.Ref) error { n++; return nil })
	return n, err
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
