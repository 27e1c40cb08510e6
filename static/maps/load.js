/* Loading what the view needs: clusters at low zoom, individual events at high zoom
 * or when few; a newer view or filter replaces a pending answer. */
import { config, countText, t } from "./config.js";
import { clamp, setMapState, setStatus } from "./dom.js";
import { loadCountries } from "./basemap.js";
import { drawEvents, featureFromClusterEvent, fitToData, openEvent } from "./map.js";
import { parts, state } from "./state.js";
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

// The viewport (padded) as in_bbox, cut to the user's own in_bbox filter if any.
function viewportBbox() {
  var bounds = state.map.getBounds().pad(0.25);
  var box = [
    clamp(bounds.getWest(), -180, 180),
    clamp(bounds.getSouth(), -90, 90),
    clamp(bounds.getEast(), -180, 180),
    clamp(bounds.getNorth(), -90, 90),
  ];
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

// Individual events loaded for a box are complete for any view inside it, at any
// zoom: panning or zooming within it needs no request (an open popup stays put).
export function alreadyLoaded() {
  var done = state.loaded;
  if (!done || state.request || done.key !== queryString(state.filters)) {
    return false;
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
    : getJson(config.clustersUrl + "?" + queryString(filters, { zoom: zoom }), controller.signal).then(function (result) {
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
    state.loaded = loading ? { key: loading.key, bbox: loading.bbox, kind: kind, truncated: Boolean(body.truncated) } : null;
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
    var text = state.total ? countText(state.total) : t("noMatch");
    if (body.truncated) {
      text += " (" + t("truncated", { n: state.features.length }) + ")";
    }
    setStatus(text);
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
    parts.renderList();
    syncUrl();
    if (!document.body.hasAttribute("data-first-draw-ms") && window.performance) {
      // When the first markers were drawn: the embed's first-paint budget is measured to here.
      document.body.setAttribute("data-first-draw-ms", String(Math.round(window.performance.now())));
    }
    document.body.setAttribute("data-view-mode", kind);
    document.body.setAttribute("data-event-count", String(state.total));
    setMapState("ready");
    loadCountries();
    if (wasFirst) {
      parts.firstDrawn(); // the timeline and its histogram
    }
  }
}
