// The viewing page: one hls.js player per camera of the grant (no inline script: CSP).
// The viewing token travels in an HttpOnly cookie scoped to the grant's gateway path,
// so this file never sees it; it only plays the addresses the page lists.
(function () {
  "use strict";

  function showState(video, key) {
    var state = video.parentElement.querySelector(".stream-state");
    if (state) { state.textContent = state.getAttribute("data-" + key) || ""; }
  }

  function play(video) {
    var url = video.getAttribute("data-hls");
    if (window.Hls && window.Hls.isSupported()) {
      // No worker: it would start from a blob: URL, which the CSP does not allow for scripts.
      var hls = new window.Hls({ enableWorker: false, lowLatencyMode: false });
      hls.on(window.Hls.Events.ERROR, function (_event, data) {
        if (!data.fatal) { return; }
        var code = data.response && data.response.code;
        showState(video, code === 401 || code === 403 ? "refused" : "failed");
        hls.destroy();
      });
      hls.loadSource(url);
      hls.attachMedia(video);
      video.hlsPlayer = hls;
    } else if (video.canPlayType("application/vnd.apple.mpegurl")) {
      video.src = url; // Safari plays HLS itself
    } else {
      showState(video, "failed");
    }
  }

  function stopAt(expires, videos) {
    var left = Date.parse(expires) - Date.now();
    window.setTimeout(function () {
      videos.forEach(function (video) {
        if (video.hlsPlayer) { video.hlsPlayer.destroy(); }
        video.removeAttribute("src");
        video.load();
      });
      var ended = document.getElementById("viewing-ended");
      if (ended) { ended.hidden = false; }
    }, Math.max(0, left));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var videos = Array.prototype.slice.call(document.querySelectorAll("video[data-hls]"));
    videos.forEach(play);
    var expires = document.getElementById("viewing-expires");
    if (expires) { stopAt(expires.getAttribute("datetime"), videos); }
  });
})();
