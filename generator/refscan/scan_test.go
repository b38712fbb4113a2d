package refscan

import (
	"fmt"
	"slices"
	"testing"
)

func refURLs(refs []Ref) []string {
	var urls []string
	for _, r := range refs {
		urls = append(urls, fmt.Sprintf("%s:%s", kindName(r.Kind), r.URL))
	}
	return urls
}

func kindName(k Kind) string {
	return [...]string{"res", "link", "rel", "base", "req", "sub"}[k]
}

func TestScanMarkup(t *testing.T) {
	tests := []struct {
		name string
		html string
		want []string
	}{
		{"quoting styles", `<img src=a.png><img src='b.png'><img src="c.png"><img SRC = "d.png" >`,
			[]string{"res:a.png", "res:b.png", "res:c.png", "res:d.png"}},
		{"names in any case", `<IMG Src=a.png><Link REL=StyleSheet HREF=b.css><svg viewBox="0 0 1 1"><Use xlink:HREF=c.svg#i></svg><STYLE>x{background:url(d.png)}</Style>`,
			[]string{"res:a.png", "res:b.css", "res:c.svg#i", "res:d.png"}},
		{"character references", `<a href="a.html?x=1&amp;y=2">x</a><img src="&#x2F;abs.png">`,
			[]string{"link:a.html?x=1&y=2", "res:/abs.png"}},
		{"first duplicate attribute wins", `<img src="a.png" src="b.png">`, []string{"res:a.png"}},
		{"first duplicate wins among many attributes", `<img a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 a13 a14 a15 a16 src="a.png" a17 src="b.png" a1="x">`,
			[]string{"res:a.png"}},
		{"a duplicate of an early attribute after many", `<img src="a.png" a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 a13 a14 a15 a16 a17 src="b.png">`,
			[]string{"res:a.png"}},
		{"attribute names are not values", `<img alt="src=x.png" data-src="y.png" src="z.png">`, []string{"res:z.png"}},
		{"'>' inside a quoted value", `<img alt="a > b" src="z.png">`, []string{"res:z.png"}},
		{"comments", `<!-- <img src="x.png"> --><!--><img src="a.png"><!---><img src="b.png"><!-- x --!><img src="c.png">`,
			[]string{"res:a.png", "res:b.png", "res:c.png"}},
		{"comment ending in three dashes", `<!-- x ---><img src="a.png"><!-- -- <img src="y.png"> -- --><img src="b.png">`,
			[]string{"res:a.png", "res:b.png"}},
		{"doctype and processing instruction", `<!DOCTYPE html><?xml version="1.0"?><img src="a.png">`, []string{"res:a.png"}},
		{"end tags are not elements", `</img src="x.png"><img src="a.png">`, []string{"res:a.png"}},
		{"raw text elements", `<title><img src="t.png"></title><textarea><img src="x.png"></TEXTAREA><img src="a.png">`,
			[]string{"res:a.png"}},
		{"script text is not markup", `<script>var s = "<img src='x.png'>";</script><img src="a.png">`, []string{"res:a.png"}},
		{"script end tag needs a delimiter", `<script>"</scripts>"; fetch("https://x.example/a")</script >`,
			[]string{"req:https://x.example/a"}},
		{"inline script", `<script>fetch("https://api.example/q")</script>`, []string{"req:https://api.example/q"}},
		{"JSON-LD is data", `<script type="application/ld+json">{"logo": "https://x.example/a.js"}</script>`, nil},
		{"module script", `<script type=module>import "https://cdn.example/m.js"</script>`, []string{"req:https://cdn.example/m.js"}},
		{"self-closing script in HTML swallows the rest", `<script src="a.js"/><img src="x.png"></script><img src="b.png">`,
			[]string{"res:a.js", "res:b.png"}},
		{"noscript is scanned", `<noscript><img src="https://t.example/p.gif"></noscript>`, []string{"res:https://t.example/p.gif"}},
		{"style element", `<style>@import "a.css"; p { background: url(b.png) }</style>`, []string{"res:a.css", "res:b.png"}},
		{"style attribute", `<p style="background:url(&quot;a.png&quot;)">`, []string{"res:a.png"}},
		{"link rels", `<link rel="stylesheet" href="a.css"><link rel="alternate" href="b.html"><link rel="ICON shortcut" href="c.ico"><link rel=preconnect href="https://f.example"><link href="d.css">`,
			[]string{"res:a.css", "rel:b.html", "res:c.ico", "res:https://f.example", "rel:d.css"}},
		{"preload imagesrcset", `<link rel=preload as=image imagesrcset="a.png 1x, b.png 2x">`, []string{"res:a.png", "res:b.png"}},
		{"media", `<video src="v.mp4" poster="p.jpg"><track src="c.vtt"></video><audio src="a.mp3"></audio><embed src="e.swf"><object data="o.svg"></object><iframe src="f.html"></iframe>`,
			[]string{"res:v.mp4", "res:p.jpg", "res:c.vtt", "res:a.mp3", "res:e.swf", "res:o.svg", "res:f.html"}},
		{"svg", `<svg><use href="#i"/><use xlink:href="icons.svg#a"/><image href="img.png"/><a href="x.html"><text>x</text></a></svg>`,
			[]string{"res:#i", "res:icons.svg#a", "res:img.png", "link:x.html"}},
		{"legacy background", `<body background="bg.gif">`, []string{"res:bg.gif"}},
		{"base", `<base href="https://example.org/">`, []string{"base:https://example.org/"}},
		{"meta refresh", `<meta http-equiv="Refresh" content="0; URL='../fr/index.html'">`, []string{"link:../fr/index.html"}},
		{"other meta", `<meta property="og:image" content="https://example.org/a.png">`, nil},
		{"form actions", `<form action="https://example.org/submit"><button formaction="/b">x</button><input type=submit formaction="c"></form>`,
			[]string{"sub:https://example.org/submit", "sub:/b", "sub:c"}},
		{"unterminated tag is dropped", `<img src="a.png"><img src="b.png"`, []string{"res:a.png"}},
		{"unterminated comment", `<img src="a.png"><!-- <img src="b.png">`, []string{"res:a.png"}},
		{"less-than in text", `a < b <3 <img src="a.png">`, []string{"res:a.png"}},
		{"cdata", `<svg><style><![CDATA[ .a { fill: url(#g) } ]]></style><![CDATA[<img src="x.png">]]><image href="a.png"/></svg>`,
			[]string{"res:#g", "res:a.png"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := refURLs(Markup([]byte(tt.html), false))
			if !slices.Equal(got, tt.want) {
				t.Errorf("\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestScanMarkupSVGSelfClosing(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg"><style/><image href="https://x.example/a.png"/><script href="s.js"/><use href="b.svg#c"/></svg>`
	want := []string{"res:https://x.example/a.png", "res:s.js", "res:b.svg#c"}
	if got := refURLs(Markup([]byte(svg), true)); !slices.Equal(got, want) {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}

func TestSrcsetCandidates(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"a.png", []string{"a.png"}},
		{"a.png 1x, b.png 2x", []string{"a.png", "b.png"}},
		{"a.png 480w,b.png 800w", []string{"a.png", "b.png"}},
		{"  a.png  ,  b.png  ", []string{"a.png", "b.png"}},
		{"a.png,b.png", []string{"a.png,b.png"}}, // one URL: commas only separate after white space
		{"data:image/png;base64,AA== 1x, b.png 2x", []string{"data:image/png;base64,AA==", "b.png"}},
		{"a.png (x, y) 1x, b.png", []string{"a.png", "b.png"}},
		{"", nil},
		{" , ,", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range srcsetCandidates(tt.in) {
			got = append(got, tt.in[c[0]:c[1]])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("srcsetCandidates(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRefreshURL(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"0; url=../fr/index.html", "../fr/index.html", true},
		{"0;URL='a.html'", "a.html", true},
		{`5, url = "b.html"`, "b.html", true},
		{"3.5; c.html", "c.html", true},
		{"0", "", false},
		{"0; ", "", false},
		{"soon", "", false},
	}
	for _, tt := range tests {
		start, end, ok := refreshURL(tt.in)
		if got := tt.in[start:end]; got != tt.want || ok != tt.ok {
			t.Errorf("refreshURL(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestScanCSS(t *testing.T) {
	tests := []struct {
		name string
		css  string
		want []string
	}{
		{"url forms", `a{b:url(a.png)} b{c:url( "b.png" )} c{d:URL('c.png')} d{e:url(  d.png  )}`,
			[]string{"res:a.png", "res:b.png", "res:c.png", "res:d.png"}},
		{"import forms", `@import "a.css"; @import url(b.css) screen; @IMPORT 'c.css' layer(x);`,
			[]string{"res:a.css", "res:b.css", "res:c.css"}},
		{"font face", `@font-face { font-family: "Noto"; src: local("Noto Sans"), url(fonts/noto.woff2) format("woff2"), url("https://f.example/n.woff") format('woff'); }`,
			[]string{"res:fonts/noto.woff2", "res:https://f.example/n.woff"}},
		{"comments", `/* url(x.png) @import "y.css"; */ a { b: url(a.png) /* url(z.png) */ }`, []string{"res:a.png"}},
		{"strings are not urls", `a::before { content: "url(x.png)"; font-family: 'url(y.png)' } b { c: url(a.png) }`, []string{"res:a.png"}},
		{"not url(", `a { b: myurl(x.png); c: src(y.png) }`, nil},
		{"image-set", `a { background: image-set("a.png" 1x, url(b.png) 2x, "c.avif" type("image/avif")) } b { c: "d.png" }`,
			[]string{"res:a.png", "res:b.png", "res:c.avif"}},
		{"webkit image-set", `a { b: -webkit-image-set("a.png" 1x) }`, []string{"res:a.png"}},
		{"escapes", `a { b: url(a\ b.png); c: url("c\"d.png"); d: u\72l(e.png); e: url("\66 .png") }`,
			[]string{`res:a b.png`, `res:c"d.png`, "res:e.png", "res:f.png"}},
		{"line continuation", "@import \"a\\\nb.css\";", []string{"res:ab.css"}},
		{"unterminated", `a { b: url(a.png`, []string{"res:a.png"}},
		{"unterminated string", "@import \"a.css\n", []string{"res:a.css"}},
		{"unterminated comment", `a { b: url(a.png) } /* url(b.png)`, []string{"res:a.png"}},
		{"data urls", `a { b: url(data:image/svg+xml;charset=utf8,%3Csvg%3E) }`, []string{"res:data:image/svg+xml;charset=utf8,%3Csvg%3E"}},
		{"import only takes its first string", `@import "a.css" supports(display: grid) "not.css";`, []string{"res:a.css"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := refURLs(CSS([]byte(tt.css), 0))
			if !slices.Equal(got, tt.want) {
				t.Errorf("\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestScanJS(t *testing.T) {
	tests := []struct {
		name string
		js   string
		want []string
	}{
		{"fetch", `fetch("https://api.example/q")`, []string{"req:https://api.example/q"}},
		{"fetch with spaces and template", "fetch ( `https://api.example/${id}` )", []string{"req:https://api.example/"}},
		{"other request functions", `importScripts('https://a.example/w.js'); navigator.sendBeacon("https://b.example/log"); new EventSource("https://c.example/s"); new Worker("https://d.example/w")`,
			[]string{"req:https://a.example/w.js", "req:https://b.example/log", "req:https://c.example/s", "req:https://d.example/w"}},
		{"dynamic and static import", `import("https://a.example/m"); import x from "https://b.example/m"; import "https://c.example/m"`,
			[]string{"req:https://a.example/m", "req:https://b.example/m", "req:https://c.example/m"}},
		{"src assignment", `img.src = "https://a.example/p"; img.src == "https://b.example/p"; s.href = "https://c.example/p"`,
			[]string{"req:https://a.example/p"}},
		{"resource by extension", `var css = "https://cdn.example/lib.css?v=1"; var page = "https://www.unodc.org/report.pdf"`,
			[]string{"req:https://cdn.example/lib.css?v=1"}},
		{"web socket", `var ws = new WebSocket(u); var u = "wss://live.example/"`, []string{"req:wss://live.example/"}},
		{"namespaces and links are left alone", `document.createElementNS("http://www.w3.org/2000/svg", "svg"); a.href = "https://www.unodc.org/"; var t = "see https://x.example/a.js"`, nil},
		{"comments", "// fetch(\"https://a.example/x\")\n/* import \"https://b.example/m.js\" */\nfetch('https://c.example/x')",
			[]string{"req:https://c.example/x"}},
		{"url in a comment after code", "x = 1; // https://a.example/lib.js", nil},
		{"regex with quotes", `var re = /["']/g; fetch("https://a.example/x")`, []string{"req:https://a.example/x"}},
		{"regex with slash in class", `if (/[/"]/.test(s)) fetch("https://a.example/x")`, []string{"req:https://a.example/x"}},
		{"division is not a regex", `var half = total / 2; var s = "x/y"; fetch("https://a.example/x")`, []string{"req:https://a.example/x"}},
		{"division after a call", `f(a) / g(b) / 2; fetch("https://a.example/x")`, []string{"req:https://a.example/x"}},
		{"regex after return", "function f(s){return /'/.test(s)}\nfetch('https://a.example/x')", []string{"req:https://a.example/x"}},
		{"escapes", `fetch("https:\/\/a.example\/x"); fetch('\x68ttps://b.example/y'); fetch("\u{68}ttps://c.example/z"); fetch("it\'s")`,
			[]string{"req:https://a.example/x", "req:https://b.example/y", "req:https://c.example/z"}},
		{"nested template", "var s = `a${fetch(`https://a.example/${b}`)}c`; fetch(\"https://b.example/\")",
			[]string{"req:https://a.example/", "req:https://b.example/"}},
		{"template braces", "var s = `${ {a: 1}.a }`; fetch('https://a.example/x')", []string{"req:https://a.example/x"}},
		{"unterminated string stays on its line", "var s = \"abc\nfetch('https://a.example/x')", []string{"req:https://a.example/x"}},
		{"json in a script", `window.fg = {"assets": "https:\/\/cdn.example\/a.js"}`, []string{"req:https://cdn.example/a.js"}},
		{"relative urls are not checked in scripts", `fetch("data/index.json")`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := refURLs(JS([]byte(tt.js), 0))
			if !slices.Equal(got, tt.want) {
				t.Errorf("\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}
