/* Embed-only options: the legend drawn on the map, the locked view, and the embed
 * options (timeline=0, lock=1, focus) that its shared links keep. */
import { config, options, t, validColor } from "./config.js";
import { el } from "./dom.js";

export function embedLegendControl() {
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

export function lockView(map) {
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

// Added to the address of an embed as it changes, so a reload keeps its options.
export function embedQuery(extra) {
  if (options.timeline === false) {
    extra.timeline = "0";
  }
  if (options.lock) {
    extra.lock = "1";
  }
  if (config.focus) {
    extra.focus = config.focus;
  }
  return extra;
}
