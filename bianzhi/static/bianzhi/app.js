/* Behaviour that used to sit in inline handlers, moved here so the Content-Security-Policy can forbid inline
   script (script-src 'self'). Declarative hooks:
   - data-confirm="问题"   on a button/link/form: ask before submitting or following it;
   - data-autosubmit       on a select: submit its form when changed;
   - data-history-back     on a link: go back one page (falls back to its href);
   - data-row-version="N"  on an element swapped in by htmx: every *row_version input on the page takes N;
   - data-check-all="name" on a checkbox: checks or clears every checkbox named `name` in its form. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-confirm]");
    if (el && el.tagName !== "FORM" && !window.confirm(el.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    var back = event.target.closest("[data-history-back]");
    if (back && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  }, true);
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute && form.hasAttribute("data-confirm") && !window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  }, true);
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) { el.form.submit(); }
    if (el.hasAttribute && el.hasAttribute("data-check-all") && el.form) {
      el.form.querySelectorAll('input[type=checkbox][name="' + el.getAttribute("data-check-all") + '"]')
        .forEach(function (box) { box.checked = el.checked; });
    }
  });
  function syncRowVersion() {
    var marks = document.querySelectorAll("[data-row-version]");
    if (!marks.length) { return; }
    var value = marks[marks.length - 1].getAttribute("data-row-version");
    document.querySelectorAll('input[name$="row_version"]').forEach(function (i) { i.value = value; });
  }
  document.addEventListener("htmx:afterSwap", function (event) { syncRowVersion(); });
})();
