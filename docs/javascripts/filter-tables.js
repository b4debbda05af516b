/* Filters over an activity listing: narrow its rows by year, programme, sponsor, district,
 * commune, group of the plan and gift or not, see the total of the rows shown, and save them as
 * CSV. The choice is kept in the page's address (?chuong-trinh=…&don-vi=…): shared or reloaded,
 * the page shows the same rows. Self-hosted, no request at all: the data is the page's own table
 * (generator/site/pages/filters.py writes it). The table's data-filter-rows holds each row's ids
 * and codes, in the rows' order as written; its data-filter-names their names and data-filters
 * the site's words. Every name is set with textContent, never parsed as markup. */
(function () {
  "use strict";
  var FIELDS = ["year", "programme", "sponsor", "district", "commune", "group", "gift"];
  // Where each field sits in a row's entry; then the id, the delivered amount, counted or not.
  var PLACE = { year: 0, sponsor: 1, district: 2, commune: 3, group: 4, gift: 5, programme: 7 };
  var ID = 6, DELIVERED = 8, COUNTED = 9;
  var CSV_FIELDS = ["programme", "year", "sponsor", "district", "commune", "group", "gift"];  // the CSV's last columns
  // A field's name in the page's address.
  var PARAMS = { year: "nam", programme: "chuong-trinh", sponsor: "don-vi", district: "huyen", commune: "xa",
                 group: "nhom", gift: "qua" };
  var FORMULA_START = /^[=+\-@\t\r]/; // read as a formula by a spreadsheet: kept as text
  var collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });

  function parse(text) {
    try {
      var value = JSON.parse(text || "{}");
      return value && typeof value === "object" ? value : {};
    } catch (error) {
      return {};
    }
  }

  function partsOf(entry, row) {
    var parts = (entry || "").split("|");
    var values = {};
    FIELDS.forEach(function (field) {
      var part = parts[PLACE[field]];
      values[field] = part ? part.split(" ") : [];
    });
    values.id = parts[ID] || row.id || "";
    values.delivered = parts[DELIVERED] ? Number(parts[DELIVERED]) : null;
    values.counted = parts[COUNTED] !== "0";
    return values;
  }

  function pageWords() {  // the page's own words and number symbols (javascripts/words/<lang>.js, loaded by main.html)
    return window.ketnghiaWords || {};
  }
  var GROUP = pageWords().group || ".";

  function number(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, GROUP);
  }

  function nameOf(names, words, field, key) {
    if (field === "gift") return key === "1" ? words.yes : words.no;
    var known = names[field];
    return known && Object.prototype.hasOwnProperty.call(known, key) ? String(known[key]) : key;
  }

  function csvField(text) {
    var value = String(text);
    if (FORMULA_START.test(value)) value = "'" + value;
    return '"' + value.replace(/"/g, '""') + '"';
  }

  function cellText(cell) {
    if (!cell) return "";
    if (cell.classList.contains("ledger-number")) {
      var raw = cell.getAttribute("data-sort");
      return raw === null || raw === "-1" ? "" : raw;
    }
    var summary = cell.querySelector("summary");
    return (summary || cell).textContent.trim();
  }

  function build(table) {
    var words = parse(table.getAttribute("data-filters"));
    var names = parse(table.getAttribute("data-filter-names"));
    var body = table.tBodies[0];
    // Read before any sorting: the entries follow the rows' order as written.
    var rows = Array.prototype.slice.call(body.rows);
    var entries = (table.getAttribute("data-filter-rows") || "").split(";");
    if (entries.length !== rows.length) return;
    var data = rows.map(function (row, index) { return partsOf(entries[index], row); });
    var chosen = {};
    var params = new URLSearchParams(location.search);
    var selects = [];

    var form = document.createElement("form");
    form.className = "ledger-filters";
    form.setAttribute("aria-label", words.legend || "");
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var controls = document.createElement("div");
    controls.className = "ledger-filters__controls";
    form.appendChild(controls);

    FIELDS.forEach(function (field) {
      var seen = {};
      data.forEach(function (values) { values[field].forEach(function (v) { seen[v] = true; }); });
      var keys = Object.keys(seen);
      if (keys.length < 2) return; // nothing to choose between on this page
      var label = document.createElement("label");
      var caption = document.createElement("span");
      caption.textContent = words[field] || field;
      var select = document.createElement("select");
      select.name = field;
      var all = document.createElement("option");
      all.value = "";
      all.textContent = words.all || "";
      select.appendChild(all);
      keys
        .map(function (key) { return { key: key, name: nameOf(names, words, field, key) }; })
        .sort(function (a, b) { return collator.compare(a.name, b.name) || (a.key < b.key ? -1 : 1); })
        .forEach(function (item) {
          var option = document.createElement("option");
          option.value = item.key;
          option.textContent = item.name;
          select.appendChild(option);
        });
      select.addEventListener("change", function () {
        chosen[field] = select.value;
        remember();
        apply();
      });
      // The address's choice, when this page has it.
      var asked = params.get(PARAMS[field]);
      if (asked && keys.indexOf(asked) >= 0) { select.value = asked; chosen[field] = asked; }
      selects.push(select);
      label.appendChild(caption);
      label.appendChild(select);
      controls.appendChild(label);
    });

    var status = document.createElement("p");
    status.className = "ledger-filters__status";
    status.setAttribute("role", "status");
    var totals = document.createElement("p");
    totals.className = "ledger-filters__totals";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = words.csv || "CSV";
    button.addEventListener("click", function () { save(table, rows, data, words, names); });
    form.appendChild(status);
    form.appendChild(totals);
    form.appendChild(button);

    /* The choice into the address, without a new history entry. */
    function remember() {
      var now = new URLSearchParams(location.search);
      FIELDS.forEach(function (field) {
        if (chosen[field]) now.set(PARAMS[field], chosen[field]);
        else now.delete(PARAMS[field]);
      });
      var query = now.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function apply() {
      var shown = 0, delivered = 0, reported = 0;
      rows.forEach(function (row, index) {
        var keep = FIELDS.every(function (field) {
          return !chosen[field] || data[index][field].indexOf(chosen[field]) >= 0;
        });
        row.hidden = !keep;
        if (keep) shown += 1;
        if (keep && data[index].counted && data[index].delivered !== null) {
          delivered += data[index].delivered;
          reported += 1;
        }
      });
      status.textContent = (words.shown || "{shown}/{total}")
        .replace("{shown}", number(shown))
        .replace("{total}", number(rows.length));
      totals.textContent = (words.totals || "")
        .replace("{delivered}", number(delivered))
        .replace("{reported}", number(reported));
    }

    var block = table.closest(".ledger-table") || table;
    block.parentNode.insertBefore(form, block);
    apply();
  }

  /* The rows shown, in their order on screen, as a CSV file Excel opens (BOM, CRLF). */
  function save(table, rows, data, words, names) {
    var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent.trim(); });
    var lines = [[words.id || "id"].concat(headers, CSV_FIELDS.map(function (f) { return words[f] || f; }))];
    var order = Array.prototype.slice.call(table.tBodies[0].rows);
    order.forEach(function (row) {
      var index = rows.indexOf(row);
      if (row.hidden || index < 0) return;
      var values = data[index];
      var cells = Array.prototype.map.call(row.cells, cellText);
      var extra = CSV_FIELDS.map(function (field) {
        return values[field].map(function (key) { return nameOf(names, words, field, key); }).join("; ");
      });
      lines.push([values.id].concat(cells, extra));
    });
    var text = "\ufeff" + lines.map(function (line) { return line.map(csvField).join(","); }).join("\r\n") + "\r\n";
    var url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = table.getAttribute("data-filter-file") || "hoat-dong.csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function setup(root) {
    root.querySelectorAll("table[data-filters]").forEach(function (table) {
      if (table.dataset.filterReady || !table.tHead || !table.tBodies.length) return;
      table.dataset.filterReady = "1";
      build(table);
    });
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(function () { setup(document); }); // Material, also after instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setup(document); });
  } else {
    setup(document);
  }
})();
