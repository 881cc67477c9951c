package main

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ms := func(xs ...int) []time.Duration {
		out := make([]time.Duration, len(xs))
		for i, x := range xs {
			out[i] = time.Duration(x) * time.Millisecond
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = i + 1
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one value", ms(7), 99, 7 * time.Millisecond},
		{"median of odd", ms(1, 2, 3, 4, 5), 50, 3 * time.Millisecond},
		{"median of even takes the lower", ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{"p99 of 100 is the 99th", ms(hundred...), 99, 99 * time.Millisecond},
		{"p50 of 100 is the 50th", ms(hundred...), 50, 50 * time.Millisecond},
		{"p100 is the max", ms(hundred...), 100, 100 * time.Millisecond},
		{"p99 of 10 is the max", ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 99, 10 * time.Millisecond},
		{"tiny p is the min", ms(4, 5, 6), 0.1, 4 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Percentile(tt.sorted, tt.p); got != tt.want {
				t.Errorf("Percentile(%v, %v) = %v, want %v", tt.sorted, tt.p, got, tt.want)
			}
		})
	}
}

func TestReadBodies(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		wantErr bool
	}{
		{"a\nb\n", []string{"a", "b"}, false},
		{"\n  a  \n\n{\"q\": 1}", []string{"a", `{"q": 1}`}, false},
		{"\n \n", nil, true},
	}
	for _, tt := range tests {
		got, err := readBodies(strings.NewReader(tt.in))
		if (err != nil) != tt.wantErr {
			t.Fatalf("readBodies(%q) error %v, want error %v", tt.in, err, tt.wantErr)
		}
		var s []string
		for _, b := range got {
			s = append(s, string(b))
		}
		if !slices.Equal(s, tt.want) {
			t.Errorf("readBodies(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

const dump = `<kg:mention/a1/x> <kg:entity> <kg:entity/x> .
<kg:mention/a2/x> <kg:entity> <kg:entity/x> .
<kg:mention/a2/x> <kg:entity> <kg:entity/x> .
<kg:mention/a1/y%2Fz> <kg:entity> <kg:entity/y%2Fz> .
<kg:mention/a2/y%2Fz> <kg:entity> <kg:entity/y%2Fz> .
<kg:mention/a3/lonely> <kg:entity> <kg:entity/lonely> .
<kg:mention/a4/lonely> <kg:entity> <kg:entity/lonely> .
<kg:mention/a5/lonely> <kg:entity> <kg:entity/lonely> .
<kg:mention/a1/w> <kg:entity> <kg:entity/w> .
<kg:entity/x> <kg:rel/works_at> <kg:entity/w> .
<kg:entity/y%2Fz> <kg:rel/role> "教授" .
<kg:entity/x> <kg:name> "X" .
`

func TestTopEntities(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		n       int
		want    []Entity
		rels    []string
		wantErr bool
	}{
		{"most mentioned with relations, ties by IRI", dump, 10,
			[]Entity{{"kg:entity/x", "x", 2}, {"kg:entity/y%2Fz", "y/z", 2}, {"kg:entity/w", "w", 1}},
			[]string{"kg:rel/role", "kg:rel/works_at"}, false},
		{"cut at n", dump, 1, []Entity{{"kg:entity/x", "x", 2}}, []string{"kg:rel/role", "kg:rel/works_at"}, false},
		{"empty", "", 5, []Entity{}, []string{}, false},
		{"comments and blank lines", "# c\n\n", 5, []Entity{}, []string{}, false},
		{"literal subject", `"x" <kg:name> "y" .`, 5, nil, nil, true},
		{"mention of a literal", `<kg:mention/a/b> <kg:entity> "b" .`, 5, nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rels, err := TopEntities(strings.NewReader(tt.in), tt.n)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if !slices.Equal(got, tt.want) || !slices.Equal(rels, tt.rels) {
				t.Errorf("TopEntities = %v, %v; want %v, %v", got, rels, tt.want, tt.rels)
			}
		})
	}
}

func TestUnescape(t *testing.T) {
	for in, want := range map[string]string{
		"plain":       "plain",
		"a%2Fb":       "a/b",
		"%25":         "%",
		"100%":        "100%",
		"%zz":         "%zz",
		"%e6%97%a5":   "日",
		"ends%2":      "ends%2",
		"%22quote%22": `"quote"`,
	} {
		if got := unescape(in); got != want {
			t.Errorf("unescape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoaderRun(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 16)
		n, _ := r.Body.Read(b)
		switch string(b[:n]) {
		case "bad":
			http.Error(w, "no", http.StatusBadRequest)
		case "err":
			w.Write([]byte(`{"errors":[{"message":"x"}]}`))
		default:
			w.Write([]byte(`{"data":{}}`))
		}
	}))
	defer srv.Close()
	tests := []struct {
		bodies     []string
		allErrors  bool
		someErrors bool
	}{
		{[]string{"ok"}, false, false},
		{[]string{"bad"}, true, true},
		{[]string{"err"}, true, true},
		{[]string{"ok", "err"}, false, true},
	}
	for _, tt := range tests {
		var bodies [][]byte
		for _, b := range tt.bodies {
			bodies = append(bodies, []byte(b))
		}
		l := &loader{url: srv.URL, bodies: bodies, contentType: "text/plain", failOn: []string{`"errors":[`}, client: srv.Client()}
		r := l.run(t.Context(), 2, 100*time.Millisecond)
		if r.Count == 0 {
			t.Fatalf("%v: no requests counted", tt.bodies)
		}
		if tt.allErrors != (r.Errors == r.Count) || tt.someErrors != (r.Errors > 0) {
			t.Errorf("%v: %d errors of %d requests (first: %s)", tt.bodies, r.Errors, r.Count, r.FirstError)
		}
		if r.P50MS > r.P99MS || r.P99MS > r.MaxMS || r.RPS <= 0 {
			t.Errorf("%v: inconsistent result %+v", tt.bodies, r)
		}
	}
}

func FuzzTopEntities(f *testing.F) {
	f.Add(dump, 3)
	f.Add(`<kg:mention/a/%> <kg:entity> <kg:entity/%> .`, 1)
	f.Fuzz(func(t *testing.T, in string, n int) {
		got, _, err := TopEntities(strings.NewReader(in), n)
		if err != nil {
			return
		}
		if n >= 0 && len(got) > n {
			t.Errorf("%d entities for n=%d", len(got), n)
		}
		for i := 1; i < len(got); i++ {
			if got[i].Mentions > got[i-1].Mentions {
				t.Errorf("not sorted by mentions: %v", got)
			}
		}
	})
}
