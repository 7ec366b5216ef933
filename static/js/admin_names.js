// Accessible names Wagtail 8.0.1's own admin markup leaves out (axe, tests/e2e/test_axe.py):
// - the sidebar's search form (rendered by React) and a screen's own search form
//   are both unnamed role=search landmarks: the sidebar's gets a name (from the
//   script tag's data-sidebar-search-label, translated on the server);
// - the Draftail rich-text editors are role=textbox without a name: each is
//   labelled by its field's label.
// A MutationObserver names what React renders later (the sidebar, a new
// InlinePanel or StreamField block); React keeps attributes it does not manage.
(function () {
  var script = document.currentScript;
  var searchLabel = script && script.dataset.sidebarSearchLabel;
  var labelCount = 0;

  function nameSidebarSearch() {
    var form = document.querySelector("#wagtail-sidebar form[role=search]");
    if (form && searchLabel && !form.hasAttribute("aria-label")) {
      form.setAttribute("aria-label", searchLabel);
    }
  }

  function fieldLabel(editor) {
    // The editor stores its value in a hidden input: the label is the one for
    // that input (a panel's heading, a field's or a StreamField block's label).
    var container = editor.closest("[data-field-input], .w-field__input");
    var input = container && container.querySelector("input[id], textarea[id]");
    return input && document.querySelector('label[for="' + CSS.escape(input.id) + '"]');
  }

  function nameEditors() {
    var editors = document.querySelectorAll(".Draftail-Editor [role=textbox]:not([aria-labelledby]):not([aria-label])");
    editors.forEach(function (editor) {
      var label = fieldLabel(editor);
      if (!label) {
        return;
      }
      if (!label.id) {
        labelCount += 1;
        label.id = "rme-field-label-" + labelCount;
      }
      editor.setAttribute("aria-labelledby", label.id);
    });
  }

  function nameAll() {
    nameSidebarSearch();
    nameEditors();
  }

  function start() {
    nameAll();
    new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
