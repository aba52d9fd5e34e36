/*
 * An embedded view tells its host page how tall its content is, so that the
 * resize snippet of the embed dialog can fit the frame to it.  The message
 * carries only a number; the snippet checks that it comes from this site.
 */
(function () {
  "use strict";

  const atlas = window.atlas;
  if (!atlas.address.framed || typeof ResizeObserver === "undefined") { return; }

  let contract = null;
  try { contract = atlas.contract(); } catch (err) { return; }  // a page without a view: nothing to fit
  let last = 0;

  function post() {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height === last) { return; }
    last = height;
    window.parent.postMessage({type: contract.frameHeightMessage, height: height}, "*");
  }

  function watch() {
    new ResizeObserver(post).observe(document.body);
    post();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
