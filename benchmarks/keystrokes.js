// Time our search worker answering a reader typing, under Node (benchmarks/search_keystrokes.py).
//
//   node benchmarks/keystrokes.js SITE WORKER_PATH PHRASE...
//
// For each phrase, one query per keystroke ("t", "to", "tok", ...), each answered before
// the next, as a Worker does; shards and docs are read from disk through fetch. Prints one
// JSON line: each keystroke's milliseconds, and the files read.
"use strict"
const path = require("path")
const { loadWorker } = require(path.resolve(__dirname, "../tests/js/worker-harness.js"))

const [site, worker, ...phrases] = process.argv.slice(2)
let bytes = 0
let files = 0
const { send, setup } = loadWorker(site, worker, text => {
  bytes += text.length
  files += 1
})

;(async () => {
  await setup()
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
