package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// jsFile is the browser side of search, the production tokenizer and ranker.
var jsFile = filepath.Join("..", "..", "layouts", "assets", "lazy", "search-engine.js")

// nodePath finds node, or skips the test: the parity tests need it, the
// rest of the package does not.
func nodePath(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the Go/JS parity tests need it")
	}
	return path
}

type jsTokens struct {
	Tokens  [][]string `json:"tokens"`
	Queries [][]struct {
		Text   string   `json:"text"`
		Prefix bool     `json:"prefix"`
		Alts   []string `json:"alts"`
	} `json:"queries"`
}

// runNode runs testdata/script on the browser's search code with in as
// JSON on stdin, and decodes its JSON answer into out.
func runNode(t *testing.T, script string, in, out any) {
	t.Helper()
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nodePath(t), filepath.Join("testdata", script), jsFile)
	cmd.Stdin = bytes.NewReader(data)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	answer, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	if err := json.Unmarshal(answer, out); err != nil {
		t.Fatalf("decoding node's output: %v", err)
	}
}

// runJSTokenizer tokenizes every input with the JS tokenizer of lang in
// node, and reads each as a query.
func runJSTokenizer(t *testing.T, lang string, inputs []string) jsTokens {
	t.Helper()
	var result jsTokens
	in := struct {
		Lang  string   `json:"lang"`
		Texts []string `json:"texts"`
	}{lang, inputs}
	runNode(t, "tokenize.js", in, &result)
	if len(result.Tokens) != len(inputs) || len(result.Queries) != len(inputs) {
		t.Fatalf("node answered %d/%d results for %d inputs", len(result.Tokens), len(result.Queries), len(inputs))
	}
	return result
}

// parityTable is text of every language the course is written in, with the
// punctuation, digits and mixed scripts that real lessons have.
var parityTable = []string{
	// en
	"Identifying victims of trafficking: first-line support (e.g. a 3-step plan).",
	"Don't ask \"why didn't you leave?\" — ask what happened, 24/7, at 9:30.",
	"Version 1.2.3, 3.14, 1,000,000 officers; H2O, COVID-19, file_name.md, user@example.org",
	"https://example.org/path?q=1#frag and www.example.com",
	"Tabs\tand\nnew lines\r\nand  double  spaces",
	"TRAFFICKING Trafficking trafficking",
	// fr
	"L'identification des victimes d’exploitation : qu'il s'agisse d'un entretien…",
	"Élève, naïve, cœur, Noël, ÇA, « guillemets », l’État",
	"Attention\u00a0: la traite des êtres humains n'est pas le trafic de migrants !",
	"Vingt-et-un ans, aujourd'hui, presqu'île",
	// de
	"Straße, STRASSE, Größe, Übergriffe, Ärztin, Öffentlichkeit",
	"Menschenhandel-Opfer erkennen: Schritt-für-Schritt (z.B. §232 StGB).",
	// ru
	"Выявление жертв торговли людьми: первичная поддержка.",
	"Ёлка, ёж, ЕЛЬ, йод, Йошкар-Ола, мой, мои, объём",
	"В 2023 г. — 1 234 случая; «кавычки» и т.д.",
	// zh
	"识别人口贩卖受害者并提供初步支持。",
	"人口贩卖（human trafficking）是一种严重犯罪，第3条规定：",
	"受害者、证人和官员",
	"繁體中文：辨識人口販運被害人",
	// ja
	"人身取引の被害者を特定し、初期支援を提供する。",
	"トラフィッキング・パーソンズ・レポート2024年版",
	"ひらがなとカタカナとｶﾀｶﾅ、ガギグゲゴ、パピプペポ、ｶﾞｲﾄﾞ",
	"ＡＢＣ１２３と全角英数字",
	// ko
	"인신매매 피해자를 식별하고 초기 지원을 제공합니다.",
	"영사관 직원을 위한 교육 (2024년)",
	"한국어abc와 123숫자",
	// ar
	"تحديد ضحايا الاتجار بالبشر وتقديم الدعم الأولي.",
	"الضَّحِيَّة، أُمّ، إِسلام، آمن، ٱلله، مدرسة، على، مستشفـــى",
	"المادة ٣ من البروتوكول (٢٠٠٠)، والمادة 5",
	"الإتجار بالبشر جريمة: «تجنيد» الأشخاص",
	// mixed scripts and edge cases
	"English, Français, Русский, 中文, 日本語, 한국어, العربية in one line",
	"abc中文def",
	"emoji 👩‍⚕️ doctor 🇫🇷 flag ✅ done",
	"soft\u00adhyphen zero\u200bwidth joiner\u200dhere rtl\u200fmark",
	"e\u0301cole de\u0301compose\u0301e",
	"ﬁnancial ﬂow Ⅳ ① ½ ㎏",
	"שלום עולם, צה\"ל",
	"ภาษาไทย ไม่มีช่องว่าง",
	"हिन्दी में पाठ",
	"'quoted' ''double'' 'x",
	"...",
	"",
	"   ",
	"a",
	"中",
	"trafficking ",
	"traff",
}

// parityStems are words that the light stemming (stem.go) folds, or must
// leave alone, in each language that has rules, read as the index and as
// queries (typed, and finished with a space).
var parityStems = map[string][]string{
	"en": {
		"victims victim Victims' interviews countries country policies agencies ties lies dies series species",
		"witnesses approaches boxes wishes processes indicators NGOs visas IDs axes taxes shes aies",
		"is this his access bus us US status analysis crisis basis was has its yes news customs always does goes",
		"Palermo Protocol's officer's 1990s e.g. naïve cafés",
		"victims", "victims ", "countries", "countries ", "access", "bus ", "trafficked victims interviews",
	},
	"fr": {
		"indicateurs indicateur victimes entretiens travaux travail journaux bureaux lieux genoux",
		"pays fois sous dans prix cours cour temps choix deux mieux stress abus",
		"Les droits des employées, l'État et les êtres humains",
		"indicateurs", "indicateurs ", "travaux ", "entretiens",
	},
	"ar": {
		"بتأشيرة لضحايا وضحايا كضحية فالضحية للضحايا والضحايا بالوثائق",
		"وبالتأشيرة ولمنظمة فبموجب وللمخاطر بسيط وسيط بيانات كانت فيها واحد بعد كما ومن في",
		"بتأشيرة", "بتأشيرة ", "لضحايا", "كانت ", "ومن", "وبالتأشيرة ",
	},
	"de": {"Opfer victims indicateurs"},
}

func TestTokenizeParityWithJS(t *testing.T) {
	type input struct{ lang, text string }
	var inputs []input
	for _, s := range parityTable {
		inputs = append(inputs, input{"en", s}, input{"und", s})
	}
	for _, lang := range slices.Sorted(maps.Keys(parityStems)) {
		for _, s := range parityStems[lang] {
			inputs = append(inputs, input{lang, s})
		}
	}
	byLang := map[string][]int{}
	for i, in := range inputs {
		byLang[in.lang] = append(byLang[in.lang], i)
	}
	for lang, indexes := range byLang {
		var texts []string
		for _, i := range indexes {
			texts = append(texts, inputs[i].text)
		}
		js := runJSTokenizer(t, lang, texts)
		for k, s := range texts {
			goTokens := Tokenize(lang, s)
			if !slices.Equal(goTokens, js.Tokens[k]) && !(len(goTokens) == 0 && len(js.Tokens[k]) == 0) {
				t.Errorf("Tokenize(%s, %q):\n Go: %q\n JS: %q", lang, s, goTokens, js.Tokens[k])
			}
			var jsQuery []queryTerm
			for _, q := range js.Queries[k] {
				jsQuery = append(jsQuery, queryTerm{text: q.Text, prefix: q.Prefix, alts: q.Alts})
			}
			if goQuery := queryTerms(lang, s); termsString(goQuery) != termsString(jsQuery) {
				t.Errorf("queryTerms(%s, %q):\n Go: %s\n JS: %s", lang, s, termsString(goQuery), termsString(jsQuery))
			}
		}
	}
}

// TestTokenizeParityEveryCodePoint puts every assigned code point of the
// Basic and Supplementary Multilingual Planes (and a sample of the
// ideographic ones) between letters, digits and ideographs, and checks that
// Go and JS cut and fold it the same way. It is what keeps the JS word-break
// classes, written as Unicode property regexps, in line with uniseg's tables.
// Characters Go does not know (assigned after Unicode 15.0, which node
// may know) are left out: they cannot be in an index Go built.
func TestTokenizeParityEveryCodePoint(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: about half a million strings")
	}
	// Under -race (as CI runs), which slows the Go side tenfold and has
	// nothing to find in one goroutine, check the Basic Multilingual Plane
	// without its big uniform blocks of ideographs and hangul syllables.
	reduced := func(r rune) bool {
		return r >= 0x10000 || (0x3400 <= r && r <= 0x9FFF) || (0xAC00 <= r && r <= 0xD7A3)
	}
	var inputs []string
	var codePoints []rune
	for r := rune(0); r <= 0x3FFFF; r++ {
		if r >= 0x20000 && r%61 != 0 || raceEnabled && reduced(r) && r%61 != 0 {
			continue
		}
		if !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Cc, unicode.Cf) {
			continue
		}
		c := string(r)
		codePoints = append(codePoints, r)
		inputs = append(inputs, "ab"+c+"cd", "12"+c+"34", "人"+c+"口", c+"x"+c)
	}
	js := runJSTokenizer(t, "en", inputs)
	failures := 0
	var failed []string
	for i, s := range inputs {
		goTokens := Tokenize("en", s)
		if slices.Equal(goTokens, js.Tokens[i]) || (len(goTokens) == 0 && len(js.Tokens[i]) == 0) {
			continue
		}
		failures++
		if r := codePoints[i/4]; len(failed) == 0 || failed[len(failed)-1] != fmt.Sprintf("U+%04X", r) {
			failed = append(failed, fmt.Sprintf("U+%04X", r))
		}
		if failures <= 20 {
			r := codePoints[i/4]
			t.Errorf("U+%04X %s: Tokenize(%q): Go %q, JS %q", r, categoryOf(r), s, goTokens, js.Tokens[i])
		}
	}
	if failures > 20 {
		t.Errorf("... %d failures in all, at %s", failures, strings.Join(failed, " "))
	}
}

func categoryOf(r rune) string {
	var names []string
	for name, table := range unicode.Categories {
		if len(name) == 2 && unicode.Is(table, r) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return strings.Join(names, ",")
}
