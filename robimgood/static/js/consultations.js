/* Consultations: the "Copy" button of the secret link, and form errors swapped in by HTMX.
   Everything works without this file; it only makes two things easier. */
(function () {
  "use strict";

  function copied(button) {
    var status = document.querySelector(".copy-status");
    if (status) { status.textContent = button.dataset.copiedText || ""; }
  }

  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var input = document.getElementById(button.dataset.copyTarget);
      input.focus();
      input.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(function () { copied(button); },
          function () { if (document.execCommand("copy")) { copied(button); } });
      } else if (document.execCommand("copy")) {
        copied(button);
      }
    });
  });

  /* htmx leaves 4xx answers out; a form's 400 answer carries its errors, so show it. */
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 400 && event.detail.elt.closest("[data-swap-errors]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
}());
