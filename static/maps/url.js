/* Filters in the URL (shareable state): query strings, the address bar, the links
 * and snippets that carry the current view, and JSON requests. */
import { config, options, t } from "./config.js";
import { clamp } from "./dom.js";
import { embedQuery } from "./embed.js";
import { state } from "./state.js";

const FILTER_KEYS = ["date_from", "date_to", "type", "actor", "disputed", "q", "place", "in_bbox"];

export function queryString(filters, extra) {
  var params = new URLSearchParams();
  FILTER_KEYS.forEach(function (key) {
    var value = filters[key];
    if (value !== undefined && value !== null && String(value).trim() !== "") {
      params.set(key, String(value).trim());
    }
  });
  Object.keys(extra || {}).forEach(function (key) {
    if (extra[key] !== undefined && extra[key] !== null && extra[key] !== "") {
      params.set(key, String(extra[key]));
    }
  });
  return params.toString();
}

// The histogram covers every date: its key is the filters without the window.
export function histogramKey(filters) {
  var copy = Object.assign({}, filters);
  delete copy.date_from;
  delete copy.date_to;
  return queryString(copy);
}

// ?at=zoom/lat/lon: the map view of a shared link.
export const initialView = (function () {
  var raw = new URLSearchParams(window.location.search).get("at") || "";
  var parts = raw.split("/").map(Number);
  if (parts.length === 3 && parts.every(isFinite) && Math.abs(parts[1]) <= 90 && Math.abs(parts[2]) <= 180) {
    return { raw: raw, zoom: clamp(Math.round(parts[0]), 2, 16), center: [parts[1], parts[2]] };
  }
  return { raw: "", zoom: null, center: null };
})();

function viewParam() {
  if (!state.map) {
    return "";
  }
  var center = state.map.getCenter();
  return state.map.getZoom() + "/" + center.lat.toFixed(4) + "/" + center.lng.toFixed(4);
}

function currentQuery() {
  var extra = { at: config.mode === "map" && !state.firstLoad ? viewParam() : initialView.raw };
  if (options.control) {
    extra.control = "1";
  }
  if (config.embed) {
    embedQuery(extra);
  }
  return queryString(state.filters, extra);
}

export function syncUrl() {
  var query = currentQuery();
  var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
  if (url !== window.location.pathname + window.location.search + window.location.hash) {
    window.history.replaceState(null, "", url);
  }
  Array.prototype.forEach.call(document.querySelectorAll("a[data-lang-path]"), function (link) {
    link.href = link.getAttribute("data-lang-path") + (query ? "?" + query : "");
  });
  updateEmbedSnippet();
  updateCitation();
  updateDownloads();
}

function updateDownloads() {
  // Downloads take the filters and the area in view, not the view's zoom/centre.
  var extra = {};
  if (state.map) {
    var b = state.map.getBounds();
    var clamp = function (value, limit) { return Math.max(-limit, Math.min(limit, value)); };
    extra.in_bbox = [
      clamp(b.getWest(), 180), clamp(b.getSouth(), 90),
      clamp(b.getEast(), 180), clamp(b.getNorth(), 90),
    ].map(function (v) { return v.toFixed(4); }).join(",");
  }
  var filters = Object.assign({}, state.filters);
  delete filters.in_bbox;
  var query = queryString(filters, extra);
  Array.prototype.forEach.call(document.querySelectorAll("a[data-export-base]"), function (link) {
    var base = link.getAttribute("data-export-base");
    var own = query;
    if (options.control && link.hasAttribute("data-export-control")) {
      own += (own ? "&" : "") + "control=1"; // the standalone map takes the layer too
    }
    link.href = base + (own ? (base.indexOf("?") < 0 ? "?" : "&") + own : "");
  });
}

export function updateEmbedSnippet() {
  var snippet = document.getElementById("embed-snippet");
  if (!snippet) {
    return;
  }
  var query = queryString(state.filters, { at: state.map ? viewParam() : "" });
  var src = config.siteUrl + config.embedUrl + (query ? "?" + query : "");
  snippet.value =
    '<iframe src="' +
    src.replace(/&/g, "&amp;").replace(/"/g, "&quot;") +
    '" width="800" height="600" style="border:0;max-width:100%" loading="lazy" title="ConflictMap"></iframe>';
}

export function updateCitation() {
  var node = document.getElementById("cite-view");
  if (!node) {
    return;
  }
  var url = config.siteUrl + window.location.pathname + window.location.search;
  var parts = [];
  if (state.filters.date_from || state.filters.date_to) {
    parts.push((state.filters.date_from || "…") + " – " + (state.filters.date_to || "…"));
  }
  var today = new Date().toISOString().slice(0, 10);
  node.value = t("citeMap") + (parts.length ? " (" + parts.join("; ") + ")" : "") + ". " + url + " (" + t("accessed", { date: today }) + ").";
}

// A JSON answer with its status; a body that is not JSON reads as {}.
export function getJson(url, signal) {
  return fetch(url, { headers: { Accept: "application/json" }, signal: signal }).then(function (response) {
    return response
      .json()
      .catch(function () {
        return {};
      })
      .then(function (body) {
        return { ok: response.ok, status: response.status, body: body };
      });
  });
}
