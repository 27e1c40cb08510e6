/* The Leaflet map's events: markers, precision halos, clusters, co-located events
 * fanned out, and the single event of an event page. */
import { colorFor, config, legendColors, t, validColor } from "./config.js";
import { bdi, detailPath, el, setMapState } from "./dom.js";
import { buildPopup, focusPopup, loadDetail } from "./popup.js";
import { state } from "./state.js";
import { countInView } from "./tiles.js";

const HALO_METERS = { 2: 8000, 3: 30000 }; // place precision 2 (near) and 3 (region)

// The cluster API's events are flat ({id, lon, lat, type, color, ...}): make them
// Features so one code path draws both.
export function featureFromClusterEvent(item) {
  return {
    type: "Feature",
    id: item.id,
    geometry: { type: "Point", coordinates: [item.lon, item.lat] },
    properties: {
      title: item.title,
      date_start: item.date_start,
      date_label: item.date_start,
      type: { slug: item.type, color: item.color },
      disputed: item.disputed,
      url: detailPath(item.id),
    },
  };
}

function markerFor(feature) {
  var coords = feature.geometry && feature.geometry.coordinates;
  if (!coords || coords.length < 2) {
    return null;
  }
  var lon = coords[0];
  var lat = coords[1];
  var p = feature.properties || {};
  var disputed = Boolean(p.disputed);
  var marker = L.circleMarker([lat, lon], {
    radius: disputed ? 9 : 7,
    color: disputed ? "#1b1b1b" : "#ffffff",
    weight: disputed ? 3 : 2,
    dashArray: disputed ? "4 3" : null,
    fillColor: colorFor(p.type),
    fillOpacity: 0.9,
    className: "cm-marker" + (disputed ? " cm-marker--disputed" : ""),
  });
  marker.feature = feature;
  marker.trueLatLng = L.latLng(lat, lon);
  // A DOM node, never a string: Leaflet puts string tooltips into innerHTML.
  var tooltip = el("span");
  tooltip.appendChild(bdi(String(p.title || "")));
  if (p.date_label) {
    tooltip.appendChild(document.createTextNode(" · " + p.date_label));
  }
  marker.bindTooltip(tooltip, {
    direction: "top",
    offset: [0, -6],
  });
  marker.bindPopup(buildPopup(feature), { maxWidth: 360, minWidth: 240, autoPanPadding: [20, 20] });
  marker.on("popupopen", function () {
    loadDetail(feature.id, marker);
  });
  marker.on("add", function () {
    var path = marker.getElement();
    if (path) {
      path.setAttribute("data-event-id", String(feature.id));
    }
  });
  return marker;
}

// One halo per approximate place (events at the same place share it).
function drawHalos() {
  state.haloLayer.clearLayers();
  var seen = {};
  Object.keys(state.markers).forEach(function (id) {
    var feature = state.markers[id].feature;
    var p = feature.properties || {};
    var precision = p.place && p.place.precision;
    var lat = state.markers[id].trueLatLng.lat;
    var lon = state.markers[id].trueLatLng.lng;
    var key = lat.toFixed(5) + "," + lon.toFixed(5) + "," + precision;
    if (!HALO_METERS[precision] || seen[key]) {
      return;
    }
    seen[key] = true;
    var halo = L.circle([lat, lon], {
      radius: HALO_METERS[precision],
      color: "#4b5563",
      weight: 1.5,
      dashArray: "2 4",
      fillColor: "#4b5563",
      fillOpacity: 0.08,
      interactive: false,
      className: "cm-halo cm-halo--p" + precision,
    });
    halo.on("add", function () {
      var path = halo.getElement();
      if (path) {
        path.setAttribute("data-event-id", String(feature.id));
      }
    });
    state.haloLayer.addLayer(halo);
  });
}

function clusterMarker(cluster) {
  var count = cluster.count;
  var size = Math.round(26 + Math.min(24, 6 * Math.log10(Math.max(count, 1)) * 2));
  var icon = L.divIcon({ className: "cm-cluster", html: "", iconSize: [size, size] });
  var marker = L.marker([cluster.lat, cluster.lon], {
    icon: icon,
    keyboard: false,
    title: t("nEvents", { n: count }),
  });
  var types = cluster.types || {};
  var top = Object.keys(types).sort(function (a, b) {
    return types[b] - types[a];
  })[0];
  marker.on("add", function () {
    var node = marker.getElement();
    node.textContent = String(count);
    node.style.backgroundColor = validColor(legendColors[top]);
    node.style.lineHeight = size - 4 + "px";
    node.setAttribute("data-count", String(count));
  });
  marker.on("click", function () {
    zoomToCluster(cluster);
  });
  return marker;
}

// The loaded answer's events inside the visible view (tiles.countInView).
export function viewCount() {
  var b = state.map.getBounds();
  var points = Object.keys(state.markers).map(function (id) {
    var point = state.markers[id].trueLatLng;
    return [point.lng, point.lat];
  });
  return countInView([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], state.clusters, points);
}

export function zoomToCluster(cluster) {
  var box = cluster.bbox;
  if (box && box.length === 4 && (box[0] !== box[2] || box[1] !== box[3])) {
    state.map.fitBounds([[box[1], box[0]], [box[3], box[2]]], { padding: [30, 30], maxZoom: 14 });
  } else {
    state.map.setView([cluster.lat, cluster.lon], Math.min(state.map.getZoom() + 3, 14));
  }
}

// Events at the same place would hide each other: fan them out a few pixels
// around the true point (recomputed on zoom), so each stays clickable.
export function spreadColocated() {
  var map = state.map;
  var groups = {};
  Object.keys(state.markers).forEach(function (id) {
    var marker = state.markers[id];
    var key = marker.trueLatLng.lat.toFixed(5) + "," + marker.trueLatLng.lng.toFixed(5);
    (groups[key] = groups[key] || []).push(marker);
  });
  Object.keys(groups).forEach(function (key) {
    var group = groups[key];
    if (group.length === 1) {
      group[0].setLatLng(group[0].trueLatLng);
      return;
    }
    var radius = 9 + 2 * group.length;
    group.forEach(function (marker, index) {
      var angle = (2 * Math.PI * index) / group.length - Math.PI / 2;
      var center = map.latLngToLayerPoint(marker.trueLatLng);
      var shifted = center.add([radius * Math.cos(angle), radius * Math.sin(angle)]);
      marker.setLatLng(map.layerPointToLatLng(shifted));
    });
  });
}

// Markers are kept across reloads when their event is still there (an open popup
// and the keyboard focus inside it survive a pan); clusters are redrawn.
export function drawEvents(features, clusters) {
  state.clusterLayer.clearLayers();
  (clusters || []).forEach(function (cluster) {
    state.clusterLayer.addLayer(clusterMarker(cluster));
  });
  var wanted = {};
  features.forEach(function (feature) {
    wanted[feature.id] = feature;
  });
  Object.keys(state.markers).forEach(function (id) {
    var marker = state.markers[id];
    var feature = wanted[id];
    if (!feature || Boolean(feature.properties.place) !== Boolean(marker.feature.properties.place)) {
      state.eventsLayer.removeLayer(marker);
      delete state.markers[id];
    }
  });
  features.forEach(function (feature) {
    if (state.markers[feature.id]) {
      return;
    }
    var marker = markerFor(feature);
    if (marker) {
      state.markers[feature.id] = marker;
      state.eventsLayer.addLayer(marker);
    }
  });
  spreadColocated();
  drawHalos();
  // Disputed events on top: they are the ones readers most need to open.
  Object.keys(state.markers).forEach(function (id) {
    if (state.markers[id].feature.properties.disputed) {
      state.markers[id].bringToFront();
    }
  });
}

export function openEvent(id, fromList) {
  var marker = state.markers[id];
  if (!marker) {
    return;
  }
  if (!state.map.getBounds().contains(marker.trueLatLng)) {
    state.map.setView(marker.trueLatLng, Math.max(state.map.getZoom(), 8));
    spreadColocated();
  }
  marker.focusWanted = Boolean(fromList);
  marker.openPopup();
  if (fromList) {
    focusPopup(marker);
  }
}

export function fitToData() {
  var points = [];
  state.features.forEach(function (feature) {
    var c = feature.geometry.coordinates;
    points.push([c[1], c[0]]);
  });
  state.clusters.forEach(function (cluster) {
    var box = cluster.bbox || [cluster.lon, cluster.lat, cluster.lon, cluster.lat];
    points.push([box[1], box[0]], [box[3], box[2]]);
  });
  state.fitting = true;
  state.map.fitBounds(L.latLngBounds(points), { padding: [40, 40], maxZoom: 9, animate: false });
  spreadColocated();
  state.fitting = false;
}

function haloFor(map, point) {
  if (HALO_METERS[point.precision]) {
    L.circle([point.lat, point.lon], {
      radius: HALO_METERS[point.precision],
      color: point.color,
      weight: 1.5,
      dashArray: "2 4",
      fillColor: point.color,
      fillOpacity: 0.07,
      interactive: false,
      className: "cm-halo",
    }).addTo(map);
  }
}

export function startDetail(map) {
  var point = config.point || {};
  if (point.lat === null || point.lat === undefined) {
    return;
  }
  haloFor(map, point);
  var marker = L.circleMarker([point.lat, point.lon], {
    radius: point.disputed ? 9 : 8,
    color: point.disputed ? "#1b1b1b" : "#ffffff",
    weight: point.disputed ? 3 : 2,
    dashArray: point.disputed ? "4 3" : null,
    fillColor: validColor(point.color),
    fillOpacity: 0.9,
    className: "cm-marker" + (point.disputed ? " cm-marker--disputed" : ""),
  }).addTo(map);
  var tooltip = el("span");
  tooltip.appendChild(bdi(String(point.title || "")));
  marker.bindTooltip(tooltip);
  map.setView([point.lat, point.lon], 8);
  setMapState("ready");
}
