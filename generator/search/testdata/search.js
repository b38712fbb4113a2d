// Runs the browser search (layouts/assets/lazy/search-engine.js) on index
// files built by Go, for the end-to-end tests: the engine asks for files
// through its loader as it does in the browser, and each file is run as the
// browser runs a <script>, later and in another order than asked (each after
// a delay of its own), in a fake window.
//
// stdin: {"lang": "fr", "files": [{"path", "data"}], "queries": [...], "limit": n, "fresh": bool, "first": n, "prefetch": bool,
//   "preload": bool}
// With fresh, each query runs in a new window, which has loaded nothing.
// With prefetch, each query is only prefetched, in a new window: the
// answer says what was loaded. With preload, the only answer says what
// preload loads in a new window.
// With first, the engine may answer with the first results before all: the
// driver checks that they are the first of the whole answer.
// stdout: [{"total": n, "error": "...", "files": [names the answer read],
//   "loaded": [names loaded while it ran], "early": n (results in the
//   early answer, 0 if none), "results": [{"doc", "url", "anchor",
//   "score", "title", "section", "lang", "dir", "text", "snippet",
//   "titleHTML"}]}]
"use strict";
const fs = require("fs");
const vm = require("vm");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const engineSource = fs.readFileSync(process.argv[2], "utf8");
const byPath = new Map(input.files.map((f) => [f.path, f.data]));

let loaded = [];

function newWindow() {
  const context = { setTimeout, clearTimeout };
  context.window = context;
  vm.createContext(context);
  vm.runInContext(engineSource, context, { filename: process.argv[2] });
  const api = context.window.__fieldguideSearch;
  const ix = api.engine.indexFor(input.lang);
  ix.load = (name) => {
    const path = "search/" + input.lang + "/" + name + ".js";
    loaded.push(name);
    let delay = 0;
    for (const c of name) delay += c.charCodeAt(0);
    setTimeout(() => {
      if (!byPath.has(path)) api.engine.fail(ix, "cannot load " + path);
      else vm.runInContext(byPath.get(path), context, { filename: path });
    }, delay % 5);
  };
  return api;
}

function fatal(message) {
  process.stderr.write(message + "\n");
  process.exit(1);
}

// ask resolves with the whole answer, and the early one if any.
function ask(api, q) {
  return new Promise((resolve) => {
    let early = null;
    api.query(input.lang, q, input.limit, (found) => {
      if (!found.more) {
        resolve({ found, early });
        return;
      }
      if (early) fatal(JSON.stringify(q) + ": two early answers");
      if (found.results.length !== input.first) fatal(JSON.stringify(q) + ": an early answer of " + found.results.length + " results, want " + input.first);
      early = found;
      early.loaded = loaded.slice().sort(); // the files asked for before it
    }, input.first || 0);
  });
}

(async () => {
  if (input.preload) {
    const api = newWindow();
    api.engine.preload(input.lang);
    await new Promise((resolve) => setTimeout(resolve, 20)); // files come within 5 ms of being asked for
    process.stdout.write(JSON.stringify([{ total: 0, error: "", files: [], loaded: loaded.slice().sort(), early: 0, results: [] }]));
    return;
  }
  const out = [];
  let api = newWindow();
  let previous = "";
  for (const q of input.queries) {
    if (input.fresh || input.prefetch) api = newWindow();
    if (input.prefetch) {
      loaded = [];
      api.engine.prefetch(input.lang, q);
      await new Promise((resolve) => setTimeout(resolve, 20)); // files come within 5 ms of being asked for
      out.push({ total: 0, error: "", files: [], loaded: loaded.slice().sort(), early: 0, results: [] });
      continue;
    }
    loaded = [];
    if (!input.fresh) {
      // A query overtaken by a newer one, as the search box cancels it,
      // must never answer after cancel(), though the files it asked for
      // still come. (With its files loaded, it answers before it returns.)
      let canceled = false;
      const stale = api.query(input.lang, previous || q, input.limit, () => {
        if (!canceled) return;
        fatal("a canceled query answered: " + JSON.stringify(previous || q));
      });
      stale.cancel();
      canceled = true;
    }
    const { found, early } = await ask(api, q);
    if (early) {
      const want = JSON.stringify(found.results.slice(0, early.results.length));
      if (JSON.stringify(early.results) !== want || early.total !== found.total) {
        fatal(JSON.stringify(q) + ": the early answer " + JSON.stringify(early.results) + " is not the start of the whole one " + want);
      }
    }
    previous = q;
    out.push({
      total: found.total,
      error: found.error || "",
      files: found.files,
      loaded: input.fresh ? loaded.slice().sort() : [],
      early: early ? early.results.length : 0,
      earlyLoaded: input.fresh && early ? early.loaded : [],
      results: found.results.map((r) => ({
        doc: r.doc, url: r.url, anchor: r.anchor, score: r.score, title: r.title, section: r.section,
        lang: r.lang, dir: r.dir, text: r.text,
        snippet: api.highlight(r.text, found.terms, 160, input.lang),
        titleHTML: api.highlight(r.title, found.terms, 0, input.lang),
      })),
    });
  }
  // Let the last stale query's files arrive, to see that it stays silent.
  await new Promise((resolve) => setTimeout(resolve, 10));
  process.stdout.write(JSON.stringify(out));
})().catch((e) => {
  process.stderr.write(String(e && e.stack || e) + "\n");
  process.exit(1);
});
