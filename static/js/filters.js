// The filter panel is a native <details>: closed on small screens so the
// results come first, opened here on wide screens where there is room.
// Without JavaScript it stays closed and opens with one tap or key press.
(function () {
  const wide = window.matchMedia("(min-width: 48em)");
  const panels = document.querySelectorAll("details[data-filters-panel]");
  if (wide.matches) panels.forEach(function (panel) { panel.open = true; });
  wide.addEventListener("change", function () {
    panels.forEach(function (panel) { panel.open = wide.matches; });
  });
})();
