package layout

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"
	"time"
)

// Compiled templates.
//
// text/template executes a template by walking its parse tree with
// reflection: every field is looked up by name, every function and every
// escaper html/template appended is called through reflect.Value.Call,
// 60 to 80 times per page. Once html/template has escaped a kind's
// templates, compileTemplates turns their escaped trees into Go closures:
// fields are found once, by index, for the Go type they are read from;
// the theme's functions and html/template's escapers (escape.go) are
// called directly.
//
// The closures do what text/template does, for what they know: text,
// actions, if, with, range over slices and arrays, else, template calls
// and block, variables, pipelines, fields, methods without arguments, the
// theme's functions and and, or, not, len, eq, ne, lt, le, gt, ge. A set
// of templates that uses anything else (a course's own layouts/ may use
// any function in any context: scripts, styles, srcset) is not compiled,
// and its pages are rendered by html/template as before. A page whose
// rendering meets an error, or a value the closures do not write the way
// html/template would, is rendered again by html/template, so that its
// output and its error messages are html/template's own.

// compiledExecution is switched off by the tests that compare the output
// with html/template's.
var compiledExecution = true

// errNotCompiled stops a compiled execution that would not give exactly
// what html/template gives: the page is rendered by html/template.
var errNotCompiled = errors.New("layout: left to html/template")

// maxCallDepth stops a runaway recursion of template calls; html/template
// then gives its own error.
const maxCallDepth = 1000

// program is a kind's compiled templates.
type program struct{ entry *compiledTemplate }

// compiledTemplate is one template compiled for one type of dot.
type compiledTemplate struct {
	run nodeFn
	// slots is the number of variables it declares, $ included.
	slots int
}

// execState is one execution of a program.
type execState struct {
	w *bytes.Buffer
	// vars holds the variables of the templates being executed; the
	// current template's start at base.
	vars  []reflect.Value
	base  int
	depth int
}

// nodeFn executes a node; exprFn evaluates an expression.
type (
	nodeFn func(s *execState, dot reflect.Value) error
	exprFn func(s *execState, dot reflect.Value) (reflect.Value, error)
	strFn  func(s *execState, dot reflect.Value) (string, error)
)

// execute renders data, of the type p was compiled for, into w. Its
// errors say only that html/template must render the page: the caller
// resets w and does so.
func (p *program) execute(w *bytes.Buffer, data any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", errNotCompiled, r)
		}
	}()
	s := &execState{w: w, vars: make([]reflect.Value, 0, 16)}
	return s.call(p.entry, reflect.ValueOf(data))
}

// call executes t with dot, as text/template's {{template}}: $ is dot.
func (s *execState) call(t *compiledTemplate, dot reflect.Value) error {
	if s.depth >= maxCallDepth {
		return errNotCompiled
	}
	s.depth++
	base := s.base
	s.base = len(s.vars)
	for range t.slots {
		s.vars = append(s.vars, reflect.Value{})
	}
	s.vars[s.base] = dot
	err := t.run(s, dot)
	s.vars = s.vars[:s.base]
	s.base = base
	s.depth--
	return err
}

// notCompiled is why a set of templates is not compiled; compileTemplates
// recovers it.
type notCompiled struct{ why string }

func (n notCompiled) Error() string { return n.why }

// compiler compiles the templates of one set.
type compiler struct {
	set   *template.Template
	funcs template.FuncMap
	done  map[callKey]*compiledTemplate
}

type callKey struct {
	name string
	dot  reflect.Type
}

// compileTemplates compiles the set of entry, which html/template has
// escaped, with the functions the set was parsed with, for data of type
// dot. It returns nil and why when the set uses what the compiler does
// not know.
func compileTemplates(entry *template.Template, funcs template.FuncMap, dot reflect.Type) (p *program, err error) {
	defer func() {
		if r := recover(); r != nil {
			n, ok := r.(notCompiled)
			if !ok {
				panic(r)
			}
			p, err = nil, n
		}
	}()
	c := &compiler{set: entry, funcs: funcs, done: map[callKey]*compiledTemplate{}}
	return &program{entry: c.template(entry.Name(), dot)}, nil
}

func (c *compiler) fail(format string, args ...any) {
	panic(notCompiled{fmt.Sprintf(format, args...)})
}

// scope is what the compiler knows where a node is: the type of dot
// (nil when only known at execution) and the variables in sight.
type scope struct {
	dot  reflect.Type
	vars []staticVar
	// slots counts the variables of the template.
	slots *int
}

type staticVar struct {
	name string
	slot int
	typ  reflect.Type
}

func (sc scope) withDot(t reflect.Type) scope {
	sc.dot = t
	return sc
}

func (sc scope) declare(name string, t reflect.Type) (scope, int) {
	slot := *sc.slots
	*sc.slots++
	sc.vars = append(slices.Clip(sc.vars), staticVar{name, slot, t})
	return sc, slot
}

func (c *compiler) lookupVar(sc scope, name string) staticVar {
	for i := len(sc.vars) - 1; i >= 0; i-- {
		if sc.vars[i].name == name {
			return sc.vars[i]
		}
	}
	c.fail("undefined variable %s", name)
	return staticVar{}
}

// template compiles the template called name for a dot of type dot.
func (c *compiler) template(name string, dot reflect.Type) *compiledTemplate {
	key := callKey{name, dot}
	if t, ok := c.done[key]; ok {
		return t // a recursive call is filled in when its compilation ends
	}
	tmpl := c.set.Lookup(name)
	if tmpl == nil || tmpl.Tree == nil || tmpl.Tree.Root == nil {
		c.fail("no template %q", name)
	}
	t := &compiledTemplate{}
	c.done[key] = t
	slots := 1
	t.run = c.list(tmpl.Tree.Root, scope{dot: dot, vars: []staticVar{{"$", 0, dot}}, slots: &slots})
	t.slots = slots
	return t
}

func noop(*execState, reflect.Value) error { return nil }

func (c *compiler) list(l *parse.ListNode, sc scope) nodeFn {
	if l == nil {
		return noop
	}
	var fns []nodeFn
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			text := n.Text
			fns = append(fns, func(s *execState, _ reflect.Value) error {
				s.w.Write(text)
				return nil
			})
		case *parse.ActionNode:
			var fn nodeFn
			fn, sc = c.action(n, sc)
			fns = append(fns, fn)
		case *parse.IfNode:
			fns = append(fns, c.branch(&n.BranchNode, sc, false))
		case *parse.WithNode:
			fns = append(fns, c.branch(&n.BranchNode, sc, true))
		case *parse.RangeNode:
			fns = append(fns, c.rangeNode(n, sc))
		case *parse.TemplateNode:
			fns = append(fns, c.templateCall(n, sc))
		case *parse.CommentNode:
		default:
			c.fail("%s", n)
		}
	}
	switch len(fns) {
	case 0:
		return noop
	case 1:
		return fns[0]
	}
	return func(s *execState, dot reflect.Value) error {
		for _, f := range fns {
			if err := f(s, dot); err != nil {
				return err
			}
		}
		return nil
	}
}

// action compiles {{pipeline}}: a declaration, or a value written through
// the escapers html/template appended.
func (c *compiler) action(a *parse.ActionNode, sc scope) (nodeFn, scope) {
	p := a.Pipe
	if len(p.Decl) > 0 {
		if p.IsAssign || len(p.Decl) != 1 || len(p.Decl[0].Ident) != 1 {
			c.fail("%s", a)
		}
		e := c.pipeline(p, sc)
		sc, slot := sc.declare(p.Decl[0].Ident[0], e.typ)
		return func(s *execState, dot reflect.Value) error {
			v, err := e.val(s, dot)
			s.vars[s.base+slot] = v
			return err
		}, sc
	}
	n := len(p.Cmds)
	for n > 0 {
		id, ok := p.Cmds[n-1].Args[0].(*parse.IdentifierNode)
		if !ok || !strings.HasPrefix(id.Ident, "_html_template_") {
			break
		}
		if len(p.Cmds[n-1].Args) != 1 {
			c.fail("%s", a)
		}
		n--
	}
	if n == 0 || n == len(p.Cmds) {
		c.fail("%s", a)
	}
	var chain []escaper
	var names []string
	for _, cmd := range p.Cmds[n:] {
		name := cmd.Args[0].(*parse.IdentifierNode).Ident
		e, ok := escapersByName[name]
		if !ok {
			c.fail("escaper %s", name)
		}
		chain, names = append(chain, e), append(names, name)
	}
	write := escapeChain(chain)
	e := c.commands(p.Cmds[:n], sc)
	if e.writeHTML != nil && slices.Equal(names, []string{"_html_template_htmlescaper"}) {
		return e.writeHTML, sc // HTML in HTML text is written as it is
	}
	if e.str != nil {
		str, ct := e.str, e.strType
		return func(s *execState, dot reflect.Value) error {
			text, err := str(s, dot)
			if err != nil {
				return err
			}
			return write(s.w, text, ct)
		}, sc
	}
	text := textOf(e.typ)
	return func(s *execState, dot reflect.Value) error {
		v, err := e.val(s, dot)
		if err != nil {
			return err
		}
		str, ct, err := text(v)
		if err != nil {
			return err
		}
		return write(s.w, str, ct)
	}, sc
}

// escapeChain writes a value through chain, html/template's escapers of
// one action: the first sees the value's content type, the others the
// plain text the one before gave.
func escapeChain(chain []escaper) func(w *bytes.Buffer, s string, ct contentType) error {
	last := chain[len(chain)-1]
	write := last.write
	if write == nil {
		write = func(w *bytes.Buffer, s string, ct contentType) error {
			out, err := last.apply(s, ct)
			w.WriteString(out)
			return err
		}
	}
	if len(chain) == 1 {
		return write
	}
	before := chain[:len(chain)-1]
	return func(w *bytes.Buffer, s string, ct contentType) error {
		for _, e := range before {
			var err error
			if s, err = e.apply(s, ct); err != nil {
				return err
			}
			ct = contentPlain
		}
		return write(w, s, ct)
	}
}

var (
	stringType   = reflect.TypeFor[string]()
	htmlType     = reflect.TypeFor[template.HTML]()
	urlType      = reflect.TypeFor[template.URL]()
	valueType    = reflect.TypeFor[reflect.Value]()
	errorType    = reflect.TypeFor[error]()
	contentTypes = map[reflect.Type]contentType{
		stringType: contentPlain,
		htmlType:   contentHTML,
		urlType:    contentURL,
		// The others are plain to the escapers the compiler knows.
		reflect.TypeFor[template.CSS]():      contentPlain,
		reflect.TypeFor[template.HTMLAttr](): contentPlain,
		reflect.TypeFor[template.JS]():       contentPlain,
		reflect.TypeFor[template.JSStr]():    contentPlain,
		reflect.TypeFor[template.Srcset]():   contentPlain,
	}
)

// textOf is how html/template's escapers read a value of type t (nil: a
// type known only at execution) as text: its stringify.
func textOf(t reflect.Type) func(reflect.Value) (string, contentType, error) {
	if t != nil && t.Kind() != reflect.Interface && t.Kind() != reflect.Pointer {
		return textOfType(t)
	}
	return func(v reflect.Value) (string, contentType, error) {
		if v.Kind() == reflect.Interface && !v.IsNil() {
			v = v.Elem()
		}
		if !v.IsValid() || v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
			return "", 0, errNotCompiled // nil, or a pointer html/template follows
		}
		return textOfType(v.Type())(v)
	}
}

func textOfType(t reflect.Type) func(reflect.Value) (string, contentType, error) {
	if ct, ok := contentTypes[t]; ok {
		return func(v reflect.Value) (string, contentType, error) { return v.String(), ct, nil }
	}
	if t.NumMethod() == 0 { // fmt.Sprint would not call String or Error
		switch t.Kind() {
		case reflect.String:
			return func(v reflect.Value) (string, contentType, error) { return v.String(), contentPlain, nil }
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return func(v reflect.Value) (string, contentType, error) {
				return strconv.FormatInt(v.Int(), 10), contentPlain, nil
			}
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			return func(v reflect.Value) (string, contentType, error) {
				return strconv.FormatUint(v.Uint(), 10), contentPlain, nil
			}
		case reflect.Bool:
			return func(v reflect.Value) (string, contentType, error) {
				return strconv.FormatBool(v.Bool()), contentPlain, nil
			}
		}
	}
	// As html/template: fmt.Sprint of the value (not a pointer, so not
	// followed).
	return func(v reflect.Value) (string, contentType, error) {
		return fmt.Sprint(v.Interface()), contentPlain, nil
	}
}

// expr is a compiled expression: its value and its type (nil when known
// only at execution); str, when set, gives the value as a string of
// content type strType without boxing it in a reflect.Value; writeHTML,
// when set, writes the value, a template.HTML, into the page's buffer
// without making a string of it.
type expr struct {
	val       exprFn
	typ       reflect.Type
	str       strFn
	strType   contentType
	writeHTML nodeFn
}

// pipeline compiles p's commands (not its declarations) as
// text/template's evalPipeline: an empty interface is taken out of its box.
func (c *compiler) pipeline(p *parse.PipeNode, sc scope) expr {
	e := c.commands(p.Cmds, sc)
	if e.typ == nil || e.typ.Kind() == reflect.Interface && e.typ.NumMethod() == 0 {
		val := e.val
		return expr{typ: nil, val: func(s *execState, dot reflect.Value) (reflect.Value, error) {
			v, err := val(s, dot)
			if err == nil && v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
				v = reflect.ValueOf(v.Interface())
			}
			return v, err
		}}
	}
	return e
}

// commands compiles a pipeline's commands, each given the value of the
// one before as its last argument.
func (c *compiler) commands(cmds []*parse.CommandNode, sc scope) expr {
	if len(cmds) == 0 {
		c.fail("empty pipeline")
	}
	var e *expr
	for _, cmd := range cmds {
		next := c.command(cmd, sc, e)
		e = &next
	}
	return *e
}

func constant(v reflect.Value) expr {
	return expr{typ: v.Type(), val: func(*execState, reflect.Value) (reflect.Value, error) { return v, nil }}
}

// command compiles one command; final, when not nil, is the value of the
// command before it in the pipeline.
func (c *compiler) command(cmd *parse.CommandNode, sc scope, final *expr) expr {
	switch n := cmd.Args[0].(type) {
	case *parse.FieldNode:
		return c.fieldChain(c.dotExpr(sc), n.Ident, cmd.Args[1:], final)
	case *parse.VariableNode:
		v := c.variable(n.Ident[0], sc)
		if len(n.Ident) == 1 {
			c.notAFunction(cmd, final)
			return v
		}
		return c.fieldChain(v, n.Ident[1:], cmd.Args[1:], final)
	case *parse.IdentifierNode:
		return c.function(n.Ident, cmd.Args[1:], final, sc)
	case *parse.PipeNode:
		c.notAFunction(cmd, final)
		if len(n.Decl) > 0 {
			c.fail("%s", n)
		}
		return c.pipeline(n, sc)
	}
	c.notAFunction(cmd, final)
	if _, ok := cmd.Args[0].(*parse.DotNode); ok {
		return c.dotExpr(sc)
	}
	if e, ok := c.literal(cmd.Args[0]); ok {
		return e
	}
	c.fail("%s", cmd)
	return expr{}
}

// literal compiles a string, boolean or number constant, as
// text/template gives it where any type will do.
func (c *compiler) literal(n parse.Node) (expr, bool) {
	switch n := n.(type) {
	case *parse.StringNode:
		return constant(reflect.ValueOf(n.Text)), true
	case *parse.BoolNode:
		return constant(reflect.ValueOf(n.True)), true
	case *parse.NumberNode:
		return constant(c.idealConstant(n)), true
	}
	return expr{}, false
}

func (c *compiler) notAFunction(cmd *parse.CommandNode, final *expr) {
	if len(cmd.Args) > 1 || final != nil {
		c.fail("%s: not a function", cmd)
	}
}

// idealConstant is a number as text/template reads it where any type
// would do; the compiler knows integers.
func (c *compiler) idealConstant(n *parse.NumberNode) reflect.Value {
	if !n.IsInt || strings.ContainsAny(n.Text, ".eEpP") || int64(int(n.Int64)) != n.Int64 ||
		strings.HasPrefix(n.Text, "0x") || strings.HasPrefix(n.Text, "0X") {
		c.fail("number %s", n.Text)
	}
	return reflect.ValueOf(int(n.Int64))
}

func (c *compiler) dotExpr(sc scope) expr {
	return expr{typ: sc.dot, val: func(_ *execState, dot reflect.Value) (reflect.Value, error) { return dot, nil }}
}

func (c *compiler) variable(name string, sc scope) expr {
	v := c.lookupVar(sc, name)
	slot := v.slot
	return expr{typ: v.typ, val: func(s *execState, _ reflect.Value) (reflect.Value, error) {
		return s.vars[s.base+slot], nil
	}}
}

// fieldChain compiles .A.B.C read from recv; args and final, the
// arguments of the last, must be none: the compiler knows methods without
// arguments only.
func (c *compiler) fieldChain(recv expr, idents []string, args []parse.Node, final *expr) expr {
	if len(args) > 0 || final != nil {
		c.fail("arguments to .%s", strings.Join(idents, "."))
	}
	for _, name := range idents {
		recv = c.field(recv, name)
	}
	return recv
}

// errNilPointer is text/template's "nil pointer evaluating": its message
// comes from html/template.
var errNilPointer = fmt.Errorf("%w: nil pointer", errNotCompiled)

// field compiles .name read from recv, a method or a field as
// text/template's evalField finds it.
func (c *compiler) field(recv expr, name string) expr {
	t := recv.typ
	if t == nil || t.Kind() == reflect.Interface {
		c.fail(".%s of a value of unknown type", name)
	}
	if m, ok := t.MethodByName(name); ok {
		return c.method(recv, m)
	}
	if t.Kind() != reflect.Pointer {
		if _, ok := reflect.PointerTo(t).MethodByName(name); ok {
			c.fail(".%s: a method of *%s", name, t) // found only on addressable values
		}
	}
	base, levels := t, 0
	for base.Kind() == reflect.Pointer {
		base, levels = base.Elem(), levels+1
	}
	if base.Kind() != reflect.Struct {
		c.fail(".%s of %s", name, t)
	}
	f, ok := base.FieldByName(name)
	if !ok || !f.IsExported() {
		c.fail(".%s of %s", name, t)
	}
	get := recv.val
	index := f.Index
	if base == dataType && (name == "Nav" || name == "NavHTML") {
		return c.navField(get, levels, index, name == "NavHTML")
	}
	return expr{typ: f.Type, val: func(s *execState, dot reflect.Value) (reflect.Value, error) {
		v, err := get(s, dot)
		if err != nil {
			return v, err
		}
		for range levels {
			if v.IsNil() {
				return v, errNilPointer
			}
			v = v.Elem()
		}
		if len(index) == 1 {
			return v.Field(index[0]), nil
		}
		v, err = v.FieldByIndexErr(index)
		if err != nil {
			return v, errNilPointer
		}
		return v, nil
	}}
}

var dataType = reflect.TypeFor[Data]()

// navField compiles .Nav or .NavHTML (html) of a *Data: a page whose
// navigation is shared (ShareNav) has them made when they are read, and
// {{.NavHTML}} in HTML text is written from the shared pieces.
func (c *compiler) navField(get exprFn, levels int, index []int, html bool) expr {
	if levels != 1 || len(index) != 1 {
		c.fail("navigation of a %d-fold pointer", levels)
	}
	data := func(s *execState, dot reflect.Value) (*Data, reflect.Value, error) {
		v, err := get(s, dot)
		if err != nil {
			return nil, v, err
		}
		if v.IsNil() {
			return nil, v, errNilPointer
		}
		return v.Interface().(*Data), v, nil
	}
	e := expr{typ: dataType.Field(index[0]).Type, val: func(s *execState, dot reflect.Value) (reflect.Value, error) {
		d, v, err := data(s, dot)
		if err != nil {
			return v, err
		}
		d.fillNav()
		return v.Elem().Field(index[0]), nil
	}}
	if html {
		e.writeHTML = func(s *execState, dot reflect.Value) error {
			d, _, err := data(s, dot)
			if err != nil {
				return err
			}
			d.writeNav(s.w)
			return nil
		}
	}
	return e
}

// method compiles a call of m, a method of recv's type without
// arguments; those of *Data that write lists as HTML are called directly.
func (c *compiler) method(recv expr, m reflect.Method) expr {
	mt := m.Type // with the receiver
	if mt.NumIn() != 1 || mt.NumOut() == 0 || mt.NumOut() > 2 || mt.NumOut() == 2 && mt.Out(1) != errorType || mt.Out(0) == valueType {
		c.fail("method %s", m.Name)
	}
	get := recv.val
	if f, ok := m.Func.Interface().(func(*Data) template.HTML); ok {
		str := func(s *execState, dot reflect.Value) (string, error) {
			v, err := get(s, dot)
			if err != nil {
				return "", err
			}
			return string(f(v.Interface().(*Data))), nil
		}
		e := expr{typ: htmlType, str: str, strType: contentHTML, val: boxed(str, htmlType)}
		if write := listWriters[m.Name]; write != nil {
			e.writeHTML = func(s *execState, dot reflect.Value) error {
				v, err := get(s, dot)
				if err != nil {
					return err
				}
				write(v.Interface().(*Data), s.w)
				return nil
			}
		}
		return e
	}
	index := m.Index
	return expr{typ: mt.Out(0), val: func(s *execState, dot reflect.Value) (reflect.Value, error) {
		v, err := get(s, dot)
		if err != nil {
			return v, err
		}
		out := v.Method(index).Call(nil)
		if len(out) == 2 && !out[1].IsNil() {
			return out[0], errNotCompiled // html/template words the error
		}
		return out[0], nil
	}}
}

// listWriters write what the methods of *Data of their names give
// (lists.go), into the page's buffer.
var listWriters = map[string]func(*Data, *bytes.Buffer){
	"LanguagesHTML":  (*Data).writeLanguages,
	"AlternatesHTML": (*Data).writeAlternates,
	"TOCHTML":        (*Data).writeTOC,
}

// boxed is str's string as a reflect.Value of type t.
func boxed(str strFn, t reflect.Type) exprFn {
	return func(s *execState, dot reflect.Value) (reflect.Value, error) {
		text, err := str(s, dot)
		if err != nil {
			return reflect.Value{}, err
		}
		if t == stringType {
			return reflect.ValueOf(text), nil
		}
		return reflect.ValueOf(text).Convert(t), nil
	}
}

// operand compiles an argument of a function as a value, as
// text/template's evalArg does before checking its type.
func (c *compiler) operand(n parse.Node, sc scope) (expr, bool) {
	switch n := n.(type) {
	case *parse.DotNode:
		return c.dotExpr(sc), true
	case *parse.FieldNode:
		return c.fieldChain(c.dotExpr(sc), n.Ident, nil, nil), true
	case *parse.VariableNode:
		v := c.variable(n.Ident[0], sc)
		return c.fieldChain(v, n.Ident[1:], nil, nil), true
	case *parse.PipeNode:
		if len(n.Decl) > 0 {
			c.fail("%s", n)
		}
		return c.pipeline(n, sc), true
	case *parse.IdentifierNode:
		return c.function(n.Ident, nil, nil, sc), true
	case *parse.ChainNode, *parse.NilNode:
		c.fail("%s", n)
	}
	return expr{}, false
}

// anyArg compiles an argument whose parameter has an empty interface
// type (or is a reflect.Value, for the builtins): any value will do.
func (c *compiler) anyArg(n parse.Node, sc scope) expr {
	if e, ok := c.operand(n, sc); ok {
		return e
	}
	if e, ok := c.literal(n); ok {
		return e
	}
	c.fail("%s", n)
	return expr{}
}

// typedArg compiles an argument for a parameter of type t: a literal of
// t's kind, or a value whose type is t.
func (c *compiler) typedArg(n parse.Node, t reflect.Type, sc scope) expr {
	if e, ok := c.operand(n, sc); ok {
		if e.typ != t {
			c.fail("%s for a %s", n, t)
		}
		return e
	}
	v := reflect.New(t).Elem()
	switch n := n.(type) {
	case *parse.StringNode:
		if t.Kind() != reflect.String {
			c.fail("%s for a %s", n, t)
		}
		v.SetString(n.Text)
	case *parse.NumberNode:
		if !n.IsInt || !v.CanInt() {
			c.fail("%s for a %s", n, t)
		}
		v.SetInt(n.Int64)
	case *parse.BoolNode:
		if t.Kind() != reflect.Bool {
			c.fail("%s for a %s", n, t)
		}
		v.SetBool(n.True)
	default:
		c.fail("%s for a %s", n, t)
	}
	return constant(v)
}

// callArgs are a call's arguments: those written, then final.
func callArgs(args []parse.Node, final *expr) int {
	if final != nil {
		return len(args) + 1
	}
	return len(args)
}

// arg compiles argument i of a call for a parameter of type t (nil: any).
func (c *compiler) arg(args []parse.Node, final *expr, i int, t reflect.Type, sc scope) expr {
	if i == len(args) {
		if t != nil && final.typ != t {
			c.fail("a %s for a %s", final.typ, t)
		}
		return *final
	}
	if t == nil {
		return c.anyArg(args[i], sc)
	}
	return c.typedArg(args[i], t, sc)
}

// toAny is v as a function with a parameter of type any receives it.
func toAny(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	if v.Type() == intType {
		return int(v.Int()) // not copied to the heap when small, unlike v.Interface()
	}
	a := v.Interface()
	if d, ok := a.(*Data); ok && d != nil {
		d.fillNav() // whatever the function reads of it
	}
	return a
}

var intType = reflect.TypeFor[int]()

// function compiles a call of the function name.
func (c *compiler) function(name string, args []parse.Node, final *expr, sc scope) expr {
	n := callArgs(args, final)
	if fn, ok := c.funcs[name]; ok {
		return c.themeFunction(name, fn, args, final, sc)
	}
	var ops []expr
	for i := range n {
		ops = append(ops, c.arg(args, final, i, nil, sc))
	}
	switch name {
	case "and", "or":
		if n == 0 {
			c.fail("%s without arguments", name)
		}
		return andOr(name == "or", ops, final != nil)
	case "not":
		if n != 1 {
			c.fail("not with %d arguments", n)
		}
		get := ops[0].val
		return expr{typ: reflect.TypeFor[bool](), val: func(s *execState, dot reflect.Value) (reflect.Value, error) {
			v, err := get(s, dot)
			return reflect.ValueOf(!truth(v)), err
		}}
	case "len":
		if n != 1 {
			c.fail("len with %d arguments", n)
		}
		get := ops[0].val
		return expr{typ: intType, val: func(s *execState, dot reflect.Value) (reflect.Value, error) {
			v, err := get(s, dot)
			if err != nil {
				return v, err
			}
			for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
				if v.IsNil() {
					return v, errNotCompiled
				}
				v = v.Elem()
			}
			switch v.Kind() {
			case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
				return reflect.ValueOf(v.Len()), nil
			}
			return v, errNotCompiled
		}}
	case "eq":
		if n < 2 {
			c.fail("eq with %d arguments", n)
		}
		if n == 2 {
			return boolCall(ops, equal)
		}
		vals := make([]exprFn, n)
		for i, op := range ops {
			vals[i] = op.val
		}
		return expr{typ: reflect.TypeFor[bool](), val: func(s *execState, dot reflect.Value) (reflect.Value, error) {
			args := make([]reflect.Value, len(vals))
			for i, val := range vals {
				var err error
				if args[i], err = val(s, dot); err != nil {
					return args[i], err
				}
			}
			for _, w := range args[1:] {
				if eq, err := equal(args[0], w); err != nil || eq {
					return reflect.ValueOf(eq), err
				}
			}
			return reflect.ValueOf(false), nil
		}}
	case "ne", "lt", "le", "gt", "ge":
		if n != 2 {
			c.fail("%s with %d arguments", name, n)
		}
		return boolCall(ops, comparisons[name])
	}
	c.fail("function %s", name)
	return expr{}
}

// andOr is text/template's and and or: the first operand that decides,
// or the last; those after the one that decides are not evaluated.
// The value of the pipeline (final) was evaluated before the others.
func andOr(or bool, ops []expr, final bool) expr {
	vals := make([]exprFn, len(ops))
	for i, op := range ops {
		vals[i] = op.val
	}
	return expr{typ: nil, val: func(s *execState, dot reflect.Value) (reflect.Value, error) {
		var fv reflect.Value
		written := vals
		if final {
			var err error
			if fv, err = vals[len(vals)-1](s, dot); err != nil {
				return fv, err
			}
			written = vals[:len(vals)-1]
		}
		var v reflect.Value
		for _, val := range written {
			var err error
			if v, err = val(s, dot); err != nil {
				return v, err
			}
			if truth(v) == or {
				return v, nil
			}
		}
		if final {
			return fv, nil
		}
		return v, nil
	}}
}

// boolCall evaluates the two operands of a comparison in order and gives
// f of their values.
func boolCall(ops []expr, f func(a, b reflect.Value) (bool, error)) expr {
	first, second := ops[0].val, ops[1].val
	return expr{typ: reflect.TypeFor[bool](), val: func(s *execState, dot reflect.Value) (reflect.Value, error) {
		a, err := first(s, dot)
		if err != nil {
			return a, err
		}
		b, err := second(s, dot)
		if err != nil {
			return b, err
		}
		r, err := f(a, b)
		return reflect.ValueOf(r), err
	}}
}

// truth is text/template's truth of a value, that of the value in an
// interface: if, with, and, or and not all read it so.
func truth(v reflect.Value) bool {
	t, _ := isTrue(v)
	return t
}

// isTrue is text/template's isTrue, after indirectInterface.
func isTrue(v reflect.Value) (truth, ok bool) {
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return false, true
		}
		v = v.Elem()
	}
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0, true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !v.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}

// basic is a value's kind as text/template's comparisons read it: the
// compiler compares booleans, integers, strings and floats; anything else
// is left to html/template.
type basic uint8

const (
	otherBasic basic = iota
	boolBasic
	intBasic
	uintBasic
	floatBasic
	stringBasic
)

func basicOf(v reflect.Value) (reflect.Value, basic) {
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Bool:
		return v, boolBasic
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v, intBasic
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v, uintBasic
	case reflect.Float32, reflect.Float64:
		return v, floatBasic
	case reflect.String:
		return v, stringBasic
	}
	return v, otherBasic
}

// compare is text/template's eq and lt of two values of basic kinds;
// other values, and values of kinds it would not compare, are
// errNotCompiled.
func compare(a, b reflect.Value) (eq, lt bool, err error) {
	a, ka := basicOf(a)
	b, kb := basicOf(b)
	if ka == otherBasic || kb == otherBasic {
		return false, false, errNotCompiled
	}
	if ka != kb {
		switch {
		case ka == intBasic && kb == uintBasic:
			return a.Int() >= 0 && uint64(a.Int()) == b.Uint(), a.Int() < 0 || uint64(a.Int()) < b.Uint(), nil
		case ka == uintBasic && kb == intBasic:
			return b.Int() >= 0 && a.Uint() == uint64(b.Int()), b.Int() >= 0 && a.Uint() < uint64(b.Int()), nil
		}
		return false, false, errNotCompiled
	}
	switch ka {
	case boolBasic:
		return a.Bool() == b.Bool(), false, nil
	case intBasic:
		return a.Int() == b.Int(), a.Int() < b.Int(), nil
	case uintBasic:
		return a.Uint() == b.Uint(), a.Uint() < b.Uint(), nil
	case floatBasic:
		return a.Float() == b.Float(), a.Float() < b.Float(), nil
	}
	return a.String() == b.String(), a.String() < b.String(), nil
}

func equal(a, b reflect.Value) (bool, error) {
	eq, _, err := compare(a, b)
	return eq, err
}

// ordered is compare for lt, le, gt and ge, which text/template refuses
// for booleans.
func ordered(a, b reflect.Value) (eq, lt bool, err error) {
	if _, k := basicOf(a); k == boolBasic {
		return false, false, errNotCompiled
	}
	return compare(a, b)
}

var comparisons = map[string]func(a, b reflect.Value) (bool, error){
	"ne": func(a, b reflect.Value) (bool, error) {
		eq, err := equal(a, b)
		return !eq, err
	},
	"lt": func(a, b reflect.Value) (bool, error) {
		_, lt, err := ordered(a, b)
		return lt, err
	},
	"le": func(a, b reflect.Value) (bool, error) {
		eq, lt, err := ordered(a, b)
		return lt || eq, err
	},
	"gt": func(a, b reflect.Value) (bool, error) {
		eq, lt, err := ordered(a, b)
		return !lt && !eq, err
	},
	"ge": func(a, b reflect.Value) (bool, error) {
		_, lt, err := ordered(a, b)
		return !lt, err
	},
}

// themeFunction compiles a call of one of templateFuncs by its type.
func (c *compiler) themeFunction(name string, fn any, args []parse.Node, final *expr, sc scope) expr {
	n := callArgs(args, final)
	arg := func(i int, t reflect.Type) exprFn { return c.arg(args, final, i, t, sc).val }
	stringResult := func(str strFn) expr {
		return expr{typ: stringType, str: str, strType: contentPlain, val: boxed(str, stringType)}
	}
	switch f := fn.(type) {
	case func(string, ...any) string: // T
		if n < 1 {
			c.fail("%s without arguments", name)
		}
		key := arg(0, stringType)
		rest := make([]exprFn, n-1)
		for i := range rest {
			rest[i] = arg(i+1, nil)
		}
		return stringResult(func(s *execState, dot reflect.Value) (string, error) {
			k, err := key(s, dot)
			if err != nil {
				return "", err
			}
			var vals []any
			if len(rest) > 0 {
				vals = make([]any, len(rest))
				for i, get := range rest {
					v, err := get(s, dot)
					if err != nil {
						return "", err
					}
					vals[i] = toAny(v)
				}
			}
			return f(k.String(), vals...), nil
		})
	case func(*Data, string) string: // rel
		if n != 2 {
			c.fail("%s with %d arguments", name, n)
		}
		d, target := arg(0, reflect.TypeFor[*Data]()), arg(1, stringType)
		return stringResult(func(s *execState, dot reflect.Value) (string, error) {
			dv, err := d(s, dot)
			if err != nil {
				return "", err
			}
			tv, err := target(s, dot)
			if err != nil {
				return "", err
			}
			return f(dv.Interface().(*Data), tv.String()), nil
		})
	case func(time.Time) string: // dateFormat
		if n != 1 {
			c.fail("%s with %d arguments", name, n)
		}
		tm := arg(0, reflect.TypeFor[time.Time]())
		return stringResult(func(s *execState, dot reflect.Value) (string, error) {
			v, err := tm(s, dot)
			if err != nil {
				return "", err
			}
			return f(v.Interface().(time.Time)), nil
		})
	case func(any) string: // number
		if n != 1 {
			c.fail("%s with %d arguments", name, n)
		}
		x := arg(0, nil)
		return stringResult(func(s *execState, dot reflect.Value) (string, error) {
			v, err := x(s, dot)
			if err != nil {
				return "", err
			}
			return f(toAny(v)), nil
		})
	case func() string: // numbering
		if n != 0 {
			c.fail("%s with %d arguments", name, n)
		}
		return stringResult(func(*execState, reflect.Value) (string, error) { return f(), nil })
	case func(int, int) int: // add
		if n != 2 {
			c.fail("%s with %d arguments", name, n)
		}
		a, b := arg(0, intType), arg(1, intType)
		return expr{typ: intType, val: func(s *execState, dot reflect.Value) (reflect.Value, error) {
			av, err := a(s, dot)
			if err != nil {
				return av, err
			}
			bv, err := b(s, dot)
			if err != nil {
				return bv, err
			}
			return reflect.ValueOf(f(int(av.Int()), int(bv.Int()))), nil
		}}
	case func([]string, string) string: // join
		if n != 2 {
			c.fail("%s with %d arguments", name, n)
		}
		list, sep := arg(0, reflect.TypeFor[[]string]()), arg(1, stringType)
		return stringResult(func(s *execState, dot reflect.Value) (string, error) {
			lv, err := list(s, dot)
			if err != nil {
				return "", err
			}
			sv, err := sep(s, dot)
			if err != nil {
				return "", err
			}
			return f(lv.Interface().([]string), sv.String()), nil
		})
	}
	c.fail("function %s of type %T", name, fn)
	return expr{}
}

// branch compiles if and with: with sets dot to the value.
func (c *compiler) branch(b *parse.BranchNode, sc scope, with bool) nodeFn {
	e := c.pipeline(b.Pipe, sc)
	slot := -1
	if len(b.Pipe.Decl) > 0 {
		if b.Pipe.IsAssign || len(b.Pipe.Decl) != 1 || len(b.Pipe.Decl[0].Ident) != 1 {
			c.fail("%s", b.Pipe)
		}
		sc, slot = sc.declare(b.Pipe.Decl[0].Ident[0], e.typ)
	}
	thenScope := sc
	if with {
		thenScope = sc.withDot(e.typ)
	}
	then, otherwise := c.list(b.List, thenScope), c.list(b.ElseList, sc)
	cond := e.val
	return func(s *execState, dot reflect.Value) error {
		v, err := cond(s, dot)
		if err != nil {
			return err
		}
		if slot >= 0 {
			s.vars[s.base+slot] = v
		}
		t, ok := isTrue(v)
		switch {
		case !ok:
			return errNotCompiled
		case !t:
			return otherwise(s, dot)
		case with:
			return then(s, v)
		}
		return then(s, dot)
	}
}

// rangeNode compiles range over a slice or an array.
func (c *compiler) rangeNode(r *parse.RangeNode, sc scope) nodeFn {
	p := r.Pipe
	if p.IsAssign || len(p.Decl) > 2 || len(p.Decl) > 0 && r.ElseList != nil {
		c.fail("%s", r)
	}
	e := c.pipeline(p, sc)
	t := e.typ
	if t == nil {
		c.fail("range over a value of unknown type")
	}
	levels := 0
	for t.Kind() == reflect.Pointer {
		t, levels = t.Elem(), levels+1
	}
	if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
		c.fail("range over %s", e.typ)
	}
	for _, d := range p.Decl {
		if len(d.Ident) != 1 {
			c.fail("%s", r)
		}
	}
	// As text/template: one variable is the element; of two, the first
	// is the index.
	indexSlot, elemSlot := -1, -1
	body := sc
	switch len(p.Decl) {
	case 1:
		body, elemSlot = body.declare(p.Decl[0].Ident[0], t.Elem())
	case 2:
		body, indexSlot = body.declare(p.Decl[0].Ident[0], intType)
		body, elemSlot = body.declare(p.Decl[1].Ident[0], t.Elem())
	}
	each, otherwise := c.list(r.List, body.withDot(t.Elem())), c.list(r.ElseList, sc)
	get := e.val
	return func(s *execState, dot reflect.Value) error {
		v, err := get(s, dot)
		if err != nil {
			return err
		}
		for range levels {
			if v.IsNil() {
				return errNotCompiled // "range can't iterate over <nil>"
			}
			v = v.Elem()
		}
		n := v.Len()
		if n == 0 {
			return otherwise(s, dot)
		}
		for i := range n {
			elem := v.Index(i)
			if elemSlot >= 0 {
				s.vars[s.base+elemSlot] = elem
			}
			if indexSlot >= 0 {
				s.vars[s.base+indexSlot] = reflect.ValueOf(i)
			}
			if err := each(s, elem); err != nil {
				return err
			}
		}
		return nil
	}
}

// templateCall compiles {{template "name" pipeline}} (and block).
func (c *compiler) templateCall(t *parse.TemplateNode, sc scope) nodeFn {
	if t.Pipe == nil || len(t.Pipe.Decl) > 0 {
		c.fail("%s", t)
	}
	e := c.pipeline(t.Pipe, sc)
	if e.typ == nil {
		c.fail("%s: a value of unknown type", t)
	}
	callee := c.template(t.Name, e.typ)
	get := e.val
	return func(s *execState, dot reflect.Value) error {
		v, err := get(s, dot)
		if err != nil {
			return err
		}
		return s.call(callee, v)
	}
}
