package schema

import (
	"context"
	"testing"
)

func TestStripComments(t *testing.T) {
	tests := []struct{ in, want string }{
		{"{ a }", "{ a }"},
		{"# 米国について (Ctrl-Enter)\nquery Q($a: Int) { a }", "\nquery Q($a: Int) { a }"},
		{"{ a(s: \"# not a comment\") } # one", "{ a(s: \"# not a comment\") } "},
		{"{ a(s: \"esc \\\" # still\") }", "{ a(s: \"esc \\\" # still\") }"},
		{"{ a(s: \"\"\"block # kept\n\"\"\") } # gone", "{ a(s: \"\"\"block # kept\n\"\"\") } "},
		{"{ a }\r\n# x\r\n", "{ a }\r\n\r\n"},
	}
	for _, tc := range tests {
		if got := stripComments(tc.in); got != tc.want {
			t.Errorf("stripComments(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestJapaneseComments: graphql-go alone fails on this document (see stripComments).
func TestJapaneseComments(t *testing.T) {
	store, _ := examplesStore(t)
	sch, _ := New(store)
	q := "# 米国, アメリカ, グーグル…) and run (Ctrl-Enter).\nquery Q($about: String = \"米国\") { quotes(about: $about, first: 1) { edges { node { text } } } }"
	if res := sch.Do(context.Background(), Request{Query: q}); len(res.Errors) > 0 {
		t.Errorf("errors: %v", res.Errors)
	}
}
