// Runs the browser tokenizer (layouts/assets/lazy/search-engine.js) for the
// Go parity test: reads JSON {lang, texts: [...]} on stdin, writes one line
// of JSON {tokens: [[...]], queries: [[{text, prefix, alts}]]} to stdout.
"use strict";
const fs = require("fs");
const vm = require("vm");

const script = fs.readFileSync(process.argv[2], "utf8");
const context = { setTimeout, clearTimeout };
context.window = context;
vm.createContext(context);
vm.runInContext(script, context, { filename: process.argv[2] });
const search = context.window.__fieldguideSearch;

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const out = { tokens: [], queries: [] };
for (const s of input.texts) {
  out.tokens.push(Array.from(search.tokenize(s, input.lang)));
  out.queries.push(Array.from(search.queryTerms(s, input.lang), (t) => ({ text: t.text, prefix: t.prefix, alts: Array.from(t.alts) })));
}
process.stdout.write(JSON.stringify(out));
