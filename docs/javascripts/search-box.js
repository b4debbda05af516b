/* The search box of every page: light, since most page views search nothing. The search
 * itself (search.js, beside this file) is loaded when a reader opens the box, types in it or
 * presses "/" or "s"; it then reads the index, a few small files fetched as the reader types.
 * Also here: the panel closes when focus leaves it (Tab past its last field), since it would
 * cover the element focused next; and the home page's own box "Tìm xã của bạn", on the first
 * screen of a phone, where the header shows only the search icon. */
(function () {
  "use strict";
  var root = document.querySelector("[data-ketnghia-search]");
  var script = document.currentScript;
  if (!root || !script) return;
  var input = root.querySelector("input.md-search__input");
  var toggle = document.getElementById("__search");
  var loading = null;
  var standIn = {};

  /* search.js, loaded once: it then takes the box over (and window.ketnghiaSearch). */
  function engine() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var element = document.createElement("script");
        element.src = new URL("search.js", script.src).href;
        element.addEventListener("load", function () {
          if (window.ketnghiaSearch !== standIn) resolve(window.ketnghiaSearch);
          else reject(new Error("search.js did not start"));
        });
        element.addEventListener("error", function () { loading = null; reject(new Error("search.js not loaded")); });
        document.head.appendChild(element);
      });
    }
    return loading;
  }
  function open() {
    if (toggle && !toggle.checked) toggle.checked = true;
    return engine();
  }

  input.addEventListener("focus", function () { open().catch(function () {}); });
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  document.querySelectorAll("label[for='__search']").forEach(function (label) {
    label.addEventListener("pointerdown", function () { engine().catch(function () {}); });
  });
  /* "/" or "s" outside a field opens the search, as in Material's own. */
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if ((event.key !== "/" && event.key !== "s") || event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    open().catch(function () {});
    input.focus();
  });
  root.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (toggle && toggle.checked && next && !root.contains(next)) toggle.checked = false;
  });

  /* The home page: typing in its box goes on in the site's search. */
  function homeBox() {
    var heading = document.querySelector(".md-content h1");
    if (!heading) return;
    var box = document.createElement("form");
    box.className = "ledger-home-search";
    box.setAttribute("role", "search");
    var label = document.createElement("label");
    label.htmlFor = "ledger-home-search";
    label.textContent = root.dataset.home;
    var field = document.createElement("input");
    field.type = "search";
    field.id = "ledger-home-search";
    field.autocomplete = "off";
    field.setAttribute("autocapitalize", "off");
    field.spellcheck = false;
    function hand() {
      input.value = field.value;
      field.value = "";
      input.focus();
      open().then(function (search) { return search.run(); }).catch(function () {});
    }
    field.addEventListener("input", hand);
    box.addEventListener("submit", function (event) { event.preventDefault(); hand(); });
    box.appendChild(label);
    box.appendChild(field);
    heading.parentNode.insertBefore(box, heading.nextSibling);
  }
  if (root.dataset.home) homeBox();

  /* For scripts and tests, until search.js replaces it: the same calls, made once it is loaded. */
  ["typed", "open", "words", "find", "suggestion", "run"].forEach(function (name) {
    standIn[name] = function () {
      var args = arguments;
      return engine().then(function (search) { return search[name].apply(search, args); });
    };
  });
  window.ketnghiaSearch = standIn;
})();
