package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	csql "github.com/cayleygraph/cayley/graph/sql"
	_ "github.com/cayleygraph/cayley/graph/sql/cockroach" // registers the cockroach SQL flavour and the pgx driver
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"  // registers the postgres SQL flavour and lib/pq
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"
)

// DefaultDSN is the store used when none is given: an embedded bbolt file.
const DefaultDSN = "bolt:./data/kg.db"

// Backend kinds. The names of the SQL kinds are those of Cayley's SQL flavours.
const (
	Memory    = "memory"
	Bolt      = "bolt"
	Postgres  = "postgres"
	Cockroach = "cockroach"
)

// DSN is a parsed store address.
type DSN struct {
	Kind string // Memory, Bolt, Postgres or Cockroach
	// Addr is the file path for Bolt, and the connection URL for Postgres and Cockroach: for
	// Cockroach the postgresql:// URL its driver wants, translated from cockroach://.
	Addr string
}

// ParseDSN parses "memory:", "bolt:PATH", "postgres://…" (or "postgresql://…") and
// "cockroach://user@host:26257/db?sslmode=disable" addresses. A cockroach:// address is a
// PostgreSQL connection URL under another scheme (CockroachDB speaks the PostgreSQL protocol);
// the scheme chooses Cayley's cockroach SQL flavour.
func ParseDSN(s string) (DSN, error) {
	switch {
	case s == "memory:" || s == "memory":
		return DSN{Kind: Memory}, nil
	case strings.HasPrefix(s, "bolt:"):
		p := strings.TrimPrefix(s, "bolt:")
		if p == "" {
			return DSN{}, fmt.Errorf("graph: dsn %q: bolt needs a file path, as in bolt:./data/kg.db", s)
		}
		return DSN{Kind: Bolt, Addr: p}, nil
	case strings.HasPrefix(s, "postgres://"), strings.HasPrefix(s, "postgresql://"):
		return DSN{Kind: Postgres, Addr: s}, nil
	case strings.HasPrefix(s, "cockroach://"):
		u, err := url.Parse(s)
		if err != nil || u.Host == "" {
			return DSN{}, fmt.Errorf("graph: dsn %q: want cockroach://user@host:26257/database?sslmode=disable", redact(s))
		}
		u.Scheme = "postgresql"
		return DSN{Kind: Cockroach, Addr: u.String()}, nil
	}
	return DSN{}, fmt.Errorf("graph: dsn %q: want memory:, bolt:PATH, postgres://… or cockroach://…", redact(s))
}

// String returns the DSN with any password removed, for logs and messages.
func (d DSN) String() string {
	switch d.Kind {
	case Memory:
		return "memory:"
	case Bolt:
		return "bolt:" + d.Addr
	case Cockroach:
		return redact("cockroach" + strings.TrimPrefix(d.Addr, "postgresql"))
	}
	return redact(d.Addr)
}

// redact removes the password from a connection URL.
func redact(addr string) string {
	if at := strings.LastIndex(addr, "@"); at > 0 {
		if i := strings.Index(addr, "://"); i >= 0 && i+3 < at {
			cred := addr[i+3 : at]
			if c := strings.IndexByte(cred, ':'); c >= 0 {
				addr = addr[:i+3] + cred[:c] + ":***" + addr[at:]
			}
		}
	}
	return addr
}

// Option configures Open.
type Option func(*Store)

// WithLogger sets the logger; the default discards everything.
func WithLogger(l *slog.Logger) Option { return func(s *Store) { s.log = l } }

// Store is the knowledge graph over a Cayley quad store. It is safe for concurrent use: reads run
// in parallel, writes are serialised (across processes too, on PostgreSQL).
type Store struct {
	dsn DSN
	log *slog.Logger

	// wmu serialises writers. The writer also swaps qs after a failed write.
	wmu sync.Mutex
	// mu guards qs: readers hold it shared; reopening holds it exclusively, and so does every
	// write on the memory backend, whose store is not safe for reads during writes.
	mu sync.RWMutex
	qs cgraph.QuadStore

	// wrapKV, when set, wraps the bolt key-value database as it is opened: tests inject
	// faults through it (a commit failing as on a full disk).
	wrapKV func(hkv.KV) hkv.KV

	// lockDB takes the cross-process write lock on PostgreSQL.
	lockDB *sql.DB

	index entityIndex
	// cache keeps node values (and on bolt references) read by queries; scan says that qs is a
	// KV store with the indexes kvScan uses. Both change only with s.mu held exclusively.
	cache *nodeCache
	scan  bool
	// bolt is the bolt database under qs, when scan is set: readers list a node's predicates
	// from the keys of Cayley's indexes (see kvPredicates).
	bolt *bolt.DB
}

// Open opens (creating when needed) the store at dsn.
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	d, err := ParseDSN(dsn)
	if err != nil {
		return nil, err
	}
	s := &Store{dsn: d, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	for _, o := range opts {
		o(s)
	}
	s.cache = newNodeCache(d.Kind)
	qs, err := s.open(ctx)
	if err != nil {
		return nil, err
	}
	s.qs = qs
	if d.Kind == Postgres || d.Kind == Cockroach {
		db, err := sql.Open(driverOf(d.Kind), d.Addr)
		if err != nil {
			qs.Close()
			return nil, fmt.Errorf("graph: open %s: %w", d, err)
		}
		db.SetMaxOpenConns(4)
		db.SetMaxIdleConns(2)
		s.lockDB = db
		if d.Kind == Cockroach {
			if err := createLockTable(ctx, db); err != nil {
				s.Close()
				return nil, fmt.Errorf("graph: open %s: %w", d, err)
			}
		}
	}
	return s, nil
}

// DSN returns the address the store was opened with.
func (s *Store) DSN() DSN { return s.dsn }

func (s *Store) open(ctx context.Context) (cgraph.QuadStore, error) {
	switch s.dsn.Kind {
	case Memory:
		return memstore.New(), nil
	case Bolt:
		qs, db, err := openBolt(ctx, s.dsn.Addr, s.wrapKV)
		s.scan, s.bolt = db != nil, db
		return qs, err
	case Postgres, Cockroach:
		return openSQL(ctx, s.dsn)
	}
	return nil, fmt.Errorf("graph: unknown backend %q", s.dsn.Kind)
}

// openBolt opens a bolt store. It returns the bolt database too when the store has the indexes
// kvScan and kvPredicates use.
func openBolt(ctx context.Context, path string, wrap func(hkv.KV) hkv.KV) (cgraph.QuadStore, *bolt.DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, nil, fmt.Errorf("graph: open bolt:%s: %w", path, err)
		}
	}
	db, err := hbolt.Open(path, &bolt.Options{Timeout: 2 * time.Second})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, nil, fmt.Errorf("graph: open bolt:%s: the file is locked by another kg process (stop it, or use PostgreSQL to share a store)", path)
	} else if err != nil {
		return nil, nil, fmt.Errorf("graph: open bolt:%s: %w", path, err)
	}
	var kvdb hkv.KV = db
	if wrap != nil {
		kvdb = wrap(db)
	}
	// Cayley sizes its bloom filter for 100M quads (~570 MB); lookups go to the index instead.
	opts := cgraph.Options{kv.OptNoBloom: true}
	qs, err := kv.New(kvdb, opts)
	if errors.Is(err, cgraph.ErrNotInitialized) {
		if err = kv.Init(kvdb, opts); err == nil {
			qs, err = kv.New(kvdb, opts)
		}
		if err == nil {
			err = createBuckets(qs)
		}
	}
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("graph: open bolt:%s: %w", path, err)
	}
	if !hasKVIndexes(ctx, kvdb) {
		return qs, nil, nil
	}
	return qs, db.DB(), nil
}

// createBuckets writes a quad into a new bolt store and deletes it: Cayley creates its buckets
// on the first write only, and until then its statistics and full scans fail with "no bucket".
func createBuckets(qs cgraph.QuadStore) error {
	q := quad.Quad{Subject: quad.IRI("kg:init"), Predicate: quad.IRI("kg:init"), Object: quad.IRI("kg:init")}
	for _, a := range []cgraph.Procedure{cgraph.Add, cgraph.Delete} {
		if err := qs.ApplyDeltas([]cgraph.Delta{{Quad: q, Action: a}}, cgraph.IgnoreOpts{}); err != nil {
			qs.Close()
			return fmt.Errorf("create buckets: %w", err)
		}
	}
	return nil
}

// driverOf returns the database/sql driver kg's own connections to a SQL backend use (the
// write lock, the schema check): lib/pq on PostgreSQL, pgx on CockroachDB as Cayley's cockroach
// flavour.
func driverOf(kind string) string {
	if kind == Cockroach {
		return "pgx"
	}
	return "postgres"
}

// flavorOf returns the Cayley SQL flavour kg opens a SQL backend with: on PostgreSQL its own
// (see pgFlavor): Cayley's postgres flavour over pgx, writing many rows per statement.
func flavorOf(kind string) string {
	if kind == Postgres {
		return pgFlavor
	}
	return kind
}

func openSQL(ctx context.Context, d DSN) (cgraph.QuadStore, error) {
	// Without a pool of idle connections Cayley's SQL backend dials for nearly every query.
	opts := cgraph.Options{"maxopenconnections": 16, "maxidleconnections": 16}
	exists, err := sqlSchema(ctx, d)
	if err != nil {
		return nil, fmt.Errorf("graph: open %s: %w", d, err)
	}
	if !exists {
		err := csql.Init(flavorOf(d.Kind), d.Addr, opts)
		if err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			return nil, fmt.Errorf("graph: init %s: %w", d, err)
		}
	}
	qs, err := csql.New(flavorOf(d.Kind), d.Addr, opts)
	if err != nil {
		return nil, fmt.Errorf("graph: open %s: %w", d, err)
	}
	return qs, nil
}

// sqlSchema checks that the database answers, so that a wrong address fails with a clear error
// before Cayley logs its own, and reports whether Cayley's tables exist already.
func sqlSchema(ctx context.Context, d DSN) (bool, error) {
	db, err := sql.Open(driverOf(d.Kind), d.Addr)
	if err != nil {
		return false, err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		return false, err
	}
	var n int
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_name IN ('nodes', 'quads')`).Scan(&n)
	if err != nil {
		return false, err
	}
	return n == 2, nil
}

// reopen replaces the quad store with a freshly opened one. Cayley's KV backend caches node ids
// assigned inside a transaction even when the transaction rolls back, so after any failed write
// the cache is wrong and the next write would corrupt the store. The caller holds wmu.
func (s *Store) reopen(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.qs != nil {
		s.qs.Close()
		s.qs = nil
	}
	s.cache.clear()
	qs, err := s.open(ctx)
	if err != nil {
		return fmt.Errorf("graph: reopen %s: %w", s.dsn, err)
	}
	s.qs = qs
	return nil
}

// Close closes the store.
func (s *Store) Close() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	if s.qs != nil {
		err = s.qs.Close()
		s.qs = nil
	}
	if s.lockDB != nil {
		err = errors.Join(err, s.lockDB.Close())
	}
	return err
}

// ErrClosed is returned by operations on a closed store.
var ErrClosed = errors.New("graph: store is closed")

// read runs fn with the current quad store held for reading.
func (s *Store) read(ctx context.Context, fn func(r reader) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.qs == nil {
		return ErrClosed
	}
	return fn(reader{ctx: ctx, qs: s.qs, cache: s.cache, scan: s.scan, bolt: s.bolt})
}

// writeLock takes the writer lock: in-process always, and on PostgreSQL a transaction-scoped
// advisory lock that serialises kg writers in every process sharing the database (it is released
// when that transaction ends, or when the session dies with its process); on CockroachDB a lock
// on a row of kg_lock held the same way (see createLockTable). The returned function releases
// both.
func (s *Store) writeLock(ctx context.Context) (func(), error) {
	s.wmu.Lock()
	if s.qs == nil {
		s.wmu.Unlock()
		return nil, ErrClosed
	}
	if s.lockDB == nil {
		return s.wmu.Unlock, nil
	}
	// The lock transaction must outlive a cancelled ctx: database/sql rolls back a transaction
	// when its context ends, which would release the lock in the middle of a write.
	tx, err := s.lockDB.BeginTx(context.WithoutCancel(ctx), nil)
	if err != nil {
		s.wmu.Unlock()
		return nil, fmt.Errorf("graph: write lock: %w", err)
	}
	lock, args := "SELECT pg_advisory_xact_lock($1)", []any{advisoryKey}
	if s.dsn.Kind == Cockroach {
		lock, args = "SELECT id FROM kg_lock WHERE id = 1 FOR UPDATE", nil
	}
	if _, err := tx.ExecContext(ctx, lock, args...); err != nil {
		tx.Rollback()
		s.wmu.Unlock()
		return nil, fmt.Errorf("graph: write lock: %w", err)
	}
	return func() {
		if err := tx.Rollback(); err != nil {
			s.log.Warn("graph: release write lock", "err", err)
		}
		s.wmu.Unlock()
	}, nil
}

// createLockTable creates the row that kg writers lock on CockroachDB, whose advisory lock
// functions are no-op stubs or undefined, depending on the version. A writer holds the row with
// SELECT … FOR UPDATE for as long as it writes. Under SERIALIZABLE isolation CockroachDB keeps
// such locks best-effort (unreplicated) by default: a lease transfer or a node failure during a
// write can drop one, and two writers may then overlap. Each write is still one serializable
// transaction, so the loser of a conflict fails (and can be run again) rather than corrupting
// reference counts.
func createLockTable(ctx context.Context, db *sql.DB) error {
	for _, q := range []string{
		"CREATE TABLE IF NOT EXISTS kg_lock (id INT PRIMARY KEY)",
		"INSERT INTO kg_lock (id) VALUES (1) ON CONFLICT (id) DO NOTHING",
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("lock table: %w", err)
		}
	}
	return nil
}

// advisoryKey is the PostgreSQL advisory lock id for kg writers ("kgwriter" in ASCII).
const advisoryKey int64 = 0x6b67777269746572
