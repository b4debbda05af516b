/* The explorer (generator/site/pages/explorer.py): every activity of every year, narrowed by
 * facets, with the totals of what is chosen, the choice kept in the page's address (?nam=2023&…:
 * shared, reloaded, it shows the same), and the chosen rows saved as CSV with their sources'
 * addresses. The data are files beside the page, fetched as the facets need them: the common
 * file and the newest part first; a year's parts when a year is chosen; every part for another
 * facet or for the CSV. Every name is set as text, never parsed as markup. */
(function () {
  "use strict";
  var root = document.querySelector("[data-explorer]");
  if (!root || !window.fetch) return;
  var words = JSON.parse(root.getAttribute("data-words") || "{}");
  var folder = new URL(root.getAttribute("data-explorer"), location.href);
  var PAGE = 50;
  var FORMULA_START = /^[=+\-@\t\r]/;  // read as a formula by a spreadsheet: kept as text
  // facet -> its name in the address
  var PARAMS = { programme: "chuong-trinh", year: "nam", sponsor: "don-vi", district: "huyen", commune: "xa",
                 group: "nhom", gift: "qua", amount: "gia-tri" };
  var FACETS = Object.keys(PARAMS);
  var files = {};
  var common = null, parts = [], chosen = {}, shown = PAGE, ticket = 0;
  var status, list, more, csv, selects = {};

  function load(name) {
    if (!files[name]) {
      files[name] = fetch(new URL(name, folder).href).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + name);
        return response.json();
      });
      files[name].catch(function () { delete files[name]; });
    }
    return files[name];
  }

  function pageWords() {  // the page's words and number symbols (javascripts/words/<lang>.js, loaded by main.html)
    return window.ketnghiaWords || {};
  }
  var GROUP = pageWords().group || ".";
  function number(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, GROUP); }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }
  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  /* The bracket of an amount: "0".."4", or "chua-bao-cao" when not reported. */
  function bracket(value) {
    if (value === null || value === undefined) return "chua-bao-cao";
    var bounds = common.brackets[0], i = 0;
    while (i < bounds.length && value >= bounds[i]) i++;
    return String(i);
  }

  function matches(row, year) {
    var c = chosen, category = common.categories[row[6]];
    if (c.year && c.year !== year) return false;
    if (c.programme && common.programmes[row[2]][0] !== c.programme) return false;
    if (c.sponsor && !row[3].some(function (i) { return common.sponsors[i][0] === c.sponsor; })) return false;
    if (c.district && !row[4].some(function (i) { return common.districts[i][0] === c.district; })) return false;
    if (c.commune && !row[5].some(function (i) { return common.communes[i][0] === c.commune; })) return false;
    if (c.group && (category[2] < 0 || common.groups[category[2]][0] !== c.group)) return false;
    if (c.gift && (category[3] ? "co" : "khong") !== c.gift) return false;
    if (c.amount && bracket(row[7]) !== c.amount) return false;
    return true;
  }

  function narrowed() { return FACETS.some(function (f) { return chosen[f]; }); }

  /* The parts the choice needs: a year's, or all; with nothing chosen, as many of the newest
   * as fill the rows shown (the totals are the common file's). */
  function wanted(all) {
    if (chosen.year) return parts.filter(function (p) { return p[0] === chosen.year; });
    if (all || narrowed()) return parts;
    var needed = [], count = 0;
    for (var i = 0; i < parts.length && count < shown; i++) { needed.push(parts[i]); count += parts[i][1]; }
    return needed;
  }

  function rowsOf(needed) {
    return Promise.all(needed.map(function (p) { return load(p[2]); })).then(function (loaded) {
      var found = [];
      loaded.forEach(function (data, i) {
        data.rows.forEach(function (row, n) {
          if (matches(row, needed[i][0])) found.push({ row: row, page: data.pages[row[11]], part: needed[i], index: n });
        });
      });
      return found;
    });
  }

  function totalsOf(found) {
    var t = { activities: 0, delivered: 0, reported: 0, households: 0, uncounted: 0 };
    found.forEach(function (item) {
      var row = item.row;
      if (!row[9]) { t.uncounted++; return; }  // cancelled, or help in the other direction
      t.activities++;
      if (row[7] !== null) { t.delivered += row[7]; t.reported++; }
      if (row[8] !== null) t.households += row[8];
    });
    return t;
  }

  function placeOf(row) {
    var names = row[5].map(function (i) { return common.communes[i][1]; });
    if (!names.length) names = row[4].map(function (i) { return common.districts[i][1]; });
    return names.join(", ");
  }

  function dateText(date) { return date.split("-").reverse().map(function (p) { return String(Number(p)); }).join("/"); }

  function show() {
    var mine = ++ticket;
    status.textContent = words.loading;
    return rowsOf(wanted(false)).then(function (found) {
      if (mine !== ticket) return;
      var totals = narrowed() ? totalsOf(found) : common.totals;
      var count = narrowed() ? found.length : common.totals.activities + common.totals.uncounted;
      var lines = [fill(words.totals, { count: number(totals.activities), delivered: number(totals.delivered),
                                       reported: number(totals.reported), households: number(totals.households) })];
      if (totals.uncounted) lines.push(fill(words.uncounted, { count: number(totals.uncounted) }));
      lines.push(fill(words.shown, { shown: number(Math.min(shown, count)), count: number(count) }));
      status.textContent = lines.join(" ");
      list.textContent = "";
      found.slice(0, shown).forEach(function (item) { list.appendChild(rowElement(item)); });
      more.hidden = shown >= count;
    }).catch(function () { if (mine === ticket) status.textContent = words.failed; });
  }

  function rowElement(item) {
    var row = item.row, tr = element("tr");
    var date = element("td", "", dateText(row[1]));
    date.setAttribute("data-sort", row[1]);
    var title = element("td");
    var link = element("a", "", row[10]);
    link.href = new URL("../../" + item.page + "#" + row[0], folder).href;
    title.appendChild(link);
    var place = element("td", "", placeOf(row));
    var delivered = element("td", "ledger-number", row[7] === null ? "" : number(row[7]));
    delivered.setAttribute("data-sort", row[7] === null ? "-1" : String(row[7]));
    var households = element("td", "ledger-number", row[8] === null ? "" : number(row[8]));
    households.setAttribute("data-sort", row[8] === null ? "-1" : String(row[8]));
    [date, title, place, delivered, households].forEach(function (cell, i) {
      cell.setAttribute("data-label", [words.date, words.title, words.place, words.delivered, words.households][i]);
      tr.appendChild(cell);
    });
    return tr;
  }

  /* The address holds the choice: ?nam=2023&don-vi=…; read on load, written on each change. */
  function readAddress() {
    var params = new URLSearchParams(location.search);
    FACETS.forEach(function (f) { chosen[f] = params.get(PARAMS[f]) || ""; });
  }
  function writeAddress() {
    var params = new URLSearchParams();
    FACETS.forEach(function (f) { if (chosen[f]) params.set(PARAMS[f], chosen[f]); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function options(facet) {
    switch (facet) {
      case "programme": return common.programmes.map(function (p) { return [p[0], p[1]]; });
      case "year": return parts.map(function (p) { return p[0]; }).filter(function (y, i, all) { return all.indexOf(y) === i; })
        .map(function (y) { return [y, y]; });
      case "sponsor": return common.sponsors;
      case "district": return common.districts;
      case "commune": return common.communes.filter(function (c) {
        return !chosen.district || (c[2] >= 0 && common.districts[c[2]][0] === chosen.district);
      }).map(function (c) { return [c[0], c[1]]; });
      case "group": return common.groups;
      case "gift": return [["co", words.yes], ["khong", words.no]];
      case "amount": return common.brackets[1].map(function (name, i) { return [String(i), name]; })
        .concat([["chua-bao-cao", words.unreported]]);
    }
    return [];
  }

  function fillSelect(facet) {
    var select = selects[facet];
    select.textContent = "";
    var all = element("option", "", words.all);
    all.value = "";
    select.appendChild(all);
    options(facet).forEach(function (item) {
      var option = element("option", "", item[1]);
      option.value = item[0];
      select.appendChild(option);
    });
    select.value = chosen[facet];
    if (select.value !== chosen[facet]) { select.value = ""; chosen[facet] = ""; }
  }

  function build() {
    var form = element("form", "ledger-filters");
    form.setAttribute("aria-label", words.legend);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var controls = element("div", "ledger-filters__controls");
    FACETS.forEach(function (facet) {
      var label = element("label");
      label.appendChild(element("span", "", words[facet]));
      var select = element("select");
      select.name = PARAMS[facet];
      selects[facet] = select;
      select.addEventListener("change", function () {
        chosen[facet] = select.value;
        if (facet === "district") fillSelect("commune");
        shown = PAGE;
        writeAddress();
        show();
      });
      label.appendChild(select);
      controls.appendChild(label);
    });
    form.appendChild(controls);
    status = element("p", "ledger-filters__status");
    status.setAttribute("role", "status");
    var buttons = element("div", "ledger-explorer__buttons");
    csv = element("button", "md-button", words.csv);
    csv.type = "button";
    csv.addEventListener("click", save);
    var reset = element("button", "md-button", words.reset);
    reset.type = "button";
    reset.addEventListener("click", function () {
      FACETS.forEach(function (f) { chosen[f] = ""; });
      FACETS.forEach(fillSelect);
      shown = PAGE;
      writeAddress();
      show();
    });
    buttons.appendChild(csv);
    buttons.appendChild(reset);
    form.appendChild(status);
    form.appendChild(buttons);
    var block = element("div", "ledger-table");
    var table = element("table");
    table.setAttribute("data-labelled", "");
    var head = element("thead"), tr = element("tr");
    [words.date, words.title, words.place, words.delivered, words.households].forEach(function (name) { tr.appendChild(element("th", "", name)); });
    head.appendChild(tr);
    table.appendChild(head);
    list = element("tbody");
    table.appendChild(list);
    block.appendChild(table);
    more = element("button", "md-button ledger-explorer__more", words.more);
    more.type = "button";
    more.hidden = true;
    more.addEventListener("click", function () { shown += PAGE; show(); });
    root.textContent = "";
    root.appendChild(form);
    root.appendChild(block);
    root.appendChild(more);
    FACETS.forEach(fillSelect);
  }

  function csvField(text) {
    var value = String(text === null || text === undefined ? "" : text);
    if (FORMULA_START.test(value)) value = "'" + value;
    return '"' + value.replace(/"/g, '""') + '"';
  }

  /* Every chosen row (not only those listed), with its sources' addresses, as a CSV file Excel
   * opens (BOM, CRLF). */
  function save() {
    var needed = wanted(true);
    return Promise.all([rowsOf(needed), Promise.all(needed.map(function (p) { return load(p[3]); }))]).then(function (both) {
      var sources = {};
      needed.forEach(function (p, i) { sources[p[3]] = both[1][i]; });
      var header = [words.id, words.date, words.programme, words.sponsor, words.district, words.commune, words.group,
                    words.category, words.gift, words.title, words.delivered, words.households, words.page, words.sources];
      var lines = [header];
      both[0].forEach(function (item) {
        var row = item.row, category = common.categories[row[6]];
        lines.push([
          row[0], row[1], common.programmes[row[2]][1],
          row[3].map(function (i) { return common.sponsors[i][1]; }).join("; "),
          row[4].map(function (i) { return common.districts[i][1]; }).join("; "),
          row[5].map(function (i) { return common.communes[i][1]; }).join("; "),
          category[2] >= 0 ? common.groups[category[2]][1] : "", category[1], category[3] ? words.yes : words.no,
          row[10], row[7], row[8], new URL("../../" + item.page + "#" + row[0], folder).href,
          sources[item.part[3]][item.index].filter(Boolean).join("; ")
        ]);
      });
      var text = "\ufeff" + lines.map(function (line) { return line.map(csvField).join(","); }).join("\r\n") + "\r\n";
      var url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
      var link = document.createElement("a");
      link.href = url;
      link.download = words.file;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });
  }

  readAddress();
  load("chung.json").then(function (data) {
    common = data;
    parts = data.parts;
    build();
    return show();
  }).catch(function () { root.textContent = words.failed; });
  /* For tests: the rows of the current choice, [id, delivered] each; the totals shown. */
  window.ketnghiaExplorer = {
    rows: function () { return rowsOf(wanted(true)).then(function (found) { return found.map(function (f) { return [f.row[0], f.row[7]]; }); }); }
  };
})();
