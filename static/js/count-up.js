// Count the home page's key figures up from zero once they scroll into view; skipped for reduced motion.
// Kept cheap for slow phones: one formatter for all figures, one animation frame loop for all of them, and the text
// written only when the shown number changes (toLocaleString per figure and frame cost a throttled phone ~1 s).
(function () {
  var figures = document.querySelectorAll("[data-count-to]");
  if (!figures.length || !("IntersectionObserver" in window)) return;
  if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) return;
  var digits = /\B(?=(\d{3})+(?!\d))/g;
  var format = function (n) { return String(n).replace(digits, ","); };
  var duration = 800, running = [], frame = null;
  var tick = function (time) {
    running = running.filter(function (item) {
      if (item.start === null) item.start = time;
      var progress = Math.min((time - item.start) / duration, 1);
      var shown = Math.round(item.target * (1 - Math.pow(1 - progress, 3)));
      if (shown !== item.shown) { item.shown = shown; item.el.textContent = format(shown) + item.suffix; }
      return progress < 1;
    });
    frame = running.length ? window.requestAnimationFrame(tick) : null;
  };
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      observer.unobserve(entry.target);
      var el = entry.target, target = parseInt(el.getAttribute("data-count-to"), 10);
      if (!(target > 0)) return;
      running.push({ el: el, target: target, suffix: el.getAttribute("data-suffix") || "", start: null, shown: -1 });
      if (frame === null) frame = window.requestAnimationFrame(tick);
    });
  });
  figures.forEach(function (el) { el.setAttribute("aria-live", "off"); observer.observe(el); });
})();
