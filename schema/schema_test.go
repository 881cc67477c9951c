package schema

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
)

// testStore returns a memory store holding two small articles.
func testStore(t *testing.T) *graph.Store {
	t.Helper()
	ctx := context.Background()
	s, err := graph.Open(ctx, "memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	sp := []extract.Span{{Start: 0, End: 2}}
	docs := []*extract.Document{
		{ID: "a1", Entities: []extract.Entity{
			{ID: "山田花子", Name: "山田花子", Type: "Person", Mentions: sp},
			{ID: "google", Name: "Google", Type: "Firm", Aliases: []string{"グーグル"}, Mentions: sp},
			{ID: "tpu", Name: "TPU", Type: "Product", Mentions: sp},
		}, Relations: []extract.Relation{
			{Subject: "google", Relation: "develops", Object: "tpu", Text: "の", Sentence: 0, Start: 0, End: 5, Confidence: 0.6},
			{Subject: "山田花子", Relation: "works_at", Object: "google", Text: "の教授", Confidence: 0.8},
		}, Quotes: []extract.Quote{
			{Speaker: "山田花子", SpeakerText: "山田花子", Text: "TPUは速い", Verb: "述べる", About: []string{"tpu"}, Start: 3, End: 9, Confidence: 0.9},
			{SpeakerText: "匿名の開発者", Text: "難しい", Verb: "語る", Confidence: 0.7},
		}},
		{ID: "a2", Entities: []extract.Entity{{ID: "google", Name: "Google", Type: "Firm", Mentions: sp}}},
	}
	for _, d := range docs {
		if _, err := s.Load(ctx, extract.Article{ID: d.ID, Title: "title " + d.ID, Text: "text " + d.ID}, d); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func run(t *testing.T, s *Schema, query string) map[string]any {
	t.Helper()
	res := s.Do(context.Background(), Request{Query: query})
	b, _ := json.Marshal(res)
	var out map[string]any
	json.Unmarshal(b, &out)
	return out
}

func TestQueries(t *testing.T) {
	sch, err := New(testStore(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, query, want string
	}{
		{"quote by speaker name", `{ quotes(speaker: "山田花子") { speaker { id } text verb about { name } article { id title } } }`,
			`{"data":{"quotes":[{"about":[{"name":"TPU"}],"article":{"id":"a1","title":"title a1"},"speaker":{"id":"山田花子"},"text":"TPUは速い","verb":"述べる"}]}}`},
		{"unnamed speaker", `{ quotes(speaker: "匿名の開発者") { speaker { id } speakerText text } }`,
			`{"data":{"quotes":[{"speaker":null,"speakerText":"匿名の開発者","text":"難しい"}]}}`},
		{"quotes about", `{ quotes(about: "TPU") { text } }`, `{"data":{"quotes":[{"text":"TPUは速い"}]}}`},
		{"entity by alias", `{ entity(name: "グーグル") { id name type aliases articleCount } }`,
			`{"data":{"entity":{"aliases":["グーグル"],"articleCount":2,"id":"google","name":"Google","type":"Firm"}}}`},
		{"entity by id", `{ entity(id: "tpu") { name } }`, `{"data":{"entity":{"name":"TPU"}}}`},
		{"missing entity", `{ entity(id: "nothing") { name } }`, `{"data":{"entity":null}}`},
		{"relations by subject name", `{ relations(subject: "Google") { relation object { name } evidence { article { id } text confidence } } }`,
			`{"data":{"relations":[{"evidence":[{"article":{"id":"a1"},"confidence":0.6,"text":"の"}],"object":{"name":"TPU"},"relation":"develops"}]}}`},
		{"relations by object", `{ relations(object: "google", relation: "works_at") { subject { name } } }`,
			`{"data":{"relations":[{"subject":{"name":"山田花子"}}]}}`},
		{"entities by type", `{ entities(type: "Firm") { id } }`, `{"data":{"entities":[{"id":"google"}]}}`},
		{"entities page", `{ entities(first: 1, after: "google") { id } }`, `{"data":{"entities":[{"id":"tpu"}]}}`},
		{"entities name contains", `{ entities(nameContains: "ｇｏｏ") { id } }`, `{"data":{"entities":[{"id":"google"}]}}`},
		{"entity fields", `{ entity(id: "google") { relations { object { id } } } e2: entity(id: "山田花子") { said { text } } }`,
			`{"data":{"e2":{"said":[{"text":"TPUは速い"}]},"entity":{"relations":[{"object":{"id":"tpu"}}]}}}`},
		{"articles", `{ articles { id quotes { text } } article(id: "a2") { title } }`,
			`{"data":{"article":{"title":"title a2"},"articles":[{"id":"a1","quotes":[{"text":"TPUは速い"},{"text":"難しい"}]},{"id":"a2","quotes":[]}]}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := json.Marshal(run(t, sch, tc.query))
			if string(got) != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	sch, err := New(testStore(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`{ entities(first: 1000) { id } }`, `{ entity { id } }`, `{ entity(id: "x", name: "y") { id } }`} {
		out := run(t, sch, q)
		errs, _ := out["errors"].([]any)
		if len(errs) == 0 {
			t.Errorf("%s: no error", q)
			continue
		}
		if code := errs[0].(map[string]any)["extensions"].(map[string]any)["code"]; code != CodeBadInput {
			t.Errorf("%s: code %v, want %s", q, code, CodeBadInput)
		}
	}
}

// brokenStore fails every read with an error clients must not see.
type brokenStore struct{ Store }

var errSecret = errors.New("pq: password authentication failed for user kg at 10.0.0.5")

func (brokenStore) FindEntities(context.Context, graph.EntityQuery) ([]*graph.Entity, error) {
	return nil, errSecret
}

func TestInternalErrorsHidden(t *testing.T) {
	sch, err := New(brokenStore{testStore(t)})
	if err != nil {
		t.Fatal(err)
	}
	res := sch.Do(context.Background(), Request{Query: `{ entities { id } }`})
	b, _ := json.Marshal(res)
	if strings.Contains(string(b), "password") || !strings.Contains(string(b), `"code":"INTERNAL"`) {
		t.Errorf("response %s leaks the store error or lacks its code", b)
	}
	if len(res.Errors) == 0 {
		t.Fatal("no error")
	}
	if e, ok := ErrorOf(res.Errors[0]); !ok || !errors.Is(e, errSecret) {
		t.Errorf("the original error is not kept for the log: %+v", res.Errors)
	}
}
