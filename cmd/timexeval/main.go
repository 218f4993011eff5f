// Command timexeval scores the timex tagger on WikiWars key files and
// prints a Markdown table (per document, total and per type). With -v it
// also lists misses, false positives, wrong values and inexact spans.
//
// With -tag FILE it instead tags a plain-text file (news conventions,
// document date from -dct) and prints one expression per line, which is
// handy for checking rules on new material.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"dateline/internal/timex"
)

func main() {
	dir := flag.String("dir", "../shared/corpora/wikiwars-train", "directory of *.key.xml files")
	verbose := flag.Bool("v", false, "list misses, false positives and wrong values")
	tagFile := flag.String("tag", "", "tag this plain-text file instead of scoring the corpus")
	dct := flag.String("dct", "", "document date for -tag (YYYY-MM-DD)")
	narrative := flag.Bool("narrative", false, "with -tag: anchor relative expressions to the narrative, not the DCT")
	flag.Parse()
	if *tagFile != "" {
		if err := tagOne(*tagFile, *dct, *narrative); err != nil {
			fmt.Fprintln(os.Stderr, "timexeval:", err)
			os.Exit(1)
		}
		return
	}
	docs, err := timex.LoadCorpus(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "timexeval:", err)
		os.Exit(1)
	}
	r := timex.Evaluate(docs, timex.WikiWarsOptions)
	fmt.Print(r.Markdown(*verbose))
}

func tagOne(path, dct string, narrative bool) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	opt := timex.Options{Narrative: narrative}
	if dct != "" {
		d, err := time.Parse("2006-01-02", dct)
		if err != nil {
			return fmt.Errorf("-dct: %w", err)
		}
		opt.DCT, opt.HasDCT = d, true
	}
	for _, x := range timex.Tag(string(b), opt) {
		fmt.Printf("%6d %6d  %-9s %-22s %-8s %-12s %q\n", x.Start, x.End, x.Type, x.Value, x.Mod, x.Anchor, x.Text)
	}
	return nil
}
