/* sphinx-mlblog: small page behaviours. Annotated code gets a copy button that copies
 * the code only (the markers live outside the <pre>). */
(function () {
  "use strict";
  function addCopyButtons() {
    document.querySelectorAll(".mlblog-annotated-code").forEach(function (box) {
      if (box.querySelector(".mlblog-copy")) return;
      var pre = box.querySelector("pre");
      if (!pre) return;
      // the button's words, in the page's language (set by the annotated-code directive)
      var markers = box.querySelector(".mlblog-annotation-markers");
      var words = (markers && markers.dataset) || {};
      var copy = words.copy || "Copy", copied = words.copied || "Copied";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "mlblog-copy";
      button.textContent = copy;
      button.setAttribute("aria-label", words.copyLabel || "Copy code");
      button.addEventListener("click", function () {
        var text = pre.innerText.replace(/\n$/, "");
        var done = function () { button.textContent = copied; setTimeout(function () { button.textContent = copy; }, 1500); };
        if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, done);
        else { window.mlblogLastCopied = text; done(); }
        window.mlblogLastCopied = text;
      });
      box.appendChild(button);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", addCopyButtons);
  else addCopyButtons();
})();
