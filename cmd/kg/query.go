package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kg-news/kg/ingest"
	"github.com/kg-news/kg/schema"
)

// runQuery runs one GraphQL request against a running server (--url) or straight against a store.
func (m *Main) runQuery(ctx context.Context, args []string) error {
	fs := m.flagSet("query", "[--url URL | --store DSN] [--table] [--var name=value]... QUERY|@FILE|-")
	dsn := storeFlag(fs)
	url := fs.String("url", "", "send the query to the server at `URL` (http://127.0.0.1:8080) instead of opening a store")
	token := fs.String("token", os.Getenv("KG_TOKEN"), "bearer `token` for mutations on a server (default $KG_TOKEN)")
	table := fs.Bool("table", false, "print the first list of the answer as a table")
	var vars listFlag
	fs.Var(&vars, "var", "a variable `name=value` (the value is JSON when it parses as JSON, else a string); repeatable")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("query: want one QUERY (or @FILE, or - for standard input)")
	}
	query, err := m.queryText(fs.Arg(0))
	if err != nil {
		return err
	}
	req := schema.Request{Query: query, Variables: map[string]any{}}
	for _, v := range vars {
		name, value, ok := strings.Cut(v, "=")
		if !ok || name == "" {
			return fmt.Errorf("query: --var %q: want name=value", v)
		}
		var j any
		if err := json.Unmarshal([]byte(value), &j); err == nil {
			req.Variables[name] = j
		} else {
			req.Variables[name] = value
		}
	}
	var answer []byte
	if *url != "" {
		answer, err = postQuery(ctx, strings.TrimSuffix(*url, "/")+"/graphql", *token, req)
	} else {
		answer, err = m.localQuery(ctx, *dsn, req)
	}
	if err != nil {
		return err
	}
	var res struct {
		Data   any              `json:"data"`
		Errors []map[string]any `json:"errors"`
	}
	if err := json.Unmarshal(answer, &res); err != nil {
		return fmt.Errorf("query: the answer is not JSON: %.200s", answer)
	}
	if *table && res.Data != nil {
		printTable(m.Stdout, res.Data)
	} else {
		var out bytes.Buffer
		json.Indent(&out, answer, "", "  ")
		out.WriteByte('\n')
		m.Stdout.Write(out.Bytes())
	}
	if len(res.Errors) > 0 {
		for _, e := range res.Errors {
			fmt.Fprintf(m.Stderr, "error: %v\n", e["message"])
		}
		return fmt.Errorf("query: %d error(s)", len(res.Errors))
	}
	return nil
}

func (m *Main) queryText(arg string) (string, error) {
	switch {
	case arg == "-":
		b, err := io.ReadAll(m.Stdin)
		return string(b), err
	case strings.HasPrefix(arg, "@"):
		b, err := os.ReadFile(arg[1:])
		if err != nil {
			return "", fmt.Errorf("query: %w", err)
		}
		return string(b), nil
	}
	return arg, nil
}

func postQuery(ctx context.Context, url, token string, req schema.Request) ([]byte, error) {
	body, _ := json.Marshal(req)
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	r.Header.Set("Content-Type", "application/json")
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	return b, nil
}

// localQuery runs a request against the store itself; mutations are allowed, as the store is
// the caller's own.
func (m *Main) localQuery(ctx context.Context, dsn string, req schema.Request) ([]byte, error) {
	store, err := m.openStore(ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	opts := []schema.Option{}
	if schema.Operation(req.Query, req.OperationName) == "mutation" {
		x, err := m.Extractor()
		if err != nil {
			return nil, err
		}
		opts = append(opts, schema.WithWriter(writer{Loader: &ingest.Loader{Store: store, Extractor: x}, store: store}))
	}
	sch, err := schema.New(store, opts...)
	if err != nil {
		return nil, err
	}
	res := sch.Do(schema.WithAccess(ctx, schema.Access{Write: true}), req)
	for _, fe := range res.Errors {
		if e, ok := schema.ErrorOf(fe); ok && e.Err != nil {
			m.Log.Error("query", "err", e.Err)
		}
	}
	return json.Marshal(res)
}

// printTable prints the first list found in data (a connection's nodes, or a plain list) with a
// column for every field, nested fields as a.b.
func printTable(w io.Writer, data any) {
	rows := firstList(data)
	if rows == nil {
		b, _ := json.MarshalIndent(data, "", "  ")
		fmt.Fprintf(w, "%s\n", b)
		return
	}
	var cols []string
	flat := make([]map[string]string, len(rows))
	for i, r := range rows {
		flat[i] = map[string]string{}
		flatten("", r, flat[i])
		for k := range flat[i] {
			if !slices.Contains(cols, k) {
				cols = append(cols, k)
			}
		}
	}
	slices.Sort(cols)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(cols, "\t"))
	for _, f := range flat {
		vals := make([]string, len(cols))
		for i, c := range cols {
			vals[i] = strings.ReplaceAll(f[c], "\t", " ")
		}
		fmt.Fprintln(tw, strings.Join(vals, "\t"))
	}
	tw.Flush()
}

// firstList finds, depth first in field order, the first list: the nodes of a connection's
// edges, or a list of values.
func firstList(v any) []any {
	switch x := v.(type) {
	case []any:
		var out []any
		for _, e := range x {
			if m, ok := e.(map[string]any); ok {
				if n, ok := m["node"]; ok && len(m) <= 3 {
					out = append(out, n)
					continue
				}
			}
			out = append(out, e)
		}
		return out
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if e, ok := x["edges"]; ok {
			return firstList(e)
		}
		for _, k := range keys {
			if l := firstList(x[k]); l != nil {
				return l
			}
		}
	}
	return nil
}

func flatten(prefix string, v any, into map[string]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			name := k
			if prefix != "" {
				name = prefix + "." + k
			}
			flatten(name, e, into)
		}
	case []any:
		var parts []string
		for _, e := range x {
			if m, ok := e.(map[string]any); ok && len(m) == 1 {
				for _, only := range m {
					e = only
				}
			}
			b, _ := json.Marshal(e)
			parts = append(parts, strings.Trim(string(b), `"`))
		}
		into[prefix] = strings.Join(parts, ", ")
	case nil:
		into[prefix] = ""
	case string:
		into[prefix] = x
	default:
		b, _ := json.Marshal(x)
		into[prefix] = string(b)
	}
}
