// Command timexeval scores `dateline annotate --json` on annotated corpora:
// WikiWars key files (*.key.xml, TIMEX2) and TimeML documents (*.tml,
// TIMEX3, as TempEval-3 distributes TimeBank and AQUAINT). Each document is
// tagged exactly as `annotate --json --dct DCT [--anchor A] FILE` tags it,
// with --timex2 for TIMEX2 gold; there is no option here that the command
// line lacks. It prints a Markdown table per corpus (per document, total
// and per type): strict and relaxed P/R/F1, value accuracy, and value F1 as
// the TempEval-3 toolkit computes it. With -v it also lists misses, false
// positives, wrong values and inexact spans.
//
//	timexeval [-anchor auto|news|narrative] [-part all|used|held] [-v] [DIR...]
//
// -part picks the documents: every fifth of a corpus, in path order, is
// held aside for checks (timex.Split); "used" are the others.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"dateline/internal/annotate"
	"dateline/internal/timex"
)

func main() {
	anchor := flag.String("anchor", "auto", "anchoring, as annotate --anchor: auto, news or narrative")
	part := flag.String("part", "all", "documents to score: all, used (for development) or held (held aside)")
	verbose := flag.Bool("v", false, "list misses, false positives and wrong values")
	flag.Parse()
	dirs := flag.Args()
	if len(dirs) == 0 {
		dirs = []string{"../shared/corpora/wikiwars-train", "../shared/corpora/tbaq-train"}
	}
	a, err := timex.ParseAnchor(*anchor)
	if err != nil {
		fmt.Fprintln(os.Stderr, "timexeval: -anchor:", err)
		os.Exit(2)
	}
	for _, dir := range dirs {
		docs, err := timex.LoadCorpus(dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "timexeval:", err)
			os.Exit(1)
		}
		used, held := timex.Split(docs)
		switch *part {
		case "used":
			docs = used
		case "held":
			docs = held
		case "all":
		default:
			fmt.Fprintf(os.Stderr, "timexeval: -part %q: want all, used or held\n", *part)
			os.Exit(2)
		}
		r := Score(docs, a)
		fmt.Printf("## %s (%s, %d documents)\n\n", dir, *part, len(docs))
		fmt.Print(r.Markdown(*verbose))
		fmt.Println()
		summary(os.Stdout, r)
	}
}

// Score tags every document as `annotate --json` does and scores it.
func Score(docs []timex.Doc, anchor timex.Anchor) timex.Report {
	return timex.Evaluate(docs, func(d timex.Doc) []timex.Timex {
		var dd annotate.DocDate
		if d.HasDCT {
			// What --dct gives: the day, as a user would type it.
			dd, _ = annotate.ParseDocDate(d.DCT.Format("2006-01-02"))
		}
		var out []timex.Timex
		for _, x := range annotate.Exprs(d.Text, dd, annotate.Mode{Anchor: anchor, TIMEX2: d.TIMEX2}) {
			out = append(out, timex.Timex{Start: x.Start, End: x.End, Text: x.Text, Type: timex.Type(x.Type), Value: x.Value, Mod: x.Mod})
		}
		return out
	})
}

func summary(w io.Writer, r timex.Report) {
	c := r.Total
	fmt.Fprintf(w, "strict F1 %.1f  relaxed F1 %.1f  value accuracy %.1f  value F1 %.1f\n\n",
		100*c.StrictF1(), 100*c.RelaxedF1(), 100*c.ValueAcc(), 100*c.ValueF1())
}
