// Kiosk privacy: after a quiet spell the screen returns to the start and the
// half-written answers are gone (location.replace keeps no history entry).
(function () {
  "use strict";
  var body = document.body;
  var limit = parseInt(body.getAttribute("data-idle-seconds") || "120", 10) * 1000;
  var start = body.getAttribute("data-start-url") || "/";
  var timer = null;
  function reset() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(function () { window.location.replace(start); }, limit);
  }
  ["pointerdown", "keydown", "touchstart", "input"].forEach(function (name) {
    document.addEventListener(name, reset, { passive: true });
  });
  reset();
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-print]");
    if (target) { window.print(); }
  });
})();
