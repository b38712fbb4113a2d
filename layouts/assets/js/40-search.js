// Search box: the WAI-ARIA 1.2 combobox in the header
// (layouts/partials/search.html). It is small and on every page; the first
// time the box is used it loads the engine (assets/lazy/search-engine.js,
// whose URL is in the box's data-engine attribute), which then asks for the
// index files it needs (search/<lang>/<name>.js) through the loader given
// here: all classic <script> elements, so search works from file:// as over
// HTTP.
(function () {
  "use strict";

  var api = window.__fieldguideSearch = window.__fieldguideSearch || {};
  // Until the engine comes, index files that run are kept for it: the meta
  // file is asked for with the engine, not after it.
  if (!api.add) {
    api.add = function () { (api.queued || (api.queued = [])).push(arguments); };
  }

  // ---------------------------------------------------------------------
  // The search box (layouts/partials/search.html): a WAI-ARIA 1.2 combobox
  // with a listbox popup.
  // ---------------------------------------------------------------------

  var MAX_RESULTS = 20;
  // FIRST_SCREEN is about how many results the popup shows before it
  // scrolls: they are shown as soon as they can be, the others after.
  var FIRST_SCREEN = 5;
  var SNIPPET_LENGTH = 160;

  // numberLocale is the page's language with the digits the build wrote
  // its numbers in (data-nu), which the browser's own data may not give
  // the language (30-progress.js has the same).
  function numberLocale() {
    var html = document.documentElement, lang = html.lang || "en", nu = html.getAttribute("data-nu");
    if (!nu) return lang;
    try {
      (0).toLocaleString(lang + "-u-nu-" + nu);
      return lang + "-u-nu-" + nu;
    } catch (e) {
      return lang; // a tag Intl does not take
    }
  }

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
    var nums = numberLocale();
    var root = html.getAttribute("data-root") || "";
    var label = function (name) { return box.getAttribute("data-" + name) || ""; };
    var active = -1, shown = [], timer = 0, liveTimer = 0, enterPending = false, engineError = false;

    box.hidden = false; // without JS the box stays hidden: no dead control

    // load fetches the engine and this language's meta file, which every
    // query reads, at once; then it hands the engine the loader of the
    // other index files. It runs when the box gets the focus, so that both
    // load while the reader types.
    var engineRequested = false, started = false, requested = {}, loadError = "";
    function loadFile(name) {
      requested[name] = true;
      var script = document.createElement("script");
      script.src = new URL(root + "search/" + lang + "/" + name + ".js", location.href).href;
      // The file has handed its data to the engine (or to api.queued):
      // the element has done its work, and a long session would pile
      // them up.
      script.onload = function () { script.remove(); };
      script.onerror = function () {
        script.remove();
        loadError = "cannot load " + script.src;
        if (api.engine) api.engine.fail(api.engine.indexFor(lang), loadError);
      };
      document.head.appendChild(script);
    }
    function load() {
      if (!api.engine) {
        if (engineRequested) return;
        engineRequested = true;
        var script = document.createElement("script");
        script.src = new URL(box.getAttribute("data-engine"), location.href).href;
        script.onload = function () {
          load();
          if (input.value.trim()) update(); // typed while the engine loaded
        };
        script.onerror = function () {
          engineError = true;
          update();
        };
        document.head.appendChild(script);
        loadFile("meta");
        return;
      }
      if (started) return;
      started = true;
      var ix = api.engine.indexFor(lang);
      for (var name in requested) ix.requested[name] = true;
      ix.load = loadFile;
      if (loadError) api.engine.fail(ix, loadError);
      api.engine.preload(lang);
    }

    // A query may wait for index files: asked numbers the queries,
    // shownFor is the one whose results (or message) are on screen. A newer
    // query cancels the one before, so an old answer never replaces a
    // newer one.
    var asked = 0, shownFor = 0, pending = null;
    function busy() { return shownFor !== asked; }

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

    function showError() {
      showMessage(label("error"));
      listbox.textContent = "";
      shown = [];
      open(true);
      announce(label("error"));
    }

    function update() {
      var query = input.value;
      if (pending) pending.cancel();
      pending = null;
      var mine = ++asked;
      if (!query.trim()) {
        shownFor = mine;
        listbox.textContent = "";
        shown = [];
        open(false);
        live.textContent = "";
        return;
      }
      if (engineError) {
        shownFor = mine;
        showError();
        return;
      }
      load();
      if (api.engine) {
        setActive(-1); // the results shown are about to change
        pending = api.engine.query(lang, query, MAX_RESULTS, function (found) {
          // The rest of an answer whose first results are shown goes
          // below them, which leaves the reader's selection alone.
          var rest = shownFor === mine;
          shownFor = mine;
          if (found.error) showError();
          else render(found, rest);
          if (enterPending) {
            enterPending = false;
            if (shown.length) go(0, false);
          }
        }, FIRST_SCREEN);
        if (shownFor === mine) return; // answered at once: its files had come
      }
      // The results of the previous query stay until the new ones come,
      // which is a few milliseconds once the index files are cached;
      // without any on screen, say that the index is loading.
      if (popup.hidden) {
        listbox.textContent = "";
        shown = [];
      }
      if (!shown.length) {
        showMessage(label("loading"));
        open(true);
      }
    }

    // render shows found; with rest, found begins with the results shown,
    // and only the others are added.
    function render(found, rest) {
      var from = rest ? shown.length : 0;
      shown = found.results;
      var items = "";
      for (var i = from; i < shown.length; i++) {
        var r = shown[i];
        // A page not yet translated is shown in the default language: its
        // title, heading and snippet say so, for their reading order and
        // for screen readers' voices.
        var other = /^[A-Za-z0-9-]+$/.test(r.lang) && (r.dir === "ltr" || r.dir === "rtl") ?
          ' lang="' + r.lang + '" dir="' + r.dir + '"' : "";
        items += '<li role="option" class="fg-search-result" id="fg-search-option-' + i + '" aria-selected="false">' +
          '<span class="fg-search-title"' + other + ">" + api.engine.highlight(r.title, found.terms, 0, lang) + "</span>" +
          (r.section ? '<span class="fg-search-section"' + other + ">" + api.engine.highlight(r.section, found.terms, 0, lang) + "</span>" : "") +
          '<span class="fg-search-snippet"' + other + ">" + api.engine.highlight(r.text, found.terms, SNIPPET_LENGTH, lang) + "</span></li>";
      }
      // Every piece of text above went through escapeHTML.
      if (rest) {
        listbox.insertAdjacentHTML("beforeend", items);
        return;
      }
      listbox.innerHTML = items;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      // Say how many are listed when that is fewer than were found.
      var count = !found.total ? label("none") :
        found.total > shown.length && label("count-some") ?
          label("count-some").replace("{shown}", shown.length.toLocaleString(nums)).replace("{n}", found.total.toLocaleString(nums)) :
          label("count").replace("{n}", found.total.toLocaleString(nums));
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
      if (started) api.engine.prefetch(lang, input.value);
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
        if (!popup.hidden && n && active >= 0 && !busy()) {
          e.preventDefault();
          go(active, e.ctrlKey || e.metaKey);
        } else if (input.value.trim() && busy()) {
          e.preventDefault();
          enterPending = true; // go to the first result once the query is answered
        } else if (!popup.hidden && n) {
          e.preventDefault();
          go(0, e.ctrlKey || e.metaKey);
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
