// After a form post the admin reloads at its top: move the focus to what the
// post produced, marked data-focus-on-load (the proposed rotation or the
// form's errors), so screen readers announce it; focus() also scrolls it
// into view when it is not.
(function () {
  function focusResult() {
    var target = document.querySelector("[data-focus-on-load]");
    if (target) {
      target.focus();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusResult);
  } else {
    focusResult();
  }
})();
