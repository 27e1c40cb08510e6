/* The control layer: who held each place on the timeline's date (the end of its
 * window, else today), coloured by coalition; contested, disputed and date-uncertain
 * control drawn distinctly; a place with an area also gets its outline in the
 * controller's colour; a view with more places than CONTROL_MAX_PLACES comes
 * summarised per grid cell and controller; a place's popup loads its control history with sources.
 *
 * Data: /api/v1/control/?date=&in_bbox= (the view snapped to the tile grid) and /api/v1/places/<id>/control/. Every
 * string is untrusted: text nodes only (dom.js). The map's #map element carries
 * data-control-date and data-control-ready for tests and assistive tooling. */
import { config, options, t, validColor } from "./config.js";
import { el, siteLink } from "./dom.js";
import { state } from "./state.js";
import { snapBbox } from "./tiles.js";
import { getJson, syncUrl } from "./url.js";

var layer = null;
var legend = null;
var enabled = false;
var pending = null;
var shownKey = "";

function today() {
  return new Date().toISOString().slice(0, 10);
}

// The timeline's current date: the end of its window (playback moves it).
export function controlDate() {
  return state.filters.date_to || today();
}

// The view snapped outward to the tile grid of its zoom (tiles.js), as the cluster
// requests are: a pan within the same tiles asks nothing, and readers whose views
// differ by less than a tile ask the same URL (kept answers, HTTP caches).
function bboxParam() {
  var b = state.map.getBounds();
  var box = snapBbox([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], state.map.getZoom()) || [-180, -90, 180, 90];
  return box
    .map(function (v) {
      return v.toFixed(4);
    })
    .join(",");
}

function stateLabel(p) {
  if (p.state === "contested") {
    return t("controlContested");
  }
  if (p.state !== "held") {
    return t("controlUnknown");
  }
  var names = (p.actors || []).map(function (a) { return a.name; });
  var coalition = p.coalition ? p.coalition.name : "";
  if (coalition && names.indexOf(coalition) < 0) {
    names.push(coalition);
  }
  return t("controlHeldBy", { who: names.join(" / ") });
}

function style(p) {
  var uncertain = Boolean(p.uncertain_until) && controlDate() <= p.uncertain_until;
  return {
    radius: 11,
    color: p.state === "contested" ? "#7a5d00" : "#222222",
    weight: p.state === "contested" ? 3 : 2,
    dashArray: p.disputed || p.state === "contested" ? "4 3" : null,
    fillColor: validColor(p.color),
    fillOpacity: uncertain ? 0.35 : 0.8,
    className:
      "cm-control cm-control--" + (p.state || "unknown") +
      (p.disputed ? " cm-control--disputed" : "") +
      (uncertain ? " cm-control--uncertain" : ""),
  };
}

// A place's outline (where it has an area): the controller's colour, lighter than
// the point, under it; the same popup.
function areaStyle(p) {
  var point = style(p);
  return {
    color: validColor(p.color),
    weight: 2,
    opacity: 0.9,
    dashArray: point.dashArray,
    fillColor: point.fillColor,
    fillOpacity: point.fillOpacity / 3,
    className: point.className.replace("cm-control ", "cm-control-area "),
  };
}

function popupNode(p) {
  var root = el("div", "cm-control-popup");
  root.dir = config.dir || "ltr";
  root.setAttribute("data-place-id", String(p.place_id));
  var title = el("h3", "cm-popup__title");
  title.appendChild(el("bdi", null, p.place));
  root.appendChild(title);
  root.appendChild(el("p", "cm-control-popup__state", stateLabel(p)));
  root.appendChild(el("p", "cm-control-popup__since", t("controlSince", { date: p.since_label || p.since })));
  if (p.disputed) {
    root.appendChild(el("span", "badge badge--disputed", t("disputed")));
  }
  var button = el("button", "cm-control-popup__history", t("controlHistory"));
  button.type = "button";
  var history = el("ol", "cm-control-history");
  button.addEventListener("click", function () {
    button.disabled = true;
    loadHistory(p.place_id, history);
  });
  root.appendChild(button);
  root.appendChild(history);
  return root;
}

function sourceItem(source) {
  var item = el("li", "source");
  item.appendChild(el("span", "badge", source.stance));
  item.appendChild(document.createTextNode(" "));
  item.appendChild(el("bdi", "source__publisher", source.publisher));
  if (source.speaker) {
    var speaker = el("div", "source__speaker", source.speaker);
    speaker.dir = "auto";
    item.appendChild(speaker);
  }
  if (source.quote) {
    var quote = el("blockquote", "source__quote", source.quote);
    quote.dir = "auto";
    item.appendChild(quote);
  }
  return item;
}

function loadHistory(placeId, list) {
  getJson(config.controlHistoryUrl.replace("{id}", String(placeId))).then(function (answer) {
    list.replaceChildren();
    (answer.body.periods || []).forEach(function (period) {
      var item = el("li", "cm-control-history__period");
      var head = el("div", "cm-control-history__head");
      var swatch = el("span", "swatch");
      swatch.style.backgroundColor = validColor(period.color);
      head.appendChild(swatch);
      head.appendChild(document.createTextNode(
        stateLabel({ state: period.state, actors: (period.actors || []).map(function (n) { return { name: n }; }), coalition: period.coalition ? { name: period.coalition } : null }) +
        " — " + (period.since_label || period.since) + (period.until ? " → " + period.until : "")
      ));
      if (period.disputed) {
        head.appendChild(el("span", "badge badge--disputed", t("disputed")));
      }
      item.appendChild(head);
      var reasons = el("ul", "cm-control-history__reasons");
      (period.justified_by || []).forEach(function (reason) {
        var line = el("li");
        if (reason.kind === "event" && reason.url) {
          line.appendChild(siteLink(reason.url, reason.title, "cm-control-history__event"));
        } else {
          line.appendChild(el("span", null, reason.title));
        }
        line.appendChild(document.createTextNode(" (" + reason.date + ")"));
        var sources = el("ul", "sources");
        (reason.sources || []).forEach(function (source) {
          sources.appendChild(sourceItem(source));
        });
        line.appendChild(sources);
        reasons.appendChild(line);
      });
      item.appendChild(reasons);
      list.appendChild(item);
    });
  });
}

function legendControl() {
  var control = L.control({ position: "bottomright" });
  control.onAdd = function () {
    var box = el("div", "control-legend");
    box.setAttribute("aria-live", "polite");
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  return control;
}

function renderLegend(features, day) {
  var box = legend && legend.getContainer();
  if (!box) {
    return;
  }
  box.replaceChildren();
  box.appendChild(el("strong", null, t("controlAsOf", { date: day })));
  var list = el("ul", "control-legend__list");
  var seen = {};
  features.forEach(function (f) {
    var p = f.properties;
    var key = p.state === "held" && p.coalition ? "c" + p.coalition.id : p.state;
    if (seen[key]) {
      return;
    }
    seen[key] = true;
    var item = el("li");
    var swatch = el("span", "swatch");
    swatch.style.backgroundColor = validColor(p.color);
    item.appendChild(swatch);
    var label = p.state === "held" && p.coalition ? p.coalition.name : stateLabel(p);
    item.appendChild(el("bdi", null, label));
    list.appendChild(item);
  });
  [["swatch swatch--control-disputed", t("controlDisputed")], ["swatch swatch--control-uncertain", t("controlUncertain")]].forEach(function (pair) {
    var item = el("li");
    item.appendChild(el("span", pair[0]));
    item.appendChild(document.createTextNode(pair[1]));
    list.appendChild(item);
  });
  if (!features.length) {
    list.appendChild(el("li", "control-legend__none", t("controlNone")));
  }
  box.appendChild(list);
}

// A summarised view (more places than a map can draw): one circle per grid cell and
// controller, sized by its count; a click zooms to the cell.
function drawCell(p, coords) {
  var marker = L.circleMarker([coords[1], coords[0]], {
    radius: Math.min(8 + 2 * Math.sqrt(p.count || 1), 28),
    color: "#222222",
    weight: p.disputed ? 2 : 1,
    dashArray: p.disputed || p.state === "contested" ? "4 3" : null,
    fillColor: validColor(p.color),
    fillOpacity: 0.7,
    className: "cm-control-cell cm-control--" + (p.state || "unknown"),
  });
  marker.bindTooltip(t("controlCell", { count: p.count, who: stateLabel(p) }));
  marker.on("click", function () {
    var b = p.bounds || [];
    if (b.length === 4) {
      state.map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);
    }
  });
  marker.addTo(layer);
  var path = marker.getElement && marker.getElement();
  if (path) {
    path.setAttribute("data-count", String(p.count));
    path.setAttribute("data-color", validColor(p.color));
  }
}

function draw(data, key) {
  layer.clearLayers();
  (data.features || []).forEach(function (f) {
    var p = f.properties || {};
    var coords = (f.geometry && f.geometry.coordinates) || [];
    if (p.cluster) {
      drawCell(p, coords);
      return;
    }
    if (p.area && (p.area.type === "Polygon" || p.area.type === "MultiPolygon")) {
      var outline = L.geoJSON(p.area, { style: function () { return areaStyle(p); } });
      outline.bindPopup(function () { return popupNode(p); }, { maxWidth: 360 });
      outline.addTo(layer);
      outline.eachLayer(function (shape) {
        var node = shape.getElement && shape.getElement();
        if (node) {
          node.setAttribute("data-place-id", String(p.place_id));
          node.setAttribute("data-color", validColor(p.color));
        }
      });
    }
    var marker = L.circleMarker([coords[1], coords[0]], style(p));
    marker.bindPopup(popupNode(p), { maxWidth: 360 });
    marker.bindTooltip(p.place + " — " + stateLabel(p));
    marker.addTo(layer);
    var path = marker.getElement && marker.getElement();
    if (path) {
      path.setAttribute("data-place-id", String(p.place_id));
      path.setAttribute("data-color", validColor(p.color));
    }
  });
  renderLegend(data.features || [], data.date);
  shownKey = key;
  var node = state.map.getContainer();
  node.setAttribute("data-control-date", data.date || "");
  node.setAttribute("data-control-aggregated", data.aggregated ? "true" : "false");
  node.setAttribute("data-control-ready", "true");
}

export function refreshControl() {
  if (!enabled || !state.map) {
    return;
  }
  var day = controlDate();
  var key = day + "|" + bboxParam();
  if (key === shownKey) {
    return;
  }
  if (pending) {
    pending.abort();
  }
  pending = new AbortController();
  state.map.getContainer().setAttribute("data-control-ready", "false");
  var url = config.controlUrl + "?" + new URLSearchParams({ date: day, in_bbox: bboxParam() }).toString();
  getJson(url, pending.signal)
    .then(function (answer) {
      if (answer.ok) {
        draw(answer.body, key);
      }
    })
    .catch(function () {}); // aborted by a newer request
}

export function setControl(on) {
  enabled = Boolean(on);
  options.control = enabled;
  if (!layer) {
    layer = L.featureGroup();
    legend = legendControl();
  }
  if (enabled) {
    layer.addTo(state.map);
    legend.addTo(state.map);
    shownKey = "";
    refreshControl();
  } else {
    layer.remove();
    legend.remove();
    state.map.getContainer().removeAttribute("data-control-ready");
  }
  var toggle = document.getElementById("control-toggle");
  if (toggle) {
    toggle.checked = enabled;
  }
}

export function bindControl() {
  var toggle = document.getElementById("control-toggle");
  if (toggle) {
    toggle.addEventListener("change", function () {
      setControl(toggle.checked);
      syncUrl();
    });
  }
  if (options.control) {
    setControl(true);
  }
}
