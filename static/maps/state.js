/* The map's shared state: the Leaflet map, its layers, what is loaded and shown. */
import { config } from "./config.js";

export const state = {
  map: null,
  filters: Object.assign({}, config.filters || {}),
  mode: "events", // or "clusters"
  features: [],
  clusters: [],
  total: 0, // events the answer counted in the box it was asked for (loaded)
  truncated: false,
  markers: {},
  eventsLayer: null,
  clusterLayer: null,
  haloLayer: null,
  details: {},
  request: null,
  loaded: null,
  loadTimer: null,
  firstLoad: true,
  fitting: false,
  lastListEventId: null, // the list entry a popup was opened from (Escape returns)
  basemapRequested: false,
};

// The parts a page may add to the map, set by main.js: the map page's event list,
// and the timeline once its module is loaded (after the first markers are drawn).
// Until then each does nothing.
export const parts = {
  renderList: function () {},
  timeline: { load: function () {}, render: function () {}, stop: function () {} },
  firstDrawn: function () {},
  control: { refresh: function () {} },
};
