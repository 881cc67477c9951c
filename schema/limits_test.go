package schema

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// deepFields nests n relation walks: entity → relations → node → object → relations → …
func deepFields(n int) string {
	var b strings.Builder
	b.WriteString(`{ entity(name: "x") { `)
	for range n {
		b.WriteString(`relations(first: 1) { edges { node { object { `)
	}
	b.WriteString(`name`)
	for range n {
		b.WriteString(` } } } }`)
	}
	b.WriteString(` } }`)
	return b.String()
}

// doubling is fragments each spreading the one before twice, nested in a field or not: 2^levels
// fields once expanded.
func doubling(levels int, nested bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "{ entity(name: \"x\") { ...F%d } }\nfragment F0 on Entity { name }\n", levels)
	for i := 1; i <= levels; i++ {
		if nested {
			fmt.Fprintf(&b, "fragment F%d on Entity { ...F%d relations(first: 1) { edges { node { object { ...F%d } } } } }\n", i, i-1, i-1)
		} else {
			fmt.Fprintf(&b, "fragment F%d on Entity { ...F%d name ...F%d }\n", i, i-1, i-1)
		}
	}
	return b.String()
}

// TestLimits: each document here kills or stalls graphql-go v0.8.1 (stack overflow, minutes of
// validation, or out of memory); each must be refused before it reaches the parser or the
// validator, with a clear code.
func TestLimits(t *testing.T) {
	store, _ := examplesStore(t)
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		code  string
		prod  bool
	}{
		{"cyclic fragments", `{entity(id:"x"){...A}} fragment A on Entity{...B} fragment B on Entity{...A}`, nil, CodeFragmentCycle, false},
		{"self-spreading fragment", `{entity(id:"x"){...A}} fragment A on Entity{name ...A}`, nil, CodeFragmentCycle, false},
		{"unused cyclic fragments", `{stats{entities}} fragment A on Entity{...B} fragment B on Entity{...C} fragment C on Entity{...A}`, nil, CodeFragmentCycle, false},
		{"1 MB of [", strings.Repeat("[", 1<<20), nil, CodeNestingTooDeep, false},
		{"1 MB of {", strings.Repeat("{", 1<<20), nil, CodeNestingTooDeep, false},
		{"1 MB of ( after a field", "{entity" + strings.Repeat("(", 1<<20), nil, CodeNestingTooDeep, false},
		{"deep list value", `{entity(id:` + strings.Repeat("[", 5000) + `"x"` + strings.Repeat("]", 5000) + `){name}}`, nil, CodeNestingTooDeep, false},
		{"60 KB of nested fields", deepFields(1500), nil, CodeNestingTooDeep, false},
		{"fields 20 deep", deepFields(5), nil, CodeQueryTooDeep, false},
		{"2 children a level, 20 levels deep", doubling(20, true), nil, CodeQueryTooDeep, false},
		{"2 children a level, 20 levels of fragments", doubling(20, false), nil, CodeQueryTooComplex, false},
		{"20,000 copies of a field", "{stats{" + strings.Repeat("entities ", 20000) + "}}", nil, CodeQueryTooComplex, false},
		{"200 aliases", "{stats{" + aliases(200) + "}}", nil, CodeQueryTooComplex, false},
		{"11 operations", operations(11), nil, CodeTooManyOperations, false},
		{"variable without a type", `query($A:){A}`, nil, CodeParse, false},
		{"large pages nested", `{entities(first: 100) { edges { node { relations(first: 100) { edges { node { object { relations(first: 100) { edges { node { id } } } } } } } } } } }`, nil, CodeQueryTooComplex, false},
		{"large pages through a variable", `query($n: Int) { entities(first: $n) { edges { node { relations(first: 100) { edges { node { object { relations(first: 100) { edges { node { id } } } } } } } } } } }`, map[string]any{"n": 100}, CodeQueryTooComplex, false},
		{"introspection in production", `{__schema{types{name}}}`, nil, CodeIntrospectionOff, true},
		{"type introspection in production", `{__type(name:"Entity"){name}}`, nil, CodeIntrospectionOff, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sch, err := New(store, WithProduction(tt.prod))
			if err != nil {
				t.Fatal(err)
			}
			res := sch.Do(context.Background(), Request{Query: tt.query, Variables: tt.vars})
			if len(res.Errors) != 1 {
				t.Fatalf("got %d errors, want 1: %v", len(res.Errors), res.Errors)
			}
			if code := res.Errors[0].Extensions["code"]; code != tt.code {
				t.Errorf("code %v (%s), want %s", code, res.Errors[0].Message, tt.code)
			}
			if res.Data != nil {
				t.Errorf("data %v, want none", res.Data)
			}
		})
	}
}

func aliases(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "a%d: entities ", i)
	}
	return b.String()
}

func operations(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "query Q%d { stats { entities } }\n", i)
	}
	return b.String()
}

// TestWithinLimits: what the API is meant for passes, and the cost follows the variables of
// each request, not those the document was first cached with.
func TestWithinLimits(t *testing.T) {
	store, _ := examplesStore(t)
	sch, err := New(store)
	if err != nil {
		t.Fatal(err)
	}
	nested := `query($n: Int) { entities(first: $n) { edges { node { relations(first: 100) { edges { node { object { relations(first: 100) { edges { node { id } } } } } } } } } } }`
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		ok    bool
	}{
		{"small page", nested, map[string]any{"n": 1}, true},
		{"same document, large page", nested, map[string]any{"n": 100}, false},
		{"small page again", nested, map[string]any{"n": 1}, true},
		{"fields 12 deep", deepFields(2), nil, true},
		{"introspection outside production", `{__schema{queryType{name}}}`, nil, true},
		{"a fragment spread twice", `{entities(first:2){edges{node{...E}}} search(text:"a"){...E}} fragment E on Entity{name type}`, nil, true},
		{"comment with brackets", "# {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\n{stats{entities}}", nil, true},
		{"string with brackets", `{search(text:"` + strings.Repeat("{", 100) + `"){name}}`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := sch.Do(context.Background(), Request{Query: tt.query, Variables: tt.vars})
			if ok := len(res.Errors) == 0; ok != tt.ok {
				t.Errorf("accepted = %v, want %v: %v", ok, tt.ok, res.Errors)
			}
		})
	}
}

// TestNoSuggestionsInProduction: validation errors do not help map the schema in production.
func TestNoSuggestionsInProduction(t *testing.T) {
	store, _ := examplesStore(t)
	for _, prod := range []bool{false, true} {
		sch, err := New(store, WithProduction(prod))
		if err != nil {
			t.Fatal(err)
		}
		res := sch.Do(context.Background(), Request{Query: `{entitie{edges{node{nam}}}}`})
		if len(res.Errors) == 0 {
			t.Fatal("no error for an unknown field")
		}
		msg := res.Errors[0].Message
		if got := strings.Contains(msg, "Did you mean"); got == prod {
			t.Errorf("production %v: message %q", prod, msg)
		}
		if res.Errors[0].Extensions["code"] != CodeValidation {
			t.Errorf("code %v, want %s", res.Errors[0].Extensions["code"], CodeValidation)
		}
	}
}

func FuzzLimits(f *testing.F) {
	for _, s := range []string{`{stats{entities}}`, `{entity(id:"x"){...A}} fragment A on Entity{...B} fragment B on Entity{...A}`, deepFields(3), doubling(3, true), `"""{{{"""`, "#{\n{"} {
		f.Add(s)
	}
	store, _ := examplesStore(f)
	sch, err := New(store, WithLimits(Limits{MaxNesting: 16, MaxDepth: 8, MaxFields: 200, MaxAliases: 20, MaxOperations: 3, MaxCost: 5000}))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		res := sch.Do(context.Background(), Request{Query: q})
		if res == nil || res.Data == nil && len(res.Errors) == 0 {
			t.Fatalf("no data and no error for %q", q)
		}
	})
}
