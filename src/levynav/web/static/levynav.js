/* Levy Navigator's one script, an addition only: every page works without it.
   On a wide screen the result page's help section (the other ways to appeal, payment plans, free help) is opened
   when the page arrives; on a phone it stays closed (one tap opens it). A <details> cannot be opened by a CSS media
   query, and the server does not know the screen's width: without this script the section is closed everywhere.
   A page sent back with problems puts the focus on its error summary; the case code page gets a button to copy the
   code; a date typed only in part holds its form back with a message at the date; the county's page shows a state's
   counties when the state is chosen. */
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
  /* A date typed only in part (a month without its day or year) is sent by the browser as no date at all, so the
     answer would be saved without it and nothing said. Such a form is held back: the date's field says what is
     missing, in the page's language, and takes the focus. (Without this script the server sees an empty date.) */
  function holdIncompleteDates(event) {
    var form = event.target;
    if (!form || form.tagName !== "FORM") { return; }
    var submitter = event.submitter;
    if (submitter && submitter.value === "skip") { return; } /* "I don't know / skip" sends no date anyway */
    var dates = form.querySelectorAll("input[type=date]");
    var first = null;
    for (var i = 0; i < dates.length; i++) {
      var input = dates[i];
      var id = input.id + "-incomplete";
      var old = document.getElementById(id);
      if (old) { old.remove(); }
      if (!input.validity || !input.validity.badInput) { continue; }
      var message = document.createElement("span");
      message.className = "usa-error-message";
      message.id = id;
      message.textContent = input.dataset.incomplete;
      input.parentNode.insertBefore(message, input);
      input.classList.add("usa-input--error");
      input.parentNode.classList.add("usa-form-group--error");
      input.setAttribute("aria-invalid", "true");
      var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== id; });
      described.push(id);
      input.setAttribute("aria-describedby", described.join(" "));
      if (!first) { first = input; }
    }
    if (first) {
      event.preventDefault();
      event.stopPropagation(); /* before htmx sends the boosted form */
      first.focus();
    }
  }
  document.addEventListener("submit", holdIncompleteDates, true);
  /* The county's page: choosing the state shows its counties at once (without this script, its button does). */
  function autoSubmit() {
    var selects = document.querySelectorAll("select[data-auto-submit]");
    for (var i = 0; i < selects.length; i++) {
      var select = selects[i];
      if (select.dataset.ready) { continue; }
      select.dataset.ready = "1";
      select.addEventListener("change", function (event) {
        var form = event.target.form;
        if (!form || !event.target.value) { return; }
        if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
      });
    }
  }
  function arrived() { openHelp(); focusErrors(); copyButton(); autoSubmit(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", arrived); } else { arrived(); }
  document.addEventListener("htmx:afterSettle", arrived); /* a page reached by a boosted link or form */
})();
