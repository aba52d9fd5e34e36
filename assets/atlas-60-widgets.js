/*
 * Repairs to Dash 4's own widgets, found by axe-core (tests/test_browser_a11y.py):
 * - the dropdown names itself after its current value only, the slider
 *   thumb has no name: both are linked to their visible label;
 * - radio items are rendered as a listbox of options that contain radio
 *   buttons (nested controls): they become a radio group named by the
 *   fieldset's legend, the native radios doing the rest;
 * - the dropdown's hidden focus target sits in the tab order (and hands focus
 *   on to the button, which is out of it): the button becomes the tab stop;
 * - the dropdown's search box and clear button speak English: the page
 *   element carries the words in the visitor's language (so do Leaflet's
 *   zoom buttons).
 * Component ids come from the view contract (atlas.contract()).
 */
(function () {
  "use strict";

  const atlas = window.atlas;

  /*
   * Radio items and checklists: Dash 4 calls them a listbox of options, but
   * they are native radios and checkboxes in labels, which screen readers
   * name and operate themselves; a listbox without a name fails WCAG 4.1.2.
   * They become a radio group or a group, named by their fieldset's legend.
   */
  function nameRadioGroups(root) {
    root.querySelectorAll(".dash-radioitems, .dash-checklist").forEach((group) => {
      const role = group.classList.contains("dash-checklist") ? "group" : "radiogroup";
      if (group.getAttribute("role") !== role) { group.setAttribute("role", role); }
      // The fieldset's own caption, not one of a fieldset nested in it.
      const fieldset = group.closest("fieldset");
      const legend = fieldset && fieldset.querySelector(":scope > legend");
      if (legend) {
        if (!legend.id) { legend.id = group.id + "-legend"; }
        if (group.getAttribute("aria-labelledby") !== legend.id) { group.setAttribute("aria-labelledby", legend.id); }
      }
      group.querySelectorAll('[role="option"]').forEach((option) => {
        option.removeAttribute("role");
        option.removeAttribute("aria-selected");
      });
    });
  }

  function labelOf(button) {
    return button && document.querySelector('label[for="' + button.id + '"]');
  }

  function repairDropdowns(root) {
    // Dash makes a hidden input the tab stop, which hands focus on to the
    // dropdown's button: a focusable element hidden from screen readers.  The
    // button itself becomes the tab stop instead (Dash resets the input's
    // tabindex whenever the button loses focus: the observer below undoes it).
    root.querySelectorAll('.dash-dropdown-focus-target:not([tabindex="-1"])').forEach((input) => {
      input.setAttribute("tabindex", "-1");
    });
    root.querySelectorAll('button.dash-dropdown:not([tabindex="0"]):not(:disabled)').forEach((button) => {
      button.setAttribute("tabindex", "0");
    });
    // An open dropdown's options are native radios or checkboxes in labels:
    // a named group of them, in a popover (a dialog), not a listbox of options.
    const openLabel = labelOf(document.querySelector('button.dash-dropdown[aria-expanded="true"]'));
    root.querySelectorAll("button.dash-dropdown[aria-haspopup='listbox']").forEach((button) => {
      button.setAttribute("aria-haspopup", "dialog");
    });
    root.querySelectorAll(".dash-dropdown-options").forEach((list) => {
      if (list.getAttribute("role") !== "group") { list.setAttribute("role", "group"); }
      if (openLabel && list.getAttribute("aria-label") !== openLabel.textContent) {
        list.setAttribute("aria-label", openLabel.textContent);
      }
      list.querySelectorAll('[role="option"]').forEach((option) => {
        option.removeAttribute("role");
        option.removeAttribute("aria-selected");
      });
    });
    const page = document.getElementById(atlas.contract().ids.page);
    const words = page ? page.dataset : {};
    if (words.search) {
      root.querySelectorAll("input.dash-dropdown-search").forEach((input) => {
        if (input.placeholder !== words.search) { input.placeholder = words.search; }
      });
      root.querySelectorAll("button.dash-dropdown-clear").forEach((button) => {
        if (button.getAttribute("aria-label") !== words.clearSearch) { button.setAttribute("aria-label", words.clearSearch); }
      });
    }
    root.querySelectorAll("button.dash-dropdown[id]").forEach((button) => {
      const label = labelOf(button);
      if (!label) { return; }
      if (!label.id) { label.id = button.id + "-label"; }
      const current = button.getAttribute("aria-labelledby") || "";
      if (!current.split(" ").includes(label.id)) {
        button.setAttribute("aria-labelledby", (label.id + " " + current).trim());
      }
    });
    // The search box of an open dropdown is rendered in a popover, away from
    // its button; name it after the label of the dropdown that is open.
    root.querySelectorAll("input.dash-dropdown-search:not([aria-label])").forEach((input) => {
      if (openLabel) { input.setAttribute("aria-label", openLabel.textContent); }
    });
  }

  function nameSliders() {
    atlas.contract().maps.forEach((m) => {
      const slider = document.getElementById(m.slider);
      const label = document.getElementById(m.sliderLabel);
      if (!slider || !label) { return; }
      slider.querySelectorAll('[role="slider"]').forEach((thumb) => {
        if (thumb.getAttribute("aria-labelledby") !== label.id) { thumb.setAttribute("aria-labelledby", label.id); }
      });
    });
  }

  /* Leaflet's zoom buttons are titled in English: the page carries the visitor's words. */
  function nameZoomButtons(root) {
    const page = document.getElementById(atlas.contract().ids.page);
    const words = page ? page.dataset : {};
    [["a.leaflet-control-zoom-in", words.zoomIn], ["a.leaflet-control-zoom-out", words.zoomOut]].forEach((pair) => {
      if (!pair[1]) { return; }
      root.querySelectorAll(pair[0]).forEach((button) => {
        if (button.title !== pair[1]) { button.title = pair[1]; }
        if (button.getAttribute("aria-label") !== pair[1]) { button.setAttribute("aria-label", pair[1]); }
      });
    });
  }

  function nameWidgets(root) {
    nameRadioGroups(root);
    repairDropdowns(root);
    nameSliders();
    nameZoomButtons(root);
  }

  const observer = new MutationObserver(() => nameWidgets(document));
  function watch() {
    nameWidgets(document);
    observer.observe(document.body, {childList: true, subtree: true, attributes: true,
                                     attributeFilter: ["aria-labelledby", "aria-expanded", "role",
                                                       "aria-selected", "tabindex", "aria-haspopup", "title",
                                                       "aria-label"]});
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
  atlas.nameWidgets = nameWidgets;
})();
