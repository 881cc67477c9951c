package extract

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// Word clusters: words that occur in the same contexts of real news text share a cluster
// (社長 and 会長, 東京 and 大阪, トヨタ and ホンダ). They let the name model generalise from the
// words of its training data to words it never saw there. data/clusters.tsv holds, per word,
// a fine and a coarse cluster; ClusterWords builds it from a corpus.

// wordClusters maps a word (NFKC surface) to its fine and coarse cluster.
type wordClusters map[string][2]uint16

func readClusters(r io.Reader) (wordClusters, error) {
	out := wordClusters{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("clusters: line %d: want 3 fields", n)
		}
		a, err1 := strconv.ParseUint(f[1], 10, 16)
		b, err2 := strconv.ParseUint(f[2], 10, 16)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("clusters: line %d: bad cluster", n)
		}
		out[f[0]] = [2]uint16{uint16(a), uint16(b)}
	}
	return out, sc.Err()
}

// ClusterOptions tunes ClusterWords.
type ClusterOptions struct {
	Fine, Coarse int    // cluster counts (default 256 and 32)
	MinCount     int    // words seen fewer times get no cluster (default 5)
	Contexts     int    // the most frequent words that serve as contexts (default 500)
	Iterations   int    // k-means iterations (default 20)
	Seed         uint64 // for reproducible clusters
	Log          func(format string, args ...any)
}

// ClusterWords clusters the words of texts by their left and right neighbours (spherical
// k-means over log counts) and writes data/clusters.tsv to w: word, fine cluster, coarse
// cluster, one word a line in byte order.
func (x *Extractor) ClusterWords(texts []string, opts ClusterOptions, w io.Writer) error {
	if opts.Fine <= 0 {
		opts.Fine = 256
	}
	if opts.Coarse <= 0 {
		opts.Coarse = 32
	}
	if opts.MinCount <= 0 {
		opts.MinCount = 5
	}
	if opts.Contexts <= 0 {
		opts.Contexts = 500
	}
	if opts.Iterations <= 0 {
		opts.Iterations = 20
	}
	logf := opts.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	var sents [][]string
	freq := map[string]int{}
	for _, text := range texts {
		n := normalize(text)
		for _, sp := range splitLong(n.runes, sentenceSpans(n.runes)) {
			s := x.analyze(&n, 0, sp[0], sp[1])
			ws := make([]string, len(s.toks))
			for i := range s.toks {
				ws[i] = s.toks[i].surf
				freq[ws[i]]++
			}
			sents = append(sents, ws)
		}
	}
	type wc struct {
		w string
		n int
	}
	var all []wc
	for w, n := range freq {
		all = append(all, wc{w, n})
	}
	slices.SortFunc(all, func(a, b wc) int {
		if c := cmp.Compare(b.n, a.n); c != 0 {
			return c
		}
		return strings.Compare(a.w, b.w)
	})
	ctx := map[string]int{}
	for i := 0; i < len(all) && i < opts.Contexts; i++ {
		ctx[all[i].w] = i
	}
	var vocab []string
	index := map[string]int{}
	for _, a := range all {
		if a.n >= opts.MinCount && a.w != " " {
			index[a.w] = len(vocab)
			vocab = append(vocab, a.w)
		}
	}
	logf("%d sentences, %d words, %d clustered", len(sents), len(freq), len(vocab))
	// Context counts: dimension c for a left neighbour, Contexts+c for a right one, and two
	// more for sentence edges and rare neighbours.
	dim := 2*opts.Contexts + 2
	counts := make([]map[int]float64, len(vocab))
	for i := range counts {
		counts[i] = map[int]float64{}
	}
	ctxOf := func(ws []string, k, side int) int {
		if k < 0 || k >= len(ws) {
			return 2 * opts.Contexts
		}
		if c, ok := ctx[ws[k]]; ok {
			return side*opts.Contexts + c
		}
		return 2*opts.Contexts + 1
	}
	for _, ws := range sents {
		for k, w := range ws {
			v, ok := index[w]
			if !ok {
				continue
			}
			counts[v][ctxOf(ws, k-1, 0)]++
			counts[v][ctxOf(ws, k+1, 1)]++
		}
	}
	type sparse struct {
		idx []int
		val []float64
	}
	vecs := make([]sparse, len(vocab))
	for i, m := range counts {
		var sv sparse
		for d := range m {
			sv.idx = append(sv.idx, d)
		}
		slices.Sort(sv.idx)
		norm := 0.0
		for _, d := range sv.idx {
			v := math.Log1p(m[d])
			sv.val = append(sv.val, v)
			norm += v * v
		}
		norm = math.Sqrt(norm)
		for k := range sv.val {
			sv.val[k] /= norm
		}
		vecs[i] = sv
	}
	kmeans := func(k int, seed uint64) []int {
		rng := rand.New(rand.NewPCG(seed, 0x636c))
		cent := make([][]float64, k)
		for c, p := range rng.Perm(len(vecs))[:k] {
			cent[c] = make([]float64, dim)
			for j, d := range vecs[p].idx {
				cent[c][d] = vecs[p].val[j]
			}
		}
		assign := make([]int, len(vecs))
		for it := 0; it < opts.Iterations; it++ {
			moved := 0
			for i, v := range vecs {
				best, bv := 0, math.Inf(-1)
				for c := range cent {
					s := 0.0
					for j, d := range v.idx {
						s += cent[c][d] * v.val[j]
					}
					if s > bv {
						best, bv = c, s
					}
				}
				if assign[i] != best || it == 0 {
					moved++
				}
				assign[i] = best
			}
			for c := range cent {
				clear(cent[c])
			}
			for i, v := range vecs {
				for j, d := range v.idx {
					cent[assign[i]][d] += v.val[j]
				}
			}
			for c := range cent {
				norm := 0.0
				for _, v := range cent[c] {
					norm += v * v
				}
				if norm > 0 {
					norm = math.Sqrt(norm)
					for d := range cent[c] {
						cent[c][d] /= norm
					}
				}
			}
			logf("k-means %d, iteration %d: %d words moved", k, it+1, moved)
			if moved == 0 {
				break
			}
		}
		return assign
	}
	fine := kmeans(opts.Fine, opts.Seed)
	coarse := kmeans(opts.Coarse, opts.Seed+1)
	order := slices.Clone(vocab)
	slices.Sort(order)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# word clusters for the name model: word, fine cluster (of %d), coarse cluster (of %d); built by kg ner-clusters\n", opts.Fine, opts.Coarse)
	for _, wd := range order {
		if strings.ContainsAny(wd, "\t\n#") {
			continue
		}
		fmt.Fprintf(bw, "%s\t%d\t%d\n", wd, fine[index[wd]], coarse[index[wd]])
	}
	return bw.Flush()
}
