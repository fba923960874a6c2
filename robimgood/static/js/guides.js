/* Guides: small enhancements; every page works without this file. */
(function () {
  "use strict";

  // The print version's button: shown only when there is a script to make it work.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // The wizard explains a refused answer (400) in place, as it does without JavaScript;
  // htmx leaves error responses unswapped by default.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (event.detail.xhr.status === 400 && target && target.id === "wizard") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
