/* The filter form (map page) and the one way filters change: applyFilters(), which
 * the form, the place search and the timeline call. */
import { scheduleLoad } from "./load.js";
import { parts, state } from "./state.js";
import { histogramKey, syncUrl } from "./url.js";

export function readForm(form) {
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

export function applyFilters(filters, keepHistogram) {
  var histogramChanged = histogramKey(filters) !== histogramKey(state.filters);
  state.filters = filters;
  var alert = document.querySelector(".alert--error");
  if (alert) {
    alert.remove();
  }
  syncForm();
  syncUrl();
  if (histogramChanged && !keepHistogram) {
    parts.timeline.load();
  }
  parts.timeline.render();
  scheduleLoad(0);
  parts.control.refresh();
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

export function bindForm() {
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
      parts.timeline.stop();
      applyFilters({});
    });
  }
}
