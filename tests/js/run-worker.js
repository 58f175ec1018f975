// Run generator/search/assets/search-worker.js (as written into a site) under Node, the way a
// Worker runs it over HTTP: send SETUP with the site's stub index, then each query given
// on the command line; print the RESULT data of each query as one JSON line.
//
//   node tests/js/run-worker.js SITE WORKER_PATH QUERY...
"use strict"
const fs = require("fs")
const path = require("path")
const vm = require("vm")

const [site, worker, ...queries] = process.argv.slice(2)
const listeners = []
let answered = null

globalThis.self = globalThis
globalThis.location = { href: `file://${path.resolve(site, worker)}` }
globalThis.addEventListener = (type, listener) => listeners.push(listener)
globalThis.postMessage = message => answered(message)
globalThis.fetch = async url => {
  const file = new URL(url).pathname
  if (!fs.existsSync(file)) return { ok: false, status: 404 }
  return { ok: true, text: async () => fs.readFileSync(file, "utf8") }
}
vm.runInThisContext(fs.readFileSync(path.resolve(site, worker), "utf8"))

function send(message) {
  return new Promise(resolve => {
    answered = resolve
    for (const listener of listeners) listener({ data: message })
  })
}

(async () => {
  const index = JSON.parse(fs.readFileSync(path.resolve(site, "search/search_index.json")))
  const ready = await send({ type: 0, data: { config: index.config, docs: index.docs } })
  if (ready.type !== 1) throw new Error(`expected READY, got ${JSON.stringify(ready)}`)
  for (const query of queries) {
    const result = await send({ type: 2, data: query })
    if (result.type !== 3) throw new Error(`expected RESULT, got ${JSON.stringify(result)}`)
    process.stdout.write(JSON.stringify(result.data) + "\n")
  }
})().catch(error => {
  console.error(error)
  process.exit(1)
})
