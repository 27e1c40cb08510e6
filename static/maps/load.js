/* Loading what the view needs: clusters at low zoom, individual events at high zoom
 * or when few; a newer view or filter replaces a pending answer. */
import { config, rangeText, t } from "./config.js";
import { setMapState, setStatus } from "./dom.js";
import { loadCountries } from "./basemap.js";
import { drawEvents, featureFromClusterEvent, fitToData, openEvent, viewCount } from "./map.js";
import { parts, state } from "./state.js";
import { snapBbox } from "./tiles.js";
import { getJson, initialView, queryString, syncUrl } from "./url.js";

const EVENTS_ZOOM = 9; // from this zoom on, individual events with full properties
const EVENTS_MAX = 400; // fewer events than this in view: draw them individually
const DEBOUNCE_MS = 250;

export function errorText(body) {
  if (!body || typeof body !== "object") {
    return "";
  }
  return Object.keys(body)
    .map(function (key) {
      var value = body[key];
      return key + ": " + (Array.isArray(value) ? value.join(" ") : String(value));
    })
    .join("; ");
}

// The viewport snapped outward to the tile grid of its zoom (tiles.js) as in_bbox,
// cut to the user's own in_bbox filter if any: a small pan asks the same URL.
function viewportBbox() {
  var bounds = state.map.getBounds();
  var box = snapBbox([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()], state.map.getZoom());
  if (!box) {
    return null;
  }
  var own = String(state.filters.in_bbox || "").split(",").map(Number);
  if (own.length === 4 && own.every(isFinite)) {
    box = [Math.max(box[0], own[0]), Math.max(box[1], own[1]), Math.min(box[2], own[2]), Math.min(box[3], own[3])];
  }
  if (!(box[0] < box[2] && box[1] < box[3])) {
    return null;
  }
  return box.map(function (value) {
    return value.toFixed(4);
  }).join(",");
}

function clustersUrl(filters, zoom) {
  return config.clustersUrl + "?" + queryString(filters, { zoom: zoom });
}

// The embed's first cluster answer, carried by its page (maps/views/first.py): the
// answer of the first world request for its filters and zoom, used once, and only
// for the request it answers (anything else asks the API).
var inlined = (function () {
  var node = document.getElementById("map-first");
  try {
    return node ? JSON.parse(node.textContent) : null;
  } catch (error) {
    return null;
  }
})();

function inlinedAnswer(filters, zoom) {
  var found = inlined;
  inlined = null;
  if (!found || !found.answer || found.zoom !== zoom) {
    return null;
  }
  if (queryString(found.filters || {}, { zoom: found.zoom }) !== queryString(filters, { zoom: zoom })) {
    return null;
  }
  document.body.setAttribute("data-first-answer", "inline");
  return Promise.resolve({ ok: true, status: 200, body: found.answer });
}

// Whether the loaded answer serves the current view with no request: individual
// events loaded for a box are complete for any view inside it, at any zoom (an open
// popup stays put); clusters, when the view asks the same URL (same zoom and tiles).
export function alreadyLoaded() {
  var done = state.loaded;
  if (!done || state.request || done.key !== queryString(state.filters)) {
    return false;
  }
  if (done.kind === "clusters") {
    var bbox = viewportBbox();
    var filters = Object.assign({}, state.filters, { in_bbox: bbox });
    return Boolean(bbox) && done.url === clustersUrl(filters, state.map.getZoom());
  }
  if (done.kind !== "events" || done.truncated) {
    return false;
  }
  if (!done.bbox) {
    return true;
  }
  var b = state.map.getBounds();
  return b.getWest() >= done.bbox[0] && b.getSouth() >= done.bbox[1] && b.getEast() <= done.bbox[2] && b.getNorth() <= done.bbox[3];
}

// The count label: the events inside the visible view (not the larger box loaded),
// exact, or a range when clusters straddle the view's edge (tiles.countInView).
export function showCount() {
  var count = viewCount();
  var text = state.total ? rangeText(count) : t("noMatch");
  if (state.truncated) {
    text += " (" + t("truncated", { n: state.features.length }) + ")";
  }
  setStatus(text);
  document.body.setAttribute("data-event-count", String(count.low));
  document.body.setAttribute("data-event-count-max", String(count.high));
  document.body.setAttribute("data-loaded-count", String(state.total));
}

export function scheduleLoad(delay) {
  window.clearTimeout(state.loadTimer);
  // Not "ready" while a load is pending: the URL and the form already show the new
  // filters, the markers do not yet (a reader of data-map-state must not see both).
  setMapState("loading");
  state.loadTimer = window.setTimeout(loadEvents, delay === undefined ? DEBOUNCE_MS : delay);
}

export function loadEvents() {
  if (state.request) {
    state.request.abort(); // a newer view or filter replaces a pending answer
  }
  var controller = new AbortController();
  state.request = controller;
  var filters = Object.assign({}, state.filters);
  var world = state.firstLoad && !initialView.center;
  if (!world) {
    var bbox = viewportBbox();
    if (!bbox) {
      finish({ ok: true, body: { features: [] } }, "events");
      return;
    }
    filters.in_bbox = bbox;
  }
  var zoom = state.map.getZoom();
  var loading = {
    key: queryString(state.filters),
    bbox: filters.in_bbox && !world ? filters.in_bbox.split(",").map(Number) : null,
    url: clustersUrl(filters, zoom),
  };
  if (state.filters.in_bbox && world) {
    loading.bbox = state.filters.in_bbox.split(",").map(Number);
  }
  setMapState("loading");
  setStatus(t("loading"));
  var eventsUrl = config.apiUrl + "?" + queryString(filters);
  // The cluster index does not know the place filter: place-filtered views (a few
  // events) always come as individual events.
  var useEvents = (zoom >= EVENTS_ZOOM && !world) || filters.place;
  var first = useEvents
    ? getJson(eventsUrl, controller.signal).then(function (result) {
        return { result: result, kind: "events" };
      })
    : ((world && inlinedAnswer(filters, zoom)) || getJson(clustersUrl(filters, zoom), controller.signal)).then(function (result) {
        var body = result.body || {};
        if (result.ok && ((body.clusters || []).length === 0 || body.total <= EVENTS_MAX)) {
          return getJson(eventsUrl, controller.signal).then(function (events) {
            return { result: events, kind: "events" };
          });
        }
        return { result: result, kind: "clusters" };
      });
  first
    .then(function (answer) {
      if (controller !== state.request) {
        return;
      }
      finish(answer.result, answer.kind);
    })
    .catch(function (error) {
      if (error && error.name === "AbortError") {
        return;
      }
      setStatus(t("netError"), true);
      setMapState("error");
    });

  function finish(result, kind) {
    state.request = null;
    state.loaded = null;
    if (!result.ok) {
      state.features = [];
      state.clusters = [];
      drawEvents([]);
      parts.renderList();
      setStatus(result.status === 400 ? t("invalid") + " " + errorText(result.body) : t("httpError", { status: result.status }), true);
      setMapState("error");
      return;
    }
    var body = result.body || {};
    state.mode = kind;
    state.truncated = Boolean(body.truncated);
    // `loading` is still undefined when an empty view finishes before asking.
    state.loaded = loading ? { key: loading.key, bbox: loading.bbox, url: loading.url, kind: kind, truncated: state.truncated } : null;
    if (kind === "clusters") {
      state.clusters = body.clusters || [];
      state.features = (body.events || []).map(featureFromClusterEvent);
      state.total = body.total || 0;
    } else {
      state.clusters = [];
      state.features = body.features || [];
      state.total = state.features.length;
    }
    drawEvents(state.features, state.clusters);
    var wasFirst = state.firstLoad;
    state.firstLoad = false;
    if (wasFirst && world && (state.features.length || state.clusters.length)) {
      fitToData();
      if (kind === "clusters") {
        scheduleLoad(0); // clusters of the fitted zoom and viewport
      }
    }
    if (wasFirst && config.focus && state.markers[config.focus]) {
      openEvent(config.focus);
    }
    showCount();
    parts.renderList();
    syncUrl();
    if (!document.body.hasAttribute("data-first-draw-ms") && window.performance) {
      // When the first markers were drawn: the embed's first-paint budget is measured to here.
      document.body.setAttribute("data-first-draw-ms", String(Math.round(window.performance.now())));
    }
    document.body.setAttribute("data-view-mode", kind);
    setMapState("ready");
    loadCountries();
    if (wasFirst) {
      parts.firstDrawn(); // the timeline and its histogram
    }
  }
}
