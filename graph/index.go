package graph

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/extract"
)

// entityIndex keeps every entity's names, type and article count in memory, for listing,
// ordering and searching without a scan of the store. Writes through this Store mark the
// entities they touch stale; a change made by another process (PostgreSQL) is noticed by the
// store's size at most refreshAfter later, and the index is then rebuilt.
type entityIndex struct {
	mu      sync.RWMutex
	built   bool
	at      time.Time
	quads   int64
	ents    map[string]*indexed
	stale   map[string]bool
	version int64
}

type indexed struct {
	Entity
	keys  []string // folded name and aliases
	sound []string // consonant skeletons of the name and aliases (see extract.SoundKey)
}

// refreshAfter is how old the index may grow before the store's size is checked for changes
// made by other processes.
const refreshAfter = 30 * time.Second

// touch marks entities stale after a write.
func (ix *entityIndex) touch(ids ...string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.stale == nil {
		ix.stale = map[string]bool{}
	}
	for _, id := range ids {
		ix.stale[id] = true
	}
	ix.version++
}

// invalidate makes the next snapshot rebuild the index from the store, after a write that does
// not list the entities it touches (ImportNQuads).
func (ix *entityIndex) invalidate() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.built = false
	ix.version++
}

// lookup returns a copy of the indexed entity id when the index holds it up to date: built, and
// id not written to since. ok is false when the index cannot tell (not built, stale, absent from
// it, or busy being brought up to date), and the store must be read.
func (ix *entityIndex) lookup(id string) (e *Entity, ok bool) {
	if !ix.mu.TryRLock() {
		return nil, false
	}
	defer ix.mu.RUnlock()
	if !ix.built || ix.stale[id] {
		return nil, false
	}
	x := ix.ents[id]
	if x == nil {
		return nil, false
	}
	c := x.Entity
	c.Aliases = slices.Clone(x.Aliases)
	return &c, true
}

// WarmIndex builds the in-memory entity index now rather than at the first listing or search.
// A server calls it as it starts: until the index is built, Entities counts each entity's
// articles from the store.
func (s *Store) WarmIndex(ctx context.Context) error {
	if _, err := s.snapshot(ctx); err != nil {
		return fmt.Errorf("graph: entity index: %w", err)
	}
	return nil
}

// snapshot returns the indexed entities, brought up to date.
func (s *Store) snapshot(ctx context.Context) ([]*indexed, error) {
	ix := &s.index
	ix.mu.Lock()
	defer ix.mu.Unlock()
	err := s.read(ctx, func(r reader) error {
		if ix.built && time.Since(ix.at) > refreshAfter {
			st, err := r.qs.Stats(ctx, false)
			if err != nil {
				return err
			}
			if st.Quads.Value != ix.quads {
				ix.built = false
			}
			ix.at = time.Now()
		}
		if !ix.built {
			ids, err := r.allEntities()
			if err != nil {
				return err
			}
			ix.ents = make(map[string]*indexed, len(ids))
			ix.stale = map[string]bool{}
			for _, id := range ids {
				ix.stale[id] = true
			}
			st, err := r.qs.Stats(ctx, false)
			if err != nil {
				return err
			}
			ix.quads, ix.at, ix.built = st.Quads.Value, time.Now(), true
		}
		for id := range ix.stale {
			e, err := r.entity(id)
			if err != nil {
				return err
			}
			if e == nil {
				delete(ix.ents, id)
			} else {
				ix.ents[id] = newIndexed(e)
			}
			delete(ix.stale, id)
		}
		return nil
	})
	if err != nil {
		ix.built = false
		return nil, err
	}
	out := make([]*indexed, 0, len(ix.ents))
	for _, e := range ix.ents {
		out = append(out, e)
	}
	return out, nil
}

func newIndexed(e *Entity) *indexed {
	x := &indexed{Entity: *e}
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		x.keys = append(x.keys, fold(n))
		if k := extract.SoundKey(n); k != "" {
			x.sound = append(x.sound, k)
		}
	}
	return x
}

// Orders of FindEntities.
const (
	ByID       = "ID"
	ByName     = "NAME"
	ByArticles = "ARTICLES" // most mentioned first
)

// sortKey is the keyset cursor of an entity in an order: the entity after a cursor is the first
// whose key is greater.
func sortKey(e *Entity, order string) string {
	switch order {
	case ByName:
		return fold(e.Name) + "\x00" + e.ID
	case ByArticles:
		return fmt.Sprintf("%010d\x00%s", math.MaxInt32-e.Articles, e.ID)
	}
	return e.ID
}

// EntityPage is a page of entities with the cursor of each.
type EntityPage struct {
	Entities []*Entity
	Cursors  []string
	Total    int  // entities matching the query
	More     bool // more follow the page
}

// ListEntities returns a page of the entities matching q in the order q.OrderBy (ByID when
// empty); q.After is a cursor from an earlier page.
func (s *Store) ListEntities(ctx context.Context, q EntityQuery) (EntityPage, error) {
	all, err := s.snapshot(ctx)
	if err != nil {
		return EntityPage{}, fmt.Errorf("graph: list entities: %w", err)
	}
	name, sub := fold(q.Name), fold(q.NameContains)
	type keyed struct {
		e   *Entity
		key string
	}
	var hits []keyed
	for _, x := range all {
		if q.Type != "" && x.Type != q.Type {
			continue
		}
		if name != "" && !slices.Contains(x.keys, name) {
			continue
		}
		if sub != "" && !slices.ContainsFunc(x.keys, func(k string) bool { return strings.Contains(k, sub) }) {
			continue
		}
		hits = append(hits, keyed{&x.Entity, sortKey(&x.Entity, q.OrderBy)})
	}
	slices.SortFunc(hits, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	page := EntityPage{Total: len(hits)}
	start, _ := slices.BinarySearchFunc(hits, q.After, func(k keyed, after string) int { return strings.Compare(k.key, after) })
	for start < len(hits) && q.After != "" && hits[start].key <= q.After {
		start++
	}
	for _, h := range hits[start:] {
		if q.First > 0 && len(page.Entities) == q.First {
			page.More = true
			break
		}
		e := *h.e
		page.Entities = append(page.Entities, &e)
		page.Cursors = append(page.Cursors, h.key)
	}
	return page, nil
}

// Search finds entities by name or alias in any script and width: an exact name first, then
// names that begin with the text, names that contain it, and names that sound the same in
// another script (グーグル finds Google). Ties go to the most mentioned.
func (s *Store) Search(ctx context.Context, text, typ string, first int) ([]*Entity, error) {
	all, err := s.snapshot(ctx)
	if err != nil {
		return nil, fmt.Errorf("graph: search: %w", err)
	}
	k := fold(text)
	if k == "" {
		return nil, nil
	}
	sound := extract.SoundKey(text)
	type scored struct {
		e     *Entity
		score int
	}
	var hits []scored
	for _, x := range all {
		if typ != "" && x.Type != typ {
			continue
		}
		score := 0
		for _, key := range x.keys {
			switch {
			case key == k:
				score = max(score, 4)
			case strings.HasPrefix(key, k):
				score = max(score, 3)
			case strings.Contains(key, k):
				score = max(score, 1)
			}
		}
		if sound != "" && slices.Contains(x.sound, sound) {
			score = max(score, 2)
		}
		if score > 0 {
			hits = append(hits, scored{&x.Entity, score})
		}
	}
	slices.SortFunc(hits, func(a, b scored) int {
		if a.score != b.score {
			return b.score - a.score
		}
		if a.e.Articles != b.e.Articles {
			return b.e.Articles - a.e.Articles
		}
		return strings.Compare(a.e.ID, b.e.ID)
	})
	var out []*Entity
	for _, h := range hits {
		if first > 0 && len(out) == first {
			break
		}
		e := *h.e
		out = append(out, &e)
	}
	return out, nil
}

// touchedEntities lists the entity ids among the subjects of quads.
func touchedEntities(qs ...[]quad.Quad) []string {
	var ids []string
	for _, list := range qs {
		for _, q := range list {
			if id, ok := idOf(q.Subject, entityPrefix); ok {
				ids = append(ids, id)
			}
			if id, ok := idOf(q.Object, entityPrefix); ok {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}
