package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kg-news/kg/extract"
)

// runNERClusters builds the word clusters of the name model from a corpus of articles in JSON
// lines ({"text": ...}, gzip-compressed when the name ends in .gz).
func (m *Main) runNERClusters(ctx context.Context, args []string) error {
	fs := m.flagSet("ner-clusters", "[-o extract/data/clusters.tsv] CORPUS.jsonl[.gz]")
	out := fs.String("o", "extract/data/clusters.tsv", "write the clusters to `FILE`")
	fine := fs.Int("fine", 256, "fine clusters")
	coarse := fs.Int("coarse", 32, "coarse clusters")
	minCount := fs.Int("min-count", 5, "cluster words seen at least `times`")
	seed := fs.Uint64("seed", 1, "k-means seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("ner-clusters: want one corpus file")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("ner-clusters: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(fs.Arg(0), ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("ner-clusters: %w", err)
		}
		r = zr
	}
	var texts []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var a struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return fmt.Errorf("ner-clusters: %w", err)
		}
		if extract.Check(a.Text) == nil {
			texts = append(texts, a.Text)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("ner-clusters: %w", err)
	}
	x, err := m.Extractor(extract.WithoutModel())
	if err != nil {
		return err
	}
	o, err := os.Create(*out)
	if err != nil {
		return fmt.Errorf("ner-clusters: %w", err)
	}
	opts := extract.ClusterOptions{Fine: *fine, Coarse: *coarse, MinCount: *minCount, Seed: *seed,
		Log: func(f string, a ...any) { m.Log.Info(fmt.Sprintf(f, a...)) }}
	if err := x.ClusterWords(texts, opts, o); err != nil {
		o.Close()
		return fmt.Errorf("ner-clusters: %w", err)
	}
	return o.Close()
}
