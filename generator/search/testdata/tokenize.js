// Runs the browser tokenizer (layouts/assets/js/40-search.js) for the Go
// parity test: reads a JSON array of strings on stdin, writes one line of
// JSON {tokens: [[...]], queries: [[{text, prefix}]]} to stdout.
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
for (const s of input) {
  out.tokens.push(Array.from(search.tokenize(s)));
  out.queries.push(Array.from(search.queryTerms(s), (t) => ({ text: t.text, prefix: t.prefix })));
}
process.stdout.write(JSON.stringify(out));
