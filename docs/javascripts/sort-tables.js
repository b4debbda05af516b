/* Sortable tables for the ledger: click a column header to sort, click again to reverse.
 * Rows that are linked to (#activity-id) open their details.
 * Self-hosted on purpose (no CDN). A cell's data-sort attribute, when present, is what is
 * compared (ISO dates, amounts in đồng); otherwise numbers as the page writes them (1.234.567
 * or 6,5% in Vietnamese, 1,234,567 or 6.5% in English) are compared as numbers, and text (the
 * records' names) in Vietnamese alphabetical order. The words and number symbols are those of
 * the page's language (javascripts/words/<lang>.js, loaded by main.html, written by
 * generator/site/interface.py).
 * Tables wider than the screen scroll inside Material's .md-typeset__scrollwrap: such a
 * wrapper is made focusable (tabindex="0", a named region) so that keyboard users can
 * scroll it (WCAG 2.1.1; axe scrollable-region-focusable). */
(function () {
  "use strict";
  var collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });
  var words = pageWords();
  var GROUP = words.group || ".", DECIMAL = words.decimal || ",";
  var NUMBER = numberPattern(GROUP, DECIMAL);

  function pageWords() {
    return window.ketnghiaWords || {};
  }

  function escaped(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  /* 1.234.567 and 6,5% with the page's symbols: groups of three, then decimals, maybe a percent. */
  function numberPattern(group, decimal) {
    var g = escaped(group), d = escaped(decimal);
    return new RegExp("^-?\\d{1,3}(" + g + "\\d{3})*(" + d + "\\d+)?%?$|^-?\\d+(" + d + "\\d+)?%?$");
  }

  /* A number as the page writes it, its unit (đồng) left out; null for any other text. */
  function pageNumber(text) {
    var t = (words.dong || []).reduce(function (rest, unit) { return rest.split(unit).join(""); }, text).replace(/\s/g, "");
    if (!NUMBER.test(t)) return null;
    return parseFloat(t.split(GROUP).join("").replace(DECIMAL, ".").replace("%", ""));
  }

  /* A date as written, maybe a month or a year only ("2021", "2021-05", "2021-05-03"): in time
   * order, a month or a year sorting at its start ("2021" as "2021-00-00", before 2021's days). */
  var PARTIAL_DATE = /^\d{4}(-\d{2}){0,2}$/;

  function key(cell) {
    if (!cell) return { number: null, text: "" };
    var raw = cell.getAttribute("data-sort");
    if (raw !== null && !cell.classList.contains("ledger-number") && PARTIAL_DATE.test(raw)) {
      return { number: null, text: (raw + "-00-00").slice(0, 10) };
    }
    var text = raw !== null ? raw : cell.textContent.trim();
    var number = raw !== null && /^-?\d+(\.\d+)?$/.test(raw) ? parseFloat(raw) : pageNumber(text);
    return { number: number, text: text };
  }

  function compare(a, b) {
    if (a.number !== null && b.number !== null) return a.number - b.number;
    if (a.number !== null) return -1;
    if (b.number !== null) return 1;
    return collator.compare(a.text, b.text);
  }

  function sortBy(table, column, header) {
    var body = table.tBodies[0];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows).map(function (row, index) {
      return { row: row, index: index, key: key(row.cells[column]) };
    });
    rows.sort(function (x, y) {
      var order = compare(x.key, y.key) || x.index - y.index;
      return ascending ? order : -order;
    });
    var fragment = document.createDocumentFragment();
    rows.forEach(function (r) { fragment.appendChild(r.row); });
    body.appendChild(fragment);
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  /* A link to an activity (#its-id) lands on its row: open the row's details. */
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var row = id && document.getElementById(id);
    var details = row && row.querySelector("details");
    if (details) details.open = true;
  }
  window.addEventListener("hashchange", openTarget);

  /* Material wraps each table in .md-typeset__scrollwrap (role-less, not focusable). */
  function focusableScroll(root) {
    root.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        if (!wrap.hasAttribute("tabindex")) {
          wrap.tabIndex = 0;
          wrap.setAttribute("role", "region");
          wrap.setAttribute("aria-label", tableName(wrap));
        }
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  /* "Table: <the section's heading>", or "Table" alone, in the page's words. */
  function tableName(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption) return caption.textContent.trim();
    var block = wrap.parentElement && wrap.parentElement.classList.contains("ledger-table") ? wrap.parentElement : wrap;
    for (var el = block.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) return (words.table_of || "{heading}").replace("{heading}", el.textContent.replace("¶", "").trim());
    }
    return words.table || "";
  }
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { focusableScroll(document); }, 150);
  });

  /* Each cell of a generated table gets its column's name (data-label), which a phone shows
   * before the cell when rows are laid out as cards (ledger.css). Set as an attribute, from the
   * header's text: nothing is parsed as markup. */
  function label(root) {
    root.querySelectorAll(".ledger-table table").forEach(function (table) {
      if (table.hasAttribute("data-labelled") || !table.tHead || !table.tBodies.length) return;
      var names = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent.trim(); });
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, column) {
          if (names[column]) cell.setAttribute("data-label", names[column]);
        });
      });
      table.setAttribute("data-labelled", "");
    });
  }

  function setup(root) {
    openTarget();
    label(root);
    focusableScroll(root);
    root.querySelectorAll("table[data-sortable]").forEach(function (table) {
      if (table.dataset.sortReady || !table.tHead || !table.tBodies.length) return;
      table.dataset.sortReady = "1";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
        th.tabIndex = 0;
        if (words.sort) th.title = words.sort;
        th.addEventListener("click", function () { sortBy(table, column, th); });
        th.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(table, column, th); }
        });
      });
    });
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(function () { setup(document); });  // Material, also after instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setup(document); });
  } else {
    setup(document);
  }
  window.ketnghiaSort = { pageNumber: pageNumber, compare: compare, key: key };
})();
