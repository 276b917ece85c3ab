// Served by `build.py serve` only (never written into output/): reloads the page after
// each successful rebuild and shows the content errors of a failed one over the page.
// An external file, not inline script, so the site's Content-Security-Policy allows it.
(function () {
  "use strict";
  var words = null;
  var firstBuild = null;
  var overlay = null;

  function el(tag, text, style) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (style) Object.assign(node.style, style);
    return node;
  }

  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function show(errors) {
    hide();
    overlay = el("div", null, {
      position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto",
      background: "rgba(20, 20, 20, 0.85)", padding: "1rem", boxSizing: "border-box"
    });
    overlay.id = "bulletin-serve-overlay";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("lang", words.lang || "vi");
    var box = el("div", null, {
      maxWidth: "48rem", margin: "2rem auto", background: "#fff", color: "#1a1a1a",
      borderTop: "6px solid #b00020", borderRadius: "6px", padding: "1.25rem 1.5rem",
      font: "16px/1.5 system-ui, sans-serif"
    });
    var heading = el("h2", words.title.replace("{count}", errors.length),
                     {margin: "0 0 0.5rem", fontSize: "1.25rem", color: "#b00020"});
    heading.id = "bulletin-serve-overlay-title";
    overlay.setAttribute("aria-labelledby", heading.id);
    var close = el("button", words.close, {
      float: "right", font: "inherit", padding: "0.25rem 0.75rem", cursor: "pointer"
    });
    close.type = "button";
    close.addEventListener("click", hide);
    box.appendChild(close);
    box.appendChild(heading);
    box.appendChild(el("p", words.note, {margin: "0 0 1rem"}));
    var list = el("ol", null, {paddingLeft: "1.25rem", margin: "0"});
    errors.forEach(function (e) {
      var item = el("li", null, {marginBottom: "0.75rem"});
      item.appendChild(el("code", e.where, {fontWeight: "bold", wordBreak: "break-all"}));
      item.appendChild(el("div", e.message));
      if (e.hint) item.appendChild(el("div", "→ " + e.hint, {color: "#0b5d1e"}));
      list.appendChild(item);
    });
    box.appendChild(list);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
  }

  // serve --drafts: a clear "draft" badge on a draft's own page and beside every link to
  // one (issue lists, topics, previous/next), so an editor never mistakes it for published.
  var BADGE = {
    display: "inline-block", background: "#8a4b00", color: "#fff", font: "bold 0.8em/1.4 system-ui, sans-serif",
    padding: "0.1em 0.5em", borderRadius: "4px", verticalAlign: "middle", letterSpacing: "0.02em"
  };

  function badge(big) {
    var node = el("span", words.draft, BADGE);
    node.title = words.draft_note;
    node.setAttribute("data-bulletin-draft", "");
    if (big) Object.assign(node.style, {fontSize: "1rem", margin: "0 0 0.75rem", padding: "0.25em 0.75em"});
    else node.style.marginLeft = "0.4em";
    return node;
  }

  function pathOf(href) {
    return href.replace(/index\.html$/, "");
  }

  function isDraft(drafts, path) {
    path = pathOf(path);
    return drafts.some(function (d) { return path.slice(-d.length) === d; });
  }

  function markDrafts(drafts) {
    if (!drafts || !drafts.length) return;
    if (isDraft(drafts, location.pathname) && !document.getElementById("bulletin-serve-draft")) {
      var mark = badge(true);
      mark.id = "bulletin-serve-draft";
      mark.setAttribute("role", "note");
      var where = document.querySelector("main h1") || document.querySelector("h1");
      var block = el("p", null, {margin: "0 0 0.5rem"});
      block.appendChild(mark);
      if (where) where.parentNode.insertBefore(block, where);
      else document.body.insertBefore(block, document.body.firstChild);
    }
    Array.prototype.forEach.call(document.querySelectorAll("main a[href]"), function (a) {
      if (a.origin !== location.origin || !isDraft(drafts, a.pathname)) return;
      if (a.querySelector("[data-bulletin-draft]") || pathOf(a.pathname) === pathOf(location.pathname)) return;
      a.appendChild(badge(false));
    });
  }

  function listen() {
    var events = new EventSource("/__serve/events");
    events.addEventListener("state", function (message) {
      var state = JSON.parse(message.data);
      if (firstBuild === null) firstBuild = state.build;
      if (state.build !== firstBuild) { events.close(); location.reload(); return; }
      if (state.errors.length) show(state.errors); else hide();
      markDrafts(state.drafts);
    });
  }

  fetch("/__serve/words.json").then(function (r) { return r.json(); }).then(function (w) {
    words = w;
    listen();
  });
})();
