/* ConflictMap map module: the map page, the embed page and event pages share it.
 *
 * Configuration comes from the json_script element #map-config (events/views/maps.py).
 * Every string from the API is untrusted: DOM nodes are filled with textContent,
 * never innerHTML, and only http(s) URLs become links. UI strings come translated in
 * config.strings. No inline styles in markup (CSP style-src 'self'): element.style only.
 */
(function () {
  "use strict";

  var configNode = document.getElementById("map-config");
  if (!configNode) {
    return;
  }
  var config = JSON.parse(configNode.textContent);
  var FILTER_KEYS = ["date_from", "date_to", "type", "actor", "disputed", "q", "place", "in_bbox"];
  var CLAIM_STANCES = { reports: true, claims: true, confirms: true };
  var LIST_LIMIT = 200;
  var EVENTS_ZOOM = 9; // from this zoom on, individual events with full properties
  var EVENTS_MAX = 400; // fewer events than this in view: draw them individually
  var DEBOUNCE_MS = 250;
  var HALO_METERS = { 2: 8000, 3: 30000 }; // place precision 2 (near) and 3 (region)
  var DAY = 86400000;
  var options = config.options || {};

  var state = {
    map: null,
    filters: Object.assign({}, config.filters || {}),
    mode: "events", // or "clusters"
    features: [],
    clusters: [],
    total: 0,
    markers: {},
    eventsLayer: null,
    haloLayer: null,
    details: {},
    request: null,
    loadTimer: null,
    firstLoad: true,
    lastListButton: null,
    basemapRequested: false,
  };

  /* ---------- strings ---------- */

  function t(key, params) {
    var text = (config.strings && config.strings[key]) || key;
    Object.keys(params || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(params[name]));
    });
    return text;
  }

  function countText(n) {
    return n === 1 ? t("oneEvent") : t("nEvents", { n: n });
  }

  /* ---------- small DOM helpers (text only) ---------- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null && text !== "") {
      node.textContent = String(text);
    }
    return node;
  }

  // Curated text (titles) in its own direction: a U+202E in one title must not
  // reorder the text around it (<bdi>, as the server-rendered pages do).
  function bdi(text) {
    return el("bdi", null, text);
  }

  // For plain-text places (SVG <title>, attributes): Unicode's FSI ... PDI isolate.
  function isolate(text) {
    return "\u2068" + String(text || "") + "\u2069";
  }

  function svg(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, String(attrs[name]));
    });
    return node;
  }

  function safeHref(url) {
    if (!url) {
      return null;
    }
    try {
      var parsed = new URL(String(url), window.location.href);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (error) {
      return null;
    }
  }

  // Links to our own pages: absolute and in a new tab when framed by another site.
  function siteLink(path, text, className) {
    var link = el("a", className, text);
    var href = safeHref(config.embed ? config.siteUrl + path : path);
    if (href) {
      link.href = href;
    }
    if (config.embed) {
      link.target = "_blank";
      link.rel = "noopener";
    }
    return link;
  }

  function externalLink(url, text, className) {
    var href = safeHref(url);
    if (!href) {
      return el("span", className, text);
    }
    var link = el("a", className, text);
    link.href = href;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    return link;
  }

  function token(value) {
    return String(value || "").toLowerCase().replace(/[^a-z0-9_-]/g, "");
  }

  function setStatus(text, isError) {
    var node = document.getElementById("map-status");
    if (node) {
      node.textContent = text;
      node.classList.toggle("map-status--error", Boolean(isError));
    }
  }

  function setMapState(value) {
    document.body.setAttribute("data-map-state", value);
  }

  function detailPath(id) {
    return config.detailUrl.replace("{id}", encodeURIComponent(id));
  }

  /* ---------- dates (UTC days) ---------- */

  function toDay(iso) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
    return match ? Date.UTC(+match[1], +match[2] - 1, +match[3]) / DAY : null;
  }

  function fromDay(day) {
    return new Date(day * DAY).toISOString().slice(0, 10);
  }

  function bucketEnd(day, bucket) {
    var date = new Date(day * DAY);
    if (bucket === "week") {
      return day + 7;
    }
    if (bucket === "month") {
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY;
    }
    if (bucket === "year") {
      return Date.UTC(date.getUTCFullYear() + 1, 0, 1) / DAY;
    }
    return day + 1;
  }

  /* ---------- colours and legend ---------- */

  var legendColors = {};
  (config.legend || []).forEach(function (top) {
    legendColors[top.slug] = top.color;
    (top.children || []).forEach(function (child) {
      legendColors[child.slug] = top.color;
    });
  });

  function validColor(color) {
    return /^#[0-9a-fA-F]{6}$/.test(color || "") ? color : "#555555";
  }

  function colorFor(type) {
    type = type || {};
    return validColor(legendColors[type.parent_slug] || legendColors[type.slug] || type.color);
  }

  function embedLegendControl() {
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var box = el("details", "embed-legend");
      box.open = window.innerWidth > 480;
      box.appendChild(el("summary", null, t("legend")));
      var list = el("ul", "embed-legend__list");
      (config.legend || []).forEach(function (top) {
        var item = el("li");
        var swatch = el("span", "swatch");
        swatch.style.backgroundColor = validColor(top.color);
        item.appendChild(swatch);
        item.appendChild(document.createTextNode(top.name));
        list.appendChild(item);
      });
      [
        ["swatch swatch--disputed", t("disputed")],
        ["swatch swatch--halo", t("approxPlace")],
        ["swatch swatch--cluster", t("cluster")],
      ].forEach(function (pair) {
        var item = el("li");
        item.appendChild(el("span", pair[0]));
        item.appendChild(document.createTextNode(pair[1]));
        list.appendChild(item);
      });
      box.appendChild(list);
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    return control;
  }

  /* ---------- basemap ---------- */

  function addBasemap(map) {
    map.createPane("basemap");
    map.getPane("basemap").style.zIndex = 250;
    var renderer = L.svg({ pane: "basemap" });
    var hasTiles = Boolean(config.tiles && config.tiles.url);
    if (hasTiles) {
      L.tileLayer(config.tiles.url, {
        attribution: config.tiles.attribution || "",
        maxZoom: 18,
      }).addTo(map);
      map.getContainer().classList.add("has-tiles");
    } else {
      map.attributionControl.addAttribution(config.basemap.attribution);
    }
    // Governorate names, from zoom 7 on (the basemap has no other place names).
    map.createPane("basemap-labels");
    map.getPane("basemap-labels").style.zIndex = 350;
    map.getPane("basemap-labels").style.pointerEvents = "none";
    var labels = L.layerGroup();
    function showLabels() {
      if (map.getZoom() >= 7) {
        labels.addTo(map);
      } else {
        labels.remove();
      }
    }
    map.on("zoomend", showLabels);
    fetch(config.basemap.governorates)
      .then(function (response) {
        return response.json();
      })
      .then(function (data) {
        L.geoJSON(data, {
          pane: "basemap",
          renderer: renderer,
          style: { color: "#8a7d66", weight: 1, dashArray: "3 3", fill: true, fillOpacity: 0 },
          onEachFeature: function (feature, layer) {
            var props = feature.properties || {};
            layer.bindTooltip(el("span", null, String(props.name || "")), { sticky: true, className: "governorate-tip" });
            var point = props.label;
            if (props.kind === "governorate" && point && point.length === 2) {
              labels.addLayer(
                L.marker([point[1], point[0]], {
                  pane: "basemap-labels",
                  interactive: false,
                  keyboard: false,
                  icon: L.divIcon({ className: "governorate-label", html: "", iconSize: null }),
                }).on("add", function (event) {
                  event.target.getElement().textContent = String(props.name || "");
                })
              );
            }
          },
        }).addTo(map);
        showLabels();
      })
      .catch(function () {
        /* Governorate outlines are decoration: the map works without them. */
      });
    return function loadCountries() {
      // The countries (the largest static file) load after the first markers are
      // drawn, so the first paint stays small; the sea colour shows until then.
      if (hasTiles || state.basemapRequested) {
        return;
      }
      state.basemapRequested = true;
      fetch(config.basemap.countries)
        .then(function (response) {
          return response.json();
        })
        .then(function (data) {
          L.geoJSON(data, {
            pane: "basemap",
            renderer: renderer,
            interactive: false,
            style: function (feature) {
              var isSyria = feature.properties && feature.properties.name === "Syria";
              return {
                color: "#9c9486",
                weight: 1,
                fillColor: isSyria ? "#fbf8f1" : "#ece7dc",
                fillOpacity: 1,
              };
            },
          })
            .addTo(map)
            .bringToBack();
        })
        .catch(function () {
          setStatus(t("basemapError"), true);
        });
    };
  }

  /* ---------- popups ---------- */

  function typeLabel(type) {
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

  function uniqueNames(sources, test) {
    var seen = {};
    var names = [];
    sources.forEach(function (source) {
      if (!test(source.stance)) {
        return;
      }
      var name = source.speaker || source.publisher || "";
      if (name && !seen[name]) {
        seen[name] = true;
        names.push(name);
      }
    });
    return names;
  }

  function placeNode(place) {
    place = place || {};
    var node = el("span", null, place.name);
    if (place.name_ar) {
      node.appendChild(document.createTextNode(" · "));
      var arabic = el("span", null, place.name_ar);
      arabic.lang = "ar";
      arabic.dir = "rtl";
      node.appendChild(arabic);
    }
    if (place.precision && place.precision > 1) {
      node.appendChild(el("small", null, " (" + t("approximate") + ")"));
    }
    return node;
  }

  function buildPopup(feature) {
    var p = feature.properties || {};
    var root = el("div", "cm-popup");
    root.dir = config.dir || "ltr";
    root.setAttribute("data-event-id", String(feature.id));
    var title = el("h3", "cm-popup__title");
    title.dir = "auto";
    title.appendChild(siteLink(p.url || detailPath(feature.id), p.title, "cm-popup__link"));
    root.appendChild(title);

    var badges = el("p", "cm-popup__badges");
    var typeBadge = el("span", "badge badge--type");
    var swatch = el("span", "swatch");
    swatch.style.backgroundColor = colorFor(p.type);
    typeBadge.appendChild(swatch);
    typeBadge.appendChild(document.createTextNode(typeLabel(p.type)));
    badges.appendChild(typeBadge);
    if (p.disputed) {
      badges.appendChild(el("span", "badge badge--disputed", t("disputed")));
    }
    root.appendChild(badges);

    var facts = el("dl", "cm-popup__facts");
    function fact(label, value) {
      if (value === undefined || value === null || value === "") {
        return;
      }
      facts.appendChild(el("dt", null, label));
      var dd = el("dd");
      if (value instanceof Node) {
        dd.appendChild(value);
      } else {
        dd.textContent = String(value);
      }
      facts.appendChild(dd);
    }
    var dateText = p.date_label || p.date_start;
    if (dateText && p.date_precision && p.date_precision !== "day") {
      dateText += " (" + t("approximate") + ")";
    }
    fact(t("date"), dateText);
    if (p.place) {
      fact(t("place"), placeNode(p.place));
    }
    var actors = (p.actors || []).map(function (actor) {
      return actor.role_label ? actor.name + " (" + actor.role_label + ")" : actor.name;
    });
    fact(t("actors"), actors.join(", "));
    if (p.fatalities_best !== null && p.fatalities_best !== undefined) {
      fact(t("fatalities"), p.fatalities_best);
    }
    root.appendChild(facts);

    var sources = p.sources || [];
    if (p.disputed) {
      var dispute = el("div", "cm-popup__dispute");
      var claimed = uniqueNames(sources, function (stance) {
        return CLAIM_STANCES[stance];
      });
      var denied = uniqueNames(sources, function (stance) {
        return stance === "denies";
      });
      var claimLine = el("p", "cm-popup__claims");
      claimLine.appendChild(el("strong", null, t("reportedBy") + " "));
      claimLine.appendChild(document.createTextNode(claimed.join(", ") || "—"));
      var denyLine = el("p", "cm-popup__denials");
      denyLine.appendChild(el("strong", null, t("deniedBy") + " "));
      denyLine.appendChild(document.createTextNode(denied.join(", ") || "—"));
      dispute.appendChild(claimLine);
      dispute.appendChild(denyLine);
      root.appendChild(dispute);
    }

    if (p.sources) {
      root.appendChild(el("h4", "cm-popup__heading", t("sources", { n: sources.length })));
      var list = el("ul", "sources sources--popup");
      sources.forEach(function (source) {
        var item = el("li", "source");
        var stance = el("span", "stance stance--" + token(source.stance));
        stance.textContent = config.strings["stance_" + token(source.stance)] || source.stance_label || source.stance;
        stance.setAttribute("data-stance", token(source.stance));
        item.appendChild(stance);
        item.appendChild(document.createTextNode(" "));
        item.appendChild(el("bdi", "source__publisher", source.publisher));
        if (source.published_at) {
          item.appendChild(document.createTextNode(", " + String(source.published_at).slice(0, 10)));
        }
        if (source.title || safeHref(source.url)) {
          var titleLine = el("div", "source__title");
          titleLine.dir = "auto";
          titleLine.appendChild(externalLink(source.url, source.title || source.url));
          item.appendChild(titleLine);
        }
        if (source.speaker) {
          var speaker = el("div", "source__speaker", t("attributed") + " ");
          speaker.appendChild(bdi(source.speaker));
          item.appendChild(speaker);
        }
        if (source.quote) {
          var quote = el("blockquote", "source__quote", source.quote);
          quote.dir = "auto";
          if (source.language) {
            quote.lang = token(source.language);
          }
          item.appendChild(quote);
        }
        list.appendChild(item);
      });
      root.appendChild(list);
    } else {
      root.appendChild(el("p", "cm-popup__loading", t("loadingSources")));
    }

    var more = el("p", "cm-popup__more");
    more.appendChild(siteLink(p.url || detailPath(feature.id), t("permalink")));
    root.appendChild(more);
    return root;
  }

  function focusPopup(marker) {
    var popup = marker.getPopup();
    var node = popup && popup.getElement && popup.getElement();
    var target = node && node.querySelector(".cm-popup__link");
    if (target) {
      target.focus();
    }
  }

  function setPopup(marker, node) {
    var hadFocus = document.activeElement && marker.getPopup().getElement() &&
      marker.getPopup().getElement().contains(document.activeElement);
    marker.setPopupContent(node);
    if (hadFocus || marker.focusWanted) {
      marker.focusWanted = false;
      focusPopup(marker);
    }
  }

  function loadDetail(id, marker) {
    if (state.details[id]) {
      setPopup(marker, buildPopup(state.details[id]));
      return;
    }
    fetch(config.detailApiUrl.replace("{id}", encodeURIComponent(id)), {
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (feature) {
        state.details[id] = feature;
        if (marker.isPopupOpen()) {
          setPopup(marker, buildPopup(feature));
        }
      })
      .catch(function () {
        var node = buildPopup(marker.feature);
        var loading = node.querySelector(".cm-popup__loading");
        if (loading) {
          loading.textContent = t("sourcesFailed");
        }
        setPopup(marker, node);
      });
  }

  /* ---------- markers, halos, clusters ---------- */

  // The cluster API's events are flat ({id, lon, lat, type, color, ...}): make them
  // Features so one code path draws both.
  function featureFromClusterEvent(item) {
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

  function zoomToCluster(cluster) {
    var box = cluster.bbox;
    if (box && box.length === 4 && (box[0] !== box[2] || box[1] !== box[3])) {
      state.map.fitBounds([[box[1], box[0]], [box[3], box[2]]], { padding: [30, 30], maxZoom: 14 });
    } else {
      state.map.setView([cluster.lat, cluster.lon], Math.min(state.map.getZoom() + 3, 14));
    }
  }

  // Events at the same place would hide each other: fan them out a few pixels
  // around the true point (recomputed on zoom), so each stays clickable.
  function spreadColocated() {
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
  function drawEvents(features, clusters) {
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

  /* ---------- event list (map page): keyboard and screen reader ---------- */

  function openEvent(id, fromList) {
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

  function listButtons() {
    return Array.prototype.slice.call(document.querySelectorAll("#event-list .event-list__button"));
  }

  function bindListKeys() {
    var list = document.getElementById("event-list");
    if (!list) {
      return;
    }
    list.addEventListener("keydown", function (event) {
      var buttons = listButtons();
      var index = buttons.indexOf(document.activeElement);
      if (index < 0) {
        return;
      }
      var next = null;
      if (event.key === "ArrowDown") {
        next = buttons[Math.min(index + 1, buttons.length - 1)];
      } else if (event.key === "ArrowUp") {
        next = buttons[Math.max(index - 1, 0)];
      } else if (event.key === "Home") {
        next = buttons[0];
      } else if (event.key === "End") {
        next = buttons[buttons.length - 1];
      }
      if (next) {
        event.preventDefault();
        next.focus();
      }
    });
    // Escape in a popup closes it and returns focus to where the reader came from.
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") {
        return;
      }
      var popup = document.activeElement && document.activeElement.closest(".leaflet-popup");
      if (!popup) {
        return;
      }
      state.map.closePopup();
      var back = state.lastListButton;
      if (back && document.body.contains(back)) {
        back.focus();
      } else {
        state.map.getContainer().focus();
      }
    }, true); // capture: before Leaflet's own Escape handler removes the popup
  }

  function renderList() {
    var list = document.getElementById("event-list");
    if (!list || !state.map) {
      return;
    }
    var focusedId = document.activeElement && document.activeElement.closest &&
      document.activeElement.closest("#event-list li") &&
      document.activeElement.closest("#event-list li").getAttribute("data-event-id");
    var bounds = state.map.getBounds();
    var visible = state.features.filter(function (feature) {
      var marker = state.markers[feature.id];
      return marker && bounds.contains(marker.trueLatLng);
    });
    var count = document.getElementById("event-count");
    list.replaceChildren();
    if (state.mode === "clusters") {
      if (count) {
        count.textContent = "(" + countText(state.total) + ")";
      }
      list.appendChild(el("li", "event-list__summary", t("clustersSummary", { n: state.total, c: state.clusters.length })));
      state.clusters.slice(0, LIST_LIMIT).forEach(function (cluster) {
        var item = el("li", "event-list__item event-list__item--cluster");
        var button = el("button", "event-list__button event-list__button--cluster");
        button.type = "button";
        button.appendChild(el("span", "swatch swatch--cluster", cluster.count));
        button.appendChild(
          el("span", "event-list__title", t("clusterButton", { n: cluster.count, lat: cluster.lat.toFixed(2), lon: cluster.lon.toFixed(2) }))
        );
        button.addEventListener("click", function () {
          zoomToCluster(cluster);
        });
        item.appendChild(button);
        list.appendChild(item);
      });
    } else if (count) {
      count.textContent = "(" + t("listCount", { shown: visible.length, total: state.features.length }) + ")";
    }
    visible.slice(0, LIST_LIMIT).forEach(function (feature) {
      var p = feature.properties || {};
      var item = el("li", "event-list__item");
      item.setAttribute("data-event-id", String(feature.id));
      var button = el("button", "event-list__button");
      button.type = "button";
      var swatch = el("span", "swatch" + (p.disputed ? " swatch--ring" : ""));
      swatch.style.backgroundColor = colorFor(p.type);
      button.appendChild(swatch);
      var listTitle = el("span", "event-list__title");
      listTitle.appendChild(bdi(p.title));
      button.appendChild(listTitle);
      button.addEventListener("click", function () {
        state.lastListButton = button;
        openEvent(feature.id, true);
      });
      item.appendChild(button);
      var meta = el("div", "event-list__meta");
      meta.appendChild(document.createTextNode(p.date_label || p.date_start || ""));
      if (p.place) {
        meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(placeNode(p.place));
      }
      if (p.disputed) {
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(el("span", "badge badge--disputed", t("disputed")));
      }
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(siteLink(p.url || detailPath(feature.id), t("details"), "event-list__link"));
      item.appendChild(meta);
      list.appendChild(item);
      if (focusedId && focusedId === String(feature.id)) {
        button.focus();
      }
    });
    if (visible.length > LIST_LIMIT) {
      list.appendChild(el("li", "event-list__more", t("listMore", { n: visible.length - LIST_LIMIT })));
    }
    if (!visible.length && state.mode !== "clusters") {
      list.appendChild(el("li", "event-list__empty", state.features.length ? t("listNoneHere") : t("listNone")));
    }
  }

  /* ---------- filters, URL, citation ---------- */

  function queryString(filters, extra) {
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

  function viewParam() {
    if (!state.map) {
      return "";
    }
    var center = state.map.getCenter();
    return state.map.getZoom() + "/" + center.lat.toFixed(4) + "/" + center.lng.toFixed(4);
  }

  function currentQuery() {
    var extra = { at: config.mode === "map" && !state.firstLoad ? viewParam() : initialView.raw };
    if (config.embed) {
      if (options.timeline === false) {
        extra.timeline = "0";
      }
      if (options.lock) {
        extra.lock = "1";
      }
      if (config.focus) {
        extra.focus = config.focus;
      }
    }
    return queryString(state.filters, extra);
  }

  function syncUrl() {
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
      link.href = base + (query ? (base.indexOf("?") < 0 ? "?" : "&") + query : "");
    });
  }

  function readForm(form) {
    var filters = {};
    ["date_from", "date_to", "q", "disputed", "in_bbox", "place"].forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && field.value) {
        filters[name] = field.value;
      }
    });
    var types = Array.prototype.filter
      .call(form.querySelectorAll('input[name="type"]'), function (box) {
        return box.checked;
      })
      .map(function (box) {
        return box.value;
      });
    if (types.length) {
      filters.type = types.join(",");
    }
    var actorSelect = form.elements.namedItem("actor");
    if (actorSelect) {
      var actors = Array.prototype.map.call(actorSelect.selectedOptions, function (option) {
        return option.value;
      });
      if (actors.length) {
        filters.actor = actors.join(",");
      }
    }
    return filters;
  }

  function updateEmbedSnippet() {
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

  function updateCitation() {
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

  function applyFilters(filters, keepHistogram) {
    var histogramChanged = histogramKey(filters) !== histogramKey(state.filters);
    state.filters = filters;
    var alert = document.querySelector(".alert--error");
    if (alert) {
      alert.remove();
    }
    syncForm();
    syncUrl();
    if (histogramChanged && !keepHistogram) {
      timeline.load();
    }
    timeline.render();
    scheduleLoad(0);
  }

  // Form fields that mirror state set elsewhere (timeline window, place search).
  function syncForm() {
    var form = document.getElementById("filters");
    if (!form) {
      return;
    }
    ["date_from", "date_to", "place"].forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field) {
        field.value = state.filters[name] || "";
      }
    });
    var box = document.getElementById("place-filter");
    if (box) {
      box.hidden = !state.filters.place;
    }
  }

  function bindForm() {
    var form = document.getElementById("filters");
    if (!form) {
      return;
    }
    form.addEventListener("change", function (event) {
      if (event.target && event.target.name === "q") {
        return;
      }
      applyFilters(readForm(form));
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      applyFilters(readForm(form));
    });
    var reset = document.getElementById("filters-reset");
    if (reset) {
      reset.addEventListener("click", function (event) {
        event.preventDefault();
        form.reset();
        Array.prototype.forEach.call(form.querySelectorAll("input"), function (input) {
          if (input.type === "checkbox") {
            input.checked = false;
          } else if (input.type !== "hidden" || input.name === "place") {
            input.value = "";
          }
        });
        var hidden = form.elements.namedItem("in_bbox");
        if (hidden) {
          hidden.remove();
        }
        Array.prototype.forEach.call(form.querySelectorAll("option"), function (option) {
          option.selected = option.value === "" && option.parentNode.name === "disputed";
        });
        timeline.stop();
        applyFilters({});
      });
    }
    bindSearch(form);
  }

  /* ---------- search: places (suggestions) and events (q) ---------- */

  function bindSearch(form) {
    var input = document.getElementById("filter-q");
    var box = document.getElementById("place-suggestions");
    if (!input || !box) {
      return;
    }
    var timer = null;
    var controller = null;
    function hide() {
      box.hidden = true;
      box.replaceChildren();
    }
    function choose(place) {
      hide();
      input.value = "";
      var label = document.getElementById("place-filter-label");
      if (label) {
        label.textContent = t("placeFilter", { name: place.name_ar ? place.name + " · " + place.name_ar : place.name });
      }
      var filters = Object.assign({}, readForm(form));
      delete filters.q;
      filters.place = String(place.id);
      if (place.lat !== null && place.lon !== null) {
        state.map.setView([place.lat, place.lon], Math.max(state.map.getZoom(), 9));
      }
      applyFilters(filters);
      input.focus();
    }
    function suggest() {
      var q = input.value.trim();
      if (controller) {
        controller.abort();
      }
      if (q.length < 2) {
        hide();
        return;
      }
      controller = new AbortController();
      fetch(config.placesUrl + "?" + new URLSearchParams({ q: q }).toString(), {
        headers: { Accept: "application/json" },
        signal: controller.signal,
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (body) {
          box.replaceChildren();
          var results = body.results || [];
          if (!results.length) {
            box.appendChild(el("li", "place-suggestions__empty", t("noPlaces")));
          }
          results.forEach(function (place) {
            var item = el("li");
            var button = el("button", "place-suggestions__button");
            button.type = "button";
            button.appendChild(el("span", "place-suggestions__name", place.name));
            if (place.name_ar) {
              var arabic = el("span", "place-suggestions__ar", place.name_ar);
              arabic.lang = "ar";
              arabic.dir = "rtl";
              button.appendChild(arabic);
            }
            button.appendChild(el("small", null, [place.admin1, t("placeEvents", { n: place.event_count })].filter(Boolean).join(" · ")));
            button.addEventListener("click", function () {
              choose(place);
            });
            item.appendChild(button);
            box.appendChild(item);
          });
          box.hidden = false;
        })
        .catch(function () {
          /* aborted or offline: suggestions are optional */
        });
    }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(suggest, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && !box.hidden) {
        var first = box.querySelector("button");
        if (first) {
          event.preventDefault();
          first.focus();
        }
      } else if (event.key === "Escape") {
        hide();
      }
    });
    box.addEventListener("keydown", function (event) {
      var buttons = Array.prototype.slice.call(box.querySelectorAll("button"));
      var index = buttons.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && index < buttons.length - 1) {
        event.preventDefault();
        buttons[index + 1].focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        (index > 0 ? buttons[index - 1] : input).focus();
      } else if (event.key === "Escape") {
        hide();
        input.focus();
      }
    });
    var remove = document.getElementById("place-filter-remove");
    if (remove) {
      remove.addEventListener("click", function () {
        var filters = Object.assign({}, state.filters);
        delete filters.place;
        applyFilters(filters);
        input.focus();
      });
    }
  }

  /* ---------- loading: clusters at low zoom, events at high zoom ---------- */

  function errorText(body) {
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

  function clamp(value, low, high) {
    return Math.max(low, Math.min(high, value));
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
  function alreadyLoaded() {
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

  function scheduleLoad(delay) {
    window.clearTimeout(state.loadTimer);
    state.loadTimer = window.setTimeout(loadEvents, delay === undefined ? DEBOUNCE_MS : delay);
  }

  function getJson(url, signal) {
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

  function loadEvents() {
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
        renderList();
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
      renderList();
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
        timeline.load();
      }
    }
  }

  function fitToData() {
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

  /* ---------- timeline: histogram, window, playback ---------- */

  function histogramKey(filters) {
    var copy = Object.assign({}, filters);
    delete copy.date_from;
    delete copy.date_to;
    return queryString(copy);
  }

  var timeline = (function () {
    var root = document.getElementById("timeline");
    var data = null;
    var playing = null;
    var range = null; // [firstDay, lastDay + 1)
    var noop = { load: function () {}, render: function () {}, stop: function () {}, bind: function () {} };
    if (!root || options.timeline === false) {
      return noop;
    }
    var track = document.getElementById("timeline-track");
    var chart = document.getElementById("timeline-chart");
    var windowNode = document.getElementById("timeline-window");
    var startHandle = document.getElementById("timeline-start");
    var endHandle = document.getElementById("timeline-end");
    var body = document.getElementById("timeline-body");
    var label = document.getElementById("timeline-label");
    var playButton = document.getElementById("timeline-play");
    var speed = document.getElementById("timeline-speed");
    var axis = document.getElementById("timeline-axis");

    function step() {
      return { day: 1, week: 7, month: 30, year: 365 }[data && data.bucket] || 1;
    }

    function windowDays() {
      var from = toDay(state.filters.date_from);
      var to = toDay(state.filters.date_to);
      return {
        from: from === null ? range[0] : from,
        to: to === null ? range[1] - 1 : to,
        isSet: from !== null || to !== null,
      };
    }

    function x(day) {
      return ((day - range[0]) / (range[1] - range[0])) * 100;
    }

    function load() {
      var query = histogramKey(state.filters);
      getJson(config.histogramUrl + (query ? "?" + query : ""))
        .then(function (result) {
          if (!result.ok) {
            throw new Error("HTTP " + result.status);
          }
          data = result.body;
          if (!data.date_min) {
            root.hidden = true;
            range = null;
            return;
          }
          var first = toDay(data.buckets.length ? data.buckets[0].start : data.date_min);
          var last = bucketEnd(toDay(data.buckets.length ? data.buckets[data.buckets.length - 1].start : data.date_max), data.bucket);
          range = [first, Math.max(last, toDay(data.date_max) + 1)];
          root.hidden = false;
          drawChart();
          render();
          root.setAttribute("data-ready", "true");
        })
        .catch(function () {
          root.hidden = false;
          label.textContent = t("histogramError");
        });
    }

    function drawChart() {
      chart.replaceChildren();
      var width = 1000;
      var height = 60;
      chart.setAttribute("viewBox", "0 0 " + width + " " + height);
      var max = 1;
      data.buckets.forEach(function (bucket) {
        max = Math.max(max, bucket.count);
      });
      var title = svg("title");
      title.textContent = t("histogramLabel", { bucket: t("bucket_" + data.bucket), total: data.total });
      chart.appendChild(title);
      data.buckets.forEach(function (bucket) {
        var start = toDay(bucket.start);
        var left = (x(start) / 100) * width;
        var right = (x(bucketEnd(start, data.bucket)) / 100) * width;
        var barHeight = Math.max(2, (bucket.count / max) * (height - 16));
        chart.appendChild(
          svg("rect", {
            class: "timeline__bar",
            x: left.toFixed(2),
            y: (height - 14 - barHeight).toFixed(2),
            width: Math.max(1, right - left - 1).toFixed(2),
            height: barHeight.toFixed(2),
            "data-start": bucket.start,
            "data-count": bucket.count,
          })
        );
      });
      // Approximate dates and ranges: thin spans under the bars, stacked in rows.
      var rows = [];
      (data.spans || []).forEach(function (span) {
        var start = toDay(span.start);
        var end = toDay(span.end) + 1;
        var row = 0;
        while (rows[row] !== undefined && rows[row] > start) {
          row += 1;
        }
        if (row > 3) {
          return;
        }
        rows[row] = end;
        var node = svg("rect", {
          class: "timeline__span",
          x: ((x(start) / 100) * width).toFixed(2),
          y: height - 12 + row * 3,
          width: Math.max(2, ((x(end) - x(start)) / 100) * width).toFixed(2),
          height: 2,
          "data-event-id": span.id,
        });
        var tip = svg("title");
        tip.textContent = isolate(span.title) + " (" + span.start + " – " + span.end + ")";
        node.appendChild(tip);
        chart.appendChild(node);
      });
      axis.replaceChildren();
      axis.appendChild(el("span", null, fromDay(range[0])));
      axis.appendChild(el("span", null, fromDay(range[1] - 1)));
    }

    function render() {
      if (!range) {
        return;
      }
      var w = windowDays();
      windowNode.style.left = x(w.from) + "%";
      windowNode.style.width = Math.max(0.5, x(w.to + 1) - x(w.from)) + "%";
      windowNode.classList.toggle("timeline__window--all", !w.isSet);
      var text = w.isSet ? fromDay(w.from) + " – " + fromDay(w.to) : t("allDates");
      label.textContent = text;
      [
        [startHandle, w.from, fromDay(w.from)],
        [endHandle, w.to, fromDay(w.to)],
        [body, w.from, text],
      ].forEach(function (item) {
        item[0].setAttribute("aria-valuemin", String(range[0]));
        item[0].setAttribute("aria-valuemax", String(range[1] - 1));
        item[0].setAttribute("aria-valuenow", String(item[1]));
        item[0].setAttribute("aria-valuetext", item[2]);
      });
      root.setAttribute("data-window", w.isSet ? fromDay(w.from) + "/" + fromDay(w.to) : "");
    }

    function setWindow(from, to) {
      from = clamp(from, range[0], range[1] - 1);
      to = clamp(to, from, range[1] - 1);
      var filters = Object.assign({}, state.filters, { date_from: fromDay(from), date_to: fromDay(to) });
      applyFilters(filters, true);
    }

    function dayAt(clientX) {
      var rect = track.getBoundingClientRect();
      var ratio = clamp((clientX - rect.left) / rect.width, 0, 1);
      return Math.round(range[0] + ratio * (range[1] - 1 - range[0]));
    }

    function drag(kind, event) {
      if (!range) {
        return;
      }
      event.preventDefault();
      stop();
      var start = windowDays();
      var origin = dayAt(event.clientX);
      var pending = null;
      function move(moveEvent) {
        var day = dayAt(moveEvent.clientX);
        if (kind === "start") {
          pending = [Math.min(day, start.to), start.to];
        } else if (kind === "end") {
          pending = [start.from, Math.max(day, start.from)];
        } else if (kind === "body" && start.isSet) {
          var shift = clamp(day - origin, range[0] - start.from, range[1] - 1 - start.to);
          pending = [start.from + shift, start.to + shift];
        } else {
          pending = [Math.min(origin, day), Math.max(origin, day)];
        }
        // Draw at once; the data request waits for the debounce.
        state.filters = Object.assign({}, state.filters, { date_from: fromDay(pending[0]), date_to: fromDay(pending[1]) });
        render();
      }
      function up() {
        window.removeEventListener("pointermove", move);
        window.removeEventListener("pointerup", up);
        if (pending) {
          setWindow(pending[0], pending[1]);
        }
      }
      window.addEventListener("pointermove", move);
      window.addEventListener("pointerup", up);
    }

    function keys(kind, event) {
      if (!range) {
        return;
      }
      var w = windowDays();
      var delta = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageDown: -step(), PageUp: step() }[event.key];
      if (event.key === "Home" || event.key === "End") {
        event.preventDefault();
        var width = w.to - w.from;
        if (event.key === "Home") {
          setWindow(range[0], kind === "start" ? w.to : range[0] + (kind === "end" ? 0 : width));
        } else {
          setWindow(kind === "end" ? w.from : range[1] - 1 - (kind === "start" ? 0 : width), range[1] - 1);
        }
        return;
      }
      if (!delta) {
        return;
      }
      event.preventDefault();
      if (event.shiftKey) {
        delta *= step();
      }
      if (kind === "start") {
        setWindow(Math.min(w.from + delta, w.to), w.to);
      } else if (kind === "end") {
        setWindow(w.from, Math.max(w.to + delta, w.from));
      } else {
        var shift = clamp(delta, range[0] - w.from, range[1] - 1 - w.to);
        setWindow(w.from + shift, w.to + shift);
      }
    }

    function tick() {
      var w = windowDays();
      if (w.to >= range[1] - 1) {
        stop();
        return;
      }
      var by = step();
      var shift = Math.min(by, range[1] - 1 - w.to);
      setWindow(w.from + shift, w.to + shift);
    }

    function play() {
      if (!range) {
        return;
      }
      var w = windowDays();
      if (!w.isSet || w.to >= range[1] - 1) {
        // Start at the beginning with a window of about a tenth of the extent.
        var width = Math.max(step(), Math.round((range[1] - range[0]) / 10)) - 1;
        setWindow(range[0], range[0] + width);
      }
      playButton.textContent = t("pause");
      playButton.setAttribute("aria-pressed", "true");
      root.classList.add("timeline--playing");
      var interval = 1200 / Number(speed.value || 1);
      playing = window.setInterval(tick, interval);
    }

    function stop() {
      if (playing) {
        window.clearInterval(playing);
        playing = null;
      }
      playButton.textContent = t("play");
      playButton.setAttribute("aria-pressed", "false");
      root.classList.remove("timeline--playing");
    }

    function bind() {
      startHandle.addEventListener("pointerdown", function (event) {
        event.stopPropagation();
        drag("start", event);
      });
      endHandle.addEventListener("pointerdown", function (event) {
        event.stopPropagation();
        drag("end", event);
      });
      body.addEventListener("pointerdown", function (event) {
        event.stopPropagation();
        drag("body", event);
      });
      track.addEventListener("pointerdown", function (event) {
        drag("new", event);
      });
      startHandle.addEventListener("keydown", function (event) {
        keys("start", event);
      });
      endHandle.addEventListener("keydown", function (event) {
        keys("end", event);
      });
      body.addEventListener("keydown", function (event) {
        keys("body", event);
      });
      playButton.addEventListener("click", function () {
        if (playing) {
          stop();
        } else {
          play();
        }
      });
      speed.addEventListener("change", function () {
        if (playing) {
          stop();
          play();
        }
      });
      document.getElementById("timeline-clear").addEventListener("click", function () {
        stop();
        var filters = Object.assign({}, state.filters);
        delete filters.date_from;
        delete filters.date_to;
        applyFilters(filters, true);
      });
    }

    return { load: load, render: render, stop: stop, bind: bind };
  })();

  /* ---------- entry points ---------- */

  // ?at=zoom/lat/lon: the map view of a shared link.
  var initialView = (function () {
    var raw = new URLSearchParams(window.location.search).get("at") || "";
    var parts = raw.split("/").map(Number);
    if (parts.length === 3 && parts.every(isFinite) && Math.abs(parts[1]) <= 90 && Math.abs(parts[2]) <= 180) {
      return { raw: raw, zoom: clamp(Math.round(parts[0]), 2, 16), center: [parts[1], parts[2]] };
    }
    return { raw: "", zoom: null, center: null };
  })();

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

  function startDetail(map) {
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

  function lockView(map) {
    ["dragging", "touchZoom", "doubleClickZoom", "scrollWheelZoom", "boxZoom", "keyboard"].forEach(function (name) {
      if (map[name]) {
        map[name].disable();
      }
    });
    if (map.zoomControl) {
      map.removeControl(map.zoomControl);
    }
    map.getContainer().classList.add("is-locked");
  }

  var loadCountries = function () {};

  function start(map) {
    state.map = map;
    loadCountries = addBasemap(map);
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
      renderList();
      if (!state.firstLoad && !state.fitting) {
        syncUrl();
        if (!alreadyLoaded()) {
          scheduleLoad();
        }
      }
    });
    bindForm();
    bindListKeys();
    timeline.bind();
    updateEmbedSnippet();
    updateCitation();
    var errors = config.errors || {};
    if (Object.keys(errors).length) {
      setStatus(t("invalid") + " " + errorText(errors), true);
      setMapState("error");
      renderList();
      loadCountries();
      return;
    }
    loadEvents(); // the timeline's histogram loads after the first markers are drawn
  }

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
})();
