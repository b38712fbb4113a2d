/* Lesson progress, kept in this browser only: localStorage key
   "fieldguide-progress:<course>" holds a JSON array of page ids (a set). Nothing is
   sent anywhere. When storage is unavailable (disabled, private mode, some
   browsers on file://) every control stays hidden and the site works as
   without JavaScript.

   Markup, written by the theme's templates:
   - <button class="mark-complete" data-progress-id hidden> on a lesson:
     shown, toggles aria-pressed (its label stays, as a toggle button's
     must) and class "is-done";
   - <a data-progress-id data-label-done> in navigation: class "done", a ✓
     and a visually hidden "(Completed)";
   - <li data-progress-module data-progress-lessons="id1 id2"
     data-label-progress="… {done} … {total} …"> with a .module-progress
     element on the home page: a summary and a <progress> bar;
   - <button class="progress-reset" data-confirm hidden>: forgets it all. */
(function () {
  "use strict";
  var storage = null;
  try {
    storage = window.localStorage;
    storage.setItem("fieldguide-progress-probe", "1");
    storage.removeItem("fieldguide-progress-probe");
  } catch (e) {
    storage = null;
  }
  if (!storage) return;
  // One key per course: every copy opened from file:// shares one origin,
  // and so may two courses on one web site.
  var course = document.documentElement.getAttribute("data-course");
  var KEY = "fieldguide-progress" + (course ? ":" + course : "");

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  // numberLocale is the page's language with the digits the build wrote
  // its numbers in (data-nu: Arabic's 1 من 4 beside "4 دروس"), which the
  // browser's own data may not give the language.
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

  function load() {
    var ids = [];
    try {
      var v = JSON.parse(storage.getItem(KEY) || "[]");
      if (Array.isArray(v)) {
        ids = v.filter(function (id, i) { return typeof id === "string" && v.indexOf(id) === i; });
      }
    } catch (e) { /* a corrupt value counts as no progress */ }
    return ids;
  }

  function save(ids) {
    try {
      if (ids.length) storage.setItem(KEY, JSON.stringify(ids));
      else storage.removeItem(KEY);
    } catch (e) { /* quota or policy: the page simply does not remember */ }
  }

  function render() {
    var ids = load();
    function done(id) { return ids.indexOf(id) !== -1; }

    each(document.querySelectorAll("button.mark-complete[data-progress-id]"), function (b) {
      var on = done(b.getAttribute("data-progress-id"));
      // A toggle button keeps its name; its state is aria-pressed (read
      // as "pressed") and, on screen, a tick and a filled button.
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.classList.toggle("is-done", on);
      // "✓ Mark as complete" alone does not say whether the lesson is
      // done: a word beside it does, for sighted readers (screen
      // readers hear "pressed").
      var note = b.parentNode && b.parentNode.querySelector(".lesson-done-note");
      if (note) {
        note.hidden = !on;
        note.setAttribute("aria-hidden", "true");
      }
    });

    each(document.querySelectorAll("a[data-progress-id]"), function (a) {
      var on = done(a.getAttribute("data-progress-id"));
      var mark = a.querySelector(".progress-mark");
      a.classList.toggle("done", on);
      if (on && !mark) {
        mark = document.createElement("span");
        mark.className = "progress-mark";
        var tick = document.createElement("span");
        tick.setAttribute("aria-hidden", "true");
        tick.textContent = " \u2713";
        mark.appendChild(tick);
        var label = a.getAttribute("data-label-done");
        if (label && a.hasAttribute("lang")) {
          // The title of a lesson not yet translated is marked with the
          // default language; the label is in the page's.
          mark.lang = document.documentElement.lang;
          mark.dir = document.documentElement.dir;
        }
        if (label) {
          var hidden = document.createElement("span");
          hidden.className = "visually-hidden";
          hidden.textContent = " (" + label + ")";
          mark.appendChild(hidden);
        }
        a.appendChild(mark);
      } else if (!on && mark) {
        a.removeChild(mark);
      }
    });

    each(document.querySelectorAll("[data-progress-module]"), function (li) {
      var out = li.querySelector(".module-progress");
      if (!out) return;
      var lessons = (li.getAttribute("data-progress-lessons") || "").split(/\s+/).filter(Boolean);
      var count = lessons.filter(done).length;
      while (out.firstChild) out.removeChild(out.firstChild);
      // Nothing to say before the first lesson is done.
      out.hidden = count === 0;
      li.classList.toggle("module-done", lessons.length > 0 && count === lessons.length);
      if (!count) return;
      var lang = numberLocale();
      var total = lessons.length.toLocaleString(lang);
      var text = (li.getAttribute("data-label-progress") || "{done} / {total}")
        .split("{done}").join(count.toLocaleString(lang))
        .split("{total}").join(total)
        .split("{n}").join(total);
      var bar = document.createElement("progress");
      bar.max = lessons.length;
      bar.value = count;
      bar.setAttribute("aria-hidden", "true"); // the text says the same
      out.appendChild(bar);
      out.appendChild(document.createTextNode(" " + text));
    });

    each(document.querySelectorAll("button.progress-reset"), function (b) {
      b.hidden = ids.length === 0;
    });
  }

  each(document.querySelectorAll("button.mark-complete[data-progress-id]"), function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      var id = b.getAttribute("data-progress-id");
      var ids = load();
      var i = ids.indexOf(id);
      if (i === -1) ids.push(id); else ids.splice(i, 1);
      save(ids);
      render();
    });
  });

  each(document.querySelectorAll("button.progress-reset"), function (b) {
    b.addEventListener("click", function () {
      var question = b.getAttribute("data-confirm");
      if (question && !window.confirm(question)) return;
      save([]);
      render();
    });
  });

  // Another tab marked a lesson: follow it.
  window.addEventListener("storage", function (e) {
    if (e.key === KEY || e.key === null) render();
  });

  render();
})();
