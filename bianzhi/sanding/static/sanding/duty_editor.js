/* Duty list editor: drag (Sortable.js, vendored) or Alt+ArrowUp/Down to reorder; × removes; add an empty item. */
(function () {
  "use strict";
  function list() { return document.getElementById("duty-list"); }
  function renumber() {
    var n = list().querySelectorAll(".duty-item").length;
    var counter = document.getElementById("duty-count");
    if (counter) counter.textContent = n;
  }
  function move(item, delta) {
    if (delta < 0 && item.previousElementSibling) item.parentNode.insertBefore(item, item.previousElementSibling);
    if (delta > 0 && item.nextElementSibling) item.parentNode.insertBefore(item.nextElementSibling, item);
    var area = item.querySelector("textarea");
    if (area) area.focus();
  }
  function newItem() {
    var li = document.createElement("li");
    li.className = "duty-item"; li.tabIndex = 0;
    li.innerHTML = '<span class="handle" title="拖动以调整顺序" aria-hidden="true">⠿</span>' +
      '<input type="hidden" name="duty_id" value="">' +
      '<textarea name="text" rows="2" aria-label="职责内容"></textarea>' +
      '<span class="item-tools"><button type="button" class="move-up" title="上移（Alt+↑）">↑</button>' +
      '<button type="button" class="move-down" title="下移（Alt+↓）">↓</button>' +
      '<button type="button" class="remove" title="删除该条">×</button></span>';
    return li;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var ol = list();
    if (!ol) return;
    if (window.Sortable) {
      window.Sortable.create(ol, { handle: ".handle", animation: 120, ghostClass: "sortable-ghost", onSort: renumber });
    }
    ol.addEventListener("click", function (ev) {
      var item = ev.target.closest(".duty-item");
      if (!item) return;
      if (ev.target.classList.contains("remove")) { item.remove(); renumber(); }
      else if (ev.target.classList.contains("move-up")) move(item, -1);
      else if (ev.target.classList.contains("move-down")) move(item, 1);
    });
    ol.addEventListener("keydown", function (ev) {
      if (!ev.altKey || (ev.key !== "ArrowUp" && ev.key !== "ArrowDown")) return;
      var item = ev.target.closest(".duty-item");
      if (!item) return;
      ev.preventDefault();
      move(item, ev.key === "ArrowUp" ? -1 : 1);
    });
    document.getElementById("add-item").addEventListener("click", function () {
      var li = newItem(); ol.appendChild(li); li.querySelector("textarea").focus(); renumber();
    });
    document.body.addEventListener("htmx:afterSwap", function (ev) {
      if (ev.detail.target === ol) {
        var paste = document.getElementById("paste");
        if (paste) paste.value = "";
        renumber();
      }
    });
  });
})();
