/*
  Paper digest: search filters (README, "Reader tools"). Restrict search results to some
  tags (any of them) and to a range of digest days, from a small form at the top of
  Material's search results; kept in the page's address (?q=words&tag=speech&since=
  2025-03-01&until=2025-03-31), so a filtered search can be shared and reopens filtered.

  Material's page script sends the search worker the search box's text only, so this
  script, loaded before Material's, wraps the Worker constructor: the search worker's
  QUERY messages get our filter ({tags, since, until}) added. Our sharded worker
  (generator/search/assets/search-worker.js) ranks only the papers the filter admits,
  before its result limit, and says in each answer whether it did ({filtered}). Material's own worker
  (lunr, kept for small digests: search_shards_above) ignores the filter and answers
  every match; this script then keeps only the admitted ones, reading each paper's tags
  and day from search/facets.js (generator/search/facets.py), before Material shows them.

  The form's choices (tags with their counts, the first and last day) come from
  search/filters.js, loaded when search first opens. Every text is set with textContent.
  No inline script or style: the page's Content-Security-Policy holds.
*/
(function () {
  "use strict"

  var QUERY = 2
  var READY = 1
  var RESULT = 3
  var DAY = /^\d{4}-\d{2}-\d{2}$/
  var SEARCH_WORKER = /\/workers\/search\.[^/]*\.js(?:$|\?)/
  var PARAMS = ["tag", "since", "until"]
  // This file is assets/search-filters.js: the site's root is one folder up.
  var script = document.currentScript
  var base = new URL("..", script ? script.src : location.href)

  var filter = fromParams(new URL(location.href).searchParams)
  var worker = null // Material's search worker, once it is made
  var ready = false // the worker answered SETUP
  var choices = null // search/filters.js: {tags: [[name, papers]], days: [first, last]}
  var facets = null // search/facets.js, for lunr's results: {locations, days, tags, day, tagged}
  var facetsLoading = null
  var admittedBy = { key: "", locations: null }

  function fromParams(params) {
    var tags = params.getAll("tag").filter(function (tag) { return tag.length > 0 && tag.length < 200 })
    var day = function (value) { return DAY.test(value || "") ? value : "" }
    return { tags: unique(tags), since: day(params.get("since")), until: day(params.get("until")) }
  }

  function unique(names) {
    return names.filter(function (name, index) { return names.indexOf(name) === index }).sort()
  }

  function active() {
    return filter.tags.length > 0 || filter.since !== "" || filter.until !== ""
  }

  /* The search worker, as Material makes it, with our filter added to each query. */
  var Base = window.Worker
  if (typeof Base === "function") {
    window.Worker = class extends Base {
      constructor(url, options) {
        super(url, options)
        if (SEARCH_WORKER.test(String(url))) adopt(this)
      }
    }
  }

  function adopt(instance) {
    worker = instance
    var post = instance.postMessage.bind(instance)
    instance.postMessage = function (message) {
      if (message && message.type === QUERY && active()) {
        var copy = { type: message.type, data: message.data }
        copy.filter = { tags: filter.tags.slice(), since: filter.since, until: filter.until }
        return post(copy)
      }
      return post.apply(null, arguments)
    }
    // Heard before Material's own listener: lunr's results are narrowed in place.
    instance.addEventListener("message", function (event) {
      var message = event.data
      if (message && message.type === READY) ready = true
      if (message && message.type === RESULT) narrow(message.data)
    })
  }

  /* Keep only the admitted papers of a result the worker did not filter (lunr). Until
     the facets are loaded, show nothing and ask again once they are. */
  function narrow(result) {
    if (!result || !Array.isArray(result.items) || "filtered" in result || !active()) return
    if (!facets) {
      result.items.length = 0
      loadFacets().then(rerun)
      return
    }
    var admitted = admittedLocations()
    var kept = result.items.filter(function (group) {
      var location = String(group[0] && group[0].location).split("#")[0]
      return admitted.has(location)
    })
    result.items.splice.apply(result.items, [0, result.items.length].concat(kept))
  }

  /* The locations the filter admits, as generator/search/facets.py's Filter.admits. */
  function admittedLocations() {
    var key = JSON.stringify(filter)
    if (admittedBy.key === key) return admittedBy.locations
    var pages = new Uint8Array(facets.locations.length)
    if (filter.tags.length) {
      filter.tags.forEach(function (name) {
        var number = facets.tags.indexOf(name)
        if (number < 0) return
        var page = 0
        facets.tagged[number].forEach(function (gap) { pages[page += gap] = 1 })
      })
    } else pages.fill(1)
    var locations = new Set()
    facets.locations.forEach(function (location, page) {
      var day = facets.days[facets.day[page]] || ""
      var ranged = filter.since || filter.until
      if (ranged && (!day || (filter.since && day < filter.since) || (filter.until && day > filter.until))) return
      if (pages[page]) locations.add(location)
    })
    admittedBy = { key: key, locations: locations }
    return locations
  }

  function load(path) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement("script")
      element.src = new URL(path, base).href
      element.onload = resolve
      element.onerror = function () { reject(new Error("cannot load " + path)) }
      document.head.appendChild(element)
    })
  }

  window.__digestFacets = function (data) {
    if (data && Array.isArray(data.locations)) facets = data // only lunr's has locations
  }
  window.__digestFilters = function (data) {
    choices = data
  }

  function loadFacets() {
    if (!facetsLoading) facetsLoading = load("search/facets.js").catch(function () {})
    return facetsLoading
  }

  /* Ask the worker again for the search box's words, with the filter as it is now. */
  function rerun() {
    var input = document.querySelector("[data-md-component=search-query]")
    if (worker && ready && input && input.value) worker.postMessage({ type: QUERY, data: input.value })
  }

  /* ---- The form, at the top of the search results ---- */

  function element(tag, attributes, text) {
    var made = document.createElement(tag)
    Object.keys(attributes || {}).forEach(function (name) { made.setAttribute(name, attributes[name]) })
    if (text) made.textContent = text
    return made
  }

  function dayText(day) {
    var parts = day.split("-").map(Number)
    var date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]))
    return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })
  }

  function mount() {
    var search = document.querySelector("[data-md-component=search]")
    var input = document.querySelector("[data-md-component=search-query]")
    var toggle = document.querySelector("[data-md-toggle=search]")
    var wrap = search && search.querySelector(".md-search__scrollwrap")
    if (!wrap || !input || !toggle) return

    var panel = element("div", { class: "digest-filters", role: "group", "aria-label": "Search filters" })
    var bar = element("div", { class: "digest-filters__bar" })
    var opener = element("button", {
      type: "button",
      class: "digest-filters__toggle",
      "aria-expanded": "false",
      "aria-controls": "digest-filters-form"
    })
    var chips = element("ul", { class: "digest-filters__chips", "aria-label": "Active filters" })
    var form = element("form", { id: "digest-filters-form", class: "digest-filters__form" })
    form.hidden = true
    var tagSet = element("fieldset", { class: "digest-filters__tags" })
    tagSet.appendChild(element("legend", {}, "Tags (any of them)"))
    var tagList = element("div", { class: "digest-filters__tag-list" })
    tagSet.appendChild(tagList)
    var daySet = element("fieldset", { class: "digest-filters__days" })
    daySet.appendChild(element("legend", {}, "Digest days"))
    var since = dayInput("since", "From day")
    var until = dayInput("until", "To day")
    daySet.appendChild(since.label)
    daySet.appendChild(until.label)
    var clear = element("button", { type: "button", class: "digest-filters__clear" }, "Clear filters")
    form.appendChild(tagSet)
    form.appendChild(daySet)
    form.appendChild(clear)
    bar.appendChild(opener)
    bar.appendChild(chips)
    panel.appendChild(bar)
    panel.appendChild(form)
    wrap.insertBefore(panel, wrap.firstChild)

    function dayInput(name, text) {
      var label = element("label", { class: "digest-filters__day" })
      label.appendChild(element("span", {}, text))
      var field = element("input", { type: "date", name: name })
      label.appendChild(field)
      return { label: label, field: field }
    }

    function show() {
      var count = filter.tags.length + (filter.since ? 1 : 0) + (filter.until ? 1 : 0)
      opener.textContent = count ? "Filters (" + count + ")" : "Filters"
      chips.textContent = ""
      filter.tags.forEach(function (name) { chip(name, "tag " + name, function () { setTags(filter.tags.filter(function (t) { return t !== name })) }) })
      if (filter.since) chip("from " + dayText(filter.since), "from " + filter.since, function () { setDay("since", "") })
      if (filter.until) chip("to " + dayText(filter.until), "to " + filter.until, function () { setDay("until", "") })
      chips.hidden = !count
      since.field.value = filter.since
      until.field.value = filter.until
      tagList.querySelectorAll("input").forEach(function (box) { box.checked = filter.tags.indexOf(box.value) >= 0 })
    }

    function chip(text, spoken, remove) {
      var item = element("li")
      var button = element("button", { type: "button", class: "digest-chip", "aria-label": "Remove filter: " + spoken })
      button.appendChild(element("span", {}, text))
      button.appendChild(element("span", { class: "digest-chip__x", "aria-hidden": "true" }, "×"))
      button.addEventListener("click", function () {
        remove()
        opener.focus() // the chip is gone: keep the keyboard near
      })
      item.appendChild(button)
      chips.appendChild(item)
    }

    function changed() {
      show()
      writeUrl(true)
      rerun()
    }

    function setTags(tags) {
      filter = { tags: unique(tags), since: filter.since, until: filter.until }
      changed()
    }

    function setDay(name, value) {
      var next = { tags: filter.tags, since: filter.since, until: filter.until }
      next[name] = DAY.test(value) ? value : ""
      filter = next
      changed()
    }

    function fill() {
      if (!choices || tagList.childElementCount) return
      choices.tags.forEach(function (pair) {
        var label = element("label", { class: "digest-filters__tag" })
        var box = element("input", { type: "checkbox", value: pair[0] })
        box.checked = filter.tags.indexOf(pair[0]) >= 0
        label.appendChild(box)
        label.appendChild(element("span", {}, pair[0]))
        label.appendChild(element("span", { class: "digest-filters__count" }, "(" + pair[1] + ")"))
        tagList.appendChild(label)
      })
      if (choices.days.length) {
        ;[since.field, until.field].forEach(function (field) {
          field.min = choices.days[0]
          field.max = choices.days[choices.days.length - 1]
        })
      }
    }

    function writeUrl(open) {
      var url = new URL(location.href)
      PARAMS.forEach(function (name) { url.searchParams.delete(name) })
      if (open && (input.value || active())) {
        url.searchParams.set("q", input.value)
        filter.tags.forEach(function (name) { url.searchParams.append("tag", name) })
        if (filter.since) url.searchParams.set("since", filter.since)
        if (filter.until) url.searchParams.set("until", filter.until)
      } else url.searchParams.delete("q")
      if (url.href !== location.href) history.replaceState(history.state, "", url.href)
    }

    opener.addEventListener("click", function () {
      var open = form.hidden
      form.hidden = !open
      opener.setAttribute("aria-expanded", String(open))
      if (open) (tagList.querySelector("input") || since.field).focus()
    })
    tagList.addEventListener("change", function (event) {
      var box = event.target
      if (!box || box.type !== "checkbox") return
      var tags = filter.tags.filter(function (name) { return name !== box.value })
      setTags(box.checked ? tags.concat([box.value]) : tags)
    })
    ;[since, until].forEach(function (day) {
      day.field.addEventListener("change", function () { setDay(day.field.name, day.field.value) })
    })
    clear.addEventListener("click", function () {
      filter = { tags: [], since: "", until: "" }
      changed()
    })
    form.addEventListener("submit", function (event) { event.preventDefault() })

    // Material's keys for the open search (any key: back to the search box; Tab: close
    // it) are for its box and results: in the filters, keys do what they always do.
    panel.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") event.stopPropagation()
    })
    // Tab from the search box reaches the filters instead of closing search.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Tab" && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault()
        event.stopPropagation()
        opener.focus()
      }
    })
    input.addEventListener("keyup", function () { writeUrl(toggle.checked) })
    toggle.addEventListener("change", function () {
      if (toggle.checked) opened()
      // After Material's own handling: from ?q=, it opens search, then fills the box.
      setTimeout(function () { writeUrl(toggle.checked) })
    })

    function opened() {
      if (choices) return fill()
      load("search/filters.js").then(fill, function () {})
    }

    show()
    if (toggle.checked) opened()
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount)
  else mount()
})()
