/* Screen mode: loops the slides, each for its own number of seconds, and fetches them again every few minutes at
 * the end of a loop, so what editors publish reaches the LED screen and the TV without anyone touching them. */
(function () {
  "use strict";

  var stage = document.getElementById("screen");
  if (!stage) {
    return;
  }
  var slidesUrl = stage.getAttribute("data-slides-url");
  var refreshMs = (parseInt(stage.getAttribute("data-refresh-minutes"), 10) || 5) * 60000;
  var progress = document.querySelector("[data-progress]");
  var clock = document.querySelector("[data-clock]");
  var lastRefresh = Date.now();
  var startedOn = new Date().toDateString();
  var index = -1;
  var timer = null;

  document.documentElement.classList.add("screen--js");

  function playable(slide) {
    // A plugin-panel slide without panels (the plugin is not installed) is skipped.
    var grid = slide.querySelector(".slide__panel-grid");
    return !grid || grid.children.length > 0;
  }

  function slides() {
    return Array.prototype.filter.call(stage.querySelectorAll(".slide"), playable);
  }

  function stopVideos() {
    stage.querySelectorAll("video").forEach(function (video) {
      video.pause();
      video.onended = null;
    });
  }

  function startProgress(seconds) {
    if (!progress) {
      return;
    }
    progress.style.transition = "none";
    progress.style.width = "0";
    void progress.offsetWidth; // restart the transition
    progress.style.transition = "width " + seconds + "s linear";
    progress.style.width = "100%";
  }

  function show(position) {
    var list = slides();
    clearTimeout(timer);
    stopVideos();
    if (!list.length) {
      timer = setTimeout(next, 30000);
      return;
    }
    index = position % list.length;
    stage.querySelectorAll(".slide.is-active").forEach(function (slide) {
      slide.classList.remove("is-active");
    });
    var slide = list[index];
    slide.classList.add("is-active");
    var seconds = parseInt(slide.getAttribute("data-duration"), 10) || 12;
    var video = slide.querySelector("video");
    if (video) {
      video.currentTime = 0;
      video.onended = next;
      var playing = video.play();
      if (playing && playing.catch) {
        playing.catch(next);
      }
    }
    startProgress(seconds);
    timer = setTimeout(next, seconds * 1000);
  }

  function refresh() {
    lastRefresh = Date.now();
    return fetch(slidesUrl, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        stopVideos();
        stage.innerHTML = html;
        stage.setAttribute("data-refreshed", String(Date.now()));
      })
      .catch(function () {
        // Offline or the server is restarting: keep playing what we have and try again next time.
      });
  }

  function next() {
    var list = slides();
    if (index + 1 < list.length) {
      show(index + 1);
      return;
    }
    if (new Date().toDateString() !== startedOn) {
      window.location.reload(); // once a day, a clean page (and a fresh script after a deploy)
      return;
    }
    if (Date.now() - lastRefresh >= refreshMs) {
      refresh().then(function () { show(0); });
    } else {
      show(0);
    }
  }

  function tick() {
    if (clock) {
      var now = new Date();
      clock.textContent = now.toLocaleDateString("zh-CN", { month: "long", day: "numeric", weekday: "long" }) + " " +
        now.toLocaleTimeString("zh-CN", { hour: "2-digit", minute: "2-digit", hour12: false });
    }
  }

  // An operator with a keyboard may step through the slides; the screen needs no input otherwise.
  document.addEventListener("keydown", function (event) {
    if (event.key === "ArrowRight" || event.key === " ") {
      next();
    } else if (event.key === "ArrowLeft") {
      var count = slides().length;
      show(count ? (index - 1 + count) % count : 0);
    }
  });

  window.screenMode = { next: next, refresh: refresh };
  tick();
  setInterval(tick, 15000);
  show(0);
})();
