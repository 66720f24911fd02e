/* sphinx-mlblog: the filter of a listing (the blog index, a tag, category or author page).
 * Typing in its box or pressing tag chips narrows the posts across all of the listing's
 * pages, from the build's data (_static/mlblog-previews.js, loaded when first needed; no
 * page is fetched). The filter is kept in the page's address (?q=...&tag=...), so it can
 * be shared; without JavaScript the form stays hidden and the pages are as they are. */
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.querySelector("form.mlblog-filter");
  if (!script || !form || !window.URLSearchParams) return;
  var staticURL = new URL(".", script.src);
  var rootURL = new URL("..", staticURL);
  var results = document.querySelector(".mlblog-filter-results");
  var listing = document.querySelector(".mlblog-filter-default");
  var text = form.querySelector(".mlblog-filter-text");
  var chips = Array.prototype.slice.call(form.querySelectorAll(".mlblog-filter-tag"));
  var status = form.querySelector(".mlblog-filter-status");
  var scope = form.dataset.kind === "index" ? null : form.dataset.kind + ":" + form.dataset.key;
  var data = null, timer = 0;

  function loadData() {
    if (data) return data;
    data = new Promise(function (resolve, reject) {
      if (window.mlblogPreviews) return resolve(window.mlblogPreviews.posts);
      var tag = document.createElement("script");
      tag.src = new URL("mlblog-previews.js", staticURL).href;
      tag.onload = function () { resolve((window.mlblogPreviews || {}).posts || {}); };
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
    return data;
  }
  // case and accents do not matter: "Naïve" is found by "naive"
  function fold(value) {
    return String(value || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function selected() {
    return chips.filter(function (chip) { return chip.getAttribute("aria-pressed") === "true"; })
      .map(function (chip) { return chip.dataset.tag; });
  }
  function matches(entry, words, tags) {
    var on = entry.m || [];
    if (scope && on.indexOf(scope) < 0) return false;
    for (var i = 0; i < tags.length; i++) if (on.indexOf("tag:" + tags[i]) < 0) return false;
    var haystack = fold([entry.t, entry.e, (entry.g || []).join(" ")].join(" "));
    return words.every(function (word) { return haystack.indexOf(word) >= 0; });
  }
  function node(tag, className, text) {
    var el = document.createElement(tag);
    el.className = className;
    if (text) el.textContent = text;
    return el;
  }
  function card(key, entry) {
    var article = node("article", "mlblog-card");
    var link = node("a", "reference mlblog-post-link", entry.t);
    link.href = entry.u || new URL(key, rootURL).href;
    article.appendChild(node("h2", "mlblog-card-title")).appendChild(link);
    if (entry.d) article.appendChild(node("p", "mlblog-meta", entry.d));
    if (entry.e) article.appendChild(node("p", "mlblog-excerpt", entry.e));
    return article;
  }
  function remember(query, tags) {
    var params = new URLSearchParams(location.search);
    params.delete("q");
    params.delete("tag");
    if (query) params.set("q", query);
    tags.forEach(function (tag) { params.append("tag", tag); });
    var search = params.toString();
    history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
  }
  function apply() {
    var query = text.value.trim();
    var tags = selected();
    remember(query, tags);
    if (!query && !tags.length) {
      results.hidden = true;
      results.replaceChildren();
      if (listing) listing.hidden = false;
      status.textContent = "";
      return Promise.resolve();
    }
    var words = fold(query).split(/\s+/).filter(Boolean);
    return loadData().then(function (posts) {
      var keys = Object.keys(posts).filter(function (key) { return matches(posts[key], words, tags); });
      keys.sort(function (a, b) { return (posts[b].s || "").localeCompare(posts[a].s || ""); });
      var total = Object.keys(posts).filter(function (key) { return matches(posts[key], [], []); }).length;
      results.replaceChildren.apply(results, keys.map(function (key) { return card(key, posts[key]); }));
      results.hidden = false;
      if (listing) listing.hidden = true;
      status.textContent = keys.length
        ? form.dataset.status.replace("%(count)s", keys.length).replace("%(total)s", total)
        : form.dataset.empty;
    }, function () {
      status.textContent = ""; // no data (a page opened outside its site): the pages stay
    });
  }

  function toggle(chip) {
    chip.addEventListener("click", function () {
      chip.setAttribute("aria-pressed", chip.getAttribute("aria-pressed") === "true" ? "false" : "true");
      apply();
    });
  }
  function addChip(tag) {
    var group = form.querySelector(".mlblog-filter-tags");
    if (!group) {
      group = document.createElement("div");
      group.className = "mlblog-filter-tags";
      group.setAttribute("role", "group");
      form.insertBefore(group, status);
    }
    var chip = document.createElement("button");
    chip.type = "button";
    chip.className = "mlblog-filter-tag";
    chip.dataset.tag = tag;
    chip.textContent = tag;
    group.appendChild(chip);
    chips.push(chip);
    toggle(chip);
    return chip;
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  text.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 150);
  });
  chips.forEach(toggle);
  // a shared address: apply its filter
  var params = new URLSearchParams(location.search);
  var wanted = params.getAll("tag");
  if (params.get("q") || wanted.length) {
    text.value = params.get("q") || "";
    wanted.forEach(function (tag) {
      var chip = chips.filter(function (c) { return c.dataset.tag === tag; })[0];
      if (!chip) chip = addChip(tag); // a tag the chips do not offer: one for it
      chip.setAttribute("aria-pressed", "true");
    });
    apply();
  }
})();
