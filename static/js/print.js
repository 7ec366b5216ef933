// The print views' "Print" button (a static file: the CSP allows no inline handlers).
(function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
