/* Drives 20-blocks.js and 30-progress.js in a headless browser for
   browser_test.go and writes what it saw into <pre id="results">. Each
   check is a name and a boolean; steps wait for the scripts' timers. */
(function () {
  "use strict";
  var results = [];
  function ok(name, cond, detail) { results.push({ name: name, ok: !!cond, detail: detail === undefined ? "" : String(detail) }); }
  function $(sel) { return document.querySelector(sel); }
  function text(sel) { var e = $(sel); return e ? e.textContent : null; }
  var steps = [];
  function step(fn) { steps.push(fn); }
  function run() {
    var fn = steps.shift();
    if (!fn) {
      var pre = document.createElement("pre");
      pre.id = "results";
      pre.textContent = JSON.stringify(results);
      document.body.appendChild(pre);
      return;
    }
    try { fn(); } catch (e) { ok("step threw", false, e && e.stack); }
    setTimeout(run, 200);
  }

  var single = $("#quiz");
  var multi = $("#quiz-1");

  step(function () {
    ok("check button shown", !single.querySelector(".quiz-check").hidden);
    ok("retry button hidden", single.querySelector(".quiz-retry").hidden);
    ok("feedback hidden before checking", $("#quiz-feedback-1").hidden && $("#quiz-feedback-2").hidden);
    ok("no description before checking", !$("#quiz-option-1").hasAttribute("aria-describedby"));
    single.querySelector(".quiz-check").click();
  });
  step(function () {
    ok("asks for an answer", text("#quiz .quiz-result") === "Select an answer first.", text("#quiz .quiz-result"));
    $("#quiz-option-1").click();
    single.querySelector(".quiz-check").click();
  });
  step(function () {
    ok("wrong answer announced with its feedback", text("#quiz .quiz-result") === "Incorrect: Refusal may return a victim to the trafficker's control.", text("#quiz .quiz-result"));
    ok("its feedback shown", !$("#quiz-feedback-1").hidden);
    ok("other feedback still hidden", $("#quiz-feedback-2").hidden);
    ok("verdict in words", text("#quiz .quiz-verdict") === "Incorrect");
    ok("input described by verdict and feedback", $("#quiz-option-1").getAttribute("aria-describedby") === "quiz-option-1-verdict quiz-feedback-1",
      $("#quiz-option-1").getAttribute("aria-describedby"));
    ok("inputs disabled after checking", $("#quiz-option-2").disabled);
    ok("focus moved to try again", document.activeElement === single.querySelector(".quiz-retry"), document.activeElement && document.activeElement.className);
    single.querySelector(".quiz-retry").click();
  });
  step(function () {
    ok("try again clears the result", text("#quiz .quiz-result") === "");
    ok("try again hides feedback", $("#quiz-feedback-1").hidden);
    ok("try again unchecks and enables", !$("#quiz-option-1").checked && !$("#quiz-option-1").disabled);
    ok("try again removes verdicts", !single.querySelector(".quiz-verdict"));
    ok("focus back on the first option", document.activeElement === $("#quiz-option-1"));
    $("#quiz-option-2").click();
    single.querySelector(".quiz-check").click();
  });
  step(function () {
    ok("right answer announced with its feedback", text("#quiz .quiz-result") === "Correct: Yes: a private interview is the first step to a safe disclosure.", text("#quiz .quiz-result"));
    // On screen the verdict alone: the feedback is shown under the option.
    ok("only the verdict shown", $("#quiz .quiz-result").firstChild.nodeValue === "Correct" &&
      $("#quiz .quiz-result .visually-hidden").textContent === ": Yes: a private interview is the first step to a safe disclosure.", $("#quiz .quiz-result").innerHTML);
    ok("right option marked", $("#quiz-option-2").closest(".quiz-option").classList.contains("quiz-option-right"));
    $("#quiz-1-option-1").click();
    multi.querySelector(".quiz-check").click();
  });
  step(function () {
    ok("multiple choice: partly correct", text("#quiz-1 .quiz-result") === "Partly correct", text("#quiz-1 .quiz-result"));
    multi.querySelector(".quiz-retry").click();
    $("#quiz-1-option-1").click();
    $("#quiz-1-option-3").click();
    multi.querySelector(".quiz-check").click();
  });
  step(function () {
    ok("multiple choice: all right, each option named", text("#quiz-1 .quiz-result") === "Correct: Someone else holds the passport (Correct). She cannot say where she will live (Correct).", text("#quiz-1 .quiz-result"));
    multi.querySelector(".quiz-retry").click();
    $("#quiz-1-option-1").click();
    $("#quiz-1-option-2").click();
    $("#quiz-1-option-3").click();
    multi.querySelector(".quiz-check").click();
  });
  step(function () {
    ok("multiple choice: right ones plus a wrong one is partly correct", text("#quiz-1 .quiz-result") === "Partly correct: Someone else holds the passport (Correct). A tourist visa (Incorrect). She cannot say where she will live (Correct).", text("#quiz-1 .quiz-result"));

    var details = document.querySelector("details.discussion");
    ok("discussion collapsed", !details.open);
    window.dispatchEvent(new Event("beforeprint"));
    ok("discussion opened for print", details.open);
    window.dispatchEvent(new Event("afterprint"));
    ok("discussion closed after print", !details.open);

    var term = document.querySelector("a.term");
    term.focus();
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    ok("escape dismisses the tooltip", term.closest(".term-wrap").classList.contains("term-dismissed"));
    ok("dismissed tooltip is not displayed", getComputedStyle(term.nextElementSibling).display === "none");
    term.blur();
    ok("leaving the term forgets the dismissal", !term.closest(".term-wrap").classList.contains("term-dismissed"));
    term.focus();
    ok("tooltip shows on focus", getComputedStyle(term.nextElementSibling).display === "block");
    term.blur();

    var mark = $("button.mark-complete");
    ok("mark as complete shown", !mark.hidden);
    ok("not pressed at first", mark.getAttribute("aria-pressed") === "false" && mark.textContent === "Mark as complete");
    ok("reset hidden without progress", $("button.progress-reset").hidden);
    mark.click();
  });
  step(function () {
    var mark = $("button.mark-complete");
    // A toggle button keeps its name: its state is aria-pressed.
    ok("pressed after a click", mark.getAttribute("aria-pressed") === "true" && mark.textContent === "Mark as complete" && mark.classList.contains("is-done"), mark.textContent);
    ok("stored in localStorage", localStorage.getItem("fieldguide-progress") === JSON.stringify(["m1/intro"]), localStorage.getItem("fieldguide-progress"));
    var link = $("a[data-progress-id='m1/intro']");
    ok("nav link marked done", link.classList.contains("done"));
    ok("nav link says so in words", link.textContent.indexOf("(Completed)") !== -1, link.textContent);
    ok("other nav link untouched", !$("a[data-progress-id='m1/next']").classList.contains("done"));
    ok("module summary", text(".module-progress").trim() === "Lessons completed: 1 of 2", text(".module-progress"));
    ok("module bar", $(".module-progress progress") && $(".module-progress progress").value === 1);
    ok("reset shown with progress", !$("button.progress-reset").hidden);
    localStorage.setItem("fieldguide-progress", "{not json");
    mark.click();
  });
  step(function () {
    ok("corrupt storage is treated as empty", localStorage.getItem("fieldguide-progress") === JSON.stringify(["m1/intro"]), localStorage.getItem("fieldguide-progress"));
    window.confirm = function () { return true; };
    $("button.progress-reset").click();
  });
  step(function () {
    ok("reset forgets progress", localStorage.getItem("fieldguide-progress") === null);
    ok("reset unpresses the button", $("button.mark-complete").getAttribute("aria-pressed") === "false");
    ok("reset clears the nav mark", !$("a[data-progress-id='m1/intro']").classList.contains("done") && !$(".progress-mark"));
    ok("reset hides the summary", $(".module-progress").hidden);
  });

  localStorage.removeItem("fieldguide-progress");
  setTimeout(run, 0);
})();
