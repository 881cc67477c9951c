package graph

import (
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/graph/sql/postgres"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
)

// pgFlavor is the name of kg's SQL flavour for PostgreSQL, registered with Cayley's SQL
// backend. It is Cayley's postgres flavour (same schema, dialect and queries) with two changes:
//
//   - writes insert all the nodes of a value type, and all the quads, of a transaction in one
//     statement each, from arrays (INSERT … SELECT FROM unnest): Cayley's own runs one INSERT,
//     and a round trip, per node and per quad;
//   - it talks to the server through pgx rather than lib/pq: pgx prepares each distinct query
//     once per connection and then runs it in one round trip, where lib/pq takes two every time
//     (kg's writers read a subject's quads before every write).
//
// The rows it writes are those the postgres flavour writes (TestPostgresWriter compares them),
// so stores stay ordinary Cayley postgres stores that Cayley's tools open.
const pgFlavor = "kg-postgres"

func init() {
	csql.Register(pgFlavor, csql.Registration{
		// Every schema field as Cayley's postgres flavour registers it (graph/sql/postgres),
		// so that Init creates the same tables and indexes.
		Driver:             "pgx",
		HashType:           `BYTEA`,
		BytesType:          `BYTEA`,
		HorizonType:        `BIGSERIAL`,
		TimeType:           `timestamp with time zone`,
		QueryDialect:       postgres.QueryDialect,
		ConditionalIndexes: true,
		FillFactor:         true,
		Error:              pgError,
		Estimated: func(table string) string {
			return "SELECT reltuples::BIGINT AS estimate FROM pg_class WHERE relname='" + table + "';"
		},
		RunTx: runTxBatched,
	})
}

// pgError converts driver errors as the postgres flavour does, for pgx's error type.
func pgError(err error) error {
	if sqlState(err) == "42P07" {
		return cgraph.ErrDatabaseExists
	}
	return err
}

// sqlState returns the SQLSTATE code of a server error, "" for other errors.
func sqlState(err error) string {
	var e interface{ SQLState() string }
	if errors.As(err, &e) {
		return e.SQLState()
	}
	return ""
}

// runTxBatched is the write half of Cayley's SQL ApplyDeltas that flavours supply: it adds the
// reference counts of nodes (inserting the new ones) and inserts the added quads. Cayley's
// generic code then deletes quads and lowers reference counts, row by row.
//
// It writes exactly what the postgres flavour writes, with the same conflict handling on nodes,
// in one INSERT per value type of node and one for the quads. Each node appears once in nodes
// (Cayley's SplitDeltas sums a transaction's references per node), so no statement updates a
// row twice. A quad already stored fails the transaction, as in the postgres flavour.
//
// With IgnoreDup it hands over to the postgres flavour's writer: Cayley then counts the
// references of ignored duplicates too, and only an exact writer could undo that; kg never asks
// for it.
func runTxBatched(tx *sql.Tx, nodes []graphlog.NodeUpdate, quads []graphlog.QuadUpdate, opts cgraph.IgnoreOpts) error {
	if opts.IgnoreDup {
		return postgres.RunTx(tx, nodes, quads, opts, "")
	}
	if err := insertNodes(tx, nodes); err != nil {
		return err
	}
	return insertQuads(tx, quads)
}

// pgColumnTypes are the SQL types of the value columns of Cayley's nodes table.
var pgColumnTypes = map[string]string{
	"value":        "bytea",
	"value_string": "text",
	"datatype":     "text",
	"language":     "text",
	"iri":          "boolean",
	"bnode":        "boolean",
	"value_int":    "bigint",
	"value_bool":   "boolean",
	"value_float":  "double precision",
	"value_time":   "timestamp with time zone",
}

// insertNodes inserts the nodes with their reference counts, or adds the counts to those of
// nodes stored already.
func insertNodes(tx *sql.Tx, nodes []graphlog.NodeUpdate) error {
	type group struct {
		refs []int64
		cols []column // hash, then the value columns of the type
	}
	groups := map[csql.ValueType]*group{}
	for _, n := range nodes {
		if n.RefInc < 0 {
			// SplitDeltas puts falling counts in DecNode, which Cayley applies itself.
			return fmt.Errorf("kg-postgres: node update with reference change %d", n.RefInc)
		}
		typ, values, err := csql.NodeValues(csql.NodeHash{ValueHash: n.Hash}, n.Val)
		if err != nil {
			return err
		}
		g := groups[typ]
		if g == nil {
			g = &group{}
			for _, c := range append([]string{"hash"}, typ.Columns()...) {
				g.cols = append(g.cols, newColumn(c))
			}
			groups[typ] = g
		}
		if len(values) != len(g.cols) {
			return fmt.Errorf("kg-postgres: %d values for the %d columns of node type %d", len(values), len(g.cols), typ)
		}
		g.refs = append(g.refs, int64(n.RefInc))
		for i, v := range values {
			if err := g.cols[i].add(v); err != nil {
				return fmt.Errorf("kg-postgres: node %v: %w", n.Val, err)
			}
		}
	}
	types := make([]csql.ValueType, 0, len(groups))
	for t := range groups {
		types = append(types, t)
	}
	slices.Sort(types) // a deterministic order of statements
	for _, typ := range types {
		g := groups[typ]
		names := []string{"refs"}
		arrays := []string{"$1::integer[]"}
		args := []any{g.refs}
		for i, c := range g.cols {
			names = append(names, c.name)
			arrays = append(arrays, fmt.Sprintf("$%d::%s[]", i+2, c.sqlType))
			args = append(args, c.values)
		}
		q := "INSERT INTO nodes(" + strings.Join(names, ", ") + ") SELECT * FROM unnest(" +
			strings.Join(arrays, ", ") + ") ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs"
		if _, err := tx.Exec(q, args...); err != nil {
			return fmt.Errorf("kg-postgres: insert %d nodes: %w", len(g.refs), insertError(err))
		}
	}
	return nil
}

// insertQuads inserts the added quads.
func insertQuads(tx *sql.Tx, quads []graphlog.QuadUpdate) error {
	if len(quads) == 0 {
		return nil
	}
	var dirs [4][][]byte // subject, predicate, object and label hashes; nil for no label
	for _, d := range quads {
		if d.Del {
			return fmt.Errorf("kg-postgres: quad deletion among additions")
		}
		for i, h := range d.Quad.Dirs() {
			b, _ := csql.NodeHash{ValueHash: h}.SQLValue().([]byte)
			dirs[i] = append(dirs[i], b)
		}
	}
	const q = `INSERT INTO quads(subject_hash, predicate_hash, object_hash, label_hash, ts)
		SELECT s, p, o, l, now() FROM unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) AS t(s, p, o, l)`
	if _, err := tx.Exec(q, dirs[0], dirs[1], dirs[2], dirs[3]); err != nil {
		return fmt.Errorf("kg-postgres: insert %d quads: %w", len(quads), insertError(err))
	}
	return nil
}

// column gathers the values of one nodes column as a typed slice, which pgx sends as an array.
type column struct {
	name, sqlType string
	values        any
}

func newColumn(name string) column {
	c := column{name: name, sqlType: pgColumnTypes[name]}
	switch c.sqlType {
	case "":
		c.sqlType, c.values = "bytea", [][]byte{} // the hash
	case "bytea":
		c.values = [][]byte{}
	case "text":
		c.values = []string{}
	case "boolean":
		c.values = []bool{}
	case "bigint":
		c.values = []int64{}
	case "double precision":
		c.values = []float64{}
	default:
		c.values = []time.Time{}
	}
	return c
}

// add appends a value as csql.NodeValues gives it.
func (c *column) add(v any) error {
	ok := false
	switch s := c.values.(type) {
	case [][]byte:
		c.values, ok = appendAs(s, v)
	case []string:
		c.values, ok = appendAs(s, v)
	case []bool:
		c.values, ok = appendAs(s, v)
	case []int64:
		c.values, ok = appendAs(s, v)
	case []float64:
		c.values, ok = appendAs(s, v)
	case []time.Time:
		var x time.Time
		x, ok = v.(time.Time)
		c.values = append(s, roundMicro(x))
	}
	if !ok {
		return fmt.Errorf("value %T for column %s", v, c.name)
	}
	return nil
}

// appendAs appends v to s when it is a T, and reports whether it was.
func appendAs[T any](s []T, v any) ([]T, bool) {
	x, ok := v.(T)
	return append(s, x), ok
}

// roundMicro rounds a time to PostgreSQL's microseconds as the server rounds a time sent as
// text, as lib/pq sends it under the postgres flavour: the fraction of a second is read as a
// double and rounded to even microseconds (ParseFractionalSecond). pgx sends times in binary,
// which would truncate.
func roundMicro(t time.Time) time.Time {
	ns := t.Nanosecond()
	if ns%1000 == 0 {
		return t
	}
	frac, _ := strconv.ParseFloat(fmt.Sprintf("0.%09d", ns), 64)
	us := math.RoundToEven(frac * 1e6)
	return t.Add(time.Duration(us)*time.Microsecond - time.Duration(ns))
}

// insertError reports a unique violation as Cayley's flavours do: a quad already stored.
func insertError(err error) error {
	if sqlState(err) == "23505" {
		return &cgraph.DeltaError{Err: cgraph.ErrQuadExists}
	}
	return err
}
