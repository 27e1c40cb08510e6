/* The offline basemap (countries, Syria's governorates and their names) or the
 * configured tile layer. */
import { config, t } from "./config.js";
import { el, setStatus } from "./dom.js";
import { state } from "./state.js";

let loadCountriesOnce = function () {};

export function addBasemap(map) {
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
  // One static GeoJSON file drawn on the basemap pane once it has loaded.
  function drawFile(url, options, onError) {
    return fetch(url)
      .then(function (response) {
        return response.json();
      })
      .then(function (data) {
        return L.geoJSON(data, Object.assign({ pane: "basemap", renderer: renderer }, options)).addTo(map);
      })
      .catch(onError);
  }
  var governoratesRequested = false;
  function loadGovernorates() {
    if (governoratesRequested) {
      return;
    }
    governoratesRequested = true;
    drawFile(
      config.basemap.governorates,
      {
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
      },
      function () {
        /* Governorate outlines are decoration: the map works without them. */
      }
    ).then(showLabels);
  }
  loadCountriesOnce = function () {
    // The governorates and the countries (the largest static file) load after the
    // first markers are drawn, so the first paint stays small (the embed's budget,
    // issue 16); the sea colour shows until then.
    loadGovernorates();
    if (hasTiles || state.basemapRequested) {
      return;
    }
    state.basemapRequested = true;
    drawFile(
      config.basemap.countries,
      {
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
      },
      function () {
        setStatus(t("basemapError"), true);
      }
    ).then(function (layer) {
      if (layer) {
        layer.bringToBack();
      }
    });
  };
}

// Draws the governorates and the countries once, after addBasemap(); before it,
// does nothing.
export function loadCountries() {
  loadCountriesOnce();
}
