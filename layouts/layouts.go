// Package layouts embeds the default theme: templates, stylesheets,
// scripts and UI strings. A course overrides any file by putting one with
// the same path in its own layouts/ folder.
package layouts

import "embed"

// FS is the theme, rooted at this folder: "base.html", "partials/nav.html",
// "assets/css/10-theme.css", "i18n/fr.yaml".
//
//go:embed *.html partials assets i18n
var FS embed.FS
