// Search box: the WAI-ARIA 1.2 combobox in the header
// (layouts/partials/search.html). It is small and on every page; the first
// time the box is used it loads the engine (assets/lazy/search-engine.js,
// whose URL is in the box's data-engine attribute) and then the index files
// (search/<lang>/<n>.js), all as classic <script> elements, so search works
// from file:// as over HTTP.
(function () {
  "use strict";

  var api = window.__fieldguideSearch = window.__fieldguideSearch || {};

  // ---------------------------------------------------------------------
  // The search box (layouts/partials/search.html): a WAI-ARIA 1.2 combobox
  // with a listbox popup.
  // ---------------------------------------------------------------------

  var MAX_RESULTS = 20;
  var SNIPPET_LENGTH = 160;

  function setUp() {
    var box = document.querySelector("[data-fg-search]");
    if (!box) return;
    var input = box.querySelector("input");
    var popup = box.querySelector(".fg-search-popup");
    var listbox = box.querySelector("[role=listbox]");
    var message = box.querySelector(".fg-search-message");
    var live = box.querySelector("[role=status]");
    if (!input || !popup || !listbox || !message || !live) return;
    var html = document.documentElement;
    var lang = box.getAttribute("data-lang") || html.lang;
    var root = html.getAttribute("data-root") || "";
    var label = function (name) { return box.getAttribute("data-" + name) || ""; };
    var active = -1, shown = [], timer = 0, liveTimer = 0, enterPending = false, engineError = false;

    box.hidden = false; // without JS the box stays hidden: no dead control

    // load fetches the engine, then the index of this page's language.
    var engineRequested = false;
    function load() {
      if (!api.engine) {
        if (engineRequested) return;
        engineRequested = true;
        var script = document.createElement("script");
        script.src = new URL(box.getAttribute("data-engine"), location.href).href;
        script.onload = load;
        script.onerror = function () {
          engineError = true;
          update();
        };
        document.head.appendChild(script);
        return;
      }
      var ix = api.engine.indexFor(lang);
      if (ix.loading) return;
      ix.loading = true;
      var appendShard = function (i) {
        var script = document.createElement("script");
        script.src = new URL(root + "search/" + lang + "/" + i + ".js", location.href).href;
        script.onerror = function () { api.engine.fail(ix, "cannot load " + script.src); };
        document.head.appendChild(script);
      };
      ix.onFirst = function () {
        for (var i = 1; i < ix.expected; i++) appendShard(i);
      };
      appendShard(0);
      api.engine.whenReady(lang, function () {
        update();
        if (enterPending && shown.length) go(0, false);
        enterPending = false;
      });
    }

    function announce(text) {
      // Politely, once typing pauses, so that a screen reader is not
      // interrupted by a count at every key.
      clearTimeout(liveTimer);
      liveTimer = setTimeout(function () { live.textContent = text; }, 600);
    }

    function open(yes) {
      popup.hidden = !yes;
      input.setAttribute("aria-expanded", yes ? "true" : "false");
      if (!yes) setActive(-1);
    }

    function setActive(i) {
      var options = listbox.children;
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "false");
      }
      active = i;
      if (i < 0 || !options[i]) {
        active = -1;
        input.removeAttribute("aria-activedescendant");
        return;
      }
      options[i].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[i].id);
      options[i].scrollIntoView({ block: "nearest" });
    }

    function showMessage(text) {
      message.textContent = text;
      message.hidden = !text;
    }

    function update() {
      var query = input.value;
      if (!query.trim()) {
        listbox.textContent = "";
        shown = [];
        open(false);
        live.textContent = "";
        return;
      }
      var ix = api.engine ? api.engine.indexFor(lang) : { ready: false, error: engineError ? "cannot load the search engine" : null };
      if (ix.error) {
        showMessage(label("error"));
        listbox.textContent = "";
        shown = [];
        open(true);
        announce(label("error"));
        return;
      }
      if (!ix.ready) {
        load();
        showMessage(label("loading"));
        open(true);
        return;
      }
      var found = api.engine.search(ix, query, MAX_RESULTS);
      shown = found.results;
      var items = "";
      for (var i = 0; i < shown.length; i++) {
        var r = shown[i];
        items += '<li role="option" class="fg-search-result" id="fg-search-option-' + i + '" aria-selected="false">' +
          '<span class="fg-search-title">' + api.engine.highlight(r.title, found.terms) + "</span>" +
          (r.section ? '<span class="fg-search-section">' + api.engine.highlight(r.section, found.terms) + "</span>" : "") +
          '<span class="fg-search-snippet">' + api.engine.highlight(r.text, found.terms, SNIPPET_LENGTH) + "</span></li>";
      }
      listbox.innerHTML = items; // every piece of text above went through escapeHTML
      active = -1;
      input.removeAttribute("aria-activedescendant");
      var count = found.total ? label("count").replace("{n}", found.total.toLocaleString(lang)) : label("none");
      showMessage(found.total ? "" : count);
      open(true);
      announce(count);
    }

    function go(i, newTab) {
      var r = shown[i];
      if (!r) return;
      var url = new URL(root + r.url + (r.anchor ? "#" + r.anchor : ""), location.href).href;
      if (newTab) window.open(url, "_blank", "noopener");
      else location.href = url;
    }

    input.addEventListener("focus", load);
    input.addEventListener("input", function () {
      clearTimeout(timer);
      enterPending = false;
      timer = setTimeout(function () { timer = 0; update(); }, 60);
    });
    input.addEventListener("keydown", function (e) {
      var n = shown.length;
      if (e.key === "ArrowDown" || e.key === "Down") {
        e.preventDefault();
        if (popup.hidden) { update(); return; }
        if (n) setActive(active + 1 < n ? active + 1 : 0);
      } else if (e.key === "ArrowUp" || e.key === "Up") {
        e.preventDefault();
        if (popup.hidden) { update(); return; }
        if (n) setActive(active > 0 ? active - 1 : n - 1);
      } else if (e.key === "Enter") {
        if (timer) {
          // Enter pressed before the typing pause ran the query: run it
          // now, so Enter acts on what is in the box, not on the last results.
          clearTimeout(timer);
          timer = 0;
          update();
          n = shown.length;
        }
        if (!popup.hidden && n) {
          e.preventDefault();
          go(active >= 0 ? active : 0, e.ctrlKey || e.metaKey);
        } else if (input.value.trim() && !engineError && !(api.engine && api.engine.indexFor(lang).ready)) {
          e.preventDefault();
          enterPending = true; // go to the first result once the index has loaded
        }
      } else if (e.key === "Escape" || e.key === "Esc") {
        if (!popup.hidden) {
          e.preventDefault();
          open(false);
        } else if (input.value) {
          e.preventDefault();
          input.value = "";
          update();
        }
      } else if (e.key === "Tab") {
        open(false);
      }
    });
    // mousedown would move the focus out of the input and close the popup
    // before the click lands.
    listbox.addEventListener("mousedown", function (e) { e.preventDefault(); });
    listbox.addEventListener("click", function (e) {
      var option = e.target.closest ? e.target.closest("[role=option]") : null;
      if (!option) return;
      go(Array.prototype.indexOf.call(listbox.children, option), e.ctrlKey || e.metaKey);
    });
    listbox.addEventListener("mousemove", function (e) {
      var option = e.target.closest ? e.target.closest("[role=option]") : null;
      if (option) {
        var i = Array.prototype.indexOf.call(listbox.children, option);
        if (i !== active) setActive(i);
      }
    });
    input.addEventListener("blur", function () {
      setTimeout(function () {
        if (document.activeElement !== input) open(false);
      }, 150);
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      var t = e.target;
      var tag = t && t.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
      e.preventDefault();
      input.focus();
      input.select();
    });
  }

  if (typeof document !== "undefined" && document.querySelector) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
    else setUp();
  }
})();
