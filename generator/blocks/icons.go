package blocks

// icons are the callouts' pictograms, drawn in currentColor so they follow
// the callout's colour in light and dark themes. They are decoration: the
// label next to them says the same, so screen readers skip them.
var icons = map[string]string{
	"note":      svg(`<circle cx="8" cy="8" r="6.25"/><path d="M8 7.25v4"/><circle cx="8" cy="4.9" r=".4" fill="currentColor"/>`),
	"tip":       svg(`<path d="M5.75 11.25C4.4 10.3 3.5 8.85 3.5 7.2a4.5 4.5 0 0 1 9 0c0 1.65-.9 3.1-2.25 4.05v1.2h-4.5z"/><path d="M6.25 14.5h3.5"/>`),
	"important": svg(`<path d="M2.25 2.25h11.5v8.5h-6l-3.25 3v-3H2.25z"/><path d="M8 4.5v3"/><circle cx="8" cy="9" r=".4" fill="currentColor"/>`),
	"warning":   svg(`<path d="M8 1.75l6.5 12H1.5z"/><path d="M8 6v3.75"/><circle cx="8" cy="11.6" r=".4" fill="currentColor"/>`),
	"caution":   svg(`<path d="M5.35 1.5h5.3l3.85 3.85v5.3l-3.85 3.85h-5.3L1.5 10.65v-5.3z"/><path d="M8 4.75v4"/><circle cx="8" cy="10.9" r=".4" fill="currentColor"/>`),
}

func svg(body string) string {
	return `<svg class="callout-icon" aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round">` + body + `</svg>`
}
