// Command kg builds a knowledge graph from Japanese news and serves it over GraphQL.
//
// Usage:
//
//	kg extract [--format json|jsonl|nquads] [FILE...]
//	kg load    [--store DSN] PATH...
//	kg delete  [--store DSN] ID...
//	kg serve   [--store DSN] [--addr 127.0.0.1:8080] [--load PATH]...
//	kg stats   [--store DSN]
//	kg export  [--store DSN] [--format nquads|jsonld|graphml|csv] [-o FILE]
//	kg import  [--store DSN] [--batch N] FILE.nq[.gz]
//	kg copy    --from DSN --to DSN
//	kg query   [--url URL | --store DSN] [--table] [--var name=value]... QUERY
//	kg health  [--url URL]
//	kg train-ner [-o FILE] TRAIN.jsonl
//
// Run "kg help" for the details.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain(os.Stdin, os.Stdout, os.Stderr)
	err := m.Run(ctx, os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "kg:", err)
		os.Exit(1)
	}
}

// Main is the program: its I/O, and what it builds once and shares between commands.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Log            *slog.Logger

	mu        sync.Mutex // guards tokenizer and extractor
	tokenizer *tokenizer.Tokenizer
	extractor *extract.Extractor
}

// NewMain returns a Main on the given streams.
func NewMain(stdin io.Reader, stdout, stderr io.Writer) *Main {
	return &Main{Stdin: stdin, Stdout: stdout, Stderr: stderr,
		Log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))}
}

const usage = `kg builds a knowledge graph from Japanese news and serves it over GraphQL.

Usage:

  kg extract [--format json|jsonl|nquads] [FILE...]
        extract entities, relations and quotes; FILEs are text or HTML files (one article,
        id from the file name), .jsonl, .jsonl.gz or .json; no FILE reads JSON lines
        {id, title, url, published, text} from standard input
  kg load [--store DSN] [--workers N] [--batch 32] [-v] PATH...
        extract and store articles from files and folders; reloading unchanged
        articles writes nothing
  kg delete [--store DSN] ID...
        remove articles, and the entities no other article mentions
  kg serve [--store DSN] [--addr 127.0.0.1:8080] [--load PATH]... [--token T]
           [--timeout 10s] [--max-concurrent 64] [--production]
        serve GraphQL at /graphql (and /healthz), loading PATHs first
  kg stats [--store DSN]
        count what the store holds
  kg export [--store DSN] [--format nquads|jsonld|graphml|csv] [-o FILE[.gz]]
        write the store: every quad (nquads), entities and relations (jsonld,
        graphml) or one row per quote (csv)
  kg import [--store DSN] [--batch 5000] FILE.nq[.gz]|-
        add the quads of an nquads export that the store lacks, in batches
  kg copy --from DSN --to DSN [--batch 5000]
        export one store into another, without a file in between
  kg query [--url URL | --store DSN] [--table] [--var name=value]... QUERY|@FILE|-
        run a GraphQL request against a running server or straight against a store
  kg health [--url http://127.0.0.1:8080/healthz]
        check that a running server answers (for container health checks)
  kg train-ner [-o extract/data/ner.model] [--types-o extract/data/ner-types.model] [--dev DEV.jsonl] TRAIN.jsonl
        retrain the typed-mention model (and the span typer) from sentence-level NER data
  kg ner-clusters [-o extract/data/clusters.tsv] CORPUS.jsonl[.gz]
        rebuild the word clusters of the typed-mention model from a corpus of articles
  kg name-dict [-o extract/data/names.tsv.gz] [ENAMDICT]
        rebuild the name dictionary of the typed-mention model from ENAMDICT (default
        /usr/share/edict/enamdict, from Debian's package enamdict)

A store DSN is bolt:PATH (the default is ` + graph.DefaultDSN + `), memory: or
postgres://user:password@host:port/database?sslmode=disable or
cockroach://user@host:26257/database?sslmode=disable. The environment
variable KG_STORE sets the default.
`

// Run runs the command named by args[0].
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, usage)
		return flag.ErrHelp
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "extract":
		return m.runExtract(ctx, rest)
	case "load":
		return m.runLoad(ctx, rest)
	case "delete":
		return m.runDelete(ctx, rest)
	case "serve":
		return m.runServe(ctx, rest)
	case "stats":
		return m.runStats(ctx, rest)
	case "export":
		return m.runExport(ctx, rest)
	case "import":
		return m.runImport(ctx, rest)
	case "copy":
		return m.runCopy(ctx, rest)
	case "health":
		return m.runHealth(ctx, rest)
	case "query":
		return m.runQuery(ctx, rest)
	case "train-ner":
		return m.runTrainNER(ctx, rest)
	case "ner-clusters":
		return m.runNERClusters(ctx, rest)
	case "name-dict":
		return m.runNameDict(ctx, rest)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(m.Stdout, usage)
		return nil
	}
	fmt.Fprint(m.Stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

// Extractor returns the extractor, loading the kagome dictionary the first time.
func (m *Main) Extractor(opts ...extract.Option) (*extract.Extractor, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.extractor != nil && len(opts) == 0 {
		return m.extractor, nil
	}
	if m.tokenizer == nil {
		tok, err := tokenizer.New(ipa.Dict(), tokenizer.OmitBosEos())
		if err != nil {
			return nil, fmt.Errorf("load dictionary: %w", err)
		}
		m.tokenizer = tok
	}
	x, err := extract.New(m.tokenizer, append([]extract.Option{extract.WithDictionary(ipa.Dict())}, opts...)...)
	if err != nil {
		return nil, err
	}
	if len(opts) == 0 {
		m.extractor = x
	}
	return x, nil
}

// lazyExtractor extracts with m's extractor, loading the dictionary at the first article: loads
// of unchanged articles, and servers that only answer queries, never pay for it.
type lazyExtractor struct{ m *Main }

func (l lazyExtractor) Extract(a extract.Article) (*extract.Document, error) {
	x, err := l.m.Extractor()
	if err != nil {
		return nil, err
	}
	return x.Extract(a)
}

// flagSet returns a flag set for a subcommand that reports errors on m's stderr.
func (m *Main) flagSet(name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "usage: kg %s %s\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

func storeFlag(fs *flag.FlagSet) *string {
	def := graph.DefaultDSN
	if env := os.Getenv("KG_STORE"); env != "" {
		def = env
	}
	return fs.String("store", def, "store `DSN`: bolt:PATH, memory:, postgres://… or cockroach://…")
}

// openStore opens the store, logging through m.
func (m *Main) openStore(ctx context.Context, dsn string) (*graph.Store, error) {
	return graph.Open(ctx, dsn, graph.WithLogger(m.Log))
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return fmt.Sprint([]string(*l)) }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }
