/* Behaviour every public page shares, kept out of the templates: the Content Security Policy allows no inline script.
 * - a form's error summary takes the focus, so screen-reader and keyboard users start from it;
 * - the language menu switches as soon as a language is chosen (its button shows when scripts are off);
 * - buttons marked data-print print the page. */
(function () {
  "use strict";

  function ready() {
    var errors = document.getElementById("form-errors");
    if (errors) {
      errors.focus();
    }
    document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
      select.addEventListener("change", function () {
        select.form.submit();
      });
    });
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
