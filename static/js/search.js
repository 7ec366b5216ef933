// Autocomplete for the search box: fills a native <datalist> with titles as
// the user types. Without JavaScript the form works the same, without hints.
(function () {
  const input = document.querySelector("[data-autocomplete-url]");
  if (!input || !window.fetch) return;
  const list = document.getElementById(input.getAttribute("list"));
  let timer = null;
  let controller = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(async function () {
      const text = input.value.trim();
      if (text.length < 2) return;
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const url = input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(text);
        const response = await fetch(url, { signal: controller.signal });
        if (!response.ok) return;
        const data = await response.json();
        list.replaceChildren(
          ...data.results.map(function (item) {
            const option = document.createElement("option");
            option.value = item.title;
            return option;
          })
        );
      } catch (error) {
        /* a lost request only means no hints */
      }
    }, 200);
  });
})();
