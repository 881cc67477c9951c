package main

import (
	"context"
	"fmt"
	"os"

	"github.com/kg-news/kg/extract"
)

// runNameDict rebuilds the name dictionary of the name models (extract/data/names.tsv.gz) from
// ENAMDICT. The models read it as features, so retrain them after (kg train-ner).
func (m *Main) runNameDict(ctx context.Context, args []string) error {
	fs := m.flagSet("name-dict", "[-o extract/data/names.tsv.gz] [ENAMDICT]")
	out := fs.String("o", "extract/data/names.tsv.gz", "write the dictionary to `FILE`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	in := "/usr/share/edict/enamdict"
	switch fs.NArg() {
	case 0:
	case 1:
		in = fs.Arg(0)
	default:
		fs.Usage()
		return fmt.Errorf("name-dict: want at most one ENAMDICT file")
	}
	f, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("name-dict: %w (install Debian's package enamdict, or name the file)", err)
	}
	defer f.Close()
	o, err := os.Create(*out)
	if err != nil {
		return fmt.Errorf("name-dict: %w", err)
	}
	if err := extract.ConvertENAMDICT(f, o); err != nil {
		o.Close()
		os.Remove(*out)
		return fmt.Errorf("name-dict: %s: %w", in, err)
	}
	return o.Close()
}
