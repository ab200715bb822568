// Suggestions for search boxes: fills the box's <datalist> from /api/autocomplete as the reader types.
// The search works the same without it (progressive enhancement; no inline script, so CSP stays strict).
(function () {
    "use strict";
    document.querySelectorAll("input[data-autocomplete]").forEach(function (input) {
        var list = document.getElementById(input.getAttribute("list"));
        if (!list) return;
        var timer = null;
        var last = "";
        input.addEventListener("input", function () {
            clearTimeout(timer);
            timer = setTimeout(function () {
                var text = input.value.trim();
                if (text.length < 2 || text === last) return;
                last = text;
                fetch(input.dataset.autocomplete + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
                    .then(function (r) { return r.ok ? r.json() : []; })
                    .then(function (words) {
                        list.replaceChildren.apply(list, words.map(function (w) {
                            var option = document.createElement("option");
                            option.value = w;
                            return option;
                        }));
                    })
                    .catch(function () { /* suggestions are a convenience; ignore network errors */ });
            }, 150);
        });
    });
})();
