package blocks

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/layouts"
	"github.com/goccy/go-yaml"
)

// Every UI string the blocks use is translated in every language of the
// theme, keeps its placeholders, and is a plain string (the scripts fill
// {done} and {total} themselves, so no plural form is involved).
func TestLabelsTranslatedInTheme(t *testing.T) {
	for _, lang := range []string{"en", "fr", "es", "de", "it", "pt", "ru", "zh", "ar"} {
		data, err := fs.ReadFile(layouts.FS, "i18n/"+lang+".yaml")
		if err != nil {
			t.Fatal(err)
		}
		var strs map[string]any
		if err := yaml.Unmarshal(data, &strs); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		for key, english := range Labels {
			s, ok := strs[key].(string)
			if !ok || strings.TrimSpace(s) == "" {
				t.Errorf("%s.yaml: %s is missing or not a string", lang, key)
				continue
			}
			for _, ph := range []string{"{done}", "{total}"} {
				if strings.Contains(english, ph) && !strings.Contains(s, ph) {
					t.Errorf("%s.yaml: %s lost the placeholder %s: %q", lang, key, ph, s)
				}
			}
		}
	}
}
