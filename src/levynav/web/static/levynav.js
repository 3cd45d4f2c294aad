/* Levy Navigator's one script, an addition only: every page works without it.
   On a wide screen the result page's help section (the other ways to appeal, payment plans, free help) is opened
   when the page arrives; on a phone it stays closed (one tap opens it). A <details> cannot be opened by a CSS media
   query, and the server does not know the screen's width: without this script the section is closed everywhere.
   A page sent back with problems puts the focus on its error summary; the case code page gets a button to copy the
   code. */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 64em)");
  function openHelp() {
    var help = document.getElementById("help-more");
    if (help && wide.matches) { help.open = true; }
  }
  /* A form sent back with its problems: the focus goes to the error summary (it lists each field with a link to it),
     so a keyboard or screen-reader user starts there, not at the top of the page. */
  function focusErrors() {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  }
  /* The case code page: a button that copies the long code (the button stays hidden where a page cannot copy). */
  function copyButton() {
    var button = document.getElementById("copy-code");
    var code = document.getElementById("case-code");
    if (!button || !code || !navigator.clipboard || button.dataset.ready) { return; }
    button.dataset.ready = "1";
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(code.textContent.trim()).then(function () {
        document.getElementById("copy-code-done").textContent = button.dataset.copied;
      });
    });
  }
  function arrived() { openHelp(); focusErrors(); copyButton(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", arrived); } else { arrived(); }
  document.addEventListener("htmx:afterSettle", arrived); /* a page reached by a boosted link or form */
})();
