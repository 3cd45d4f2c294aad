/* Levy Navigator's one script, an addition only: every page works without it.
   On a wide screen the result page's help section (the other ways to appeal, payment plans, free help) is opened
   when the page arrives; on a phone it stays closed (one tap opens it). A <details> cannot be opened by a CSS media
   query, and the server does not know the screen's width: without this script the section is closed everywhere. */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 64em)");
  function openHelp() {
    var help = document.getElementById("help-more");
    if (help && wide.matches) { help.open = true; }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", openHelp); } else { openHelp(); }
  document.addEventListener("htmx:afterSettle", openHelp); /* a page reached by a boosted link */
})();
