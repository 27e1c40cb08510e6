/* The event list beside the map (map page): what is in view, or the clusters, read
 * by keyboard and screen reader; Escape in a popup comes back to the list. */
import { colorFor, countText, rangeText, t } from "./config.js";
import { bdi, detailPath, el, placeNode, siteLink } from "./dom.js";
import { openEvent, viewCount, zoomToCluster } from "./map.js";
import { state } from "./state.js";

const LIST_LIMIT = 200;

function listButtons() {
  return Array.prototype.slice.call(document.querySelectorAll("#event-list .event-list__button"));
}

export function bindListKeys() {
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
    // By event id, not by element: opening the popup may pan the map, and the list
    // drawn again after that pan holds new buttons (the old one is detached).
    var back = listButton(state.lastListEventId);
    if (back) {
      back.focus();
    } else {
      state.map.getContainer().focus();
    }
  }, true); // capture: before Leaflet's own Escape handler removes the popup
}

function listButton(eventId) {
  if (eventId === null || eventId === undefined) {
    return null;
  }
  var item = document.querySelector('#event-list li[data-event-id="' + CSS.escape(String(eventId)) + '"]');
  return item && item.querySelector(".event-list__button");
}

export function renderList() {
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
    // What is in view, as the status says (load.showCount), not the larger box loaded.
    var inView = viewCount();
    var n = inView.low === inView.high ? inView.low : inView.low + "–" + inView.high;
    if (count) {
      count.textContent = "(" + rangeText(inView) + ")";
    }
    list.appendChild(el("li", "event-list__summary", t("clustersSummary", { n: n, c: inView.clusters.length })));
    inView.clusters.slice(0, LIST_LIMIT).forEach(function (cluster) {
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
    count.textContent = "(" + countText(visible.length) + ")";
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
      state.lastListEventId = feature.id;
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
