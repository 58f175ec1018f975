/*
 * Search worker for large digests (generator/search/shards.py copies it over Material's).
 *
 * It speaks Material for MkDocs' search worker protocol: SETUP (the search index, here a
 * stub with only the config) is answered with READY, each QUERY (the search box's text)
 * with RESULT ({items: [[item]]}, one group per page, best first). Instead of building
 * a lunr index in the browser, it loads the prebuilt one in pieces: for a query, only
 * the shards of its terms (search/shards/<key>.js) and
 * the titles of the results shown (search/docs/<n>.js). Scores are precomputed, so a
 * query only adds them up.
 *
 * The pieces are scripts, each one call of a function of this worker's: in
 * iframe-worker's shim, which runs this file in an iframe when the site is opened from
 * disk (file://), they load as script elements; in a Worker (served over HTTP) they are
 * fetched and their JSON arguments parsed. Either way, all of a query's at once.
 */
"use strict"

const SETUP = 0
const READY = 1
const QUERY = 2
const RESULT = 3

const OPTIONAL = 1
const REQUIRED = 2
const PROHIBITED = 3
const PREFIX_WEIGHT = 0.5 // a longer word that a query word starts counts half
const MAX_CLAUSES = 30 // clauses beyond these are ignored (bit mask of matched clauses)
const KEPT_SHARDS = 64 // shards kept in memory between queries, the latest loaded

let base = null // the site's root URL
let separator = null // Material's separator, as a global RegExp
let manifest = null // {chunk, keyLength, limit, pages, shards: [[key, file], ...]}:
// generator/search/shards.py adds a call of __digestManifest at the end of this file
let files = new Map() // shard key -> file name
const shards = new Map() // shard key -> Map(term -> [page, score, page gap, score, ...])
const chunks = new Map() // chunk number -> [[location, title, snippet], ...]

self.__digestManifest = data => {
  manifest = data
  files = new Map(data.shards)
}
self.__digestShard = (key, flat) => {
  const terms = new Map()
  for (let i = 0; i < flat.length; i += 2) terms.set(flat[i], flat[i + 1])
  shards.set(key, terms)
}
self.__digestDocs = (number, rows) => {
  chunks.set(number, rows)
}

/* The URL this script was loaded from: in the shim, the iframe's own address is
   about:blank, so it is the src of its first script element (as Material does). */
function scriptUrl() {
  if (typeof document !== "undefined") {
    const script = document.querySelector("script[src]")
    if (script) return script.src
  }
  return self.location.href
}

/* Load scripts given relative to the site's root, all at once. In iframe-worker's shim
   (file://) as script elements, as its importScripts does, but in parallel; in a Worker
   with fetch, each script being one call of a function of ours with JSON arguments.
   (importScripts, synchronous and one at a time, took 0.3-0.6 s for the 29 title files
   of a query's results at 1,000 papers.) */
const LOADED = {
  __digestManifest: data => self.__digestManifest(data),
  __digestShard: (key, flat) => self.__digestShard(key, flat),
  __digestDocs: (number, rows) => self.__digestDocs(number, rows)
}

function run(text, url) {
  const open = text.indexOf("(")
  const name = text.slice(0, open).replace(/^self\./, "")
  const call = Object.hasOwn(LOADED, name) && LOADED[name]
  if (!call) throw new Error(`${url} is not a search index file`)
  call(...JSON.parse(`[${text.slice(open + 1, text.lastIndexOf(")"))}]`))
}

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script")
    script.src = url
    script.onload = resolve
    script.onerror = () => reject(new Error(`cannot load ${url}`))
    document.body.appendChild(script)
  })
}

async function fetchScript(url) {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`cannot load ${url}: ${response.status}`)
  run(await response.text(), url)
}

async function load(paths) {
  const urls = paths.map(path => new URL(path, base).href)
  const one = typeof document !== "undefined" ? loadScript : fetchScript
  await Promise.all(urls.map(one))
}

/* The non-empty parts of a string between separator matches: Material's split(). */
function split(text, visit) {
  separator.lastIndex = 0
  let index = 0
  let match
  do {
    match = separator.exec(text)
    const until = match ? match.index : text.length
    if (index < until) visit(index, until)
    if (match) {
      index = match.index + match[0].length
      if (match[0].length === 0) separator.lastIndex = match.index + 1
    }
  } while (match)
}

function terms(text) {
  const found = []
  split(text, (start, end) => found.push(text.slice(start, end).toLowerCase()))
  return found
}

/* The query's clauses, as Material reads a query: "quoted words" and +word are required,
   -word prohibited, other words optional and also the start of longer words (Material
   adds a wildcard to each: the reader may still be typing), unless a single character. */
function parse(query) {
  const clauses = new Map()
  const add = (term, presence) => {
    const known = clauses.get(term)
    if (!known || presence > known.presence) clauses.set(term, { term, presence, prefix: false })
  }
  query.trim().split(/"([^"]+)"/g).forEach((part, index) => {
    for (let word of part.split(/\s+/)) {
      let presence = index % 2 ? REQUIRED : OPTIONAL
      if (presence === OPTIONAL && /^[+-]./.test(word)) {
        presence = word[0] === "+" ? REQUIRED : PROHIBITED
        word = word.slice(1)
      }
      word = word.replace(/^(?:title|text|tags):/, "").replace(/[*~^]\d*/g, " ")
      for (const term of terms(word)) add(term, presence)
    }
  })
  const list = [...clauses.values()].slice(0, MAX_CLAUSES)
  for (const clause of list)
    clause.prefix = clause.presence === OPTIONAL && [...clause.term].length > 1
  return list
}

function keyOf(term) {
  return [...term].slice(0, manifest.keyLength).join("")
}

/* Add a clause's scores to the page totals: an exact term in full, for a prefix clause
   also the longer terms it starts (at PREFIX_WEIGHT); per page, the best of these. */
function collect(clause, bit, totals, masks) {
  const shard = shards.get(keyOf(clause.term))
  if (!shard) return
  const best = new Map()
  const visit = (flat, weight) => {
    for (let i = 0, page = 0; i < flat.length; i += 2) {
      page += flat[i]
      const score = flat[i + 1] * weight
      if (!(best.get(page) >= score)) best.set(page, score)
    }
  }
  if (clause.prefix) {
    for (const [term, flat] of shard)
      if (term.startsWith(clause.term)) visit(flat, term === clause.term ? 1 : PREFIX_WEIGHT)
  } else {
    const flat = shard.get(clause.term)
    if (flat) visit(flat, 1)
  }
  for (const [page, score] of best) {
    totals[page] += score
    masks[page] |= bit
  }
}

/* Pages matching the clauses, best first, at most the manifest's limit; the score as
   Material computes it after lunr: more of the query's words matched, higher. */
function rank(clauses) {
  const totals = new Float64Array(manifest.pages)
  const masks = new Uint32Array(manifest.pages)
  let required = 0
  let prohibited = 0
  let counted = 0
  clauses.forEach((clause, index) => {
    const bit = 2 ** index
    if (clause.presence === REQUIRED) required |= bit
    if (clause.presence === PROHIBITED) prohibited |= bit
    else counted++
    collect(clause, bit, totals, masks)
  })
  const found = []
  for (let page = 0; page < masks.length; page++) {
    const mask = masks[page]
    if (!mask || (mask & required) !== required || mask & prohibited) continue
    if (!(mask & ~prohibited)) continue
    let matched = 0
    for (let bits = mask & ~prohibited; bits; bits &= bits - 1) matched++
    const boost = 1 + matched / counted
    found.push({ page, mask, score: totals[page] * (1 + boost * boost) })
  }
  found.sort((a, b) => b.score - a.score || a.page - b.page)
  return found.slice(0, manifest.limit)
}

/* Escaped HTML with the words a clause matched in <mark>; entities are never words. */
function highlight(html, clauses) {
  const out = []
  let cursor = 0
  split(html, (start, end) => {
    const word = html.slice(start, end).toLowerCase()
    const hit = clauses.some(c => c.presence !== PROHIBITED &&
      (c.prefix ? word.startsWith(c.term) : word === c.term))
    if (!hit) return
    out.push(html.slice(cursor, start), "<mark>", html.slice(start, end), "</mark>")
    cursor = end
  })
  out.push(html.slice(cursor))
  return out.join("")
}

/* Drop the earliest loaded shards beyond KEPT_SHARDS, except those a query needs: at
   100,000 papers a shard can weigh megabytes. */
function forget(needed) {
  for (const key of shards.keys()) {
    if (shards.size <= KEPT_SHARDS) break
    if (!needed.includes(key)) shards.delete(key)
  }
}

async function search(query) {
  if (!manifest) return { items: [] }
  const clauses = parse(query)
  if (!clauses.length) return { items: [] }
  const keys = [...new Set(clauses.map(c => keyOf(c.term)))]
  forget(keys)
  await load(keys.filter(k => files.has(k) && !shards.has(k))
    .map(k => `search/shards/${files.get(k)}.js`))
  const found = rank(clauses)
  const numbers = [...new Set(found.map(f => Math.floor(f.page / manifest.chunk)))]
  await load(numbers.filter(n => !chunks.has(n)).map(n => `search/docs/${n}.js`))
  const items = found.map(({ page, mask, score }) => {
    const [location, title, text] = chunks.get(Math.floor(page / manifest.chunk))[page % manifest.chunk]
    const terms = Object.create(null) // a query word may be "__proto__"
    clauses.forEach((clause, index) => {
      if (clause.presence !== PROHIBITED) terms[clause.term] = Boolean(mask & 2 ** index)
    })
    return [{
      location,
      title: highlight(title, clauses),
      text: highlight(text, clauses),
      score,
      terms
    }]
  })
  return { items }
}

async function setup(config) {
  base = new URL("../../../", scriptUrl()).href // from assets/javascripts/workers/
  separator = new RegExp(config.separator, "g")
}

/* One query at a time, in order; a query overtaken by a newer one is not answered. */
let next = null
let running = false
async function answer(query) {
  next = query
  if (running) return
  running = true
  while (next !== null) {
    const current = next
    next = null
    let data
    try {
      data = await search(current)
    } catch (error) {
      console.warn(`Search failed for ${JSON.stringify(current)}:`, error)
      data = { items: [] }
    }
    if (next === null) postMessage({ type: RESULT, data })
  }
  running = false
}

addEventListener("message", async event => {
  const message = event.data
  if (message.type === SETUP) {
    try {
      await setup(message.data.config)
    } catch (error) {
      console.warn("Search index could not be loaded:", error)
    }
    postMessage({ type: READY })
  } else if (message.type === QUERY) {
    await answer(message.data)
  }
})
