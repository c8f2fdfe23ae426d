/* Pagefind search in Material's header (plugin option `search: pagefind`).
   The header button and the dialog come from templates/digest/search.html. Pagefind's UI script,
   its styles and the index are fetched the first time a reader opens search, never on page load. */
(function () {
  "use strict";
  const root = document.querySelector("[data-digest-search]");
  if (!root) return;
  const openButton = root.querySelector(".digest-search__open");
  const dialog = root.querySelector(".digest-search__dialog");
  const closeButton = root.querySelector(".digest-search__close");
  const container = root.querySelector(".digest-search__ui");
  const bundle = new URL(root.dataset.bundle, document.baseURI);
  // Pagefind's result URLs are site-absolute; a site served under a sub-path needs that prefix.
  const baseUrl = bundle.pathname.replace(/pagefind\/$/, "");

  // Where Material puts its own search button: before the repository link, else at the end.
  const header = document.querySelector(".md-header__inner");
  if (header) header.insertBefore(openButton, header.querySelector(".md-header__source"));
  openButton.hidden = false;

  let loading = null;
  let ui = null;
  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      const style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = new URL("pagefind-ui.css", bundle).href;
      document.head.appendChild(style);
      const script = document.createElement("script");
      script.src = new URL("pagefind-ui.js", bundle).href;
      script.onload = resolve;
      script.onerror = function () { loading = null; reject(new Error("could not load " + script.src)); };
      document.head.appendChild(script);
    });
    return loading;
  }

  function input() { return container.querySelector("input"); }

  async function open() {
    if (!dialog.open) dialog.showModal();
    await load();
    if (!ui) {
      ui = new window.PagefindUI({
        element: container, bundlePath: bundle.pathname, baseUrl: baseUrl,
        showImages: false, showSubResults: false, resetStyles: false,
        // Ranking by the body alone, where headings carry the weight: a person's or country's
        // name (weighted by coverage, see entity_search.py) over an article's headline. Matches
        // in metadata count only for an entity's other names ("Also"). With Pagefind's default
        // title weight a headline naming a country outranked the country's own page.
        ranking: { metaWeights: { title: 0, entity: 0, also: 1, role: 0, date: 0, source: 0 } },
        // Results show date, source, role and other names as tags; the name is the title already.
        processResult: function (result) { delete result.meta.entity; return result; },
      });
    }
    const field = input();
    if (field) field.focus();
  }

  openButton.addEventListener("click", function () { open(); });
  closeButton.addEventListener("click", function () { dialog.close(); });
  // A click on the backdrop lands on the dialog itself: close, as Material's overlay does.
  dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
  dialog.addEventListener("close", function () { openButton.focus(); });
  // Material's shortcuts for search: "/", "s" and "f", unless the reader is typing somewhere.
  document.addEventListener("keydown", function (event) {
    if (dialog.open || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      open();
    }
  });
})();
