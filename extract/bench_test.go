package extract

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ikawaha/kagome/v2/tokenizer"
)

// corpus reads up to n articles of the Wikinews corpus beside the repository.
func corpus(b testing.TB, n int) []string {
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

// eachArticle runs fn over the corpus once per benchmark iteration; with -cpu 2 the articles
// are shared out between two goroutines, as kg load does.
func eachArticle(b *testing.B, fn func(x *Extractor, i int, text string)) {
	x := extractor(b)
	texts := corpus(b, 1000)
	b.SetBytes(bytesOf(texts))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var next atomic.Int64
		done := make(chan struct{})
		workers := max(1, runtime.GOMAXPROCS(0))
		for w := 0; w < workers; w++ {
			go func() {
				defer func() { done <- struct{}{} }()
				for {
					k := int(next.Add(1)) - 1
					if k >= len(texts) {
						return
					}
					fn(x, k, texts[k])
				}
			}()
		}
		for w := 0; w < workers; w++ {
			<-done
		}
	}
}

// BenchmarkTokenize is the baseline: raw kagome tokenization of each whole article.
func BenchmarkTokenize(b *testing.B) {
	eachArticle(b, func(x *Extractor, _ int, text string) { x.tok.Analyze(text, tokenizer.Normal) })
}

// BenchmarkExtract is the whole extraction of the same articles.
func BenchmarkExtract(b *testing.B) {
	eachArticle(b, func(x *Extractor, i int, text string) {
		if _, err := x.Extract(Article{ID: "b", Text: text}); err != nil {
			b.Error(err)
		}
	})
}

// BenchmarkNERDev extracts every sentence of the NER dev split, one at a time on one goroutine,
// as bench/eval ner scores them, and reports sentences per second (the issue asks for at least
// 1,000 on one core: run with -cpu 1).
func BenchmarkNERDev(b *testing.B) {
	f, err := os.Open("../../shared/data/ner-wikipedia/dev.jsonl")
	if err != nil {
		b.Skipf("NER dev split not available: %v", err)
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var s struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			b.Fatal(err)
		}
		texts = append(texts, s.Text)
	}
	x := extractor(b)
	b.SetBytes(bytesOf(texts))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			if _, err := x.Extract(Article{ID: "s", Text: t}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(texts)*b.N)/b.Elapsed().Seconds(), "sentences/s")
}

// BenchmarkRatio measures the speed gate itself: extraction time as a multiple of raw kagome
// tokenization of the same articles. BenchmarkTokenize and BenchmarkExtract run seconds apart,
// and on a shared machine whose speed drifts their ratio moves by a third from run to run; here
// the 1,000 articles are cut into chunks of 25, and each chunk is tokenized and extracted back to
// back (in alternating order, so that neither always runs first). It reports the ratio of the
// summed times (x-total) and, the steadier figure, the ratio of the sums of each chunk's fastest
// time over the iterations (x-min: other work on the machine only ever adds time; run with
// -benchtime 3x or more). With -cpu 2 each chunk is shared between two goroutines, as in the
// other benchmarks.
func BenchmarkRatio(b *testing.B) {
	x := extractor(b)
	texts := corpus(b, 1000)
	const chunk = 25
	run := func(texts []string, fn func(text string)) time.Duration {
		t0 := time.Now()
		var next atomic.Int64
		var wg sync.WaitGroup
		for range max(1, runtime.GOMAXPROCS(0)) {
			wg.Go(func() {
				for k := int(next.Add(1)) - 1; k < len(texts); k = int(next.Add(1)) - 1 {
					fn(texts[k])
				}
			})
		}
		wg.Wait()
		return time.Since(t0)
	}
	tokenize := func(text string) { x.tok.Analyze(text, tokenizer.Normal) }
	extract := func(text string) {
		if _, err := x.Extract(Article{ID: "b", Text: text}); err != nil {
			b.Error(err)
		}
	}
	nc := (len(texts) + chunk - 1) / chunk
	minTok, minExt := make([]time.Duration, nc), make([]time.Duration, nc)
	var tok, ext time.Duration
	b.SetBytes(bytesOf(texts))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for c := range nc {
			part := texts[c*chunk : min((c+1)*chunk, len(texts))]
			var t, e time.Duration
			if (c+i)%2 == 0 {
				t = run(part, tokenize)
				e = run(part, extract)
			} else {
				e = run(part, extract)
				t = run(part, tokenize)
			}
			tok, ext = tok+t, ext+e
			if i == 0 || t < minTok[c] {
				minTok[c] = t
			}
			if i == 0 || e < minExt[c] {
				minExt[c] = e
			}
		}
	}
	var sumTok, sumExt time.Duration
	for c := range nc {
		sumTok, sumExt = sumTok+minTok[c], sumExt+minExt[c]
	}
	b.ReportMetric(float64(sumExt)/float64(sumTok), "x-min")
	b.ReportMetric(float64(ext)/float64(tok), "x-total")
	b.ReportMetric(float64(tok)/float64(b.N)/1e9, "tokenize-s/op")
	b.ReportMetric(float64(ext)/float64(b.N)/1e9, "extract-s/op")
}
