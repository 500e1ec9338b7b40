// kaimolink's few page behaviours. Every page works without this file: it only improves.
(function () {
  "use strict";

  // Phones: the "Menu" link opens #menu as its target without JavaScript; here it becomes
  // a toggle button that stays on the page and tells screen readers whether it is open.
  function setUpMenu() {
    var toggle = document.querySelector("[data-menu-toggle]");
    var menu = document.getElementById("menu");
    if (!toggle || !menu) return;
    toggle.setAttribute("role", "button");
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("click", function (event) {
      event.preventDefault();
      var open = !menu.classList.contains("is-open");
      menu.classList.toggle("is-open", open);
      toggle.setAttribute("aria-expanded", String(open));
    });
    var close = menu.querySelector(".menu-close");
    if (close) close.hidden = true;  // the toggle itself closes the menu now
  }

  // After a failed submit, the error summary takes the focus, so a keyboard or screen
  // reader user starts from the list of what to fix (each item links to its field).
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
  }

  // Links in the error summary: move to the field and focus it (the browser would only
  // scroll the input to the top edge, hiding its label).
  function linkErrorSummary() {
    document.querySelectorAll("[data-error-summary] a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var field = document.getElementById(link.getAttribute("href").slice(1));
        if (!field) return;
        event.preventDefault();
        var group = field.closest(".field") || field;
        group.scrollIntoView();
        field.focus({ preventScroll: true });
      });
    });
  }

  function start() {
    setUpMenu();
    focusErrorSummary();
    linkErrorSummary();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
