/* The People index's filter box. Delegated from document so it keeps working after
   Material's instant navigation swaps the page content. */
document.addEventListener("input", function (event) {
  var box = event.target;
  if (!box.matches || !box.matches("[data-digest-filter]")) return;
  var list = document.querySelector(box.getAttribute("data-digest-filter"));
  if (!list) return;
  var query = box.value.trim().toLowerCase();
  var shown = 0;
  list.querySelectorAll("li[data-name]").forEach(function (item) {
    var match = item.getAttribute("data-name").indexOf(query) !== -1;
    item.hidden = !match;
    if (match) shown += 1;
  });
  var empty = document.querySelector("[data-digest-filter-empty]");
  if (empty) empty.hidden = shown !== 0;
});
