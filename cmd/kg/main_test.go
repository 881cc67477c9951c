package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/schema"
	"github.com/kg-news/kg/server"
)

// run runs kg with args and returns its output streams.
func run(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	m := NewMain(strings.NewReader(stdin), &out, &errb)
	err := m.Run(context.Background(), args)
	return out.String(), errb.String(), err
}

const seed = "../../examples/seed.txt"

func TestExtractJSON(t *testing.T) {
	out, stderr, err := run(t, "", "extract", "--format", "json", seed)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var doc struct {
		ID       string `json:"id"`
		Entities []struct {
			ID, Name, Type string
			Mentions       []struct{ Start, End int }
		}
		Quotes []struct {
			Speaker *string `json:"speaker"`
			Text    string  `json:"text"`
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not one JSON object: %v", err)
	}
	if doc.ID != "seed" || len(doc.Entities) == 0 || len(doc.Quotes) == 0 {
		t.Errorf("document: id %q, %d entities, %d quotes", doc.ID, len(doc.Entities), len(doc.Quotes))
	}
	text, _ := os.ReadFile(seed)
	runes := []rune(string(text))
	for _, e := range doc.Entities {
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(runes) || m.Start >= m.End {
				t.Errorf("%s: mention [%d,%d) outside the text", e.Name, m.Start, m.End)
			}
		}
	}
}

func TestExtractFormats(t *testing.T) {
	in := `{"id":"x1","text":"東西電機の社長、山本一郎氏は「順調だ」と述べた。"}
{"id":"x2","text":7}
{"id":"x3","text":"北斗半導体は新製品を発売した。"}
`
	out, stderr, err := run(t, in, "extract", "--format", "jsonl")
	if err == nil || !strings.Contains(err.Error(), "1 record(s) failed") {
		t.Errorf("err = %v, want one failed record", err)
	}
	if !strings.Contains(stderr, "stdin:2: ") {
		t.Errorf("stderr %q does not name the bad line", stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"id":"x1"`) || !strings.Contains(lines[1], `"id":"x3"`) {
		t.Errorf("jsonl output out of order or incomplete:\n%s", out)
	}
	// Several articles in json format: one array.
	out, _, _ = run(t, in, "extract")
	var arr []map[string]any
	if err := json.Unmarshal([]byte(out), &arr); err != nil || len(arr) != 2 {
		t.Errorf("json of two articles: %v, %d", err, len(arr))
	}
	out, _, err = run(t, `{"id":"n1","text":"山本一郎氏は「順調だ」と述べた。"}`, "extract", "--format", "nquads")
	if err != nil || !strings.Contains(out, "<kg:article/n1> <kg:hash>") || !strings.Contains(out, "<kg:quote/n1/0>") {
		t.Errorf("nquads: %v\n%s", err, out)
	}
	if _, _, err := run(t, "", "extract", "--format", "xml"); err == nil {
		t.Error("unknown format accepted")
	}
}

var summaryRE = regexp.MustCompile(`(\d+) new, (\d+) unchanged, (\d+) replaced, (\d+) failed`)

func TestLoadReloadDelete(t *testing.T) {
	dsn := "bolt:" + filepath.Join(t.TempDir(), "kg.db")
	_, stderr, err := run(t, "", "load", "--store", dsn, "../../examples")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	m := summaryRE.FindStringSubmatch(stderr)
	if m == nil || m[1] != "4" || m[4] != "0" {
		t.Fatalf("first load summary: %s", stderr)
	}
	_, stderr, err = run(t, "", "load", "--store", dsn, "../../examples")
	if m := summaryRE.FindStringSubmatch(stderr); err != nil || m == nil || m[1] != "0" || m[2] != "4" {
		t.Fatalf("reload: %v %s", err, stderr)
	}
	out, _, err := run(t, "", "stats", "--store", dsn)
	if err != nil || !strings.Contains(out, "articles\t4") {
		t.Errorf("stats: %v %s", err, out)
	}
	out, _, err = run(t, "", "delete", "--store", dsn, "seed")
	if err != nil || !strings.Contains(out, "deleted seed") {
		t.Errorf("delete: %v %s", err, out)
	}
	if _, stderr, err := run(t, "", "delete", "--store", dsn, "seed"); err == nil || !strings.Contains(stderr, "no such article") {
		t.Errorf("second delete: %v %s", err, stderr)
	}
	out, _, _ = run(t, "", "stats", "--store", dsn)
	if !strings.Contains(out, "articles\t3") {
		t.Errorf("stats after delete: %s", out)
	}
}

func TestLoadBadRecords(t *testing.T) {
	dsn := "bolt:" + filepath.Join(t.TempDir(), "kg.db")
	in := `{"id":"ok","text":"本文。"}
not json
{"id":"bin","text":"a\u0000b"}
`
	_, stderr, err := run(t, in, "load", "--store", dsn, "-")
	if err == nil || !strings.Contains(stderr, "stdin:2: invalid JSON") || !strings.Contains(stderr, "stdin:3: text: text contains NUL") {
		t.Errorf("err %v, stderr:\n%s", err, stderr)
	}
	if m := summaryRE.FindStringSubmatch(stderr); m == nil || m[1] != "1" || m[4] != "2" {
		t.Errorf("summary: %s", stderr)
	}
}

func TestUsage(t *testing.T) {
	if _, stderr, err := run(t, "", "frobnicate"); err == nil || !strings.Contains(stderr, "Usage:") {
		t.Errorf("unknown command: %v %s", err, stderr)
	}
	if _, _, err := run(t, ""); err != flag.ErrHelp {
		t.Errorf("no command: %v", err)
	}
	if _, _, err := run(t, "", "load", "--store", "nosuch:x", "../../examples"); err == nil || !strings.Contains(err.Error(), "want memory:, bolt:PATH, postgres://… or cockroach://…") {
		t.Errorf("bad DSN: %v", err)
	}
	if _, _, err := run(t, "", "serve", "extra"); err == nil {
		t.Error("serve accepted a positional argument")
	}
}

// composeService is what TestDockerCompose reads of a service in docker-compose.yml.
type composeService struct {
	Image      string   `yaml:"image"`
	Build      any      `yaml:"build"`
	Profiles   []string `yaml:"profiles"`
	Entrypoint []string `yaml:"entrypoint"`
	Command    []string `yaml:"command"`
	DependsOn  any      `yaml:"depends_on"` // a list of names, or names → {condition}
	Volumes    []string `yaml:"volumes"`
}

// dependsOn returns the services s waits for, with the condition of each ("service_started"
// for the list form).
func (s composeService) dependsOn() map[string]string {
	out := map[string]string{}
	switch d := s.DependsOn.(type) {
	case []any:
		for _, n := range d {
			out[fmt.Sprint(n)] = "service_started"
		}
	case map[string]any:
		for n, v := range d {
			c, _ := v.(map[string]any)["condition"].(string)
			out[n] = c
		}
	}
	return out
}

// TestDockerCompose checks what can be checked without a Docker engine: every kg command in
// docker-compose.yml and the Dockerfile uses flags kg has and a store DSN kg parses; by default
// kg runs on PostgreSQL, and the cockroach profile runs it on a 3-node CockroachDB cluster that
// is initialised and has its database created before kg starts.
func TestDockerCompose(t *testing.T) {
	compose, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Services map[string]composeService `yaml:"services"`
		Volumes  map[string]any            `yaml:"volumes"`
	}
	if err := yaml.Unmarshal(compose, &file); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	byProfile := map[string][]string{}
	for name, s := range file.Services {
		profile := ""
		if len(s.Profiles) > 0 {
			profile = s.Profiles[0]
		}
		byProfile[profile] = append(byProfile[profile], name)
		for _, v := range s.Volumes {
			if vol, _, ok := strings.Cut(v, ":"); ok && !strings.HasPrefix(vol, ".") && !strings.HasPrefix(vol, "/") {
				if _, ok := file.Volumes[vol]; !ok {
					t.Errorf("%s uses volume %q, which is not declared", name, vol)
				}
			}
		}
		for dep := range s.dependsOn() {
			if _, ok := file.Services[dep]; !ok {
				t.Errorf("%s depends on %q, which is not a service", name, dep)
			}
		}
	}
	for p := range byProfile {
		slices.Sort(byProfile[p])
	}
	if got := byProfile[""]; !slices.Equal(got, []string{"kg", "postgres"}) {
		t.Errorf("default services = %q, want kg and postgres", got)
	}
	wantKind := map[string]string{"": graph.Postgres, "cockroach": graph.Cockroach}
	kgs := 0
	for name, s := range file.Services {
		if s.Build == nil {
			continue
		}
		kgs++
		args := s.Command
		if len(args) == 0 || args[0] != "serve" {
			t.Errorf("%s runs %q, want serve", name, args)
			continue
		}
		fs := flagsOf(t, args[0])
		if err := fs.Parse(args[1:]); err != nil {
			t.Errorf("%s: command %v: %v", name, args, err)
		}
		dsn := os.Expand(fs.Lookup("store").Value.String(), func(k string) string { return "x" })
		d, err := graph.ParseDSN(dsn)
		if err != nil {
			t.Errorf("%s: store: %v", name, err)
		}
		profile := ""
		if len(s.Profiles) > 0 {
			profile = s.Profiles[0]
		}
		if want, ok := wantKind[profile]; !ok || d.Kind != want {
			t.Errorf("%s (profile %q): store %q is %s, want %s", name, profile, dsn, d.Kind, want)
		}
	}
	if kgs != 2 {
		t.Errorf("%d kg services, want 2 (PostgreSQL, CockroachDB)", kgs)
	}
	checkCockroach(t, file.Services, byProfile["cockroach"])
	for _, want := range []string{"healthcheck:", "pg_isready", "volumes:", "condition: service_healthy", `"kg", "health"`} {
		if !strings.Contains(string(compose), want) {
			t.Errorf("docker-compose.yml lacks %q", want)
		}
	}
	docker, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"go build", "./cmd/kg", "ENTRYPOINT", "examples", `"kg", "health"`} {
		if !strings.Contains(string(docker), want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
}

// checkCockroach checks the cockroach profile: three nodes that join each other, an init
// service, a service that creates kg's database, and kg waiting for both.
func checkCockroach(t *testing.T, services map[string]composeService, names []string) {
	t.Helper()
	var nodes []string
	for _, n := range names {
		s := services[n]
		if strings.HasPrefix(s.Image, "cockroachdb/cockroach:") && len(s.Command) > 0 && s.Command[0] == "start" {
			nodes = append(nodes, n)
		}
	}
	if len(nodes) != 3 {
		t.Fatalf("cockroach profile: nodes %q, want 3", nodes)
	}
	join := "--join=" + strings.Join(func() []string {
		var hs []string
		for _, n := range nodes {
			hs = append(hs, n+":26257")
		}
		return hs
	}(), ",")
	volumes := map[string]bool{}
	for _, n := range nodes {
		s := services[n]
		if !slices.Contains(s.Command, join) || !slices.Contains(s.Command, "--advertise-addr="+n+":26257") {
			t.Errorf("%s: command %q lacks %s or its own --advertise-addr", n, s.Command, join)
		}
		if len(s.Volumes) != 1 || volumes[s.Volumes[0]] {
			t.Errorf("%s: volumes %q, want one of its own", n, s.Volumes)
		} else {
			volumes[s.Volumes[0]] = true
		}
	}
	find := func(what string) (string, composeService) {
		for _, n := range names {
			if strings.Contains(strings.Join(services[n].Command, " "), what) {
				return n, services[n]
			}
		}
		t.Fatalf("cockroach profile: no service runs %q", what)
		return "", composeService{}
	}
	initName, init := find("cockroach init")
	if deps := init.dependsOn(); len(deps) != 3 {
		t.Errorf("%s waits for %v, want the three nodes", initName, deps)
	}
	dbName, db := find("CREATE DATABASE IF NOT EXISTS kg")
	if c := db.dependsOn()[initName]; c != "service_completed_successfully" {
		t.Errorf("%s waits for %s with %q, want service_completed_successfully", dbName, initName, c)
	}
	for _, n := range names {
		s := services[n]
		if s.Build == nil {
			continue
		}
		if c := s.dependsOn()[dbName]; c != "service_completed_successfully" {
			t.Errorf("%s waits for %s with %q, want service_completed_successfully", n, dbName, c)
		}
		dsn := s.Command[slices.Index(s.Command, "--store")+1]
		if d, _ := graph.ParseDSN(dsn); !slices.ContainsFunc(nodes, func(n string) bool { return strings.Contains(d.Addr, "@"+n+":26257/kg?") }) {
			t.Errorf("%s: store %q is not kg's database on a node", n, dsn)
		}
	}
}

// flagsOf returns the flag set a subcommand parses.
func flagsOf(t *testing.T, cmd string) *flag.FlagSet {
	m := NewMain(strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{})
	switch cmd {
	case "serve":
		return m.serveFlags(&serveOptions{})
	}
	t.Fatalf("no flags for %s", cmd)
	return nil
}

func TestHealth(t *testing.T) {
	if _, _, err := run(t, "", "health", "--url", "http://127.0.0.1:1/healthz"); err == nil {
		t.Error("health of a server that is not there succeeded")
	}
}

func TestQuery(t *testing.T) {
	dsn := "bolt:" + filepath.Join(t.TempDir(), "kg.db")
	if _, stderr, err := run(t, "", "load", "--store", dsn, "../../examples"); err != nil {
		t.Fatalf("%v %s", err, stderr)
	}
	q := `query($who: String) { quotes(speaker: $who) { edges { node { speaker { name } verb article { id } } } } }`
	out, _, err := run(t, "", "query", "--store", dsn, "--var", "who=王樹義", q)
	if err != nil || !strings.Contains(out, `"name": "王樹義"`) {
		t.Errorf("json: %v\n%s", err, out)
	}
	out, _, err = run(t, "", "query", "--store", dsn, "--table", "--var", "who=王樹義", q)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if err != nil || len(lines) != 2 || !strings.HasPrefix(lines[0], "article.id") || !strings.Contains(lines[1], "seed") {
		t.Errorf("table: %v\n%s", err, out)
	}
	file := filepath.Join(t.TempDir(), "q.graphql")
	os.WriteFile(file, []byte(`{ stats { articles } }`), 0o644)
	if out, _, err := run(t, "", "query", "--store", dsn, "@"+file); err != nil || !strings.Contains(out, `"articles": 4`) {
		t.Errorf("@file: %v %s", err, out)
	}
	if out, _, err := run(t, `{ stats { articles } }`, "query", "--store", dsn, "-"); err != nil || !strings.Contains(out, `"articles": 4`) {
		t.Errorf("stdin: %v %s", err, out)
	}
	if _, stderr, err := run(t, "", "query", "--store", dsn, `{ nope }`); err == nil || !strings.Contains(stderr, "Cannot query field") {
		t.Errorf("bad query: %v %s", err, stderr)
	}
	if _, _, err := run(t, "", "query", "--store", dsn, "--var", "novalue", q); err == nil {
		t.Error("--var without = accepted")
	}
	// A local mutation writes through the extractor.
	mut := `mutation { loadArticle(input: {id: "local", text: "東西電機の社長、山本一郎氏は「順調だ」と述べた。"}) { outcome entities } }`
	if out, _, err := run(t, "", "query", "--store", dsn, mut); err != nil || !strings.Contains(out, `"outcome": "NEW"`) {
		t.Errorf("local mutation: %v %s", err, out)
	}
}

func TestQueryServer(t *testing.T) {
	store, err := graph.Open(context.Background(), "memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	sch, _ := schema.New(store)
	ts := httptest.NewServer(server.New(sch, store).Handler())
	defer ts.Close()
	out, _, err := run(t, "", "query", "--url", ts.URL, `{ stats { articles } }`)
	if err != nil || !strings.Contains(out, `"articles": 0`) {
		t.Errorf("over HTTP: %v %s", err, out)
	}
	if _, stderr, err := run(t, "", "query", "--url", ts.URL, `mutation { deleteArticle(id: "x") }`); err == nil || !strings.Contains(stderr, "read-only") {
		t.Errorf("mutation on a read-only server: %v %s", err, stderr)
	}
}
