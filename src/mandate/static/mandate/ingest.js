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

  // Text selected in the shown text becomes the sentence and work of the row for a missed task.
  function offsetIn(container, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(container);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function takeSelection(form) {
    var text = form.querySelector("[data-ingest-text]");
    var row = form.querySelector("[data-add-row]");
    var selection = window.getSelection();
    if (!text || !row || !selection || selection.isCollapsed || selection.rangeCount === 0) { return; }
    var range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) { return; }
    var picked = range.toString().trim();
    if (!picked) { return; }
    var start = offsetIn(text, range.startContainer, range.startOffset);
    var end = offsetIn(text, range.endContainer, range.endOffset);
    row.querySelector("[data-add-span]").value = start + ":" + end;
    row.querySelector("[data-add-sentence]").value = "";
    var title = row.querySelector("[data-add-title]");
    title.value = picked;
    title.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function bind(form) {
    form.addEventListener("mouseup", function (event) {
      if (event.target.closest("[data-ingest-text]")) { takeSelection(form); }
    });
    form.addEventListener("keyup", function (event) {
      if (event.target.closest("[data-ingest-text]")) { takeSelection(form); }
    });
    // A sentence picked from the list is the row's sentence (the server fills the work with it when left empty).
    form.addEventListener("change", function (event) {
      var pick = event.target.closest("[data-add-sentence]");
      if (!pick) { return; }
      var row = pick.closest("[data-add-row]");
      row.querySelector("[data-add-span]").value = "";
      var title = row.querySelector("[data-add-title]");
      if (!title.value.trim() && pick.selectedIndex > 0) { title.value = pick.options[pick.selectedIndex].getAttribute("data-sentence"); }
    });
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
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-ingest-review]");
    if (form) { bind(form); }
  });
  // Split, merge and add come back as the whole form (HTMX swaps it): bind the new one.
  document.addEventListener("htmx:load", function (event) {
    var element = event.detail && event.detail.elt;
    if (element && element.matches && element.matches("form[data-ingest-review]")) { bind(element); }
  });
})();
