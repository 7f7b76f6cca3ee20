/* The review page: source text and items highlight each other (no inline script under the CSP). */
(function () {
  var source = document.getElementById("source");
  function activate(key, fromSource) {
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
    var mark = document.getElementById("src-" + key), item = document.getElementById("item-" + key);
    source.querySelectorAll('mark[data-key="' + key + '"]').forEach(function (m) { m.classList.add("active"); });
    if (mark) { if (!fromSource) { source.scrollTop = mark.offsetTop - source.offsetTop - 40; } }
    if (item) { item.classList.add("active"); if (fromSource) { item.scrollIntoView({block: "center"}); } }
  }
  document.querySelectorAll(".ingest-item").forEach(function (item) {
    item.addEventListener("focusin", function () { activate(item.dataset.key, false); });
    item.addEventListener("click", function () { activate(item.dataset.key, false); });
    var box = item.querySelector("input[type=checkbox]");
    if (box) { box.addEventListener("change", function () {
      item.classList.toggle("unchecked", !box.checked);
      source.querySelectorAll('mark[data-key="' + item.dataset.key + '"]').forEach(function (m) { m.classList.toggle("rejected", !box.checked); });
    }); }
  });
  source.querySelectorAll("mark").forEach(function (mark) {
    mark.addEventListener("click", function () { activate(mark.dataset.key, true); });
  });
})();
