// Copy a feed address to the clipboard, with a fallback for older WebViews (WeChat) and a spoken confirmation.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy-target]");
  if (!button) return;
  var input = document.getElementById(button.getAttribute("data-copy-target"));
  var status = button.closest(".feed-subscribe").querySelector(".feed-subscribe__status");
  function done() { if (status) status.textContent = button.getAttribute("data-copied-label"); }
  function fallback() { input.focus(); input.select(); try { document.execCommand("copy"); done(); } catch (e) { /* the text stays selected */ } }
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(input.value).then(done, fallback);
  } else {
    fallback();
  }
});
