/* The site's search: reads the index written by the build (generator/site/search_index.py),
 * a few small files fetched when a reader first types, never before. Loaded by search-box.js
 * when the reader opens the box; it then takes the box over.
 *
 * A query is folded with the table the index was folded with (meta.json "fold", made by
 * generator/folding.py): "Hòa", "Hoà" and "hoa", "Đoàn" and "doan", "Ch'ơm" and
 * "chom" are the same word. Every word of the query must be a word of the result; the last
 * one, while it is not a word of the index, stands for the words it begins (typing "chan"
 * already finds "Chánh"), and in a query of several words each also stands for the names
 * with a word it begins ("la de" finds La Dêê). Two neighbouring words are also tried joined
 * ("a vuong" finds xa Avuong; the index joins the names' words, so "hoian" finds Hoi An).
 * Nothing found: each word of four letters or more (or three, for a word of four) also stands
 * for the words one typo away ("tra leg" finds Trà Leng); still nothing: a query is offered.
 * The whole name typed ("tra my", "xa tra my") comes first, then results with more of the
 * query's words in their title, then the index's order (names, localities, sponsors,
 * partnerships, pages, activities).
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

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function length(word) { return Array.from(word).length; }
  function begins(word, start) { return word !== start && word.lastIndexOf(start, 0) === 0 && /^[\p{L}\p{N}]+$/u.test(word); }

  /* The word file holding `word` ({} when the index has none). */
  function shardOf(word, index) {
    if (!index.keySet) index.keySet = new Set(index.keys);
    var key = keyOf(word, index.key);
    return index.keySet.has(key) ? load("w/" + fileName(key) + ".json") : Promise.resolve({});
  }

  /* The postings of one query word: a list of [in titles, elsewhere, names only]. The word
   * itself; the last word, when it is no word of the index, every word it begins; in a query of
   * several words, also the names with a word it begins ("la de" finds La Dêê). */
  function postings(term, isLast, several, index) {
    return shardOf(term, index).then(function (shard) {
      var own = has(shard, term);
      var lists = own ? [shard[term]] : [];
      var short = length(term) < index.key;
      if (isLast && !own && !short) {
        Object.keys(shard).forEach(function (w) { if (begins(w, term)) lists.push(shard[w]); });
      } else if (several || (isLast && !own)) {
        if (short) { if (has(shard, term + "*")) lists.push([shard[term + "*"], [], true]); }
        else Object.keys(shard).forEach(function (w) { if (begins(w, term)) lists.push([shard[w][0], [], true]); });
      }
      return lists;
    });
  }

  /* Two words apart by one typo (a letter more, less, changed, or two swapped): 1; else 2 or more. */
  function distance(a, b) {
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) > 2) return 3;
    var rows = [], i, j;
    for (i = 0; i <= a.length; i++) { rows.push([i]); }
    for (j = 1; j <= b.length; j++) rows[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
        rows[i][j] = best;
      }
    }
    return rows[a.length][b.length];
  }

  /* Words of the index close to `term` (the typo files: search_index.py), nearest first:
   * [[word, distance], …]. */
  function nearWords(term, index) {
    var letters = Array.from(term);
    if (letters.length < index.typo[1] - 1 || letters.length > 21 || !/^\p{L}+$/u.test(term)) return Promise.resolve([]);
    if (!index.typoSet) index.typoSet = new Set(index.typoKeys.split(" "));
    var forms = [term];
    letters.forEach(function (_, i) { forms.push(letters.slice(0, i).concat(letters.slice(i + 1)).join("")); });
    var keys = {};
    forms.forEach(function (form) {
      var key = keyOf(form, index.typo[0]);
      if (index.typoSet.has(key)) keys[key] = true;
    });
    var wanted = Object.keys(keys);
    return Promise.all(wanted.map(function (key) { return load("t/" + fileName(key) + ".json"); })).then(function (shards) {
      var seen = {}, near = [];
      shards.forEach(function (shard) {
        forms.forEach(function (form) {
          (has(shard, form) ? shard[form] : []).forEach(function (word) {
            if (seen[word] || word === term) return;
            seen[word] = true;
            near.push([word, distance(term, word)]);
          });
        });
      });
      return near.sort(function (a, b) { return a[1] - b[1] || (a[0] < b[0] ? -1 : 1); });
    });
  }

  /* One typo in a word of four letters or more: the postings of the words one typo away. */
  function typoPostings(term, index) {
    return nearWords(term, index).then(function (near) {
      var close = near.filter(function (pair) {
        return pair[1] === 1 && Math.max(length(pair[0]), length(term)) >= index.typo[1];
      });
      return Promise.all(close.map(function (pair) {
        return shardOf(pair[0], index).then(function (shard) { return has(shard, pair[0]) ? [shard[pair[0]]] : []; });
      })).then(function (found) { return [].concat.apply([], found); });
    });
  }

  /* Entries holding every term, with the number of terms each holds in its title:
   * {number: titles}. */
  function matches(perTerm, index) {
    var count = index.entries;
    var hits = new Uint8Array(count), titles = new Uint8Array(count), found = {};
    perTerm.forEach(function (lists, t) {
      // Titles of every word the term stands for first: an entry with one of them in its title
      // counts as a title hit, whichever word's list comes first.
      [0, 1].forEach(function (part) {
        lists.forEach(function (list) {
          if (part === 1 && list[2]) return;
          numbers(list[part]).forEach(function (n) {
            if (list[2] && n >= index.names) return;  // names only
            if (hits[n] === t) { hits[n] = t + 1; if (part === 0) titles[n]++; }
          });
        });
      });
    });
    var all = perTerm.length;
    for (var n = 0; n < count; n++) if (hits[n] === all) found[n] = titles[n];
    return found;
  }

  /* The query's words, and the same with two neighbours joined ("a vuong" also as "avuong"). */
  function variants(terms) {
    var all = [terms];
    for (var i = 0; i + 1 < terms.length; i++) {
      all.push(terms.slice(0, i).concat([terms[i] + terms[i + 1]], terms.slice(i + 2)));
    }
    return all;
  }

  function search(query) {
    return load("meta.json").then(function (index) {
      var terms = words(query, index.fold);
      if (!terms.length) return null;
      return find(terms, index, false).then(function (results) {
        if (results.length) return { results: results, index: index };
        return find(terms, index, true).then(function (again) {
          if (again.length) return { results: again, index: index };
          return suggest(terms, index).then(function (suggestion) {
            return { results: [], index: index, suggestion: suggestion };
          });
        });
      });
    });
  }

  /* Entries found by every word (or its typos, with `typos`) of one of the variants, best
   * first: the whole name typed ("tra my" is xã Trà My), then more words in the title, then the
   * index's order. */
  function find(terms, index, typos) {
    var cache = {};
    function lists(term, isLast, several) {
      var key = term + "|" + isLast + "|" + several;
      if (!cache[key]) {
        cache[key] = postings(term, isLast, several, index).then(function (own) {
          return typos ? typoPostings(term, index).then(function (more) { return own.concat(more); }) : own;
        });
      }
      return cache[key];
    }
    var whole = terms.join("");
    var exact = shardOf(whole, index).then(function (shard) {
      return has(shard, "=" + whole) ? numbers(shard["=" + whole][0]) : [];
    });
    var found = (typos ? [terms] : variants(terms)).map(function (variant) {
      return Promise.all(variant.map(function (term, i) { return lists(term, i === variant.length - 1, variant.length > 1); }))
        .then(function (perTerm) {
          // A last word of one or two letters, still being typed and no word itself, narrows
          // nothing yet: the results of the words before it stay rather than none.
          var typing = length(variant[variant.length - 1]) < index.key;
          if (typing && variant.length > 1 && !perTerm[perTerm.length - 1].length) perTerm = perTerm.slice(0, -1);
          if (perTerm.some(function (l) { return !l.length; })) return {};
          return matches(perTerm, index);
        });
    });
    return Promise.all([exact, Promise.all(found)]).then(function (both) {
      var first = {}, titles = {};
      both[0].forEach(function (n) { first[n] = 1; });
      both[1].forEach(function (one) {
        Object.keys(one).forEach(function (n) { titles[n] = Math.max(titles[n] || 0, one[n]); });
      });
      Object.keys(first).forEach(function (n) { if (!(n in titles)) titles[n] = 0; });
      return Object.keys(titles).map(Number).sort(function (a, b) {
        return (first[b] || 0) - (first[a] || 0) || titles[b] - titles[a] || a - b;
      });
    });
  }

  /* Nothing found: the query with each word the index lacks put nearest (two typos at most),
   * or left out; offered only when it finds something. */
  function suggest(terms, index) {
    return Promise.all(terms.map(function (term) {
      return shardOf(term, index).then(function (shard) {
        if (has(shard, term)) return term;
        return nearWords(term, index).then(function (near) { return near.length && near[0][1] <= 2 ? near[0][0] : ""; });
      });
    })).then(function (better) {
      better = better.filter(Boolean);
      // Every word known, but no entry holds them all: the query without its last word.
      if (better.join(" ") === terms.join(" ")) better = better.slice(0, -1);
      if (!better.length) return null;
      return find(better, index, false).then(function (found) { return found.length ? better.join(" ") : null; });
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
    return root.dataset.other.replace("#", count.toLocaleString(root.dataset.locale || "vi"));
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

  /* "Có phải bạn muốn tìm: …": a button that searches the suggested words. */
  function offer(suggestion) {
    var li = document.createElement("li");
    li.className = "ketnghia-search-suggestion";
    li.appendChild(document.createTextNode(root.dataset.suggest + " "));
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = suggestion;
    button.addEventListener("click", function () { input.value = suggestion; input.focus(); run(); });
    li.appendChild(button);
    list.appendChild(li);
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
      if (found.suggestion) offer(found.suggestion);
      return more(found.index, ticket);
    }).catch(function () {
      if (ticket === asked) say(root.dataset.failed);
    });
  }

  /* The box opened: the reader is about to type, the index's list of files can come now. */
  function open() {
    if (toggle && !toggle.checked) toggle.checked = true;
    load("meta.json").catch(function () {});
    words("\u0110", {});  // compiles the word pattern (Unicode classes) before the first key
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
  form.addEventListener("reset", function () {
    setTimeout(function () { asked++; list.textContent = ""; say(root.dataset.placeholder); input.focus(); }, 0);
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) close();
  });
  /* For scripts and tests: every result of a query, as [URL from the site root, title, context]. */
  window.ketnghiaSearch = {
    /* The query put in the box: resolves once its results are shown. */
    typed: function (query) { open(); input.value = query; return run(); },
    open: open,
    words: function (text) { return load("meta.json").then(function (index) { return words(text, index.fold); }); },
    run: run,
    find: function (query) {
      return search(query).then(function (found) { return found ? entries(found.results, found.index) : []; });
    },
    /* The query offered when nothing is found, or null. */
    suggestion: function (query) {
      return search(query).then(function (found) { return (found && found.suggestion) || null; });
    }
  };
  /* Loaded while the reader is in the box: open, and search what is typed already. */
  if (document.activeElement === input) { open(); if (input.value) run(); }
})();
