/* Search (map page): places suggested as the reader types, reachable with the arrow
 * keys; picking one filters by that place. Enter searches events (the q filter). */
import { config, t } from "./config.js";
import { el } from "./dom.js";
import { applyFilters, readForm } from "./filters.js";
import { state } from "./state.js";

export function bindSearch() {
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
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
