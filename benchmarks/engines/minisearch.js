// Index-only experiment: MiniSearch (and FlexSearch's build time) over a digest's papers,
// for the engine decision in benchmarks/RESULTS.md ("Search quality"). Not a dependency of
// the site: install the engines in a scratch folder and run this from there.
//
//   mkdir /tmp/engines && cd /tmp/engines && npm init -y && npm install minisearch@7.2.0 flexsearch@0.7
//   python benchmarks/engines/docs.py CONTENT OUT.json [QUERIES.json]
//   NODE_PATH=/tmp/engines/node_modules node benchmarks/engines/minisearch.js OUT.json [QUERIES.json]
//
// Prints one JSON line: index sizes, build, load and first-query times, each query's top 10.
const fs = require("fs")
const zlib = require("zlib")
const MiniSearch = require("minisearch")
const { Document } = require("flexsearch")
const docs = JSON.parse(fs.readFileSync(process.argv[2]))
const queries = process.argv[3] ? JSON.parse(fs.readFileSync(process.argv[3])) : ["tokenization"]
const out = { docs: docs.length }
let t = performance.now()
const options = { fields: ["title", "tags", "abstract"], storeFields: ["title"],
  searchOptions: { boost: { title: 10, tags: 3 }, prefix: true, fuzzy: 0.2 } }
const mini = new MiniSearch(options)
mini.addAll(docs)
out.minisearch_build_ms = Math.round(performance.now() - t)
const json = JSON.stringify(mini)
out.minisearch_index_bytes = json.length
out.minisearch_index_gzip = zlib.gzipSync(json).length
t = performance.now()
const loaded = MiniSearch.loadJSON(json, options)
out.minisearch_load_ms = Math.round(performance.now() - t)
t = performance.now()
loaded.search("tokenization")
out.minisearch_first_query_ms = Math.round(performance.now() - t)
t = performance.now()
const flex = new Document({ document: { id: "id", index: ["title", "tags", "abstract"] }, tokenize: "forward" })
docs.forEach(d => flex.add(d))
out.flexsearch_build_ms = Math.round(performance.now() - t)
let flexBytes = 0
flex.export((key, data) => { flexBytes += (data || "").length })
out.flexsearch_index_bytes = flexBytes
out.results = {}
for (const q of queries) out.results[q] = loaded.search(q).slice(0, 10).map(r => r.id)
process.stdout.write(JSON.stringify(out) + "\n")
