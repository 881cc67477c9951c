package graph

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/graph/sql/postgres"
)

// pgFlavor is the name of kg's SQL flavour for PostgreSQL, registered with Cayley's SQL
// backend. It is Cayley's postgres flavour (same driver, schema, dialect and reads) with a
// writer that inserts many rows per statement: Cayley's own runs one INSERT, one round trip,
// per node and per quad. Stores it writes are ordinary Cayley postgres stores.
const pgFlavor = "kg-postgres"

// pgRowsPerInsert bounds the rows of one multi-row INSERT: a statement takes at most 65,535
// bind parameters, and a node row has up to four.
const pgRowsPerInsert = 2000

func init() {
	csql.Register(pgFlavor, csql.Registration{
		// Every field as Cayley's postgres flavour registers it (graph/sql/postgres), so that
		// Init creates the same schema; only RunTx differs.
		Driver:             "postgres",
		HashType:           `BYTEA`,
		BytesType:          `BYTEA`,
		HorizonType:        `BIGSERIAL`,
		TimeType:           `timestamp with time zone`,
		QueryDialect:       postgres.QueryDialect,
		ConditionalIndexes: true,
		FillFactor:         true,
		Error:              postgres.ConvError,
		Estimated: func(table string) string {
			return "SELECT reltuples::BIGINT AS estimate FROM pg_class WHERE relname='" + table + "';"
		},
		RunTx: runTxBatched,
	})
}

// runTxBatched is the write half of Cayley's SQL ApplyDeltas that flavours supply: it adds the
// reference counts of nodes (inserting the new ones) and inserts the added quads. Cayley's
// generic code then deletes quads and lowers reference counts, row by row.
//
// It writes exactly what the postgres flavour writes (the same values through the same driver
// into the same columns, the same conflict handling on nodes) in multi-row INSERT statements:
// one per value type of node and per pgRowsPerInsert rows. Each node appears once in nodes
// (Cayley's SplitDeltas sums a transaction's references per node), so no statement updates a
// row twice. A quad already stored fails the transaction, as it does in the postgres flavour.
//
// With IgnoreDup it hands over to the postgres flavour: Cayley then counts the references of
// ignored duplicates too, and only an exact writer could undo that; kg never asks for it.
func runTxBatched(tx *sql.Tx, nodes []graphlog.NodeUpdate, quads []graphlog.QuadUpdate, opts cgraph.IgnoreOpts) error {
	if opts.IgnoreDup {
		return postgres.RunTxPostgres(tx, nodes, quads, opts)
	}
	if err := insertNodes(tx, nodes); err != nil {
		return err
	}
	return insertQuads(tx, quads)
}

// insertNodes inserts the nodes with their reference counts, or adds the counts to those of
// nodes stored already.
func insertNodes(tx *sql.Tx, nodes []graphlog.NodeUpdate) error {
	type row struct {
		refs   int
		values []any // hash, then the columns of the value type
	}
	byType := map[csql.ValueType][]row{}
	for _, n := range nodes {
		if n.RefInc < 0 {
			// SplitDeltas puts falling counts in DecNode, which Cayley applies itself.
			return fmt.Errorf("kg-postgres: node update with reference change %d", n.RefInc)
		}
		typ, values, err := csql.NodeValues(csql.NodeHash{ValueHash: n.Hash}, n.Val)
		if err != nil {
			return err
		}
		byType[typ] = append(byType[typ], row{refs: n.RefInc, values: values})
	}
	types := make([]csql.ValueType, 0, len(byType))
	for t := range byType {
		types = append(types, t)
	}
	slices.Sort(types) // a deterministic order of statements
	for _, typ := range types {
		cols := typ.Columns()
		head := "INSERT INTO nodes(refs, hash, " + strings.Join(cols, ", ") + ") VALUES "
		const tail = " ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs"
		for rows := range slices.Chunk(byType[typ], pgRowsPerInsert) {
			args := make([]any, 0, len(rows)*(2+len(cols)))
			for _, r := range rows {
				if len(r.values) != 1+len(cols) {
					return fmt.Errorf("kg-postgres: %d values for the %d columns of node type %d", len(r.values), 1+len(cols), typ)
				}
				args = append(args, r.refs)
				args = append(args, r.values...)
			}
			q := head + placeholders(len(rows), 2+len(cols), "") + tail
			if _, err := tx.Exec(q, args...); err != nil {
				return fmt.Errorf("kg-postgres: insert %d nodes: %w", len(rows), insertError(err))
			}
		}
	}
	return nil
}

// insertQuads inserts the added quads.
func insertQuads(tx *sql.Tx, quads []graphlog.QuadUpdate) error {
	const head = "INSERT INTO quads(subject_hash, predicate_hash, object_hash, label_hash, ts) VALUES "
	for chunk := range slices.Chunk(quads, pgRowsPerInsert) {
		args := make([]any, 0, 4*len(chunk))
		for _, d := range chunk {
			if d.Del {
				return fmt.Errorf("kg-postgres: quad deletion among additions")
			}
			for _, h := range d.Quad.Dirs() {
				args = append(args, csql.NodeHash{ValueHash: h}.SQLValue())
			}
		}
		if _, err := tx.Exec(head+placeholders(len(chunk), 4, ", now()"), args...); err != nil {
			return fmt.Errorf("kg-postgres: insert %d quads: %w", len(chunk), insertError(err))
		}
	}
	return nil
}

// placeholders returns the VALUES rows of a multi-row INSERT: rows rows of cols numbered
// parameters each, every row ending with extra.
func placeholders(rows, cols int, extra string) string {
	var b strings.Builder
	b.Grow(rows * cols * 7)
	n := 1
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range cols {
			if c > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			n++
		}
		b.WriteString(extra)
		b.WriteByte(')')
	}
	return b.String()
}

// insertError reports a unique violation as Cayley's flavours do: a quad already stored.
func insertError(err error) error {
	var e interface{ SQLState() string }
	if errors.As(err, &e) && e.SQLState() == "23505" {
		return &cgraph.DeltaError{Err: cgraph.ErrQuadExists}
	}
	return err
}
