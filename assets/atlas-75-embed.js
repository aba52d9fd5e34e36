/*
 * The "Bädda in" dialog: iframe code for the view shown, with a size, the
 * extra controls and, if asked, a snippet that fits the frame's height to
 * its content (the embed view posts its height, assets/atlas-45-frame.js).
 *
 * embedUrl() and embedCode() are pure (node's tests require this file);
 * the callback below opens the dialog and fills it.
 */
(function (root) {
  "use strict";

  function escapeAttribute(text) {
    return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  /* The embed view's address for the page address `search` (its query), with `controls` (a list). */
  function embedUrl(origin, embedPath, search, controls, controlsParam) {
    const params = new URLSearchParams(search);
    params.delete(controlsParam);
    if (controls.length) { params.set(controlsParam, controls.join(",")); }
    const query = params.toString().replace(/%2C/g, ",");
    return origin + embedPath + (query ? "?" + query : "");
  }

  /*
   * The code to paste: an iframe with a title for screen readers and, with
   * `resize`, a script that sets the frame's height from the messages of
   * this site's frame only (origin and source checked, height bounded).
   */
  function embedCode(o) {
    const width = /%$/.test(o.width) ? o.width : o.width + "px";
    const frame = '<iframe id="' + o.frameId + '" title="' + escapeAttribute(o.title) + '" src="' +
      escapeAttribute(o.url) + '" style="width:' + width + ";height:" + o.height + 'px;max-width:100%;border:0" ' +
      'loading="lazy"></iframe>';
    if (!o.resize) { return frame; }
    const origin = new URL(o.url).origin;
    return frame + "\n<script>\n(function () {\n" +
      "  var frame = document.getElementById(" + JSON.stringify(o.frameId) + ");\n" +
      "  window.addEventListener(\"message\", function (event) {\n" +
      "    if (event.origin !== " + JSON.stringify(origin) + " || event.source !== frame.contentWindow) { return; }\n" +
      "    var data = event.data;\n" +
      "    if (!data || data.type !== " + JSON.stringify(o.messageType) +
      " || typeof data.height !== \"number\") { return; }\n" +
      "    frame.style.height = Math.max(200, Math.min(3000, Math.round(data.height))) + \"px\";\n" +
      "  });\n})();\n</script>";
  }

  const embed = {embedUrl: embedUrl, embedCode: embedCode};
  root.atlas = root.atlas || {};
  root.atlas.embed = embed;
  if (typeof module !== "undefined" && module.exports) {
    module.exports = embed;
    return;
  }

  /* ---- In the page ---- */
  const atlas = root.atlas;
  const noUpdate = () => window.dash_clientside.no_update;

  function controlsParam() {
    return atlas.view.paramOf(atlas.contract(), "controls").name;
  }

  /* Open the dialog (when its button was pressed) and fill code and preview for the current choices. */
  function fillDialog(nClicks, size, controls, resize) {
    const dialog = document.getElementById(atlas.contract().ids.embedDialog);
    if (!dialog) { return [noUpdate(), noUpdate(), noUpdate()]; }
    const triggered = (window.dash_clientside.callback_context.triggered || []).map((t) => t.prop_id);
    if (triggered.some((id) => id.endsWith(".n_clicks")) && !dialog.open) { dialog.showModal(); }
    if (!dialog.open) { return [noUpdate(), noUpdate(), noUpdate()]; }
    const parts = String(size || "600x450").split("x");
    const title = document.getElementById(atlas.contract().maps[0].title);
    const url = embedUrl(window.location.origin, dialog.dataset.embedPath, window.location.search,
                         atlas.view.asList(controls), controlsParam());
    const code = embedCode({url: url, width: parts[0], height: parts[1], resize: atlas.view.asList(resize).length > 0,
                            frameId: "segregationsatlas", messageType: atlas.contract().frameHeightMessage,
                            title: atlas.format.fill(dialog.dataset.frameTitle || "{title}",
                                                     {title: title ? title.textContent : ""})});
    const style = {width: /%$/.test(parts[0]) ? "100%" : parts[0] + "px", height: parts[1] + "px"};
    return [code, url, style];
  }

  function copy(button) {
    const code = document.getElementById(button.getAttribute("data-code"));
    const note = document.getElementById(button.getAttribute("data-note"));
    const said = (ok) => { if (note) { note.textContent = ok ? note.dataset.copied : note.dataset.failed; } };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(code.value).then(() => said(true), () => said(false));
    } else {
      code.select();
      said(document.execCommand && document.execCommand("copy"));
    }
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest("button[data-code]");
    if (button) { copy(button); }
  });

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.atlas = window.dash_clientside.atlas || {};
  window.dash_clientside.atlas.embed_dialog = fillDialog;
})(typeof window !== "undefined" ? window : globalThis);
