package extract

import (
	"bufio"
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestChunks cuts each line of testdata/bunsetsu.lines into bunsetsu with their heads and
// compares them with testdata/bunsetsu.golden (rewrite it with -update, then review the diff).
func TestChunks(t *testing.T) {
	x := extractor(t)
	f, err := os.Open("testdata/bunsetsu.lines")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		n := normalize(line)
		s := x.analyze(&n, 0, 0, len(n.runes))
		cs := chunks(&s)
		for c, ch := range cs {
			if ch.head >= len(cs) || (ch.head >= 0 && ch.head <= c) || (ch.head < 0 && c != len(cs)-1) {
				t.Errorf("%s: chunk %d has head %d: heads point right, and only the last has none", line, c, ch.head)
			}
		}
		b.WriteString("# " + line + "\n" + formatChunks(&s, cs) + "\n")
	}
	compareGolden(t, "testdata/bunsetsu.golden", b.String())
}

// compareGolden compares got with the golden file, or rewrites it with -update.
func compareGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal([]byte(got), want) {
		t.Errorf("%s differs (run with -update after checking the change):\n%s", golden, lineDiff(string(want), got))
	}
}
