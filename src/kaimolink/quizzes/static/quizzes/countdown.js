// The attempt page's countdown: the time left, counted from what the server said when it
// sent the page (not from this device's clock), and the form sent when it reaches zero.
// The server is the authority: it refuses answers that come too late whatever this shows.
(function () {
  "use strict";
  var box = document.querySelector("[data-countdown]");
  if (!box) return;
  var form = document.getElementById(box.dataset.form);
  var total = parseInt(box.dataset.secondsLeft, 10) || 0;
  var started = performance.now();
  var sent = false;
  if (form) form.addEventListener("submit", function () { sent = true; });

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function tick() {
    var left = Math.max(0, Math.round(total - (performance.now() - started) / 1000));
    if (left > 0) {
      var minutes = Math.floor(left / 60);
      box.textContent = box.dataset.textLeft + " " + minutes + ":" + pad(left % 60);
      return;
    }
    box.textContent = box.dataset.textOver;
    window.clearInterval(timer);
    if (form && !sent) {
      sent = true;
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    }
  }

  box.hidden = false;
  var timer = window.setInterval(tick, 1000);
  tick();
})();
