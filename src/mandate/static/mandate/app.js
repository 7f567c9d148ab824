// Mandate's own script: marks the six clears live on the create form, fills unit pickers, keeps the phone menu in view.
(function () {
  "use strict";

  function hasValue(field) {
    return Array.prototype.some.call(field.querySelectorAll("input, select, textarea"), function (input) {
      return input.value && input.value.trim() !== "";
    });
  }

  // A clear is missing while every field that can satisfy it is empty (time: a deadline or a recurrence).
  function markClears(form) {
    var byClear = {};
    form.querySelectorAll("[data-clear]").forEach(function (field) {
      var name = field.getAttribute("data-clear");
      byClear[name] = byClear[name] || [];
      byClear[name].push(field);
    });
    Object.keys(byClear).forEach(function (name) {
      var ok = byClear[name].some(hasValue);
      byClear[name].forEach(function (field) { field.classList.toggle("clear-missing", !ok); });
      document.querySelectorAll('[data-clear-chip="' + name + '"]').forEach(function (chip) {
        chip.classList.toggle("ok", ok);
        chip.classList.toggle("missing", !ok);
      });
    });
  }

  function init(root) {
    root.querySelectorAll("form[data-clears]").forEach(function (form) {
      if (form.dataset.clearsBound) { markClears(form); return; }
      form.dataset.clearsBound = "1";
      form.addEventListener("input", function () { markClears(form); });
      form.addEventListener("change", function () { markClears(form); });
      markClears(form);
    });
  }

  // A click on a suggested unit appends its name to the field it serves (names apart by commas).
  document.addEventListener("click", function (event) {
    var pick = event.target.closest("button[data-append]");
    if (!pick) { return; }
    var target = document.getElementById(pick.getAttribute("data-target"));
    if (!target) { return; }
    var names = target.value.split(/[,;\n]+/).map(function (name) { return name.trim(); }).filter(Boolean);
    if (names.indexOf(pick.getAttribute("data-append")) === -1) { names.push(pick.getAttribute("data-append")); }
    target.value = names.join(", ");
    target.dispatchEvent(new Event("input", { bubbles: true }));
  });

  // On a phone the menu is one row that scrolls sideways: bring the current page's entry into view.
  function showCurrentPage() {
    var nav = document.querySelector(".nav");
    var current = nav && nav.querySelector('[aria-current="page"]');
    if (current && nav.scrollWidth > nav.clientWidth) {
      nav.scrollLeft = current.offsetLeft - nav.offsetLeft - (nav.clientWidth - current.offsetWidth) / 2;
    }
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); showCurrentPage(); });
  // The server's answer about the clears is the last word: mark the fields as its chips say.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target && event.detail.target.id === "clears") {
      event.detail.target.querySelectorAll("[data-clear-chip]").forEach(function (chip) {
        var missing = chip.classList.contains("missing");
        document.querySelectorAll('[data-clear="' + chip.getAttribute("data-clear-chip") + '"]').forEach(function (field) {
          field.classList.toggle("clear-missing", missing);
        });
      });
    } else {
      init(document);
    }
  });
})();
