// The terms generator/search/assets/search-worker.js reads from each text given as JSON on
// standard input (a list of strings); prints them as one JSON list of lists.
//
//   echo '["Pre-training", "tokenisers"]' | node tests/js/terms.js WORKER
"use strict"
const fs = require("fs")
const vm = require("vm")

globalThis.self = globalThis
globalThis.addEventListener = () => {}
vm.runInThisContext(fs.readFileSync(process.argv[2], "utf8"))
const texts = JSON.parse(fs.readFileSync(0, "utf8"))
process.stdout.write(JSON.stringify(texts.map(text => globalThis.terms(text))) + "\n")
