/*
 * An embedded view tells its host page how tall its content is, so that the
 * resize snippet of the embed dialog can fit the frame to it.  The message
 * carries only a number; the snippet checks that it comes from this site.
 */
(function () {
  "use strict";

  const atlas = window.atlas;
  if (!atlas.address.framed || typeof ResizeObserver === "undefined" || typeof MutationObserver === "undefined") {
    return;
  }

  let contract = null;
  try { contract = atlas.contract(); } catch (err) { return; }  // a page without a view: nothing to fit
  let last = 0;

  function post() {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height === last) { return; }
    last = height;
    window.parent.postMessage({type: contract.frameHeightMessage, height: height}, "*");
  }

  // The page's height changes when Dash renders, when a panel opens and when the frame is
  // resized; the body itself keeps the frame's height, so changes inside it are what counts.
  let queued = false;
  function soon() {
    if (queued) { return; }
    queued = true;
    requestAnimationFrame(() => { queued = false; post(); });
  }

  function watch() {
    new MutationObserver(soon).observe(document.body, {childList: true, subtree: true, attributes: true,
                                                       attributeFilter: ["hidden", "open", "class", "style"]});
    new ResizeObserver(soon).observe(document.documentElement);
    document.addEventListener("atlas:painted", soon);
    soon();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
