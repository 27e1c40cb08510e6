/* The bbox a view asks for, snapped outward to the slippy-map tile grid of its zoom,
 * and what of an answer lies in the view. Pure functions (no map, no DOM): the
 * browser tests import this module on its own (maps/tests/test_browser_tiles.py).
 *
 * Snapped, a small pan asks the same URL as before, and readers of one map whose
 * views differ by less than a tile ask the same URLs: the server's kept answers and
 * the HTTP caches answer them (issue 16: a view nobody asked costs ~8x an empty
 * response, a view asked again ~2x). The cluster grid's cells (64 px, four per tile
 * side) line up with the tiles, so a snapped box cuts no cell in two.
 */

const MAX_LAT = 85.0511287798; // Web Mercator's edge: the tile grid's first and last rows
const DIGITS = 1e4; // the bbox is sent with four decimals, rounded outward

function tileX(lon, n) {
  return ((lon + 180) / 360) * n;
}

function tileY(lat, n) {
  var phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n;
}

function lonOf(x, n) {
  return (x / n) * 360 - 180;
}

function latOf(y, n) {
  return (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
}

// [west, south, east, north] covering the view [west, south, east, north] at
// `zoom`, on tile edges (the grid's outer rows reach the poles), with four decimals
// rounded outward; null when the view is empty.
export function snapBbox(view, zoom) {
  var n = Math.pow(2, Math.max(0, Math.round(zoom)));
  var west = Math.max(-180, view[0]);
  var south = Math.max(-90, view[1]);
  var east = Math.min(180, view[2]);
  var north = Math.min(90, view[3]);
  if (!(west < east && south < north)) {
    return null;
  }
  var x0 = Math.max(0, Math.floor(tileX(west, n)));
  var x1 = Math.min(n, Math.max(x0 + 1, Math.ceil(tileX(east, n))));
  var y0 = Math.max(0, Math.floor(tileY(north, n))); // rows count southward
  var y1 = Math.min(n, Math.max(y0 + 1, Math.ceil(tileY(south, n))));
  return [
    x0 === 0 ? -180 : Math.floor(lonOf(x0, n) * DIGITS) / DIGITS,
    y1 === n ? -90 : Math.floor(latOf(y1, n) * DIGITS) / DIGITS,
    x1 === n ? 180 : Math.ceil(lonOf(x1, n) * DIGITS) / DIGITS,
    y0 === 0 ? 90 : Math.ceil(latOf(y0, n) * DIGITS) / DIGITS,
  ];
}

function within(view, lon, lat) {
  return lon >= view[0] && lon <= view[2] && lat >= view[1] && lat <= view[3];
}

// Events of an answer inside the view [west, south, east, north]: {low, high,
// clusters (those meeting the view)}; `points` are the events' [lon, lat]. An event
// is counted exactly; a cluster counts in `low` when its events' extent lies in the
// view, in `high` when that extent meets the view (a cluster on the view's edge may
// hold events on both sides). low === high: the count is exact.
export function countInView(view, clusters, points) {
  var low = 0;
  var high = 0;
  var met = [];
  (clusters || []).forEach(function (cluster) {
    var box = cluster.bbox && cluster.bbox.length === 4 ? cluster.bbox : [cluster.lon, cluster.lat, cluster.lon, cluster.lat];
    if (box[2] < view[0] || box[0] > view[2] || box[3] < view[1] || box[1] > view[3]) {
      return;
    }
    high += cluster.count;
    met.push(cluster);
    if (within(view, box[0], box[1]) && within(view, box[2], box[3])) {
      low += cluster.count;
    }
  });
  (points || []).forEach(function (point) {
    if (within(view, point[0], point[1])) {
      low += 1;
      high += 1;
    }
  });
  return { low: low, high: high, clusters: met };
}
