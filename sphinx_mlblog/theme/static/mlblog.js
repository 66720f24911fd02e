/* sphinx-mlblog: small page behaviours. Annotated code gets a copy button that copies
 * the code only (the markers live outside the <pre>); so do the entries of a post's
 * "Cite this post" box. */
(function () {
  "use strict";
  // pages served without a secure context (plain http on another host) have no
  // navigator.clipboard: copy through a selected, hidden text area
  function legacyCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    document.body.removeChild(area);
  }
  function copyButton(getText, words, label) {
    var copy = words.copy || "Copy", copied = words.copied || "Copied";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "mlblog-copy";
    button.textContent = copy;
    button.setAttribute("aria-label", label);
    button.addEventListener("click", function () {
      var text = getText();
      var done = function () { button.textContent = copied; setTimeout(function () { button.textContent = copy; }, 1500); };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, function () { legacyCopy(text); done(); });
      else { legacyCopy(text); done(); }
    });
    return button;
  }
  function addCopyButtons() {
    document.querySelectorAll(".mlblog-annotated-code").forEach(function (box) {
      if (box.querySelector(".mlblog-copy")) return;
      var pre = box.querySelector("pre");
      if (!pre) return;
      // the button's words, in the page's language (set by the annotated-code directive)
      var markers = box.querySelector(".mlblog-annotation-markers");
      var words = (markers && markers.dataset) || {};
      box.appendChild(copyButton(function () { return pre.innerText.replace(/\n$/, ""); }, words, words.copyLabel || "Copy code"));
    });
    // "Cite this post": a button after each copyable text, its words on the box
    document.querySelectorAll(".mlblog-copyable").forEach(function (source) {
      var next = source.nextElementSibling;
      if (next && next.classList.contains("mlblog-copy")) return;
      var box = source.closest("[data-copy]");
      var words = (box && box.dataset) || {};
      var button = copyButton(function () { return source.textContent.replace(/\n$/, ""); }, words, source.dataset.copyLabel || "Copy");
      source.insertAdjacentElement("afterend", button);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", addCopyButtons);
  else addCopyButtons();
})();
