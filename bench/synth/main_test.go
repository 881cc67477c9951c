package main

import "testing"

func TestRename(t *testing.T) {
	tests := []struct {
		in   string
		k    int
		want string
	}{
		{`<kg:article/a1> <kg:title> "題" .`, 0, `<kg:article/a1> <kg:title> "題" .`},
		{`<kg:article/a1> <kg:id> "a1" .`, 3, `<kg:article/a1-x3> <kg:id> "a1-x3" .`},
		{`<kg:mention/a1/山田> <kg:entity> <kg:entity/山田> .`, 2, `<kg:mention/a1-x2/山田-x2> <kg:entity> <kg:entity/山田-x2> .`},
		{`<kg:entity/山田> <kg:type> "Person" .`, 2, `<kg:entity/山田-x2> <kg:type> "Person" .`},
		{`<kg:evidence/a1/7> <kg:start> "120"^^<xsd:integer> .`, 1, `<kg:evidence/a1-x1/7> <kg:start> "120"^^<xsd:integer> .`},
		{`<kg:quote/a1/0> <rdf:type> <kg:Quote> .`, 1, `<kg:quote/a1-x1/0> <rdf:type> <kg:Quote> .`},
		{`<kg:evidence/a1/7> <kg:supports> <kg:stmt/5f0c00000000000000000000> .`, 1, `<kg:evidence/a1-x1/7> <kg:supports> <kg:stmt/` + rehash("5f0c00000000000000000000", 1) + `> .`},
	}
	for _, tt := range tests {
		got, err := rename(tt.in, tt.k)
		if err != nil || got != tt.want {
			t.Errorf("rename(%q, %d) = %q, %v; want %q", tt.in, tt.k, got, err, tt.want)
		}
	}
	if h := rehash("5f0c00000000000000000000", 1); len(h) != 24 || h == "5f0c00000000000000000000" {
		t.Errorf("rehash = %q", h)
	}
	for _, bad := range []string{`"x" <kg:id> "a" .`, `<kg:article/a1> <kg:id> 12 .`} {
		if _, err := rename(bad, 1); err == nil {
			t.Errorf("rename(%q) accepted", bad)
		}
	}
}
