package extract

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"testing"

	"github.com/ikawaha/kagome/v2/tokenizer"
)

// corpus reads up to n articles of the Wikinews corpus beside the repository.
func corpus(b *testing.B, n int) []string {
	f, err := os.Open("../../shared/data/wikinews/articles.jsonl.gz")
	if err != nil {
		b.Skipf("corpus not available: %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var out []string
	for sc.Scan() && len(out) < n {
		var a struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			b.Fatal(err)
		}
		out = append(out, a.Text)
	}
	return out
}

func bytesOf(texts []string) int64 {
	var n int64
	for _, t := range texts {
		n += int64(len(t))
	}
	return n
}

// BenchmarkTokenize is the baseline: kagome alone over the same sentences Extract tokenizes.
func BenchmarkTokenize(b *testing.B) {
	x := extractor(b)
	texts := corpus(b, 400)
	b.SetBytes(bytesOf(texts))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			n := normalize(t)
			for _, sp := range sentenceSpans(n.runes) {
				x.tok.Analyze(n.slice(sp[0], sp[1]), tokenizer.Normal)
			}
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	x := extractor(b)
	texts := corpus(b, 400)
	b.SetBytes(bytesOf(texts))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, t := range texts {
			if _, err := x.Extract(Article{ID: string(rune(j)), Text: t}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
