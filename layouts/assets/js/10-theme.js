/* The language chooser at the site root: send the reader to the best match
   of the browser's languages. Without JavaScript the page is a plain list. */
(function () {
  "use strict";
  var root = document.documentElement;
  if (!root.hasAttribute("data-language-chooser")) return;
  var links = Array.prototype.slice.call(document.querySelectorAll(".language-list a[data-lang]"));
  if (!links.length) return;
  var wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""]);
  function best() {
    for (var i = 0; i < wanted.length; i++) {
      var w = String(wanted[i]).toLowerCase();
      if (!w) continue;
      for (var j = 0; j < links.length; j++) {
        if (links[j].getAttribute("data-lang").toLowerCase() === w) return links[j];
      }
      var base = w.split("-")[0];
      for (var k = 0; k < links.length; k++) {
        if (links[k].getAttribute("data-lang").toLowerCase().split("-")[0] === base) return links[k];
      }
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
