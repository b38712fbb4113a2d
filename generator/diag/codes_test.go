package diag

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// passThrough are the places where a diagnostic's code is not a string
// literal but a value handed on, each with the rule of codeSources that
// reads the literals it carries: file (from the repository's top folder)
// and the expression as written.
var passThrough = map[string]string{
	"generator/mdctx/mdctx.go: code":        "Report's third argument",
	"generator/bundle/collect.go: code":     "a function's result named code",
	"generator/bundle/selfcheck.go: p.Code": "Problem's Code",
}

// codeSources reads every non-test Go file under generator/ and cmd/ and
// returns each diagnostic code it can set, with where, and the places
// that set a code in a way this test cannot read.
//
// A code is set in one of these ways:
//   - `Code: "…"` in a diag.Diagnostic or bundle.Problem literal;
//   - the third argument of a call to Report (mdctx.Doc.Report);
//   - a string returned as the first result of a function whose results
//     start with (code, reason string): the bundle's self-check verdicts.
func codeSources(t *testing.T) (codes map[string]string, unreadable []string) {
	t.Helper()
	codes = map[string]string{}
	top := filepath.Join("..", "..")
	fset := token.NewFileSet()
	for _, dir := range []string{"generator", "cmd"} {
		err := filepath.WalkDir(filepath.Join(top, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(top, path)
			rel = filepath.ToSlash(rel)
			record := func(e ast.Expr, rule string) {
				if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, _ := strconv.Unquote(lit.Value)
					if s != "" {
						codes[s] = fset.Position(lit.Pos()).String()
					}
					return
				}
				where := rel + ": " + exprString(fset, e)
				if _, ok := passThrough[where]; !ok {
					unreadable = append(unreadable, fset.Position(e.Pos()).String()+": "+rule+" is "+exprString(fset, e))
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CompositeLit:
					if n.Type != nil {
						codeLiterals(n, n.Type, record)
					}
				case *ast.CallExpr:
					if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Report" && len(n.Args) == 5 {
						record(n.Args[2], "Report's code")
					}
				case *ast.FuncDecl:
					if namedCode(n.Type) && n.Body != nil {
						ast.Inspect(n.Body, func(m ast.Node) bool {
							switch m := m.(type) {
							case *ast.FuncLit:
								return false
							case *ast.ReturnStmt:
								// A result named code passes on a verdict
								// that is read where it is made.
								if id, ok := m.Results[0].(*ast.Ident); len(m.Results) > 1 && !(ok && id.Name == "code") {
									record(m.Results[0], "a returned code")
								}
							}
							return true
						})
					}
				case *ast.AssignStmt:
					for _, lhs := range n.Lhs {
						if sel, ok := lhs.(*ast.SelectorExpr); ok && sel.Sel.Name == "Code" && len(n.Rhs) == len(n.Lhs) {
							unreadable = append(unreadable, fset.Position(n.Pos()).String()+": Code assigned")
						}
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return codes, unreadable
}

// codeLiterals records the Code of a composite literal of type typ (the
// literal's own, or its container's element type when elided), and of
// the literals inside it whose type is elided (ast.Inspect visits the
// others on its own).
func codeLiterals(lit *ast.CompositeLit, typ ast.Expr, record func(ast.Expr, string)) {
	if lit.Type != nil {
		typ = lit.Type
	}
	elem := typ
	switch tt := typ.(type) {
	case *ast.ArrayType:
		elem = tt.Elt
	case *ast.MapType:
		elem = tt.Value
	}
	if star, ok := elem.(*ast.StarExpr); ok {
		elem = star.X
	}
	for _, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "Code" && carriesCode(typ) {
				record(kv.Value, "Code")
			}
			e = kv.Value
		}
		if inner, ok := e.(*ast.CompositeLit); ok && inner.Type == nil {
			codeLiterals(inner, elem, record)
		}
	}
}

// carriesCode reports whether typ is diag.Diagnostic or bundle.Problem.
func carriesCode(typ ast.Expr) bool {
	name := ""
	switch tt := typ.(type) {
	case *ast.Ident:
		name = tt.Name
	case *ast.SelectorExpr:
		name = tt.Sel.Name
	}
	return name == "Diagnostic" || name == "Problem"
}

// namedCode reports whether a function's results start with (code,
// reason string): a verdict of the bundle's self-check.
func namedCode(ft *ast.FuncType) bool {
	var names []string
	if ft.Results != nil {
		for _, f := range ft.Results.List {
			for _, n := range f.Names {
				names = append(names, n.Name)
			}
		}
	}
	return len(names) >= 2 && names[0] == "code" && names[1] == "reason"
}

func exprString(fset *token.FileSet, e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return exprString(fset, e.X) + "." + e.Sel.Name
	}
	return fset.Position(e.Pos()).String()
}

// TestCodesComplete: every code the source sets is in Codes, and every
// code of Codes is set somewhere, so that --allow accepts exactly the
// codes a course can see.
func TestCodesComplete(t *testing.T) {
	used, unreadable := codeSources(t)
	for _, u := range unreadable {
		t.Errorf("%s: a code set in a way this test cannot read; use a string literal, or teach codeSources where it comes from", u)
	}
	if len(used) < 20 {
		t.Fatalf("found only %d codes in the source: is the scan broken?", len(used))
	}
	for code, where := range used {
		if !Known(code) {
			t.Errorf("%s: code %q is not in diag's list of codes (codes.go)", where, code)
		}
	}
	for _, code := range Codes() {
		if _, ok := used[code]; !ok {
			t.Errorf("code %q is in diag's list of codes but nothing sets it", code)
		}
	}
	if !slices.IsSorted(Codes()) {
		t.Error("Codes is not sorted")
	}
}
