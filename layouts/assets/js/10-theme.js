/* The language chooser at the site root: send the reader to the best match
   of the browser's languages. Without JavaScript the page is a plain list. */
(function () {
  "use strict";
  var root = document.documentElement;
  if (!root.hasAttribute("data-language-chooser")) return;
  var links = Array.prototype.slice.call(document.querySelectorAll(".language-list a[data-lang]"));
  if (!links.length) return;
  var wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""]);
  // The script a tag is written in, where a language has two: zh-TW and
  // zh-HK read Traditional Chinese (zh-Hant), zh and zh-CN Simplified.
  function script(tag) {
    var parts = tag.split("-");
    for (var i = 1; i < parts.length; i++) {
      if (parts[i].length === 4) return parts[i];
    }
    if (parts[0] === "zh") return /^(tw|hk|mo)$/.test(parts[1] || "") ? "hant" : "hans";
    return "";
  }
  function best() {
    for (var i = 0; i < wanted.length; i++) {
      var w = String(wanted[i]).toLowerCase();
      if (!w) continue;
      for (var j = 0; j < links.length; j++) {
        if (links[j].getAttribute("data-lang").toLowerCase() === w) return links[j];
      }
      // The same language: in the same script if the course has it.
      var base = w.split("-")[0], other = null;
      for (var k = 0; k < links.length; k++) {
        var l = links[k].getAttribute("data-lang").toLowerCase();
        if (l.split("-")[0] !== base) continue;
        if (script(l) === script(w)) return links[k];
        other = other || links[k];
      }
      if (other) return other;
    }
    return null;
  }
  var match = best();
  try {
    if (sessionStorage.getItem("fieldguide-chose-language")) return;
  } catch (e) { /* storage may be disabled */ }
  links.forEach(function (a) {
    a.addEventListener("click", function () {
      try { sessionStorage.setItem("fieldguide-chose-language", "1"); } catch (e) { /* ignore */ }
    });
  });
  if (match) location.replace(match.href);
})();

/* The printable module page: a button that opens the browser's print
   dialog, shown only where a script can press it. */
(function () {
  "use strict";
  var p = document.querySelector("[data-print]");
  if (!p || typeof window.print !== "function") return;
  p.hidden = false;
  p.querySelector("button").addEventListener("click", function () { window.print(); });
})();

/* A server that answers every missing URL with the site's one 404 page
   shows it in the first language. A URL under another language's folder
   (/ar/…) is a reader of that language: send them to its own 404 page,
   which the page lists as an alternate. By its path alone: the alternate
   names the site's published address, and this may be a copy elsewhere. */
(function () {
  "use strict";
  if (!document.querySelector("body.kind-404") || location.protocol === "file:") return;
  var here = document.documentElement.lang;
  var alts = document.querySelectorAll('link[rel="alternate"][hreflang]');
  for (var i = 0; i < alts.length; i++) {
    var url = new URL(alts[i].getAttribute("href"), location.href);
    var folder = url.pathname.replace(/[^\/]*$/, "");
    if (alts[i].getAttribute("hreflang") !== here && location.pathname.indexOf(folder) === 0) {
      location.replace(url.pathname);
      return;
    }
  }
})();
