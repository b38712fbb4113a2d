// Runs the browser search (layouts/assets/js/40-search.js) on index files
// built by Go, for the end-to-end test: the files are run as the browser
// runs the <script>s, in a fake window, and the queries answered by the
// same code the search box uses.
//
// stdin: {"lang": "fr", "files": [{"path", "data"}], "queries": [...], "limit": n}
// stdout: [{"total": n, "results": [{"doc", "url", "anchor", "score", "title", "section", "snippet"}]}]
"use strict";
const fs = require("fs");
const vm = require("vm");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const context = { setTimeout, clearTimeout };
context.window = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), context, { filename: process.argv[2] });

// The files arrive in any order in a browser; shuffle them deterministically.
const files = input.files.slice().reverse();
for (const f of files) {
  vm.runInContext(f.data, context, { filename: f.path });
}

const search = context.window.__fieldguideSearch;
search.whenReady(input.lang, (ix) => {
  if (ix.error) {
    process.stderr.write("index failed: " + ix.error + "\n");
    process.exit(1);
  }
  const out = input.queries.map((q) => {
    const found = search.search(input.lang, q, input.limit);
    return {
      total: found.total,
      results: found.results.map((r) => ({
        doc: r.doc, url: r.url, anchor: r.anchor, score: r.score, title: r.title, section: r.section,
        snippet: search.highlight(r.text, found.terms, 160),
        titleHTML: search.highlight(r.title, found.terms),
      })),
    };
  });
  process.stdout.write(JSON.stringify(out));
});
