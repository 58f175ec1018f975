/*
  Paper digest: the reader tools (README, "Reader tools").

  - A star on every paper (its page, and each entry of the home, day and tag pages) and
    "mark as read" on its page: the reading list.
  - The reading list page (reading-list.html): the starred papers with their read state,
    exported as BibTeX or JSON, and a JSON export imported back.
  - "New since your last visit" on the home and tag pages.

  Everything stays in this browser's localStorage, under keys that start with the site's
  path (two digests on one host keep apart); nothing is sent anywhere. What the script
  knows of a paper (slug, title, citation key, digest day) comes from the page: the data-
  attributes generator/render/reader.py writes, the paper's address and heading, a list
  entry's link; every text is put in the page with textContent,
  never as markup. No inline script or style: the page's Content-Security-Policy holds.
*/
(function () {
  "use strict"

  // This file is assets/reader.js: the site's root is one folder up.
  var script = document.currentScript
  var base = new URL("..", script ? script.src : location.href)
  var PREFIX = "digest:" + base.pathname + ":"
  var LIST = PREFIX + "reading-list"
  var SEEN = PREFIX + "seen"
  var VISIT = PREFIX + "visit"
  var SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/
  var DAY = /^\d{4}-\d{2}-\d{2}$/
  var KEY = /^[A-Za-z0-9_:.+-]{1,100}$/
  var FORMAT = "paper-digest reading list"

  function storage(kind) {
    try {
      var store = window[kind]
      store.setItem(PREFIX + "probe", "1")
      store.removeItem(PREFIX + "probe")
      return store
    } catch (error) {
      return null
    }
  }

  var local = storage("localStorage")
  var session = storage("sessionStorage")

  function read(store, name, fallback) {
    try {
      var value = JSON.parse(store.getItem(name))
      return value === null ? fallback : value
    } catch (error) {
      return fallback
    }
  }

  function write(store, name, value) {
    try {
      store.setItem(name, JSON.stringify(value))
      return true
    } catch (error) {
      return false
    }
  }

  // The reading list: {slug: {title, key, date, starred, read, added, bib}}.
  function papers() {
    var stored = read(local, LIST, {})
    var clean = Object.create(null)
    Object.keys(stored && typeof stored === "object" ? stored : {}).forEach(function (slug) {
      var entry = tidy(slug, stored[slug])
      if (entry) clean[slug] = entry
    })
    return clean
  }

  function text(value, length) {
    return typeof value === "string" ? value.slice(0, length) : ""
  }

  // One paper as stored or imported, checked field by field; null when it is not one.
  function tidy(slug, entry) {
    if (!SLUG.test(slug) || !entry || typeof entry !== "object") return null
    var tidied = {
      title: text(entry.title, 1000) || slug,
      key: KEY.test(entry.key) ? entry.key : "",
      date: DAY.test(entry.date) ? entry.date : "",
      starred: entry.starred !== false,
      read: entry.read === true,
      added: text(entry.added, 40),
      bib: text(entry.bib, 20000),
    }
    return tidied.starred || tidied.read ? tidied : null
  }

  function save(list) {
    return write(local, LIST, list)
  }

  // A paper's page gives its citation key and day in data- attributes, its slug in its own
  // address (papers/SLUG.html, or papers/SLUG where the server leaves out .html) and its
  // title in its heading; a list entry (span.digest-reader, on its tag list) gives its day,
  // and its link the slug and the title (text).
  var PAPER_LINK = /(?:^|\/)papers\/([a-z0-9-]+)(?:\.html)?$/

  function about(place) {
    var data = place.dataset
    var link = place.tagName === "SPAN" ? entryLink(place) : null
    var slug = (PAPER_LINK.exec(link ? link.pathname : location.pathname) || [])[1]
    if (!SLUG.test(slug || "")) return null
    var heading = link ? null : document.querySelector("article h1")
    return {
      slug: slug,
      title: text(link ? link.textContent : heading && heading.textContent, 1000) || slug,
      key: KEY.test(data.key || "") ? data.key : "",
      date: DAY.test(data.date || "") ? data.date : "",
      link: link,
    }
  }

  function entryLink(place) {
    var item = place.closest("li")
    return item && item.querySelector("strong > a")
  }

  // Change one paper's star or read state; returns the list as saved.
  function change(paper, field, value) {
    var list = papers()
    var entry = list[paper.slug] || {
      title: paper.title, key: paper.key, date: paper.date,
      starred: false, read: false, added: "", bib: "",
    }
    entry.title = paper.title || entry.title
    entry.key = paper.key || entry.key
    entry.date = paper.date || entry.date
    if (paper.bib) entry.bib = paper.bib
    entry[field] = value
    if (field === "starred" && value) entry.added = new Date().toISOString()
    if (entry.starred || entry.read) list[paper.slug] = entry
    else delete list[paper.slug]
    save(list)
    return list
  }

  function element(name, className, content) {
    var made = document.createElement(name)
    if (className) made.className = className
    if (content) made.textContent = content
    return made
  }

  // A toggle button: a glyph for the eye, a name for everyone, its state in aria-pressed.
  function toggle(className, glyphs, label, name) {
    var button = element("button", "digest-toggle " + className)
    button.type = "button"
    var glyph = element("span", "digest-toggle__glyph")
    glyph.setAttribute("aria-hidden", "true")
    button.appendChild(glyph)
    if (label) button.appendChild(element("span", "digest-toggle__label", label))
    else button.setAttribute("aria-label", name)
    button.digestGlyphs = glyphs
    return button
  }

  function show(button, pressed) {
    button.setAttribute("aria-pressed", pressed ? "true" : "false")
    button.firstChild.textContent = button.digestGlyphs[pressed ? 1 : 0]
  }

  var STAR = ["☆", "★"]
  var CHECK = ["○", "✓"]
  var tools = [] // [place, paper, star button, read button or null]

  function refresh() {
    var list = papers()
    tools.forEach(function (tool) {
      var entry = list[tool[1].slug]
      show(tool[2], Boolean(entry && entry.starred))
      if (tool[3]) show(tool[3], Boolean(entry && entry.read))
    })
  }

  // The BibTeX entry shown on a paper's page, when it is this paper's.
  function pageEntry(paper) {
    var heading = document.getElementById("cite")
    var next = heading && heading.nextElementSibling
    var code = next && next.querySelector("code")
    var entry = code ? code.textContent.trim() : ""
    return paper.key && entry.indexOf("{" + paper.key + ",") > 0 ? entry : ""
  }

  function addTools() {
    document.querySelectorAll(".digest-reader").forEach(function (place) {
      var paper = about(place)
      if (!paper) return
      var onPage = place.classList.contains("digest-reader--page")
      if (onPage) paper.bib = pageEntry(paper)
      var star = onPage
        ? toggle("digest-star", STAR, "Star")
        : toggle("digest-star", STAR, "", "Star: " + paper.title)
      if (onPage) star.title = "Keep in your reading list"
      var done = onPage ? toggle("digest-read", CHECK, "Read") : null
      star.addEventListener("click", function () {
        change(paper, "starred", star.getAttribute("aria-pressed") !== "true")
        refresh()
      })
      if (done) {
        done.title = "Mark as read"
        done.addEventListener("click", function () {
          change(paper, "read", done.getAttribute("aria-pressed") !== "true")
          refresh()
        })
      }
      if (onPage) place.append(star, done)
      else paper.link.parentNode.before(star) // before the entry's title
      tools.push([place, paper, star, done])
    })
    refresh()
  }

  // "New since your last visit": a visit is a browser session (sessionStorage); what it
  // compares with is what the previous visits had seen, kept as the newest digest day seen
  // and the slugs seen of that day. The first visit marks nothing.
  function markNew() {
    var entries = []
    document.querySelectorAll("span.digest-reader").forEach(function (place) {
      var paper = about(place)
      if (paper && paper.date) entries.push([place, paper])
    })
    if (!entries.length) return
    var visit = read(session, VISIT, null)
    if (!visit) {
      visit = {seen: read(local, SEEN, null)}
      write(session, VISIT, visit)
    }
    var before = visit.seen
    var place = document.querySelector(".digest-new-since")
    if (place && before && DAY.test(before.day) && Array.isArray(before.slugs)) {
      var count = 0
      entries.forEach(function (found) {
        var paper = found[1]
        var fresh = paper.date > before.day ||
          (paper.date === before.day && before.slugs.indexOf(paper.slug) < 0)
        if (!fresh) return
        count += 1
        paper.link.parentNode.before(element("span", "digest-new-mark", "New"))
      })
      if (count) {
        place.textContent = count + " new since your last visit"
        place.hidden = false
      }
    }
    remember(entries)
  }

  function remember(entries) {
    var seen = read(local, SEEN, null)
    var day = seen && DAY.test(seen.day) ? seen.day : ""
    var slugs = seen && Array.isArray(seen.slugs) ? seen.slugs : []
    entries.forEach(function (found) {
      if (found[1].date > day) {
        day = found[1].date
        slugs = []
      }
    })
    var known = {}
    slugs.forEach(function (slug) { known[slug] = true })
    entries.forEach(function (found) {
      if (found[1].date === day && !known[found[1].slug]) {
        known[found[1].slug] = true
        slugs.push(found[1].slug)
      }
    })
    write(local, SEEN, {day: day, slugs: slugs})
  }

  // The reading list page.

  function pageOf(slug) {
    return new URL("papers/" + slug + ".html", base).href
  }

  function ordered(list) {
    return Object.keys(list)
      .filter(function (slug) { return list[slug].starred })
      .sort(function (a, b) {
        return list[b].added < list[a].added ? -1 : list[b].added > list[a].added ? 1 :
          a < b ? -1 : a > b ? 1 : 0
      })
  }

  function exportJson(list) {
    var data = {
      format: FORMAT,
      version: 1,
      papers: ordered(list).map(function (slug) {
        var entry = list[slug]
        return {
          slug: slug, title: entry.title, key: entry.key, date: entry.date,
          starred: entry.starred, read: entry.read, added: entry.added,
        }
      }),
    }
    return JSON.stringify(data, null, 2) + "\n"
  }

  function braces(value) {
    return value.replace(/[\\{}]/g, function (c) { return c === "\\" ? "\\textbackslash{}" : "\\" + c })
  }

  function fetchText(name) {
    return fetch(new URL(name, base).href).then(function (answer) {
      return answer.ok ? answer.text() : ""
    }).catch(function () { return "" })
  }

  // A large digest's papers.bib names its parts (generator/discover/parts.py), one
  // "@comment{part: papers-1.bib}" line each: their entries, in order.
  function digestBibtex() {
    return fetchText("papers.bib").then(function (bib) {
      var parts = []
      bib.replace(/^@comment\{part: (papers-\d+\.bib)\}$/gm, function (_, name) { parts.push(name) })
      return parts.length ? Promise.all(parts.map(fetchText)).then(function (texts) {
        return texts.join("\n")
      }) : bib
    })
  }

  // Each starred paper's entry: from the site's papers.bib over HTTP (the digest's own
  // entries), else the one kept when it was starred on its page, else a short one made
  // here (from file://, browsers refuse to read papers.bib).
  function exportBibtex(list) {
    var wanted = ordered(list)
    var http = /^https?:$/.test(location.protocol)
    var fetched = http ? digestBibtex() : Promise.resolve("")
    var keys = http ? Promise.all(wanted.map(function (slug) {
      return list[slug].key ? null : keyOf(slug).then(function (key) { list[slug].key = key })
    })) : Promise.resolve()
    return Promise.all([fetched, keys]).then(function (got) {
      var bib = got[0]
      var known = {}
      bib.split(/\n(?=@)/).forEach(function (entry) {
        var found = /^@\w+\{([^,\s]+),/.exec(entry.trim())
        if (found) known[found[1]] = entry.trim()
      })
      return wanted.map(function (slug) {
        var entry = list[slug]
        return known[entry.key] || entry.bib ||
          "@misc{" + (entry.key || slug) + ",\n  title = {{" + braces(entry.title) + "}},\n" +
          "  url = {" + pageOf(slug) + "}\n}"
      }).join("\n\n") + "\n"
    })
  }

  // A paper's citation key, from the data- attribute of its page (parsed, never run).
  function keyOf(slug) {
    return fetch(pageOf(slug)).then(function (answer) {
      return answer.ok ? answer.text() : ""
    }).then(function (page) {
      var place = new DOMParser().parseFromString(page, "text/html")
        .querySelector(".digest-reader--page")
      var key = place ? place.dataset.key : ""
      return KEY.test(key || "") ? key : ""
    }).catch(function () { return "" })
  }

  function download(name, type, content) {
    var url = URL.createObjectURL(new Blob([content], {type: type}))
    var link = element("a", "digest-download-link")
    link.href = url
    link.download = name
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(function () { URL.revokeObjectURL(url) }, 10000)
  }

  function importJson(content) {
    var data = JSON.parse(content)
    var given = Array.isArray(data) ? data : data && data.papers
    if (!Array.isArray(given)) throw new Error("expected a reading list export, with a papers list")
    var list = papers()
    var added = 0
    var skipped = 0
    given.forEach(function (item) {
      var entry = item && typeof item === "object" ? tidy(item.slug, item) : null
      if (!entry) {
        skipped += 1
        return
      }
      var had = list[item.slug]
      if (!had) added += 1
      else {
        entry.starred = entry.starred || had.starred
        entry.read = entry.read || had.read
        entry.added = had.added || entry.added
        entry.bib = had.bib || entry.bib
      }
      entry.added = entry.added || new Date().toISOString()
      list[item.slug] = entry
    })
    save(list)
    return "Imported " + given.length + " papers: " + added + " new" +
      (skipped ? ", " + skipped + " not papers (left out)" : "") + "."
  }

  function readingList(place) {
    var list = papers()
    var slugs = ordered(list)
    var message = element("p", "digest-reading-message")
    message.setAttribute("role", "status")
    var items = element("ul", "digest-reading-items")
    slugs.forEach(function (slug) {
      var entry = list[slug]
      var item = element("li", entry.read ? "digest-reading-item digest-is-read" : "digest-reading-item")
      var link = element("a", "", entry.title)
      link.href = pageOf(slug)
      var paper = {slug: slug, title: entry.title, key: entry.key, date: entry.date}
      var star = toggle("digest-star", STAR, "", "Star: " + entry.title)
      var done = toggle("digest-read", CHECK, "", "Read: " + entry.title)
      show(star, true)
      show(done, entry.read)
      star.addEventListener("click", function () {
        var starred = star.getAttribute("aria-pressed") !== "true"
        change(paper, "starred", starred)
        show(star, starred)
      })
      done.addEventListener("click", function () {
        var isRead = done.getAttribute("aria-pressed") !== "true"
        change(paper, "read", isRead)
        show(done, isRead)
        item.classList.toggle("digest-is-read", isRead)
      })
      item.append(star, done, " ", link)
      items.appendChild(item)
    })
    var readCount = slugs.filter(function (slug) { return list[slug].read }).length
    var count = element("p", "digest-reading-count",
      slugs.length
        ? slugs.length + (slugs.length === 1 ? " paper" : " papers") + ", " + readCount + " read."
        : "No papers yet: star one (☆) on its page or in a list.")

    var actions = element("div", "digest-reading-actions")
    var bibtex = element("button", "digest-action", "Export BibTeX")
    var json = element("button", "digest-action", "Export JSON")
    bibtex.type = json.type = "button"
    bibtex.addEventListener("click", function () {
      exportBibtex(papers()).then(function (content) {
        download("reading-list.bib", "application/x-bibtex", content)
      })
    })
    json.addEventListener("click", function () {
      download("reading-list.json", "application/json", exportJson(papers()))
    })
    var label = element("label", "digest-import", "Import JSON: ")
    var input = element("input")
    input.type = "file"
    input.accept = ".json,application/json"
    label.appendChild(input)
    input.addEventListener("change", function () {
      var file = input.files && input.files[0]
      if (!file) return
      file.text().then(function (content) {
        var said
        try {
          said = importJson(content)
        } catch (error) {
          said = "Not imported: " + file.name + " is not a reading list export (" + error.message + ")."
        }
        readingList(place)
        place.querySelector(".digest-reading-message").textContent = said
      })
    })
    actions.append(bibtex, json, label)
    place.replaceChildren(count, items, actions, message)
  }

  if (!local) {
    var list = document.querySelector(".digest-reading-list")
    if (list) {
      list.textContent = "This browser keeps no storage for this page, so there is no reading list here."
    }
    return
  }
  addTools()
  markNew()
  var page = document.querySelector(".digest-reading-list")
  if (page) readingList(page)
  window.addEventListener("storage", function (event) {
    if (event.key !== LIST) return
    refresh()
    if (page) readingList(page)
  })
})()
