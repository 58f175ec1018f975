// Our search worker (generator/search/assets/search-worker.js, as written into a site) run
// under Node the way a Worker runs it over HTTP: shards and docs are read from disk through
// fetch. Used by tests/js/run-worker.js and benchmarks/keystrokes.js.
"use strict"
const fs = require("fs")
const path = require("path")
const vm = require("vm")

// Load the worker of `site` at `worker` (its path in the site); `onRead(text)` hears of each
// file fetched. Returns send(message) -> the worker's answer, and setup() -> READY's answer
// to SETUP with the site's stub index.
function loadWorker(site, worker, onRead = () => {}) {
  const listeners = []
  let answered = null
  globalThis.self = globalThis
  globalThis.location = { href: `file://${path.resolve(site, worker)}` }
  globalThis.addEventListener = (type, listener) => listeners.push(listener)
  globalThis.postMessage = message => answered(message)
  globalThis.fetch = async url => {
    const file = new URL(url).pathname
    if (!fs.existsSync(file)) return { ok: false, status: 404 }
    const text = fs.readFileSync(file, "utf8")
    onRead(text)
    return { ok: true, text: async () => text }
  }
  vm.runInThisContext(fs.readFileSync(path.resolve(site, worker), "utf8"))

  function send(message) {
    return new Promise(resolve => {
      answered = resolve
      for (const listener of listeners) listener({ data: message })
    })
  }

  function setup() {
    const index = JSON.parse(fs.readFileSync(path.resolve(site, "search/search_index.json")))
    return send({ type: 0, data: { config: index.config, docs: index.docs } })
  }

  return { send, setup }
}

module.exports = { loadWorker }
