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
 *
 * Search filters (generator/search/facets.py): a QUERY message may carry, besides
 * Material's data, a filter of ours ({tags, since, until}, added by the page's
 * search-filters.js). Then the worker loads search/facets.js once, and ranks only the
 * papers the filter admits, before the limit. Every RESULT says whether it was filtered
 * ({filtered: true or false}): the page filters only Material's own worker's results.
 */
"use strict"

const SETUP = 0
const READY = 1
const QUERY = 2
const RESULT = 3

/* The words of a text, as generator/search/words.py reads them (tests/search/folding.yml
   holds the cases both must agree on). */
const STOP_WORDS = new Set(("a all also an and are as at be but by can do does for from has have how if in into is" +
  " it its no not of on or our so than that the their then there these they this to via" +
  " was we were what when which who why will with").split(" "))
const PREFIXES = new Set(("co cross few fine inter intra long multi non over post pre re self semi sub under" +
  " zero").split(" "))
const WORD = /[\p{L}\p{N}]+(?:(?:\.(?=\p{Nd})|['’](?=\p{L}))[\p{L}\p{N}]+)*/gu
const HYPHENS = new Set(["-", "‐", "‑"])
const VOWELS = "aeiouy"
const SPELLING = [
  ["isations", "izations", 3], ["isation", "ization", 3], ["ising", "izing", 3],
  ["ised", "ized", 3], ["ises", "izes", 3], ["isers", "izers", 3], ["iser", "izer", 3],
  ["ise", "ize", 3], ["ysing", "yzing", 3], ["ysed", "yzed", 3], ["yses", "yzes", 3],
  ["yse", "yze", 3], ["ours", "ors", 3], ["our", "or", 3], ["elling", "eling", 2],
  ["elled", "eled", 2], ["ellers", "elers", 2], ["eller", "eler", 2], ["tres", "ters", 3],
  ["tre", "ter", 3], ["ical", "ic", 3]
]

function plain(text) {
  return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "")
}

function fold(word) {
  word = word.replaceAll("’", "'")
  if (word.endsWith("'s")) word = word.slice(0, -2)
  word = word.replaceAll("'", "")
  if ([...word].length < 3 || !/^\p{L}+$/u.test(word)) return word
  for (const [ending, replacement, stem] of SPELLING) {
    if (word.endsWith(ending) && word.length - ending.length >= stem) {
      word = word.slice(0, -ending.length) + replacement
      break
    }
  }
  return stem(word)
}

function stem(word) {
  if (word.endsWith("ies") && word.length > 4) word = word.slice(0, -3) + "y"
  else if (word.endsWith("sses")) word = word.slice(0, -2)
  else if (word.endsWith("s") && !["ss", "us", "is", "as"].some(e => word.endsWith(e))) word = word.slice(0, -1)
  if (word.endsWith("ied") && word.length > 4) return word.slice(0, -3) + "y"
  for (const ending of ["ing", "ed"]) {
    const rest = word.slice(0, -ending.length)
    if (word.endsWith(ending) && rest.length >= 3 && [...rest].some(c => VOWELS.includes(c))) {
      word = rest
      const last = word[word.length - 1]
      if (word.length >= 4 && last === word[word.length - 2] && !(VOWELS + "lsz").includes(last))
        word = word.slice(0, -1)
      break
    }
  }
  if (word.endsWith("e") && word.length >= 4) word = word.slice(0, -1)
  return word
}

/* The folded terms of a text: each word but the common ones, and after a run of linked
   words ("pre-training", "multi modal") the run joined into one. Without parts (a
   query), a run is only its joined form: the index holds that for every run. */
function terms(text, parts = true) {
  const found = []
  for (const run of runs(plain(text))) {
    if (parts || run.length === 1) for (const word of run) if (!STOP_WORDS.has(word)) found.push(fold(word))
    if (run.length > 1) found.push(fold(run.join("")))
  }
  return found
}

/* The words of a lower-case text, linked words together in one run. */
function runs(text) {
  const found = []
  let previous = null
  for (const match of text.matchAll(WORD)) {
    const word = match[0]
    const gap = previous ? text.slice(previous.index + previous[0].length, match.index) : ""
    if (previous && linked(previous[0], gap, word)) found[found.length - 1].push(word)
    else found.push([word])
    previous = match
  }
  return found
}

function linked(word, gap, following) {
  if (HYPHENS.has(gap)) return true
  return PREFIXES.has(word) && !STOP_WORDS.has(following) && /^\s+$/.test(gap)
}

/* Ranking, as generator/search/rank.py ranks: see there. */
const OPTIONAL = 1
const REQUIRED = 2
const PREFIX_WEIGHT = 0.5
const FUZZY_WEIGHT = 0.3
const MAX_CLAUSES = 30
const FUZZY_FROM = 4
const LONG_WORD = 8
const KEPT_SHARDS = 64 // shards kept in memory between queries, the latest loaded

let base = null // the site's root URL
let manifest = null // {chunk, keyLength, limit, pages, shards: [[key, file], ...]}:
// generator/search/shards.py adds a call of __digestManifest at the end of this file
let files = new Map() // shard key -> file name
const shards = new Map() // shard key -> Map(term -> [page, score, page gap, score, ...])
const chunks = new Map() // chunk number -> [[location, title, snippet], ...]
let facets = null // {days, tags, day, tagged}: search/facets.js, loaded for the first filter
let admittedBy = { key: "", pages: null } // the last filter's admitted pages (Uint8Array)

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
self.__digestFacets = data => {
  facets = data
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
  __digestDocs: (number, rows) => self.__digestDocs(number, rows),
  __digestFacets: data => self.__digestFacets(data)
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

async function loadShards(keys) {
  const needed = [...new Set(keys)]
  forget(needed)
  await load(needed.filter(k => files.has(k) && !shards.has(k))
    .map(k => `search/shards/${files.get(k)}.js`))
}

/* The query's clauses: its terms, those in "quotes" required, the others optional. No
   other character is an operator: a pasted title is words. */
function parse(query) {
  const clauses = new Map()
  query.split(/"([^"]+)"/g).forEach((part, index) => {
    const presence = index % 2 ? REQUIRED : OPTIONAL
    for (const term of terms(part, false)) {
      const known = clauses.get(term)
      if (!known || presence > known.presence) clauses.set(term, { term, presence, corrections: [] })
    }
  })
  return [...clauses.values()].slice(0, MAX_CLAUSES)
}

function keyOf(term) {
  return [...term].slice(0, manifest.keyLength).join("")
}

/* The shards a typo of a term may live in: its own, and those of its first letters
   swapped, or without its first or second letter. */
function fuzzyKeys(term) {
  const chars = [...term]
  const keys = [keyOf(term)]
  if (chars.length >= 3) keys.push(chars[1] + chars[0], chars[1] + chars[2], chars[0] + chars[2])
  return [...new Set(keys)]
}

/* Edits from a to b (insert, delete, replace, swap two neighbours), or limit + 1. */
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let before = []
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        current[j] = Math.min(current[j], before[j - 2] + 1)
    }
    if (Math.min(...current) > limit) return limit + 1
    before = row
    row = current
  }
  return row[b.length]
}

function needsFuzzy(clause) {
  const shard = shards.get(keyOf(clause.term))
  if (shard) for (const term of shard.keys()) if (term.startsWith(clause.term)) return false
  return clause.term.length >= FUZZY_FROM
}

/* The terms nearest to a clause's (fewest edits, then most papers, then A-Z). */
function correct(clause) {
  const limit = clause.term.length >= LONG_WORD ? 2 : 1
  const near = []
  for (const key of fuzzyKeys(clause.term)) {
    for (const [term, flat] of shards.get(key) || []) {
      const edits = distance(clause.term, term, limit)
      if (edits <= limit) near.push([edits, -flat.length / 2, term])
    }
  }
  near.sort((x, y) => x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0))
  clause.corrections = near.filter(n => n[0] === near[0][0]).map(n => n[2])
}

/* A clause's best score per page: the pages touched, and a score per page (0: none).
   Typed arrays, not a Map: at 100,000 papers a common word has tens of thousands. */
function collect(clause) {
  const best = new Float64Array(manifest.pages)
  const touched = []
  const visit = (flat, weight) => {
    for (let i = 0, page = 0; i < flat.length; i += 2) {
      page += flat[i]
      const score = flat[i + 1] * weight
      if (best[page] === 0) touched.push(page)
      if (score > best[page]) best[page] = score
    }
  }
  if (clause.corrections.length) {
    for (const key of fuzzyKeys(clause.term))
      for (const [term, flat] of shards.get(key) || [])
        if (clause.corrections.includes(term)) visit(flat, FUZZY_WEIGHT)
    return { best, touched }
  }
  const prefix = clause.presence === OPTIONAL // a word in "quotes" is that word
  for (const [term, flat] of shards.get(keyOf(clause.term)) || [])
    if (term === clause.term || (prefix && term.startsWith(clause.term)))
      visit(flat, term === clause.term ? 1 : PREFIX_WEIGHT)
  return { best, touched }
}

/* A filter as the page sends it, checked: {tags: [names], since, until} (ISO days, ""
   when open), or null when it admits every paper. */
function filterOf(data) {
  if (!data || typeof data !== "object") return null
  const day = value => typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : ""
  const tags = Array.isArray(data.tags) ? data.tags.filter(t => typeof t === "string") : []
  const filter = { tags: [...new Set(tags)].sort(), since: day(data.since), until: day(data.until) }
  return filter.tags.length || filter.since || filter.until ? filter : null
}

/* The pages a filter admits, 1 in a Uint8Array (as facets.Filter.admits): any of its
   tags, a day within its range (an undated page is outside any range). */
async function admitted(filter) {
  const key = JSON.stringify(filter)
  if (admittedBy.key === key) return admittedBy.pages
  if (!facets) await load(["search/facets.js"])
  const pages = new Uint8Array(manifest.pages)
  if (filter.tags.length) {
    for (const name of filter.tags) {
      const number = facets.tags.indexOf(name)
      if (number < 0) continue
      let page = 0
      for (const gap of facets.tagged[number]) pages[page += gap] = 1
    }
  } else pages.fill(1)
  if (filter.since || filter.until) {
    const first = filter.since ? facets.days.findIndex(d => d >= filter.since) : 0
    let last = facets.days.length - 1
    if (filter.until) while (last >= 0 && facets.days[last] > filter.until) last--
    facets.day.forEach((day, page) => {
      if (day < 0 || first < 0 || day < first || day > last) pages[page] = 0
    })
  }
  admittedBy = { key, pages }
  return pages
}

/* Pages matching the clauses (all required ones) and the filter (admitted: null or 1 per
   page), best first, at most the limit. */
function rank(clauses, admitted = null) {
  const totals = new Float64Array(manifest.pages)
  const masks = new Uint32Array(manifest.pages)
  let required = 0
  clauses.forEach((clause, index) => {
    const bit = 2 ** index
    if (clause.presence === REQUIRED) required |= bit
    const { best, touched } = collect(clause)
    for (const page of touched) {
      totals[page] += best[page]
      masks[page] |= bit
    }
  })
  const found = []
  for (let page = 0; page < masks.length; page++) {
    const mask = masks[page]
    if (!mask || (mask & required) !== required || (admitted && !admitted[page])) continue
    let matched = 0
    for (let bits = mask; bits; bits &= bits - 1) matched++
    const boost = 1 + matched / clauses.length
    found.push({ page, mask, score: totals[page] * (1 + boost * boost) })
  }
  found.sort((a, b) => b.score - a.score || a.page - b.page)
  return found.slice(0, manifest.limit)
}

/* The query with each corrected word replaced by its best correction, spelled as in the
   texts shown (a title or snippet of the results), else as the term; "" if none. */
function correctedQuery(query, clauses, texts) {
  const best = new Map(clauses.filter(c => c.corrections.length).map(c => [c.term, c.corrections[0]]))
  if (!best.size) return ""
  const spelled = new Map()
  for (const text of texts)
    for (const [word] of text.matchAll(WORD)) {
      const term = fold(plain(word))
      if (!spelled.has(term)) spelled.set(term, word)
    }
  return query.split(/\s+/).filter(Boolean).map(word => {
    const found = terms(word, false)
    if (found.length !== 1 || !best.has(found[0])) return word
    const term = best.get(found[0])
    return spelled.get(term) || term
  }).join(" ")
}

/* Each clause as Material names it under a result that misses it ("Missing: word"): the
   word as typed (lower case, punctuation at its ends dropped), or its correction. */
function wordsOf(query, clauses) {
  const typed = new Map()
  for (const word of query.toLowerCase().split(/\s+/)) {
    const bare = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")
    for (const term of terms(word, false)) if (!typed.has(term)) typed.set(term, bare)
  }
  return clauses.map(c => c.corrections[0] || typed.get(c.term) || c.term)
}

/* Escaped HTML with the words a clause matched in <mark>; tags and entities are never words. */
function highlight(html, clauses) {
  const matches = word => {
    const term = fold(plain(word))
    return clauses.some(c => term.startsWith(c.term) || c.corrections.includes(term))
  }
  return html.split(/(<[^>]*>|&(?:[a-z]+|#\d+);)/).map((part, index) => index % 2 ? part :
    part.replace(WORD, word => matches(word) ? `<mark>${word}</mark>` : word)).join("")
}

/* Drop the earliest loaded shards beyond KEPT_SHARDS, except those a query needs: at
   100,000 papers a shard can weigh megabytes. */
function forget(needed) {
  for (const key of shards.keys()) {
    if (shards.size <= KEPT_SHARDS) break
    if (!needed.includes(key)) shards.delete(key)
  }
}

/* "Showing results for …" above the results, when a word was corrected: a line at the
   start of the first result's text (Material renders the text as HTML; digest.css shows
   it as a line of its own). */
function notice(corrected) {
  const escaped = corrected.replace(/[&<>]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c])
  return `<span class="digest-corrected">Showing results for <em>${escaped}</em></span>`
}

async function search(query, filter = null) {
  if (!manifest) return { items: [] }
  const clauses = parse(query)
  if (!clauses.length) return { items: [] }
  await loadShards(clauses.map(c => keyOf(c.term)))
  const fuzzy = clauses.filter(needsFuzzy)
  if (fuzzy.length) {
    await loadShards([...clauses.map(c => keyOf(c.term)), ...fuzzy.flatMap(c => fuzzyKeys(c.term))])
    fuzzy.forEach(correct)
  }
  const found = rank(clauses, filter && await admitted(filter))
  const numbers = [...new Set(found.map(f => Math.floor(f.page / manifest.chunk)))]
  await load(numbers.filter(n => !chunks.has(n)).map(n => `search/docs/${n}.js`))
  const rows = found.map(({ page }) => chunks.get(Math.floor(page / manifest.chunk))[page % manifest.chunk])
  const corrected = correctedQuery(query, clauses, rows.flatMap(([, title, text]) => [title, text]))
  const names = wordsOf(query, clauses)
  const items = found.map(({ page, mask, score }, rankNumber) => {
    const [location, title, text] = chunks.get(Math.floor(page / manifest.chunk))[page % manifest.chunk]
    const terms = Object.create(null) // a query word may be "__proto__"
    clauses.forEach((clause, index) => {
      terms[names[index]] = Boolean(mask & 2 ** index)
    })
    const shown = highlight(text, clauses)
    return [{
      location,
      title: highlight(title, clauses),
      text: corrected && rankNumber === 0 ? notice(corrected) + shown : shown,
      score,
      terms
    }]
  })
  return corrected ? { items, corrected } : { items }
}

async function setup() {
  base = new URL("../../../", scriptUrl()).href // from assets/javascripts/workers/
}

/* One query at a time, in order; a query overtaken by a newer one is not answered. */
let next = null
let running = false
async function answer(query, filter) {
  next = { query, filter }
  if (running) return
  running = true
  while (next !== null) {
    const current = next
    next = null
    let data
    try {
      data = await search(current.query, current.filter)
    } catch (error) {
      console.warn(`Search failed for ${JSON.stringify(current.query)}:`, error)
      data = { items: [] }
    }
    data.filtered = current.filter !== null // and the page knows the answer is ours
    if (next === null) postMessage({ type: RESULT, data })
  }
  running = false
}

addEventListener("message", async event => {
  const message = event.data
  if (message.type === SETUP) {
    try {
      await setup()
    } catch (error) {
      console.warn("Search index could not be loaded:", error)
    }
    postMessage({ type: READY })
  } else if (message.type === QUERY) {
    await answer(message.data, filterOf(message.filter))
  }
})
