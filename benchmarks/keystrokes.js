// Time our search worker answering a reader typing, under Node (benchmarks/search_keystrokes.py).
//
//   node benchmarks/keystrokes.js SITE WORKER_PATH PHRASE...
//
// For each phrase, one query per keystroke ("t", "to", "tok", ...), each answered before
// the next, as a Worker does; shards and docs are read from disk through fetch. Prints one
// JSON line: each keystroke's milliseconds, and the files read.
"use strict"
const fs = require("fs")
const path = require("path")
const vm = require("vm")

const [site, worker, ...phrases] = process.argv.slice(2)
const listeners = []
let answered = null
let bytes = 0
let files = 0

globalThis.self = globalThis
globalThis.location = { href: `file://${path.resolve(site, worker)}` }
globalThis.addEventListener = (type, listener) => listeners.push(listener)
globalThis.postMessage = message => answered(message)
globalThis.fetch = async url => {
  const file = new URL(url).pathname
  if (!fs.existsSync(file)) return { ok: false, status: 404 }
  const text = fs.readFileSync(file, "utf8")
  bytes += text.length
  files += 1
  return { ok: true, text: async () => text }
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
  await send({ type: 0, data: { config: index.config, docs: index.docs } })
  const keystrokes = []
  for (const phrase of phrases) {
    for (let end = 1; end <= phrase.length; end++) {
      const query = phrase.slice(0, end)
      const before = { bytes, files }
      const start = performance.now()
      const result = await send({ type: 2, data: query })
      keystrokes.push({
        query,
        ms: Math.round((performance.now() - start) * 10) / 10,
        results: result.data.items.length,
        files: files - before.files,
        bytes: bytes - before.bytes
      })
    }
  }
  process.stdout.write(JSON.stringify({ keystrokes }) + "\n")
})().catch(error => {
  console.error(error)
  process.exit(1)
})
