/* The map's configuration, UI strings and event-type colours.
 *
 * Configuration comes from the json_script element #map-config (maps/views/pages.py);
 * UI strings come translated in config.strings. Colours from the API are checked
 * before use: only #rrggbb reaches a style.
 */

const configNode = document.getElementById("map-config");

export const hasConfig = Boolean(configNode);
export const config = configNode ? JSON.parse(configNode.textContent) : {};
export const options = config.options || {};

export function t(key, params) {
  var text = (config.strings && config.strings[key]) || key;
  Object.keys(params || {}).forEach(function (name) {
    text = text.split("{" + name + "}").join(String(params[name]));
  });
  return text;
}

export function countText(n) {
  return n === 1 ? t("oneEvent") : t("nEvents", { n: n });
}

// "N events", or "low–high events" when only bounds are known (tiles.countInView).
export function rangeText(count) {
  return count.low === count.high ? countText(count.low) : t("nEvents", { n: count.low + "–" + count.high });
}

// Slug -> colour of its top-level type (a sub-type takes its parent's colour).
export const legendColors = {};
(config.legend || []).forEach(function (top) {
  legendColors[top.slug] = top.color;
  (top.children || []).forEach(function (child) {
    legendColors[child.slug] = top.color;
  });
});

export function validColor(color) {
  return /^#[0-9a-fA-F]{6}$/.test(color || "") ? color : "#555555";
}

export function colorFor(type) {
  type = type || {};
  return validColor(legendColors[type.parent_slug] || legendColors[type.slug] || type.color);
}

export function typeLabel(type) {
  type = type || {};
  var names = {};
  (config.legend || []).forEach(function (top) {
    names[top.slug] = top.name;
    (top.children || []).forEach(function (child) {
      names[child.slug] = child.name;
    });
  });
  var name = names[type.slug] || type.name || "";
  var parent = type.parent_slug ? names[type.parent_slug] || type.parent_name : "";
  return parent ? parent + " › " + name : name;
}
