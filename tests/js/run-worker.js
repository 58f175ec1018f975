// Run generator/search/assets/search-worker.js (as written into a site) under Node, the way a
// Worker runs it over HTTP: send SETUP with the site's stub index, then each query given
// on the command line; print the RESULT data of each query as one JSON line. A query
// given as JSON, {"query": ..., "filter": {...}}, is sent with that search filter, as the
// page's search-filters.js sends it.
//
//   node tests/js/run-worker.js SITE WORKER_PATH QUERY...
"use strict"
const { loadWorker } = require("./worker-harness.js")

const [site, worker, ...queries] = process.argv.slice(2)
const { send, setup } = loadWorker(site, worker)

;(async () => {
  const ready = await setup()
  if (ready.type !== 1) throw new Error(`expected READY, got ${JSON.stringify(ready)}`)
  for (const query of queries) {
    const filtered = query.startsWith("{") ? JSON.parse(query) : null
    const message = filtered ? { type: 2, data: filtered.query, filter: filtered.filter } : { type: 2, data: query }
    const result = await send(message)
    if (result.type !== 3) throw new Error(`expected RESULT, got ${JSON.stringify(result)}`)
    process.stdout.write(JSON.stringify(result.data) + "\n")
  }
})().catch(error => {
  console.error(error)
  process.exit(1)
})
