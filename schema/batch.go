package schema

import (
	"context"
	"sync"
	"time"

	"github.com/graph-gophers/dataloader/v7"
)

// loader is what resolvers ask for values through: a per-request cache that reads the keys it
// collects in batches.
type loader[K comparable, V any] interface {
	Load(ctx context.Context, key K) dataloader.Thunk[V]
	LoadMany(ctx context.Context, keys []K) dataloader.ThunkMany[V]
}

// newLoader returns a loader over fn. With wait > 0 it is a dataloader.Loader, which reads a
// batch wait after its first key. Otherwise it reads every key collected so far when the first
// value not yet read is asked for (see onDemand).
func newLoader[K comparable, V any](fn dataloader.BatchFunc[K, V], wait time.Duration) loader[K, V] {
	if wait > 0 {
		return dataloader.NewBatchedLoader(fn, dataloader.WithWait[K, V](wait))
	}
	return &onDemand[K, V]{fn: fn, entries: map[K]*entry[V]{}}
}

// onDemand is a loader without a timer. graphql-go calls the thunks resolvers return breadth
// first, after every resolver of the level above has run: by the time the first thunk of a level
// is called, every key of that level has been asked for, and one batch reads them all. A timed
// batch (dataloader.Loader) waits its whole window on every level of every request instead,
// and splits a level when the window ends early under load; dataloader v7 has no way to end a
// window on demand.
type onDemand[K comparable, V any] struct {
	fn      dataloader.BatchFunc[K, V]
	mu      sync.Mutex
	pending []K
	entries map[K]*entry[V]
}

type entry[V any] struct {
	done bool
	val  V
	err  error
}

// Load asks for key; the thunk reads every pending key if key was not read yet.
func (l *onDemand[K, V]) Load(ctx context.Context, key K) dataloader.Thunk[V] {
	e := l.ask(key)
	return func() (V, error) {
		l.mu.Lock()
		defer l.mu.Unlock()
		if !e.done {
			l.flush(ctx)
		}
		return e.val, e.err
	}
}

// LoadMany asks for keys.
func (l *onDemand[K, V]) LoadMany(ctx context.Context, keys []K) dataloader.ThunkMany[V] {
	es := make([]*entry[V], len(keys))
	for i, k := range keys {
		es[i] = l.ask(k)
	}
	return func() ([]V, []error) {
		l.mu.Lock()
		defer l.mu.Unlock()
		vals, errs := make([]V, len(es)), make([]error, len(es))
		for i, e := range es {
			if !e.done {
				l.flush(ctx)
			}
			vals[i], errs[i] = e.val, e.err
		}
		return vals, errs
	}
}

func (l *onDemand[K, V]) ask(key K) *entry[V] {
	l.mu.Lock()
	defer l.mu.Unlock()
	e, ok := l.entries[key]
	if !ok {
		e = &entry[V]{}
		l.entries[key] = e
		l.pending = append(l.pending, key)
	}
	return e
}

// flush reads the pending keys. The caller holds l.mu.
func (l *onDemand[K, V]) flush(ctx context.Context) {
	keys := l.pending
	l.pending = nil
	if len(keys) == 0 {
		return
	}
	res := l.fn(ctx, keys)
	for i, k := range keys {
		e := l.entries[k]
		e.done = true
		if i < len(res) && res[i] != nil {
			e.val, e.err = res[i].Data, res[i].Error
		} else {
			e.err = &Error{Code: CodeInternal, Message: "internal error"}
		}
	}
}
