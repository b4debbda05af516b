/* The site's search: reads the index written by the build (generator/site/search_index.py),
 * a few small files fetched when a reader first types, never before.
 *
 * A query is folded with the table the index was folded with (meta.json "fold", made by
 * generator/site/search_text.py): "Hòa", "Hoà" and "hoa", "Đoàn" and "doan", "Ch'ơm" and
 * "chom" are the same word. Every word of the query must be a word of the result; the last
 * one, while it is not a word of the index, stands for the words it begins (typing "chan"
 * already finds "Chánh"). Results with more of the query's words in their title come first,
 * then in the index's order (localities, sponsors, partnerships, pages, activities).
 * Record text is only ever set as text (textContent), never parsed as markup.
 *
 * From disk (the offline copy, file://) the browser fetches nothing: the offline build writes
 * each file also as a script beside it (w/phu.js beside w/phu.json) calling
 * ketnghiaSearchFile(name, data), loaded by a <script> element when the file is wanted. */
(function () {
  "use strict";
  var root = document.querySelector("[data-ketnghia-search]");
  var script = document.currentScript;
  var fromDisk = location.protocol === "file:";
  if (!root || !script || !(window.fetch || fromDisk)) return;
  var base = new URL("../", script.src);  // this file is javascripts/search.js below the site root
  var folder = new URL("tim-kiem/", base);
  var input = root.querySelector("input.md-search__input");
  var form = root.querySelector("form");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var toggle = document.getElementById("__search");
  var WORD = /[\p{L}\p{N}]+/gu;
  var PLAIN_KEY = /^[a-z0-9]+$/;
  var MAX_WORD = 40, MAX_TERMS = 8, PAGE = 10;
  var files = {};  // path -> Promise of its JSON
  var loading = Object.create(null);  // from disk: path -> true while its script loads
  var handed = Object.create(null);  // from disk: path -> the data its script handed over
  var asked = 0;  // the latest query: answers to older ones are dropped
  var shown = { results: [], count: 0 };

  /* From disk: the script of the file `path`, its data once it has run. Its load event comes
   * after it ran; its error event (no such file) or a script that handed nothing rejects. */
  function loadScript(path) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      function done(event) {
        element.removeEventListener("load", done);
        element.removeEventListener("error", done);
        if (element.parentNode) element.parentNode.removeChild(element);
        var found = event.type === "load" && path in handed;
        var data = handed[path];
        delete handed[path];
        delete loading[path];
        if (found) resolve(data);
        else reject(new Error("not found: " + path));
      }
      loading[path] = true;
      element.addEventListener("load", done);
      element.addEventListener("error", done);
      element.src = new URL(path.replace(/\.json$/, ".js"), folder).href;
      document.head.appendChild(element);
    });
  }
  /* Called by those scripts; a file nobody asked for is ignored. */
  window.ketnghiaSearchFile = function (path, data) {
    if (loading[path] === true) handed[path] = data;
  };

  function load(path) {
    if (!files[path]) {
      files[path] = fromDisk ? loadScript(path) : fetch(new URL(path, folder).href).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + path);
        return response.json();
      });
      files[path].catch(function () { delete files[path]; });  // tried again next time
    }
    return files[path];
  }

  function fold(text, table) {
    var out = "";
    for (var ch of text.normalize("NFC").toLowerCase()) {
      var folded = table[ch];
      out += folded === undefined ? ch : folded;
    }
    return out;
  }

  function words(text, table) {
    var found = fold(text, table).match(WORD) || [];
    var seen = {}, terms = [];
    found.forEach(function (w) {
      if (Array.from(w).length <= MAX_WORD && !seen[w]) { seen[w] = true; terms.push(w); }
    });
    return terms.slice(0, MAX_TERMS);
  }

  function keyOf(word, length) { return Array.from(word).slice(0, length).join(""); }

  function fileName(key) {
    if (PLAIN_KEY.test(key)) return key;
    return "_" + Array.from(new TextEncoder().encode(key), function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  /* A set of entry numbers: gaps from one to the next, or a bitmap in base64. */
  function numbers(encoded) {
    var found = [], i;
    if (typeof encoded === "string") {
      var bytes = atob(encoded);
      for (i = 0; i < bytes.length; i++) {
        var byte = bytes.charCodeAt(i);
        for (var bit = 0; byte; bit++, byte >>= 1) if (byte & 1) found.push(i * 8 + bit);
      }
      return found;
    }
    var last = 0;
    for (i = 0; i < encoded.length; i++) { last += encoded[i]; found.push(last); }
    return found;
  }

  /* The postings of one query word: [in titles, elsewhere], for the word itself or, for the
   * last word when it is no word of the index, for every word it begins. */
  function postings(term, isLast, index) {
    var key = keyOf(term, index.key);
    if (index.keys.indexOf(key) < 0) return Promise.resolve([]);
    return load("w/" + fileName(key) + ".json").then(function (shard) {
      if (Object.prototype.hasOwnProperty.call(shard, term)) return [shard[term]];
      if (!isLast || Array.from(term).length < index.key) return [];
      return Object.keys(shard).filter(function (w) { return w.lastIndexOf(term, 0) === 0; })
        .map(function (w) { return shard[w]; });
    });
  }

  /* Entries holding every term, best first: [entry number, …]. */
  function rank(perTerm, count) {
    var hits = new Uint8Array(count), titles = new Uint8Array(count), results = [];
    perTerm.forEach(function (lists, t) {
      // Titles of every word the term stands for first: an entry with one of them in its title
      // counts as a title hit, whichever word's list comes first.
      [0, 1].forEach(function (part) {
        lists.forEach(function (pair) {
          numbers(pair[part]).forEach(function (n) {
            if (hits[n] === t) { hits[n] = t + 1; if (part === 0) titles[n]++; }
          });
        });
      });
    });
    var all = perTerm.length;
    for (var n = 0; n < count; n++) if (hits[n] === all) results.push(n);
    results.sort(function (a, b) { return titles[b] - titles[a] || a - b; });
    return results;
  }

  function search(query) {
    return load("meta.json").then(function (index) {
      var terms = words(query, index.fold);
      if (!terms.length) return null;
      return Promise.all(terms.map(function (term, i) { return postings(term, i === terms.length - 1, index); }))
        .then(function (perTerm) {
          // A last word of one or two letters, still being typed and no word itself, narrows
          // nothing yet: the results of the words before it stay rather than none.
          var typing = Array.from(terms[terms.length - 1]).length < index.key;
          if (typing && terms.length > 1 && !perTerm[perTerm.length - 1].length) perTerm = perTerm.slice(0, -1);
          if (perTerm.some(function (lists) { return !lists.length; })) return { results: [], index: index };
          return { results: rank(perTerm, index.entries), index: index };
        });
    });
  }

  function entries(numbers, index) {
    var chunks = {};
    numbers.forEach(function (n) { chunks[Math.floor(n / index.chunk)] = true; });
    var wanted = Object.keys(chunks);
    return Promise.all(wanted.map(function (c) { return load("e/" + c + ".json"); })).then(function (loaded) {
      var byChunk = {};
      wanted.forEach(function (c, i) { byChunk[c] = loaded[i]; });
      return numbers.map(function (n) { return byChunk[Math.floor(n / index.chunk)][n % index.chunk]; });
    });
  }

  function say(text) { meta.textContent = text; }

  function countText(count) {
    if (count === 0) return root.dataset.none;
    if (count === 1) return root.dataset.one;
    return root.dataset.other.replace("#", count.toLocaleString("vi-VN"));
  }

  function item(entry) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    var target = new URL(entry[0], base);
    // The index holds paths of this site only. From disk every origin is "null" (javascript:
    // and data: URLs too), so the link must also start with the site's own address.
    var ours = target.protocol === base.protocol && target.href.indexOf(base.href) === 0;
    a.href = ours ? target.href : base.href;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    title.textContent = entry[1];
    article.appendChild(title);
    if (entry[2]) {
      var context = document.createElement("p");
      context.textContent = entry[2];
      article.appendChild(context);
    }
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function more(index, ticket) {
    var next = shown.results.slice(shown.count, shown.count + PAGE);
    return entries(next, index).then(function (found) {
      if (ticket !== asked) return;
      var old = list.querySelector(".ketnghia-search-more");
      if (old) old.parentNode.removeChild(old);
      found.forEach(function (entry) { list.appendChild(item(entry)); });
      shown.count += next.length;
      if (shown.count < shown.results.length) {
        var li = document.createElement("li");
        li.className = "ketnghia-search-more";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button";
        button.textContent = root.dataset.more;
        button.addEventListener("click", function () {
          li.parentNode.removeChild(li);  // a second tap while the entries load must not add them twice
          more(index, ticket);
        });
        li.appendChild(button);
        list.appendChild(li);
      }
    });
  }

  function run() {
    var ticket = ++asked;
    var query = input.value;
    return search(query).then(function (found) {
      if (ticket !== asked) return;
      list.textContent = "";
      if (found === null) { say(root.dataset.placeholder); return; }
      shown = { results: found.results, count: 0 };
      say(countText(found.results.length));
      return more(found.index, ticket);
    }).catch(function () {
      if (ticket === asked) say(root.dataset.failed);
    });
  }

  /* The box opened: the reader is about to type, the index's list of files can come now. */
  function open() {
    if (toggle && !toggle.checked) toggle.checked = true;
    load("meta.json").catch(function () {});
    words("Đ", {});  // compiles the word pattern (Unicode classes) before the first key
  }
  function close() { if (toggle) toggle.checked = false; input.blur(); }

  input.addEventListener("input", run);
  input.addEventListener("focus", open);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { close(); }
    else if (event.key === "Enter") {
      event.preventDefault();
      var first = list.querySelector("a.md-search-result__link");
      if (first) { close(); first.click(); }
    }
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  /* "/" or "s" outside a field opens the search, as in Material's own. */
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if ((event.key !== "/" && event.key !== "s") || event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    open();
    input.focus();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { asked++; list.textContent = ""; say(root.dataset.placeholder); input.focus(); }, 0);
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) close();
  });
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  document.querySelectorAll("label[for='__search']").forEach(function (label) {
    label.addEventListener("pointerdown", function () { load("meta.json").catch(function () {}); });
  });
  /* For scripts and tests: every result of a query, as [URL from the site root, title, context]. */
  window.ketnghiaSearch = {
    /* The query put in the box: resolves once its results are shown. */
    typed: function (query) { open(); input.value = query; return run(); },
    open: open,
    words: function (text) { return load("meta.json").then(function (index) { return words(text, index.fold); }); },
    find: function (query) {
      return search(query).then(function (found) { return found ? entries(found.results, found.index) : []; });
    }
  };
})();
