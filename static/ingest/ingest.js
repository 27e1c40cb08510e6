// The ingest page's place map: the article's places, the names left without a point
// with their gazetteer candidates, a gazetteer search, and a click on the map. A choice
// fills the proposals' hidden place fields; the server takes a gazetteer row's point
// from its own gazetteer and makes a clicked point a hand-fixed place on confirm.
// Every string shown is article text or gazetteer data: set with textContent only.
import { el, field, value, setValue, forms, numberOf, fixed } from "./fields.js";

(function () {
  "use strict";

  var FIELDS = ["place_id", "place_name", "place_admin1", "place_feature_type",
    "hint_lat", "hint_lon", "place_choice", "place_ref", "place_lat", "place_lon",
    "place_precision"];
  var data = null;
  var map = null;
  var mapNode = null;
  var target = null;
  var original = {};  // the fields as proposed, per form: "Undo" restores them
  var layers = {};

  // Great-circle km from the article's places (null when the article located none).
  function kmFromArticle(lat, lon) {
    if (!data || !data.near || isNaN(lat) || isNaN(lon)) return null;
    var rad = Math.PI / 180;
    var dLat = (lat - data.near[0]) * rad;
    var dLon = (lon - data.near[1]) * rad;
    var h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(data.near[0] * rad) *
      Math.cos(lat * rad) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * 6371 * Math.asin(Math.sqrt(h));
  }

  function farNote(lat, lon) {
    var km = kmFromArticle(parseFloat(lat), parseFloat(lon));
    return km !== null && km > 50
      ? " Check it: " + Math.round(km) + " km from the article's other places."
      : "";
  }

  // What a form's hidden fields say was chosen, in words.
  function describe(form) {
    var chosen = value(form, "place_choice");
    var admin1 = value(form, "place_admin1");
    var name = value(form, "place_name") + (admin1 ? " (" + admin1 + ")" : "");
    if (chosen === "gazetteer") {
      return "Chosen: " + name + " — gazetteer " + value(form, "place_ref") + ", at " +
        fixed(value(form, "hint_lat")) + ", " + fixed(value(form, "hint_lon")) + "." +
        farNote(value(form, "hint_lat"), value(form, "hint_lon"));
    }
    if (chosen === "point") {
      // A point clicked on the map, or the point proposed for a name the article
      // places near another place (ingest/anchored.py): the same fields either way.
      return "Chosen: " + name + " — the point " +
        fixed(value(form, "place_lat")) + ", " + fixed(value(form, "place_lon")) +
        ", precision " + (value(form, "place_precision") || "2") +
        " (clicked on the map, or proposed where the article places it). " +
        "It becomes a place fixed by hand." +
        farNote(value(form, "place_lat"), value(form, "place_lon"));
    }
    return "";
  }

  function showChoice(form) {
    var box = document.querySelector('.ingest-place-choice[data-form="' + CSS.escape(form) + '"]');
    if (!box) return;
    box.textContent = "";
    var text = describe(form);
    if (!text) return;
    box.appendChild(el("span", "ingest-chosen", text));
    var undo = el("button", "ingest-undo", "Undo");
    undo.type = "button";
    undo.addEventListener("click", function () { restore(form); });
    box.appendChild(document.createTextNode(" "));
    box.appendChild(undo);
  }

  function restore(form) {
    FIELDS.forEach(function (name) { setValue(form, name, (original[form] || {})[name]); });
    showChoice(form);
    drawChosen();
    updateNames();
  }

  function updateNames() {
    if (!data) return;
    data.names.forEach(function (name, index) {
      var box = document.querySelector('.ingest-name-choice[data-name="' + index + '"]');
      if (!box) return;
      var said = name.forms.map(function (f) { return describe(f.form); }).filter(Boolean);
      box.textContent = said.length ? said[0] : "";
      box.closest(".ingest-name").classList.toggle("is-chosen", said.length > 0);
    });
  }

  // Targets: an unresolved name (every proposal placed there) or one proposal.
  function targetName(index) {
    var name = data && data.names[index];
    if (!name) return;
    target = {
      kind: "name", index: index, text: name.text,
      forms: name.forms.map(function (f) { return f.form; }),
    };
    showTarget();
  }

  function targetForm(form) {
    var name = null;
    if (data) {
      data.names.forEach(function (item, index) {
        if (item.forms.some(function (f) { return f.form === form; })) name = index;
      });
    }
    target = { kind: "form", form: form, index: name, text: value(form, "place_name"), forms: [form] };
    showTarget();
    if (mapNode) mapNode.scrollIntoView({ block: "center" });
  }

  function showTarget() {
    var line = document.getElementById("ingest-target");
    document.querySelectorAll(".ingest-name").forEach(function (node) {
      node.classList.toggle("is-target", target !== null && target.kind === "name" &&
        node.getAttribute("data-name") === String(target.index));
    });
    if (line && target) {
      var who = target.forms.length
        ? target.forms.map(function (f) { return "#" + numberOf(f); }).join(", ")
        : "no proposal";
      line.textContent = "Choosing for: “" + (target.text || "(no name)") + "” — proposal(s) " + who + ".";
    }
    drawCandidates();
  }

  function choose(choice) {
    if (!target) {
      setStatus("Pick a name or a proposal's “Place it on the map” first.");
      return;
    }
    if (!target.forms.length) {
      setStatus("No proposal is placed at “" + target.text + "”: use a proposal's “Place it on the map”.");
      return;
    }
    target.forms.forEach(function (form) {
      setValue(form, "place_id", "");
      if (choice.kind === "gazetteer") {
        var entry = choice.entry;
        setValue(form, "place_choice", "gazetteer");
        setValue(form, "place_ref", entry.ref);
        setValue(form, "place_name", entry.name);
        setValue(form, "place_admin1", entry.admin1);
        setValue(form, "place_feature_type", entry.feature_type);
        setValue(form, "hint_lat", entry.lat);
        setValue(form, "hint_lon", entry.lon);
        setValue(form, "place_lat", "");
        setValue(form, "place_lon", "");
        setValue(form, "place_precision", "");
      } else {
        setValue(form, "place_choice", "point");
        setValue(form, "place_ref", "");
        if (!value(form, "place_name")) setValue(form, "place_name", target.text);
        setValue(form, "place_lat", choice.lat);
        setValue(form, "place_lon", choice.lon);
        setValue(form, "place_precision", choice.precision);
        setValue(form, "hint_lat", choice.lat);
        setValue(form, "hint_lon", choice.lon);
      }
      showChoice(form);
    });
    drawChosen();
    updateNames();
  }

  function setStatus(text) {
    var line = document.getElementById("ingest-search-status");
    if (line) line.textContent = text;
  }

  // Map layers ----------------------------------------------------------------------

  function marker(lat, lon, style, label) {
    var layer = L.circleMarker([lat, lon], style);
    layer.bindTooltip(el("span", null, label));
    return layer;
  }

  function candidateLabel(entry, number) {
    return (number ? number + ". " : "") + entry.name +
      (entry.admin1 ? " (" + entry.admin1 + ")" : "") + " · " + entry.feature_type +
      (entry.score !== null && entry.score !== undefined ? " · score " + entry.score : "") +
      (typeof entry.km === "number" ? " · " + entry.km + " km from the article's places" : "");
  }

  function drawCandidates() {
    if (!map) return;
    layers.candidates.clearLayers();
    var name = data && target && target.index !== null ? data.names[target.index] : null;
    if (!name) return;
    name.candidates.forEach(function (entry, i) {
      marker(entry.lat, entry.lon,
        { radius: 8, color: "#b45309", weight: 2, fillOpacity: 0.4, className: "ingest-candidate-marker" },
        candidateLabel(entry, i + 1))
        .on("click", function (event) {
          L.DomEvent.stopPropagation(event);
          choose({ kind: "gazetteer", entry: entry });
        })
        .addTo(layers.candidates);
    });
  }

  function drawChosen() {
    if (!map) return;
    layers.chosen.clearLayers();
    forms().forEach(function (form) {
      var chosen = value(form, "place_choice");
      if (!chosen) return;
      var lat = parseFloat(value(form, chosen === "point" ? "place_lat" : "hint_lat"));
      var lon = parseFloat(value(form, chosen === "point" ? "place_lon" : "hint_lon"));
      if (isNaN(lat) || isNaN(lon)) return;
      marker(lat, lon, { radius: 7, color: "#15803d", weight: 3, fillOpacity: 0.7, className: "ingest-chosen-marker" },
        "#" + numberOf(form) + " " + value(form, "place_name")).addTo(layers.chosen);
    });
  }

  function drawLocated() {
    (data ? data.located : []).forEach(function (place) {
      marker(place.lat, place.lon, { radius: 4, color: "#555", weight: 1, fillOpacity: 0.6, className: "ingest-located-marker" },
        "“" + place.text + "” → " + place.name + (place.admin1 ? " (" + place.admin1 + ")" : ""))
        .addTo(layers.located);
    });
  }

  function fit() {
    var points = [];
    if (data) {
      data.located.forEach(function (p) { points.push([p.lat, p.lon]); });
      data.names.forEach(function (n) {
        n.candidates.forEach(function (c) { points.push([c.lat, c.lon]); });
      });
    }
    if (points.length) map.fitBounds(points, { padding: [30, 30], maxZoom: 10 });
  }

  // Search --------------------------------------------------------------------------

  function search() {
    var input = document.getElementById("ingest-search-q");
    var list = document.getElementById("ingest-search-results");
    var q = input.value.trim();
    list.textContent = "";
    if (layers.results) layers.results.clearLayers();
    if (!q) { setStatus(""); return; }
    var url = mapNode.getAttribute("data-search-url") + "?q=" + encodeURIComponent(q);
    if (map) {
      var centre = map.getCenter();
      url += "&near=" + centre.lat.toFixed(4) + "," + centre.lng.toFixed(4);
    }
    mapNode.setAttribute("data-map-state", "searching");
    setStatus("Searching…");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (answer) {
        if (!answer.ok) {
          setStatus((answer.body.errors || ["The search failed."]).join(" "));
          return;
        }
        var results = answer.body.results || [];
        setStatus(results.length ? results.length + " found." : "Nothing found: click the point on the map.");
        var bounds = [];
        results.forEach(function (entry, i) {
          var item = el("li");
          var button = el("button", "ingest-candidate ingest-result", candidateLabel(entry, i + 1) +
            " · " + fixed(entry.lat) + ", " + fixed(entry.lon));
          button.type = "button";
          button.addEventListener("click", function () { choose({ kind: "gazetteer", entry: entry }); });
          item.appendChild(button);
          list.appendChild(item);
          if (map) {
            marker(entry.lat, entry.lon, { radius: 7, color: "#1d4ed8", weight: 2, fillOpacity: 0.35, className: "ingest-result-marker" },
              candidateLabel(entry, i + 1))
              .on("click", function (event) {
                L.DomEvent.stopPropagation(event);
                choose({ kind: "gazetteer", entry: entry });
              })
              .addTo(layers.results);
            bounds.push([entry.lat, entry.lon]);
          }
        });
        if (map && bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 10 });
      })
      .catch(function () { setStatus("The search failed: try again."); })
      .then(function () { mapNode.setAttribute("data-map-state", "ready"); });
  }

  // Wiring --------------------------------------------------------------------------

  function onMapInit(event) {
    if (!event.detail || event.detail.id !== "ingest-map") return;
    map = event.detail.map;
    ["located", "candidates", "results", "chosen"].forEach(function (name) {
      layers[name] = L.layerGroup().addTo(map);
    });
    drawLocated();
    fit();
    drawCandidates();
    drawChosen();
    map.on("click", function (click) {
      var precision = document.getElementById("ingest-precision");
      choose({
        kind: "point",
        lat: Number(click.latlng.lat.toFixed(6)),
        lon: Number(click.latlng.lng.toFixed(6)),
        precision: precision ? precision.value : "2",
      });
    });
    mapNode.setAttribute("data-map-state", "ready");
  }

  window.addEventListener("map:init", onMapInit);

  document.addEventListener("DOMContentLoaded", function () {
    mapNode = document.getElementById("ingest-map");
    var node = document.getElementById("ingest-map-data");
    data = node ? JSON.parse(node.textContent) : null;
    if (data && !data.names) data = null;
    forms().forEach(function (form) {
      original[form] = {};
      FIELDS.forEach(function (name) { original[form][name] = value(form, name); });
      showChoice(form);  // a page shown again (errors) keeps the choices made
      var typed = field(form, "place_name");
      if (typed) {
        typed.addEventListener("input", function () {
          if (value(form, "place_choice") === "gazetteer") {
            // A typed name is geocoded again on confirm: the row chosen no longer holds.
            setValue(form, "place_choice", "");
            setValue(form, "place_ref", "");
            showChoice(form);
            drawChosen();
            updateNames();
          } else if (value(form, "place_choice") === "point") {
            showChoice(form);
          }
        });
      }
    });
    document.querySelectorAll(".ingest-name-target").forEach(function (button) {
      button.addEventListener("click", function () { targetName(Number(button.getAttribute("data-name"))); });
    });
    document.querySelectorAll(".ingest-candidate[data-candidate]").forEach(function (button) {
      button.addEventListener("click", function () {
        var index = Number(button.getAttribute("data-name"));
        targetName(index);
        choose({ kind: "gazetteer", entry: data.names[index].candidates[Number(button.getAttribute("data-candidate"))] });
      });
    });
    document.querySelectorAll(".ingest-place-target").forEach(function (button) {
      button.addEventListener("click", function () { targetForm(button.getAttribute("data-form")); });
    });
    var go = document.getElementById("ingest-search-go");
    var input = document.getElementById("ingest-search-q");
    if (go) go.addEventListener("click", search);
    if (input) {
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {  // not the page's form: that would propose again
          event.preventDefault();
          search();
        }
      });
    }
    updateNames();
    if (data && data.names.length) targetName(0);
  });
})();
