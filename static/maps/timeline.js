/* The timeline (map page and embed): a histogram of events by day, week, month or
 * year, a draggable window that sets date_from/date_to, and playback. */
import { config, options, t } from "./config.js";
import { clamp, el, isolate, svg } from "./dom.js";
import { state } from "./state.js";
import { getJson, histogramKey } from "./url.js";

const DAY = 86400000;

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


// bind(applyFilters) wires the controls; without a #timeline, every call does nothing.
export const timeline = (function () {
  var root = document.getElementById("timeline");
  var data = null;
  var playing = null;
  var range = null; // [firstDay, lastDay + 1)
  var applyFilters = null; // given by bind()
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

  // The timeline keeps its place while it loads (data-loading: unseen); when it goes
  // (no dates) or changes height, the map's container changes size: Leaflet learns it
  // at once (keeping the centre), so its view, the bbox it asks for and the count of
  // events in view are those of the visible map.
  function show(shown) {
    root.removeAttribute("data-loading");
    root.hidden = !shown;
    if (state.map) {
      state.map.invalidateSize();
    }
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
          show(false);
          range = null;
          return;
        }
        var first = toDay(data.buckets.length ? data.buckets[0].start : data.date_min);
        var last = bucketEnd(toDay(data.buckets.length ? data.buckets[data.buckets.length - 1].start : data.date_max), data.bucket);
        range = [first, Math.max(last, toDay(data.date_max) + 1)];
        show(true);
        drawChart();
        render();
        root.setAttribute("data-ready", "true");
      })
      .catch(function () {
        show(true);
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

  function bind(onFilters) {
    applyFilters = onFilters;
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
