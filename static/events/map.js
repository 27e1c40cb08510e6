/* ConflictMap map module: the map page, the embed page and event pages share it.
 *
 * Configuration comes from the json_script element #map-config (events/views.py).
 * Every string from the API is untrusted: DOM nodes are filled with textContent,
 * never innerHTML, and only http(s) URLs become links.
 */
(function () {
  "use strict";

  var configNode = document.getElementById("map-config");
  if (!configNode) {
    return;
  }
  var config = JSON.parse(configNode.textContent);
  var FILTER_KEYS = ["date_from", "date_to", "type", "actor", "disputed", "q", "in_bbox"];
  var CLAIM_STANCES = { reports: true, claims: true, confirms: true };
  var LIST_LIMIT = 200;

  var state = {
    map: null,
    filters: Object.assign({}, config.filters || {}),
    features: [],
    markers: {},
    eventsLayer: null,
    details: {},
    request: null,
    firstLoad: true,
  };

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

  /* ---------- colours and legend ---------- */

  var legendColors = {};
  (config.legend || []).forEach(function (top) {
    legendColors[top.slug] = top.color;
    (top.children || []).forEach(function (child) {
      legendColors[child.slug] = top.color;
    });
  });

  function colorFor(type) {
    type = type || {};
    var color = legendColors[type.parent_slug] || legendColors[type.slug] || type.color;
    return /^#[0-9a-fA-F]{6}$/.test(color || "") ? color : "#555555";
  }

  function embedLegendControl() {
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var box = el("details", "embed-legend");
      box.open = window.innerWidth > 480;
      box.appendChild(el("summary", null, "Legend"));
      var list = el("ul", "embed-legend__list");
      (config.legend || []).forEach(function (top) {
        var item = el("li");
        var swatch = el("span", "swatch");
        swatch.style.backgroundColor = top.color;
        item.appendChild(swatch);
        item.appendChild(document.createTextNode(top.name));
        list.appendChild(item);
      });
      var disputed = el("li");
      disputed.appendChild(el("span", "swatch swatch--disputed"));
      disputed.appendChild(document.createTextNode("Disputed"));
      list.appendChild(disputed);
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
          }).addTo(map).bringToBack();
        })
        .catch(function () {
          setStatus("The basemap could not be loaded; events are still shown.", true);
        });
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
          style: {
            color: "#8a7d66",
            weight: 1,
            dashArray: "3 3",
            fill: true,
            fillOpacity: 0,
          },
          onEachFeature: function (feature, layer) {
            var props = feature.properties || {};
            layer.bindTooltip(String(props.name || ""), { sticky: true, className: "governorate-tip" });
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
  }

  /* ---------- popups ---------- */

  function typeLabel(type) {
    type = type || {};
    return type.parent_name ? type.parent_name + " › " + type.name : type.name || "";
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

  function buildPopup(feature) {
    var p = feature.properties || {};
    var root = el("div", "cm-popup");
    var title = el("h3", "cm-popup__title");
    title.appendChild(siteLink(p.url || config.detailUrl.replace("{id}", feature.id), p.title));
    root.appendChild(title);

    var badges = el("p", "cm-popup__badges");
    var typeBadge = el("span", "badge badge--type");
    var swatch = el("span", "swatch");
    swatch.style.backgroundColor = colorFor(p.type);
    typeBadge.appendChild(swatch);
    typeBadge.appendChild(document.createTextNode(typeLabel(p.type)));
    badges.appendChild(typeBadge);
    if (p.disputed) {
      badges.appendChild(el("span", "badge badge--disputed", "Disputed"));
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
    fact("Date", p.date_label || p.date_start);
    var place = p.place || {};
    var placeNode = el("span", null, place.name);
    if (place.name_ar) {
      placeNode.appendChild(document.createTextNode(" "));
      var arabic = el("span", null, place.name_ar);
      arabic.lang = "ar";
      arabic.dir = "rtl";
      placeNode.appendChild(arabic);
    }
    if (place.precision && place.precision > 1) {
      placeNode.appendChild(el("small", null, " (approximate)"));
    }
    fact("Place", placeNode);
    var actors = (p.actors || []).map(function (actor) {
      return actor.role_label ? actor.name + " (" + actor.role_label + ")" : actor.name;
    });
    fact("Actors", actors.join(", "));
    if (p.fatalities_best !== null && p.fatalities_best !== undefined) {
      fact("Fatalities", p.fatalities_best);
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
      claimLine.appendChild(el("strong", null, "Reported or claimed by: "));
      claimLine.appendChild(document.createTextNode(claimed.join(", ") || "—"));
      var denyLine = el("p", "cm-popup__denials");
      denyLine.appendChild(el("strong", null, "Denied by: "));
      denyLine.appendChild(document.createTextNode(denied.join(", ") || "—"));
      dispute.appendChild(claimLine);
      dispute.appendChild(denyLine);
      root.appendChild(dispute);
    }

    if (p.sources) {
      root.appendChild(el("h4", "cm-popup__heading", "Sources (" + sources.length + ")"));
      var list = el("ul", "sources sources--popup");
      sources.forEach(function (source) {
        var item = el("li", "source");
        item.appendChild(el("span", "stance stance--" + token(source.stance), source.stance_label || source.stance));
        item.appendChild(document.createTextNode(" "));
        item.appendChild(el("span", "source__publisher", source.publisher));
        if (source.published_at) {
          item.appendChild(document.createTextNode(", " + String(source.published_at).slice(0, 10)));
        }
        if (source.title || safeHref(source.url)) {
          var titleLine = el("div", "source__title");
          titleLine.appendChild(externalLink(source.url, source.title || source.url));
          item.appendChild(titleLine);
        }
        if (source.speaker) {
          item.appendChild(el("div", "source__speaker", "Attributed to: " + source.speaker));
        }
        if (source.quote) {
          var quote = el("blockquote", "source__quote", source.quote);
          if (source.language) {
            quote.lang = token(source.language);
          }
          item.appendChild(quote);
        }
        list.appendChild(item);
      });
      root.appendChild(list);
    } else {
      root.appendChild(el("p", "cm-popup__loading", "Loading sources…"));
    }

    var more = el("p", "cm-popup__more");
    more.appendChild(siteLink(p.url || config.detailUrl.replace("{id}", feature.id), "Details and permalink →"));
    root.appendChild(more);
    return root;
  }

  function loadDetail(id, marker) {
    if (state.details[id]) {
      marker.setPopupContent(buildPopup(state.details[id]));
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
        marker.setPopupContent(buildPopup(feature));
      })
      .catch(function () {
        var node = buildPopup(marker.feature);
        var loading = node.querySelector(".cm-popup__loading");
        if (loading) {
          loading.textContent = "The sources could not be loaded. Open the event page instead.";
        }
        marker.setPopupContent(node);
      });
  }

  /* ---------- markers ---------- */

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
    marker.bindTooltip(String(p.title || "") + (p.date_label ? " · " + p.date_label : ""), {
      direction: "top",
      offset: [0, -6],
    });
    marker.bindPopup(buildPopup(feature), { maxWidth: 360, minWidth: 260, autoPanPadding: [20, 20] });
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

  function drawEvents(features) {
    state.eventsLayer.clearLayers();
    state.markers = {};
    features.forEach(function (feature) {
      var marker = markerFor(feature);
      if (marker) {
        state.markers[feature.id] = marker;
        state.eventsLayer.addLayer(marker);
      }
    });
    spreadColocated();
    // Disputed events on top: they are the ones readers most need to open.
    Object.keys(state.markers).forEach(function (id) {
      if (state.markers[id].feature.properties.disputed) {
        state.markers[id].bringToFront();
      }
    });
  }

  /* ---------- event list (map page) ---------- */

  function openEvent(id) {
    var marker = state.markers[id];
    if (!marker) {
      return;
    }
    var zoom = Math.max(state.map.getZoom(), 8);
    state.map.setView(marker.trueLatLng, zoom);
    spreadColocated();
    marker.openPopup();
  }

  function renderList() {
    var list = document.getElementById("event-list");
    if (!list || !state.map) {
      return;
    }
    var bounds = state.map.getBounds();
    var visible = state.features.filter(function (feature) {
      var marker = state.markers[feature.id];
      return marker && bounds.contains(marker.trueLatLng);
    });
    var count = document.getElementById("event-count");
    if (count) {
      count.textContent = "(" + visible.length + " of " + state.features.length + ")";
    }
    list.replaceChildren();
    visible.slice(0, LIST_LIMIT).forEach(function (feature) {
      var p = feature.properties || {};
      var item = el("li", "event-list__item");
      item.setAttribute("data-event-id", String(feature.id));
      var button = el("button", "event-list__button");
      button.type = "button";
      var swatch = el("span", "swatch" + (p.disputed ? " swatch--ring" : ""));
      swatch.style.backgroundColor = colorFor(p.type);
      button.appendChild(swatch);
      button.appendChild(el("span", "event-list__title", p.title));
      button.addEventListener("click", function () {
        openEvent(feature.id);
      });
      item.appendChild(button);
      var meta = el("div", "event-list__meta");
      meta.appendChild(document.createTextNode([p.date_label, (p.place || {}).name].filter(Boolean).join(" · ")));
      if (p.disputed) {
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(el("span", "badge badge--disputed", "Disputed"));
      }
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(siteLink(p.url || config.detailUrl.replace("{id}", feature.id), "Details", "event-list__link"));
      item.appendChild(meta);
      list.appendChild(item);
    });
    if (visible.length > LIST_LIMIT) {
      list.appendChild(el("li", "event-list__more", "…and " + (visible.length - LIST_LIMIT) + " more: zoom in or filter."));
    }
    if (!visible.length) {
      list.appendChild(el("li", "event-list__empty", state.features.length ? "No events in this part of the map." : "No events."));
    }
  }

  /* ---------- filters and URL ---------- */

  function queryString(filters) {
    var params = new URLSearchParams();
    FILTER_KEYS.forEach(function (key) {
      var value = filters[key];
      if (value !== undefined && value !== null && String(value).trim() !== "") {
        params.set(key, String(value).trim());
      }
    });
    return params.toString();
  }

  function readForm(form) {
    var filters = {};
    ["date_from", "date_to", "q", "disputed", "in_bbox"].forEach(function (name) {
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
    var query = queryString(state.filters);
    var src = config.siteUrl + config.embedUrl + (query ? "?" + query : "");
    snippet.value =
      '<iframe src="' +
      src.replace(/&/g, "&amp;").replace(/"/g, "&quot;") +
      '" width="800" height="600" style="border:0;max-width:100%" loading="lazy" title="ConflictMap"></iframe>';
  }

  function applyFilters(filters) {
    state.filters = filters;
    var query = queryString(filters);
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", url);
    var alert = document.querySelector(".alert--error");
    if (alert) {
      alert.remove();
    }
    updateEmbedSnippet();
    loadEvents();
  }

  function bindForm() {
    var form = document.getElementById("filters");
    if (!form) {
      return;
    }
    var timer = null;
    form.addEventListener("change", function (event) {
      if (event.target && event.target.name === "q") {
        return;
      }
      applyFilters(readForm(form));
    });
    form.addEventListener("input", function (event) {
      if (event.target && event.target.name === "q") {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          applyFilters(readForm(form));
        }, 350);
      }
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
          } else if (input.type !== "hidden") {
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
        applyFilters({});
      });
    }
  }

  /* ---------- loading events ---------- */

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

  function loadEvents() {
    if (state.request) {
      state.request.abort();
    }
    var controller = new AbortController();
    state.request = controller;
    var query = queryString(state.filters);
    setMapState("loading");
    setStatus("Loading events…");
    fetch(config.apiUrl + (query ? "?" + query : ""), {
      headers: { Accept: "application/json" },
      signal: controller.signal,
    })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (body) {
            return { ok: response.ok, status: response.status, body: body };
          });
      })
      .then(function (result) {
        if (controller !== state.request) {
          return;
        }
        state.request = null;
        if (!result.ok) {
          state.features = [];
          drawEvents([]);
          renderList();
          setStatus(
            result.status === 400
              ? "Invalid filters, no events shown. " + errorText(result.body)
              : "Events could not be loaded (HTTP " + result.status + "). Try again shortly.",
            true
          );
          setMapState("error");
          return;
        }
        state.features = result.body.features || [];
        drawEvents(state.features);
        var count = state.features.length;
        var text = count === 1 ? "1 event" : count + " events";
        if (!count) {
          text = "No events match these filters.";
        } else if (result.body.truncated) {
          text += " (only the first " + count + " are shown: narrow the filters)";
        }
        setStatus(text);
        if (state.firstLoad && count) {
          var bounds = L.latLngBounds(
            Object.keys(state.markers).map(function (id) {
              return state.markers[id].trueLatLng;
            })
          );
          state.map.fitBounds(bounds, { padding: [40, 40], maxZoom: 9, animate: false });
          spreadColocated();
        }
        if (state.firstLoad && config.focus && state.markers[config.focus]) {
          openEvent(config.focus);
        }
        state.firstLoad = false;
        renderList();
        setMapState("ready");
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") {
          return;
        }
        setStatus("Events could not be loaded. Check the connection and reload.", true);
        setMapState("error");
      });
  }

  /* ---------- entry points ---------- */

  function startDetail(map) {
    var point = config.point || {};
    if (point.lat === null || point.lat === undefined) {
      return;
    }
    var marker = L.circleMarker([point.lat, point.lon], {
      radius: point.disputed ? 9 : 8,
      color: point.disputed ? "#1b1b1b" : "#ffffff",
      weight: point.disputed ? 3 : 2,
      dashArray: point.disputed ? "4 3" : null,
      fillColor: point.color,
      fillOpacity: 0.9,
      className: "cm-marker" + (point.disputed ? " cm-marker--disputed" : ""),
    }).addTo(map);
    marker.bindTooltip(String(point.title || ""));
    map.setView([point.lat, point.lon], 8);
    setMapState("ready");
  }

  function start(map) {
    state.map = map;
    addBasemap(map);
    if (config.mode === "detail") {
      startDetail(map);
      return;
    }
    state.eventsLayer = L.featureGroup().addTo(map);
    if (config.embed) {
      embedLegendControl().addTo(map);
    }
    map.on("zoomend", spreadColocated);
    map.on("moveend", renderList);
    bindForm();
    updateEmbedSnippet();
    var errors = config.errors || {};
    if (Object.keys(errors).length) {
      setStatus("Invalid filters, no events shown. " + errorText(errors), true);
      setMapState("error");
      renderList();
      return;
    }
    loadEvents();
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
