// Select-all checkboxes: a box with data-select-all="NAME" ticks every box named NAME in its form.
document.querySelectorAll("input[data-select-all]").forEach(function (all) {
  var boxes = all.form.querySelectorAll('input[type=checkbox][name="' + all.dataset.selectAll + '"]');
  all.addEventListener("change", function () {
    boxes.forEach(function (box) { box.checked = all.checked; });
  });
});
