package graph

import (
	"container/heap"
	"context"
	"encoding/binary"
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
	list    []*indexed // the values of ents, shared by readers until ents changes; nil: not made
	stale   map[string]bool
	version int64
}

// indexed is one entity of the index, its strings packed into one, so that an index of a
// million entities takes one small allocation per entity besides the map: packed holds, each
// as a uvarint length and the bytes, the id, the name, the type, the aliases (nAliases of
// them), the search keys of the name and of each alias (folded, see fold; a zero length stands
// for a key equal to its name or alias, and other keys have their length plus one) and the
// consonant skeletons of the name and aliases (nSound of them, see extract.SoundKey). An
// indexed is never changed once built: a write replaces it.
type indexed struct {
	packed   string
	articles int
	nAliases int32
	nSound   int32
}

// field returns the field of packed at offset i and the offset of the next.
func field(packed string, i int) (string, int) {
	n, w := uvarint(packed[i:])
	i += w
	return packed[i : i+n], i + n
}

// uvarint decodes a uvarint from the start of s, as binary.Uvarint does for bytes.
func uvarint(s string) (int, int) {
	var x uint64
	var shift uint
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b < 0x80 {
			return int(x | uint64(b)<<shift), i + 1
		}
		x |= uint64(b&0x7f) << shift
		shift += 7
	}
	return 0, len(s)
}

func (x *indexed) id() string {
	id, _ := field(x.packed, 0)
	return id
}

// head returns the id, name and type, and the offset of the first alias.
func (x *indexed) head() (id, name, typ string, i int) {
	id, i = field(x.packed, 0)
	name, i = field(x.packed, i)
	typ, i = field(x.packed, i)
	return id, name, typ, i
}

// keys calls f with each search key, the name's first, until f returns false; it returns the
// offset of the first sound key (after the last search key) or -1 when f stopped it.
func (x *indexed) keys(f func(string) bool) int {
	_, name, _, i := x.head()
	aliases := i
	for range x.nAliases {
		_, i = field(x.packed, i)
	}
	src := name
	for k := int32(0); k <= x.nAliases; k++ {
		if k > 0 {
			src, aliases = field(x.packed, aliases)
		}
		n, w := uvarint(x.packed[i:])
		i += w
		key := src
		if n > 0 {
			key = x.packed[i : i+n-1]
			i += n - 1
		}
		if !f(key) {
			return -1
		}
	}
	return i
}

// hasKey reports whether f holds for a search key.
func (x *indexed) hasKey(f func(string) bool) bool {
	return x.keys(func(k string) bool { return !f(k) }) < 0
}

// hasSound reports whether sound is one of the consonant skeletons.
func (x *indexed) hasSound(sound string) bool {
	i := x.keys(func(string) bool { return true })
	for range x.nSound {
		var k string
		k, i = field(x.packed, i)
		if k == sound {
			return true
		}
	}
	return false
}

// entity returns a new Entity with the indexed values.
func (x *indexed) entity() *Entity {
	id, name, typ, i := x.head()
	e := &Entity{ID: id, Name: name, Type: typ, Articles: x.articles}
	if x.nAliases > 0 {
		e.Aliases = make([]string, x.nAliases)
		for k := range e.Aliases {
			e.Aliases[k], i = field(x.packed, i)
		}
	}
	return e
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
	return x.entity(), true
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

// snapshot returns the indexed entities, brought up to date. The slice is shared: callers must
// not change it.
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
			st, err := r.qs.Stats(ctx, false)
			if err != nil {
				return err
			}
			ix.ents = make(map[string]*indexed, len(ids))
			ix.list = nil
			ix.stale = map[string]bool{}
			for n, id := range ids {
				ids[n] = "" // let the id go once indexed: the index keeps its own copy
				e, err := r.entity(id)
				if err != nil {
					return err
				}
				if e != nil {
					x := newIndexed(e)
					ix.ents[x.id()] = x
				}
			}
			ix.quads, ix.at, ix.built = st.Quads.Value, time.Now(), true
		}
		for id := range ix.stale {
			ix.list = nil
			e, err := r.entity(id)
			if err != nil {
				return err
			}
			if e == nil {
				delete(ix.ents, id)
			} else {
				x := newIndexed(e)
				ix.ents[x.id()] = x
			}
			delete(ix.stale, id)
		}
		return nil
	})
	if err != nil {
		ix.built = false
		return nil, err
	}
	if ix.list == nil {
		ix.list = make([]*indexed, 0, len(ix.ents))
		for _, e := range ix.ents {
			ix.list = append(ix.list, e)
		}
	}
	return ix.list, nil
}

func newIndexed(e *Entity) *indexed {
	x := &indexed{articles: e.Articles, nAliases: int32(len(e.Aliases))}
	var sounds []string
	size := 0
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		size += 2*len(n) + 2*binary.MaxVarintLen32
		if k := extract.SoundKey(n); k != "" {
			sounds = append(sounds, k)
			size += len(k) + binary.MaxVarintLen32
		}
	}
	b := make([]byte, 0, size+len(e.ID)+len(e.Type)+2*binary.MaxVarintLen32)
	put := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	put(e.ID)
	put(e.Name)
	put(e.Type)
	for _, a := range e.Aliases {
		put(a)
	}
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		if k := fold(n); k == n {
			b = binary.AppendUvarint(b, 0)
		} else {
			b = binary.AppendUvarint(b, uint64(len(k))+1)
			b = append(b, k...)
		}
	}
	for _, k := range sounds {
		put(k)
	}
	x.nSound = int32(len(sounds))
	x.packed = string(b)
	return x
}

// scanCheck is how many entities a scan of the index goes through between checks of its
// context: a request that timed out stops using the CPU.
const scanCheck = 4096

// Orders of FindEntities.
const (
	ByID       = "ID"
	ByName     = "NAME"
	ByArticles = "ARTICLES" // most mentioned first
)

// sortKey is the keyset cursor of an entity in an order: the entity after a cursor is the first
// whose key is greater.
func sortKey(x *indexed, order string) string {
	return string(appendSortKey(nil, x, order))
}

// appendSortKey appends the sortKey of x to b.
func appendSortKey(b []byte, x *indexed, order string) []byte {
	switch order {
	case ByName:
		// The name's search key is fold(name).
		x.keys(func(k string) bool { b = append(b, k...); return false })
		b = append(b, 0)
		return append(b, x.id()...)
	case ByArticles:
		return fmt.Appendf(b, "%010d\x00%s", math.MaxInt32-x.articles, x.id())
	}
	return append(b, x.id()...)
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
	// With a page size, only the First+1 smallest keys after q.After are kept (in a max-heap),
	// not a key for every entity.
	var (
		hits  []keyed
		total int
		buf   []byte
	)
	for n, x := range all {
		if n%scanCheck == 0 && ctx.Err() != nil {
			return EntityPage{}, fmt.Errorf("graph: list entities: %w", ctx.Err())
		}
		if _, _, typ, _ := x.head(); q.Type != "" && typ != q.Type {
			continue
		}
		if name != "" && !x.hasKey(func(k string) bool { return k == name }) {
			continue
		}
		if sub != "" && !x.hasKey(func(k string) bool { return strings.Contains(k, sub) }) {
			continue
		}
		total++
		buf = appendSortKey(buf[:0], x, q.OrderBy)
		if q.After != "" && string(buf) <= q.After {
			continue
		}
		switch {
		case q.First <= 0 || len(hits) <= q.First:
			hits = append(hits, keyed{x, string(buf)})
			if q.First > 0 && len(hits) == q.First+1 {
				heap.Init((*keyHeap)(&hits))
			}
		case string(buf) < hits[0].key:
			hits[0] = keyed{x, string(buf)}
			heap.Fix((*keyHeap)(&hits), 0)
		}
	}
	slices.SortFunc(hits, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	page := EntityPage{Total: total}
	for _, h := range hits {
		if q.First > 0 && len(page.Entities) == q.First {
			page.More = true
			break
		}
		page.Entities = append(page.Entities, h.x.entity())
		page.Cursors = append(page.Cursors, h.key)
	}
	return page, nil
}

// keyed is an indexed entity with its sortKey.
type keyed struct {
	x   *indexed
	key string
}

// keyHeap is a max-heap of keyed entities by key (container/heap).
type keyHeap []keyed

func (h keyHeap) Len() int           { return len(h) }
func (h keyHeap) Less(i, j int) bool { return h[i].key > h[j].key }
func (h keyHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *keyHeap) Push(x any)        { *h = append(*h, x.(keyed)) }
func (h *keyHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
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
		x     *indexed
		score int
	}
	var hits []scored
	for n, x := range all {
		if n%scanCheck == 0 && ctx.Err() != nil {
			return nil, fmt.Errorf("graph: search: %w", ctx.Err())
		}
		if _, _, t, _ := x.head(); typ != "" && t != typ {
			continue
		}
		score := 0
		x.keys(func(key string) bool {
			switch {
			case key == k:
				score = max(score, 4)
			case strings.HasPrefix(key, k):
				score = max(score, 3)
			case strings.Contains(key, k):
				score = max(score, 1)
			}
			return true
		})
		if sound != "" && x.hasSound(sound) {
			score = max(score, 2)
		}
		if score > 0 {
			hits = append(hits, scored{x, score})
		}
	}
	slices.SortFunc(hits, func(a, b scored) int {
		if a.score != b.score {
			return b.score - a.score
		}
		if a.x.articles != b.x.articles {
			return b.x.articles - a.x.articles
		}
		return strings.Compare(a.x.id(), b.x.id())
	})
	var out []*Entity
	for _, h := range hits {
		if first > 0 && len(out) == first {
			break
		}
		out = append(out, h.x.entity())
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
