// Progressive enhancement: follow the facilitator by polling the current step.
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main || !main.dataset.step) { return; }
  var shown = main.dataset.step;
  // The page follows by itself: the "reload to follow" hint is for script-less browsers.
  Array.prototype.forEach.call(document.querySelectorAll(".nojs"), function (el) { el.remove(); });
  function typing() {
    var el = document.activeElement;
    return el && el.tagName === "TEXTAREA" && el.value.length > 0;
  }
  function check() {
    fetch("/state", { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (s && String(s.step) !== shown && !typing()) { window.location.replace("/"); }
      })
      .catch(function () {});
  }
  setInterval(check, 1000);
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { check(); }
  });
})();
