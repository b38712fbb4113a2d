/* Training blocks (generator/blocks): quizzes checked in the page, collapsed
   blocks opened for printing, glossary tooltips dismissed with Escape.
   Every message comes from data- attributes the Markdown renderer wrote in
   the page's language, so this file carries no dictionary. Without
   JavaScript, quizzes are plain forms (the Check button stays hidden) and
   <details> open and close natively. */
(function () {
  "use strict";

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  /* Quizzes. An input's data-k is FNV-1a(salt + ":" + value + ":correct")
     for a correct option and (…":wrong") otherwise: the answer key is in the
     page, kept out of sight and out of the text, not secret. The hashed
     strings are ASCII, so UTF-16 code units are the bytes Go hashed. */
  function fnv32(s) {
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return ("0000000" + h.toString(16)).slice(-8);
  }

  function setupQuiz(form) {
    var salt = form.getAttribute("data-quiz-salt") || "";
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input[data-k]"));
    var check = form.querySelector(".quiz-check");
    var retry = form.querySelector(".quiz-retry");
    var result = form.querySelector(".quiz-result");
    if (!inputs.length || !check || !retry || !result) return;

    function msg(name) { return form.getAttribute("data-msg-" + name) || ""; }
    function isCorrect(input) {
      return fnv32(salt + ":" + input.value + ":correct") === input.getAttribute("data-k");
    }
    var pending = 0;
    // announce puts text in the live region, and after it details, which
    // a screen reader reads with it and the eye does not need: they
    // repeat the feedback shown under each option.
    function announce(text, details) {
      // Emptied first so that the same message twice is announced twice.
      result.textContent = "";
      window.clearTimeout(pending);
      pending = window.setTimeout(function () {
        result.textContent = text;
        if (details) {
          var more = document.createElement("span");
          more.className = "visually-hidden";
          more.textContent = details;
          result.appendChild(more);
        }
      }, 60);
    }

    var options = inputs.map(function (input) {
      var box = input.closest(".quiz-option") || input.parentNode;
      var feedback = box.querySelector(".quiz-feedback");
      return {
        input: input,
        box: box,
        feedback: feedback,
        // Trainer builds show feedback from the start; keep it that way.
        feedbackHidden: feedback ? feedback.hidden : true,
        describedBy: input.getAttribute("aria-describedby"),
        verdict: null
      };
    });

    function reveal(o, correct) {
      var verdict = document.createElement("span");
      verdict.className = "quiz-verdict " + (correct ? "quiz-verdict-correct" : "quiz-verdict-incorrect");
      verdict.id = o.input.id + "-verdict";
      verdict.textContent = msg(correct ? "correct" : "incorrect");
      var label = o.box.querySelector("label");
      if (label && label.nextSibling) o.box.insertBefore(verdict, label.nextSibling);
      else o.box.appendChild(verdict);
      o.verdict = verdict;
      var ids = [verdict.id];
      if (o.feedback) {
        o.feedback.hidden = false;
        ids.push(o.feedback.id);
      }
      o.input.setAttribute("aria-describedby", ids.join(" "));
      o.box.classList.add(correct ? "quiz-option-right" : "quiz-option-wrong");
    }

    function reset(o) {
      o.input.checked = false;
      o.input.disabled = false;
      if (o.feedback) o.feedback.hidden = o.feedbackHidden;
      if (o.verdict && o.verdict.parentNode) o.verdict.parentNode.removeChild(o.verdict);
      o.verdict = null;
      if (o.describedBy) o.input.setAttribute("aria-describedby", o.describedBy);
      else o.input.removeAttribute("aria-describedby");
      o.box.classList.remove("quiz-option-right", "quiz-option-wrong");
    }

    check.addEventListener("click", function () {
      var chosen = options.filter(function (o) { return o.input.checked; });
      if (!chosen.length) {
        announce(msg("select"));
        inputs[0].focus();
        return;
      }
      var right = 0, wrong = 0, total = 0;
      options.forEach(function (o) {
        var correct = isCorrect(o.input);
        if (correct) total++;
        if (!o.input.checked) return;
        if (correct) right++; else wrong++;
        reveal(o, correct);
      });
      var verdict = "incorrect";
      if (wrong === 0 && right === total) verdict = "correct";
      else if (right > 0) verdict = "partly";
      options.forEach(function (o) { o.input.disabled = true; });
      form.classList.add("quiz-checked");
      form.setAttribute("data-quiz-result", verdict);
      check.hidden = true;
      retry.hidden = false;
      // The focused input is now disabled: keep focus on the way forward.
      retry.focus();
      // The verdict, then what each chosen option's feedback says: focus
      // has moved to the button, so it would not be read otherwise.
      // One option: "Incorrect: <its feedback>". Several: each option with
      // its verdict, then its feedback.
      var parts = chosen.map(function (o) {
        var said = o.feedback ? o.feedback.textContent.trim() : "";
        if (chosen.length === 1) return said;
        var label = o.box.querySelector("label");
        var name = label ? label.textContent.trim().replace(/[.。．!?！？]+$/, "") : "";
        return name + " (" + o.verdict.textContent + ")" + (said ? ": " + said : ".");
      }).filter(Boolean);
      announce(msg(verdict), parts.length ? ": " + parts.join(" ") : "");
    });

    retry.addEventListener("click", function () {
      options.forEach(reset);
      form.classList.remove("quiz-checked");
      form.removeAttribute("data-quiz-result");
      window.clearTimeout(pending);
      result.textContent = "";
      retry.hidden = true;
      check.hidden = false;
      inputs[0].focus();
    });

    // There is no submit button, but Enter must never reload the page.
    form.addEventListener("submit", function (e) { e.preventDefault(); });

    check.hidden = false;
    form.classList.add("quiz-ready");
  }

  each(document.querySelectorAll("form[data-quiz]"), setupQuiz);

  /* Print: discussions, solutions and hints are collapsed <details>; a
     printout should show them. Reopen only what we opened. */
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    each(document.querySelectorAll("details:not([open])"), function (d) {
      d.open = true;
      openedForPrint.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (d) { d.open = false; });
    openedForPrint = [];
  });

  /* Glossary tooltips show on hover and focus (CSS). Escape hides them until
     the pointer leaves or focus moves (WCAG 1.4.13); near the inline end of
     the page they open towards the start so they stay on screen. */
  var terms = document.querySelectorAll(".term-wrap");
  if (!terms.length) return;
  // Under the term, from its start; from its end when that overflows;
  // and moved sideways onto the screen when neither fits (a term in the
  // middle of a phone's line).
  function place(wrap) {
    var tip = wrap.querySelector(".term-tip");
    if (!tip) return;
    wrap.classList.remove("term-tip-flip");
    tip.style.translate = "";
    var r = tip.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    if (!r.width) return;
    if (r.right > width - 4 || r.left < 4) {
      wrap.classList.add("term-tip-flip");
      r = tip.getBoundingClientRect();
    }
    var dx = r.left < 4 ? 4 - r.left : r.right > width - 4 ? width - 4 - r.right : 0;
    if (dx) tip.style.translate = Math.round(dx) + "px 0";
  }
  each(terms, function (wrap) {
    function show() { wrap.classList.remove("term-dismissed"); place(wrap); }
    wrap.addEventListener("mouseenter", show);
    wrap.addEventListener("focusin", show);
    wrap.addEventListener("mouseleave", function () { wrap.classList.remove("term-dismissed"); });
    wrap.addEventListener("focusout", function () { wrap.classList.remove("term-dismissed"); });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" && e.key !== "Esc") return;
    each(terms, function (wrap) {
      if (wrap.contains(document.activeElement) || wrap.matches(":hover")) wrap.classList.add("term-dismissed");
    });
  });
})();
