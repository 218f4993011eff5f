// Command dateline builds, checks and serves sourced news timelines.
//
//	dateline build  [--src DIR] [--out DIR] [--drafts] [--base-url URL] [--cpuprofile F] [--memprofile F]
//	dateline serve  [--src DIR] [--addr 127.0.0.1:PORT] [--drafts] [--open]
//	dateline check  [--src DIR] [--drafts] [--strict]
//	dateline init   DIR
//	dateline ingest RAW.txt [--src DIR] [--outlet O] [--published DATE] [--url URL] [--lang L] [--id ID] [--title T] [--dry-run] [--force]
//	dateline annotate SOURCE.md|ID|TEXT.txt [--src DIR] [--dct DATE] [--anchor auto|news|narrative] [--json [--timex2] [FILE|DIR]...] [--out DIR]
//	dateline import timelinejs FILE [--src DIR] [--force]
//	dateline version
//
// It is the only code that reads os.Args; every command parses its own
// flags and calls into internal/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"dateline/internal/diag"
)

// command is one sub-command.
type command struct {
	name  string
	usage string // the synopsis line
	brief string
	run   func(ctx context.Context, env *env, args []string) error
}

// env carries the process's streams, so commands are testable in-process.
type env struct {
	stdout, stderr io.Writer
}

func commands() []command {
	return []command{buildCmd(), serveCmd(), checkCmd(), initCmd(), ingestCmd(), annotateCmd(), importCmd(), versionCmd()}
}

// errUsage marks an error that has already been reported along with usage.
var errUsage = errors.New("usage")

// errProblems marks content problems that have already been printed.
var errProblems = errors.New("the site has problems")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &env{stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:])
	stop()
	os.Exit(code)
}

func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		case errors.Is(err, errProblems):
			return 1
		}
		var l diag.List
		if errors.As(err, &l) {
			printProblems(e.stderr, l)
			return 1
		}
		fmt.Fprintf(e.stderr, "dateline %s: %v\n", c.name, err)
		return 1
	}
	fmt.Fprintf(e.stderr, "dateline: unknown command %q\n\n", args[0])
	usage(e.stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Dateline builds sourced, cross-referenced news timelines.")
	fmt.Fprintln(w, "\nUsage:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  dateline %s\n        %s\n", c.usage, c.brief)
	}
	fmt.Fprintln(w, "\nRun 'dateline COMMAND -h' for a command's flags.")
}

// flags returns a flag set that reports errors to stderr without exiting.
func flags(e *env, c string, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(c, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: %s\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags for a command that takes no arguments, turning a
// flag error into errUsage.
func parse(fs *flag.FlagSet, args []string) error {
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), pos[0])
		fs.Usage()
		return errUsage
	}
	return nil
}

// parseArgs parses flags that may come before, between or after the
// positional arguments ("dateline ingest raw.txt --published 2026-03-10"),
// which the flag package alone does not allow.
func parseArgs(fl *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fl.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		rest := fl.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// printProblems prints every problem, errors and warnings, one per line,
// then a count.
func printProblems(w io.Writer, l diag.List) {
	for _, p := range l {
		fmt.Fprintln(w, p.Error())
	}
	if n, m := len(l.Errors()), len(l.Warnings()); n+m > 0 {
		fmt.Fprintf(w, "%s, %s\n", plural(n, "error"), plural(m, "warning"))
	}
}

func plural(n int, s string) string {
	if n == 1 {
		return "1 " + s
	}
	return fmt.Sprintf("%d %ss", n, s)
}
