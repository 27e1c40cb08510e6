// Peer for bench/mapbench.py: supercluster (npm) behind a tiny HTTP server.
// usage: node server.js POINTS.json PORT
// POINTS.json: {"id": [...], "lon": [...], "lat": [...], "start": [...], "last": [...], "top": [...]}
// GET /clusters?zoom=Z&bbox=w,s,e,n&from=DAY&to=DAY&top=i,j answers getClusters()
// as JSON. A filter change rebuilds the index, as a supercluster map must; the
// X-Build-Ms and X-Query-Ms headers time the server-side work.
import fs from "node:fs";
import http from "node:http";
import Supercluster from "supercluster";

const [, , file, port] = process.argv;
const data = JSON.parse(fs.readFileSync(file, "utf8"));
const n = data.id.length;
let current = { key: null, index: null };

function build(from, to, tops) {
  const features = [];
  for (let i = 0; i < n; i++) {
    if (data.last[i] < from || data.start[i] > to) continue;
    if (tops && !tops.has(data.top[i])) continue;
    features.push({
      type: "Feature",
      properties: { id: data.id[i], top: data.top[i] },
      geometry: { type: "Point", coordinates: [data.lon[i], data.lat[i]] },
    });
  }
  const index = new Supercluster({ radius: 64, maxZoom: 16, extent: 256 });
  index.load(features);
  return index;
}

http
  .createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    if (url.pathname !== "/clusters") {
      res.writeHead(404).end();
      return;
    }
    const q = url.searchParams;
    const from = Number(q.get("from") ?? -1e9);
    const to = Number(q.get("to") ?? 1e9);
    const topParam = q.get("top") || "";
    const key = `${from}|${to}|${topParam}`;
    let buildMs = 0;
    if (current.key !== key) {
      const t0 = process.hrtime.bigint();
      const tops = topParam ? new Set(topParam.split(",").map(Number)) : null;
      current = { key, index: build(from, to, tops) };
      buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
    }
    const t1 = process.hrtime.bigint();
    const bbox = (q.get("bbox") || "-180,-85,180,85").split(",").map(Number);
    const clusters = current.index.getClusters(bbox, Number(q.get("zoom") || 0));
    const body = JSON.stringify({ type: "FeatureCollection", features: clusters });
    const queryMs = Number(process.hrtime.bigint() - t1) / 1e6;
    res.writeHead(200, {
      "Content-Type": "application/json",
      "X-Build-Ms": buildMs.toFixed(3),
      "X-Query-Ms": queryMs.toFixed(3),
    });
    res.end(body);
  })
  .listen(Number(port), "127.0.0.1", () => console.log(`supercluster on ${port}, ${n} points`));
