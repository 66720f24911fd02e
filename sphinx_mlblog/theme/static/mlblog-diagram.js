/* sphinx-mlblog: draw ``diagram`` directives as hand-drawn SVG with rough.js.
 * Layout: items in a row or column; arrays (cells side by side), stacks (cells on top of
 * each other), boxes and groups (items inside a dashed frame). Colours come from CSS
 * custom properties, read at draw time, so light/dark themes recolour the drawing. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  // The same constants and text-width estimate as sphinx_mlblog/diagrams.py, which
  // reserves the drawing's exact size in the page, so drawing shifts no layout.
  var CELL_H = 40, PAD = 14, GAP = 48, GROUP_PAD = 18, LABEL_H = 22, NOTE_H = 20, M = 12, ARC = 58, CHAR_W = 8.5;

  function textWidth(text) { return Array.from(String(text)).length * CHAR_W; }
  function label(v) { return (v && typeof v === "object") ? String(v.label != null ? v.label : (v.id || "")) : String(v); }

  /* Compute sizes (w, h) of every node; positions come later. */
  function measure(item) {
    var kind = item.type || "box";
    var node = { item: item, kind: kind, children: [], cells: [] };
    var head = item.label != null && kind !== "box" ? LABEL_H : 0;
    var note = item.note ? NOTE_H : 0;
    if (kind === "box") {
      node.w = Math.max(56, textWidth(label(item)) + 2 * PAD); node.h = CELL_H + note;
    } else if (kind === "array" || kind === "stack") {
      var cw = 0;
      item.cells.forEach(function (c) {
        var w = Math.max(40, textWidth(label(c)) + 2 * PAD);
        node.cells.push({ cell: c, w: w, h: CELL_H }); cw = Math.max(cw, w);
      });
      if (kind === "stack") node.cells.forEach(function (c) { c.w = cw; });
      var total = node.cells.reduce(function (s, c) { return s + c.w; }, 0);
      node.w = kind === "array" ? total : cw;
      node.h = (kind === "array" ? CELL_H : CELL_H * node.cells.length) + head + note;
      node.w = Math.max(node.w, textWidth(label(item)));
    } else {
      var dir = item.layout || "row";
      item.items.forEach(function (child) { node.children.push(measure(child)); });
      var inner = flow(node.children, dir, GAP / 1.5);
      node.innerW = inner.w; node.innerH = inner.h; node.dir = dir;
      node.w = Math.max(inner.w, textWidth(label(item))) + 2 * GROUP_PAD;
      node.h = inner.h + 2 * GROUP_PAD + (item.label != null ? LABEL_H : 0) + note;
    }
    node.head = head; node.note = note;
    return node;
  }
  function flow(nodes, dir, gap) {
    var w = 0, h = 0;
    nodes.forEach(function (n, i) {
      if (dir === "row") { w += n.w + (i ? gap : 0); h = Math.max(h, n.h); }
      else { h += n.h + (i ? gap : 0); w = Math.max(w, n.w); }
    });
    return { w: w, h: h };
  }
  /* Assign x/y to nodes (centred across the flow direction). */
  function place(nodes, dir, x, y, gap, crossSize) {
    nodes.forEach(function (n) {
      if (dir === "row") { n.x = x; n.y = y + (crossSize - n.h) / 2; x += n.w + gap; }
      else { n.x = x + (crossSize - n.w) / 2; n.y = y; y += n.h + gap; }
      if (n.kind === "group") {
        var top = n.y + GROUP_PAD + (n.item.label != null ? LABEL_H : 0);
        place(n.children, n.dir, n.x + GROUP_PAD, top, GAP / 1.5, n.dir === "row" ? n.innerH : n.innerW);
      }
    });
  }

  function colours(el) {
    var css = getComputedStyle(el);
    var get = function (name, fallback) { var v = css.getPropertyValue(name).trim(); return v || fallback; };
    var pal = { stroke: css.color, muted: get("--mlblog-diagram-muted", css.color) };
    ["blue", "green", "red", "orange", "purple", "gray", "yellow"].forEach(function (c) {
      pal[c] = get("--mlblog-diagram-" + c, "transparent");
    });
    pal.fill = get("--mlblog-diagram-fill", "transparent");
    return pal;
  }

  function draw(canvas) {
    var data = JSON.parse(canvas.getAttribute("data-diagram"));
    var css = getComputedStyle(canvas);
    var font = "15px " + (css.getPropertyValue("--mlblog-diagram-font").trim() || "Virgil, 'Comic Sans MS', 'Segoe Print', cursive, sans-serif");
    var pal = colours(canvas);
    var dir = data.layout || "row";
    var nodes = data.items.map(function (item) { return measure(item); });
    var size = flow(nodes, dir, GAP);
    var arcSpace = (data.arrows || []).length ? ARC : 0;  // room for arrows that arc over boxes
    place(nodes, dir, M, M + arcSpace, GAP, dir === "row" ? size.h : size.w);

    var svg = document.createElementNS(SVG, "svg");
    var W = size.w + 2 * M, H = size.h + 2 * M + arcSpace;
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("width", "100%");
    svg.setAttribute("class", "mlblog-diagram-svg");
    svg.setAttribute("aria-hidden", "true");
    svg.style.display = "block"; svg.style.height = "auto";
    var rc = rough.svg(svg);
    var seed = data.seed || 7;
    var opts = function (extra) {
      var o = { stroke: pal.stroke, strokeWidth: 1.4, roughness: 1.1, seed: seed++, fillStyle: "hachure", hachureGap: 6 };
      for (var k in extra) o[k] = extra[k];
      return o;
    };
    var boxes = {}, obstacles = [], frames = [];
    function text(x, y, value, cls, anchor) {
      var t = document.createElementNS(SVG, "text");
      t.setAttribute("x", x); t.setAttribute("y", y);
      t.setAttribute("text-anchor", anchor || "middle"); t.setAttribute("dominant-baseline", "middle");
      t.setAttribute("class", cls); t.setAttribute("fill", cls === "mlblog-d-note" ? pal.muted : pal.stroke);
      t.style.font = cls === "mlblog-d-label" ? font : "italic 13px " + font.replace(/^\S+\s/, "");
      t.textContent = value; svg.appendChild(t);
    }
    function fillOf(spec) { return spec && spec.color ? pal[spec.color] : pal.fill; }
    function render(n) {
      var item = n.item;
      if (n.kind === "box") {
        svg.appendChild(rc.rectangle(n.x, n.y, n.w, CELL_H, opts({ fill: fillOf(item) })));
        obstacles.push({ x: n.x, y: n.y, w: n.w, h: CELL_H });
        text(n.x + n.w / 2, n.y + CELL_H / 2, label(item), "mlblog-d-label");
        if (item.id) boxes[item.id] = { x: n.x, y: n.y, w: n.w, h: CELL_H };
        if (item.note) text(n.x + n.w / 2, n.y + CELL_H + NOTE_H / 2 + 2, item.note, "mlblog-d-note");
      } else if (n.kind === "array" || n.kind === "stack") {
        if (n.head) text(n.x, n.y + LABEL_H / 2, label(item), "mlblog-d-label", "start");
        var cx = n.x, cy = n.y + n.head;
        n.cells.forEach(function (c) {
          var spec = typeof c.cell === "object" ? c.cell : {};
          svg.appendChild(rc.rectangle(cx, cy, c.w, c.h, opts({ fill: fillOf(spec.color ? spec : item) })));
          obstacles.push({ x: cx, y: cy, w: c.w, h: c.h });
          text(cx + c.w / 2, cy + c.h / 2, label(c.cell), "mlblog-d-label");
          if (spec.id) boxes[spec.id] = { x: cx, y: cy, w: c.w, h: c.h };
          if (n.kind === "array") cx += c.w; else cy += c.h;
        });
        if (item.id) boxes[item.id] = { x: n.x, y: n.y + n.head, w: n.w, h: n.h - n.head - n.note };
        if (item.note) text(n.x + n.w / 2, n.y + n.h - NOTE_H / 2 + 2, item.note, "mlblog-d-note");
      } else {
        svg.appendChild(rc.rectangle(n.x, n.y, n.w, n.h - n.note, opts({ strokeLineDash: [7, 6], roughness: 0.8, fill: item.color ? pal[item.color] : undefined })));
        frames.push({ x: n.x, y: n.y, w: n.w, h: n.h - n.note });
        if (item.label != null) text(n.x + GROUP_PAD, n.y + GROUP_PAD / 2 + LABEL_H / 2, label(item), "mlblog-d-label", "start");
        if (item.id) boxes[item.id] = { x: n.x, y: n.y, w: n.w, h: n.h - n.note };
        if (item.note) text(n.x + n.w / 2, n.y + n.h - NOTE_H / 2 + 2, item.note, "mlblog-d-note");
        n.children.forEach(render);
      }
    }
    nodes.forEach(render);

    (data.arrows || []).forEach(function (a) {
      var s = boxes[a.from], t = boxes[a.to];
      if (!s || !t) return;
      var o = opts({ strokeLineDash: a.style === "dashed" ? [6, 5] : undefined });
      var p = edge(s, t), q = edge(t, s), ang, mid;
      if (blocked(p, q, s, t)) {
        // another box is in the way: arc over the top, into the target from above
        p = { x: s.x + s.w / 2, y: s.y }; q = { x: t.x + t.w / 2, y: t.y };
        // over the frames of the groups the ends are in too, so the label clears theirs
        var top = Math.min(s.y, t.y);
        frames.forEach(function (f) { if (contains(f, s) || contains(f, t)) top = Math.min(top, f.y); });
        var lift = top - 34;
        svg.appendChild(rc.curve([[p.x, p.y], [p.x + (q.x - p.x) * 0.15, lift], [q.x - (q.x - p.x) * 0.15, lift], [q.x, q.y]], o));
        ang = Math.atan2(q.y - lift, (q.x - p.x) * 0.15);
        mid = { x: (p.x + q.x) / 2, y: Math.max(lift - 22, 8) };
      } else {
        svg.appendChild(rc.line(p.x, p.y, q.x, q.y, o));
        ang = Math.atan2(q.y - p.y, q.x - p.x);
        mid = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 - 10 };
      }
      var L = 11;
      [0.45, -0.45].forEach(function (d) {
        svg.appendChild(rc.line(q.x, q.y, q.x - L * Math.cos(ang + d), q.y - L * Math.sin(ang + d), opts({})));
      });
      if (a.label != null) text(mid.x, mid.y, String(a.label), "mlblog-d-note");
    });
    function blocked(p, q, s, t) {
      for (var i = 0; i < obstacles.length; i++) {
        var b = obstacles[i];
        if (contains(b, s) || contains(b, t) || contains(s, b) || contains(t, b)) continue;
        if (crosses(p, q, b)) return true;
      }
      return false;
    }

    canvas.replaceChildren(svg);
    canvas.closest("figure").classList.add("mlblog-diagram-ready");
  }
  function contains(outer, inner) {
    return inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 &&
      inner.x + inner.w <= outer.x + outer.w + 0.5 && inner.y + inner.h <= outer.y + outer.h + 0.5;
  }
  /* Does the segment p-q pass through the inside of box b? (sampled; boxes are large) */
  function crosses(p, q, b) {
    for (var i = 1; i < 40; i++) {
      var x = p.x + (q.x - p.x) * i / 40, y = p.y + (q.y - p.y) * i / 40;
      if (x > b.x + 2 && x < b.x + b.w - 2 && y > b.y + 2 && y < b.y + b.h - 2) return true;
    }
    return false;
  }
  /* Point on the border of box a, on the line towards the centre of box b. */
  function edge(a, b) {
    var ax = a.x + a.w / 2, ay = a.y + a.h / 2, bx = b.x + b.w / 2, by = b.y + b.h / 2;
    var dx = bx - ax, dy = by - ay;
    if (dx === 0 && dy === 0) return { x: ax, y: ay };
    var sx = dx !== 0 ? (a.w / 2) / Math.abs(dx) : Infinity, sy = dy !== 0 ? (a.h / 2) / Math.abs(dy) : Infinity;
    var s = Math.min(sx, sy);
    return { x: ax + dx * s, y: ay + dy * s };
  }

  function drawAll() {
    if (typeof rough === "undefined") return;
    document.querySelectorAll(".mlblog-diagram-canvas[data-diagram]").forEach(function (canvas) {
      try { draw(canvas); } catch (err) { console.warn("sphinx-mlblog: cannot draw diagram", err); }
    });
  }
  function start() {
    drawAll();
    // furo (and pydata) switch themes by an attribute on <body>/<html>: redraw in the new colours
    var observer = new MutationObserver(function () { window.requestAnimationFrame(drawAll); });
    [document.body, document.documentElement].forEach(function (el) {
      observer.observe(el, { attributes: true, attributeFilter: ["data-theme", "class"] });
    });
    if (window.matchMedia) {
      var mq = window.matchMedia("(prefers-color-scheme: dark)");
      (mq.addEventListener ? mq.addEventListener.bind(mq, "change") : mq.addListener.bind(mq))(drawAll);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
