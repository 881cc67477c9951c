package graph

import (
	"strings"
	"testing"
)

func TestParseDSN(t *testing.T) {
	for _, c := range []struct {
		in, kind, addr, str string
		bad                 bool
	}{
		{in: "memory:", kind: Memory, str: "memory:"},
		{in: "bolt:./data/kg.db", kind: Bolt, addr: "./data/kg.db", str: "bolt:./data/kg.db"},
		{in: "bolt:", bad: true},
		{in: "postgres://kg:secret@db:5432/kg?sslmode=disable", kind: Postgres,
			addr: "postgres://kg:secret@db:5432/kg?sslmode=disable", str: "postgres://kg:***@db:5432/kg?sslmode=disable"},
		{in: "postgresql://kg@db/kg", kind: Postgres, addr: "postgresql://kg@db/kg", str: "postgresql://kg@db/kg"},
		{in: "cockroach://root@crdb1:26257/kg?sslmode=disable", kind: Cockroach,
			addr: "postgresql://root@crdb1:26257/kg?sslmode=disable", str: "cockroach://root@crdb1:26257/kg?sslmode=disable"},
		{in: "cockroach://kg:pw@crdb1:26257/kg?sslmode=verify-full&sslrootcert=certs/ca.crt", kind: Cockroach,
			addr: "postgresql://kg:pw@crdb1:26257/kg?sslmode=verify-full&sslrootcert=certs/ca.crt",
			str:  "cockroach://kg:***@crdb1:26257/kg?sslmode=verify-full&sslrootcert=certs/ca.crt"},
		{in: "cockroach:///kg", bad: true},
		{in: "cockroach://kg:p w@%zz/x", bad: true},
		{in: "mysql://x", bad: true},
		{in: "", bad: true},
	} {
		d, err := ParseDSN(c.in)
		if c.bad {
			if err == nil {
				t.Errorf("ParseDSN(%q) = %+v, want an error", c.in, d)
			} else if strings.Contains(err.Error(), "pw") || strings.Contains(err.Error(), "secret") {
				t.Errorf("ParseDSN(%q): error shows the password: %v", c.in, err)
			}
			continue
		}
		if err != nil || d.Kind != c.kind || d.Addr != c.addr {
			t.Errorf("ParseDSN(%q) = %+v, %v; want kind %s addr %s", c.in, d, err, c.kind, c.addr)
		}
		if got := d.String(); got != c.str {
			t.Errorf("ParseDSN(%q).String() = %q, want %q", c.in, got, c.str)
		}
	}
}

// FuzzParseDSN checks that parsing never panics, that a parsed DSN names a backend, and that a
// password never shows in its String.
func FuzzParseDSN(f *testing.F) {
	for _, s := range []string{"memory:", "bolt:x.db", "postgres://u:p@h/db", "cockroach://root@h:26257/kg?sslmode=disable", "cockroach://u:pw@h/d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDSN(s)
		if err != nil {
			return
		}
		switch d.Kind {
		case Memory, Bolt, Postgres, Cockroach:
		default:
			t.Fatalf("ParseDSN(%q): kind %q", s, d.Kind)
		}
		if d.Kind == Cockroach && !strings.HasPrefix(d.Addr, "postgresql://") {
			t.Fatalf("ParseDSN(%q): cockroach address %q is not a postgresql URL", s, d.Addr)
		}
		if d.Kind == Postgres || d.Kind == Cockroach {
			if i := strings.Index(s, "://"); i >= 0 {
				if at := strings.LastIndex(s, "@"); at > i+3 {
					if _, pw, ok := strings.Cut(s[i+3:at], ":"); ok && len(pw) > 3 && !strings.Contains("***", pw) && strings.Contains(d.String(), ":"+pw+"@") {
						t.Fatalf("ParseDSN(%q).String() = %q shows the password", s, d.String())
					}
				}
			}
		}
	})
}
