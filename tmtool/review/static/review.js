// tmtool review: keyboard shortcuts and row focus. Plain JavaScript, no build step, no CDN.
// Every action is an ordinary form POST (the mouse works without this file); the keys press the
// focused row's buttons.
(function () {
  "use strict";

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("tr.unit"));
  }

  var current = null;

  function focusRow(row, scroll) {
    if (!row) return;
    if (current) current.classList.remove("focused");
    current = row;
    row.classList.add("focused");
    row.setAttribute("tabindex", "-1");
    row.focus({ preventScroll: true });
    if (scroll) row.scrollIntoView({ block: "nearest" });
  }

  function step(delta) {
    var all = rows();
    var at = all.indexOf(current);
    var next = all[at + delta];
    if (next) {
      focusRow(next, true);
    } else {
      var link = document.getElementById(delta > 0 ? "next-page" : "prev-page");
      if (link) link.click();
    }
  }

  function press(selector) {
    if (!current) return;
    var target = current.querySelector(selector);
    if (target) target.click();
  }

  function typing(event) {
    var tag = event.target && event.target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || event.target.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.metaKey) return;
    if (event.ctrlKey) {
      if (event.key === "z" && !typing(event)) { event.preventDefault(); press_undo(); }
      return;
    }
    if (typing(event)) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    var actions = {
      j: function () { step(1); }, ArrowDown: function () { step(1); },
      k: function () { step(-1); }, ArrowUp: function () { step(-1); },
      a: function () { press("button.accept"); },
      r: function () { press("button.reject"); },
      m: function () { press("button.merge"); },
      s: function () { press("button.split"); },
      e: function () { press("a.edit"); },
      u: press_undo,
      n: function () { var l = document.getElementById("next-page"); if (l) l.click(); },
      p: function () { var l = document.getElementById("prev-page"); if (l) l.click(); },
      "/": function () { var s = document.getElementById("search"); if (s) s.focus(); }
    };
    var action = actions[event.key];
    if (action) { event.preventDefault(); action(); }
  });

  function press_undo() {
    var button = document.getElementById("undo");
    if (button) button.click();
  }

  document.addEventListener("click", function (event) {
    var row = event.target.closest && event.target.closest("tr.unit");
    if (row) focusRow(row, false);
  });

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".bar .fill"), function (bar) {
      bar.style.width = (100 * parseFloat(bar.getAttribute("data-share") || "0")) + "%";
    });
    var table = document.getElementById("units");
    if (!table) return;
    var wanted = document.getElementById("u" + table.getAttribute("data-focus"));
    focusRow(wanted || rows()[0], true);
  });
})();
