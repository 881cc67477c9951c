package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/kg-news/kg/extract"
)

// runTrainNER trains the typed-mention model from sentence-level NER data in the format of
// stockmark's ner-wikipedia dataset: {"text", "entities": [{"span": [start, end], "type"}]}.
func (m *Main) runTrainNER(ctx context.Context, args []string) error {
	fs := m.flagSet("train-ner", "[-o extract/data/ner.model] [--dev DEV.jsonl] [--epochs N] TRAIN.jsonl")
	out := fs.String("o", "extract/data/ner.model", "write the model to `FILE`")
	dev := fs.String("dev", "", "score this `FILE` after every epoch")
	epochs := fs.Int("epochs", 12, "passes over the training data")
	bags := fs.Int("bags", 4, "train each model this many times with successive shuffling seeds and average the weights")
	seed := fs.Uint64("seed", 1, "shuffling seed")
	minCount := fs.Int("min-count", 4, "drop features seen fewer `times` in the training data")
	augment := fs.Int("augment", 0, "add `N` copies of each training sentence with its names replaced by other training names of the same type")
	dropout := fs.Float64("dropout", 0, "leave each feature of a token out of a training step of the tagger with this `probability`")
	typerDropout := fs.Float64("typer-dropout", 0, "leave each feature of a name out of a training step of the span typer with this `probability`")
	typesOut := fs.String("types-o", "", "also train the span typer and write it to `FILE` (extract/data/ner-types.model)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("train-ner: want one TRAIN.jsonl")
	}
	train, err := readNER(fs.Arg(0))
	if err != nil {
		return err
	}
	opts := extract.TrainOptions{Epochs: *epochs, Seed: *seed, MinCount: *minCount, Augment: *augment, Bags: *bags, Dropout: *dropout, TyperDropout: *typerDropout, Log: func(f string, a ...any) { m.Log.Info(fmt.Sprintf(f, a...)) }}
	if *dev != "" {
		if opts.Dev, err = readNER(*dev); err != nil {
			return err
		}
	}
	x, err := m.Extractor(extract.WithoutModel())
	if err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return fmt.Errorf("train-ner: %w", err)
	}
	if err := x.TrainNER(train, opts, f); err != nil {
		f.Close()
		return fmt.Errorf("train-ner: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("train-ner: %w", err)
	}
	fi, _ := os.Stat(*out)
	m.Log.Info("model written", "file", *out, "bytes", fi.Size())
	if *typesOut != "" {
		tf, err := os.Create(*typesOut)
		if err != nil {
			return fmt.Errorf("train-ner: %w", err)
		}
		if err := x.TrainSpanTyper(train, opts, tf); err != nil {
			tf.Close()
			return fmt.Errorf("train-ner: %w", err)
		}
		if err := tf.Close(); err != nil {
			return fmt.Errorf("train-ner: %w", err)
		}
		fi, _ := os.Stat(*typesOut)
		m.Log.Info("span typer written", "file", *typesOut, "bytes", fi.Size())
	}
	return nil
}

func readNER(path string) ([]extract.NERExample, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("train-ner: %w", err)
	}
	defer f.Close()
	var out []extract.NERExample
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for n := 1; sc.Scan(); n++ {
		var rec struct {
			Text     string `json:"text"`
			Entities []struct {
				Span [2]int `json:"span"`
				Type string `json:"type"`
			} `json:"entities"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		ex := extract.NERExample{Text: rec.Text}
		for _, e := range rec.Entities {
			ex.Spans = append(ex.Spans, extract.NERSpan{Start: e.Span[0], End: e.Span[1], Type: e.Type})
		}
		out = append(out, ex)
	}
	return out, sc.Err()
}
