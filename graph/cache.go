package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"math"
	"slices"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	lru "github.com/hashicorp/golang-lru/v2"
	hkv "github.com/hidal-go/hidalgo/kv"
	bolt "go.etcd.io/bbolt"
)

// nodeCacheSize is how many node values, and as many node references, a store keeps in memory.
const nodeCacheSize = 1 << 16

// nodeCache keeps recently read nodes: the value of a node reference, and on bolt the reference
// of a value. Reading a node from Cayley's KV store costs a transaction, a B-tree search and a
// protobuf decoding; queries read the same predicates, entities and statements over and over.
//
// A reference names the same value for as long as the node lives (KV and memory stores number
// nodes from a counter, SQL stores by the value's hash), but a value deleted and added again gets
// a new reference: the caches are cleared by every write, while readers are kept out (see
// Store.applyDeltas), and references are cached only on bolt, where that is so. A nil
// *nodeCache caches nothing.
type nodeCache struct {
	names *lru.Cache[any, quad.Value]
	refs  *lru.Cache[quad.Value, cgraph.Ref] // nil: references are not cached
}

func newNodeCache(kind string) *nodeCache {
	c := &nodeCache{}
	c.names, _ = lru.New[any, quad.Value](nodeCacheSize)
	if kind == Bolt {
		c.refs, _ = lru.New[quad.Value, cgraph.Ref](nodeCacheSize)
	}
	return c
}

func (c *nodeCache) name(ref cgraph.Ref) (quad.Value, bool) {
	if c == nil {
		return nil, false
	}
	return c.names.Get(refs.ToKey(ref))
}

func (c *nodeCache) putName(ref cgraph.Ref, v quad.Value) {
	if c == nil || v == nil {
		return
	}
	c.names.Add(refs.ToKey(ref), v)
}

func (c *nodeCache) ref(v quad.Value) (cgraph.Ref, bool) {
	if c == nil || c.refs == nil {
		return nil, false
	}
	return c.refs.Get(v)
}

func (c *nodeCache) putRef(v quad.Value, ref cgraph.Ref) {
	if c == nil || c.refs == nil || ref == nil {
		return
	}
	c.refs.Add(v, ref)
}

// clear forgets everything, after a write.
func (c *nodeCache) clear() {
	if c == nil {
		return
	}
	c.names.Purge()
	if c.refs != nil {
		c.refs.Purge()
	}
}

// kvIndexes are the quad indexes of the KV stores kg creates (Cayley's defaults): quads by
// subject and predicate, and by object, predicate and subject.
var kvIndexes = []kv.QuadIndex{
	{Dirs: []quad.Direction{quad.Subject, quad.Predicate}},
	{Dirs: []quad.Direction{quad.Object, quad.Predicate, quad.Subject}},
}

// hasKVIndexes reports whether a KV database holds exactly the indexes kvScan relies on.
func hasKVIndexes(ctx context.Context, db hkv.KV) bool {
	var got []kv.QuadIndex
	err := hkv.View(ctx, db, func(tx hkv.Tx) error {
		data, err := tx.Get(ctx, hkv.Key{[]byte("meta"), []byte("indexes")})
		if err != nil {
			return err
		}
		return json.Unmarshal(data, &got)
	})
	return err == nil && slices.EqualFunc(got, kvIndexes, func(a, b kv.QuadIndex) bool {
		return a.Unique == b.Unique && slices.Equal(a.Dirs, b.Dirs)
	})
}

// kvScan returns an iterator over the quads whose direction d is node and whose predicate is
// pred, scanning the key prefix (node, pred) of Cayley's KV index for d: it reads only those
// quads, where QuadIterator reads every quad of the node. ok is false when there is no such
// index.
func kvScan(qs cgraph.QuadStore, d quad.Direction, node, pred cgraph.Ref) (_ iterator.Scanner, ok bool) {
	if _, isKV := qs.(*kv.QuadStore); !isKV {
		return nil, false
	}
	n, ok1 := node.(kv.Int64Value)
	p, ok2 := pred.(kv.Int64Value)
	if !ok1 || !ok2 {
		return nil, false
	}
	ind, ok := kvIndexFor(d)
	if !ok {
		return nil, false
	}
	return kv.IndexScan{Index: ind, Values: []uint64{uint64(n), uint64(p)}}.BuildIterator(qs).Iterate(), true
}

// kvIndexFor returns Cayley's KV index that starts with direction d: Subject or Object.
func kvIndexFor(d quad.Direction) (kv.QuadIndex, bool) {
	switch d {
	case quad.Subject:
		return kvIndexes[0], true
	case quad.Object:
		return kvIndexes[1], true
	}
	return kv.QuadIndex{}, false
}

// kvPredicates returns the predicates of the quads whose direction d is node, in the order of
// Cayley's KV index for d (Subject or Object), reading only the index's keys, one seek per
// predicate: the quads themselves are not read. ok is false when db or node is not of the KV
// store.
func kvPredicates(db *bolt.DB, d quad.Direction, node cgraph.Ref) (_ []cgraph.Ref, ok bool, _ error) {
	n, isKV := node.(kv.Int64Value)
	if db == nil || !isKV {
		return nil, false, nil
	}
	ind, ok := kvIndexFor(d)
	if !ok {
		return nil, false, nil
	}
	key := ind.Key([]uint64{uint64(n)}) // the index's bucket, and the node's key prefix
	if len(key) != 2 {
		return nil, false, nil
	}
	prefix := key[1]
	var preds []cgraph.Ref
	err := db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(key[0])
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && len(k) >= len(prefix)+8; {
			p := binary.BigEndian.Uint64(k[len(prefix):])
			preds = append(preds, kv.Int64Value(p))
			if p == math.MaxUint64 {
				break
			}
			k, _ = c.Seek(binary.BigEndian.AppendUint64(bytes.Clone(prefix), p+1))
		}
		return nil
	})
	return preds, true, err
}
