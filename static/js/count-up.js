// Count the home page's key figures up from zero once they scroll into view; skipped for reduced motion.
(function () {
  var figures = document.querySelectorAll("[data-count-to]");
  if (!figures.length || !("IntersectionObserver" in window)) return;
  if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) return;
  var format = function (n) { return n.toLocaleString("en-US"); };
  var run = function (el) {
    var target = parseInt(el.getAttribute("data-count-to"), 10), suffix = el.getAttribute("data-suffix") || "";
    var start = null, duration = 1200;
    var step = function (time) {
      if (start === null) start = time;
      var progress = Math.min((time - start) / duration, 1);
      el.textContent = format(Math.round(target * (1 - Math.pow(1 - progress, 3)))) + suffix;
      if (progress < 1) window.requestAnimationFrame(step);
    };
    window.requestAnimationFrame(step);
  };
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) { observer.unobserve(entry.target); run(entry.target); }
    });
  });
  figures.forEach(function (el) { el.setAttribute("aria-live", "off"); observer.observe(el); });
})();
