// The terms generator/search/assets/search-worker.js reads from each text given as JSON on
// standard input (a list of strings); prints them as one JSON list of lists.
//
//   echo '["Pre-training", "tokenisers"]' | node tests/js/terms.js WORKER [query]
//
// With "query", as the worker reads a query: a run of linked words only joined.
"use strict"
const fs = require("fs")
const vm = require("vm")

globalThis.self = globalThis
globalThis.addEventListener = () => {}
vm.runInThisContext(fs.readFileSync(process.argv[2], "utf8"))
const texts = JSON.parse(fs.readFileSync(0, "utf8"))
const parts = process.argv[3] !== "query"
process.stdout.write(JSON.stringify(texts.map(text => globalThis.terms(text, parts))) + "\n")
