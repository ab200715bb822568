// Small helps for every page; the site works without them.
(function () {
    "use strict";

    // The menu is a <details>: closed on a phone, always open on a wide screen (CSS shows it there;
    // setting [open] keeps what assistive technology is told in step with what is shown).
    var menu = document.getElementById("menu");
    if (menu && window.matchMedia) {
        var wide = window.matchMedia("(min-width: 60rem)");
        var sync = function () { menu.open = wide.matches; };
        sync();
        if (wide.addEventListener) wide.addEventListener("change", sync);
    }

    // "Til print" buttons print the page (hidden without JavaScript, as they could do nothing).
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
        button.hidden = false;
        button.addEventListener("click", function () { window.print(); });
    });
})();
