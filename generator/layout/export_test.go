package layout

import (
	"bytes"
	"html/template"
)

// CheckCompiled makes Execute give f every page the compiled templates
// rendered (compiled) with what html/template renders for it (want), and
// the error, if any, that had the page rendered by html/template. f may
// be called from several goroutines. The returned function undoes it.
func CheckCompiled(f func(kind string, compiled, want []byte, compiledErr, wantErr error)) (undo func()) {
	was := checkCompiled
	checkCompiled = func(t *template.Template, data *Data, compiled []byte, err error) {
		var want bytes.Buffer
		wantErr := t.Execute(&want, data)
		f(data.Kind, compiled, want.Bytes(), err, wantErr)
	}
	return func() { checkCompiled = was }
}
