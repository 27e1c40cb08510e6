/* ConflictMap's map: the entry module the map page, the embed and event pages load
 * (<script type="module">, deferred; no build step). Leaflet and django-leaflet's
 * L.Map.djangoMap are globals from their classic scripts, loaded before this one.
 *
 * Modules: config (settings, strings, colours), dom (text-only DOM helpers), state,
 * url (filters in the address bar), basemap, map (markers, clusters), popup, tiles
 * (the bbox snapped to tiles, counts in view), load (API requests), filters
 * (applyFilters, the form), embed (embed-only options), and the parts a page adds:
 * list (event list) and search (place suggestions) on the map page, imported only
 * there, and timeline, imported after the first markers are drawn, with its
 * histogram. The embed thus loads no code it does not run before its first paint
 * (its byte budget: maps/tests/test_browser_map.py). Imports point one way, with no
 * cycles: parts reach the rest through state.parts and callbacks.
 *
 * Static files are served as they are: relative imports need no hashed names. A
 * ManifestStaticFilesStorage would need support_js_module_import_aggregation = True.
 */
import { addBasemap, loadCountries } from "./basemap.js";
import { config, hasConfig, options, t } from "./config.js";
import { setMapState, setStatus } from "./dom.js";
import { embedLegendControl, lockView } from "./embed.js";
import { applyFilters, bindForm } from "./filters.js";
import { alreadyLoaded, errorText, loadEvents, scheduleLoad, showCount } from "./load.js";
import { spreadColocated, startDetail } from "./map.js";
import { parts, state } from "./state.js";
import { initialView, syncUrl, updateCitation, updateEmbedSnippet } from "./url.js";

// The map page's panel: the event list and the place search (not on the embed).
const hasPanel = Boolean(document.getElementById("event-list") || document.getElementById("filters"));
const [list, search] = hasPanel ? await Promise.all([import("./list.js"), import("./search.js")]) : [null, null];

// The timeline's place is kept while it loads (its data-loading); without it, the map
// takes the room (Leaflet told at once, as timeline.js does when it shows).
function hideTimeline() {
  var root = document.getElementById("timeline");
  if (root && !root.hidden) {
    root.hidden = true;
    state.map.invalidateSize();
  }
}

function loadTimeline() {
  if (!document.getElementById("timeline") || options.timeline === false) {
    hideTimeline();
    return;
  }
  import("./timeline.js").then(
    function (module) {
      module.timeline.bind(applyFilters);
      parts.timeline = module.timeline;
      module.timeline.load();
    },
    function () {
      hideTimeline(); // not loaded (offline): the map works without it
    }
  );
}

// The control layer's code loads only where it can be shown (control=1, or the map
// page's toggle), so the embed's first paint carries none of it otherwise.
function loadControl() {
  if (!options.control && !document.getElementById("control-toggle")) {
    return;
  }
  import("./control.js").then(function (module) {
    parts.control = { refresh: module.refreshControl };
    module.bindControl();
  });
}

function start(map) {
  state.map = map;
  addBasemap(map);
  if (config.mode === "detail") {
    startDetail(map);
    loadCountries();
    return;
  }
  state.haloLayer = L.featureGroup().addTo(map);
  state.clusterLayer = L.featureGroup().addTo(map);
  state.eventsLayer = L.featureGroup().addTo(map);
  if (initialView.center) {
    map.setView(initialView.center, initialView.zoom, { animate: false });
  }
  if (config.embed) {
    embedLegendControl().addTo(map);
    if (options.lock) {
      lockView(map);
    }
  }
  map.on("zoomend", spreadColocated);
  map.on("moveend", function () {
    parts.renderList();
    parts.control.refresh();
    if (!state.firstLoad && !state.fitting) {
      syncUrl();
      if (alreadyLoaded()) {
        showCount(); // the same answer, another part of it in view
      } else {
        scheduleLoad();
      }
    }
  });
  bindForm();
  if (search) {
    search.bindSearch();
  }
  if (list) {
    parts.renderList = list.renderList;
    list.bindListKeys();
  }
  parts.firstDrawn = loadTimeline;
  loadControl();
  updateEmbedSnippet();
  updateCitation();
  var errors = config.errors || {};
  if (Object.keys(errors).length) {
    setStatus(t("invalid") + " " + errorText(errors), true);
    setMapState("error");
    parts.renderList();
    loadCountries();
    return;
  }
  loadEvents(); // the timeline's histogram loads after the first markers are drawn
}

if (hasConfig) {
  // django-leaflet's map factory (leaflet.extras.js) fires map:init; it is called
  // here rather than by {% leaflet_map %}, whose inline script the CSP forbids.
  window.addEventListener("map:init", function (event) {
    if (event.detail.id === "map") {
      start(event.detail.map);
    }
  });
  if (document.getElementById("map")) {
    L.Map.djangoMap("map", { djoptions: config.leaflet, globals: false, callback: null });
  }
}
