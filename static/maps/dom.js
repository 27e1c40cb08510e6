/* Small DOM helpers: nodes filled with text only, safe links, the status line.
 *
 * Every string from the API is untrusted: DOM nodes are filled with textContent,
 * never innerHTML, and only http(s) URLs become links. No inline styles in markup
 * (CSP style-src 'self'): element.style only.
 */
import { config, t } from "./config.js";

export function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null && text !== "") {
    node.textContent = String(text);
  }
  return node;
}

// Curated text (titles) in its own direction: a U+202E in one title must not
// reorder the text around it (<bdi>, as the server-rendered pages do).
export function bdi(text) {
  return el("bdi", null, text);
}

// For plain-text places (SVG <title>, attributes): Unicode's FSI ... PDI isolate.
export function isolate(text) {
  return "\u2068" + String(text || "") + "\u2069";
}

export function svg(tag, attrs) {
  var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  Object.keys(attrs || {}).forEach(function (name) {
    node.setAttribute(name, String(attrs[name]));
  });
  return node;
}

export function safeHref(url) {
  if (!url) {
    return null;
  }
  try {
    var parsed = new URL(String(url), window.location.href);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (error) {
    return null;
  }
}

// Links to our own pages: absolute and in a new tab when framed by another site.
export function siteLink(path, text, className) {
  var link = el("a", className, text);
  var href = safeHref(config.embed ? config.siteUrl + path : path);
  if (href) {
    link.href = href;
  }
  if (config.embed) {
    link.target = "_blank";
    link.rel = "noopener";
  }
  return link;
}

export function externalLink(url, text, className) {
  var href = safeHref(url);
  if (!href) {
    return el("span", className, text);
  }
  var link = el("a", className, text);
  link.href = href;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  return link;
}

export function token(value) {
  return String(value || "").toLowerCase().replace(/[^a-z0-9_-]/g, "");
}

export function setStatus(text, isError) {
  var node = document.getElementById("map-status");
  if (node) {
    node.textContent = text;
    node.classList.toggle("map-status--error", Boolean(isError));
  }
}

export function setMapState(value) {
  document.body.setAttribute("data-map-state", value);
}

export function detailPath(id) {
  return config.detailUrl.replace("{id}", encodeURIComponent(id));
}

export function placeNode(place) {
  place = place || {};
  var node = el("span", null, place.name);
  if (place.name_ar) {
    node.appendChild(document.createTextNode(" · "));
    var arabic = el("span", null, place.name_ar);
    arabic.lang = "ar";
    arabic.dir = "rtl";
    node.appendChild(arabic);
  }
  if (place.precision && place.precision > 1) {
    node.appendChild(el("small", null, " (" + t("approximate") + ")"));
  }
  return node;
}

export function clamp(value, low, high) {
  return Math.max(low, Math.min(high, value));
}
