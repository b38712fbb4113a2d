/* fieldguide serve: live reload and the build error overlay.
   Served only by `fieldguide serve` (injected into pages as they are
   served, never written into a build). It listens to the server's event
   stream: after a rebuild it reloads the page and keeps its scroll
   position; after a stylesheet-only change it swaps the stylesheet in
   place; when a rebuild fails it shows the errors over the page (the page
   itself stays the last good version) until a good build replaces them.
   One tab listens for all the preview's tabs (see connect), so any
   number of them can be open.

   Hooks for browser tests: the overlay is #fieldguide-error-overlay, and
   the window gets a "fieldguide:reloaded" event (detail.kind is "page"
   or "css") once a reload or a stylesheet swap is done (its detail also
   stays in window.fieldguideLastReload), and "fieldguide:errors" when the
   overlay is shown or updated. */
(function () {
  "use strict";
  if (window.__fieldguideLiveReload || !window.EventSource) return;
  window.__fieldguideLiveReload = true;

  var script = document.currentScript;
  // The build this page was served from, so a page loaded just before a
  // rebuild (or before a server restart) notices it missed one.
  var servedInstance = script && script.getAttribute("data-instance");
  var servedVersion = script && script.getAttribute("data-version");
  var scrollKey = "fieldguide:scroll:" + location.pathname;
  var OVERLAY_ID = "fieldguide-error-overlay";

  function fire(name, detail) {
    // Also kept on window, for a test that attaches after the event.
    if (name === "fieldguide:reloaded") window.fieldguideLastReload = detail;
    var ev;
    try {
      ev = new CustomEvent(name, { detail: detail });
    } catch (e) {
      ev = document.createEvent("CustomEvent");
      ev.initCustomEvent(name, false, false, detail);
    }
    window.dispatchEvent(ev);
  }

  function loadStyles() {
    if (document.getElementById("fieldguide-livereload-css")) return;
    var link = document.createElement("link");
    link.id = "fieldguide-livereload-css";
    link.rel = "stylesheet";
    link.href = "/__fieldguide/livereload.css";
    (document.head || document.documentElement).appendChild(link);
  }

  // --- reload keeping the scroll position ---------------------------------

  // wanted is a restored position the page was too short to reach (a
  // lesson saved empty for a moment, mid-save), and landed where it
  // stopped instead. Until the reader scrolls, the next reload aims at
  // wanted again, so the position survives a half-saved page.
  var wanted = null, landed = null;

  var reloading = false;
  // Leaving the page by a link: back and forward find their places again,
  // as on any page ("manual" is only for the reloads asked for here).
  window.addEventListener("pagehide", function () {
    if (reloading) return;
    try { history.scrollRestoration = "auto"; } catch (e) { /* old browser */ }
  });

  function reload() {
    reloading = true;
    var at = { x: window.scrollX, y: window.scrollY };
    if (wanted && landed && at.x === landed.x && at.y === landed.y) at = wanted;
    try {
      sessionStorage.setItem(scrollKey, JSON.stringify({ x: at.x, y: at.y, t: Date.now() }));
      // The browser's own restoring comes after ours and would put back
      // where the last page stopped: the top, if it was a half-saved one.
      history.scrollRestoration = "manual";
    } catch (e) { /* storage disabled: reload anyway */ }
    location.reload();
  }

  function restoreScroll() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(scrollKey) || "null");
      sessionStorage.removeItem(scrollKey);
    } catch (e) { saved = null; }
    // Only a reload we asked for in the last minute, not a later visit.
    if (!saved || Date.now() - saved.t > 60000) return;
    var apply = function () {
      window.scrollTo(saved.x, saved.y);
      var short = Math.abs(window.scrollX - saved.x) > 1 || Math.abs(window.scrollY - saved.y) > 1;
      wanted = short ? { x: saved.x, y: saved.y } : null;
      landed = short ? { x: window.scrollX, y: window.scrollY } : null;
    };
    apply();
    if (document.readyState === "complete") {
      fire("fieldguide:reloaded", { kind: "page" });
    } else {
      window.addEventListener("load", function () {
        apply();
        fire("fieldguide:reloaded", { kind: "page" });
      });
    }
  }

  // --- stylesheet swap ----------------------------------------------------

  function siteRoot() {
    var root = document.documentElement.getAttribute("data-root") || "";
    return new URL(root, location.href);
  }

  // sitePath is a stylesheet's path from the site root, or null when it is
  // not one of the site's files.
  function sitePath(href) {
    var u = new URL(href, location.href);
    var root = siteRoot();
    if (u.origin !== root.origin || u.pathname.indexOf(root.pathname) !== 0) return null;
    return decodeURIComponent(u.pathname.slice(root.pathname.length));
  }

  function swapStyles(msg) {
    var removed = msg.removed || [], changed = msg.changed || [];
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    var waiting = 0, done = false;
    var finish = function () {
      if (!done && waiting === 0) {
        done = true;
        fire("fieldguide:reloaded", { kind: "css" });
      }
    };
    Array.prototype.forEach.call(links, function (link) {
      if (link.id === "fieldguide-livereload-css") return;
      var p = sitePath(link.href);
      if (p === null) return;
      var target = null;
      if (removed.indexOf(p) >= 0) {
        // A fingerprinted stylesheet: its successor shares the name's start.
        var stem = p.replace(/\.[0-9a-f]+\.css$/, ".");
        changed.forEach(function (c) { if (c.indexOf(stem) === 0) target = c; });
        if (!target) return;
      } else if (changed.indexOf(p) >= 0) {
        target = p;
      } else {
        return;
      }
      var url = new URL(target, siteRoot());
      url.searchParams.set("fieldguide", String(Date.now()));
      var next = link.cloneNode(false);
      next.href = url.href;
      waiting++;
      var settle = function () {
        if (link.parentNode) link.parentNode.removeChild(link);
        waiting--;
        finish();
      };
      // Keep the old sheet until the new one applies: no flash of
      // unstyled page.
      next.addEventListener("load", settle);
      next.addEventListener("error", settle);
      link.parentNode.insertBefore(next, link.nextSibling);
    });
    finish();
  }

  // --- error overlay ------------------------------------------------------

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function position(d) {
    var p = d.file || "fieldguide";
    if (d.line) {
      p += ":" + d.line;
      if (d.col) p += ":" + d.col;
    }
    return p;
  }

  // excerptLine shows one source line; the offending character (columns
  // count characters, not bytes) is marked on the line the message is about.
  function excerptLine(d, x) {
    var row = el("span", "fg-line" + (x.number === d.line ? " fg-line-at" : ""));
    row.appendChild(el("span", "fg-lineno", String(x.number)));
    var code = el("span", "fg-code");
    code.setAttribute("dir", "auto");
    var chars = Array.from ? Array.from(x.text) : x.text.split("");
    if (x.number === d.line && d.col > 0 && d.col <= chars.length) {
      code.appendChild(document.createTextNode(chars.slice(0, d.col - 1).join("")));
      code.appendChild(el("mark", null, chars[d.col - 1]));
      code.appendChild(document.createTextNode(chars.slice(d.col).join("")));
    } else {
      code.textContent = x.text || "\u00a0";
    }
    row.appendChild(code);
    return row;
  }

  function renderOverlay(state) {
    var errors = state.errors || [];
    var box = document.getElementById(OVERLAY_ID);
    if (!errors.length) {
      if (box) box.parentNode.removeChild(box);
      return;
    }
    loadStyles();
    var fresh = !box;
    if (fresh) {
      box = el("div", "fg-overlay");
      box.id = OVERLAY_ID;
      box.setAttribute("role", "alert");
      box.setAttribute("aria-labelledby", OVERLAY_ID + "-title");
    }
    box.textContent = "";
    var panel = el("div", "fg-overlay-panel");
    var head = el("div", "fg-overlay-head");
    var count = 0;
    errors.forEach(function (d) { if (d.severity !== "warning") count++; });
    var title = el("h2", "fg-overlay-title",
      "Build failed: " + count + (count === 1 ? " error" : " errors"));
    title.id = OVERLAY_ID + "-title";
    head.appendChild(title);
    var close = el("button", "fg-overlay-close", "\u00d7");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", function () {
      dismissed = state.key;
      renderOverlay({});
    });
    head.appendChild(close);
    panel.appendChild(head);
    panel.appendChild(el("p", "fg-overlay-note", state.hasSite
      ? "This page shows the last version that built. Fix the file and save: the page updates by itself."
      : "Nothing has built yet. Fix the file and save: the page updates by itself."));
    var list = el("ol", "fg-overlay-list");
    errors.forEach(function (d) {
      var item = el("li", "fg-diag fg-" + (d.severity || "error"));
      var where = el("p", "fg-where");
      var sev = el("span", "fg-severity", d.severity || "error");
      where.appendChild(sev);
      where.appendChild(document.createTextNode(" "));
      var loc = el("bdi", "fg-location", position(d));
      loc.setAttribute("dir", "ltr");
      where.appendChild(loc);
      item.appendChild(where);
      var msg = el("p", "fg-message", d.message);
      msg.setAttribute("dir", "auto");
      item.appendChild(msg);
      if (d.hint) {
        var hint = el("p", "fg-hint", d.hint);
        hint.setAttribute("dir", "auto");
        item.appendChild(hint);
      }
      if (d.excerpt && d.excerpt.length) {
        var pre = el("pre", "fg-excerpt");
        pre.setAttribute("aria-label", "Source lines of " + position(d));
        d.excerpt.forEach(function (x) { pre.appendChild(excerptLine(d, x)); });
        item.appendChild(pre);
      }
      list.appendChild(item);
    });
    panel.appendChild(list);
    box.appendChild(panel);
    if (fresh) (document.body || document.documentElement).appendChild(box);
    fire("fieldguide:errors", { count: count });
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && document.getElementById(OVERLAY_ID)) {
      dismissed = current && current.key;
      renderOverlay({});
    }
  });

  // --- event stream -------------------------------------------------------

  var dismissed = null; // the errors the reader closed, not shown again
  var current = null;

  function showErrors(state) {
    current = state;
    if (state.key && state.key === dismissed) return;
    renderOverlay(state);
  }

  function parse(e) {
    try { return JSON.parse(e.data); } catch (err) { return {}; }
  }

  // What each event does in this tab.
  var handlers = {
    hello: function (m) {
      // A restarted server, or a build this page missed while loading.
      if ((servedInstance && m.instance !== servedInstance) ||
          (servedVersion && String(m.version) !== servedVersion)) {
        reload();
        return;
      }
      showErrors(m);
    },
    reload: function (m) {
      // The page this tab shows has moved (renamed, moved, a slug): go
      // where it is now, rather than reload onto "page not found".
      var to = m.moved && m.moved[location.pathname];
      if (to) {
        location.replace(to + location.hash);
        return;
      }
      reload();
    },
    css: function (m) {
      servedVersion = String(m.version);
      showErrors({});
      swapStyles(m);
    },
    errors: function (m) { showErrors(m); },
    ok: function (m) {
      if (m.version !== undefined) servedVersion = String(m.version);
      showErrors({});
    }
  };

  // One tab holds the connection to the server and passes its events to
  // the others: a browser opens at most six connections to a server, so
  // with one per tab a seventh preview tab would never load. The tab that
  // holds the lock leads; when it goes, the next takes the lock and
  // connects. Without Web Locks or BroadcastChannel every tab connects.
  var channel = window.BroadcastChannel && navigator.locks ? new BroadcastChannel("fieldguide-events") : null;
  var state = null; // the leader's view of the server, as a hello says it

  function connect() {
    var source = new EventSource("/__fieldguide/events");
    Object.keys(handlers).forEach(function (type) {
      source.addEventListener(type, function (e) {
        var m = parse(e);
        if (type === "hello" || type === "errors") {
          state = m;
        } else if (state) {
          state = { instance: state.instance, version: m.version, hasSite: true, errors: [], key: "" };
        }
        if (channel) channel.postMessage({ type: type, data: m });
        handlers[type](m);
      });
    });
    // EventSource reconnects by itself (the server sets retry:); when the
    // server is gone for good the browser keeps trying quietly.
  }

  if (channel) {
    channel.onmessage = function (e) {
      var msg = e.data || {};
      if (msg.type === "ask") {
        // A tab that just opened asks where things stand.
        if (state) channel.postMessage({ type: "hello", data: state });
      } else if (handlers[msg.type]) {
        handlers[msg.type](msg.data || {});
      }
    };
    navigator.locks.request("fieldguide-events", function () {
      connect();
      return new Promise(function () {}); // held while the page is open
    });
    channel.postMessage({ type: "ask" });
  }

  restoreScroll();
  if (!channel) connect();
})();
