package render

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"dateline/internal/diag"
)

// templatePos matches the position text/template and html/template put at
// the start of their errors: "template: entry.html:12: ..." (parse errors:
// a line only), "template: entry.html:12:5: executing ..." and
// "html/template:entry.html:12:5: ..." (a 0-based byte column).
var templatePos = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?s)^(?:html/)?template: ?([^:\s]+\.html):(\d+)(?::(\d+))?: (.*)$`)
})

// templateError wraps an error of html/template about the template name,
// finding its position in the template files r parsed.
func (r *Renderer) templateError(name string, err error) *TemplateError {
	// A template's error inside a function a template calls (Cards renders
	// the cards) is the mistake; the calls around it are not.
	var inner *TemplateError
	if errors.As(err, &inner) {
		return inner
	}
	e := &TemplateError{Name: name, Err: err}
	e.pos = diag.Pos{Path: "templates/" + name, Line: 1, Col: 1}
	e.msg = err.Error()
	m := templatePos().FindStringSubmatch(e.msg)
	if m == nil {
		return e
	}
	e.pos.Path, e.msg = "templates/"+m[1], m[4]
	e.pos.Line, _ = strconv.Atoi(m[2])
	if m[3] != "" {
		// html/template counts bytes from 0; diag counts code points from 1.
		col, _ := strconv.Atoi(m[3])
		e.pos.Col = col + 1
		if src, ok := r.srcs[m[1]]; ok {
			e.pos.Col = codePointCol(src, e.pos.Line, col)
		}
	}
	// A parse error gives only the line: the column stays 1.
	return e
}

// codePointCol converts a 0-based byte column on a 1-based line of src into
// a 1-based code-point column.
func codePointCol(src string, line, col int) int {
	lines := strings.SplitN(src, "\n", line+1)
	if line < 1 || line > len(lines) {
		return col + 1
	}
	l := lines[line-1]
	if col > len(l) {
		return col + 1
	}
	return utf8.RuneCountInString(l[:col]) + 1
}

// Problem is the error positioned in the site: templates/NAME:LINE:COL,
// with the page being rendered, if any, named after the message.
func (e *TemplateError) Problem() *diag.Problem {
	pos, msg := e.pos, e.msg
	if pos.Path == "" { // not made by templateError
		pos, msg = diag.Pos{Path: path.Join("templates", e.Name), Line: 1, Col: 1}, e.Err.Error()
	}
	if e.Page != "" {
		msg += " (rendering " + e.Page + ")"
	}
	return &diag.Problem{Pos: pos, Msg: msg}
}

// OnPage says which page err happened on: a template error names the page
// after its message, any other error is prefixed with it.
func OnPage(err error, page string) error {
	if te := (*TemplateError)(nil); errors.As(err, &te) {
		c := *te // a copy: a cached card's error may be shared
		c.Page = page
		return &c
	}
	return fmt.Errorf("%s: %w", page, err)
}
