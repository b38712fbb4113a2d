// Runs the browser's snippet maker (highlight in
// layouts/assets/lazy/search-engine.js) for the Go tests: reads a JSON
// array of {lang, text, query, width} on stdin, writes a JSON array of the
// HTML each gives.
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
process.stdout.write(JSON.stringify(input.map((c) => search.highlight(c.text, search.queryTerms(c.query, c.lang), c.width, c.lang))));
