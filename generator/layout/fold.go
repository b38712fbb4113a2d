package layout

import (
	"errors"
	"html/template"
	"io"
	"strings"
	"sync"
	"text/template/parse"
)

// Folding constant UI strings.
//
// A lesson's template holds 28 calls of T with a constant key
// ({{T "skipToContent"}}, aria-label="{{T "modules"}}"), and html/template
// follows each call with an escaper: two calls through reflection each.
// Templates are parsed once per language, so such a call has the same
// result on every page.
// Once html/template has escaped a template, foldConstants replaces each
// {{T "key"}} whose escaper is known here with its escaped text, as if the
// template had held that text. Everything else is left as it was: T with a
// value from the page ({{T "minutes" "n" .Duration}}), and T in contexts
// (URLs, scripts, styles) whose escapers are not folded.

// foldConstantStrings is switched off by the test that compares the output
// with and without folding.
var foldConstantStrings = true

// escapers are the html/template escapers foldConstants applies itself,
// each with a probe: a template whose one action is in that escaper's
// context, so that the escaping is html/template's own, not a copy of it.
var escapers = map[string]struct{ before, after string }{
	"_html_template_htmlescaper":   {"", ""},
	"_html_template_attrescaper":   {`<a title="`, `">`},
	"_html_template_rcdataescaper": {`<title>`, `</title>`},
}

// probes are parsed once; a probe whose action html/template no longer
// escapes with the expected escaper is left out, so that a change in
// html/template turns folding off instead of folding wrongly.
var probes = sync.OnceValue(func() map[string]*template.Template {
	out := map[string]*template.Template{}
	for name, p := range escapers {
		t, err := template.New("probe").Parse(p.before + "{{.}}" + p.after)
		if err != nil {
			continue
		}
		if err := t.Execute(io.Discard, ""); err != nil {
			continue
		}
		var got []string
		walkActions(t.Tree.Root, func(a *parse.ActionNode) parse.Node {
			for _, c := range a.Pipe.Cmds[1:] {
				if id, ok := c.Args[0].(*parse.IdentifierNode); ok {
					got = append(got, id.Ident)
				}
			}
			return nil
		})
		if len(got) == 1 && got[0] == name {
			out[name] = t
		}
	}
	return out
})

// escape escapes s as html/template's escaper name does.
func escape(name, s string) (string, bool) {
	t := probes()[name]
	if t == nil {
		return "", false
	}
	var b strings.Builder
	if err := t.Execute(&b, s); err != nil {
		return "", false
	}
	p := escapers[name]
	out, ok := strings.CutPrefix(b.String(), p.before)
	if !ok {
		return "", false
	}
	return strings.CutSuffix(out, p.after)
}

// escapeSet has html/template escape t and the templates it calls, by
// executing it once on empty data, whose errors do not matter. It reports
// whether they could be: the error of a template html/template cannot
// escape comes when it is executed, as it would have.
func escapeSet(t *template.Template) bool {
	var escErr *template.Error
	return !errors.As(t.Execute(io.Discard, &Data{}), &escErr)
}

// foldConstants folds the constant T calls of every template of t's set.
// t is the entry of one kind's set, which escape has escaped; tr is T in
// the set's language.
func foldConstants(t *template.Template, tr func(key string, args ...any) string) {
	if !foldConstantStrings {
		return
	}
	for _, each := range t.Templates() {
		if each.Tree == nil || each.Tree.Root == nil {
			continue
		}
		walkActions(each.Tree.Root, func(a *parse.ActionNode) parse.Node {
			return foldAction(a, tr)
		})
		mergeText(each.Tree.Root)
	}
}

// foldAction returns the text that replaces a, or nil to keep it.
func foldAction(a *parse.ActionNode, tr func(key string, args ...any) string) parse.Node {
	p := a.Pipe
	if len(p.Decl) > 0 || len(p.Cmds) != 2 || len(p.Cmds[0].Args) < 2 || len(p.Cmds[1].Args) != 1 {
		return nil
	}
	if id, ok := p.Cmds[0].Args[0].(*parse.IdentifierNode); !ok || id.Ident != "T" {
		return nil
	}
	var key string
	var args []any
	for i, arg := range p.Cmds[0].Args[1:] {
		s, ok := arg.(*parse.StringNode)
		if !ok {
			return nil
		}
		if i == 0 {
			key = s.Text
		} else {
			args = append(args, s.Text)
		}
	}
	esc, ok := p.Cmds[1].Args[0].(*parse.IdentifierNode)
	if !ok {
		return nil
	}
	text, ok := escape(esc.Ident, tr(key, args...))
	if !ok {
		return nil
	}
	return &parse.TextNode{NodeType: parse.NodeText, Pos: a.Pos, Text: []byte(text)}
}

// walkActions calls f with every action in list and in the lists under
// it, and puts what f returns, if not nil, in the action's place.
func walkActions(list *parse.ListNode, f func(*parse.ActionNode) parse.Node) {
	eachList(list, func(l *parse.ListNode) {
		for i, n := range l.Nodes {
			if a, ok := n.(*parse.ActionNode); ok {
				if r := f(a); r != nil {
					l.Nodes[i] = r
				}
			}
		}
	})
}

// mergeText joins adjacent text nodes, in list and the lists under it,
// so that a folded string and the text around it are written at once.
func mergeText(list *parse.ListNode) {
	eachList(list, func(l *parse.ListNode) {
		out := l.Nodes[:0]
		for _, n := range l.Nodes {
			if t, ok := n.(*parse.TextNode); ok {
				if k := len(out); k > 0 {
					if prev, ok := out[k-1].(*parse.TextNode); ok {
						out[k-1] = &parse.TextNode{NodeType: parse.NodeText, Pos: prev.Pos, Text: append(append([]byte{}, prev.Text...), t.Text...)}
						continue
					}
				}
			}
			out = append(out, n)
		}
		l.Nodes = out
	})
}

// eachList calls f with list and every list under it (the bodies and
// else branches of if, range and with), the inner ones first.
func eachList(list *parse.ListNode, f func(*parse.ListNode)) {
	if list == nil {
		return
	}
	for _, n := range list.Nodes {
		var b *parse.BranchNode
		switch n := n.(type) {
		case *parse.IfNode:
			b = &n.BranchNode
		case *parse.RangeNode:
			b = &n.BranchNode
		case *parse.WithNode:
			b = &n.BranchNode
		case *parse.ListNode:
			eachList(n, f)
		}
		if b != nil {
			eachList(b.List, f)
			eachList(b.ElseList, f)
		}
	}
	f(list)
}
