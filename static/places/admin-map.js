// Admin map widgets: the offline basemap under every map (no tile server needed), and on
// the place form the geocoder's candidates, where a click picks one.
(function () {
  "use strict";
  var script = document.currentScript;
  var basemapRoot = script ? script.src.replace(/places\/admin-map\.js.*$/, "basemap/") : "";
  var STYLES = {
    "countries.geojson": { color: "#8a8a8a", weight: 1, fillColor: "#efece4", fillOpacity: 1 },
    "syria-governorates.geojson": { color: "#6b6b6b", weight: 1, dashArray: "4 3", fill: false },
  };

  function hasTiles(map) {
    var found = false;
    map.eachLayer(function (layer) { if (layer instanceof L.TileLayer) found = true; });
    return found;
  }

  function addBasemap(map) {
    if (!basemapRoot || hasTiles(map)) return;
    map.getContainer().style.background = "#cfe3ef";  // sea
    Object.keys(STYLES).forEach(function (name) {
      fetch(basemapRoot + name)
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) return;
          var layer = L.geoJSON(data, { style: STYLES[name], interactive: false });
          layer.addTo(map);
          layer.bringToBack();
        })
        .catch(function () { /* the widget still works without the basemap */ });
    });
  }

  function addCandidates(map) {
    var data = document.getElementById("geocode-candidates");
    if (!data) return;
    var bounds = [];
    JSON.parse(data.textContent).forEach(function (candidate, index) {
      if (typeof candidate.lat !== "number" || typeof candidate.lon !== "number") return;
      var marker = L.circleMarker([candidate.lat, candidate.lon], {
        radius: 8, color: "#b45309", weight: 2, fillOpacity: 0.35,
      }).addTo(map);
      var label = document.createElement("span");
      label.textContent = "#" + (index + 1) + " " + candidate.name +
        " (" + (candidate.admin1 || candidate.country || "") + ")";
      marker.bindTooltip(label);
      marker.on("click", function () {
        var radio = document.querySelector(
          'input[name="use_candidate"][value="' + index + '"]');
        if (radio) { radio.checked = true; radio.focus(); }
      });
      bounds.push([candidate.lat, candidate.lon]);
    });
    if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 11 });
  }

  window.addEventListener("map:init", function (event) {
    var map = event.detail.map;
    addBasemap(map);
    // The geocoder's candidates are points for the location, not for the area's map.
    if (/location-map$/.test(event.detail.id || "")) {
      addCandidates(map);
    }
  });
})();
