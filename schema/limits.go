package schema

import (
	"fmt"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
)

// Limits bound what one request may ask, so that small requests cannot starve or kill the
// server. graphql-go has no limits of its own: cyclic fragments and deep nesting overflow its
// stack (a fatal error recover cannot catch), and validation time grows with the square of
// nesting and with repeated fields.
type Limits struct {
	MaxNesting    int // brackets { [ ( open at once in the raw text, checked before parsing
	MaxDepth      int // fields nested in one another, fragments expanded
	MaxFields     int // field selections in the document, fragments expanded
	MaxAliases    int
	MaxOperations int // operations in one document
	MaxCost       int // estimated nodes in the answer: each list counts as its first (or 10)
}

// DefaultLimits are generous for any query the API is meant for, and cut off the attacks.
func DefaultLimits() Limits {
	return Limits{MaxNesting: 32, MaxDepth: 12, MaxFields: 1000, MaxAliases: 100, MaxOperations: 10, MaxCost: 100000}
}

// Error codes of rejected documents.
const (
	CodeNestingTooDeep    = "NESTING_TOO_DEEP"
	CodeQueryTooDeep      = "QUERY_TOO_DEEP"
	CodeQueryTooComplex   = "QUERY_TOO_COMPLEX"
	CodeTooManyOperations = "TOO_MANY_OPERATIONS"
	CodeFragmentCycle     = "FRAGMENT_CYCLE"
	CodeIntrospectionOff  = "INTROSPECTION_DISABLED"
)

func limitError(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// checkNesting scans the raw text for brackets nested deeper than max, outside strings and
// comments. It runs before the parser, which recurses once per level.
func checkNesting(q string, max int) error {
	depth := 0
	for i := 0; i < len(q); i++ {
		switch c := q[i]; c {
		case '#':
			for i < len(q) && q[i] != '\n' {
				i++
			}
		case '"':
			if strings.HasPrefix(q[i:], `"""`) {
				end := strings.Index(q[i+3:], `"""`)
				if end < 0 {
					return nil // the parser reports it
				}
				i += 3 + end + 2
				continue
			}
			for i++; i < len(q) && q[i] != '"' && q[i] != '\n'; i++ {
				if q[i] == '\\' {
					i++
				}
			}
		case '{', '[', '(':
			depth++
			if depth > max {
				return limitError(CodeNestingTooDeep, "the query nests brackets deeper than %d", max)
			}
		case '}', ']', ')':
			depth--
		}
	}
	return nil
}

// shape is what a selection set costs: its depth, its fields, its aliases and its cost.
// Counts saturate at a ceiling so that a tree of fragments spreading each other twice
// (2^20 fields from 20 small fragments) is summed without being expanded.
type shape struct {
	depth, fields, aliases, cost int
}

const ceiling = 1 << 40

func sat(n int) int { return min(n, ceiling) }

func (a shape) plus(b shape) shape {
	return shape{depth: max(a.depth, b.depth), fields: sat(a.fields + b.fields), aliases: sat(a.aliases + b.aliases), cost: sat(a.cost + b.cost)}
}

// checker walks one document.
type checker struct {
	s         *Schema
	vars      map[string]any
	fragments map[string]*ast.FragmentDefinition
	memo      map[string]shape
	acyclic   map[string]bool // fragments checked for cycles
	visiting  map[string]bool
	intro     bool // the document asks for __schema or __type
}

// checkDocument enforces the limits on a parsed document before graphql-go validates it.
func (s *Schema) checkDocument(doc *ast.Document, vars map[string]any) error {
	l := s.limits
	c := &checker{s: s, vars: vars, fragments: map[string]*ast.FragmentDefinition{}, memo: map[string]shape{}, acyclic: map[string]bool{}, visiting: map[string]bool{}}
	var ops []*ast.OperationDefinition
	for _, d := range doc.Definitions {
		switch d := d.(type) {
		case *ast.OperationDefinition:
			ops = append(ops, d)
		case *ast.FragmentDefinition:
			if d.Name != nil {
				c.fragments[d.Name.Value] = d
			}
		}
	}
	for _, op := range ops {
		for _, v := range op.VariableDefinitions {
			// graphql-go parses "query($a:)" and its validator then dereferences the missing type.
			if v == nil || v.Variable == nil || v.Variable.Name == nil || v.Type == nil {
				return &Error{Code: CodeParse, Message: "a variable definition has no type"}
			}
		}
	}
	if len(ops) > l.MaxOperations {
		return limitError(CodeTooManyOperations, "%d operations in one document, more than %d", len(ops), l.MaxOperations)
	}
	// Fragment cycles first: everything after walks the spreads.
	for name := range c.fragments {
		if err := c.cycle(name, nil); err != nil {
			return err
		}
	}
	total := shape{}
	for _, op := range ops {
		root := s.gql.QueryType()
		if op.Operation == ast.OperationTypeMutation {
			root = s.gql.MutationType()
		}
		total = total.plus(c.selections(op.SelectionSet, root))
	}
	switch {
	case c.intro && s.production:
		return limitError(CodeIntrospectionOff, "introspection is disabled on this server")
	case total.depth > l.MaxDepth:
		return limitError(CodeQueryTooDeep, "the query nests fields %d deep, more than %d", total.depth, l.MaxDepth)
	case total.fields > l.MaxFields:
		return limitError(CodeQueryTooComplex, "the query selects %s fields, more than %d", count(total.fields), l.MaxFields)
	case total.aliases > l.MaxAliases:
		return limitError(CodeQueryTooComplex, "the query has %s aliases, more than %d", count(total.aliases), l.MaxAliases)
	case total.cost > l.MaxCost:
		return limitError(CodeQueryTooComplex, "the answer could hold %s nodes, more than %d: ask for smaller pages (first) or fewer nested lists", count(total.cost), l.MaxCost)
	}
	return nil
}

func count(n int) string {
	if n >= ceiling {
		return "too many"
	}
	return fmt.Sprint(n)
}

// cycle reports a fragment that spreads itself, directly or not.
func (c *checker) cycle(name string, path []string) error {
	for i, p := range path {
		if p == name {
			return limitError(CodeFragmentCycle, "fragments spread each other in a cycle: %s", strings.Join(append(path[i:], name), " → "))
		}
	}
	f := c.fragments[name]
	if f == nil || c.acyclic[name] {
		return nil
	}
	path = append(path, name)
	var err error
	walkSpreads(f.SelectionSet, func(spread string) {
		if err == nil {
			err = c.cycle(spread, path)
		}
	})
	if err == nil {
		c.acyclic[name] = true
	}
	return err
}

func walkSpreads(set *ast.SelectionSet, fn func(string)) {
	if set == nil {
		return
	}
	for _, sel := range set.Selections {
		switch sel := sel.(type) {
		case *ast.Field:
			walkSpreads(sel.SelectionSet, fn)
		case *ast.InlineFragment:
			walkSpreads(sel.SelectionSet, fn)
		case *ast.FragmentSpread:
			if sel.Name != nil {
				fn(sel.Name.Value)
			}
		}
	}
}

// selections sums a selection set on a parent type.
func (c *checker) selections(set *ast.SelectionSet, parent graphql.Type) shape {
	total := shape{}
	if set == nil {
		return total
	}
	for _, sel := range set.Selections {
		switch sel := sel.(type) {
		case *ast.Field:
			total = total.plus(c.field(sel, parent))
		case *ast.InlineFragment:
			t := parent
			if sel.TypeCondition != nil && sel.TypeCondition.Name != nil {
				if named := c.s.gql.Type(sel.TypeCondition.Name.Value); named != nil {
					t = named
				}
			}
			total = total.plus(c.selections(sel.SelectionSet, t))
		case *ast.FragmentSpread:
			if sel.Name != nil {
				total = total.plus(c.fragment(sel.Name.Value))
			}
		}
	}
	return total
}

// fragment sums a fragment once, however often it is spread.
func (c *checker) fragment(name string) shape {
	if sh, ok := c.memo[name]; ok {
		return sh
	}
	f := c.fragments[name]
	if f == nil || c.visiting[name] {
		return shape{}
	}
	c.visiting[name] = true
	var t graphql.Type
	if f.TypeCondition != nil && f.TypeCondition.Name != nil {
		t = c.s.gql.Type(f.TypeCondition.Name.Value)
	}
	sh := c.selections(f.SelectionSet, t)
	delete(c.visiting, name)
	c.memo[name] = sh
	return sh
}

// field sums one field: itself, and its selections as many times as the list it returns holds.
func (c *checker) field(f *ast.Field, parent graphql.Type) shape {
	name := ""
	if f.Name != nil {
		name = f.Name.Value
	}
	if name == "__schema" || name == "__type" {
		c.intro = true
		// The introspection schema is finite and has no arguments that grow answers.
		return shape{depth: 1, fields: 1, cost: 1}
	}
	sh := shape{fields: 1, cost: 1}
	if f.Alias != nil {
		sh.aliases = 1
	}
	var def *graphql.FieldDefinition
	if obj, ok := parent.(*graphql.Object); ok {
		def = obj.Fields()[name]
	}
	var childType graphql.Type
	multiplier := 1
	if def != nil {
		childType = unwrap(def.Type)
		switch {
		case strings.HasSuffix(childType.Name(), "Connection"):
			multiplier = c.first(f, def, 10)
		case isList(def.Type) && !strings.HasSuffix(parent.Name(), "Connection"):
			// A connection's edges are already counted by its first.
			multiplier = c.first(f, def, 10)
		}
	}
	sub := c.selections(f.SelectionSet, childType)
	sh.depth = 1 + sub.depth
	sh.fields = sat(sh.fields + sub.fields)
	sh.aliases = sat(sh.aliases + sub.aliases)
	sh.cost = sat(sh.cost + sat(multiplier*sub.cost))
	return sh
}

// first reads a field's "first" argument: a literal, a variable, or the field's default.
func (c *checker) first(f *ast.Field, def *graphql.FieldDefinition, fallback int) int {
	n := fallback
	for _, a := range def.Args {
		if a.Name() == "first" {
			if v, ok := a.DefaultValue.(int); ok {
				n = v
			}
		}
	}
	for _, arg := range f.Arguments {
		if arg.Name == nil || arg.Name.Value != "first" {
			continue
		}
		switch v := arg.Value.(type) {
		case *ast.IntValue:
			fmt.Sscan(v.Value, &n)
		case *ast.Variable:
			if v.Name != nil {
				switch x := c.vars[v.Name.Value].(type) {
				case float64:
					n = int(x)
				case int:
					n = x
				}
			}
		}
	}
	return max(1, min(n, MaxFirst))
}

func unwrap(t graphql.Type) graphql.Type {
	for {
		switch x := t.(type) {
		case *graphql.NonNull:
			t = x.OfType
		case *graphql.List:
			t = x.OfType
		default:
			return t
		}
	}
}

func isList(t graphql.Type) bool {
	if nn, ok := t.(*graphql.NonNull); ok {
		t = nn.OfType
	}
	_, ok := t.(*graphql.List)
	return ok
}
