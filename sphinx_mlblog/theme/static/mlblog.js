/* sphinx-mlblog: small page behaviours, in one script.
 * 1. Copy buttons: annotated code gets one that copies the code only (the markers live
 *    outside the <pre>); so do the entries of a post's "Cite this post" box.
 * 2. Hover previews (below; off when this script is loaded with data-previews="off"). */
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

/* sphinx-mlblog: hover previews. Hovering, focusing or tapping a link in a page's content
 * shows a card: for a link to a post, its title, date, excerpt and image (from
 * _static/mlblog-previews.js, written by the build and loaded on first use; no page is
 * ever fetched); for a link to a footnote, citation or equation on the same page, that
 * note, entry or equation. Placed with Floating UI (vendored, loaded on first use).
 * Escape, moving away or tapping elsewhere closes it; without JavaScript links are links. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.Promise || script.dataset.previews === "off") return;
  var staticURL = new URL(".", script.src); // .../_static/
  var rootURL = new URL("..", staticURL);
  var SKIP = ".mlblog-card, .mlblog-postlist, .mlblog-preview, .mlblog-pagination, nav, .headerlink, .mlblog-links";
  var NOTE = 'aside.footnote, div.footnote, [role="doc-footnote"], [role="doc-biblioentry"], div.citation, .math, .mlblog-mathml';
  var SHOW_DELAY = 250, HIDE_DELAY = 200;
  var loaded = {};
  var box = null, current = null, showTimer = 0, hideTimer = 0, lastPointer = "mouse";

  function load(src, ready) {
    if (!loaded[src]) {
      loaded[src] = new Promise(function (resolve, reject) {
        if (ready()) return resolve();
        var tag = document.createElement("script");
        tag.src = new URL(src, staticURL).href;
        tag.onload = function () { resolve(); };
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    return loaded[src];
  }
  function floating() {
    return load("mlblog-vendor/floating-ui/floating-ui.core.umd.min.js", function () { return !!window.FloatingUICore; })
      .then(function () { return load("mlblog-vendor/floating-ui/floating-ui.dom.umd.min.js", function () { return !!window.FloatingUIDOM; }); })
      .then(function () { return window.FloatingUIDOM; });
  }
  function previews() {
    return load("mlblog-previews.js", function () { return !!window.mlblogPreviews; })
      .then(function () { return (window.mlblogPreviews && window.mlblogPreviews.posts) || {}; });
  }

  // what a link points at: {post: key} for another post's page, {note: element} on this page
  function targetOf(link) {
    var href = link.getAttribute("href");
    if (!href || link.closest(SKIP)) return null;
    var url;
    try { url = new URL(href, location.href); } catch (e) { return null; }
    if (url.origin !== location.origin && location.protocol !== "file:") return null;
    var samePage = url.pathname === location.pathname && url.search === location.search;
    if (samePage) {
      if (!url.hash) return null;
      var target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
      var note = target && (target.matches(NOTE) ? target : target.closest(NOTE));
      return note ? { note: note } : null;
    }
    if (url.pathname.indexOf(rootURL.pathname) !== 0) return null;
    var key = decodeURIComponent(url.pathname.slice(rootURL.pathname.length));
    return { post: key };
  }

  function node(tag, className, text) {
    var el = document.createElement(tag);
    el.className = className;
    if (text) el.textContent = text;
    return el;
  }
  function postCard(entry) {
    var card = node("div", "mlblog-preview-post");
    var image = entry.i ? new URL(entry.i, rootURL) : null;
    if (image && image.origin === rootURL.origin) { // a hover never makes a request leave the site
      var img = node("img", "mlblog-preview-image");
      img.alt = "";
      img.src = image.href;
      card.appendChild(img);
    }
    card.appendChild(node("p", "mlblog-preview-title", entry.t));
    if (entry.d) card.appendChild(node("p", "mlblog-preview-date", entry.d));
    if (entry.x) card.appendChild(excerptWithMath(entry.x));
    else if (entry.e) card.appendChild(node("p", "mlblog-preview-excerpt", entry.e));
    return card;
  }
  // an excerpt with math: text pieces as text, MathML pieces rebuilt element by element,
  // keeping only the elements and attributes of the build's allowlist (in the data)
  var MATHML = "http://www.w3.org/1998/Math/MathML";
  function excerptWithMath(pieces) {
    var p = node("p", "mlblog-preview-excerpt");
    var allow = (window.mlblogPreviews && window.mlblogPreviews.mathml) || { elements: [], attributes: [] };
    pieces.forEach(function (piece) {
      if (typeof piece === "string") { p.appendChild(document.createTextNode(piece)); return; }
      var parsed = new DOMParser().parseFromString(piece.m, "text/html").body.firstElementChild;
      p.appendChild(parsed && parsed.namespaceURI === MATHML ? copyMath(parsed, allow) : document.createTextNode(""));
    });
    return p;
  }
  function copyMath(el, allow) {
    if (el.namespaceURI !== MATHML || allow.elements.indexOf(el.localName) < 0) return document.createTextNode(el.textContent);
    var out = document.createElementNS(MATHML, el.localName);
    Array.prototype.forEach.call(el.attributes, function (attr) {
      if (attr.name !== "xmlns" && allow.attributes.indexOf(attr.name) >= 0) out.setAttribute(attr.name, attr.value);
    });
    el.childNodes.forEach(function (child) {
      out.appendChild(child.nodeType === 1 ? copyMath(child, allow) : document.createTextNode(child.textContent));
    });
    return out;
  }
  function noteCard(note) {
    var copy = note.cloneNode(true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    copy.querySelectorAll(".label, .backrefs, .headerlink, .fn-bracket").forEach(function (el) { el.remove(); });
    var card = document.createElement("div");
    card.className = "mlblog-preview-note";
    card.appendChild(copy);
    return card;
  }

  function ensureBox() {
    if (box) return box;
    box = document.createElement("div");
    box.className = "mlblog-preview";
    box.id = "mlblog-preview";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    box.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    box.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(box);
    return box;
  }
  function content(link) {
    var target = targetOf(link);
    if (!target) return Promise.resolve(null);
    if (target.note) return Promise.resolve(noteCard(target.note));
    return previews().then(function (posts) {
      var entry = posts[target.post] || posts[target.post + "index.html"];
      return entry ? postCard(entry) : null;
    });
  }
  function show(link) {
    clearTimeout(hideTimer);
    if (current === link && box && !box.hidden) return Promise.resolve(true);
    return Promise.all([content(link), floating()]).then(function (parts) {
      var card = parts[0], ui = parts[1];
      if (!card) return false;
      hideNow();
      var el = ensureBox();
      el.replaceChildren(card);
      el.hidden = false;
      current = link;
      link.setAttribute("aria-describedby", el.id);
      return ui.computePosition(link, el, {
        placement: "bottom-start",
        middleware: [ui.offset(6), ui.flip(), ui.shift({ padding: 8 })],
      }).then(function (pos) {
        el.style.left = pos.x + "px";
        el.style.top = pos.y + "px";
        return true;
      });
    }).catch(function () { return false; });
  }
  function hideNow() {
    clearTimeout(showTimer);
    if (!box || box.hidden) return;
    box.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }
  function scheduleHide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hideNow, HIDE_DELAY);
  }

  function linkOf(event) {
    var link = event.target.closest && event.target.closest("a[href]");
    return link && !link.closest(".mlblog-preview") && link.closest(main) ? link : null;
  }
  var main = '[role="main"], main, .body, article';
  document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType || "mouse"; }, true);
  document.addEventListener("mouseover", function (event) {
    var link = linkOf(event);
    if (!link || lastPointer === "touch") return;
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    showTimer = setTimeout(function () { show(link); }, SHOW_DELAY);
  });
  document.addEventListener("mouseout", function (event) {
    var link = linkOf(event);
    if (link && !link.contains(event.relatedTarget)) scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    var link = linkOf(event);
    if (link) show(link);
    else if (!(box && box.contains(event.target))) scheduleHide();
  });
  document.addEventListener("focusout", function (event) {
    if (linkOf(event)) scheduleHide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && box && !box.hidden) {
      var link = current;
      hideNow();
      if (link) link.focus({ preventScroll: true });
    }
  });
  // touch: the first tap on a link with a preview shows it, the second follows the link
  document.addEventListener("click", function (event) {
    if (lastPointer !== "touch") return;
    var link = linkOf(event);
    if (!link) {
      if (!(box && box.contains(event.target))) hideNow();
      return;
    }
    if (current === link && box && !box.hidden) return; // second tap: follow it
    if (!targetOf(link)) return;
    event.preventDefault();
    show(link).then(function (shown) {
      if (!shown) location.href = link.href; // nothing to preview: go
    });
  });
})();
