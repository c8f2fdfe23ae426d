/* The People index's filter box. Delegated from document so it keeps working after
   Material's instant navigation swaps the page content. Letter groups with no match are
   hidden, and their jump links are marked disabled, so the page never shows an empty heading. */
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
  list.querySelectorAll("[data-digest-group]").forEach(function (group) {
    var empty = group.querySelector("li[data-name]:not([hidden])") === null;
    group.hidden = empty;
    var heading = group.querySelector("h2[id]");
    // Ends-with: Material's instant navigation makes every href absolute.
    var jump = heading && document.querySelector('.digest-letters a[href$="#' + heading.id + '"]');
    if (jump) {
      if (empty) jump.setAttribute("aria-disabled", "true"); else jump.removeAttribute("aria-disabled");
    }
  });
  var none = document.querySelector("[data-digest-filter-empty]");
  if (none) none.hidden = shown !== 0;
});
