package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/extract"
)

// Outcome says what loading an article did.
type Outcome int

// Outcomes of Load.
const (
	New       Outcome = iota + 1 // the article was not stored before
	Unchanged                    // the same content was stored: nothing was written
	Replaced                     // other content was stored under the id: it was replaced
)

func (o Outcome) String() string {
	switch o {
	case New:
		return "new"
	case Unchanged:
		return "unchanged"
	case Replaced:
		return "replaced"
	}
	return "unknown"
}

// LoadResult reports one Load.
type LoadResult struct {
	Outcome Outcome
	Added   int // quads written
	Removed int // quads deleted
}

// Hashes returns the stored content hash of each of the given articles that is stored.
func (s *Store) Hashes(ctx context.Context, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	err := s.read(ctx, func(r reader) error {
		for _, id := range ids {
			h, err := r.out(articleIRI(id), predHash)
			if err != nil {
				return err
			}
			if len(h) > 0 {
				out[id] = str(h)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: hashes: %w", err)
	}
	return out, nil
}

// Load stores an article and what was extracted from it, in one transaction. Loading the same
// content again writes nothing; new content under a stored id replaces exactly that article's
// statements. Cayley's own duplicate handling is never relied on: every quad written is known to
// be absent and every quad deleted known to be present, because at the pinned Cayley version an
// ignored duplicate still bumps node reference counts.
func (s *Store) Load(ctx context.Context, a extract.Article, doc *extract.Document) (LoadResult, error) {
	b, err := build(a, doc)
	if err != nil {
		return LoadResult{}, fmt.Errorf("graph: load %s: %w", a.ID, err)
	}
	unlock, err := s.writeLock(ctx)
	if err != nil {
		return LoadResult{}, fmt.Errorf("graph: load %s: %w", a.ID, err)
	}
	defer unlock()

	r := reader{ctx: ctx, qs: s.qs}
	old, err := r.out(b.article, predHash)
	if err != nil {
		return LoadResult{}, fmt.Errorf("graph: load %s: %w", a.ID, err)
	}
	res := LoadResult{Outcome: New}
	del := quadSet{}
	if len(old) > 0 {
		if str(old) == ContentHash(a) {
			return LoadResult{Outcome: Unchanged}, nil
		}
		res.Outcome = Replaced
		if del, err = removal(r, a.ID); err != nil {
			return LoadResult{}, fmt.Errorf("graph: load %s: %w", a.ID, err)
		}
	}
	add, err := additions(r, b, del, nil)
	if err != nil {
		return LoadResult{}, fmt.Errorf("graph: load %s: %w", a.ID, err)
	}
	res.Added, res.Removed = len(add), len(del)
	touched := touchedEntities(add, del.sorted())
	if err := s.apply(ctx, add, del); err != nil {
		return LoadResult{}, fmt.Errorf("graph: load %s: %w", a.ID, err)
	}
	s.index.touch(append(touched, entityIDsOf(b)...)...)
	return res, nil
}

// Item is one article and what was extracted from it, for LoadBatch.
type Item struct {
	Article extract.Article
	Doc     *extract.Document
}

// LoadBatch stores new articles together in one transaction: all of them or none. Each result
// is what Load would report for the item, or an input error for an item that cannot be stored
// (which is left out of the batch); the error is for the store. Articles already stored go
// through Load one by one after the batch: unchanged ones write nothing, changed ones are
// replaced. Writing many small articles in one transaction is much faster than one each: most
// of a transaction's cost is fixed.
func (s *Store) LoadBatch(ctx context.Context, items []Item) ([]LoadResult, []error, error) {
	results := make([]LoadResult, len(items))
	errs := make([]error, len(items))
	builds := make([]*built, len(items))
	for i, it := range items {
		b, err := build(it.Article, it.Doc)
		if err != nil {
			errs[i] = fmt.Errorf("graph: load %s: %w", it.Article.ID, err)
			continue
		}
		builds[i] = b
	}
	later, err := s.loadNew(ctx, items, builds, results)
	if err != nil {
		return nil, nil, err
	}
	for _, i := range later {
		res, err := s.Load(ctx, items[i].Article, items[i].Doc)
		if err != nil && !IsInputError(err) {
			return results, errs, err
		}
		results[i], errs[i] = res, err
	}
	return results, errs, nil
}

// loadNew writes the new articles among the built items in one transaction (on CockroachDB,
// in several of whole articles), under the write lock, and fills their results. It returns the
// items to load one by one: those stored already, or repeated in the batch.
func (s *Store) loadNew(ctx context.Context, items []Item, builds []*built, results []LoadResult) (later []int, err error) {
	unlock, err := s.writeLock(ctx)
	if err != nil {
		return nil, fmt.Errorf("graph: load batch: %w", err)
	}
	defer unlock()
	r := reader{ctx: ctx, qs: s.qs}
	var (
		add      []quad.Quad
		touched  []string
		inBatch  = map[string]bool{}
		existing = map[quad.Value]keySet{}
	)
	write := func() error {
		if err := s.apply(ctx, add, quadSet{}); err != nil {
			return fmt.Errorf("graph: load batch of %d articles: %w", len(inBatch), err)
		}
		s.index.touch(touched...)
		add, touched = nil, nil
		return nil
	}
	for i, b := range builds {
		if b == nil {
			continue
		}
		id := items[i].Article.ID
		old, err := r.out(b.article, predHash)
		if err != nil {
			return nil, fmt.Errorf("graph: load %s: %w", id, err)
		}
		if len(old) > 0 || inBatch[id] {
			later = append(later, i)
			continue
		}
		inBatch[id] = true
		a, err := additions(r, b, quadSet{}, existing)
		if err != nil {
			return nil, fmt.Errorf("graph: load %s: %w", id, err)
		}
		results[i] = LoadResult{Outcome: New, Added: len(a)}
		if s.dsn.Kind == Cockroach && len(add) > 0 && len(add)+len(a) > ImportBatch {
			// Cayley's cockroach flavour writes one multi-row INSERT, whose bind parameters
			// PostgreSQL's protocol caps: write what is gathered first. Each transaction still
			// holds whole articles; if a later one fails, the articles of the earlier ones are
			// stored but reported with the error (a rerun finds them unchanged).
			if err := write(); err != nil {
				return nil, err
			}
		}
		add = append(add, a...)
		touched = append(touched, entityIDsOf(b)...)
	}
	return later, write()
}

// Delete removes an article: its own nodes, and the entities, aliases and statements that no
// other article supports. It reports whether the article was stored.
func (s *Store) Delete(ctx context.Context, id string) (bool, error) {
	unlock, err := s.writeLock(ctx)
	if err != nil {
		return false, fmt.Errorf("graph: delete %s: %w", id, err)
	}
	defer unlock()
	r := reader{ctx: ctx, qs: s.qs}
	del, err := removal(r, id)
	if err != nil {
		return false, fmt.Errorf("graph: delete %s: %w", id, err)
	}
	if len(del) == 0 {
		return false, nil
	}
	touched := touchedEntities(del.sorted())
	if err := s.apply(ctx, nil, del); err != nil {
		return false, fmt.Errorf("graph: delete %s: %w", id, err)
	}
	// Mention nodes name their entity in their IRI: the entities that lost a mention.
	for q := range del {
		if e, ok := mentionEntity(q.Subject); ok {
			eid, _ := idOf(e, entityPrefix)
			touched = append(touched, eid)
		}
	}
	s.index.touch(touched...)
	return true, nil
}

// apply writes one transaction. The caller holds the write lock.
func (s *Store) apply(ctx context.Context, add []quad.Quad, del quadSet) error {
	deltas := make([]cgraph.Delta, 0, len(add)+len(del))
	for _, q := range del.sorted() {
		deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
	}
	for _, q := range add {
		deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
	}
	if len(deltas) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var pinned bool
	if s.dsn.Kind == Bolt {
		deltas, pinned = pin(deltas)
	}
	if err := s.applyDeltas(ctx, deltas); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if pinned {
		if err := s.unpin(ctx); err != nil {
			// The write itself committed; stray pins change no answer and go at the next write
			// or open.
			s.log.Warn("graph: remove write pins", "err", err)
		}
	}
	return nil
}

// pinSubject is the subject of pin quads (see pin).
const pinSubject = quad.IRI("kg:pins")

// pin works around a bug in Cayley's KV backend at the pinned version: in a transaction that
// both adds and deletes quads, a node whose reference count falls overall is left out of the
// node ids used for the added quads, which are then stored with that direction missing. pin adds
// one quad "<kg:pins> <kg:pin/N> node" for each reference such a node would lose, so that no
// node used by an added quad falls overall; unpin deletes them in a delete-only transaction
// right after. The article's content stays in one transaction.
func pin(deltas []cgraph.Delta) ([]cgraph.Delta, bool) {
	net := map[quad.Value]int{}
	inAdd := map[quad.Value]bool{}
	var adds, dels bool
	for _, d := range deltas {
		inc := 1
		if d.Action == cgraph.Delete {
			inc, dels = -1, true
		} else {
			adds = true
		}
		for _, dir := range quad.Directions {
			if v := d.Quad.Get(dir); v != nil {
				net[v] += inc
				if inc > 0 {
					inAdd[v] = true
				}
			}
		}
	}
	if !adds || !dels {
		return deltas, false
	}
	n := 0
	for _, v := range sortedValues(inAdd) {
		for i := net[v]; i < 0; i++ {
			n++
			deltas = append(deltas, cgraph.Delta{
				Quad:   quad.Quad{Subject: pinSubject, Predicate: quad.IRI(fmt.Sprintf("kg:pin/%d", n)), Object: v},
				Action: cgraph.Add,
			})
		}
	}
	return deltas, n > 0
}

// unpin deletes every pin quad. The caller holds the write lock.
func (s *Store) unpin(ctx context.Context) error {
	pins, err := reader{ctx: ctx, qs: s.qs}.quads(quad.Subject, pinSubject)
	if err != nil || len(pins) == 0 {
		return err
	}
	deltas := make([]cgraph.Delta, len(pins))
	for i, q := range pins {
		deltas[i] = cgraph.Delta{Quad: q, Action: cgraph.Delete}
	}
	return s.applyDeltas(ctx, deltas)
}

// applyDeltas runs one Cayley transaction. The caller holds the write lock.
//
// On the memory and bolt backends readers are kept out while it runs. The memory store has no
// locking of its own. bbolt remaps its file as it grows, which waits for every open read
// transaction, while new read transactions wait for the remap; Cayley opens several read
// transactions at once within one walk, so a walk that started before the remap would wait for
// itself: every query and the write hang. Reads hold s.mu shared for their whole duration, so
// holding it exclusively here means no read transaction is open during the commit.
func (s *Store) applyDeltas(ctx context.Context, deltas []cgraph.Delta) error {
	exclusive := s.dsn.Kind == Memory || s.dsn.Kind == Bolt
	if exclusive {
		s.mu.Lock()
	}
	err := s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{})
	// Nodes may have gone, and come back under new references. On PostgreSQL readers may
	// still run: a reference there is the value's hash, and never names another value.
	s.cache.clear()
	if exclusive {
		s.mu.Unlock()
	}
	if err != nil && s.dsn.Kind == Bolt {
		// The transaction rolled back, but Cayley's KV layer keeps the node ids it assigned in
		// it: reopen before anything else is written.
		if rerr := s.reopen(ctx); rerr != nil {
			return errors.Join(err, rerr)
		}
	}
	return err
}

// additions returns the quads to add for b, given the quads del that the same transaction
// deletes. Quads both deleted and wanted are kept: they are removed from del.
//
// It compares stored quads with wanted ones by content key (see quadKey), which on SQL stores
// needs no node value read: a subject's quads cost one query, not one more per node.
//
// existing caches the keys of the quads of shared subjects read so far; quads added are recorded
// in it, so that a batch of articles sharing one cache writes each shared quad once. It may be
// nil.
func additions(r reader, b *built, del quadSet, existing map[quad.Value]keySet) ([]quad.Quad, error) {
	var add []quad.Quad
	if existing == nil {
		existing = map[quad.Value]keySet{}
	}
	want := func(q quad.Quad, present bool) {
		switch {
		case del.has(q):
			delete(del, q)
		case !present:
			add = append(add, q)
			if set, ok := existing[q.Subject]; ok {
				set[quadKey(q)] = struct{}{}
			}
		}
	}
	// Owned quads live on nodes scoped to this article: absent unless in del.
	for _, q := range b.owned {
		want(q, false)
	}
	lookup := func(subj quad.Value) (keySet, error) {
		if set, ok := existing[subj]; ok {
			return set, nil
		}
		keys, err := r.quadKeys(quad.Subject, subj)
		if err != nil {
			return nil, err
		}
		set := make(keySet, len(keys))
		for _, k := range keys {
			set[k] = struct{}{}
		}
		existing[subj] = set
		return set, nil
	}
	// deleted finds the quad of a stored key among those del still holds.
	var delKeys map[refs.QuadHash]quad.Quad
	deleted := func(k refs.QuadHash) bool {
		if len(del) == 0 {
			return false
		}
		if delKeys == nil {
			delKeys = make(map[refs.QuadHash]quad.Quad, len(del))
			for q := range del {
				delKeys[quadKey(q)] = q
			}
		}
		q, ok := delKeys[k]
		return ok && del.has(q)
	}
	nameKey := refs.HashOf(predName)
	for _, ent := range sortedKeys(b.entities) {
		eq := b.entities[ent]
		have, err := lookup(ent)
		if err != nil {
			return nil, err
		}
		named := false
		for k := range have {
			if k.Predicate == nameKey && !deleted(k) {
				named = true
			}
		}
		if !named {
			// A new entity: this article gives its name and type.
			for _, q := range eq.core {
				want(q, have.has(q))
			}
		}
		for _, q := range eq.aliases {
			want(q, have.has(q))
		}
	}
	for _, q := range b.shared {
		have, err := lookup(q.Subject)
		if err != nil {
			return nil, err
		}
		want(q, have.has(q))
	}
	return add, nil
}

// keySet is a set of quads by content key.
type keySet map[refs.QuadHash]struct{}

func (s keySet) has(q quad.Quad) bool {
	_, ok := s[quadKey(q)]
	return ok
}

// quadKey returns a quad's content key: the hashes of its values, as Cayley's SQL backend
// stores them in its quads table (and names nodes by).
func quadKey(q quad.Quad) refs.QuadHash {
	var k refs.QuadHash
	for _, d := range quad.Directions {
		k.Set(d, refs.HashOf(q.Get(d)))
	}
	return k
}

// removal returns the quads that removing article id deletes: everything on its own nodes, and
// the shared quads (entities, aliases, statements, direct edges) that no other article supports.
func removal(r reader, id string) (quadSet, error) {
	art := articleIRI(id)
	esc := escape(id)
	del := quadSet{}
	top, err := r.quads(quad.Subject, art)
	if err != nil {
		return nil, err
	}
	if len(top) == 0 {
		return del, nil
	}
	del.add(top...)
	nodes, err := r.in(art, predArticle)
	if err != nil {
		return nil, err
	}
	var mentions []map[quad.IRI][]quad.Value
	statements := map[quad.Value]bool{}
	for _, n := range nodes {
		if !ownedBy(n, esc) {
			continue
		}
		qs, err := r.quads(quad.Subject, n)
		if err != nil {
			return nil, err
		}
		del.add(qs...)
		props := groupProps(qs)
		if ents := props[predEntity]; len(ents) > 0 {
			mentions = append(mentions, props)
		}
		for _, st := range props[predSupports] {
			statements[st] = true
		}
	}
	others := func(o quad.Value, p quad.IRI, keep func(quad.Value) bool) (bool, error) {
		subs, err := r.in(o, p)
		if err != nil {
			return false, err
		}
		for _, s := range subs {
			if !ownedBy(s, esc) && keep(s) {
				return true, nil
			}
		}
		return false, nil
	}
	anyone := func(quad.Value) bool { return true }

	for _, st := range sortedValues(statements) {
		supported, err := others(st, predSupports, anyone)
		if err != nil {
			return nil, err
		}
		if supported {
			continue
		}
		qs, err := r.quads(quad.Subject, st)
		if err != nil {
			return nil, err
		}
		del.add(qs...)
		p := groupProps(qs)
		if len(p[predNegated]) > 0 || len(p[predSubject]) == 0 {
			continue
		}
		obj := p[predObject]
		if len(obj) == 0 {
			obj = p[predValue]
		}
		if len(obj) == 0 {
			continue
		}
		edge := quad.Quad{Subject: p[predSubject][0], Predicate: relIRI(str(p[predRelation])), Object: obj[0]}
		subjQuads, err := r.quads(quad.Subject, edge.Subject)
		if err != nil {
			return nil, err
		}
		if newQuadSet(subjQuads).has(edge) {
			del.add(edge)
		}
	}

	for _, m := range mentions {
		ent := m[predEntity][0]
		supported, err := others(ent, predEntity, anyone)
		if err != nil {
			return nil, err
		}
		entQuads, err := r.quads(quad.Subject, ent)
		if err != nil {
			return nil, err
		}
		if !supported {
			del.add(entQuads...)
			continue
		}
		have := newQuadSet(entQuads)
		for _, alias := range m[predAlias] {
			q := quad.Quad{Subject: ent, Predicate: predAlias, Object: alias}
			if !have.has(q) {
				continue
			}
			sameEntity := func(s quad.Value) bool {
				e, ok := mentionEntity(s)
				return ok && e == ent
			}
			kept, err := others(alias, predAlias, sameEntity)
			if err != nil {
				return nil, err
			}
			if !kept {
				del.add(q)
			}
		}
	}
	return del, nil
}

func groupProps(qs []quad.Quad) map[quad.IRI][]quad.Value {
	m := make(map[quad.IRI][]quad.Value, len(qs))
	for _, q := range qs {
		if p, ok := q.Predicate.(quad.IRI); ok {
			m[p] = append(m[p], q.Object)
		}
	}
	return m
}

// quadSet is a set of quads. Quads of kg's values are comparable.
type quadSet map[quad.Quad]struct{}

func newQuadSet(qs []quad.Quad) quadSet {
	s := make(quadSet, len(qs))
	s.add(qs...)
	return s
}

func (s quadSet) add(qs ...quad.Quad) {
	for _, q := range qs {
		s[q] = struct{}{}
	}
}

func (s quadSet) has(q quad.Quad) bool {
	_, ok := s[q]
	return ok
}

// sorted returns the quads in N-Quads text order, so that transactions are deterministic.
func (s quadSet) sorted() []quad.Quad {
	out := make([]quad.Quad, 0, len(s))
	for q := range s {
		out = append(out, q)
	}
	slices.SortFunc(out, func(a, b quad.Quad) int { return strings.Compare(a.NQuad(), b.NQuad()) })
	return out
}

func sortedValues(m map[quad.Value]bool) []quad.Value {
	out := make([]quad.Value, 0, len(m))
	for v := range m {
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b quad.Value) int { return strings.Compare(quad.StringOf(a), quad.StringOf(b)) })
	return out
}

func entityIDsOf(b *built) []string {
	ids := make([]string, 0, len(b.entities))
	for iri := range b.entities {
		if id, ok := idOf(iri, entityPrefix); ok {
			ids = append(ids, id)
		}
	}
	return ids
}
