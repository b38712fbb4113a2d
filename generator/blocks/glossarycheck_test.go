package blocks

import (
	"fmt"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/diag"
)

// A glossary written otherwise than as a definition list has no terms,
// and says nothing: the page shows a list, and no lesson links to it.
// CheckGlossary says where, and how to write it.
func TestCheckGlossary(t *testing.T) {
	const noTerms = "glossary.md defines no terms: write each term on its own line, then its definition on the next line starting with `: `"
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"a definition list", glossarySource, nil},
		{"a list of bold terms", "# Glossary\n\n- **Case scenario**: A short, fictional situation.\n- **Trainer note**: Guidance for the person leading a session.\n", []string{
			"3:3: " + noTerms + " (this line holds a term and its definition: write `Case scenario` alone on a line, then `: A short, fictional situation.` on the next)",
		}},
		{"bold with its colon, as paragraphs", "**Debt bondage:** Work demanded as repayment of a debt that can never be repaid, whatever is paid.\n\n**Victim:** A person.\n", []string{
			"1:1: " + noTerms + " (this line holds a term and its definition: write `Debt bondage` alone on a line, then `: Work demanded as repayment of a debt…` on the next)",
		}},
		{"nothing like a term", "Terms will follow.\n\n- **Bold** words alone\n", []string{
			"0:0: " + noTerms + " (for example, a line `Case scenario`, then a line `: A short, fictional situation.`)",
		}},
		{"empty", "", []string{"0:0: " + noTerms + " (for example, a line `Case scenario`, then a line `: A short, fictional situation.`)"}},
		{"only in trainer notes", "::: trainer\nSecret term\n: Only trainers see this.\n:::\n", nil},
		// One term lost among others: said wherever it is, the others
		// kept; a bold paragraph beside real terms is the page's own text.
		{"a colon without its space", "**Note:** terms in bold are legal ones.\n\nCase scenario\n:A short, fictional situation.\n\nTrainer note\n: Guidance.\n\n人口贩运\n：以剥削为目的招募、运送人员。\n\n::: trainer\nOnly for trainers.\n:::\n", []string{
			"4:1: this line is meant as a glossary definition, but a definition starts with a colon and a space, so the term above it is not in the glossary (put a space after the colon: `: A short, fictional situation.`)",
			"10:1: this line is meant as a glossary definition, but it starts with the wide colon ：, so the term above it is not in the glossary (write the colon as : followed by a space: `: 以剥削为目的招募、运送人员。`)",
		}},
		{"in code", "Term\n: Definition.\n\n```\nTerm\n:Definition\n```\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			src := []byte(tc.src)
			CheckGlossary(src, func(off int, msg, hint string) {
				line, col := 0, 0
				if off >= 0 {
					line, col = diag.Position(src, off)
				}
				got = append(got, fmt.Sprintf("%d:%d: %s (%s)", line, col, msg, hint))
			})
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
