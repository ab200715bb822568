// Progressive help for the admin editor. Everything works without it: the reference filter has a
// server-side «Søg» button, and messages are in the page. This only makes them quicker to use.
(function () {
    "use strict";

    function focusMessage() {
        // After a failed save or a publish with warnings, move focus to the summary so keyboard
        // and screen-reader users start there (the fragment of a preview button wins).
        if (window.location.hash) return;
        var box = document.getElementById("fejl") || document.getElementById("advarsler");
        if (box) box.focus();
    }

    function linkSummaries() {
        // Links in the error summary and the publish warnings move focus to the field itself, as
        // not every browser focuses the target of an in-page link.
        Array.prototype.forEach.call(document.querySelectorAll(".error-summary a[href^='#'], .publish-warnings a[href^='#']"), function (link) {
            link.addEventListener("click", function (e) {
                var target = document.getElementById(link.getAttribute("href").slice(1));
                if (!target) return;
                e.preventDefault();
                var field = target.closest(".field") || target;
                field.scrollIntoView({ block: "start" });
                target.focus({ preventScroll: true });
            });
        });
    }

    function setUpPicker(picker) {
        var filter = picker.querySelector("[data-reference-filter]");
        var count = picker.querySelector("[data-reference-count]");
        var items = Array.prototype.slice.call(picker.querySelectorAll("li[data-title]"));
        if (!filter || items.length === 0) return;

        function apply() {
            var text = filter.value.trim().toLowerCase();
            var shown = 0;
            var chosen = 0;
            items.forEach(function (item) {
                var box = item.querySelector("input[type=checkbox]");
                var checked = box && box.checked;
                if (checked) chosen++;
                var visible = checked || text === "" || item.getAttribute("data-title").indexOf(text) !== -1;
                item.hidden = !visible;
                if (visible) shown++;
            });
            if (count) {
                count.textContent = chosen + " valgt" + (shown < items.length ? ". Viser " + shown + " af " + items.length + "." : ".");
            }
        }

        filter.addEventListener("input", apply);
        // Enter in the filter would press the form's first button (save); here it only filters.
        filter.addEventListener("keydown", function (e) {
            if (e.key === "Enter") {
                e.preventDefault();
                apply();
            }
        });
        picker.addEventListener("change", function (e) {
            if (e.target && e.target.type === "checkbox") apply();
        });
    }

    function setUpImagePicker(picker) {
        // Without this the «Indsæt billedet» button posts the form and the server adds the image at
        // the end of the text; with it, the image goes in at the cursor and nothing is sent.
        var choice = picker.querySelector("[data-image-choice]");
        var button = picker.querySelector("[data-insert-image]");
        var status = picker.querySelector("[data-image-status]");
        var body = document.getElementById("broedtekst");
        if (!choice || !button || !body) return;
        button.addEventListener("click", function (e) {
            var option = choice.options[choice.selectedIndex];
            var markdown = option && option.getAttribute("data-markdown");
            if (!markdown) return; // nothing chosen: let the server say so
            e.preventDefault();
            var start = body.selectionStart, end = body.selectionEnd, text = body.value;
            var before = text.slice(0, start), after = text.slice(end);
            // On a line of its own, so it renders as an image paragraph.
            var insert = (before === "" || /\n\n$/.test(before) ? "" : (/\n$/.test(before) ? "\n" : "\n\n")) + markdown +
                (after === "" || /^\n\n/.test(after) ? "" : (/^\n/.test(after) ? "\n" : "\n\n"));
            body.value = before + insert + after;
            var caret = before.length + insert.length;
            body.setSelectionRange(caret, caret);
            body.dispatchEvent(new Event("input", { bubbles: true }));
            body.focus();
            if (status) status.textContent = "Billedet «" + option.value + "» er sat ind i brødteksten. Husk at gemme.";
        });
    }

    function selectChanged(select) {
        var options = Array.prototype.slice.call(select.options);
        // A single select with no option marked selected shows its first option: that is as loaded.
        if (!select.multiple && !options.some(function (o) { return o.defaultSelected; })) return select.selectedIndex > 0;
        return options.some(function (o) { return o.selected !== o.defaultSelected; });
    }

    function differsFromLoaded(form) {
        // Compares every field with the value the page was loaded with (the DOM keeps it as
        // defaultValue/defaultChecked/defaultSelected), so a change undone counts as no change.
        // Reference filters are left out: typing in one changes nothing that is saved.
        return Array.prototype.some.call(form.elements, function (el) {
            if (!el.name || el.disabled || el.hasAttribute("data-reference-filter")) return false;
            if (el.type === "checkbox" || el.type === "radio") return el.checked !== el.defaultChecked;
            if (el.tagName === "SELECT") return selectChanged(el);
            if (el.tagName === "TEXTAREA" || el.tagName === "INPUT") {
                if (el.type === "submit" || el.type === "button" || el.type === "file" || el.type === "hidden") return false;
                return el.value !== el.defaultValue;
            }
            return false;
        });
    }

    function warnOnLeave(form) {
        // Warn only when a field differs from what was loaded, or when the page was shown again
        // with typed text that is not saved yet (a failed save, a text preview).
        // The form tag helper writes data-unsaved="" when the value is null, so read the value, not the attribute's presence.
        var unsaved = form.getAttribute("data-unsaved") === "true";
        var submitting = false;
        form.addEventListener("submit", function () { submitting = true; });
        window.addEventListener("beforeunload", function (e) {
            if (submitting || (!unsaved && !differsFromLoaded(form))) return;
            e.preventDefault();
            e.returnValue = "";
        });
    }

    function start() {
        focusMessage();
        linkSummaries();
        Array.prototype.forEach.call(document.querySelectorAll("[data-reference-picker]"), setUpPicker);
        Array.prototype.forEach.call(document.querySelectorAll("[data-image-picker]"), setUpImagePicker);
        var editor = document.querySelector("form.editor");
        if (editor) warnOnLeave(editor);
    }

    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
})();
