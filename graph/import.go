package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// ImportBatch is the number of quads ImportNQuads writes per transaction by default. It keeps
// each of Cayley's multi-row INSERTs on CockroachDB under PostgreSQL's limit of 65535 bind
// parameters (up to three new nodes of four parameters per quad).
const ImportBatch = 5000

// ImportResult counts what an import did.
type ImportResult struct {
	Read    int // quads read
	Added   int // quads written
	Present int // quads already stored, or repeated in the input: skipped
	Kept    int // names and types of entities the store already had: skipped (see ImportNQuads)
	Batches int // transactions written
}

// ImportNQuads reads N-Quads, as Export writes them, and adds the quads the store lacks, in
// transactions of up to batch quads (ImportBatch when batch ≤ 0). Quads already stored, and
// quads repeated in the input, are skipped, so that node reference counts stay exact and an
// interrupted import can be run again. It never deletes: importing into a store that holds
// other articles merges the two, as loading both would, except that an article stored with
// other content (another kg:hash) is an error, and an entity the store already names keeps
// its name and type, as the first article to name an entity gives them. Quads with a graph
// label are rejected: kg writes none. The entity index is rebuilt afterwards.
func (s *Store) ImportNQuads(ctx context.Context, r io.Reader, batch int) (ImportResult, error) {
	if batch <= 0 {
		batch = ImportBatch
	}
	var res ImportResult
	defer s.index.invalidate()
	qr := nquads.NewReader(r, false)
	defer qr.Close()
	named := map[quad.Value]bool{} // entities this import gave a name
	pending := make([]quad.Quad, 0, batch)
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		add, err := s.importBatch(ctx, pending, named, &res)
		if err != nil {
			return err
		}
		res.Added += add
		res.Batches++
		pending = pending[:0]
		return nil
	}
	for {
		q, err := qr.ReadQuad()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return res, fmt.Errorf("graph: import: quad %d: %w", res.Read+1, err)
		}
		res.Read++
		if q.Label != nil {
			return res, fmt.Errorf("graph: import: quad %d: has a graph label, which kg does not write", res.Read)
		}
		if !q.IsValid() {
			return res, fmt.Errorf("graph: import: quad %d: incomplete", res.Read)
		}
		if q.Subject == pinSubject {
			continue // a write's temporary pin, never exported (see pin)
		}
		pending = append(pending, q)
		if len(pending) == batch {
			if err := flush(); err != nil {
				return res, fmt.Errorf("graph: import: %w", err)
			}
		}
	}
	if err := flush(); err != nil {
		return res, fmt.Errorf("graph: import: %w", err)
	}
	return res, nil
}

// importBatch writes the quads of one batch that the store lacks, in one transaction.
func (s *Store) importBatch(ctx context.Context, batch []quad.Quad, named map[quad.Value]bool, res *ImportResult) (int, error) {
	unlock, err := s.writeLock(ctx)
	if err != nil {
		return 0, err
	}
	defer unlock()
	r := reader{ctx: ctx, qs: s.qs}
	seen := make(quadSet, len(batch))
	var cands []quad.Quad
	for _, q := range batch {
		if seen.has(q) {
			res.Present++
			continue
		}
		seen.add(q)
		cands = append(cands, q)
	}
	have, err := r.present(cands)
	if err != nil {
		return 0, err
	}
	// What the store already says about the subjects whose hash or name the batch sets.
	stored := map[quad.Value]map[quad.IRI][]quad.Value{}
	props := func(subj quad.Value) (map[quad.IRI][]quad.Value, error) {
		if p, ok := stored[subj]; ok {
			return p, nil
		}
		qs, err := r.quads(quad.Subject, subj)
		if err != nil {
			return nil, err
		}
		p := groupProps(qs)
		stored[subj] = p
		return p, nil
	}
	var add []quad.Quad
	for i, q := range cands {
		if have[i] {
			res.Present++
			continue
		}
		switch {
		case q.Predicate == predHash:
			p, err := props(q.Subject)
			if err != nil {
				return 0, err
			}
			if old := p[predHash]; len(old) > 0 {
				id, _ := idOf(q.Subject, articlePrefix)
				return 0, fmt.Errorf("article %s is stored with other content (delete it first)", id)
			}
		case (q.Predicate == predName || q.Predicate == predEntityType) && isEntity(q.Subject) && !named[q.Subject]:
			p, err := props(q.Subject)
			if err != nil {
				return 0, err
			}
			if len(p[predName]) > 0 {
				res.Kept++
				continue
			}
		}
		if q.Predicate == predName && isEntity(q.Subject) {
			named[q.Subject] = true
		}
		add = append(add, q)
	}
	if err := s.apply(ctx, add, nil); err != nil {
		return 0, err
	}
	return len(add), nil
}

func isEntity(v quad.Value) bool {
	iri, ok := v.(quad.IRI)
	return ok && strings.HasPrefix(string(iri), entityPrefix)
}

// present reports which of qs the store holds. It reads the quads of each distinct subject once
// and compares node references, without reading the nodes' values.
func (r reader) present(qs []quad.Quad) ([]bool, error) {
	out := make([]bool, len(qs))
	bySubject := map[quad.Value][]int{}
	var order []quad.Value
	for i, q := range qs {
		if _, ok := bySubject[q.Subject]; !ok {
			order = append(order, q.Subject)
		}
		bySubject[q.Subject] = append(bySubject[q.Subject], i)
	}
	type po struct{ p, o any }
	for _, subj := range order {
		sref, err := r.qs.ValueOf(subj)
		if err != nil {
			return nil, err
		}
		if sref == nil {
			continue
		}
		stored := map[po]bool{}
		it := r.qs.QuadIterator(quad.Subject, sref).Iterate()
		for it.Next(r.ctx) {
			ref := it.Result()
			p, err := r.qs.QuadDirection(ref, quad.Predicate)
			if err != nil {
				it.Close()
				return nil, err
			}
			o, err := r.qs.QuadDirection(ref, quad.Object)
			if err != nil {
				it.Close()
				return nil, err
			}
			stored[po{refs.ToKey(p), refs.ToKey(o)}] = true
		}
		err = it.Err()
		it.Close()
		if err != nil {
			return nil, err
		}
		if len(stored) == 0 {
			continue
		}
		for _, i := range bySubject[subj] {
			p, err := refOf(r.qs, qs[i].Predicate)
			if err != nil {
				return nil, err
			}
			o, err := refOf(r.qs, qs[i].Object)
			if err != nil {
				return nil, err
			}
			out[i] = p != nil && o != nil && stored[po{refs.ToKey(p), refs.ToKey(o)}]
		}
	}
	return out, r.ctx.Err()
}

func refOf(qs cgraph.QuadStore, v quad.Value) (cgraph.Ref, error) {
	ref, err := qs.ValueOf(v)
	if err != nil {
		return nil, fmt.Errorf("look up %v: %w", v, err)
	}
	return ref, nil
}

// Copy copies every quad of the store into dst through an in-process pipe: ExportNQuads on one
// side, ImportNQuads on the other, with nothing written to disk.
func (s *Store) Copy(ctx context.Context, dst *Store, batch int) (ImportResult, error) {
	if s == dst {
		return ImportResult{}, errors.New("graph: copy: source and destination are the same store")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		_, err := s.ExportNQuads(ctx, pw)
		pw.CloseWithError(err)
		done <- err
	}()
	res, err := dst.ImportNQuads(ctx, pr, batch)
	pr.CloseWithError(errors.New("graph: copy: import stopped"))
	cancel()
	if eerr := <-done; eerr != nil && err == nil {
		err = eerr
	}
	if err != nil {
		return res, fmt.Errorf("graph: copy %s → %s: %w", s.dsn, dst.dsn, err)
	}
	return res, nil
}
