/* Keyboard focus never lands on what a reader cannot see (WCAG 2.4.11, 2.4.7).
 * Below 76.25em Material's navigation is a drawer pushed off the screen until its menu
 * button opens it: while closed it is inert (its links take no focus), and focus leaving
 * the open drawer, or Escape, closes it, since the drawer's overlay covers the page. */
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var nav = document.querySelector(".md-sidebar--primary");
  if (!drawer || !nav || !window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 76.25em)");

  function update() { nav.inert = !wide.matches && !drawer.checked; }
  function close() { drawer.checked = false; update(); }

  drawer.addEventListener("change", function () {
    update();
    if (drawer.checked) {
      var first = nav.querySelector("a, label, input");
      if (first) setTimeout(function () { first.focus(); }, 50);
    }
  });
  nav.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (!wide.matches && drawer.checked && next && !nav.contains(next)) close();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer.checked && !wide.matches) close();
  });
  if (wide.addEventListener) wide.addEventListener("change", update);
  update();
})();
