// After a form post the admin reloads at its top: move the focus (and the
// view) to what the post produced, marked data-focus-on-load (the proposed
// rotation or the form's errors), so screen readers announce it and sighted
// users see it without scrolling.
(function () {
  function focusResult() {
    var target = document.querySelector("[data-focus-on-load]");
    if (target) {
      target.focus();
      target.scrollIntoView({ block: "start" });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusResult);
  } else {
    focusResult();
  }
})();
