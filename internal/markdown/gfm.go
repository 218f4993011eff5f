package markdown

// The GitHub extensions (tables, strikethrough, task lists, bare-URL links)
// as goldmark's extension package implements them, ported here so that the
// binary does not link that package: it compiles seven regular expressions
// and builds its tables at package init, which every dateline process paid
// for at start (some 3 ms and 170 page faults, measured with perf stat on
// `dateline version`), whether or not it renders Markdown. Here the two URL
// patterns compile on first use and the table delimiter and task box
// patterns are plain byte checks. The output is goldmark's: TestGFMAsGoldmark
// renders the same texts through both.
//
// Ported from github.com/yuin/goldmark v1.8.7, extension/{linkify,table,
// strikethrough,tasklist}.go, without their options:
//
// MIT License
//
// Copyright (c) 2019 Yusuke Inuzuka
//
// Permission is hereby granted, free of charge, to any person obtaining a copy
// of this software and associated documentation files (the "Software"), to deal
// in the Software without restriction, including without limitation the rights
// to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
// copies of the Software, and to permit persons to whom the Software is
// furnished to do so, subject to the following conditions:
//
// The above copyright notice and this permission notice shall be included in all
// copies or substantial portions of the Software.
//
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
// IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
// FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
// AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
// LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
// OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
// SOFTWARE.

import (
	"bytes"
	"fmt"
	"regexp"
	"sync"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// gfm registers the four extensions with goldmark's priorities.
type gfm struct{}

func (gfm) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(
			util.Prioritized(linkifyParser{}, 999),
			util.Prioritized(strikethroughParser{}, 500),
			util.Prioritized(taskCheckBoxParser{}, 0),
		),
		parser.WithParagraphTransformers(util.Prioritized(tableParagraphTransformer{}, 200)),
		parser.WithASTTransformers(util.Prioritized(tableASTTransformer{}, 0)),
	)
	global := html.GlobalAttributeFilter
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(&tableHTMLRenderer{
			Config: html.NewConfig(),
			table:  global.ExtendString(`align,bgcolor,border,cellpadding,cellspacing,frame,rules,summary,width`),
			header: global.ExtendString(`align,bgcolor,char,charoff,valign`),
			row:    global.ExtendString(`align,bgcolor,char,charoff,valign`),
			cell:   global.ExtendString(`abbr,align,axis,bgcolor,char,charoff,colspan,headers,height,rowspan,scope,valign,width`),
		}, 500),
		util.Prioritized(&strikethroughHTMLRenderer{Config: html.NewConfig()}, 500),
		util.Prioritized(&taskCheckBoxHTMLRenderer{Config: html.NewConfig()}, 500),
	))
}

// Linkify.

// urlPatterns are goldmark's bare-URL patterns, compiled on first use.
var urlPatterns = sync.OnceValues(func() (url, www *regexp.Regexp) {
	return regexp.MustCompile(`^(?:http|https|ftp)://[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+(?::\d+)?(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=\(\);,'">\^{}\[\]` + "`" + `]*)?`),
		regexp.MustCompile(`^www\.[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+(?:[/#?][-a-zA-Z0-9@:%_\+.~#!?&/=\(\);,'">\^{}\[\]` + "`" + `]*)?`)
})

type linkifyParser struct{}

func (linkifyParser) Trigger() []byte {
	// ' ' stands for any white space and the start of a line.
	return []byte{' ', '*', '_', '~', '('}
}

func (linkifyParser) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	if pc.IsInLinkLabel() {
		return nil
	}
	line, segment := block.PeekLine()
	consumes := 0
	start := segment.Start
	c := line[0]
	if c == ' ' || c == '*' || c == '_' || c == '~' || c == '(' {
		consumes++
		start++
		line = line[1:]
	}

	var m []int
	var protocol []byte
	typ := gast.AutoLinkURL
	if bytes.HasPrefix(line, []byte("http:")) || bytes.HasPrefix(line, []byte("https:")) || bytes.HasPrefix(line, []byte("ftp:")) {
		url, _ := urlPatterns()
		m = url.FindSubmatchIndex(line)
	}
	if m == nil && bytes.HasPrefix(line, []byte("www.")) {
		_, www := urlPatterns()
		m = www.FindSubmatchIndex(line)
		protocol = []byte("http")
	}
	if m != nil && m[0] != 0 {
		m = nil
	}
	if m == nil {
		if len(line) > 0 && util.IsPunct(line[0]) {
			return nil
		}
		typ = gast.AutoLinkEmail
		stop := util.FindEmailIndex(line)
		if stop < 0 {
			return nil
		}
		at := bytes.IndexByte(line, '@')
		m = []int{0, stop, at, stop - 1}
		if bytes.IndexByte(line[m[2]:m[3]], '.') < 0 {
			return nil
		}
		if line[m[1]-1] == '.' {
			m[1]--
		}
		if m[1] < len(line) {
			if next := line[m[1]]; next == '-' || next == '_' {
				return nil
			}
		}
	}
	if consumes != 0 {
		gast.MergeOrAppendTextSegment(parent, segment.WithStop(segment.Start+1))
	}
	opening := bytes.Count(line[:m[1]], []byte{'('})
	closing := bytes.Count(line[:m[1]], []byte{')'})
	i := m[1]
trim:
	for i > 1 {
		switch line[i-1] {
		case '?', '!', '.', ',', ':', '*', '_', '~':
			i--
		case ')':
			if closing <= opening {
				break trim
			}
			closing--
			i--
		case ';':
			j := i - 2
			for ; j > 0; j-- {
				if !util.IsAlphaNumeric(line[j]) {
					break
				}
			}
			if j == i-2 || line[j] != '&' {
				break trim
			}
			i = j
		default:
			break trim
		}
	}
	consumes += i
	block.Advance(consumes)
	link := gast.NewAutoLink(typ, gast.NewTextSegment(text.NewSegment(start, start+i)))
	link.Protocol = protocol
	return link
}

func (linkifyParser) CloseBlock(parent gast.Node, pc parser.Context) {}

// Strikethrough.

type strikethroughDelimiter struct{}

func (strikethroughDelimiter) IsDelimiter(b byte) bool { return b == '~' }

func (strikethroughDelimiter) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (strikethroughDelimiter) OnMatch(consumes int) gast.Node { return ast.NewStrikethrough() }

type strikethroughParser struct{}

func (strikethroughParser) Trigger() []byte { return []byte{'~'} }

func (strikethroughParser) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	node := parser.ScanDelimiter(line, before, 1, strikethroughDelimiter{})
	if node == nil || node.OriginalLength > 2 || before == '~' {
		return nil
	}
	node.Segment = segment.WithStop(segment.Start + node.OriginalLength)
	block.Advance(node.OriginalLength)
	pc.PushDelimiter(node)
	return node
}

func (strikethroughParser) CloseBlock(parent gast.Node, pc parser.Context) {}

type strikethroughHTMLRenderer struct {
	html.Config
}

func (r *strikethroughHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindStrikethrough, r.render)
}

func (r *strikethroughHTMLRenderer) render(w util.BufWriter, source []byte, n gast.Node, entering bool) (gast.WalkStatus, error) {
	switch {
	case !entering:
		_, _ = w.WriteString("</del>")
	case n.Attributes() != nil:
		_, _ = w.WriteString("<del")
		html.RenderAttributes(w, n, html.GlobalAttributeFilter)
		_ = w.WriteByte('>')
	default:
		_, _ = w.WriteString("<del>")
	}
	return gast.WalkContinue, nil
}

// Task lists.

type taskCheckBoxParser struct{}

func (taskCheckBoxParser) Trigger() []byte { return []byte{'['} }

// isRESpace is a byte of RE2's \s, which goldmark's task box pattern uses.
func isRESpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r'
}

func (taskCheckBoxParser) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	// Only the first text of a list item: List > ListItem > TextBlock.
	if parent.Parent() == nil || parent.Parent().FirstChild() != parent || parent.HasChildren() {
		return nil
	}
	if _, ok := parent.Parent().(*gast.ListItem); !ok {
		return nil
	}
	line, _ := block.PeekLine()
	// `^\[([\sxX])\]\s*`
	if len(line) < 3 || line[0] != '[' || line[2] != ']' {
		return nil
	}
	value := line[1]
	if !isRESpace(value) && value != 'x' && value != 'X' {
		return nil
	}
	end := 3
	for end < len(line) && isRESpace(line[end]) {
		end++
	}
	block.Advance(end)
	return ast.NewTaskCheckBox(value == 'x' || value == 'X')
}

func (taskCheckBoxParser) CloseBlock(parent gast.Node, pc parser.Context) {}

type taskCheckBoxHTMLRenderer struct {
	html.Config
}

func (r *taskCheckBoxHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindTaskCheckBox, r.render)
}

func (r *taskCheckBoxHTMLRenderer) render(w util.BufWriter, source []byte, node gast.Node, entering bool) (gast.WalkStatus, error) {
	if !entering {
		return gast.WalkContinue, nil
	}
	if node.(*ast.TaskCheckBox).IsChecked {
		_, _ = w.WriteString(`<input checked="" disabled="" type="checkbox"`)
	} else {
		_, _ = w.WriteString(`<input disabled="" type="checkbox"`)
	}
	if r.XHTML {
		_, _ = w.WriteString(" /> ")
	} else {
		_, _ = w.WriteString("> ")
	}
	return gast.WalkContinue, nil
}

// Tables.

var escapedPipeCellListKey = parser.NewContextKey()

type escapedPipeCell struct {
	Cell        *ast.TableCell
	Pos         []int
	Transformed bool
}

func isTableDelim(bs []byte) bool {
	if w, _ := util.IndentWidth(bs, 0); w > 3 {
		return false
	}
	allSep := true
	for _, b := range bs {
		if b != '-' {
			allSep = false
		}
		if !(util.IsSpace(b) || b == '-' || b == '|' || b == ':') {
			return false
		}
	}
	return !allSep
}

// delimAlignment reads one column of a delimiter row as goldmark's patterns
// `^\s*:-+\s*$` (left), `^\s*-+:\s*$` (right), `^\s*:-+:\s*$` (center) and
// `^\s*-+\s*$` (none) do.
func delimAlignment(col []byte) (ast.Alignment, bool) {
	i, j := 0, len(col)
	for i < j && isRESpace(col[i]) {
		i++
	}
	for j > i && isRESpace(col[j-1]) {
		j--
	}
	core := col[i:j]
	left := len(core) > 0 && core[0] == ':'
	if left {
		core = core[1:]
	}
	right := len(core) > 0 && core[len(core)-1] == ':'
	if right {
		core = core[:len(core)-1]
	}
	if len(core) == 0 || len(bytes.Trim(core, "-")) != 0 {
		return ast.AlignNone, false
	}
	switch {
	case left && right:
		return ast.AlignCenter, true
	case left:
		return ast.AlignLeft, true
	case right:
		return ast.AlignRight, true
	}
	return ast.AlignNone, true
}

type tableParagraphTransformer struct{}

func (b tableParagraphTransformer) Transform(node *gast.Paragraph, reader text.Reader, pc parser.Context) {
	ppos := node.Pos()
	lines := node.Lines()
	if lines.Len() < 2 {
		return
	}
	for i := 1; i < lines.Len(); i++ {
		alignments := b.parseDelimiter(lines.At(i), reader)
		if alignments == nil {
			continue
		}
		header := b.parseRow(lines.At(i-1), alignments, true, reader, pc)
		if header == nil || len(alignments) != header.ChildCount() {
			return
		}
		table := ast.NewTable()
		table.Alignments = alignments
		table.SetPos(ppos)
		table.AppendChild(table, ast.NewTableHeader(header))
		for j := i + 1; j < lines.Len(); j++ {
			table.AppendChild(table, b.parseRow(lines.At(j), alignments, false, reader, pc))
		}
		node.Lines().SetSliced(0, i-1)
		node.Parent().InsertAfter(node.Parent(), node, table)
		if node.Lines().Len() == 0 {
			node.Parent().RemoveChild(node.Parent(), node)
		} else {
			last := node.Lines().At(i - 2)
			last.Stop = last.Stop - 1 // trim the last newline
			node.Lines().Set(i-2, last)
		}
	}
}

func (b tableParagraphTransformer) parseRow(segment text.Segment,
	alignments []ast.Alignment, isHeader bool, reader text.Reader, pc parser.Context) *ast.TableRow {
	npos := segment
	source := reader.Source()
	segment = segment.TrimLeftSpace(source)
	segment = segment.TrimRightSpace(source)
	line := segment.Value(source)
	pos := 0
	limit := len(line)
	row := ast.NewTableRow(alignments)
	row.SetPos(npos.Start)
	if len(line) > 0 && line[pos] == '|' {
		pos++
	}
	if len(line) > 0 && line[limit-1] == '|' {
		limit--
	}
	i := 0
	for ; pos < limit; i++ {
		alignment := ast.AlignNone
		if i >= len(alignments) {
			if !isHeader {
				return row
			}
		} else {
			alignment = alignments[i]
		}
		var escapedCell *escapedPipeCell
		node := ast.NewTableCell()
		node.SetPos(npos.Start + pos - npos.Padding)
		node.Alignment = alignment
		hasBacktick := false
		closure := pos
		for ; closure < limit; closure++ {
			if line[closure] == '`' {
				hasBacktick = true
			}
			if line[closure] == '|' {
				if closure == 0 || line[closure-1] != '\\' {
					break
				} else if hasBacktick {
					if escapedCell == nil {
						escapedCell = &escapedPipeCell{node, []int{}, false}
						escapedList := pc.ComputeIfAbsent(escapedPipeCellListKey,
							func() any {
								return []*escapedPipeCell{}
							}).([]*escapedPipeCell)
						escapedList = append(escapedList, escapedCell)
						pc.Set(escapedPipeCellListKey, escapedList)
					}
					escapedCell.Pos = append(escapedCell.Pos, segment.Start+closure-1)
				}
			}
		}
		seg := text.NewSegment(segment.Start+pos, segment.Start+closure)
		seg = seg.TrimLeftSpace(source)
		seg = seg.TrimRightSpace(source)
		node.Lines().Append(seg)
		row.AppendChild(row, node)
		pos = closure + 1
	}
	for ; i < len(alignments); i++ {
		row.AppendChild(row, ast.NewTableCell())
	}
	return row
}

func (b tableParagraphTransformer) parseDelimiter(segment text.Segment, reader text.Reader) []ast.Alignment {
	line := segment.Value(reader.Source())
	if !isTableDelim(line) {
		return nil
	}
	cols := bytes.Split(line, []byte{'|'})
	if util.IsBlank(cols[0]) {
		cols = cols[1:]
	}
	if len(cols) > 0 && util.IsBlank(cols[len(cols)-1]) {
		cols = cols[:len(cols)-1]
	}
	var alignments []ast.Alignment
	for _, col := range cols {
		a, ok := delimAlignment(col)
		if !ok {
			return nil
		}
		alignments = append(alignments, a)
	}
	return alignments
}

type tableASTTransformer struct{}

func (tableASTTransformer) Transform(node *gast.Document, reader text.Reader, pc parser.Context) {
	lst := pc.Get(escapedPipeCellListKey)
	if lst == nil {
		return
	}
	pc.Set(escapedPipeCellListKey, nil)
	for _, v := range lst.([]*escapedPipeCell) {
		if v.Transformed {
			continue
		}
		_ = gast.Walk(v.Cell, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
			if !entering || n.Kind() != gast.KindCodeSpan {
				return gast.WalkContinue, nil
			}
			for c := n.FirstChild(); c != nil; {
				next := c.NextSibling()
				if c.Kind() != gast.KindText {
					c = next
					continue
				}
				parent := c.Parent()
				ts := &c.(*gast.Text).Segment
				n := c
				for _, v := range lst.([]*escapedPipeCell) {
					for _, pos := range v.Pos {
						if ts.Start <= pos && pos < ts.Stop {
							segment := n.(*gast.Text).Segment
							n1 := gast.NewRawTextSegment(segment.WithStop(pos))
							n2 := gast.NewRawTextSegment(segment.WithStart(pos + 1))
							parent.InsertAfter(parent, n, n1)
							parent.InsertAfter(parent, n1, n2)
							parent.RemoveChild(parent, n)
							n = n2
							v.Transformed = true
						}
					}
				}
				c = next
			}
			return gast.WalkContinue, nil
		})
	}
}

type tableHTMLRenderer struct {
	html.Config
	// The attributes each element may carry, as goldmark's filters.
	table, header, row, cell util.BytesFilter
}

func (r *tableHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindTable, r.renderTable)
	reg.Register(ast.KindTableHeader, r.renderTableHeader)
	reg.Register(ast.KindTableRow, r.renderTableRow)
	reg.Register(ast.KindTableCell, r.renderTableCell)
}

func (r *tableHTMLRenderer) renderTable(w util.BufWriter, source []byte, n gast.Node, entering bool) (gast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<table")
		if n.Attributes() != nil {
			html.RenderAttributes(w, n, r.table)
		}
		_, _ = w.WriteString(">\n")
	} else {
		_, _ = w.WriteString("</table>\n")
	}
	return gast.WalkContinue, nil
}

func (r *tableHTMLRenderer) renderTableHeader(w util.BufWriter, source []byte, n gast.Node, entering bool) (gast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<thead")
		if n.Attributes() != nil {
			html.RenderAttributes(w, n, r.header)
		}
		_, _ = w.WriteString(">\n")
		_, _ = w.WriteString("<tr>\n") // the header row has no node of its own
	} else {
		_, _ = w.WriteString("</tr>\n")
		_, _ = w.WriteString("</thead>\n")
		if n.NextSibling() != nil {
			_, _ = w.WriteString("<tbody>\n")
		}
	}
	return gast.WalkContinue, nil
}

func (r *tableHTMLRenderer) renderTableRow(w util.BufWriter, source []byte, n gast.Node, entering bool) (gast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<tr")
		if n.Attributes() != nil {
			html.RenderAttributes(w, n, r.row)
		}
		_, _ = w.WriteString(">\n")
	} else {
		_, _ = w.WriteString("</tr>\n")
		if n.Parent().LastChild() == n {
			_, _ = w.WriteString("</tbody>\n")
		}
	}
	return gast.WalkContinue, nil
}

func (r *tableHTMLRenderer) renderTableCell(w util.BufWriter, source []byte, node gast.Node, entering bool) (gast.WalkStatus, error) {
	n := node.(*ast.TableCell)
	tag := "td"
	if n.Parent().Kind() == ast.KindTableHeader {
		tag = "th"
	}
	if !entering {
		_, _ = fmt.Fprintf(w, "</%s>\n", tag)
		return gast.WalkContinue, nil
	}
	_, _ = fmt.Fprintf(w, "<%s", tag)
	if n.Alignment != ast.AlignNone {
		if r.XHTML {
			if _, ok := n.AttributeString("align"); !ok {
				_, _ = fmt.Fprintf(w, ` align="%s"`, n.Alignment.String())
			}
		} else {
			v, ok := n.AttributeString("style")
			var cob util.CopyOnWriteBuffer
			if ok {
				switch v := v.(type) {
				case []byte:
					cob = util.NewCopyOnWriteBuffer(v)
				case string:
					cob = util.NewCopyOnWriteBuffer([]byte(v))
				}
				cob.AppendByte(';')
			}
			cob.AppendString("text-align:" + n.Alignment.String())
			n.SetAttributeString("style", cob.Bytes())
		}
	}
	if n.Attributes() != nil {
		// goldmark's <td> and <th> filters allow the same attributes.
		html.RenderAttributes(w, n, r.cell)
	}
	_ = w.WriteByte('>')
	return gast.WalkContinue, nil
}
