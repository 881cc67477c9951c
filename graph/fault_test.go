package graph

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"

	hkv "github.com/hidal-go/hidalgo/kv"
)

// faultKV makes write transactions fail at commit while armed, as bbolt does when the disk is
// full: the pages were written to the transaction, and the commit reports ENOSPC and rolls back.
type faultKV struct {
	hkv.KV
	armed *atomic.Int32 // commits left to fail
}

func (f faultKV) Tx(ctx context.Context, rw bool) (hkv.Tx, error) {
	tx, err := f.KV.Tx(ctx, rw)
	if err != nil || !rw {
		return tx, err
	}
	return faultTx{tx, f.armed}, nil
}

func (f faultKV) Update(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.Update(ctx, f, fn)
}

func (f faultKV) View(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.View(ctx, f, fn)
}

type faultTx struct {
	hkv.Tx
	armed *atomic.Int32
}

func (t faultTx) Commit(ctx context.Context) error {
	if t.armed.Add(-1) >= 0 {
		t.Tx.Close()
		return fmt.Errorf("bolt commit: write kg.db: %w", syscall.ENOSPC)
	}
	return t.Tx.Commit(ctx)
}

// TestDiskFull: a load whose commit fails as on a full disk returns a clear error wrapping
// ENOSPC, stores nothing of the article, and the store — reopened behind the scenes, because
// Cayley caches ids from the rolled-back transaction — takes the next writes soundly, and
// reopens from disk with exactly what was committed.
func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kg.db")
	armed := &atomic.Int32{}
	open := func() *Store {
		s, err := Open(ctx, "bolt:"+path, func(s *Store) {
			s.wrapKV = func(db hkv.KV) hkv.KV { return faultKV{db, armed} }
		})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := open()
	load(t, s, a2)
	for _, tc := range []struct {
		name string
		f    fixture
		want []fixture // stored after the failure
	}{
		{"new article", a1, []fixture{a2}},
		{"replacement", a1b, []fixture{a2, a1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			armed.Store(1)
			_, err := s.Load(ctx, tc.f.article, tc.f.doc)
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("load on a full disk: %v, want ENOSPC", err)
			}
			if IsInputError(err) {
				t.Errorf("a full disk reported as bad input: %v", err)
			}
			sameQuads(t, "after the failed load", dump(t, s), expected(t, tc.want...))
			// The disk has room again: the same load now succeeds, whole.
			load(t, s, tc.f)
			sameQuads(t, "after the retry", dump(t, s), expected(t, append(tc.want, tc.f)...))
		})
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open()
	defer s.Close()
	sameQuads(t, "reopened from disk", dump(t, s), expected(t, a2, a1, a1b))
}
