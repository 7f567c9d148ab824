// The review of a reading: each task row marks its own six clears live, and points at its sentence.
(function () {
  "use strict";

  function filled(row, name) {
    return Array.prototype.some.call(row.querySelectorAll('[data-clear="' + name + '"] input, [data-clear="' + name + '"] textarea'),
      function (input) { return input.value.trim() !== ""; });
  }

  function markRow(row) {
    var chips = document.querySelector('[data-clears-for="' + row.getAttribute("data-task-row") + '"]');
    if (!chips) { return; }
    ["person", "work", "time", "responsibility", "product"].forEach(function (name) {
      var ok = filled(row, name);
      row.querySelectorAll('[data-clear="' + name + '"]').forEach(function (cell) { cell.classList.toggle("clear-missing", !ok); });
      chips.querySelectorAll('[data-clear-chip="' + name + '"]').forEach(function (chip) {
        chip.classList.toggle("ok", ok);
        chip.classList.toggle("missing", !ok);
      });
    });
  }

  function highlight(index, on) {
    var source = document.getElementById("source-" + index);
    var row = document.querySelector('[data-task-row="' + index + '"]');
    if (source) { source.classList.toggle("active", on); }
    if (row) { row.classList.toggle("active", on); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-ingest-review]");
    if (!form) { return; }
    form.querySelectorAll("[data-task-row]").forEach(markRow);
    form.addEventListener("input", function (event) {
      var row = event.target.closest("[data-task-row]");
      if (row) { markRow(row); }
    });
    // A suggested unit fills the row's lead unit.
    form.addEventListener("click", function (event) {
      var pick = event.target.closest("[data-unit-pick]");
      if (!pick) { return; }
      var input = form.querySelector('[name="task-' + pick.getAttribute("data-row") + '-lead_unit"]');
      input.value = pick.getAttribute("data-unit-pick");
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    document.querySelectorAll("[data-task]").forEach(function (element) {
      var index = element.getAttribute("data-task");
      element.addEventListener("mouseenter", function () { highlight(index, true); });
      element.addEventListener("mouseleave", function () { highlight(index, false); });
    });
    form.querySelectorAll("[data-task-row]").forEach(function (row) {
      var index = row.getAttribute("data-task-row");
      row.addEventListener("focusin", function () { highlight(index, true); });
      row.addEventListener("focusout", function () { highlight(index, false); });
    });
  });
})();
